#include "learning/route_parts.hpp"

#include <gtest/gtest.h>

namespace sn::learning {
namespace {

TEST(Rfc3339, AcceptsDateTimesWithAnOffsetOnly) {
  EXPECT_TRUE(is_rfc3339("2026-05-01T17:00:00Z"));
  EXPECT_TRUE(is_rfc3339("2026-05-01T17:00:00.123Z"));
  EXPECT_TRUE(is_rfc3339("2026-05-01T17:00:00+02:00"));
  EXPECT_TRUE(is_rfc3339("2026-05-01t17:00:00-05:30"));
  EXPECT_FALSE(is_rfc3339("2026-05-01"));
  EXPECT_FALSE(is_rfc3339("2026-05-01T17:00:00"));  // no offset: ambiguous
  EXPECT_FALSE(is_rfc3339("2026-13-01T17:00:00Z"));
  EXPECT_FALSE(is_rfc3339("2026-05-01T24:00:00Z"));
  EXPECT_FALSE(is_rfc3339("2026-05-01T17:00:00.Z"));
  EXPECT_FALSE(is_rfc3339("2026-05-01T17:00:00+2:00"));
  EXPECT_FALSE(is_rfc3339("tomorrow morning please"));
}

}  // namespace
}  // namespace sn::learning
