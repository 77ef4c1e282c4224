#pragma once
// A job queue in PostgreSQL. Workers claim the oldest due job with FOR UPDATE SKIP LOCKED (so
// many workers never take the same one) and hold a lease they extend while they work; a job whose
// worker crashed is claimed again when its lease runs out. A failed job is retried with
// exponential backoff until its attempts are spent. Handlers must be idempotent: a job may run
// again after a crash at any point.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace sn::jobs {

struct Job {
  std::int64_t id = 0;
  std::string kind;
  std::string subject;  // what the job is about (a media id): one live job per kind and subject
  boost::json::object payload;
  int attempts = 0;  // including this one
  int max_attempts = 0;
};

// A failure that retrying cannot fix (a corrupt upload): the job fails at once, no backoff.
class PermanentFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Adds a job in the caller's transaction, so it exists exactly when the change that needs it
// commits. A live job (queued or running) of the same kind and subject makes this a no-op.
// Not a coroutine: the arguments are turned into parameters at the call, so no temporary of the
// caller's co_await outlives it.
boost::asio::awaitable<db::Result> enqueue(db::Transaction& tx, std::string_view kind,
                                           std::string_view subject,
                                           const boost::json::object& payload,
                                           int max_attempts = 5);
boost::asio::awaitable<db::Result> enqueue(db::Transaction& tx, std::string_view kind,
                                           std::string_view subject);

// The delay before attempt n+1 after n failures: 10 s doubling, at most an hour.
std::chrono::seconds retry_delay(int failed_attempts);

struct WorkerOptions {
  std::string worker_id;                 // host:pid, for the job row and the logs
  std::chrono::seconds lease{60};        // extended every third of it while a job runs
  std::chrono::milliseconds poll{1000};  // how often an idle worker looks for work
  unsigned concurrency = 1;              // jobs run at once by this worker
};

// What a running handler can ask: whether it still holds its job (lease not lost).
class JobControl {
 public:
  virtual ~JobControl() = default;
  virtual bool lease_lost() const = 0;
};

class Worker {
 public:
  using Handler = std::function<boost::asio::awaitable<void>(const Job&, const JobControl&)>;
  // Told when a job of its kind has failed for good (attempts spent, or a permanent failure), so
  // the subject can say why (a video marked failed with the reason).
  using FailureHandler =
      std::function<boost::asio::awaitable<void>(const Job&, std::string reason)>;

  Worker(db::Database& db, WorkerOptions options);
  // Declares a kind this worker runs; call before start().
  void handle(std::string kind, Handler handler, FailureHandler on_failure);
  void start(boost::asio::any_io_executor executor);
  // Claims and runs one due job, if any: what the loop does each time; for tests.
  boost::asio::awaitable<bool> run_one();

 private:
  struct Kind {
    Handler handler;
    FailureHandler on_failure;
  };
  boost::asio::awaitable<void> loop();
  boost::asio::awaitable<void> requeue_expired();
  boost::asio::awaitable<std::optional<Job>> claim();
  boost::asio::awaitable<void> run(Job job);
  boost::asio::awaitable<void> failed(const Job& job, std::string reason, bool permanent);

  db::Database& db_;
  WorkerOptions options_;
  std::map<std::string, Kind> kinds_by_name_;
  std::string kinds_;  // PostgreSQL array literal of the handled kinds
};

}  // namespace sn::jobs
