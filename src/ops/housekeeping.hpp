#pragma once
// Periodic upkeep: deleting rows nobody needs any more (expired sessions and tokens, old throttle
// counters, ...), so tables stay the size of what is live, and finishing what nobody will (quiz
// attempts left open past their deadline). Every instance runs the loop; an advisory lock lets
// one of them work at a time. Work goes in batches, each its own short transaction, so a backlog
// never holds locks or bloats one transaction.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace sn::ops {

class Housekeeping {
 public:
  static constexpr int kBatch = 5000;

  Housekeeping(db::Database& db, std::chrono::seconds interval) : db_(db), interval_(interval) {}

  // `delete_batch` deletes at most $1 rows and returns one row: how many it deleted.
  void add(std::string name, db::Query delete_batch);
  // A batch of work in C++: handles at most `limit` items inside `tx`, returns how many.
  using Batch = std::function<boost::asio::awaitable<std::int64_t>(db::Transaction& tx, int limit)>;
  void add(std::string name, Batch batch, int limit);

  // The loop: one round at start-up, then one every interval, until the executor stops.
  void start(boost::asio::any_io_executor executor);
  // One round over every job; returns the items handled (0 if another instance holds the lock).
  boost::asio::awaitable<std::int64_t> run_once();

 private:
  struct Job {
    std::string name;
    Batch batch;
    int limit;
  };
  boost::asio::awaitable<void> loop();

  db::Database& db_;
  std::chrono::seconds interval_;
  std::vector<Job> jobs_;
};

}  // namespace sn::ops
