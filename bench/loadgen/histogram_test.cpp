#include "histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace sn::loadgen {
namespace {

TEST(Histogram, SmallValuesAreExact) {
  for (std::uint64_t v = 0; v < 256; ++v) {
    EXPECT_EQ(Histogram::index_of(v), v);
    EXPECT_EQ(Histogram::lowest_of(v), v);
    EXPECT_EQ(Histogram::highest_of(v), v);
  }
}

TEST(Histogram, BucketsAreContiguousAndWithinOnePercent) {
  // Every bucket starts right after the previous one ends; above 255 it is at most 1/128 of its
  // lowest value wide.
  for (std::size_t i = 1; i < Histogram::index_of(Histogram::kMax) + 1; ++i) {
    ASSERT_EQ(Histogram::lowest_of(i), Histogram::highest_of(i - 1) + 1) << i;
    const double width =
        static_cast<double>(Histogram::highest_of(i) - Histogram::lowest_of(i) + 1);
    if (i >= 256) {
      ASSERT_LE(width / static_cast<double>(Histogram::lowest_of(i)), 1.0 / 128) << i;
    }
  }
  for (const std::uint64_t v :
       std::vector<std::uint64_t>{256, 257, 1000, 123456, 999999999, Histogram::kMax}) {
    const auto i = Histogram::index_of(v);
    EXPECT_LE(Histogram::lowest_of(i), v);
    EXPECT_GE(Histogram::highest_of(i), v);
  }
  EXPECT_EQ(Histogram::index_of(Histogram::kMax + 12345), Histogram::index_of(Histogram::kMax));
}

TEST(Histogram, EmptyGivesZeros) {
  const Histogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.percentile(50), 0u);
  EXPECT_EQ(h.max(), 0u);
  EXPECT_EQ(h.min(), 0u);
}

TEST(Histogram, PercentilesOfOneToTenThousand) {
  Histogram h;
  for (std::uint64_t v = 1; v <= 10000; ++v)
    h.record(v);
  EXPECT_EQ(h.count(), 10000u);
  EXPECT_EQ(h.min(), 1u);
  EXPECT_EQ(h.max(), 10000u);
  EXPECT_DOUBLE_EQ(h.mean(), 5000.5);
  // The exact answers are 5000, 9000, 9900, 9990, 10000: within one bucket (< 1 %), never below.
  for (auto [p, exact] : std::vector<std::pair<double, double>>{
           {50, 5000}, {90, 9000}, {99, 9900}, {99.9, 9990}, {100, 10000}}) {
    const auto got = static_cast<double>(h.percentile(p));
    EXPECT_GE(got, exact) << p;
    EXPECT_LE(got, exact * 1.01) << p;
  }
  EXPECT_EQ(h.percentile(0), 1u);
}

TEST(Histogram, TailIsNotHiddenByTheBulk) {
  // 990 fast requests and 10 slow ones: p99 is fast, p99.9 is slow (the rank rounds up).
  Histogram h;
  h.record(1000, 990);
  h.record(500000, 10);
  EXPECT_LE(h.percentile(99), 1007u);
  EXPECT_GE(h.percentile(99), 1000u);
  EXPECT_GE(h.percentile(99.1), 500000u);
  EXPECT_EQ(h.percentile(99.9), 500000u);  // clamped to the largest value recorded
  EXPECT_EQ(h.max(), 500000u);
}

TEST(Histogram, MergeAddsCounts) {
  Histogram a, b;
  for (std::uint64_t v = 1; v <= 100; ++v)
    a.record(v);
  for (std::uint64_t v = 101; v <= 200; ++v)
    b.record(v);
  a.merge(b);
  EXPECT_EQ(a.count(), 200u);
  EXPECT_EQ(a.min(), 1u);
  EXPECT_EQ(a.max(), 200u);
  EXPECT_EQ(a.percentile(50), 100u);
  Histogram empty;
  empty.merge(a);
  EXPECT_EQ(empty.min(), 1u);
}

}  // namespace
}  // namespace sn::loadgen
