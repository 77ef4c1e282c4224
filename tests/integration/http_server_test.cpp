// The HTTP surface of a real `skillnexus serve` (embedded PostgreSQL) over loopback.

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "harness.hpp"

namespace sn::test {
namespace {

class HttpServer : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    web_dir_ = new fs::path(make_temp_dir("skillnexus-web"));
    fs::create_directories(*web_dir_ / "assets");
    std::ofstream(*web_dir_ / "index.html") << "<!doctype html><title>SkillNexus</title>";
    std::ofstream(*web_dir_ / "assets" / "app-5f3e.js") << "console.log('app')";
    std::ofstream(*web_dir_ / "assets" / "app-5f3e.js.br") << "brotli bytes";
    std::ofstream(*web_dir_ / "assets" / "app-5f3e.js.gz") << "gzip bytes";
    server_ = new ServerProcess({.env = {{"SKILLNEXUS_WEB_DIR", web_dir_->string()},
                                         {"SKILLNEXUS_READ_TIMEOUT_SECONDS", "2"},
                                         {"SKILLNEXUS_TRUSTED_PROXIES", "127.0.0.1"}}});
    server_->start();
    server_->wait_ready();
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->stop(), 0);
    delete server_;
    fs::remove_all(*web_dir_);
    delete web_dir_;
  }
  static std::uint16_t port() { return server_->port(); }

  // After abuse, the server must still answer normally.
  static void expect_still_serving() {
    auto res = http_get(port(), "/healthz");
    EXPECT_EQ(res.status, 200);
  }

  static void expect_problem(const HttpResponse& res, int status, const std::string& code) {
    EXPECT_EQ(res.status, status) << res.body;
    EXPECT_EQ(res.header("content-type"), "application/problem+json");
    auto body = res.json().as_object();
    EXPECT_EQ(body.at("status").as_int64(), status);
    EXPECT_EQ(body.at("code").as_string(), code.c_str());
    EXPECT_TRUE(body.contains("title"));
    EXPECT_TRUE(body.contains("detail"));
  }

  static inline ServerProcess* server_ = nullptr;
  static inline fs::path* web_dir_ = nullptr;
};

TEST_F(HttpServer, HealthAndReadiness) {
  auto health = http_get(port(), "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json().at("status").as_string(), "ok");
  auto ready = http_get(port(), "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json().at("status").as_string(), "ready");
}

TEST_F(HttpServer, VersionNamesTheBuild) {
  auto res = http_get(port(), "/api/v1/version");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.header("content-type"), "application/json");
  auto body = res.json().as_object();
  EXPECT_EQ(body.at("version").as_string(), "0.1.0");
  EXPECT_FALSE(body.at("commit").as_string().empty());
  EXPECT_EQ(body.at("build_time").as_string().size(), 20u);  // 2026-01-01T00:00:00Z
}

TEST_F(HttpServer, PlatformSettingsComeFromTheDatabase) {
  auto res = http_get(port(), "/api/v1/platform");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("name").as_string(), "SkillNexus");
}

TEST_F(HttpServer, UnknownRoutesAreProblems) {
  expect_problem(http_get(port(), "/api/v1/no-such-thing"), 404, "not_found");
  HttpConnection conn(port());
  auto res = conn.request("DELETE", "/healthz");
  expect_problem(res, 405, "method_not_allowed");
  EXPECT_EQ(res.header("allow"), "GET, HEAD");
}

TEST_F(HttpServer, SecurityHeadersOnEveryResponse) {
  for (const auto& target : {"/healthz", "/api/v1/nothing", "/", "/courses/x"}) {
    auto res = http_get(port(), target);
    EXPECT_EQ(res.header("x-content-type-options"), "nosniff") << target;
    EXPECT_FALSE(res.header("referrer-policy").empty()) << target;
    const auto csp = res.header("content-security-policy");
    for (auto directive :
         {"script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"}) {
      EXPECT_NE(csp.find(directive), std::string::npos) << target << ": " << csp;
    }
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
    // The public URL is plain http here: no HSTS.
    EXPECT_EQ(res.header("strict-transport-security"), "") << target;
  }
}

TEST_F(HttpServer, RequestIdIsEchoedOrGeneratedAndLogged) {
  auto mine = http_get(port(), "/healthz", {{"X-Request-Id", "trace-abc.123:x"}});
  EXPECT_EQ(mine.header("x-request-id"), "trace-abc.123:x");
  auto line = server_->wait_for_log("request", 10s, "\"request_id\":\"trace-abc.123:x\"");
  EXPECT_EQ(line.at("route").as_string(), "/healthz");
  EXPECT_EQ(line.at("method").as_string(), "GET");
  EXPECT_EQ(line.at("status").as_int64(), 200);
  EXPECT_TRUE(line.contains("duration_ms"));
  EXPECT_TRUE(line.contains("bytes"));

  auto bad = http_get(port(), "/healthz", {{"X-Request-Id", "has spaces and <html>"}});
  EXPECT_EQ(bad.header("x-request-id").size(), 32u);
  auto none = http_get(port(), "/api/v1/missing");
  EXPECT_EQ(none.json().at("request_id").as_string(), none.header("x-request-id").c_str());
}

TEST_F(HttpServer, ForwardedForIsBelievedFromTrustedProxyOnly) {
  http_get(port(), "/healthz", {{"X-Forwarded-For", "198.51.100.7"}, {"X-Request-Id", "xff-1"}});
  auto line = server_->wait_for_log("request", 10s, "\"request_id\":\"xff-1\"");
  EXPECT_EQ(line.at("client").as_string(), "198.51.100.7");
}

TEST_F(HttpServer, MetricsInPrometheusFormat) {
  http_get(port(), "/api/v1/version");
  http_get(port(), "/api/v1/platform");
  auto res = http_get(port(), "/metrics");
  ASSERT_EQ(res.status, 200);
  EXPECT_NE(res.header("content-type").find("text/plain; version=0.0.4"), std::string::npos);
  for (auto needle :
       {"skillnexus_http_requests_total{method=\"GET\",route=\"/api/v1/version\",status=\"2xx\"}",
        "skillnexus_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/version\","
        "status=\"2xx\",le=\"0.005\"}",
        "skillnexus_http_open_connections ",
        "skillnexus_db_pool_connections{pool=\"primary\",state=\"idle\"}",
        "skillnexus_db_pool_connections{pool=\"primary\",state=\"in_use\"}",
        "skillnexus_db_pool_waiting{pool=\"primary\"} 0",
        "skillnexus_client_timing_seconds_count{name=\"video_start\"}"}) {
    EXPECT_NE(res.body.find(needle), std::string::npos) << needle;
  }
}

TEST_F(HttpServer, KeepAliveAndPipelinedRequestsAnsweredInOrder) {
  HttpConnection conn(port());
  std::string batch;
  for (int i = 0; i < 5; ++i) {
    batch +=
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: pipe-" + std::to_string(i) + "\r\n\r\n";
  }
  batch += "GET /api/v1/version HTTP/1.1\r\nHost: x\r\nX-Request-Id: pipe-5\r\n\r\n";
  conn.send_raw(batch);
  for (int i = 0; i < 6; ++i) {
    auto res = conn.read_response();
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.header("x-request-id"), "pipe-" + std::to_string(i));
  }
  EXPECT_EQ(conn.request("GET", "/healthz").status, 200);  // still open
}

TEST_F(HttpServer, HeadSendsHeadersOnly) {
  HttpConnection conn(port());
  auto res = conn.request("HEAD", "/api/v1/version");
  EXPECT_EQ(res.status, 200);
  EXPECT_TRUE(res.body.empty());
  EXPECT_GT(std::stoi(res.header("content-length")), 20);
  EXPECT_EQ(conn.request("GET", "/healthz").status, 200);  // framing intact
}

TEST_F(HttpServer, MalformedRequestLineGets400AndClose) {
  HttpConnection conn(port());
  conn.send_raw("GARBAGE\x01 / HTTP/9.9\r\n\r\n");
  expect_problem(conn.read_response(), 400, "bad_request");
  EXPECT_TRUE(conn.closed_by_server(3s));
  expect_still_serving();
}

TEST_F(HttpServer, OversizeHeaderGets431) {
  HttpConnection conn(port());
  conn.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') +
                "\r\n\r\n");
  expect_problem(conn.read_response(), 431, "header_too_large");
  EXPECT_TRUE(conn.closed_by_server(3s));
  expect_still_serving();
}

TEST_F(HttpServer, OversizeBodyGets413BeforeItIsRead) {
  HttpConnection conn(port());
  // The route takes 1 KiB; announce 10 MB and send only part of it.
  std::string request =
      "POST /api/v1/client-timings HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nContent-Length: 10000000\r\n\r\n";
  request.append(64 * 1024, 'x');
  conn.send_raw(request);
  expect_problem(conn.read_response(), 413, "payload_too_large");
  expect_still_serving();

  // Chunked bodies have no length up front: cut off once they pass the limit.
  HttpConnection chunked(port());
  std::string chunk(2048, 'y');
  chunked.send_raw(
      "POST /api/v1/client-timings HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" +
      chunk + "\r\n");
  expect_problem(chunked.read_response(), 413, "payload_too_large");
  expect_still_serving();
}

TEST_F(HttpServer, EndlessChunkExtensionIsCutOffNotBuffered) {
  HttpConnection conn(port());
  conn.send_raw(
      "POST /api/v1/client-timings HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nTransfer-Encoding: chunked\r\n\r\n1;");
  std::string junk(64 * 1024, 'a');
  bool cut_off = false;
  for (int i = 0; i < 64 && !cut_off; ++i) {  // up to 4 MiB of one chunk-size line
    try {
      conn.send_raw(junk);
    } catch (const std::exception&) {
      cut_off = true;
    }
  }
  if (!cut_off) {
    auto res = conn.read_response();
    expect_problem(res, 400, "bad_request");
  }
  expect_still_serving();
}

TEST_F(HttpServer, InvalidJsonIsAProblemAndValidJsonWorks) {
  HttpConnection conn(port());
  const std::map<std::string, std::string> json{{"Content-Type", "application/json"}};
  expect_problem(conn.request("POST", "/api/v1/client-timings", json, "{\"name\": "), 400,
                 "invalid_json");
  HttpConnection conn2(port());
  expect_problem(conn2.request("POST", "/api/v1/client-timings", json, "{\"name\":\"x\"}"), 422,
                 "validation_failed");
  expect_problem(
      conn2.request("POST", "/api/v1/client-timings", {{"Content-Type", "text/plain"}}, "hello"),
      415, "unsupported_media_type");
  auto ok = conn2.request("POST", "/api/v1/client-timings", json,
                          "{\"name\":\"video_start\",\"seconds\":1.25}");
  EXPECT_EQ(ok.status, 204);
  auto metrics = http_get(port(), "/metrics").body;
  EXPECT_NE(metrics.find("skillnexus_client_timing_seconds_bucket{name=\"video_start\",le=\"2\"} "),
            std::string::npos);
  EXPECT_EQ(metrics.find("skillnexus_client_timing_seconds_count{name=\"video_start\"} 0"),
            std::string::npos);
}

TEST_F(HttpServer, TricklingClientIsCutOff) {
  HttpConnection conn(port());
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n\r\n";
  const auto started = std::chrono::steady_clock::now();
  bool closed = false;
  // One byte a second; the read timeout is 2 s for the whole request.
  for (std::size_t i = 0; i < request.size() && !closed; ++i) {
    try {
      conn.send_raw(std::string_view(request).substr(i, 1));
    } catch (const std::exception&) {
      closed = true;
      break;
    }
    closed = conn.closed_by_server(1s);
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 6s);
  expect_still_serving();
}

TEST_F(HttpServer, RandomBytesNeverTakeTheServerDown) {
  std::mt19937 rng(20261125);  // fixed seed: a failure can be replayed
  const std::vector<std::string> prefixes{
      "", "GET / HTTP/1.1\r\n",
      "POST /api/v1/client-timings "
      "HTTP/1.1\r\nContent-Length: 5\r\n",
      "GET /healthz HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"};
  for (int i = 0; i < 200; ++i) {
    std::string junk = prefixes[i % prefixes.size()];
    const auto length = 1 + rng() % 600;
    for (unsigned j = 0; j < length; ++j)
      junk.push_back(static_cast<char>(rng() % 256));
    HttpConnection conn(port());
    try {
      conn.send_raw(junk);
      conn.closed_by_server(50ms);
    } catch (const std::exception&) {
      // the server may hang up mid-send; that is fine
    }
  }
  expect_still_serving();
  EXPECT_EQ(http_get(port(), "/api/v1/platform").status, 200);
}

TEST_F(HttpServer, ServesTheWebAppWithCachingAndCompression) {
  auto asset = http_get(port(), "/assets/app-5f3e.js", {{"Accept-Encoding", "gzip, br"}});
  ASSERT_EQ(asset.status, 200);
  EXPECT_EQ(asset.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(asset.header("content-encoding"), "br");
  EXPECT_EQ(asset.body, "brotli bytes");
  EXPECT_EQ(asset.header("vary"), "Accept-Encoding");
  const auto etag = asset.header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = http_get(port(), "/assets/app-5f3e.js",
                        {{"Accept-Encoding", "gzip, br"}, {"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(http_get(port(), "/assets/app-5f3e.js", {{"Accept-Encoding", "gzip"}}).body,
            "gzip bytes");

  auto page = http_get(port(), "/learn/some/deep/route");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("cache-control"), "no-cache");
  EXPECT_NE(page.body.find("<title>SkillNexus</title>"), std::string::npos);
  expect_problem(http_get(port(), "/assets/missing-0000.js"), 404, "not_found");
}

}  // namespace
}  // namespace sn::test
