// Certificates against the real server: public verification by code (and its revocation showing at
// once), the PDF for its holder only, the holder's list in pages, and revocation by admins alone.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "server_fixture.hpp"

namespace sn::test {
namespace {

class Certificates : public ServerFixture {
 protected:
  static HttpResponse get(const std::string& cookie, const std::string& target) {
    if (cookie.empty()) return http_get(port(), target);
    return http_get(port(), target, {{"Cookie", cookie}});
  }
  static HttpResponse send(const std::string& method, const std::string& target,
                           const std::string& cookie, const std::string& body) {
    auto headers = cookie_headers(cookie);
    headers["Content-Type"] = "application/json";
    HttpConnection conn(port());
    return conn.request(method, target, headers, body);
  }
  static std::string learner(const std::string& email, const std::string& name) {
    const auto id = create_user(email, "learner", "correct horse battery");
    pg().scalar("UPDATE users SET name = '" + name + "' WHERE id = '" + id + "'");
    return id;
  }
  static std::string published_course(const std::string& slug, const std::string& title) {
    return pg().scalar("INSERT INTO courses (slug, title, status, published_at) VALUES ('" + slug +
                       "', '" + title + "', 'published', now()) RETURNING id");
  }
  // A course certificate as the completion step issues it (name and title copied).
  static std::string certificate(const std::string& user_id, const std::string& course_id,
                                 const std::string& code, const std::string& issued_at = "now()") {
    return pg().scalar(
        "INSERT INTO certificates (code, user_id, course_id, kind, learner_name, title, issued_at) "
        "SELECT '" +
        code + "', u.id, c.id, 'course', u.name, c.title, " + issued_at +
        " FROM users u, courses c WHERE u.id = '" + user_id + "' AND c.id = '" + course_id +
        "' RETURNING id");
  }
};

TEST_F(Certificates, VerificationIsPublicShowsNoIdsAndRevocationShowsAtOnce) {
  const auto user = learner("verify-me@certs.test", "Ada Lovelace");
  const auto course = published_course("analytical-engines", "Analytical Engines");
  const auto id = certificate(user, course, "SN-AAAA-BBBB-CCCC-DDDD");

  auto verified = get("", "/api/v1/certificates/verify/SN-AAAA-BBBB-CCCC-DDDD");
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.header("cache-control"), "no-cache");
  const auto body = verified.json().as_object();
  EXPECT_EQ(body.at("learner_name").as_string(), "Ada Lovelace");
  EXPECT_EQ(body.at("title").as_string(), "Analytical Engines");
  EXPECT_EQ(body.at("kind").as_string(), "course");
  EXPECT_TRUE(body.at("valid").as_bool());
  EXPECT_TRUE(body.at("revoked_at").is_null());
  EXPECT_FALSE(body.at("issued_at").as_string().empty());
  // Nothing that identifies the account behind the name.
  EXPECT_EQ(verified.body.find(user), std::string::npos);
  EXPECT_EQ(verified.body.find(id), std::string::npos);
  EXPECT_EQ(verified.body.find("verify-me@"), std::string::npos);

  // Codes are typed by hand: case does not matter; unknown or malformed ones do not exist.
  EXPECT_EQ(get("", "/api/v1/certificates/verify/sn-aaaa-bbbb-cccc-dddd").status, 200);
  EXPECT_EQ(get("", "/api/v1/certificates/verify/SN-AAAA-BBBB-CCCC-EEEE").status, 404);
  EXPECT_EQ(get("", "/api/v1/certificates/verify/x'%20OR%201=1").status, 404);

  auto pdf = get("", "/api/v1/certificates/verify/SN-AAAA-BBBB-CCCC-DDDD/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(get("", "/api/v1/certificates/verify/SN-AAAA-BBBB-CCCC-EEEE/pdf").status, 404);

  // Only admins revoke, with a reason, once.
  const auto instructor = create_user("teacher@certs.test", "instructor", "correct horse battery");
  const auto revoke = "/api/v1/admin/certificates/" + id + "/revoke";
  EXPECT_EQ(send("POST", revoke, session_cookie(instructor), R"({"reason":"fraud"})").status, 403);
  EXPECT_EQ(send("POST", revoke, session_cookie(user), R"({"reason":"fraud"})").status, 403);
  const auto admin = admin_session("revoker@certs.test");
  EXPECT_EQ(send("POST", revoke, admin, "{}").status, 422);
  EXPECT_EQ(send("POST", "/api/v1/admin/certificates/00000000-0000-4000-8000-000000000000/revoke",
                 admin, R"({"reason":"fraud"})")
                .status,
            404);
  auto revoked = send("POST", revoke, admin, R"({"reason":"Plagiarised final project"})");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_FALSE(revoked.json().at("valid").as_bool());
  EXPECT_EQ(send("POST", revoke, admin, R"({"reason":"again"})").status, 409);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM audit_events WHERE event = 'certificate.revoked' "
                        "AND user_id = '" +
                        user + "' AND detail->>'certificate_id' = '" + id + "'"),
            "1");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM learning_events WHERE verb = 'revoked' "
                        "AND object_id = '" +
                        id + "'"),
            "1");

  auto after = get("", "/api/v1/certificates/verify/SN-AAAA-BBBB-CCCC-DDDD");
  ASSERT_EQ(after.status, 200);
  EXPECT_FALSE(after.json().at("valid").as_bool());
  EXPECT_FALSE(after.json().at("revoked_at").is_null());
}

TEST_F(Certificates, PdfIsForItsHolderAndAdminsOnly) {
  const auto holder = learner("holder@certs.test", "Grace Hopper");
  const auto other = learner("other@certs.test", "Someone Else");
  const auto course = published_course("compilers-101", "Compilers 101");
  const auto id = certificate(holder, course, "SN-PDF0-PDF1-PDF2-PDF3");
  const auto target = "/api/v1/certificates/" + id + "/pdf";

  auto mine = get(session_cookie(holder), target);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.header("content-type"), "application/pdf");
  EXPECT_EQ(mine.body.substr(0, 5), "%PDF-");
  EXPECT_NE(mine.body.find("%%EOF"), std::string::npos);
  EXPECT_NE(mine.header("content-disposition").find("certificate-SN-PDF0-PDF1-PDF2-PDF3.pdf"),
            std::string::npos);

  EXPECT_EQ(get(session_cookie(other), target).status, 404);
  EXPECT_EQ(get("", target).status, 401);
  EXPECT_EQ(get(session_cookie(holder), "/api/v1/certificates/not-a-uuid/pdf").status, 404);
  EXPECT_EQ(get(admin_session("pdf-admin@certs.test"), target).status, 200);
}

TEST_F(Certificates, MyListIsNewestFirstInPagesAndOnlyMine) {
  const auto user = learner("collector@certs.test", "Katherine Johnson");
  const auto other = learner("stranger@certs.test", "Not Me");
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    const auto n = std::to_string(i);
    const auto course = published_course("orbits-" + n, "Orbits " + n);
    ids.push_back(certificate(user, course, "SN-LIST-000" + n + "-0000-0000",
                              "now() - interval '" + n + " days'"));
    if (i == 0) certificate(other, course, "SN-LIST-9999-0000-0000");
  }
  const auto cookie = session_cookie(user);
  auto first = get(cookie, "/api/v1/me/certificates?limit=2");
  ASSERT_EQ(first.status, 200) << first.body;
  const auto page1 = first.json().as_object();
  ASSERT_EQ(page1.at("certificates").as_array().size(), 2u);
  EXPECT_EQ(page1.at("certificates").at(0).at("id").as_string(), ids[0]);
  EXPECT_EQ(page1.at("certificates").at(1).at("id").as_string(), ids[1]);
  const auto& item = page1.at("certificates").at(0).as_object();
  EXPECT_EQ(item.at("title").as_string(), "Orbits 0");
  EXPECT_TRUE(item.at("valid").as_bool());
  EXPECT_NE(item.at("verify_url").as_string().find("/verify/SN-LIST-0000-0000-0000"),
            std::string::npos);
  ASSERT_TRUE(page1.at("next_cursor").is_string());

  auto second = get(cookie, "/api/v1/me/certificates?limit=2&cursor=" +
                                std::string(page1.at("next_cursor").as_string()));
  ASSERT_EQ(second.status, 200) << second.body;
  const auto page2 = second.json().as_object();
  ASSERT_EQ(page2.at("certificates").as_array().size(), 1u);
  EXPECT_EQ(page2.at("certificates").at(0).at("id").as_string(), ids[2]);
  EXPECT_TRUE(page2.at("next_cursor").is_null());

  EXPECT_EQ(get(cookie, "/api/v1/me/certificates?cursor=garbage").status, 422);
  EXPECT_EQ(get("", "/api/v1/me/certificates").status, 401);
}

}  // namespace
}  // namespace sn::test
