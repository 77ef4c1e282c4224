// Accounts and sessions against the real server: the first admin's one-time link, sign-in and
// sign-out, cross-site refusal, and the authorization matrix over every registered route.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <regex>

#include "identity/password.hpp"
#include "server_fixture.hpp"

namespace sn::test {
namespace {

class Auth : public ServerFixture {};

TEST_F(Auth, FirstAdminSetsAPasswordOnceThenSignsInAndOut) {
  const auto token = create_admin("first.admin@example.com");
  ASSERT_FALSE(token.empty());
  const std::map<std::string, std::string> json_headers{{"Content-Type", "application/json"}};

  HttpConnection conn(port());
  auto common = conn.request("POST", "/api/v1/auth/password", json_headers,
                             json({{"token", token}, {"password", "iloveyou"}}));
  EXPECT_EQ(common.status, 422);
  EXPECT_NE(common.body.find("commonly used"), std::string::npos);
  EXPECT_EQ(conn.request("POST", "/api/v1/auth/password", json_headers,
                         json({{"token", token}, {"password", "plum tree 42"}}))
                .status,
            204);
  auto again = conn.request("POST", "/api/v1/auth/password", json_headers,
                            json({{"token", token}, {"password", "plum tree 43"}}));
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.json().at("code").as_string(), "invalid_token");

  // Email case does not matter; the session works, then ends everywhere on sign-out.
  const auto cookie = sign_in("FIRST.ADMIN@example.com", "plum tree 42");
  ASSERT_FALSE(cookie.empty());
  auto me = http_get(port(), "/api/v1/me", {{"Cookie", cookie}});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json().at("role").as_string(), "admin");
  EXPECT_EQ(me.json().at("email").as_string(), "first.admin@example.com");

  HttpConnection out(port());
  auto cross_site = out.request("DELETE", "/api/v1/auth/sessions/current",
                                {{"Cookie", cookie}, {"Origin", "https://evil.example"}});
  EXPECT_EQ(cross_site.status, 403);
  EXPECT_EQ(cross_site.json().at("code").as_string(), "cross_site_request");
  auto no_origin = out.request("DELETE", "/api/v1/auth/sessions/current", {{"Cookie", cookie}});
  EXPECT_EQ(no_origin.status, 403);
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", cookie}}).status, 200);  // still live

  auto signed_out = out.request("DELETE", "/api/v1/auth/sessions/current",
                                {{"Cookie", cookie}, {"Origin", origin()}});
  EXPECT_EQ(signed_out.status, 204);
  EXPECT_NE(signed_out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", cookie}}).status, 401);

  EXPECT_EQ(pg().scalar("SELECT count(*) FROM audit_events WHERE event IN "
                        "('account.created', 'password.changed', 'sign_in.ok', "
                        "'session.revoked')"),
            "4");
}

TEST_F(Auth, FailedSignInSaysNothingAboutTheAccount) {
  create_user("known@example.com", "learner", "plum tree 42");
  HttpConnection conn(port());
  const std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
  auto wrong = conn.request("POST", "/api/v1/auth/sessions", headers,
                            json({{"email", "known@example.com"}, {"password", "not it at all"}}));
  auto unknown = conn.request("POST", "/api/v1/auth/sessions", headers,
                              json({{"email", "nobody@example.com"}, {"password", "whatever 1"}}));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  auto detail = [](const HttpResponse& r) {
    auto o = r.json().as_object();
    return std::string(o.at("code").as_string()) + std::string(o.at("detail").as_string());
  };
  EXPECT_EQ(detail(wrong), detail(unknown));
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM audit_events WHERE event = 'sign_in.failed' AND "
                        "user_id = (SELECT id FROM users WHERE email = 'known@example.com')"),
            "1");
  // The trail cannot be rewritten.
  EXPECT_THROW(pg().scalar("DELETE FROM audit_events"), std::runtime_error);
}

TEST_F(Auth, SessionsCanBeListedEndedAndAreEndedByAPasswordChange) {
  create_user("many.devices@example.com", "learner", "plum tree 42");
  const auto laptop = sign_in("many.devices@example.com", "plum tree 42");
  const auto phone = sign_in("many.devices@example.com", "plum tree 42");
  const auto tablet = sign_in("many.devices@example.com", "plum tree 42");
  auto listing = http_get(port(), "/api/v1/auth/sessions", {{"Cookie", laptop}});
  ASSERT_EQ(listing.status, 200);
  const auto sessions = listing.json().at("sessions").as_array();
  ASSERT_EQ(sessions.size(), 3u);
  std::string other_id;
  int current = 0;
  for (const auto& session : sessions) {
    if (session.at("current").as_bool()) {
      ++current;
    } else {
      other_id = std::string(session.at("id").as_string());
    }
    EXPECT_EQ(session.at("client").as_string(), "127.0.0.1");
  }
  EXPECT_EQ(current, 1);

  // Ending a session of one's own works; one of somebody else's does not exist.
  const std::map<std::string, std::string> from_laptop{{"Cookie", laptop}, {"Origin", origin()}};
  HttpConnection conn(port());
  EXPECT_EQ(conn.request("DELETE", "/api/v1/auth/sessions/" + other_id, from_laptop).status, 204);
  EXPECT_EQ(conn.request("DELETE", "/api/v1/auth/sessions/" + other_id, from_laptop).status, 404);
  EXPECT_EQ(conn.request("DELETE", "/api/v1/auth/sessions/not-a-uuid", from_laptop).status, 404);
  const int still_live = (http_get(port(), "/api/v1/me", {{"Cookie", phone}}).status == 200) +
                         (http_get(port(), "/api/v1/me", {{"Cookie", tablet}}).status == 200);
  EXPECT_EQ(still_live, 1);

  // A password change needs the current password and ends every other session.
  auto headers = from_laptop;
  headers["Content-Type"] = "application/json";
  auto wrong =
      conn.request("POST", "/api/v1/me/password", headers,
                   json({{"current_password", "not it"}, {"new_password", "new plum 43"}}));
  EXPECT_EQ(wrong.status, 422);
  auto changed =
      conn.request("POST", "/api/v1/me/password", headers,
                   json({{"current_password", "plum tree 42"}, {"new_password", "new plum 43"}}));
  EXPECT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", laptop}}).status, 200);
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", phone}}).status, 401);
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", tablet}}).status, 401);
  EXPECT_TRUE(sign_in("many.devices@example.com", "plum tree 42").empty());
  EXPECT_FALSE(sign_in("many.devices@example.com", "new plum 43").empty());

  // Sign out everywhere, this browser included.
  EXPECT_EQ(conn.request("DELETE", "/api/v1/auth/sessions", from_laptop).status, 204);
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", laptop}}).status, 401);
}

// Two stateless instances on one database, as behind a load balancer: a session made on one
// works on the other, and signing out on either ends it on both: on that one at once, on the
// other as soon as the database's notification reaches it (both had it in their caches).
TEST_F(Auth, SessionsAreSharedAndRevokedAcrossInstances) {
  create_user("two.instances@example.com", "learner", "plum tree 42");
  ServerProcess second({.env = {{"SKILLNEXUS_DATABASE_URL", conninfo()},
                                {"SKILLNEXUS_SECRET_KEY", std::string(40, 'k')}}});
  second.start();
  second.wait_ready();
  const auto cookie = sign_in("two.instances@example.com", "plum tree 42");  // on the first
  ASSERT_FALSE(cookie.empty());
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", cookie}}).status, 200);
  EXPECT_EQ(http_get(second.port(), "/api/v1/me", {{"Cookie", cookie}}).status, 200);

  HttpConnection conn(second.port());
  auto out = conn.request(
      "DELETE", "/api/v1/auth/sessions/current",
      {{"Cookie", cookie}, {"Origin", "http://127.0.0.1:" + std::to_string(second.port())}});
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(http_get(second.port(), "/api/v1/me", {{"Cookie", cookie}}).status, 401);
  EXPECT_TRUE(eventually(
      [&] {
        return http_get(port(), "/api/v1/me", {{"Cookie", cookie}}).status == 401;
      },
      2s));
  EXPECT_EQ(second.stop(), 0);

  // With caches off (behind a pooler that carries no notifications) every request reads the
  // session: a revocation the server never heard of counts at once.
  ServerProcess uncached({.env = {{"SKILLNEXUS_DATABASE_URL", conninfo()},
                                  {"SKILLNEXUS_SECRET_KEY", std::string(40, 'k')},
                                  {"SKILLNEXUS_CACHES", "0"}}});
  uncached.start();
  uncached.wait_ready();
  const auto again = sign_in("two.instances@example.com", "plum tree 42");
  EXPECT_EQ(http_get(uncached.port(), "/api/v1/me", {{"Cookie", again}}).status, 200);
  EXPECT_NE(http_get(uncached.port(), "/metrics").body.find("skillnexus_cache_listener_up 0"),
            std::string::npos);
  pg().scalar(
      "SET session_replication_role = replica; UPDATE sessions SET revoked_at = now() "
      "WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE email = "
      "'two.instances@example.com'); SET session_replication_role = origin; SELECT 1");
  EXPECT_EQ(http_get(uncached.port(), "/api/v1/me", {{"Cookie", again}}).status, 401);
  EXPECT_EQ(uncached.stop(), 0);
}

TEST_F(Auth, ApiTokensRotateAndAReusedRefreshTokenRevokesTheFamily) {
  create_user("mobile@example.com", "learner", "plum tree 42");
  const std::map<std::string, std::string> json_headers{{"Content-Type", "application/json"}};
  HttpConnection conn(port());
  auto wrong = conn.request("POST", "/api/v1/auth/token", json_headers,
                            json({{"email", "mobile@example.com"}, {"password", "nope nope"}}));
  EXPECT_EQ(wrong.status, 401);
  auto first = conn.request("POST", "/api/v1/auth/token", json_headers,
                            json({{"email", "mobile@example.com"}, {"password", "plum tree 42"}}));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("cache-control"), "no-store");
  const auto tokens = first.json().as_object();
  EXPECT_EQ(tokens.at("token_type").as_string(), "Bearer");
  EXPECT_EQ(tokens.at("expires_in").as_int64(), 900);
  const std::string access(tokens.at("access_token").as_string());
  const std::string refresh(tokens.at("refresh_token").as_string());
  auto bearer = [](const std::string& token) {
    return std::map<std::string, std::string>{{"Authorization", "Bearer " + token}};
  };
  auto me = http_get(port(), "/api/v1/me", bearer(access));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json().at("email").as_string(), "mobile@example.com");
  EXPECT_EQ(http_get(port(), "/api/v1/me", bearer(refresh)).status, 401);  // not an access token

  auto renewed =
      conn.request("POST", "/api/v1/auth/token", json_headers, json({{"refresh_token", refresh}}));
  ASSERT_EQ(renewed.status, 200) << renewed.body;
  const std::string access2(renewed.json().at("access_token").as_string());
  const std::string refresh2(renewed.json().at("refresh_token").as_string());
  EXPECT_NE(refresh2, refresh);
  EXPECT_EQ(http_get(port(), "/api/v1/me", bearer(access2)).status, 200);

  // The first refresh token again: stolen. The whole family ends, the newest tokens too.
  auto replay =
      conn.request("POST", "/api/v1/auth/token", json_headers, json({{"refresh_token", refresh}}));
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(http_get(port(), "/api/v1/me", bearer(access2)).status, 401);
  EXPECT_EQ(
      conn.request("POST", "/api/v1/auth/token", json_headers, json({{"refresh_token", refresh2}}))
          .status,
      401);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM audit_events WHERE detail->>'reason' = "
                        "'refresh token reused'"),
            "1");

  // Bearer credentials are not sent by browsers on their own: no Origin needed.
  auto again = conn.request("POST", "/api/v1/auth/token", json_headers,
                            json({{"email", "mobile@example.com"}, {"password", "plum tree 42"}}));
  const std::string access3(again.json().at("access_token").as_string());
  EXPECT_EQ(conn.request("DELETE", "/api/v1/auth/sessions/current", bearer(access3)).status, 204);
  EXPECT_EQ(http_get(port(), "/api/v1/me", bearer(access3)).status, 401);
}

TEST_F(Auth, RepeatedFailuresAreThrottledThenForgiven) {
  create_user("throttled@example.com", "learner", "plum tree 42");
  auto attempt = [](const std::string& password) {
    HttpConnection conn(port());
    return conn.request("POST", "/api/v1/auth/sessions", {{"Content-Type", "application/json"}},
                        json({{"email", "Throttled@example.com"}, {"password", password}}));
  };
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(attempt("wrong guess " + std::to_string(i)).status, 401);
  // The 5th failure starts a block of 2^0 = 1 s: even the right password waits.
  EXPECT_EQ(attempt("wrong guess 4").status, 401);
  auto blocked = attempt("plum tree 42");
  EXPECT_EQ(blocked.status, 429);
  EXPECT_EQ(blocked.json().at("code").as_string(), "rate_limited");
  EXPECT_EQ(blocked.header("retry-after"), "1");
  std::this_thread::sleep_for(1100ms);
  EXPECT_EQ(attempt("plum tree 42").status, 201);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM audit_events WHERE event = 'sign_in.locked'"), "1");
  // Success clears the account's count: one more failure does not block again.
  EXPECT_EQ(attempt("wrong again").status, 401);
  EXPECT_EQ(attempt("plum tree 42").status, 201);
}

// The platform route is open to everyone and says who is looking when a session comes along; a
// stale cookie just makes a visitor.
TEST_F(Auth, PlatformNamesTheViewer) {
  const auto id = create_user("viewer@example.com", "instructor", "plum tree 42");
  auto visitor = http_get(port(), "/api/v1/platform");
  ASSERT_EQ(visitor.status, 200);
  EXPECT_TRUE(visitor.json().at("viewer").is_null());
  auto signed_in = http_get(port(), "/api/v1/platform", {{"Cookie", session_cookie(id)}});
  ASSERT_EQ(signed_in.status, 200);
  EXPECT_EQ(signed_in.json().at("viewer").at("role").as_string(), "instructor");
  EXPECT_EQ(signed_in.json().at("viewer").at("id").as_string(), id);
  auto stale =
      http_get(port(), "/api/v1/platform", {{"Cookie", "sn_session=" + std::string(43, 'x')}});
  EXPECT_EQ(stale.status, 200);
  EXPECT_TRUE(stale.json().at("viewer").is_null());
}

// Every registered route, called by nobody and by each role: the declared rule decides 401/403,
// and a caller it admits is never refused for who they are.
TEST_F(Auth, AuthorizationMatrixCoversEveryRoute) {
  std::map<std::string, std::string> user_ids{
      {"learner", create_user("matrix.learner@example.com", "learner", "plum tree 42")},
      {"instructor", create_user("matrix.instructor@example.com", "instructor", "plum tree 42")}};
  const auto admin_cookie = admin_session("matrix.admin@example.com");
  user_ids["admin"] = pg().scalar("SELECT id FROM users WHERE email = 'matrix.admin@example.com'");
  auto listing = http_get(port(), "/api/v1/admin/routes", {{"Cookie", admin_cookie}});
  ASSERT_EQ(listing.status, 200) << listing.body;
  const auto routes = listing.json().at("routes").as_array();
  ASSERT_GE(routes.size(), 10u);

  const std::vector<std::pair<std::string, int>> callers{
      {"", -1}, {"learner", 0}, {"instructor", 1}, {"admin", 2}};
  for (const auto& value : routes) {
    const auto& route = value.as_object();
    const std::string method(route.at("method").as_string());
    const std::string pattern(route.at("pattern").as_string());
    const std::string access(route.at("access").as_string());
    ASSERT_FALSE(access.empty()) << pattern << " declares no rule";
    // A signed link is its own credential: a made-up one is refused to every caller alike.
    const bool signed_link = access == "signed link";
    const int needed = access == "anyone" || access == "anyone, identified" || signed_link ? -1
                       : access == "signed in" || access == "learner"                      ? 0
                       : access == "instructor"                                            ? 1
                       : access == "admin"                                                 ? 2
                                                                                           : 99;
    ASSERT_NE(needed, 99) << pattern << ": unknown rule " << access;
    const auto target = std::regex_replace(pattern, std::regex("\\{[^}]+\\}"),
                                           "00000000-0000-4000-8000-000000000000");
    for (const auto& [role, rank] : callers) {
      std::map<std::string, std::string> headers{{"Origin", origin()},
                                                 {"Content-Type", "application/json"}};
      // A fresh session per call: some routes end the session they are called with.
      if (!role.empty()) {
        headers["Cookie"] =
            session_cookie(user_ids[role], role == "admin" ? "password+totp" : "password");
      }
      HttpConnection conn(port());
      const auto res = conn.request(method, target, headers, method == "GET" ? "" : "{}");
      const std::string where = method + " " + pattern + " as " + (role.empty() ? "nobody" : role);
      if (signed_link) {
        EXPECT_EQ(res.status, 403) << where << ": " << res.body;
        EXPECT_EQ(res.json().at("code").as_string(), "media_link_invalid") << where;
      } else if (rank < needed) {
        EXPECT_EQ(res.status, rank < 0 ? 401 : 403) << where << ": " << res.body;
      } else {
        EXPECT_NE(res.status, 401) << where << ": " << res.body;
        EXPECT_NE(res.status, 403) << where << ": " << res.body;
      }
    }
  }
}

}  // namespace
}  // namespace sn::test
