#pragma once
// Versioned SQL migrations (db/migrations/NNNN_name.sql, compiled into the binary), applied in
// order under a PostgreSQL advisory lock so that N instances starting at once apply each exactly
// once. An applied file must never change: its checksum is recorded and checked.

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"

namespace sn::db {

struct MigrationFile {
  std::string_view file_name;
  std::string_view sql;
};

struct Migration {
  int version;
  std::string name;
  std::string_view sql;
  std::string checksum;  // SHA-256 of the file, hex
};

const std::vector<MigrationFile>& embedded_migrations();

// Validates names (NNNN_name.sql), order and uniqueness; throws std::runtime_error.
std::vector<Migration> parse_migrations(const std::vector<MigrationFile>& files);

// Applies what is missing on `conn` (which must have no statement timeout). Returns the versions
// this call applied. Throws on a changed file or a failing migration (that one is rolled back).
boost::asio::awaitable<std::vector<int>> apply_migrations(Connection& conn,
                                                          const std::vector<Migration>& migrations);

}  // namespace sn::db
