#pragma once
// A query result (owns the PGresult). Values are in text format; typed accessors parse them.

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

typedef struct pg_result PGresult;

namespace sn::db {

// A statement PostgreSQL refused (constraint, syntax, …). `sqlstate` lets callers map the ones they
// expect, such as 23505 unique_violation, to API errors; the message is for logs only.
class QueryError : public std::runtime_error {
 public:
  QueryError(std::string sqlstate, const std::string& message)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

class Result {
 public:
  Result() = default;
  explicit Result(PGresult* result);

  int rows() const;
  int columns() const;
  bool empty() const { return rows() == 0; }
  // Rows changed by INSERT/UPDATE/DELETE.
  std::int64_t affected() const;

  int column(std::string_view name) const;  // throws std::out_of_range
  bool is_null(int row, int col) const;
  std::string_view text(int row, int col) const;
  std::string_view text(int row, std::string_view col) const { return text(row, column(col)); }
  std::int64_t integer(int row, int col) const;
  std::int64_t integer(int row, std::string_view col) const { return integer(row, column(col)); }
  bool boolean(int row, int col) const { return text(row, col) == "t"; }
  std::optional<std::string> optional_text(int row, std::string_view col) const;

 private:
  std::shared_ptr<PGresult> result_;
};

}  // namespace sn::db
