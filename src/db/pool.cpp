#include "db/pool.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/error.hpp"

namespace sn::db {
namespace asio = boost::asio;

struct Pool::Waiter {
  explicit Waiter(asio::any_io_executor ex) : executor(ex), timer(ex) {}
  asio::any_io_executor executor;  // the waiting coroutine's (a strand for HTTP sessions)
  asio::steady_timer timer;
  std::unique_ptr<Connection> conn;  // handed over by release()
  bool may_open = false;             // or: a slot freed up, open a connection yourself
};

Lease::~Lease() {
  if (conn_) pool_->release(std::move(conn_));
}

Pool::Pool(std::string name, std::string conninfo, PoolOptions options)
    : name_(std::move(name)), conninfo_(std::move(conninfo)), options_(std::move(options)) {}

Pool::~Pool() = default;

Pool::Stats Pool::stats() const {
  std::lock_guard lock(mutex_);
  return {in_use_, static_cast<unsigned>(idle_.size()), static_cast<unsigned>(waiters_.size())};
}

void Pool::mark_down(std::chrono::seconds for_how_long) {
  const auto until = std::chrono::steady_clock::now() + for_how_long;
  down_until_.store(until.time_since_epoch().count(), std::memory_order_relaxed);
}

bool Pool::is_down() const {
  return std::chrono::steady_clock::now().time_since_epoch().count() <
         down_until_.load(std::memory_order_relaxed);
}

asio::awaitable<Lease> Pool::open_new() {
  // The caller has already counted this connection in open_ and in_use_.
  auto executor = co_await asio::this_coro::executor;
  std::unique_ptr<Connection> conn;
  try {
    conn = co_await Connection::connect(executor, conninfo_, options_.connect);
  } catch (...) {
    count_failure();
    release(nullptr);
    throw;
  }
  co_return Lease(this, std::move(conn));
}

asio::awaitable<Lease> Pool::acquire() {
  std::shared_ptr<Waiter> waiter;
  {
    std::unique_lock lock(mutex_);
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      ++in_use_;
      co_return Lease(this, std::move(conn));
    }
    if (open_ < options_.size) {
      ++open_;
      ++in_use_;
      lock.unlock();
      co_return co_await open_new();
    }
    waiter = std::make_shared<Waiter>(co_await asio::this_coro::executor);
    waiter->timer.expires_after(options_.acquire_timeout);
    waiters_.push_back(waiter);
  }
  co_await waiter->timer.async_wait(asio::as_tuple(asio::use_awaitable));
  {
    std::unique_lock lock(mutex_);
    if (waiter->conn) co_return Lease(this, std::move(waiter->conn));
    if (!waiter->may_open) {
      std::erase(waiters_, waiter);
      count_failure();
      throw Error(Errc::database_unavailable, "The database is busy. Try again shortly.");
    }
  }
  co_return co_await open_new();
}

void Pool::release(std::unique_ptr<Connection> conn) {
  std::shared_ptr<Waiter> next;
  {
    std::lock_guard lock(mutex_);
    --in_use_;
    const bool keep = conn && conn->reusable();
    if (!keep) {
      conn.reset();  // PQfinish; a transaction left open is rolled back by the server
      --open_;
    }
    if (!waiters_.empty()) {
      next = std::move(waiters_.front());
      waiters_.pop_front();
      ++in_use_;
      if (keep) {
        next->conn = std::move(conn);
      } else {
        ++open_;
        next->may_open = true;
      }
    } else if (keep) {
      idle_.push_back(std::move(conn));
    }
  }
  if (next) wake(next);
}

void Pool::wake(const std::shared_ptr<Waiter>& waiter) {
  // The timer belongs to the waiting coroutine's executor; cancel it there, not on this thread.
  asio::post(waiter->executor, [waiter] { waiter->timer.cancel(); });
}

}  // namespace sn::db
