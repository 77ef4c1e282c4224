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
  for (auto& slots : routes_)
    slots = std::make_unique<RouteSlots>();
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

void Histogram::observe(double seconds) {
  count_.fetch_add(1, std::memory_order_relaxed);
  micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      buckets_[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
}

void Histogram::render(std::string& out, std::string_view name, std::string_view labels) const {
  const std::string sep = labels.empty() ? "" : ",";
  const std::string base(name);
  char number[64];
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    std::snprintf(number, sizeof number, "%g", kBuckets[i]);
    out += base + "_bucket{" + std::string(labels) + sep + "le=\"" + number + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  const auto total = count();
  out += base + "_bucket{" + std::string(labels) + sep + "le=\"+Inf\"} " + std::to_string(total) +
         "\n";
  std::snprintf(number, sizeof number, "%.6f",
                static_cast<double>(micros_.load(std::memory_order_relaxed)) / 1e6);
  const std::string braces = labels.empty() ? "" : "{" + std::string(labels) + "}";
  out += base + "_sum" + braces + " " + number + "\n";
  out += base + "_count" + braces + " " + std::to_string(total) + "\n";
}

void Metrics::observe(std::size_t route_id, unsigned status, double seconds) {
  if (route_id >= routes_.size()) route_id = 0;
  const unsigned cls = status >= 100 && status < 600 ? status / 100 - 1 : 4;
  routes_[route_id]->by_class[cls].observe(seconds);
}

void Metrics::add_collector(Collector collector) {
  std::lock_guard lock(collectors_mutex_);
  collectors_.push_back(std::move(collector));
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(16384);
  auto labels = [](const RouteSlots& r, unsigned cls) {
    return "method=\"" + r.method + "\",route=\"" + prometheus_label(r.pattern) + "\",status=\"" +
           std::to_string(cls + 1) + "xx\"";
  };
  out +=
      "# HELP skillnexus_http_requests_total HTTP requests answered, by route and status class.\n"
      "# TYPE skillnexus_http_requests_total counter\n";
  for (const auto& r : routes_) {
    for (unsigned cls = 0; cls < 5; ++cls) {
      if (const auto n = r->by_class[cls].count()) {
        out +=
            "skillnexus_http_requests_total{" + labels(*r, cls) + "} " + std::to_string(n) + "\n";
      }
    }
  }
  out +=
      "# HELP skillnexus_http_request_duration_seconds Time from a complete request to its "
      "response.\n"
      "# TYPE skillnexus_http_request_duration_seconds histogram\n";
  for (const auto& r : routes_) {
    for (unsigned cls = 0; cls < 5; ++cls) {
      if (r->by_class[cls].count()) {
        r->by_class[cls].render(out, "skillnexus_http_request_duration_seconds", labels(*r, cls));
      }
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
  for (const auto& collect : collectors_)
    collect(out);
  return out;
}

}  // namespace sn::http
