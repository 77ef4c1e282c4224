// Single sign-on routes against the real server without a working provider: off when no issuer
// is configured; with an unreachable provider every path ends in a refusal, never a 500 or a
// session. The flow against a real provider is in web/e2e/oidc.test.mjs.

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace sn::test {
namespace {

class OidcOff : public ServerFixture {};

TEST_F(OidcOff, IsOffWithoutAnIssuer) {
  auto status = http_get(port(), "/api/v1/auth/oidc");
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.json().at("enabled").as_bool(), false);
  EXPECT_EQ(http_get(port(), "/api/v1/auth/oidc/start?return_to=/").status, 404);
  EXPECT_EQ(http_get(port(), "/api/v1/auth/oidc/callback?state=x&code=y").status, 404);
  // A JWT-shaped bearer token is nobody's when single sign-on is off.
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Authorization", "Bearer eyJh.eyJz.c2ln"}}).status,
            401);
}

class OidcUnreachable : public ServerFixture {
 protected:
  static void SetUpTestSuite() {
    // Port 9 on loopback: nothing listens, so every call to the provider fails at once.
    start_server({{"SKILLNEXUS_OIDC_ISSUER", "http://127.0.0.1:9"},
                  {"SKILLNEXUS_OIDC_CLIENT_ID", "skillnexus"},
                  {"SKILLNEXUS_OIDC_CLIENT_SECRET", "integration-secret-value"},
                  {"SKILLNEXUS_OIDC_NAME", "Corp SSO"}});
  }
};

TEST_F(OidcUnreachable, RefusesEveryPathWithoutASession) {
  auto status = http_get(port(), "/api/v1/auth/oidc");
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.json().at("enabled").as_bool(), true);
  EXPECT_EQ(status.json().at("name").as_string(), "Corp SSO");

  auto start = http_get(port(), "/api/v1/auth/oidc/start?return_to=/courses");
  EXPECT_EQ(start.status, 302);
  EXPECT_EQ(start.header("location"), "/sign-in?error=sso_failed");
  EXPECT_TRUE(start.header("set-cookie").empty());

  // No state cookie: refused before anything else, and audited.
  auto callback = http_get(port(), "/api/v1/auth/oidc/callback?state=abc&code=def");
  EXPECT_EQ(callback.status, 302);
  EXPECT_EQ(callback.header("location"), "/sign-in?error=sso_failed");
  EXPECT_EQ(callback.header("set-cookie").find("sn_session"), std::string::npos);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM audit_events WHERE event = 'sign_in.failed' "
                        "AND detail->>'via' = 'oidc'"),
            "1");

  // A bearer JWT cannot be checked: 401, not 500.
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Authorization", "Bearer eyJh.eyJz.c2ln"}}).status,
            401);
  // Opaque bearer tokens still go to the session store.
  EXPECT_EQ(
      http_get(port(), "/api/v1/me", {{"Authorization", "Bearer " + std::string(43, 'a')}}).status,
      401);
  for (const auto& line : server().output()) {
    EXPECT_EQ(line.find("integration-secret-value"), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace sn::test
