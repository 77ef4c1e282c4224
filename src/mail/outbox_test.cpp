#include "mail/outbox.hpp"

#include <gtest/gtest.h>

namespace sn::mail {
namespace {

using std::chrono::seconds;

TEST(MailRetry, DoublesFromTheBaseUpToTheCap) {
  EXPECT_EQ(retry_delay(1, seconds(30), seconds(3600)), seconds(30));
  EXPECT_EQ(retry_delay(2, seconds(30), seconds(3600)), seconds(60));
  EXPECT_EQ(retry_delay(3, seconds(30), seconds(3600)), seconds(120));
  EXPECT_EQ(retry_delay(7, seconds(30), seconds(3600)), seconds(1920));
  EXPECT_EQ(retry_delay(8, seconds(30), seconds(3600)), seconds(3600));
  // Far past the cap the doubling stops instead of overflowing.
  EXPECT_EQ(retry_delay(200, seconds(30), seconds(3600)), seconds(3600));
  EXPECT_EQ(retry_delay(0, seconds(5), seconds(3600)), seconds(5));
}

}  // namespace
}  // namespace sn::mail
