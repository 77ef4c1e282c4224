#include "histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace sn::loadgen {

namespace {

constexpr std::uint64_t kSub = std::uint64_t{1} << Histogram::kSubBits;  // 128
// Values below 2 * kSub get one bucket each; then kSub buckets per power of two up to 2^40.
constexpr std::size_t kBuckets = 2 * kSub + (40 - (Histogram::kSubBits + 1)) * kSub;

}  // namespace

Histogram::Histogram() : counts_(kBuckets, 0) {}

std::size_t Histogram::index_of(std::uint64_t value) {
  value = std::min(value, kMax);
  if (value < 2 * kSub) return static_cast<std::size_t>(value);
  const int msb = std::bit_width(value) - 1;  // >= kSubBits + 1
  const int shift = msb - kSubBits;
  const std::uint64_t mantissa = value >> shift;  // in [kSub, 2 * kSub)
  return static_cast<std::size_t>(2 * kSub + (msb - (kSubBits + 1)) * kSub + (mantissa - kSub));
}

std::uint64_t Histogram::lowest_of(std::size_t index) {
  if (index < 2 * kSub) return index;
  const std::size_t above = index - 2 * kSub;
  const int shift = static_cast<int>(above / kSub) + 1;
  return (kSub + above % kSub) << shift;
}

std::uint64_t Histogram::highest_of(std::size_t index) {
  if (index < 2 * kSub) return index;
  const int shift = static_cast<int>((index - 2 * kSub) / kSub) + 1;
  return lowest_of(index) + (std::uint64_t{1} << shift) - 1;
}

void Histogram::record(std::uint64_t value, std::uint64_t count) {
  if (count == 0) return;
  counts_[index_of(value)] += count;
  count_ += count;
  sum_ += value * count;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
}

void Histogram::merge(const Histogram& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i)
    counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

std::uint64_t Histogram::percentile(double percentile) const {
  if (count_ == 0) return 0;
  percentile = std::clamp(percentile, 0.0, 100.0);
  // The rank of the wanted value, 1-based: at least the first one.
  auto rank =
      static_cast<std::uint64_t>(std::ceil(percentile / 100.0 * static_cast<double>(count_)));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::clamp(highest_of(i), min(), max_);
  }
  return max_;
}

}  // namespace sn::loadgen
