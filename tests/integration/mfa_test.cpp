// Two-factor authentication against the real server: enrolment with the current password and a
// confirming code, the second sign-in step, single use of codes and recovery codes, and the
// rule that admins reach admin routes only once enrolled.

#include <gtest/gtest.h>

#include <chrono>

#include "identity/totp.hpp"
#include "server_fixture.hpp"

namespace sn::test {
namespace {

namespace totp = identity::totp;

class Mfa : public ServerFixture {
 protected:
  static std::int64_t current_step() {
    return totp::step_at(std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count());
  }
  static HttpResponse sign_in_raw(const std::string& email, const std::string& password,
                                  const std::string& code = "") {
    boost::json::object body{{"email", email}, {"password", password}};
    if (!code.empty()) body["code"] = code;
    HttpConnection conn(port());
    return conn.request("POST", "/api/v1/auth/sessions",
                        {{"Content-Type", "application/json"}, {"Origin", origin()}}, json(body));
  }
  static int audit_count(const std::string& event, const std::string& email) {
    return std::stoi(
        pg().scalar("SELECT count(*) FROM audit_events a JOIN users u ON u.id = "
                    "a.user_id WHERE a.event = '" +
                    event + "' AND u.email = '" + email + "'"));
  }
};

TEST_F(Mfa, EnrolmentNeedsThePasswordAndAConfirmingCode) {
  create_user("enrol@example.com", "learner", "plum tree 42");
  const auto cookie = sign_in("enrol@example.com", "plum tree 42");
  HttpConnection conn(port());
  auto wrong_password = conn.request("POST", "/api/v1/me/mfa/totp", cookie_headers(cookie),
                                     json({{"current_password", "not it"}}));
  EXPECT_EQ(wrong_password.status, 422);

  auto started = conn.request("POST", "/api/v1/me/mfa/totp", cookie_headers(cookie),
                              json({{"current_password", "plum tree 42"}}));
  ASSERT_EQ(started.status, 200) << started.body;
  const auto started_json = started.json();
  const auto& body = started_json.as_object();
  const std::string secret_text(body.at("secret").as_string());
  EXPECT_EQ(secret_text.size(), 32u);  // 160 bits in base32
  EXPECT_TRUE(body.at("otpauth_uri").as_string().starts_with("otpauth://totp/SkillNexus:enrol@"));
  EXPECT_TRUE(body.at("qr_svg").as_string().starts_with("<svg"));
  // Sealed at rest: the database does not hold the seed the user saw.
  const auto stored =
      pg().scalar("SELECT totp_pending_secret FROM users WHERE email = 'enrol@example.com'");
  EXPECT_FALSE(stored.empty());
  EXPECT_EQ(stored.find(secret_text), std::string::npos);
  // Not on yet: sign-in still needs only the password.
  EXPECT_EQ(sign_in_raw("enrol@example.com", "plum tree 42").status, 201);

  const auto secret = totp::base32_decode(secret_text).value();
  const auto wrong_code = totp::code_at_step(secret, current_step() + 5);
  auto rejected = conn.request("POST", "/api/v1/me/mfa/totp/confirm", cookie_headers(cookie),
                               json({{"code", wrong_code}}));
  EXPECT_EQ(rejected.status, 422);
  auto confirmed = conn.request("POST", "/api/v1/me/mfa/totp/confirm", cookie_headers(cookie),
                                json({{"code", totp::code_at_step(secret, current_step())}}));
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const auto confirmed_json = confirmed.json();
  const auto& codes = confirmed_json.at("recovery_codes").as_array();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> distinct;
  for (const auto& code : codes)
    distinct.insert(std::string(code.as_string()));
  EXPECT_EQ(distinct.size(), 10u);
  // Stored salted and hashed, never as given.
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM recovery_codes WHERE code_hash LIKE '%" +
                        std::string(codes[0].as_string()).substr(0, 5) + "%'"),
            "0");

  auto me = http_get(port(), "/api/v1/me", {{"Cookie", cookie}});
  EXPECT_TRUE(me.json().at("mfa_enabled").as_bool());
  auto again = conn.request("POST", "/api/v1/me/mfa/totp", cookie_headers(cookie),
                            json({{"current_password", "plum tree 42"}}));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(audit_count("mfa.enabled", "enrol@example.com"), 1);
}

TEST_F(Mfa, SignInAsksForTheCodeAndEachCodeWorksOnce) {
  create_user("two.step@example.com", "learner", "plum tree 42");
  const auto first = sign_in("two.step@example.com", "plum tree 42");
  const auto secret = enrol_totp(first, "plum tree 42");
  ASSERT_FALSE(secret.empty());
  const auto enrolled_step = current_step();

  auto no_code = sign_in_raw("two.step@example.com", "plum tree 42");
  EXPECT_EQ(no_code.status, 401);
  EXPECT_EQ(no_code.json().at("code").as_string(), "mfa_required");
  // The code never substitutes for the password.
  auto wrong_password = sign_in_raw("two.step@example.com", "plum tree 43",
                                    totp::code_at_step(secret, enrolled_step + 1));
  EXPECT_EQ(wrong_password.json().at("code").as_string(), "invalid_credentials");
  // The code used to confirm enrolment is spent already.
  EXPECT_EQ(
      sign_in_raw("two.step@example.com", "plum tree 42", totp::code_at_step(secret, enrolled_step))
          .status,
      401);

  const auto next = totp::code_at_step(secret, enrolled_step + 1);
  auto ok = sign_in_raw("two.step@example.com", "plum tree 42", next);
  ASSERT_EQ(ok.status, 201) << ok.body;
  auto replay = sign_in_raw("two.step@example.com", "plum tree 42", next);
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(replay.json().at("code").as_string(), "invalid_credentials");
  EXPECT_GE(audit_count("sign_in.failed", "two.step@example.com"), 2);
  EXPECT_EQ(pg().scalar("SELECT auth_method FROM sessions s JOIN users u ON u.id = s.user_id "
                        "WHERE u.email = 'two.step@example.com' ORDER BY s.created_at DESC "
                        "LIMIT 1"),
            "password+totp");
}

TEST_F(Mfa, RecoveryCodesWorkOnceAndCanBeReplaced) {
  create_user("lost.phone@example.com", "learner", "plum tree 42");
  const auto cookie = sign_in("lost.phone@example.com", "plum tree 42");
  ASSERT_FALSE(enrol_totp(cookie, "plum tree 42").empty());
  HttpConnection conn(port());
  auto replaced = conn.request("POST", "/api/v1/me/mfa/recovery-codes", cookie_headers(cookie),
                               json({{"current_password", "plum tree 42"}}));
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  const std::string code(replaced.json().at("recovery_codes").as_array()[3].as_string());

  // Typed the way people type: upper case, no dash.
  std::string typed;
  for (char c : code) {
    if (c != '-') typed += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  EXPECT_EQ(sign_in_raw("lost.phone@example.com", "plum tree 42", typed).status, 201);
  EXPECT_EQ(sign_in_raw("lost.phone@example.com", "plum tree 42", code).status, 401);
  EXPECT_EQ(audit_count("mfa.recovery_code_used", "lost.phone@example.com"), 1);

  // The mobile token route takes the same second step.
  HttpConnection api(port());
  auto token =
      api.request("POST", "/api/v1/auth/token", {{"Content-Type", "application/json"}},
                  json({{"email", "lost.phone@example.com"}, {"password", "plum tree 42"}}));
  EXPECT_EQ(token.status, 401);
  EXPECT_EQ(token.json().at("code").as_string(), "mfa_required");
  const std::string other(replaced.json().at("recovery_codes").as_array()[7].as_string());
  auto with_code = api.request(
      "POST", "/api/v1/auth/token", {{"Content-Type", "application/json"}},
      json({{"email", "lost.phone@example.com"}, {"password", "plum tree 42"}, {"code", other}}));
  EXPECT_EQ(with_code.status, 200) << with_code.body;
}

TEST_F(Mfa, TurningItOffNeedsThePassword) {
  create_user("turn.off@example.com", "learner", "plum tree 42");
  const auto cookie = sign_in("turn.off@example.com", "plum tree 42");
  ASSERT_FALSE(enrol_totp(cookie, "plum tree 42").empty());
  HttpConnection conn(port());
  EXPECT_EQ(conn.request("DELETE", "/api/v1/me/mfa/totp", cookie_headers(cookie),
                         json({{"current_password", "guess"}}))
                .status,
            422);
  EXPECT_EQ(conn.request("DELETE", "/api/v1/me/mfa/totp", cookie_headers(cookie),
                         json({{"current_password", "plum tree 42"}}))
                .status,
            204);
  EXPECT_EQ(sign_in_raw("turn.off@example.com", "plum tree 42").status, 201);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM recovery_codes r JOIN users u ON u.id = r.user_id "
                        "WHERE u.email = 'turn.off@example.com'"),
            "0");
  EXPECT_EQ(audit_count("mfa.disabled", "turn.off@example.com"), 1);
}

TEST_F(Mfa, AdminsReachAdminRoutesOnlyOnceEnrolled) {
  create_user("new.admin@example.com", "admin", "plum tree 42");
  const auto elsewhere = sign_in("new.admin@example.com", "plum tree 42");
  const auto cookie = sign_in("new.admin@example.com", "plum tree 42");
  auto refused = http_get(port(), "/api/v1/admin/routes", {{"Cookie", cookie}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json().at("code").as_string(), "mfa_enrolment_required");
  // Their own account stays reachable, so they can enrol.
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", cookie}}).status, 200);
  ASSERT_FALSE(enrol_totp(cookie, "plum tree 42").empty());
  EXPECT_EQ(http_get(port(), "/api/v1/admin/routes", {{"Cookie", cookie}}).status, 200);
  // A session signed in with the password alone does not inherit the new second factor: it ends.
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", elsewhere}}).status, 401);

  // Turned off again, the second factor is gone from this session too.
  HttpConnection conn(port());
  ASSERT_EQ(conn.request("DELETE", "/api/v1/me/mfa/totp", cookie_headers(cookie),
                         json({{"current_password", "plum tree 42"}}))
                .status,
            204);
  EXPECT_EQ(http_get(port(), "/api/v1/admin/routes", {{"Cookie", cookie}}).status, 403);
}

TEST_F(Mfa, WrongCurrentPasswordsAreThrottled) {
  create_user("guesser@example.com", "learner", "plum tree 42");
  const auto cookie = sign_in("guesser@example.com", "plum tree 42");
  HttpConnection conn(port());
  int last = 0;
  for (int i = 0; i < 6; ++i) {
    last = conn.request("POST", "/api/v1/me/mfa/totp", cookie_headers(cookie),
                        json({{"current_password", "guess " + std::to_string(i)}}))
               .status;
  }
  EXPECT_EQ(last, 429);
  EXPECT_EQ(audit_count("reauth.failed", "guesser@example.com"), 5);
  EXPECT_EQ(audit_count("reauth.locked", "guesser@example.com"), 1);
}

}  // namespace
}  // namespace sn::test
