#pragma once
// The primary pool plus one pool per read replica. Everything goes to the primary unless a caller
// says, with read_replica(), that the read may lag; if every replica is down it falls back to the
// primary.

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>
#include <vector>

#include "db/pool.hpp"
#include "db/query.hpp"
#include "db/result.hpp"

namespace sn::db {

// An explicit transaction on the primary. Destroyed without commit(): the connection is dropped,
// which makes the server roll back; nothing half-written survives.
class Transaction {
 public:
  explicit Transaction(Lease lease, Pool& pool) : lease_(std::move(lease)), pool_(&pool) {}
  // Not a coroutine itself: the parameters are converted now, before the caller's arguments can
  // go out of scope.
  template <typename... Args>
  boost::asio::awaitable<Result> execute(Query query, Args&&... args) {
    return run(query, make_params(std::forward<Args>(args)...));
  }
  boost::asio::awaitable<void> commit();

 private:
  boost::asio::awaitable<Result> run(Query query, Params params);

  Lease lease_;
  Pool* pool_;
};

// Connections are bound to the io_context they were opened on: destroy the Database before it.
class Database {
 public:
  // With `invalidations`, the primary's connections listen for cache invalidations, so a
  // change's own notifications are delivered before the statement that made it returns.
  Database(const std::string& primary, const std::vector<std::string>& replicas,
           const PoolOptions& options, Invalidations* invalidations = nullptr);

  // These two are not coroutines: parameters are converted at the call, so temporaries passed
  // in never dangle inside a suspended frame.
  template <typename... Args>
  boost::asio::awaitable<Result> query(Query query, Args&&... args) {
    return run(*primary_, query, make_params(std::forward<Args>(args)...));
  }

  // For reads that tolerate replication lag (catalog pages, reports). Never read-your-own-write.
  template <typename... Args>
  boost::asio::awaitable<Result> read_replica(Query query, Args&&... args) {
    return run_on_replica(query, make_params(std::forward<Args>(args)...));
  }

  boost::asio::awaitable<Transaction> begin();

  Pool& primary() { return *primary_; }
  const std::vector<std::unique_ptr<Pool>>& replicas() const { return replicas_; }

  // Appends the pools' Prometheus families.
  void render_metrics(std::string& out) const;

 private:
  boost::asio::awaitable<Result> run(Pool& pool, Query query, Params params);
  boost::asio::awaitable<Result> run_on_replica(Query query, Params params);

  std::unique_ptr<Pool> primary_;
  std::vector<std::unique_ptr<Pool>> replicas_;
  std::atomic<unsigned> next_replica_{0};
};

}  // namespace sn::db
