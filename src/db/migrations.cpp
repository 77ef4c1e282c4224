#include "db/migrations.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>

#include "core/hash.hpp"
#include "core/log.hpp"
#include "db/query.hpp"

namespace sn::db {
namespace asio = boost::asio;

namespace {

// Any constant shared by every instance; spells "SKNXMIGR".
constexpr std::int64_t kMigrationLockKey = 0x534b4e584d494752;

constexpr Query kLock{"migrations.lock", "SELECT pg_advisory_lock($1)"};
constexpr Query kUnlock{"migrations.unlock", "SELECT pg_advisory_unlock($1)"};
constexpr Query kApplied{"migrations.applied",
                         "SELECT version, checksum FROM schema_migrations ORDER BY version"};
constexpr Query kRecord{"migrations.record",
                        "INSERT INTO schema_migrations (version, name, checksum) "
                        "VALUES ($1, $2, $3)"};

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version integer PRIMARY KEY,"
    " name text NOT NULL,"
    " checksum text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";

}  // namespace

std::vector<Migration> parse_migrations(const std::vector<MigrationFile>& files) {
  std::vector<Migration> migrations;
  for (const auto& file : files) {
    const auto name = file.file_name;
    const auto underscore = name.find('_');
    int version = 0;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), version);
    if (underscore != 4 || ec != std::errc{} || end != name.data() + 4 || version <= 0 ||
        !name.ends_with(".sql") || name.size() <= 9) {
      throw std::runtime_error("migration file '" + std::string(name) +
                               "' is not named NNNN_description.sql");
    }
    migrations.push_back(
        {version, std::string(name.substr(5, name.size() - 9)), file.sql, sha256_hex(file.sql)});
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version == migrations[i - 1].version) {
      throw std::runtime_error("two migrations have version " +
                               std::to_string(migrations[i].version));
    }
  }
  return migrations;
}

asio::awaitable<std::vector<int>> apply_migrations(Connection& conn,
                                                   const std::vector<Migration>& migrations) {
  co_await conn.execute(kLock, make_params(kMigrationLockKey));
  std::vector<int> applied_now;
  std::exception_ptr failure;
  bool in_transaction = false;
  try {
    co_await conn.run_script(kCreateTable);
    auto rows = co_await conn.execute(kApplied, {});
    std::map<int, std::string> applied;
    for (int r = 0; r < rows.rows(); ++r) {
      applied[static_cast<int>(rows.integer(r, 0))] = std::string(rows.text(r, 1));
    }
    for (const auto& m : migrations) {
      if (auto it = applied.find(m.version); it != applied.end()) {
        if (it->second != m.checksum) {
          throw std::runtime_error("migration " + std::to_string(m.version) + " (" + m.name +
                                   ") was changed after it was applied; add a new migration "
                                   "instead of editing an applied one");
        }
        continue;
      }
      in_transaction = true;
      co_await conn.run_script("BEGIN");
      co_await conn.run_script(std::string(m.sql));
      co_await conn.execute(kRecord, make_params(m.version, m.name, m.checksum));
      co_await conn.run_script("COMMIT");
      in_transaction = false;
      applied_now.push_back(m.version);
      log::info("migration applied", {{"version", m.version}, {"name", m.name}});
    }
    if (!applied.empty() && !migrations.empty() &&
        applied.rbegin()->first > migrations.back().version) {
      log::warn("the database has migrations this build does not know (a newer version ran)",
                {{"database_version", applied.rbegin()->first}});
    }
  } catch (...) {
    failure = std::current_exception();
  }
  if (in_transaction) co_await conn.run_script("ROLLBACK");
  co_await conn.execute(kUnlock, make_params(kMigrationLockKey));
  if (failure) std::rethrow_exception(failure);
  co_return applied_now;
}

}  // namespace sn::db
