// Reads that may lag go to replicas; when replicas are down they fall back to the primary.

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <unistd.h>

#include "core/process.hpp"
#include "db/embedded_postgres.hpp"
#include "harness.hpp"
#include "pg.hpp"

namespace sn::test {
namespace {

long metric(const std::string& text, const std::string& series) {
  const auto at = text.find(series + " ");
  if (at == std::string::npos) return -1;
  return std::stol(text.substr(at + series.size() + 1));
}

class Replicas : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    host_ = new ServerProcess();
    host_->start();
    host_->wait_ready();
    socket_dir_ = new std::string(
        host_->wait_for_log("embedded PostgreSQL ready").at("socket_dir").as_string());
  }
  static void TearDownTestSuite() {
    delete host_;
    delete socket_dir_;
  }
  static std::string primary() {
    return "host=" + *socket_dir_ + " port=5432 user=skillnexus dbname=skillnexus";
  }
  static inline ServerProcess* host_ = nullptr;
  static inline std::string* socket_dir_ = nullptr;
};

// A real streaming replica of the primary (pg_basebackup + hot standby), as RDS read replicas are.
class StreamingReplica {
 public:
  explicit StreamingReplica(const std::string& primary_socket_dir) {
    const auto bin = db::find_postgres_bin_dir();
    const auto user = process::unprivileged_user_if_root("postgres");
    root_ = make_temp_dir("skillnexus-replica");
    socket_dir_ = (root_ / "sock").string();
    fs::create_directories(socket_dir_);
    fs::permissions(socket_dir_, fs::perms::owner_all, fs::perm_options::replace);
    if (user) {
      for (const auto& p : {root_, fs::path(socket_dir_)}) {
        if (::chown(p.c_str(), user->uid, user->gid) != 0) throw std::runtime_error("chown");
      }
    }
    const auto data = (root_ / "pgdata").string();
    const auto log = (root_ / "replica.log").string();
    const int rc =
        process::run({(bin / "pg_basebackup").string(), "-h", primary_socket_dir, "-p", "5432",
                      "-U", "skillnexus", "-D", data, "-R", "-X", "stream", "-c", "fast"},
                     {.as_user = user, .output_file = log});
    if (rc != 0) throw std::runtime_error("pg_basebackup failed, see " + log);
    pid_ = process::spawn({(bin / "postgres").string(), "-D", data, "-k", socket_dir_, "-c",
                           "listen_addresses=", "-p", "5432", "-c", "max_connections=200"},
                          {.as_user = user, .output_file = log, .parent_death_signal = SIGINT});
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (PQping(conninfo().c_str()) != PQPING_OK) {
      if (process::wait_for(pid_, 50ms) || std::chrono::steady_clock::now() > deadline) {
        pid_ = -1;
        throw std::runtime_error("the replica did not start, see " + log);
      }
    }
  }
  ~StreamingReplica() {
    stop();
    fs::remove_all(root_);
  }
  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGINT);
      process::wait_for(pid_, 30s);
      pid_ = -1;
    }
  }
  std::string conninfo() const {
    return "host=" + socket_dir_ + " port=5432 user=skillnexus dbname=skillnexus";
  }

 private:
  fs::path root_;
  std::string socket_dir_;
  pid_t pid_ = -1;
};

TEST_F(Replicas, LaggingReadsGoToAStreamingReplicaAndFallBackWhenItDies) {
  StreamingReplica replica(*socket_dir_);
  EXPECT_EQ(Pg(replica.conninfo()).scalar("SELECT pg_is_in_recovery()"), "t");

  ServerProcess app({.env = {{"SKILLNEXUS_DATABASE_URL", primary()},
                             {"SKILLNEXUS_REPLICA_URLS", replica.conninfo()},
                             {"SKILLNEXUS_SECRET_KEY", std::string(40, 'k')}}});
  app.start();
  app.wait_ready();

  // A write on the primary reaches readers through replication.
  Pg(primary()).scalar(
      R"(UPDATE settings SET value = '{"name": "Replicated Academy"}' WHERE key = 'platform')");
  std::string name;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (name != "Replicated Academy" && std::chrono::steady_clock::now() < deadline) {
    auto res = http_get(app.port(), "/api/v1/platform");
    ASSERT_EQ(res.status, 200) << res.body;
    name = std::string(res.json().at("name").as_string());
  }
  EXPECT_EQ(name, "Replicated Academy");
  auto metrics = http_get(app.port(), "/metrics").body;
  const auto replica_reads = metric(metrics, "skillnexus_db_queries_total{pool=\"replica-0\"}");
  EXPECT_GE(replica_reads, 1) << metrics;

  // The replica goes away: reads keep working, from the primary.
  replica.stop();
  const auto primary_before = metric(metrics, "skillnexus_db_queries_total{pool=\"primary\"}");
  for (int i = 0; i < 3; ++i) {
    auto res = http_get(app.port(), "/api/v1/platform");
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.json().at("name").as_string(), "Replicated Academy");
  }
  metrics = http_get(app.port(), "/metrics").body;
  EXPECT_GE(metric(metrics, "skillnexus_db_queries_total{pool=\"primary\"}"), primary_before + 3);
  EXPECT_EQ(app.stop(), 0);
  Pg(primary()).scalar(
      R"(UPDATE settings SET value = '{"name": "SkillNexus"}' WHERE key = 'platform')");
}

TEST_F(Replicas, ReadsFallBackToThePrimaryWhenEveryReplicaIsDown) {
  ServerProcess app({.env = {{"SKILLNEXUS_DATABASE_URL", primary()},
                             {"SKILLNEXUS_REPLICA_URLS",
                              "host=/tmp/skillnexus-no-such-replica port=5432 dbname=x"},
                             {"SKILLNEXUS_SECRET_KEY", std::string(40, 'k')}}});
  app.start();
  app.wait_ready();
  const auto before = metric(http_get(app.port(), "/metrics").body,
                             "skillnexus_db_queries_total{pool=\"primary\"}");
  for (int i = 0; i < 3; ++i) {
    auto res = http_get(app.port(), "/api/v1/platform");
    ASSERT_EQ(res.status, 200) << res.body;
  }
  const auto metrics = http_get(app.port(), "/metrics").body;
  // At least: background work (the mail sender's polling) also queries the primary.
  EXPECT_GE(metric(metrics, "skillnexus_db_queries_total{pool=\"primary\"}"), before + 3);
  EXPECT_GE(metric(metrics, "skillnexus_db_pool_failures_total{pool=\"replica-0\"}"), 1);
  EXPECT_EQ(app.stop(), 0);
}

}  // namespace
}  // namespace sn::test
