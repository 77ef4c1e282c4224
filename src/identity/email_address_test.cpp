#include "identity/email_address.hpp"

#include <gtest/gtest.h>

namespace sn::identity {
namespace {

TEST(EmailProblem, AcceptsOrdinaryAddressesAndExplainsBadOnes) {
  EXPECT_FALSE(email_problem("ann.lee+lms@example.co.uk"));
  EXPECT_FALSE(email_problem("x@y.io"));
  for (const char* bad : {"", "plain", "a@b", "a@@b.com", "a b@c.com", "@c.com", "a@.com",
                          "a@c.com.", "a@c..com", "<a@c.com>", "a,b@c.com"}) {
    EXPECT_TRUE(email_problem(bad)) << bad;
  }
  EXPECT_TRUE(email_problem(std::string(65, 'a') + "@example.com"));
}

}  // namespace
}  // namespace sn::identity
