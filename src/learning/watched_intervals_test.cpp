#include "learning/watched_intervals.hpp"

#include <gtest/gtest.h>

namespace sn::learning {
namespace {

constexpr std::int64_t kMinute = 60'000;

std::vector<Span> play(std::vector<Span> watched, std::vector<Span> beats,
                       std::int64_t duration = 10 * kMinute) {
  for (const auto& beat : beats)
    watched = merge_watched(watched, beat, duration);
  return watched;
}

TEST(WatchedSpans, ContinuousPlayMergesIntoOneSpan) {
  auto watched = play({}, {{0, 10'000}, {10'000, 20'000}, {20'000, 30'000}});
  EXPECT_EQ(watched, (std::vector<Span>{{0, 30'000}}));
  EXPECT_EQ(watched_ms(watched), 30'000);
}

TEST(WatchedSpans, SeekingAheadDoesNotCountWhatWasSkipped) {
  auto watched = play({}, {{0, 10'000}, {300'000, 310'000}});
  EXPECT_EQ(watched, (std::vector<Span>{{0, 10'000}, {300'000, 310'000}}));
  EXPECT_EQ(watched_ms(watched), 20'000);
}

TEST(WatchedSpans, ReplaysAndDuplicateBeatsAddNothing) {
  auto once = play({}, {{0, 30'000}});
  auto again = play(once, {{5'000, 25'000}, {0, 30'000}, {0, 30'000}});
  EXPECT_EQ(again, once);
  EXPECT_EQ(watched_ms(again), 30'000);
}

TEST(WatchedSpans, OutOfOrderBeatsGiveTheSameResult) {
  auto in_order = play({}, {{0, 10'000}, {10'000, 20'000}, {40'000, 50'000}});
  auto shuffled = play({}, {{40'000, 50'000}, {10'000, 20'000}, {0, 10'000}});
  EXPECT_EQ(in_order, shuffled);
}

TEST(WatchedSpans, ASpanBridgingTwoOthersJoinsThem) {
  auto watched = play({}, {{0, 10'000}, {20'000, 30'000}, {40'000, 50'000}, {5'000, 45'000}});
  EXPECT_EQ(watched, (std::vector<Span>{{0, 50'000}}));
}

TEST(WatchedSpans, EmptyInvertedAndOutOfRangeSpansAreClippedOrIgnored) {
  EXPECT_TRUE(play({}, {{5'000, 5'000}, {9'000, 1'000}}).empty());
  EXPECT_EQ(play({}, {{-5'000, 5'000}}), (std::vector<Span>{{0, 5'000}}));
  EXPECT_EQ(play({}, {{9 * kMinute, 11 * kMinute}}),
            (std::vector<Span>{{9 * kMinute, 10 * kMinute}}));
  EXPECT_TRUE(play({}, {{11 * kMinute, 12 * kMinute}}).empty());
}

TEST(WatchedSpans, OnlyPlayableSpansArePlausible) {
  EXPECT_TRUE(plausible({0, 10'000}, 10'000, 1.0));
  EXPECT_TRUE(plausible({0, 20'000}, 10'000, 2.0));    // double speed
  EXPECT_TRUE(plausible({0, 11'500}, 10'000, 1.0));    // jitter within the slack
  EXPECT_FALSE(plausible({0, 60'000}, 10'000, 1.0));   // a minute in ten seconds
  EXPECT_FALSE(plausible({0, 10'000}, 10'000, 16.0));  // no player goes that fast
  EXPECT_FALSE(plausible({0, 10'000}, 10'000, 0.0));
  EXPECT_FALSE(plausible({10'000, 0}, 10'000, 1.0));
}

TEST(WatchedSpans, CompletionAtTheThreshold) {
  EXPECT_FALSE(reached_threshold(539'999, 10 * kMinute));
  EXPECT_TRUE(reached_threshold(540'000, 10 * kMinute));  // 90 %
  EXPECT_TRUE(reached_threshold(300'000, 10 * kMinute, 0.5));
  EXPECT_FALSE(reached_threshold(0, 0));
}

}  // namespace
}  // namespace sn::learning
