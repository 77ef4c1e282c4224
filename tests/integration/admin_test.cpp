// The admin API against the real server: the user directory and its cursor pages, invitations
// followed through the emailed link, role and status changes taking effect at once, the guard
// rails around admins, bulk CSV import, groups, audit search, and refusal of everyone else.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "server_fixture.hpp"

namespace sn::test {
namespace {

std::string q(const std::string& text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

class Admin : public ServerFixture {
 protected:
  static HttpResponse get(const std::string& cookie, const std::string& target) {
    return http_get(port(), target, {{"Cookie", cookie}});
  }
  static HttpResponse send(const std::string& method, const std::string& target,
                           const std::string& cookie, const std::string& body = "",
                           const std::string& content_type = "application/json") {
    auto headers = cookie_headers(cookie);
    headers["Content-Type"] = content_type;
    HttpConnection conn(port());
    return conn.request(method, target, headers, body);
  }
  static std::string user_id_of(const std::string& email) {
    return pg().scalar("SELECT id FROM users WHERE lower(email) = lower('" + email + "')");
  }

  // The invitation token mailed to `email` (the .eml the file mailer wrote), polling because
  // bulk invitations are sent after the import has answered.
  static std::string mailed_token(const std::string& email) {
    const auto dir = server().data_dir() / "mail";
    const std::regex link("/set-password#token=([A-Za-z0-9_-]+)");
    for (int attempt = 0; attempt < 200; ++attempt) {
      std::error_code ec;
      for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".eml") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const auto content = text.str();
        std::smatch match;
        if (content.find("To: " + email + "\r\n") != std::string::npos &&
            std::regex_search(content, match, link)) {
          return match[1];
        }
      }
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "no invitation mailed to " << email;
    return "";
  }

  // Every page of a listing; fails if a page is malformed or the walk does not end.
  static std::vector<boost::json::object> walk(const std::string& cookie, const std::string& base,
                                               const std::string& key, int* pages = nullptr) {
    std::vector<boost::json::object> items;
    std::string cursor;
    for (int page = 1; page <= 100; ++page) {
      const auto sep = base.find('?') == std::string::npos ? "?" : "&";
      auto res =
          get(cookie, base + (cursor.empty() ? "" : sep + std::string("cursor=") + q(cursor)));
      EXPECT_EQ(res.status, 200) << res.body;
      if (res.status != 200) return items;
      const auto body = res.json();
      for (const auto& item : body.at(key).as_array())
        items.push_back(item.as_object());
      if (pages) *pages = page;
      if (body.at("next_cursor").is_null()) return items;
      cursor = std::string(body.at("next_cursor").as_string());
    }
    ADD_FAILURE() << "the listing never ended";
    return items;
  }
};

TEST_F(Admin, UserPagesWalkEveryUserOnceInOrderAndSearchFilters) {
  const auto cookie = admin_session("pages.admin@example.com");
  ASSERT_FALSE(cookie.empty());
  pg().scalar(
      "INSERT INTO users (email, name, role) SELECT 'walker' || lpad(i::text, 3, '0') || "
      "'@pages.test', 'Walker Number ' || i, CASE WHEN i % 40 = 0 THEN 'instructor' ELSE "
      "'learner' END FROM generate_series(1, 120) i");

  int pages = 0;
  const auto users = walk(cookie, "/api/v1/admin/users?q=pages.test&limit=25", "users", &pages);
  EXPECT_EQ(pages, 5);
  ASSERT_EQ(users.size(), 120u);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < users.size(); ++i) {
    ids.insert(std::string(users[i].at("id").as_string()));
    char expected[64];
    std::snprintf(expected, sizeof expected, "walker%03zu@pages.test", i + 1);
    EXPECT_EQ(users[i].at("email").as_string(), expected);
  }
  EXPECT_EQ(ids.size(), 120u);
  const auto& first = users.front();
  for (const char* field : {"id", "email", "name", "role", "status", "email_verified",
                            "mfa_enabled", "created_at", "last_sign_in_at"}) {
    EXPECT_TRUE(first.contains(field)) << field;
  }
  EXPECT_FALSE(first.at("mfa_enabled").as_bool());
  EXPECT_TRUE(first.at("last_sign_in_at").is_null());

  // Case-insensitive substring of the name; role and status filters.
  auto by_name = walk(cookie, "/api/v1/admin/users?q=" + q("NUMBER 11"), "users");
  EXPECT_EQ(by_name.size(), 11u);  // 11 and 110..119
  auto instructors = walk(cookie, "/api/v1/admin/users?q=pages.test&role=instructor", "users");
  EXPECT_EQ(instructors.size(), 3u);
  pg().scalar("UPDATE users SET status = 'disabled' WHERE email = 'walker007@pages.test'");
  auto disabled = walk(cookie, "/api/v1/admin/users?q=pages.test&status=disabled", "users");
  ASSERT_EQ(disabled.size(), 1u);
  EXPECT_EQ(disabled[0].at("email").as_string(), "walker007@pages.test");
  // LIKE wildcards in the search are taken literally.
  EXPECT_TRUE(walk(cookie, "/api/v1/admin/users?q=" + q("walker%"), "users").empty());

  // The admin has signed in: the listing shows when.
  auto me = walk(cookie, "/api/v1/admin/users?q=pages.admin", "users");
  ASSERT_EQ(me.size(), 1u);
  EXPECT_FALSE(me[0].at("last_sign_in_at").is_null());

  EXPECT_EQ(get(cookie, "/api/v1/admin/users?cursor=not-a-cursor").status, 422);
  EXPECT_EQ(get(cookie, "/api/v1/admin/users?limit=0").status, 422);
  EXPECT_EQ(get(cookie, "/api/v1/admin/users?role=owner").status, 422);
}

TEST_F(Admin, InvitationLinkSetsThePasswordAndTheUserSignsIn) {
  const auto cookie = admin_session("inviter@example.com");
  auto res = send(
      "POST", "/api/v1/admin/users", cookie,
      json({{"email", "invitee@example.com"}, {"name", "New Person"}, {"role", "instructor"}}));
  ASSERT_EQ(res.status, 201) << res.body;
  const auto user = res.json().as_object();
  EXPECT_EQ(user.at("status").as_string(), "invited");
  EXPECT_EQ(user.at("role").as_string(), "instructor");
  const std::string id(user.at("id").as_string());

  EXPECT_EQ(send("POST", "/api/v1/admin/users", cookie,
                 json({{"email", "INVITEE@example.com"}, {"name", "Again"}}))
                .status,
            409);
  EXPECT_EQ(send("POST", "/api/v1/admin/users", cookie, json({{"email", "no-at-sign"}})).status,
            422);
  EXPECT_EQ(sign_in("invitee@example.com", "chosen pass phrase"), "");  // no password yet

  const auto token = mailed_token("invitee@example.com");
  ASSERT_FALSE(token.empty());
  HttpConnection conn(port());
  EXPECT_EQ(conn.request("POST", "/api/v1/auth/password", {{"Content-Type", "application/json"}},
                         json({{"token", token}, {"password", "chosen pass phrase"}}))
                .status,
            204);
  const auto invitee = sign_in("invitee@example.com", "chosen pass phrase");
  ASSERT_FALSE(invitee.empty());
  auto me = get(invitee, "/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("role").as_string(), "instructor");

  auto detail = get(cookie, "/api/v1/admin/users/" + id);
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.json().at("status").as_string(), "active");
  EXPECT_TRUE(detail.json().at("email_verified").as_bool());
  EXPECT_TRUE(detail.json().at("groups").as_array().empty());
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM audit_events WHERE event = 'user.invited' AND "
                        "user_id = '" +
                        id + "' AND actor_id = '" + user_id_of("inviter@example.com") + "'"),
            "1");
}

TEST_F(Admin, RoleChangeAppliesToTheUsersNextRequest) {
  const auto cookie = admin_session("promoter@example.com");
  const auto id = create_user("promoted@example.com", "learner", "plum tree 42");
  const auto learner = sign_in("promoted@example.com", "plum tree 42");
  ASSERT_FALSE(learner.empty());
  EXPECT_EQ(get(learner, "/api/v1/admin/users").status, 403);

  auto res = send("PATCH", "/api/v1/admin/users/" + id, cookie, json({{"role", "admin"}}));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("role").as_string(), "admin");
  // Same session, new role: an admin now, so the refusal is about the missing second factor.
  auto promoted = get(learner, "/api/v1/admin/users");
  EXPECT_EQ(promoted.status, 403);
  EXPECT_EQ(promoted.json().at("code").as_string(), "mfa_enrolment_required");
  enrol_totp(learner, "plum tree 42");
  EXPECT_EQ(get(learner, "/api/v1/admin/users").status, 200);

  res = send("PATCH", "/api/v1/admin/users/" + id, cookie,
             json({{"role", "learner"}, {"name", "Back Down"}}));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json().at("name").as_string(), "Back Down");
  EXPECT_EQ(get(learner, "/api/v1/admin/users").status, 403);
  EXPECT_EQ(pg().scalar("SELECT string_agg(detail->>'to', ',' ORDER BY id) FROM audit_events "
                        "WHERE event = 'role.changed' AND user_id = '" +
                        id + "'"),
            "admin,learner");
  EXPECT_EQ(send("PATCH", "/api/v1/admin/users/" + id, cookie, json({{"role", "owner"}})).status,
            422);
  EXPECT_EQ(send("PATCH", "/api/v1/admin/users/00000000-0000-4000-8000-000000000000", cookie,
                 json({{"name", "x"}}))
                .status,
            404);
}

TEST_F(Admin, DisablingEndsLiveSessionsAndEnablingAllowsSignInAgain) {
  const auto cookie = admin_session("disabler@example.com");
  const auto id = create_user("disabled.user@example.com", "learner", "plum tree 42");
  const auto session = sign_in("disabled.user@example.com", "plum tree 42");
  ASSERT_EQ(get(session, "/api/v1/me").status, 200);

  auto res = send("PATCH", "/api/v1/admin/users/" + id, cookie, json({{"status", "disabled"}}));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("status").as_string(), "disabled");
  EXPECT_EQ(get(session, "/api/v1/me").status, 401);
  EXPECT_EQ(sign_in("disabled.user@example.com", "plum tree 42"), "");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM sessions WHERE user_id = '" + id +
                        "' AND revoked_at IS NULL"),
            "0");

  res = send("PATCH", "/api/v1/admin/users/" + id, cookie, json({{"status", "active"}}));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json().at("status").as_string(), "active");
  EXPECT_EQ(get(session, "/api/v1/me").status, 401);  // the old session stays ended
  const auto again = sign_in("disabled.user@example.com", "plum tree 42");
  ASSERT_FALSE(again.empty());

  // Ending sessions without disabling.
  EXPECT_EQ(send("DELETE", "/api/v1/admin/users/" + id + "/sessions", cookie).status, 204);
  EXPECT_EQ(get(again, "/api/v1/me").status, 401);
  EXPECT_EQ(pg().scalar("SELECT string_agg(event, ',' ORDER BY id) FROM audit_events WHERE "
                        "user_id = '" +
                        id + "' AND actor_id IS NOT NULL"),
            "account.disabled,account.enabled,session.revoked");
}

TEST_F(Admin, NoSelfDemotionAndTheLastActiveAdminStays) {
  const auto a = admin_session("guard.a@example.com");
  const auto b = admin_session("guard.b@example.com");
  const auto a_id = user_id_of("guard.a@example.com");
  const auto b_id = user_id_of("guard.b@example.com");
  for (const auto& body : {json({{"role", "instructor"}}), json({{"status", "disabled"}})}) {
    auto res = send("PATCH", "/api/v1/admin/users/" + a_id, a, body);
    EXPECT_EQ(res.status, 409) << res.body;
    EXPECT_EQ(res.json().at("code").as_string(), "conflict");
  }
  EXPECT_EQ(send("PATCH", "/api/v1/admin/users/" + a_id, a, json({{"name", "Still Me"}})).status,
            200);

  // Only these two remain active admins; each demotes the other at the same moment. One wins;
  // the other is refused (409 in the transaction, or 403 if it was already demoted when its
  // request arrived), and one active admin is left.
  pg().scalar("UPDATE users SET status = 'disabled' WHERE role = 'admin' AND id NOT IN ('" + a_id +
              "', '" + b_id + "')");
  int a_status = 0, b_status = 0;
  {
    std::jthread first([&] {
      a_status =
          send("PATCH", "/api/v1/admin/users/" + b_id, a, json({{"role", "learner"}})).status;
    });
    std::jthread second([&] {
      b_status =
          send("PATCH", "/api/v1/admin/users/" + a_id, b, json({{"role", "learner"}})).status;
    });
  }
  EXPECT_EQ((a_status == 200) + (b_status == 200), 1) << a_status << " " << b_status;
  EXPECT_TRUE(a_status == 409 || a_status == 403 || b_status == 409 || b_status == 403);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM users WHERE role = 'admin' AND status = 'active'"),
            "1");
}

TEST_F(Admin, CsvImportReportsEveryBadLineAndHonoursTheMode) {
  const auto cookie = admin_session("importer@example.com");
  create_user("existing@import.test", "learner", "plum tree 42");
  const std::string csv =
      "email,name,role,groups\r\n"
      "one@import.test,One,learner,Import Team;Sales\r\n"
      "bad-email,Bad,learner,\r\n"
      "two@import.test,\"Two, Second\",instructor,import team\r\n"
      "ONE@import.test,Dup,learner,\r\n"
      "existing@import.test,Exists,learner,\r\n"
      "three@import.test,Three,boss,\r\n"
      "four@import.test,Short\r\n";
  const auto count = [] {
    return pg().scalar("SELECT count(*) FROM users WHERE email LIKE '%@import.test'");
  };
  const auto check_errors = [](const boost::json::value& report) {
    std::vector<std::int64_t> lines;
    for (const auto& e : report.at("errors").as_array())
      lines.push_back(e.at("line").as_int64());
    EXPECT_EQ(lines, (std::vector<std::int64_t>{3, 5, 6, 7, 8}));
    const auto& errors = report.at("errors").as_array();
    EXPECT_NE(std::string(errors[0].at("message").as_string()).find("Invalid email"),
              std::string::npos);
    EXPECT_NE(std::string(errors[1].at("message").as_string()).find("line 2"), std::string::npos);
    EXPECT_NE(std::string(errors[2].at("message").as_string()).find("already exists"),
              std::string::npos);
    EXPECT_NE(std::string(errors[3].at("message").as_string()).find("Unknown role"),
              std::string::npos);
    EXPECT_EQ(report.at("total_rows").as_int64(), 7);
  };
  const std::string path = "/api/v1/admin/users/import";

  auto dry = send("POST", path + "?mode=valid_rows&dry_run=true", cookie, csv, "text/csv");
  ASSERT_EQ(dry.status, 200) << dry.body;
  check_errors(dry.json());
  EXPECT_TRUE(dry.json().at("dry_run").as_bool());
  EXPECT_EQ(dry.json().at("imported").as_int64(), 0);
  EXPECT_EQ(dry.json().at("would_import").as_int64(), 2);
  EXPECT_EQ(count(), "1");

  auto strict = send("POST", path + "?mode=all_or_nothing&dry_run=false", cookie, csv, "text/csv");
  ASSERT_EQ(strict.status, 200) << strict.body;
  check_errors(strict.json());
  EXPECT_EQ(strict.json().at("imported").as_int64(), 0);
  EXPECT_EQ(count(), "1");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM groups WHERE lower(name) = 'import team'"), "0");

  auto lenient = send("POST", path + "?mode=valid_rows", cookie, csv, "text/csv");
  ASSERT_EQ(lenient.status, 200) << lenient.body;
  check_errors(lenient.json());
  EXPECT_EQ(lenient.json().at("imported").as_int64(), 2);
  EXPECT_EQ(count(), "3");
  EXPECT_EQ(pg().scalar("SELECT role || ' ' || status || ' ' || name FROM users WHERE email = "
                        "'two@import.test'"),
            "instructor invited Two, Second");
  // Groups by name, created once whatever the case; memberships as listed.
  EXPECT_EQ(pg().scalar("SELECT string_agg(name || '=' || member_count, ',' ORDER BY name) FROM "
                        "groups WHERE lower(name) IN ('import team', 'sales')"),
            "Import Team=2,Sales=1");
  EXPECT_EQ(pg().scalar("SELECT detail->>'imported' FROM audit_events WHERE event = "
                        "'users.imported' AND actor_id = '" +
                        user_id_of("importer@example.com") + "'"),
            "2");
  // Each imported user is invited and can accept.
  const auto token = mailed_token("two@import.test");
  ASSERT_FALSE(token.empty());
  HttpConnection conn(port());
  EXPECT_EQ(conn.request("POST", "/api/v1/auth/password", {{"Content-Type", "application/json"}},
                         json({{"token", token}, {"password", "imported pass 1"}}))
                .status,
            204);
  EXPECT_FALSE(sign_in("two@import.test", "imported pass 1").empty());

  // A clean file imports every row in all_or_nothing; a malformed one nothing at all.
  auto clean = send("POST", path + "?mode=all_or_nothing", cookie,
                    "name,email\nFive,five@import.test\nSix,six@import.test\n", "text/csv");
  ASSERT_EQ(clean.status, 200) << clean.body;
  EXPECT_EQ(clean.json().at("imported").as_int64(), 2);
  EXPECT_TRUE(clean.json().at("errors").as_array().empty());
  auto malformed = send("POST", path + "?mode=valid_rows", cookie,
                        "email\nseven@import.test\nei\"ght@import.test\n", "text/csv");
  ASSERT_EQ(malformed.status, 200);
  EXPECT_EQ(malformed.json().at("imported").as_int64(), 0);
  EXPECT_EQ(malformed.json().at("errors").as_array().at(0).at("line").as_int64(), 3);
  EXPECT_EQ(count(), "5");

  EXPECT_EQ(send("POST", path, cookie, "email\nx@import.test\n", "application/json").status, 415);
  EXPECT_EQ(send("POST", path + "?mode=some", cookie, "email\n", "text/csv").status, 422);
}

TEST_F(Admin, GroupsCrudAndMembership) {
  const auto cookie = admin_session("grouper@example.com");
  auto created = send("POST", "/api/v1/admin/groups", cookie,
                      json({{"name", "Field Engineers"}, {"description", "On the road"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(created.json().at("id").as_string());
  EXPECT_EQ(created.json().at("member_count").as_int64(), 0);
  EXPECT_EQ(
      send("POST", "/api/v1/admin/groups", cookie, json({{"name", "field engineers"}})).status,
      409);
  EXPECT_EQ(send("POST", "/api/v1/admin/groups", cookie, json({{"name", "  "}})).status, 422);

  auto patched =
      send("PATCH", "/api/v1/admin/groups/" + id, cookie, json({{"name", "Field Engineering"}}));
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("name").as_string(), "Field Engineering");
  EXPECT_EQ(patched.json().at("description").as_string(), "On the road");
  auto found = walk(cookie, "/api/v1/admin/groups?q=" + q("ENGINEERING"), "groups");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].at("id").as_string(), id);

  std::vector<std::string> members;
  for (int i = 0; i < 5; ++i) {
    members.push_back(create_user("member" + std::to_string(i) + "@groups.test", "learner", "x"));
  }
  boost::json::array ids(members.begin(), members.end());
  EXPECT_EQ(
      send("POST", "/api/v1/admin/groups/" + id + "/members", cookie, json({{"user_ids", ids}}))
          .status,
      204);
  // Adding again is harmless; an unknown user is refused and nothing of that request is added.
  EXPECT_EQ(
      send("POST", "/api/v1/admin/groups/" + id + "/members", cookie, json({{"user_ids", ids}}))
          .status,
      204);
  EXPECT_EQ(send("POST", "/api/v1/admin/groups/" + id + "/members", cookie,
                 json({{"user_ids", {"00000000-0000-4000-8000-000000000000"}}}))
                .status,
            422);
  auto group = get(cookie, "/api/v1/admin/groups/" + id);
  EXPECT_EQ(group.json().at("member_count").as_int64(), 5);

  int pages = 0;
  auto listed = walk(cookie, "/api/v1/admin/groups/" + id + "/members?limit=2", "members", &pages);
  EXPECT_EQ(pages, 3);
  std::set<std::string> seen;
  for (const auto& m : listed)
    seen.insert(std::string(m.at("id").as_string()));
  EXPECT_EQ(seen, std::set<std::string>(members.begin(), members.end()));
  auto filtered = walk(cookie, "/api/v1/admin/users?group=" + id, "users");
  EXPECT_EQ(filtered.size(), 5u);
  auto user = get(cookie, "/api/v1/admin/users/" + members[0]);
  ASSERT_EQ(user.json().at("groups").as_array().size(), 1u);
  EXPECT_EQ(user.json().at("groups").as_array()[0].at("name").as_string(), "Field Engineering");

  EXPECT_EQ(send("DELETE", "/api/v1/admin/groups/" + id + "/members/" + members[0], cookie).status,
            204);
  EXPECT_EQ(send("DELETE", "/api/v1/admin/groups/" + id + "/members/" + members[0], cookie).status,
            404);
  EXPECT_EQ(get(cookie, "/api/v1/admin/groups/" + id).json().at("member_count").as_int64(), 4);

  // Group listing pages.
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(send("POST", "/api/v1/admin/groups", cookie,
                   json({{"name", "Paged Group " + std::to_string(i)}}))
                  .status,
              201);
  }
  auto paged = walk(cookie, "/api/v1/admin/groups?q=paged&limit=2", "groups", &pages);
  EXPECT_EQ(paged.size(), 5u);
  EXPECT_EQ(pages, 3);

  EXPECT_EQ(send("DELETE", "/api/v1/admin/groups/" + id, cookie).status, 204);
  EXPECT_EQ(get(cookie, "/api/v1/admin/groups/" + id).status, 404);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM group_members WHERE group_id = '" + id + "'"), "0");
  EXPECT_EQ(pg().scalar("SELECT string_agg(event, ',' ORDER BY id) FROM audit_events WHERE "
                        "event LIKE 'group.%' AND detail->>'group_id' = '" +
                        id + "'"),
            "group.created,group.updated,group.members_added,group.members_added,"
            "group.member_removed,group.deleted");
}

TEST_F(Admin, AuditSearchFiltersAndPagesNewestFirst) {
  const auto cookie = admin_session("auditor@example.com");
  const auto id = create_user("audited@example.com", "learner", "plum tree 42");
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(sign_in("audited@example.com", "wrong password"), "");
  ASSERT_FALSE(sign_in("audited@example.com", "plum tree 42").empty());
  ASSERT_EQ(
      send("PATCH", "/api/v1/admin/users/" + id, cookie, json({{"role", "instructor"}})).status,
      200);

  // A user's whole trail, one event per page: every event once, newest first.
  int pages = 0;
  auto trail = walk(cookie, "/api/v1/admin/audit?limit=1&user_id=" + id, "events", &pages);
  ASSERT_EQ(trail.size(), 5u);
  EXPECT_EQ(pages, 5);
  std::vector<std::string> events;
  for (const auto& e : trail)
    events.emplace_back(e.at("event").as_string());
  EXPECT_EQ(events, (std::vector<std::string>{"role.changed", "sign_in.ok", "sign_in.failed",
                                              "sign_in.failed", "sign_in.failed"}));
  for (std::size_t i = 1; i < trail.size(); ++i) {
    EXPECT_LT(trail[i].at("id").as_int64(), trail[i - 1].at("id").as_int64());
  }
  EXPECT_EQ(trail[0].at("user_email").as_string(), "audited@example.com");
  EXPECT_EQ(trail[0].at("actor_id").as_string(), user_id_of("auditor@example.com"));
  EXPECT_EQ(trail[0].at("detail").at("to").as_string(), "instructor");
  EXPECT_TRUE(trail[1].at("actor_id").is_null());

  auto by_email = walk(
      cookie, "/api/v1/admin/audit?event=sign_in.failed&email=AUDITED%40example.com", "events");
  EXPECT_EQ(by_email.size(), 3u);
  auto prefix = walk(cookie, "/api/v1/admin/audit?event=sign_in.&user_id=" + id, "events");
  EXPECT_EQ(prefix.size(), 4u);
  auto all_failed = walk(cookie, "/api/v1/admin/audit?event=sign_in.failed", "events");
  EXPECT_GE(all_failed.size(), 3u);
  for (const auto& e : all_failed)
    EXPECT_EQ(e.at("event").as_string(), "sign_in.failed");
  EXPECT_TRUE(walk(cookie, "/api/v1/admin/audit?email=nobody%40example.com", "events").empty());

  // Time window: nothing after the newest event; everything of the user from its first.
  const std::string newest(trail[0].at("occurred_at").as_string());
  const std::string oldest(trail.back().at("occurred_at").as_string());
  EXPECT_EQ(walk(cookie, "/api/v1/admin/audit?user_id=" + id + "&to=" + q(oldest), "events").size(),
            1u);
  EXPECT_EQ(
      walk(cookie, "/api/v1/admin/audit?user_id=" + id + "&from=" + q(oldest) + "&to=" + q(newest),
           "events")
          .size(),
      5u);
  EXPECT_TRUE(walk(cookie, "/api/v1/admin/audit?from=2999-01-01T00:00:00Z", "events").empty());
  EXPECT_EQ(get(cookie, "/api/v1/admin/audit?from=not-a-time").status, 422);
  EXPECT_EQ(get(cookie, "/api/v1/admin/audit?event=" + q("DROP TABLE")).status, 422);
}

TEST_F(Admin, EveryoneButAdminsIsRefused) {
  create_user("refused.learner@example.com", "learner", "plum tree 42");
  create_user("refused.instructor@example.com", "instructor", "plum tree 42");
  const std::string some = "00000000-0000-4000-8000-000000000000";
  const std::vector<std::pair<std::string, std::string>> routes{
      {"GET", "/api/v1/admin/users"},
      {"POST", "/api/v1/admin/users"},
      {"GET", "/api/v1/admin/users/" + some},
      {"PATCH", "/api/v1/admin/users/" + some},
      {"DELETE", "/api/v1/admin/users/" + some + "/sessions"},
      {"POST", "/api/v1/admin/users/import?mode=valid_rows"},
      {"GET", "/api/v1/admin/groups"},
      {"POST", "/api/v1/admin/groups"},
      {"GET", "/api/v1/admin/groups/" + some},
      {"PATCH", "/api/v1/admin/groups/" + some},
      {"DELETE", "/api/v1/admin/groups/" + some},
      {"GET", "/api/v1/admin/groups/" + some + "/members"},
      {"POST", "/api/v1/admin/groups/" + some + "/members"},
      {"DELETE", "/api/v1/admin/groups/" + some + "/members/" + some},
      {"GET", "/api/v1/admin/audit"},
  };
  for (const auto& who : {"learner", "instructor"}) {
    const auto cookie = sign_in(std::string("refused.") + who + "@example.com", "plum tree 42");
    ASSERT_FALSE(cookie.empty());
    for (const auto& [method, target] : routes) {
      auto res = send(method, target, cookie, "{}");
      EXPECT_EQ(res.status, 403) << who << " " << method << " " << target;
      EXPECT_EQ(send(method, target, "", "{}").status, 401) << method << " " << target;
    }
  }
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM groups WHERE name = ''"), "0");
}

}  // namespace
}  // namespace sn::test
