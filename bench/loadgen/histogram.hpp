// A log-linear latency histogram in the manner of HdrHistogram, small enough to keep one per
// request kind per thread: values (microseconds) below 256 are exact, above that every power of
// two is split into 128 buckets, so a bucket is at most 1/128 (0.8 %) of its values wide.
// Recording is an index computation and an increment; no allocation after construction.

#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace sn::loadgen {

class Histogram {
 public:
  // 2^kSubBits buckets per power of two; values are clamped to kMax (about 12.7 days in µs).
  static constexpr int kSubBits = 7;
  static constexpr std::uint64_t kMax = (std::uint64_t{1} << 40) - 1;

  Histogram();

  void record(std::uint64_t value, std::uint64_t count = 1);
  void merge(const Histogram& other);

  std::uint64_t count() const { return count_; }
  std::uint64_t min() const { return count_ ? min_ : 0; }
  std::uint64_t max() const { return max_; }
  double mean() const { return count_ ? static_cast<double>(sum_) / count_ : 0.0; }

  // The smallest value v such that at least `percentile` % of the recorded values are <= v,
  // up to the bucket's precision: the bucket's highest value, never more than max(). 0 if empty.
  std::uint64_t percentile(double percentile) const;

  // Exposed for the tests.
  static std::size_t index_of(std::uint64_t value);
  static std::uint64_t lowest_of(std::size_t index);
  static std::uint64_t highest_of(std::size_t index);

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  std::uint64_t sum_ = 0;
  std::uint64_t min_ = UINT64_MAX;
  std::uint64_t max_ = 0;
};

}  // namespace sn::loadgen
