// The database layer (async libpq pools, prepared statements, transactions, timeouts) against a
// real PostgreSQL: the embedded cluster of a running server.

#include "db/database.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include "core/error.hpp"
#include "database_host.hpp"
#include "harness.hpp"
#include "pg.hpp"

namespace sn::test {
namespace {

namespace asio = boost::asio;

constexpr db::Query kCreate{"test.create",
                            "CREATE TABLE IF NOT EXISTS db_test_items (id int PRIMARY KEY, "
                            "label text NOT NULL)"};
constexpr db::Query kInsert{"test.insert", "INSERT INTO db_test_items (id, label) VALUES ($1, $2)"};
constexpr db::Query kCount{"test.count", "SELECT count(*) FROM db_test_items WHERE id >= $1"};
constexpr db::Query kEcho{"test.echo", "SELECT $1::text AS a, $2::bigint AS b, $3::text AS c"};
constexpr db::Query kSleep{"test.sleep", "SELECT pg_sleep($1::float8)"};
constexpr db::Query kBackends{"test.backends",
                              "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1"};

// A named coroutine, not a lambda: a detached lambda coroutine would outlive its closure.
asio::awaitable<void> sleep_briefly(db::Database& database, std::atomic<int>& done) {
  co_await database.query(kSleep, "0.05");
  ++done;
}

// The problem code a query fails with, or "no error".
asio::awaitable<std::string> error_code_of(db::Database& database, const db::Query& query) {
  try {
    co_await database.query(query, "a", 1, "c");
  } catch (const Error& e) {
    co_return std::string(e.info().code);
  }
  co_return "no error";
}

class Database : public DatabaseHost {
 protected:
  // Runs `body` as a coroutine on two threads and returns its result. The io_context is the
  // fixture's, so it outlives each test's Database and the connections that pool keeps.
  template <typename F>
  auto run(F body) {
    ioc_.restart();
    auto future = asio::co_spawn(asio::make_strand(ioc_), body(), asio::use_future);
    std::thread second([this] { ioc_.run(); });
    ioc_.run();
    second.join();
    return future.get();
  }

  asio::io_context ioc_;

  // Generous limits: the sanitizer build on a busy CI machine is slow. Tests about limits set
  // their own.
  static db::PoolOptions options(unsigned size, const std::string& app_name) {
    db::PoolOptions o;
    o.size = size;
    o.acquire_timeout = std::chrono::seconds(10);
    o.connect.statement_timeout = std::chrono::seconds(10);
    o.connect.application_name = app_name;
    return o;
  }
};

TEST_F(Database, PreparedStatementsBindTextIntegersAndNull) {
  db::Database database(*conninfo_, {}, options(2, "db-test-bind"));
  auto result = run([&]() -> asio::awaitable<db::Result> {
    co_return co_await database.query(kEcho, std::string_view("it's \"quoted\""), std::int64_t{-42},
                                      std::nullopt);
  });
  ASSERT_EQ(result.rows(), 1);
  EXPECT_EQ(result.text(0, "a"), "it's \"quoted\"");
  EXPECT_EQ(result.integer(0, "b"), -42);
  EXPECT_TRUE(result.is_null(0, 2));
}

TEST_F(Database, TransactionsCommitOrLeaveNothingBehind) {
  db::Database database(*conninfo_, {}, options(2, "db-test-tx"));
  auto count = run([&]() -> asio::awaitable<std::int64_t> {
    co_await database.query(kCreate);
    {
      auto tx = co_await database.begin();
      co_await tx.execute(kInsert, 1001, "kept");
      co_await tx.commit();
    }
    {
      // Abandoned after a write: the connection is dropped and the server rolls back.
      auto tx = co_await database.begin();
      co_await tx.execute(kInsert, 1002, "rolled back");
    }
    bool duplicate_rejected = false;
    try {
      auto tx = co_await database.begin();
      co_await tx.execute(kInsert, 1003, "first");
      co_await tx.execute(kInsert, 1001, "duplicate key");
      co_await tx.commit();
    } catch (const db::QueryError& e) {
      duplicate_rejected = e.sqlstate() == "23505";
    }
    EXPECT_TRUE(duplicate_rejected);
    auto rows = co_await database.query(kCount, 1001);
    co_return rows.integer(0, 0);
  });
  EXPECT_EQ(count, 1);  // only "kept": 1002 and 1003 were rolled back
  Pg(*conninfo_).scalar("DROP TABLE db_test_items");
}

TEST_F(Database, StatementTimeoutBecomes503AndThePoolRecovers) {
  auto o = options(1, "db-test-timeout");
  o.connect.statement_timeout = std::chrono::milliseconds(300);
  db::Database database(*conninfo_, {}, o);
  auto outcome = run([&]() -> asio::awaitable<std::string> {
    std::string code;
    try {
      co_await database.query(kSleep, "2");
    } catch (const Error& e) {
      code = std::string(e.info().code);
    }
    auto ok = co_await database.query(kEcho, "a", 1, "c");
    co_return code + "/" + std::string(ok.text(0, 0));
  });
  EXPECT_EQ(outcome, "database_unavailable/a");
}

TEST_F(Database, PoolNeverOpensMoreThanItsSizeAndQueuesTheRest) {
  db::Database database(*conninfo_, {}, options(2, "db-test-pool"));
  auto backends = run([&]() -> asio::awaitable<std::int64_t> {
    std::atomic<int> done{0};
    for (int i = 0; i < 6; ++i) {
      // Each on a strand of its own, as HTTP sessions are: connections change hands across them.
      asio::co_spawn(asio::make_strand(ioc_), sleep_briefly(database, done), asio::detached);
    }
    asio::steady_timer wait(co_await asio::this_coro::executor);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (done < 6 && std::chrono::steady_clock::now() < deadline) {
      wait.expires_after(std::chrono::milliseconds(10));
      co_await wait.async_wait(asio::use_awaitable);
    }
    EXPECT_EQ(database.primary().stats().in_use, 0u);
    EXPECT_EQ(database.primary().stats().idle, 2u);
    auto rows = co_await database.query(kBackends, "db-test-pool");
    co_return rows.integer(0, 0);
  });
  EXPECT_EQ(backends, 2);
}

TEST_F(Database, ExhaustedPoolTimesOutWith503) {
  auto o = options(1, "db-test-exhausted");
  o.acquire_timeout = std::chrono::milliseconds(300);
  db::Database database(*conninfo_, {}, o);
  auto code = run([&]() -> asio::awaitable<std::string> {
    auto held = co_await database.primary().acquire();  // the only connection, kept busy
    co_return co_await error_code_of(database, kEcho);
  });
  EXPECT_EQ(code, "database_unavailable");
}

TEST_F(Database, UnreachableServerIs503NotACrash) {
  db::Database database("host=/tmp/skillnexus-nowhere port=5432 dbname=x", {},
                        options(1, "db-test-down"));
  auto code = run(
      [&]() -> asio::awaitable<std::string> { co_return co_await error_code_of(database, kEcho); });
  EXPECT_EQ(code, "database_unavailable");
}

TEST_F(Database, ServerThatNeverAnswersTimesOut) {
  // A listener whose backlog completes the TCP handshake, but nobody ever speaks PostgreSQL.
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(listener, 16), 0);
  socklen_t length = sizeof addr;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &length);
  auto o = options(1, "db-test-blackhole");
  o.connect.connect_timeout = std::chrono::milliseconds(500);
  db::Database database(
      "host=127.0.0.1 port=" + std::to_string(ntohs(addr.sin_port)) + " dbname=x sslmode=disable",
      {}, o);
  const auto started = std::chrono::steady_clock::now();
  auto code = run(
      [&]() -> asio::awaitable<std::string> { co_return co_await error_code_of(database, kEcho); });
  EXPECT_EQ(code, "database_unavailable");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  ::close(listener);
}

}  // namespace
}  // namespace sn::test
