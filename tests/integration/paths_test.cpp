// Learning paths against the real server: authoring with ownership and If-Match, publishing only
// with published courses, the catalog, enrolment that enrols in the courses and completes the path
// (one certificate, however often it is recounted), and the learner's skill profile.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "server_fixture.hpp"

namespace sn::test {
namespace {

class Paths : public ServerFixture {
 protected:
  static HttpResponse get(const std::string& cookie, const std::string& target) {
    if (cookie.empty()) return http_get(port(), target);
    return http_get(port(), target, {{"Cookie", cookie}});
  }
  static HttpResponse send(const std::string& method, const std::string& target,
                           const std::string& cookie, const std::string& body,
                           const std::string& if_match = "") {
    auto headers = cookie_headers(cookie);
    headers["Content-Type"] = "application/json";
    if (!if_match.empty()) headers["If-Match"] = if_match;
    HttpConnection conn(port());
    return conn.request(method, target, headers, body);
  }
  static std::string user(const std::string& email, const std::string& role) {
    return create_user(email, role, "correct horse battery");
  }
  static std::string course(const std::string& slug, const std::string& status,
                            const std::string& owner = "") {
    const auto id =
        pg().scalar("INSERT INTO courses (slug, title, status, published_at) VALUES ('" + slug +
                    "', 'Course " + slug + "', '" + status + "', CASE WHEN '" + status +
                    "' = 'published' THEN now() END) RETURNING id");
    if (!owner.empty()) {
      pg().scalar("INSERT INTO course_owners (course_id, user_id) VALUES ('" + id + "', '" + owner +
                  "')");
    }
    return id;
  }
  // What the completion step leaves behind when a learner finishes a course.
  static void complete(const std::string& user_id, const std::string& course_id) {
    pg().scalar("INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ('" +
                user_id + "', '" + course_id +
                "', 'completed', now()) ON CONFLICT (user_id, course_id) DO UPDATE "
                "SET status = 'completed', completed_at = now()");
  }
  // A published path of `courses`, in that order, made directly.
  static std::string published_path(const std::string& slug,
                                    const std::vector<std::string>& courses) {
    const auto id = pg().scalar(
        "INSERT INTO learning_paths (slug, title, status, published_at) "
        "VALUES ('" +
        slug + "', 'Path " + slug + "', 'published', now()) RETURNING id");
    for (std::size_t i = 0; i < courses.size(); ++i) {
      pg().scalar("INSERT INTO learning_path_courses (path_id, course_id, position) VALUES ('" +
                  id + "', '" + courses[i] + "', " + std::to_string(i) + ")");
    }
    return id;
  }
  static std::string ids_json(const std::vector<std::string>& ids) {
    std::string out = R"({"course_ids":[)";
    for (std::size_t i = 0; i < ids.size(); ++i)
      out += (i ? ",\"" : "\"") + ids[i] + "\"";
    return out + "]}";
  }
};

TEST_F(Paths, AuthoringIsForTheAuthorWithIfMatchAndPublishNeedsPublishedCourses) {
  const auto author = session_cookie(user("author@paths.test", "instructor"));
  const auto author_id = pg().scalar("SELECT id FROM users WHERE email = 'author@paths.test'");
  const auto rival = session_cookie(user("rival@paths.test", "instructor"));
  const auto rival_id = pg().scalar("SELECT id FROM users WHERE email = 'rival@paths.test'");
  const auto learner = session_cookie(user("student@paths.test", "learner"));

  EXPECT_EQ(send("POST", "/api/v1/paths", learner, R"({"title":"Nope"})").status, 403);
  EXPECT_EQ(send("POST", "/api/v1/paths", author, R"({"title":"  "})").status, 422);
  EXPECT_EQ(send("POST", "/api/v1/paths", author, R"({"title":"x","slug":"Bad Slug"})").status,
            422);
  auto created = send("POST", "/api/v1/paths", author,
                      R"({"title":"Data Engineering: From Zero","summary":"Pipelines"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(created.json().at("id").as_string());
  EXPECT_EQ(created.json().at("slug").as_string(), "data-engineering-from-zero");
  EXPECT_EQ(created.json().at("status").as_string(), "draft");
  const auto etag = created.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(
      send("POST", "/api/v1/paths", author, R"({"title":"Data Engineering: from zero"})").status,
      409);

  // Only the author (or an admin) sees and changes it.
  const auto target = "/api/v1/paths/" + id;
  EXPECT_EQ(get(rival, target).status, 403);
  EXPECT_EQ(send("PATCH", target, rival, R"({"title":"Mine now"})", etag).status, 403);
  EXPECT_EQ(get(author, "/api/v1/paths/00000000-0000-4000-8000-000000000000").status, 404);

  // Edits need the current version.
  EXPECT_EQ(send("PATCH", target, author, R"({"title":"Renamed"})").status, 428);
  EXPECT_EQ(send("PATCH", target, author, R"({"title":"Renamed"})", "\"v999\"").status, 412);
  auto patched =
      send("PATCH", target, author,
           R"({"title":"Renamed","description_md":"**Bold** <script>x</script>"})", etag);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("title").as_string(), "Renamed");
  const std::string html(patched.json().at("description_html").as_string());
  EXPECT_NE(html.find("<strong>Bold</strong>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_NE(patched.header("etag"), etag);
  EXPECT_EQ(send("PATCH", target, author, R"({"title":"Stale"})", etag).status, 412);
  auto etag2 = patched.header("etag");

  const auto published = course("pipelines-1", "published");
  const auto my_draft = course("pipelines-2-draft", "draft", author_id);
  const auto rivals_draft = course("rival-draft", "draft", rival_id);
  EXPECT_EQ(
      send("PUT", target + "/courses", author, ids_json({published, rivals_draft}), etag2).status,
      422);
  EXPECT_EQ(
      send("PUT", target + "/courses", author, ids_json({published, published}), etag2).status,
      422);
  EXPECT_EQ(send("PUT", target + "/courses", rival, ids_json({published}), etag2).status, 403);
  auto placed = send("PUT", target + "/courses", author, ids_json({my_draft, published}), etag2);
  ASSERT_EQ(placed.status, 200) << placed.body;
  ASSERT_EQ(placed.json().at("courses").as_array().size(), 2u);
  EXPECT_EQ(placed.json().at("courses").at(0).at("id").as_string(), my_draft);
  auto etag3 = placed.header("etag");

  // Publishing refuses a draft course, and a path without courses.
  EXPECT_EQ(send("POST", target + "/publish", author, "{}").status, 409);
  EXPECT_EQ(pg().scalar("SELECT status FROM learning_paths WHERE id = '" + id + "'"), "draft");
  // Reordering in one request swaps positions without a clash.
  auto swapped = send("PUT", target + "/courses", author, ids_json({published, my_draft}), etag3);
  ASSERT_EQ(swapped.status, 200) << swapped.body;
  EXPECT_EQ(swapped.json().at("courses").at(0).at("id").as_string(), published);
  auto only_published =
      send("PUT", target + "/courses", author, ids_json({published}), swapped.header("etag"));
  ASSERT_EQ(only_published.status, 200) << only_published.body;
  auto done = send("POST", target + "/publish", author, "{}");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().at("status").as_string(), "published");
  // A published path only takes published courses.
  EXPECT_EQ(
      send("PUT", target + "/courses", author, ids_json({published, my_draft}), done.header("etag"))
          .status,
      409);

  auto empty = send("POST", "/api/v1/paths", author, R"({"title":"Empty path"})");
  ASSERT_EQ(empty.status, 201);
  EXPECT_EQ(
      send("POST", "/api/v1/paths/" + std::string(empty.json().at("id").as_string()) + "/publish",
           author, "{}")
          .status,
      409);

  // Listings: mine only; the catalog shows the published one with its courses in order.
  auto mine = get(author, "/api/v1/paths");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.json().at("paths").as_array().size(), 2u);
  EXPECT_EQ(get(rival, "/api/v1/paths").json().at("paths").as_array().size(), 0u);
  auto catalog = get("", "/api/v1/catalog/paths");
  ASSERT_EQ(catalog.status, 200);
  ASSERT_EQ(catalog.json().at("paths").as_array().size(), 1u);
  EXPECT_EQ(catalog.json().at("paths").at(0).at("id").as_string(), id);
  auto detail = get("", "/api/v1/catalog/paths/data-engineering-from-zero");
  ASSERT_EQ(detail.status, 200) << detail.body;
  ASSERT_EQ(detail.json().at("courses").as_array().size(), 1u);
  EXPECT_EQ(detail.json().at("courses").at(0).at("slug").as_string(), "pipelines-1");
  EXPECT_EQ(detail.body.find(author_id), std::string::npos);
  EXPECT_EQ(get("", "/api/v1/catalog/paths/empty-path").status, 404);
}

TEST_F(Paths, EnrolmentEnrolsInTheCoursesAndCompletionIssuesOneCertificate) {
  const auto learner_id = user("walker@paths.test", "learner");
  pg().scalar("UPDATE users SET name = 'Path Walker' WHERE id = '" + learner_id + "'");
  const auto cookie = session_cookie(learner_id);
  const auto first = course("walk-1", "published");
  const auto second = course("walk-2", "published");
  const auto path = published_path("the-walk", {first, second});

  EXPECT_EQ(
      send("POST", "/api/v1/paths/00000000-0000-4000-8000-000000000000/enrolment", cookie, "{}")
          .status,
      404);
  auto enrolled = send("POST", "/api/v1/paths/" + path + "/enrolment", cookie, "{}");
  ASSERT_EQ(enrolled.status, 201) << enrolled.body;
  EXPECT_EQ(enrolled.json().at("total_courses").as_int64(), 2);
  EXPECT_EQ(enrolled.json().at("completed_courses").as_int64(), 0);
  EXPECT_EQ(enrolled.json().at("next_course").at("id").as_string(), first);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM enrolments WHERE user_id = '" + learner_id +
                        "' AND status = 'active' AND source = 'self'"),
            "2");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM learning_events WHERE actor_id = '" + learner_id +
                        "' AND verb = 'enrolled'"),
            "3");  // the path and its two courses

  complete(learner_id, first);
  auto halfway = get(cookie, "/api/v1/me/paths");
  ASSERT_EQ(halfway.status, 200) << halfway.body;
  const auto halfway_body = halfway.json();
  ASSERT_EQ(halfway_body.at("paths").as_array().size(), 1u);
  const auto& item = halfway_body.at("paths").at(0);
  EXPECT_EQ(item.at("percent").as_int64(), 50);
  EXPECT_EQ(item.at("next_course").at("id").as_string(), second);
  EXPECT_TRUE(item.at("certificate_code").is_null());

  // The last course done: the recount completes the path and issues its certificate, once.
  complete(learner_id, second);
  auto completed = send("POST", "/api/v1/paths/" + path + "/enrolment", cookie, "{}");
  ASSERT_EQ(completed.status, 200) << completed.body;
  EXPECT_FALSE(completed.json().at("completed_at").is_null());
  EXPECT_TRUE(completed.json().at("next_course").is_null());
  ASSERT_TRUE(completed.json().at("certificate_code").is_string());
  const std::string code(completed.json().at("certificate_code").as_string());
  auto again = send("POST", "/api/v1/paths/" + path + "/enrolment", cookie, "{}");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json().at("certificate_code").as_string(), code);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM certificates WHERE user_id = '" + learner_id +
                        "' AND path_id = '" + path + "'"),
            "1");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM learning_events WHERE actor_id = '" + learner_id +
                        "' AND verb = 'completed' AND object_type = 'path'"),
            "1");
  auto verified = get("", "/api/v1/certificates/verify/" + code);
  ASSERT_EQ(verified.status, 200);
  EXPECT_EQ(verified.json().at("kind").as_string(), "path");
  EXPECT_EQ(verified.json().at("learner_name").as_string(), "Path Walker");

  // Leaving keeps the courses and the certificate.
  EXPECT_EQ(send("DELETE", "/api/v1/paths/" + path + "/enrolment", cookie, "").status, 204);
  EXPECT_EQ(send("DELETE", "/api/v1/paths/" + path + "/enrolment", cookie, "").status, 204);
  EXPECT_EQ(get(cookie, "/api/v1/me/paths").json().at("paths").as_array().size(), 0u);
  EXPECT_EQ(get(cookie, "/api/v1/me/certificates").json().at("certificates").as_array().size(), 1u);
}

TEST_F(Paths, ALearnerWhoFinishedEveryCourseCompletesThePathOnEnrolment) {
  const auto learner_id = user("ahead@paths.test", "learner");
  const auto cookie = session_cookie(learner_id);
  const auto a = course("ahead-1", "published");
  const auto b = course("ahead-2", "published");
  const auto draft = course("ahead-draft", "draft");
  complete(learner_id, a);
  complete(learner_id, b);
  const auto path = published_path("ahead", {a, b});
  auto enrolled = send("POST", "/api/v1/paths/" + path + "/enrolment", cookie, "{}");
  ASSERT_EQ(enrolled.status, 201) << enrolled.body;
  EXPECT_EQ(enrolled.json().at("percent").as_int64(), 100);
  EXPECT_TRUE(enrolled.json().at("certificate_code").is_string());
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM learning_events WHERE actor_id = '" + learner_id +
                        "' AND verb = 'enrolled' AND object_type = 'course'"),
            "0");  // already in both

  // A draft path is not there for learners.
  const auto hidden = pg().scalar(
      "INSERT INTO learning_paths (slug, title) VALUES ('hidden', 'Hidden') RETURNING id");
  pg().scalar("INSERT INTO learning_path_courses (path_id, course_id, position) VALUES ('" +
              hidden + "', '" + draft + "', 0)");
  EXPECT_EQ(send("POST", "/api/v1/paths/" + hidden + "/enrolment", cookie, "{}").status, 404);
}

// A path's learners follow its course list: into the courses it gains (with the enrolment
// event), and recounted in the same transaction; a learner whom a removed course leaves with
// everything done completes the path then, certificate included.
TEST_F(Paths, ChangingAPathsCoursesCarriesItsLearnersAlong) {
  const auto admin = admin_session("paths.admin@paths.test");
  const auto partway = user("partway@paths.test", "learner");
  const auto finished = user("finished@paths.test", "learner");
  const auto a = course("follow-a", "published");
  const auto b = course("follow-b", "published");
  const auto c = course("follow-c", "published");
  complete(partway, a);
  complete(finished, a);
  complete(finished, b);
  const auto path = published_path("follow", {a, b});
  for (const auto& who : {partway, finished}) {
    ASSERT_EQ(
        send("POST", "/api/v1/paths/" + path + "/enrolment", session_cookie(who), "{}").status,
        201);
  }
  const auto state = [&](const std::string& who) {
    return pg().scalar(
        "SELECT completed_courses || ' ' || (completed_at IS NOT NULL) FROM "
        "learning_path_enrolments WHERE path_id = '" +
        path + "' AND user_id = '" + who + "'");
  };
  const auto path_certificates = [&](const std::string& who) {
    return pg().scalar("SELECT count(*) FROM certificates WHERE kind = 'path' AND path_id = '" +
                       path + "' AND user_id = '" + who + "'");
  };
  EXPECT_EQ(state(partway), "1 false");
  EXPECT_EQ(state(finished), "2 true");

  auto grown =
      send("PUT", "/api/v1/paths/" + path + "/courses", admin, ids_json({a, b, c}), "\"v1\"");
  ASSERT_EQ(grown.status, 200) << grown.body;
  for (const auto& who : {partway, finished}) {
    EXPECT_EQ(pg().scalar("SELECT status FROM enrolments WHERE user_id = '" + who +
                          "' AND course_id = '" + c + "'"),
              "active");
    EXPECT_EQ(pg().scalar("SELECT count(*) FROM learning_events WHERE actor_id = '" + who +
                          "' AND verb = 'enrolled' AND object_id = '" + c +
                          "' AND context->>'path_id' = '" + path + "'"),
              "1");
  }
  EXPECT_EQ(state(partway), "1 false");
  EXPECT_EQ(state(finished), "2 true");  // completed once, stays completed

  auto shrunk =
      send("PUT", "/api/v1/paths/" + path + "/courses", admin, ids_json({a}), grown.header("etag"));
  ASSERT_EQ(shrunk.status, 200) << shrunk.body;
  EXPECT_EQ(state(partway), "1 true");
  EXPECT_EQ(path_certificates(partway), "1");
  EXPECT_EQ(state(finished), "1 true");
  EXPECT_EQ(path_certificates(finished), "1");
}

TEST_F(Paths, SkillProfileTakesTheHighestLevelOfCompletedCourses) {
  const auto learner_id = user("skilled@paths.test", "learner");
  const auto sql = pg().scalar(
      "WITH s AS (INSERT INTO skills (slug, name) VALUES ('sql', 'SQL'), ('python', 'Python'), "
      "('rust', 'Rust') RETURNING id) SELECT count(*) FROM s");
  ASSERT_EQ(sql, "3");
  const auto c1 = course("skills-1", "published");
  const auto c2 = course("skills-2", "published");
  const auto c3 = course("skills-3", "published");
  const auto teach = [](const std::string& c, const std::string& skill, int level) {
    pg().scalar("INSERT INTO course_skills (course_id, skill_id, level) SELECT '" + c + "', id, " +
                std::to_string(level) + " FROM skills WHERE slug = '" + skill + "'");
  };
  teach(c1, "sql", 2);
  teach(c2, "sql", 4);
  teach(c2, "python", 1);
  teach(c3, "python", 5);  // not completed: does not count
  teach(c3, "rust", 3);
  complete(learner_id, c1);
  complete(learner_id, c2);
  pg().scalar("INSERT INTO enrolments (user_id, course_id) VALUES ('" + learner_id + "', '" + c3 +
              "')");

  auto profile = get(session_cookie(learner_id), "/api/v1/me/skills");
  ASSERT_EQ(profile.status, 200) << profile.body;
  const auto body = profile.json();
  const auto& skills = body.at("skills").as_array();
  ASSERT_EQ(skills.size(), 2u) << profile.body;
  EXPECT_EQ(skills.at(0).at("slug").as_string(), "sql");
  EXPECT_EQ(skills.at(0).at("level").as_int64(), 4);
  EXPECT_EQ(skills.at(0).at("courses").as_int64(), 2);
  EXPECT_EQ(skills.at(1).at("slug").as_string(), "python");
  EXPECT_EQ(skills.at(1).at("level").as_int64(), 1);
  EXPECT_EQ(get("", "/api/v1/me/skills").status, 401);
}

}  // namespace
}  // namespace sn::test
