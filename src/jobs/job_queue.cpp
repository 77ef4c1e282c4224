#include "jobs/job_queue.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/log.hpp"

namespace sn::jobs {
namespace asio = boost::asio;

namespace {

constexpr db::Query kEnqueue{
    "jobs.enqueue",
    "INSERT INTO jobs (kind, payload, max_attempts) VALUES ($1, $2::jsonb, $3) "
    "ON CONFLICT (kind, (payload ->> 'subject')) WHERE status IN ('queued', 'running') "
    "DO NOTHING"};

// Jobs whose worker stopped extending the lease: queued again, or failed if that was the last
// attempt. Served by the partial index on running jobs.
constexpr db::Query kRequeueExpired{
    "jobs.requeue_expired",
    "UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END, "
    "  run_after = now(), lease_until = NULL, worker = NULL, updated_at = now(), "
    "  last_error = 'the worker stopped during attempt ' || attempts "
    "WHERE status = 'running' AND lease_until < now() AND kind = ANY($1::text[]) "
    "RETURNING id, kind, payload ->> 'subject' AS subject, payload::text AS payload, attempts, "
    "  max_attempts, status"};

// The oldest due job of a kind this worker runs; SKIP LOCKED lets concurrent workers pass over
// the rows others are claiming instead of queueing behind them.
constexpr db::Query kClaim{
    "jobs.claim",
    "UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, worker = $1, "
    "  lease_until = now() + $3 * interval '1 second', updated_at = now() "
    "FROM (SELECT id FROM jobs WHERE status = 'queued' AND run_after <= now() "
    "      AND kind = ANY($2::text[]) ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED) next "
    "WHERE j.id = next.id "
    "RETURNING j.id, j.kind, j.payload ->> 'subject' AS subject, j.payload::text AS payload, "
    "  j.attempts, j.max_attempts"};

constexpr db::Query kExtend{
    "jobs.extend_lease",
    "UPDATE jobs SET lease_until = now() + $3 * interval '1 second', updated_at = now() "
    "WHERE id = $1 AND worker = $2 AND status = 'running' AND attempts = $4"};

constexpr db::Query kComplete{
    "jobs.complete",
    "UPDATE jobs SET status = 'done', lease_until = NULL, last_error = NULL, updated_at = now() "
    "WHERE id = $1 AND worker = $2 AND status = 'running' AND attempts = $3"};

constexpr db::Query kFail{
    "jobs.fail",
    "UPDATE jobs SET status = CASE WHEN $4 OR attempts >= max_attempts THEN 'failed' "
    "    ELSE 'queued' END, "
    "  run_after = now() + $5 * interval '1 second', lease_until = NULL, worker = NULL, "
    "  last_error = left($3, 2000), updated_at = now() "
    "WHERE id = $1 AND worker = $2 AND status = 'running' AND attempts = $6 "
    "RETURNING status"};

Job job_from(const db::Result& r, int row) {
  Job job;
  job.id = r.integer(row, "id");
  job.kind = std::string(r.text(row, "kind"));
  job.subject = r.optional_text(row, "subject").value_or("");
  job.payload = boost::json::parse(r.text(row, "payload")).as_object();
  job.attempts = static_cast<int>(r.integer(row, "attempts"));
  job.max_attempts = static_cast<int>(r.integer(row, "max_attempts"));
  return job;
}

struct LeaseState final : JobControl {
  bool lost = false;
  bool done = false;
  bool lease_lost() const override { return lost; }
};

// Extends the lease every third of it until the job is done; marks it lost if the row says
// another worker has it now (this one was presumed dead), so the handler can stop.
asio::awaitable<void> keep_lease(db::Database* db, std::shared_ptr<LeaseState> state,
                                 std::shared_ptr<asio::steady_timer> timer, Job job,
                                 std::string worker, std::chrono::seconds lease) {
  while (!state->done) {
    timer->expires_after(lease / 3);
    // Cut short when the job ends (the timer is cancelled): `done` then stops the loop.
    co_await timer->async_wait(asio::as_tuple(asio::use_awaitable));
    if (state->done) break;
    try {
      auto extended = co_await db->query(kExtend, job.id, worker, lease.count(), job.attempts);
      if (extended.affected() == 0) {
        state->lost = true;
        log::warn("job lease lost", {{"job", job.id}, {"kind", job.kind}});
        break;
      }
    } catch (const std::exception& e) {
      // The database may be back before the lease runs out: keep trying.
      log::warn("job lease not extended", {{"job", job.id}, {"error", e.what()}});
    }
  }
}

}  // namespace

asio::awaitable<db::Result> enqueue(db::Transaction& tx, std::string_view kind,
                                    std::string_view subject, const boost::json::object& payload,
                                    int max_attempts) {
  boost::json::object with_subject = payload;
  with_subject["subject"] = subject;
  return tx.execute(kEnqueue, kind, boost::json::serialize(with_subject), max_attempts);
}

asio::awaitable<db::Result> enqueue(db::Transaction& tx, std::string_view kind,
                                    std::string_view subject) {
  static const boost::json::object kNoPayload;
  return enqueue(tx, kind, subject, kNoPayload);
}

std::chrono::seconds retry_delay(int failed_attempts) {
  const int doublings = std::clamp(failed_attempts - 1, 0, 20);
  return std::min<std::chrono::seconds>(std::chrono::seconds(10 * (1LL << doublings)),
                                        std::chrono::seconds(3600));
}

Worker::Worker(db::Database& db, WorkerOptions options) : db_(db), options_(std::move(options)) {}

void Worker::handle(std::string kind, Handler handler, FailureHandler on_failure) {
  kinds_by_name_[kind] = Kind{std::move(handler), std::move(on_failure)};
  std::vector<std::string> names;
  for (const auto& [name, _] : kinds_by_name_)
    names.push_back(name);
  kinds_ = db::text_array(names);
}

void Worker::start(asio::any_io_executor executor) {
  for (unsigned i = 0; i < options_.concurrency; ++i) {
    asio::co_spawn(executor, loop(), asio::detached);
  }
  log::info(
      "worker started",
      {{"worker", options_.worker_id}, {"kinds", kinds_}, {"concurrency", options_.concurrency}});
}

asio::awaitable<void> Worker::loop() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    bool ran = false;
    try {
      ran = co_await run_one();
    } catch (const std::exception& e) {
      log::warn("worker could not claim a job", {{"error", e.what()}});
    }
    if (!ran) {
      timer.expires_after(options_.poll);
      co_await timer.async_wait(asio::use_awaitable);
    }
  }
}

asio::awaitable<bool> Worker::run_one() {
  co_await requeue_expired();
  auto job = co_await claim();
  if (!job) co_return false;
  co_await run(std::move(*job));
  co_return true;
}

asio::awaitable<void> Worker::requeue_expired() {
  auto expired = co_await db_.query(kRequeueExpired, kinds_);
  for (int i = 0; i < expired.rows(); ++i) {
    auto job = job_from(expired, i);
    const bool gave_up = expired.text(i, "status") == "failed";
    log::warn("job lease expired", {{"job", job.id}, {"kind", job.kind}, {"failed", gave_up}});
    if (gave_up) {
      co_await kinds_by_name_.at(job.kind).on_failure(
          job, "The worker stopped " + std::to_string(job.attempts) + " times on this job.");
    }
  }
}

asio::awaitable<std::optional<Job>> Worker::claim() {
  auto claimed = co_await db_.query(kClaim, options_.worker_id, kinds_, options_.lease.count());
  if (claimed.empty()) co_return std::nullopt;
  co_return job_from(claimed, 0);
}

asio::awaitable<void> Worker::run(Job job) {
  auto executor = co_await asio::this_coro::executor;
  auto state = std::make_shared<LeaseState>();
  auto timer = std::make_shared<asio::steady_timer>(executor);
  asio::co_spawn(executor, keep_lease(&db_, state, timer, job, options_.worker_id, options_.lease),
                 asio::detached);
  log::info(
      "job started",
      {{"job", job.id}, {"kind", job.kind}, {"subject", job.subject}, {"attempt", job.attempts}});
  const auto started = std::chrono::steady_clock::now();
  std::optional<std::string> failure;
  bool permanent = false;
  try {
    co_await kinds_by_name_.at(job.kind).handler(job, *state);
  } catch (const PermanentFailure& e) {
    failure = e.what();
    permanent = true;
  } catch (const std::exception& e) {
    failure = e.what();
  }
  state->done = true;
  timer->cancel();
  if (state->lost) co_return;  // another worker owns the job now
  if (failure) {
    co_await failed(job, *failure, permanent);
    co_return;
  }
  co_await db_.query(kComplete, job.id, options_.worker_id, job.attempts);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  log::info("job done", {{"job", job.id}, {"kind", job.kind}, {"seconds", seconds}});
}

asio::awaitable<void> Worker::failed(const Job& job, std::string reason, bool permanent) {
  const auto delay = retry_delay(job.attempts);
  auto result = co_await db_.query(kFail, job.id, options_.worker_id, reason, permanent,
                                   delay.count(), job.attempts);
  const bool gave_up = !result.empty() && result.text(0, "status") == "failed";
  log::warn("job failed", {{"job", job.id},
                           {"kind", job.kind},
                           {"attempt", job.attempts},
                           {"retry_in_seconds", gave_up ? 0 : delay.count()},
                           {"error", reason}});
  if (gave_up) co_await kinds_by_name_.at(job.kind).on_failure(job, reason);
}

}  // namespace sn::jobs
