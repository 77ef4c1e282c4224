#pragma once
// A bounded pool of connections to one PostgreSQL server. acquire() suspends the coroutine (never
// the thread) while every connection is busy, up to acquire_timeout; then the request gets 503.

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace sn::db {

struct PoolOptions {
  unsigned size = 16;
  std::chrono::milliseconds acquire_timeout{3000};
  ConnectOptions connect;
};

class Pool;

// A borrowed connection; going out of scope returns it (or drops it if it is no longer clean).
class Lease {
 public:
  Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  Connection* operator->() const { return conn_.get(); }
  Connection& operator*() const { return *conn_; }

 private:
  Pool* pool_;
  std::unique_ptr<Connection> conn_;
};

class Pool {
 public:
  struct Stats {
    unsigned in_use = 0;
    unsigned idle = 0;
    unsigned waiting = 0;
  };

  Pool(std::string name, std::string conninfo, PoolOptions options);
  ~Pool();

  boost::asio::awaitable<Lease> acquire();

  const std::string& name() const { return name_; }
  Stats stats() const;
  std::uint64_t queries() const { return queries_.load(std::memory_order_relaxed); }
  std::uint64_t failures() const { return failures_.load(std::memory_order_relaxed); }
  void count_query() { queries_.fetch_add(1, std::memory_order_relaxed); }
  void count_failure() { failures_.fetch_add(1, std::memory_order_relaxed); }

  // Replica health: a pool that failed to connect sits out for a while; reads go elsewhere.
  void mark_down(std::chrono::seconds for_how_long);
  bool is_down() const;

 private:
  friend class Lease;
  struct Waiter;
  void release(std::unique_ptr<Connection> conn);
  void wake(const std::shared_ptr<Waiter>& waiter);
  boost::asio::awaitable<Lease> open_new();

  const std::string name_;
  const std::string conninfo_;
  const PoolOptions options_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::deque<std::shared_ptr<Waiter>> waiters_;
  unsigned open_ = 0;    // idle + in use + being opened
  unsigned in_use_ = 0;  // leased or being opened
  std::atomic<std::uint64_t> queries_{0};
  std::atomic<std::uint64_t> failures_{0};
  std::atomic<std::int64_t> down_until_{0};
};

}  // namespace sn::db
