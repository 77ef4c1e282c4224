#include "db/result.hpp"

#include <libpq-fe.h>

#include <charconv>

namespace sn::db {

Result::Result(PGresult* result) : result_(result, &PQclear) {}

int Result::rows() const {
  return result_ ? PQntuples(result_.get()) : 0;
}

int Result::columns() const {
  return result_ ? PQnfields(result_.get()) : 0;
}

std::int64_t Result::affected() const {
  if (!result_) return 0;
  const char* text = PQcmdTuples(result_.get());
  std::int64_t n = 0;
  std::from_chars(text, text + std::char_traits<char>::length(text), n);
  return n;
}

int Result::column(std::string_view name) const {
  const int n = columns();
  for (int i = 0; i < n; ++i) {
    if (name == PQfname(result_.get(), i)) return i;
  }
  throw std::out_of_range("no column " + std::string(name));
}

bool Result::is_null(int row, int col) const {
  return PQgetisnull(result_.get(), row, col) != 0;
}

std::string_view Result::text(int row, int col) const {
  if (row < 0 || row >= rows() || col < 0 || col >= columns()) {
    throw std::out_of_range("result cell out of range");
  }
  return {PQgetvalue(result_.get(), row, col),
          static_cast<std::size_t>(PQgetlength(result_.get(), row, col))};
}

std::int64_t Result::integer(int row, int col) const {
  auto value = text(row, col);
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc{} || end != value.data() + value.size()) {
    throw std::runtime_error("not an integer column");
  }
  return n;
}

std::optional<std::string> Result::optional_text(int row, std::string_view col) const {
  const int c = column(col);
  if (is_null(row, c)) return std::nullopt;
  return std::string(text(row, c));
}

}  // namespace sn::db
