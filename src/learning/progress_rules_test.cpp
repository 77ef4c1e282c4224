#include "learning/progress_rules.hpp"

#include <gtest/gtest.h>

namespace sn::learning {
namespace {

TEST(SectionLocks, OnlyARequiringSectionAfterAnUnfinishedOneIsLocked) {
  EXPECT_EQ(section_locks({}), std::vector<bool>{});
  // The first section is open even when it "requires" a previous one.
  EXPECT_EQ(section_locks({{true, 2, 0}}), std::vector<bool>{false});
  EXPECT_EQ(section_locks({{false, 2, 1}, {true, 1, 0}, {false, 1, 0}, {true, 0, 0}}),
            (std::vector<bool>{false, true, false, true}));
  EXPECT_EQ(section_locks({{false, 2, 2}, {true, 1, 1}, {true, 0, 0}}),
            (std::vector<bool>{false, false, false}));
}

TEST(CountedSpan, ClipsToTheVideoAndDropsImplausibleSpans) {
  auto c = counted_span({1000, 11000}, 60000, 10000, 1.0);
  EXPECT_TRUE(c.plausible);
  EXPECT_EQ(c.span, (Span{1000, 11000}));
  // Past the end: clipped to the duration.
  c = counted_span({55000, 62000}, 60000, 10000, 1.0);
  EXPECT_EQ(c.span, (Span{55000, 60000}));
  // 60 s claimed after 10 s of wall time at 1x: made up, nothing counts.
  c = counted_span({0, 60000}, 60000, 10000, 1.0);
  EXPECT_FALSE(c.plausible);
  EXPECT_EQ(c.span, (Span{0, 0}));
  // At 2x the same 20 s are fine.
  EXPECT_TRUE(counted_span({0, 20000}, 60000, 10000, 2.0).plausible);
  EXPECT_FALSE(counted_span({0, 1000}, 60000, 10000, 5.0).plausible);
}

TEST(QuarterCrossed, ReportsEachQuarterOnceAndNeverTheEnd) {
  EXPECT_EQ(quarter_crossed(0, 20000, 100000), std::nullopt);
  EXPECT_EQ(quarter_crossed(20000, 25000, 100000), 1);
  EXPECT_EQ(quarter_crossed(25000, 49000, 100000), std::nullopt);
  EXPECT_EQ(quarter_crossed(10000, 80000, 100000), 3);
  EXPECT_EQ(quarter_crossed(80000, 100000, 100000), std::nullopt);  // completion records itself
  EXPECT_EQ(quarter_crossed(50000, 50000, 100000), std::nullopt);
  EXPECT_EQ(quarter_crossed(0, 10, 0), std::nullopt);
}

TEST(PercentOf, FloorsAndCaps) {
  EXPECT_EQ(percent_of(0, 100), 0);
  EXPECT_EQ(percent_of(899, 1000), 89);
  EXPECT_EQ(percent_of(2000, 1000), 100);
  EXPECT_EQ(percent_of(5, 0), 0);
}

TEST(CsvCell, QuotesWhatNeedsItAndDisarmsFormulas) {
  EXPECT_EQ(csv_cell("plain"), "plain");
  EXPECT_EQ(csv_cell(""), "");
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_cell("=SUM(A1:A2)"), "'=SUM(A1:A2)");
  EXPECT_EQ(csv_cell("+1"), "'+1");
  EXPECT_EQ(csv_cell("-2"), "'-2");
  EXPECT_EQ(csv_cell("@cmd"), "'@cmd");
  EXPECT_EQ(csv_cell("=1,2"), "\"'=1,2\"");
}

}  // namespace
}  // namespace sn::learning
