#include "http/metrics.hpp"

#include <gtest/gtest.h>

namespace sn::http {
namespace {

Handler noop() {
  return [](RequestContext&) -> boost::asio::awaitable<Response> { co_return Response{}; };
}

TEST(Histogram, RendersCumulativeBuckets) {
  Histogram h;
  h.observe(0.0005);
  h.observe(0.02);
  h.observe(30);
  std::string out;
  h.render(out, "x_seconds", "a=\"b\"");
  EXPECT_NE(out.find("x_seconds_bucket{a=\"b\",le=\"0.001\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_bucket{a=\"b\",le=\"0.025\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_bucket{a=\"b\",le=\"10\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_bucket{a=\"b\",le=\"+Inf\"} 3\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_count{a=\"b\"} 3\n"), std::string::npos) << out;
}

TEST(Metrics, CountsPerRouteAndStatusClass) {
  Router router;
  auto& route = router.get("/api/v1/things/{id}", Access::anyone(), noop());
  Metrics metrics(router);
  metrics.observe(route.id, 200, 0.003);
  metrics.observe(route.id, 204, 0.003);
  metrics.observe(route.id, 503, 0.2);
  metrics.observe(0, 404, 0.0001);
  auto text = metrics.render();
  EXPECT_NE(text.find("skillnexus_http_requests_total{method=\"GET\",route=\"/api/v1/things/{id}\","
                      "status=\"2xx\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("route=\"/api/v1/things/{id}\",status=\"5xx\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("route=\"unmatched\",status=\"4xx\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE skillnexus_http_request_duration_seconds histogram"),
            std::string::npos);
}

TEST(Metrics, EscapesLabelValues) {
  EXPECT_EQ(prometheus_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace sn::http
