#pragma once
// Prometheus metrics without a client library: per-route counters and latency histograms in
// preallocated atomics (no lock on the request path), rendered as text exposition format 0.0.4.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace sn::http {

// A latency histogram of lock-free counters (per-bucket, summed into cumulative when rendered).
class Histogram {
 public:
  static constexpr std::array<double, 14> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                   0.25,  0.5,    1.0,   2.0,  2.5,   5.0,  10.0};
  void observe(double seconds);
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  // Appends NAME_bucket/_sum/_count lines with `labels` (already formatted, may be empty).
  void render(std::string& out, std::string_view name, std::string_view labels) const;

 private:
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> micros_{0};
  std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets_{};
};

class Metrics {
 public:
  explicit Metrics(const Router& router);

  void observe(std::size_t route_id, unsigned status, double seconds);

  std::atomic<std::int64_t> open_connections{0};
  std::atomic<std::uint64_t> accepted_connections{0};
  std::atomic<std::uint64_t> rejected_connections{0};

  // Other subsystems (database pools) append their own families when /metrics is scraped.
  using Collector = std::function<void(std::string& out)>;
  void add_collector(Collector collector);

  std::string render() const;

 private:
  struct RouteSlots {
    std::string method;  // empty for "no route"
    std::string pattern;
    std::array<Histogram, 5> by_class;  // 1xx..5xx
  };

  std::vector<std::unique_ptr<RouteSlots>> routes_;
  mutable std::mutex collectors_mutex_;
  std::vector<Collector> collectors_;
};

// Escapes a label value for the exposition format.
std::string prometheus_label(std::string_view value);

}  // namespace sn::http
