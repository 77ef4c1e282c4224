#include "ops/housekeeping.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/error.hpp"
#include "core/log.hpp"

namespace sn::ops {
namespace asio = boost::asio;

namespace {

// Held for one batch's transaction: instances take turns instead of deleting the same rows.
constexpr db::Query kTryLock{
    "housekeeping.try_lock",
    "SELECT pg_try_advisory_xact_lock(hashtext('skillnexus housekeeping'))"};

}  // namespace

void Housekeeping::add(std::string name, db::Query delete_batch) {
  add(
      std::move(name),
      [delete_batch](db::Transaction& tx, int limit) -> asio::awaitable<std::int64_t> {
        auto deleted = co_await tx.execute(delete_batch, limit);
        co_return deleted.integer(0, 0);
      },
      kBatch);
}

void Housekeeping::add(std::string name, Batch batch, int limit) {
  jobs_.push_back({std::move(name), std::move(batch), limit});
}

asio::awaitable<std::int64_t> Housekeeping::run_once() {
  std::int64_t total = 0;
  for (const auto& job : jobs_) {
    std::int64_t handled = 0;
    for (;;) {
      auto tx = co_await db_.begin();
      auto locked = co_await tx.execute(kTryLock);
      if (!locked.boolean(0, 0)) co_return total;  // another instance is at it
      const auto count = co_await job.batch(tx, job.limit);
      co_await tx.commit();
      handled += count;
      if (count < job.limit) break;
    }
    if (handled > 0) log::info("housekeeping", {{"job", job.name}, {"rows", handled}});
    total += handled;
  }
  co_return total;
}

asio::awaitable<void> Housekeeping::loop() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    try {
      co_await run_once();
    } catch (const std::exception& e) {
      // The database may be briefly away; the next round tries again.
      log::warn("housekeeping failed", {{"error", e.what()}});
    }
    timer.expires_after(interval_);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

void Housekeeping::start(asio::any_io_executor executor) {
  asio::co_spawn(executor, loop(), asio::detached);
}

}  // namespace sn::ops
