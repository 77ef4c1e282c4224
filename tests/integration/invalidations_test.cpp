// Cache invalidation over LISTEN/NOTIFY against a real PostgreSQL (the embedded cluster of a
// running server): caches serve only while the listener is connected, drop what a notification
// names, refuse a read that raced with one, and start empty again after the listener's
// connection is cut and comes back.

#include "db/invalidations.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <thread>

#include "database_host.hpp"
#include "db/connection.hpp"
#include "db/database.hpp"
#include "db/invalidated_cache.hpp"
#include "harness.hpp"
#include "pg.hpp"

namespace sn::test {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

class Invalidations : public DatabaseHost {
 protected:
  // The listener runs on its own thread for the whole test.
  void SetUp() override {
    db::ConnectOptions options;
    options.application_name = "invalidations-test";
    asio::co_spawn(ioc_, invalidations_.listen(*conninfo_, options), asio::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  void TearDown() override {
    ioc_.stop();
    thread_.join();
  }

  void notify(const std::string& payload) {
    Pg(*conninfo_).scalar("SELECT pg_notify('skillnexus_invalidate', '" + payload + "')");
  }

  // Declared before the io_context, so the listener's coroutine is destroyed first.
  db::Invalidations invalidations_;
  db::InvalidatedCache<std::string> cache_{invalidations_, "test", "thing", 100, 60s};
  asio::io_context ioc_;
  std::thread thread_;
};

TEST_F(Invalidations, CachesServeOnlyWhileListeningAndDropWhatIsNamed) {
  ASSERT_TRUE(eventually([&] { return invalidations_.live(); }));
  cache_.put("a", "1", cache_.ticket());
  cache_.put("b", "2", cache_.ticket());
  cache_.put("c", "3", cache_.ticket());
  EXPECT_EQ(cache_.get("a"), "1");

  notify("thing:a");
  EXPECT_TRUE(eventually([&] { return !cache_.get("a"); }));
  EXPECT_EQ(cache_.get("b"), "2");
  notify("other:b");  // another topic
  notify("thing");    // everything of this one
  EXPECT_TRUE(eventually([&] { return !cache_.get("b") && !cache_.get("c"); }));

  // A read that began before an invalidation must not be stored after it.
  const auto before = cache_.ticket();
  cache_.put("marker", "m", cache_.ticket());
  notify("thing:marker");
  ASSERT_TRUE(eventually([&] { return !cache_.get("marker"); }));
  cache_.put("late", "stale", before);
  EXPECT_FALSE(cache_.get("late"));
  cache_.put("late", "fresh", cache_.ticket());
  EXPECT_EQ(cache_.get("late"), "fresh");

  // An entry never outlives the time to live it was given.
  cache_.put("brief", "x", cache_.ticket(), 1ms);
  std::this_thread::sleep_for(5ms);
  EXPECT_FALSE(cache_.get("brief"));
}

TEST_F(Invalidations, LosingTheListenerEmptiesTheCachesUntilItIsBack) {
  ASSERT_TRUE(eventually([&] { return invalidations_.live(); }));
  cache_.put("kept", "1", cache_.ticket());
  ASSERT_EQ(cache_.get("kept"), "1");

  // Cut the listener's connection as a failover or a restart of PostgreSQL would.
  Pg(*conninfo_)
      .scalar(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
          "WHERE application_name = 'invalidations-test invalidations'");
  // Off at once (nothing served from before), then back within the retry delay, empty.
  EXPECT_TRUE(eventually([&] { return !cache_.get("kept"); }));
  ASSERT_TRUE(eventually([&] {
    return invalidations_.live() &&
           Pg(*conninfo_)
                   .scalar(
                       "SELECT count(*) FROM pg_stat_activity "
                       "WHERE application_name = 'invalidations-test invalidations'") == "1";
  }));
  EXPECT_FALSE(cache_.get("kept"));
  cache_.put("new", "2", cache_.ticket());
  EXPECT_EQ(cache_.get("new"), "2");
  notify("thing:new");
  EXPECT_TRUE(eventually([&] { return !cache_.get("new"); }));
}

// The connections of a listening pool deliver their own transaction's notifications before the
// statement returns: the instance that revokes a session cannot serve it a moment later.
TEST_F(Invalidations, APoolConnectionDeliversItsOwnChangeBeforeTheStatementReturns) {
  db::Invalidations pool_invalidations;  // not listening itself: only the pool delivers to it
  std::vector<std::string> delivered;
  pool_invalidations.subscribe(
      "thing", [&](std::string_view key) { delivered.emplace_back(key); }, [] {});
  asio::io_context local;
  db::PoolOptions options;
  options.size = 1;
  options.connect.application_name = "invalidations-test-pool";
  db::Database database(*conninfo_, {}, options, &pool_invalidations);
  constexpr db::Query kNotify{"test.notify",
                              "SELECT pg_notify('skillnexus_invalidate', 'thing:own')"};
  std::vector<std::string> seen_on_return;
  asio::co_spawn(
      local,
      [&]() -> asio::awaitable<void> {
        co_await database.query(kNotify);
        seen_on_return = delivered;
      },
      asio::detached);
  local.run();
  EXPECT_EQ(seen_on_return, std::vector<std::string>{"own"});
}

}  // namespace
}  // namespace sn::test
