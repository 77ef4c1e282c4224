#include "http/access.hpp"

#include <gtest/gtest.h>

namespace sn::http {
namespace {

using V = Access::Verdict;

std::optional<Principal> as(Role role, bool second_factor = true) {
  return Principal{"u1", role, "s1", second_factor};
}

TEST(Access, RulesAgainstEveryKindOfCaller) {
  const std::optional<Principal> nobody;
  EXPECT_EQ(Access::anyone().check(nobody), V::allowed);
  EXPECT_EQ(Access::signed_in().check(nobody), V::unauthenticated);
  EXPECT_EQ(Access::signed_in().check(as(Role::learner)), V::allowed);
  EXPECT_EQ(Access::role(Role::instructor).check(nobody), V::unauthenticated);
  EXPECT_EQ(Access::role(Role::instructor).check(as(Role::learner)), V::forbidden);
  EXPECT_EQ(Access::role(Role::instructor).check(as(Role::instructor)), V::allowed);
  EXPECT_EQ(Access::role(Role::instructor).check(as(Role::admin)), V::allowed);
  EXPECT_EQ(Access::role(Role::admin).check(as(Role::instructor)), V::forbidden);
}

TEST(Access, AdminRoutesNeedASecondFactorOtherRoutesDoNot) {
  EXPECT_EQ(Access::role(Role::admin).check(as(Role::admin, false)), V::needs_second_factor);
  EXPECT_EQ(Access::role(Role::admin).check(as(Role::admin, true)), V::allowed);
  EXPECT_EQ(Access::signed_in().check(as(Role::admin, false)), V::allowed);
  EXPECT_EQ(Access::role(Role::instructor).check(as(Role::admin, false)), V::allowed);
  EXPECT_EQ(Access::role(Role::admin).check(as(Role::learner, false)), V::forbidden);
}

TEST(Access, SignedLinksLeaveTheCheckToTheHandlerAndLookUpNoSession) {
  const std::optional<Principal> nobody;
  EXPECT_EQ(Access::signed_link().check(nobody), V::allowed);
  EXPECT_EQ(Access::signed_link().check(as(Role::learner)), V::allowed);
  EXPECT_FALSE(Access::signed_link().wants_caller());
  EXPECT_TRUE(Access::signed_link().is_public());
  EXPECT_EQ(Access::signed_link().describe(), "signed link");
}

TEST(Access, RoleNamesRoundTrip) {
  for (auto role : {Role::learner, Role::instructor, Role::admin}) {
    EXPECT_EQ(parse_role(to_string(role)), role);
  }
  EXPECT_FALSE(parse_role("root"));
}

}  // namespace
}  // namespace sn::http
