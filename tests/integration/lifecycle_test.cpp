// Start, stop, drain, restart and configuration of the real server process.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>

#include "db/migrations.hpp"
#include "harness.hpp"
#include "pg.hpp"

namespace sn::test {
namespace {

bool accepts_connections(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

TEST(Lifecycle, SigtermDrainsInFlightRequestsThenExitsZero) {
  ServerProcess server({.env = {{"SKILLNEXUS_DRAIN_SECONDS", "15"}}});
  server.start();
  server.wait_ready();

  HttpConnection probe(server.port());
  ASSERT_EQ(probe.request("GET", "/readyz").status, 200);

  // A slow upload: header and half the body now, the rest after SIGTERM.
  const std::string body = R"({"name":"page_load","seconds":0.75})";
  HttpConnection slow(server.port());
  slow.send_raw(
      "POST /api/v1/client-timings HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
  std::this_thread::sleep_for(200ms);

  ASSERT_EQ(::kill(server.pid(), SIGTERM), 0);
  server.wait_for_log("draining", 10s);

  // Readiness turns 503 at once (seen on a connection opened before the signal) ...
  auto ready = probe.request("GET", "/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.json().at("code").as_string(), "not_ready");
  EXPECT_EQ(ready.header("connection"), "close");
  // ... and no new connection is accepted.
  EXPECT_FALSE(accepts_connections(server.port()));

  // The request in flight completes.
  std::this_thread::sleep_for(300ms);
  slow.send_raw(body.substr(10));
  auto res = slow.read_response();
  EXPECT_EQ(res.status, 204);
  EXPECT_EQ(res.header("connection"), "close");

  EXPECT_EQ(server.wait_exit(30s), 0) << joined(server.output());
  EXPECT_EQ(server.count_log("embedded PostgreSQL stopped"), 1u);
}

TEST(Lifecycle, RestartReusesTheEmbeddedCluster) {
  const auto dir = make_temp_dir("skillnexus-restart");
  {
    ServerProcess first({.data_dir = dir / "data"});
    first.start();
    first.wait_ready();
    EXPECT_EQ(first.count_log("creating the embedded PostgreSQL cluster"), 1u);
    const auto ready = first.wait_for_log("embedded PostgreSQL ready");
    Pg pg(embedded_conninfo(std::string(ready.at("socket_dir").as_string()), "skillnexus"));
    pg.scalar(R"(UPDATE settings SET value = '{"name": "Acme Academy"}' WHERE key = 'platform')");
    EXPECT_EQ(first.stop(), 0);
  }
  {
    ServerProcess second({.data_dir = dir / "data"});
    second.start();
    second.wait_ready();
    EXPECT_EQ(second.count_log("creating the embedded PostgreSQL cluster"), 0u);
    auto schema = second.wait_for_log("schema up to date");
    EXPECT_EQ(schema.at("applied_now").as_int64(), 0);
    auto res = http_get(second.port(), "/api/v1/platform");
    EXPECT_EQ(res.json().at("name").as_string(), "Acme Academy");
    EXPECT_EQ(second.stop(), 0);
  }
  fs::remove_all(dir);
}

TEST(Lifecycle, ConcurrentInstancesApplyEachMigrationOnce) {
  ServerProcess host;
  host.start();
  host.wait_ready();
  const auto socket_dir =
      std::string(host.wait_for_log("embedded PostgreSQL ready").at("socket_dir").as_string());
  Pg admin(embedded_conninfo(socket_dir, "skillnexus"));
  admin.scalar("CREATE DATABASE migration_race");

  const std::map<std::string, std::string> env{
      {"SKILLNEXUS_DATABASE_URL", embedded_conninfo(socket_dir, "migration_race")},
      {"SKILLNEXUS_SECRET_KEY", std::string(40, 'k')}};
  std::vector<std::unique_ptr<ServerProcess>> instances;
  for (int i = 0; i < 3; ++i) {
    instances.push_back(
        std::make_unique<ServerProcess>(ServerProcess::Options{.command = "migrate", .env = env}));
  }
  for (auto& instance : instances)
    instance->start();
  std::size_t applied = 0;
  for (auto& instance : instances) {
    EXPECT_EQ(instance->wait_exit(60s), 0) << joined(instance->output());
    applied += instance->count_log("migration applied");
  }
  const auto expected = db::embedded_migrations().size();
  EXPECT_EQ(applied, expected);
  Pg race(embedded_conninfo(socket_dir, "migration_race"));
  EXPECT_EQ(race.scalar("SELECT count(*) FROM schema_migrations"), std::to_string(expected));
  EXPECT_EQ(race.scalar("SELECT count(*) FROM settings"), "1");
}

TEST(Lifecycle, InvalidConfigurationFailsWithOneLinePerProblem) {
  const std::string secret = "postgresql://app:s3cr3t-password@db/x?sslmode=bogus%zz";
  ServerProcess bad({.env = {{"SKILLNEXUS_LISTEN", "not-an-address"},
                             {"SKILLNEXUS_LOG_LEVEL", "chatty"},
                             {"SKILLNEXUS_DATABASE_URL", secret},
                             {"SKILLNEXUS_DRAIN_SECONDS", "forever"}},
                     .wait_listening = false});
  bad.start();
  EXPECT_EQ(bad.wait_exit(30s), 2);
  const auto out = joined(bad.output());
  EXPECT_NE(out.find("skillnexus: SKILLNEXUS_LISTEN: expected host:port"), std::string::npos)
      << out;
  EXPECT_NE(out.find("skillnexus: SKILLNEXUS_LOG_LEVEL:"), std::string::npos) << out;
  EXPECT_NE(out.find("skillnexus: SKILLNEXUS_DRAIN_SECONDS:"), std::string::npos) << out;
  EXPECT_NE(out.find("skillnexus: SKILLNEXUS_DATABASE_URL:"), std::string::npos) << out;
  EXPECT_EQ(out.find("s3cr3t-password"), std::string::npos) << out;
}

TEST(Lifecycle, ConnectionCapAnswers503AndRecovers) {
  ServerProcess server({.env = {{"SKILLNEXUS_MAX_CONNECTIONS", "3"}}});
  server.start();
  server.wait_ready();
  // The readiness probe's connection may still count until the server has
  // seen its close, so a slot refused at first is asked for again.
  std::vector<std::unique_ptr<HttpConnection>> held;
  for (int i = 0; i < 3; ++i) {
    int status = 0;
    for (int attempt = 0; attempt < 100 && status != 200; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(50ms);
      auto connection = std::make_unique<HttpConnection>(server.port());
      try {
        status = connection->request("GET", "/healthz").status;
      } catch (const std::runtime_error&) {
        status = 0;  // refused and reset before the request was read
      }
      if (status == 200) held.push_back(std::move(connection));
    }
    ASSERT_EQ(status, 200) << "slot " << i;
  }
  HttpConnection extra(server.port());
  auto refused = extra.read_response();
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.json().at("code").as_string(), "too_many_connections");
  held.pop_back();
  // The freed slot is usable as soon as the server has seen the close.
  int status = 0;
  for (int attempt = 0; attempt < 100 && status != 200; ++attempt) {
    std::this_thread::sleep_for(50ms);
    status = http_get(server.port(), "/healthz").status;
  }
  EXPECT_EQ(status, 200);
  EXPECT_EQ(server.stop(), 0);
}

// On S3 without fixed keys the instance fetches its role's keys before anything else: with no
// metadata service in reach (here IMDS moved to a closed loopback port) it stops at once, saying
// why, instead of failing its first upload.
TEST(Lifecycle, AnS3InstanceWithoutCredentialsStopsAtStart) {
  ServerProcess server({.env = {{"SKILLNEXUS_STORAGE", "s3"},
                                {"SKILLNEXUS_S3_REGION", "eu-west-1"},
                                {"SKILLNEXUS_S3_ENDPOINT", "http://127.0.0.1:1"},
                                {"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1"}}});
  server.start();
  EXPECT_EQ(server.wait_exit(60s), 1) << joined(server.output());
  const auto line = server.wait_for_log("no S3 credentials; stopping", 1s);
  EXPECT_NE(boost::json::serialize(line).find("instance metadata service did not answer"),
            std::string::npos)
      << boost::json::serialize(line);
  EXPECT_EQ(server.count_log("migration applied"), 0u);
}

}  // namespace
}  // namespace sn::test
