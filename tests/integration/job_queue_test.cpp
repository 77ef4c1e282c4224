// The PostgreSQL job queue against a real cluster: one live job per subject, concurrent workers
// never run the same job, failures retry with backoff until their attempts are spent, permanent
// failures stop at once, and a lost lease hands the job to another worker.

#include "jobs/job_queue.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_future.hpp>

#include "database_host.hpp"
#include "pg.hpp"

namespace sn::test {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

class JobQueue : public DatabaseHost {
 protected:
  void SetUp() override { pg().scalar("DELETE FROM jobs WHERE kind LIKE 'test.%' RETURNING 1"); }

  static Pg pg() { return Pg(*conninfo_); }

  template <typename T>
  T run(asio::awaitable<T> task) {
    auto future = asio::co_spawn(ioc_, std::move(task), asio::use_future);
    ioc_.restart();
    ioc_.run();
    return future.get();
  }

  void enqueue(const std::string& kind, const std::string& subject, int max_attempts = 5) {
    run([](db::Database& db, std::string kind, std::string subject,
           int max_attempts) -> asio::awaitable<int> {
      auto tx = co_await db.begin();
      boost::json::object payload;
      payload["note"] = "hi";
      co_await jobs::enqueue(tx, kind, subject, std::move(payload), max_attempts);
      co_await tx.commit();
      co_return 0;
    }(database_, kind, subject, max_attempts));
  }

  std::string field(const std::string& subject, const std::string& column) {
    return pg().scalar("SELECT coalesce(" + column +
                       "::text, '') FROM jobs WHERE kind LIKE "
                       "'test.%' AND payload->>'subject' = '" +
                       subject + "'");
  }

  asio::io_context ioc_;
  db::Database database_{*conninfo_, {}, db::PoolOptions{}};
};

TEST_F(JobQueue, OneLiveJobPerSubjectAndEachRunsOnce) {
  enqueue("test.echo", "a");
  enqueue("test.echo", "a");  // already queued: nothing new
  enqueue("test.echo", "b");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM jobs WHERE kind = 'test.echo'"), "2");

  std::vector<std::string> ran;
  jobs::Worker worker(database_, {.worker_id = "test:1"});
  worker.handle(
      "test.echo",
      [&](const jobs::Job& job, const jobs::JobControl&) -> asio::awaitable<void> {
        EXPECT_EQ(job.payload.at("note").as_string(), "hi");
        ran.push_back(job.subject);
        co_return;
      },
      [](const jobs::Job&, std::string) -> asio::awaitable<void> { co_return; });
  EXPECT_TRUE(run(worker.run_one()));
  EXPECT_TRUE(run(worker.run_one()));
  EXPECT_FALSE(run(worker.run_one()));
  EXPECT_EQ(ran, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(field("a", "status"), "done");
  // Done, so a new one may be queued for the same subject.
  enqueue("test.echo", "a");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM jobs WHERE kind = 'test.echo' AND status = 'queued'"),
            "1");
}

TEST_F(JobQueue, ConcurrentClaimsNeverTakeTheSameJob) {
  for (int i = 0; i < 20; ++i)
    enqueue("test.many", "s" + std::to_string(i));
  std::map<std::string, int> runs;
  std::vector<std::unique_ptr<jobs::Worker>> workers;
  for (int w = 0; w < 4; ++w) {
    workers.push_back(std::make_unique<jobs::Worker>(
        database_, jobs::WorkerOptions{.worker_id = "test:" + std::to_string(w)}));
    workers.back()->handle(
        "test.many",
        [&](const jobs::Job& job, const jobs::JobControl&) -> asio::awaitable<void> {
          ++runs[job.subject];
          asio::steady_timer pause(co_await asio::this_coro::executor, 5ms);
          co_await pause.async_wait(asio::use_awaitable);
        },
        [](const jobs::Job&, std::string) -> asio::awaitable<void> { co_return; });
  }
  // Four workers drain the queue at once on one io_context.
  for (auto& worker : workers) {
    asio::co_spawn(
        ioc_,
        [](jobs::Worker* w) -> asio::awaitable<void> {
          while (co_await w->run_one()) {
          }
        }(worker.get()),
        asio::detached);
  }
  ioc_.restart();
  ioc_.run();
  EXPECT_EQ(runs.size(), 20u);
  for (const auto& [subject, count] : runs)
    EXPECT_EQ(count, 1) << subject;
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM jobs WHERE kind = 'test.many' AND status = 'done'"),
            "20");
}

TEST_F(JobQueue, FailuresRetryWithBackoffUntilTheAttemptsAreSpent) {
  EXPECT_EQ(jobs::retry_delay(1), 10s);
  EXPECT_EQ(jobs::retry_delay(2), 20s);
  EXPECT_EQ(jobs::retry_delay(3), 40s);
  EXPECT_EQ(jobs::retry_delay(30), 3600s);

  enqueue("test.flaky", "f", 2);
  std::vector<std::string> failures;
  jobs::Worker worker(database_, {.worker_id = "test:flaky"});
  worker.handle(
      "test.flaky",
      [](const jobs::Job&, const jobs::JobControl&) -> asio::awaitable<void> {
        throw std::runtime_error("disk full");
        co_return;
      },
      [&](const jobs::Job& job, std::string reason) -> asio::awaitable<void> {
        failures.push_back(job.subject + ": " + reason);
        co_return;
      });
  EXPECT_TRUE(run(worker.run_one()));
  EXPECT_EQ(field("f", "status"), "queued");
  EXPECT_EQ(field("f", "last_error"), "disk full");
  // Not due for about ten seconds: nothing to claim now.
  EXPECT_FALSE(run(worker.run_one()));
  EXPECT_EQ(pg().scalar("SELECT run_after > now() + interval '8 seconds' FROM jobs WHERE "
                        "payload->>'subject' = 'f' AND kind = 'test.flaky'"),
            "t");
  pg().scalar("UPDATE jobs SET run_after = now() WHERE kind = 'test.flaky' RETURNING 1");
  EXPECT_TRUE(run(worker.run_one()));
  EXPECT_EQ(field("f", "status"), "failed");
  EXPECT_EQ(field("f", "attempts"), "2");
  EXPECT_EQ(failures, std::vector<std::string>{"f: disk full"});
}

TEST_F(JobQueue, APermanentFailureStopsAtOnce) {
  enqueue("test.broken", "p", 5);
  int told = 0;
  jobs::Worker worker(database_, {.worker_id = "test:broken"});
  worker.handle(
      "test.broken",
      [](const jobs::Job&, const jobs::JobControl&) -> asio::awaitable<void> {
        throw jobs::PermanentFailure("not a video");
        co_return;
      },
      [&](const jobs::Job&, std::string reason) -> asio::awaitable<void> {
        EXPECT_EQ(reason, "not a video");
        ++told;
        co_return;
      });
  EXPECT_TRUE(run(worker.run_one()));
  EXPECT_EQ(field("p", "status"), "failed");
  EXPECT_EQ(field("p", "attempts"), "1");
  EXPECT_EQ(told, 1);
}

TEST_F(JobQueue, AnExpiredLeaseHandsTheJobToAnotherWorker) {
  enqueue("test.lease", "l", 3);
  // A worker that claimed the job and then died: running, lease already over.
  pg().scalar(
      "UPDATE jobs SET status = 'running', attempts = 1, worker = 'gone:1', "
      "lease_until = now() - interval '1 second' WHERE kind = 'test.lease' RETURNING 1");
  std::vector<int> attempts;
  jobs::Worker worker(database_, {.worker_id = "test:heir"});
  worker.handle(
      "test.lease",
      [&](const jobs::Job& job, const jobs::JobControl& control) -> asio::awaitable<void> {
        EXPECT_FALSE(control.lease_lost());
        attempts.push_back(job.attempts);
        co_return;
      },
      [](const jobs::Job&, std::string) -> asio::awaitable<void> { co_return; });
  EXPECT_TRUE(run(worker.run_one()));
  EXPECT_EQ(attempts, std::vector<int>{2});
  EXPECT_EQ(field("l", "status"), "done");
  EXPECT_EQ(field("l", "worker"), "test:heir");
}

TEST_F(JobQueue, AWorkerThatLostItsLeaseStopsAndLeavesTheJobToItsNewHolder) {
  enqueue("test.slow", "s", 3);
  bool saw_loss = false;
  jobs::Worker worker(database_, {.worker_id = "test:slow", .lease = std::chrono::seconds(3)});
  worker.handle(
      "test.slow",
      [&](const jobs::Job& job, const jobs::JobControl& control) -> asio::awaitable<void> {
        // Someone else took it over (as if this worker had been presumed dead).
        Pg(*conninfo_)
            .scalar(
                "UPDATE jobs SET worker = 'other:1', attempts = attempts + 1 "
                "WHERE id = " +
                std::to_string(job.id) + " RETURNING 1");
        asio::steady_timer tick(co_await asio::this_coro::executor);
        for (int i = 0; i < 40 && !control.lease_lost(); ++i) {
          tick.expires_after(100ms);
          co_await tick.async_wait(asio::use_awaitable);
        }
        saw_loss = control.lease_lost();
      },
      [](const jobs::Job&, std::string) -> asio::awaitable<void> { co_return; });
  EXPECT_TRUE(run(worker.run_one()));
  EXPECT_TRUE(saw_loss);
  // Its outcome is not written over the new holder's.
  EXPECT_EQ(field("s", "status"), "running");
  EXPECT_EQ(field("s", "worker"), "other:1");
}

}  // namespace
}  // namespace sn::test
