// Reads that may lag go to replicas; when replicas are down they fall back to the primary.

#include <gtest/gtest.h>

#include <regex>

#include "harness.hpp"

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

TEST_F(Replicas, LaggingReadsGoToTheReplica) {
  ServerProcess app({.env = {{"SKILLNEXUS_DATABASE_URL", primary()},
                             {"SKILLNEXUS_REPLICA_URLS", primary() + " application_name=replica"},
                             {"SKILLNEXUS_SECRET_KEY", std::string(40, 'k')}}});
  app.start();
  app.wait_ready();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(http_get(app.port(), "/api/v1/platform").status, 200);
  }
  const auto metrics = http_get(app.port(), "/metrics").body;
  EXPECT_EQ(metric(metrics, "skillnexus_db_queries_total{pool=\"replica-0\"}"), 5) << metrics;
  // Readiness pings and nothing else went to the primary.
  EXPECT_GE(metric(metrics, "skillnexus_db_queries_total{pool=\"primary\"}"), 1);
  EXPECT_EQ(app.stop(), 0);
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
  EXPECT_EQ(metric(metrics, "skillnexus_db_queries_total{pool=\"primary\"}"), before + 3);
  EXPECT_GE(metric(metrics, "skillnexus_db_pool_failures_total{pool=\"replica-0\"}"), 1);
  EXPECT_EQ(app.stop(), 0);
}

}  // namespace
}  // namespace sn::test
