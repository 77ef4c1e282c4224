#include "http/metrics.hpp"

#include <boost/beast/http/verb.hpp>
#include <cstdio>

namespace sn::http {

std::string prometheus_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

Metrics::Metrics(const Router& router) {
  routes_.resize(router.route_count());
  for (auto& slots : routes_) slots = std::make_unique<RouteSlots>();
  routes_[0]->pattern = "unmatched";
  for (const auto& route : router.routes()) {
    routes_[route->id]->method = std::string(boost::beast::http::to_string(route->method));
    routes_[route->id]->pattern = route->pattern;
  }
  if (const auto* fallback = router.fallback()) {
    routes_[fallback->id]->method = "GET";
    routes_[fallback->id]->pattern = fallback->pattern;
  }
}

void Metrics::observe(std::size_t route_id, Verb, unsigned status, double seconds) {
  if (route_id >= routes_.size()) route_id = 0;
  const unsigned cls = status >= 100 && status < 600 ? status / 100 - 1 : 4;
  auto& slot = routes_[route_id]->by_class[cls];
  slot.count.fetch_add(1, std::memory_order_relaxed);
  slot.micros.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      slot.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;  // buckets are stored non-cumulative and summed when rendered
    }
  }
}

void Metrics::add_collector(Collector collector) {
  std::lock_guard lock(collectors_mutex_);
  collectors_.push_back(std::move(collector));
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(8192);
  char number[64];
  out +=
      "# HELP skillnexus_http_requests_total HTTP requests answered, by route and status class.\n"
      "# TYPE skillnexus_http_requests_total counter\n";
  for (const auto& r : routes_) {
    for (unsigned cls = 0; cls < 5; ++cls) {
      const auto count = r->by_class[cls].count.load(std::memory_order_relaxed);
      if (count == 0) continue;
      out += "skillnexus_http_requests_total{method=\"" + r->method + "\",route=\"" +
             prometheus_label(r->pattern) + "\",status=\"" + std::to_string(cls + 1) + "xx\"} " +
             std::to_string(count) + "\n";
    }
  }
  out +=
      "# HELP skillnexus_http_request_duration_seconds Time from a complete request to its "
      "response.\n"
      "# TYPE skillnexus_http_request_duration_seconds histogram\n";
  for (const auto& r : routes_) {
    for (unsigned cls = 0; cls < 5; ++cls) {
      const auto& slot = r->by_class[cls];
      const auto count = slot.count.load(std::memory_order_relaxed);
      if (count == 0) continue;
      const std::string labels = "method=\"" + r->method + "\",route=\"" +
                                 prometheus_label(r->pattern) + "\",status=\"" +
                                 std::to_string(cls + 1) + "xx\"";
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += slot.buckets[i].load(std::memory_order_relaxed);
        std::snprintf(number, sizeof number, "%g", kBuckets[i]);
        out += "skillnexus_http_request_duration_seconds_bucket{" + labels + ",le=\"" + number +
               "\"} " + std::to_string(cumulative) + "\n";
      }
      out += "skillnexus_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
             std::to_string(count) + "\n";
      std::snprintf(number, sizeof number, "%.6f",
                    static_cast<double>(slot.micros.load(std::memory_order_relaxed)) / 1e6);
      out += "skillnexus_http_request_duration_seconds_sum{" + labels + "} " + number + "\n";
      out += "skillnexus_http_request_duration_seconds_count{" + labels + "} " +
             std::to_string(count) + "\n";
    }
  }
  out +=
      "# HELP skillnexus_http_open_connections Client connections open now.\n"
      "# TYPE skillnexus_http_open_connections gauge\n"
      "skillnexus_http_open_connections " +
      std::to_string(open_connections.load()) +
      "\n"
      "# HELP skillnexus_http_connections_total Client connections accepted.\n"
      "# TYPE skillnexus_http_connections_total counter\n"
      "skillnexus_http_connections_total " +
      std::to_string(accepted_connections.load()) +
      "\n"
      "# HELP skillnexus_http_connections_rejected_total Connections refused at the cap.\n"
      "# TYPE skillnexus_http_connections_rejected_total counter\n"
      "skillnexus_http_connections_rejected_total " +
      std::to_string(rejected_connections.load()) + "\n";
  std::lock_guard lock(collectors_mutex_);
  for (const auto& collect : collectors_) collect(out);
  return out;
}

}  // namespace sn::http
