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

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

  explicit Metrics(const Router& router);

  void observe(std::size_t route_id, Verb method, unsigned status, double seconds);

  std::atomic<std::int64_t> open_connections{0};
  std::atomic<std::uint64_t> accepted_connections{0};
  std::atomic<std::uint64_t> rejected_connections{0};

  // Other subsystems (database pools) append their own families when /metrics is scraped.
  using Collector = std::function<void(std::string& out)>;
  void add_collector(Collector collector);

  std::string render() const;

 private:
  struct Slot {  // one route × one status class
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> micros{0};
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};
  };
  struct RouteSlots {
    std::string method;  // empty for "no route"
    std::string pattern;
    std::array<Slot, 5> by_class;  // 1xx..5xx
  };

  std::vector<std::unique_ptr<RouteSlots>> routes_;
  mutable std::mutex collectors_mutex_;
  std::vector<Collector> collectors_;
};

// Escapes a label value for the exposition format.
std::string prometheus_label(std::string_view value);

}  // namespace sn::http
