// Courses against the real server and PostgreSQL: authoring with optimistic concurrency,
// ownership, the outline and its atomic reorder, publishing checks, the catalog's search, filters
// and keyset pages, the public course page and the skills taxonomy.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <set>

#include "server_fixture.hpp"

namespace sn::test {
namespace {

std::string q(const std::string& text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

std::string str(const boost::json::value& v) {
  return std::string(v.as_string());
}

class Courses : public ServerFixture {
 protected:
  static void SetUpTestSuite() {
    ServerFixture::SetUpTestSuite();
    owner_ =
        new std::string(session_cookie(user("owner@courses.test", "instructor", "Olivia Owner")));
    other_ =
        new std::string(session_cookie(user("other@courses.test", "instructor", "Oscar Other")));
    learner_ =
        new std::string(session_cookie(user("learner@courses.test", "learner", "Lee Learner")));
    admin_ = new std::string(admin_session("admin@courses.test"));
  }
  static void TearDownTestSuite() {
    delete owner_;
    delete other_;
    delete learner_;
    delete admin_;
    ServerFixture::TearDownTestSuite();
  }

  static std::string user(const std::string& email, const std::string& role,
                          const std::string& name) {
    return pg().scalar("INSERT INTO users (email, name, role, email_verified_at) VALUES ('" +
                       email + "', '" + name + "', '" + role + "', now()) RETURNING id");
  }

  static HttpResponse send(const std::string& method, const std::string& target,
                           const std::string& cookie, const std::string& body = "",
                           std::map<std::string, std::string> extra = {}) {
    auto headers = cookie.empty() ? std::map<std::string, std::string>{} : cookie_headers(cookie);
    if (!body.empty()) headers["Content-Type"] = "application/json";
    for (auto& [k, v] : extra)
      headers[k] = v;
    HttpConnection conn(port());
    return conn.request(method, target, headers, body);
  }
  static HttpResponse get(const std::string& cookie, const std::string& target,
                          std::map<std::string, std::string> extra = {}) {
    if (!cookie.empty()) extra["Cookie"] = cookie;
    return http_get(port(), target, extra);
  }

  // A new draft course of the owner; its id.
  static std::string create_course(const std::string& title, const std::string& extra = "") {
    auto res =
        send("POST", "/api/v1/courses", *owner_, "{\"title\":\"" + title + "\"" + extra + "}");
    EXPECT_EQ(res.status, 201) << res.body;
    return str(res.json().at("id"));
  }
  static std::string etag_of(const std::string& id) {
    return get(*owner_, "/api/v1/courses/" + id).header("etag");
  }

  // A media item of the user with that email, as an accepted upload leaves it; its id.
  static std::string media_of(const std::string& email, const std::string& kind,
                              const std::string& status = "ready") {
    return pg().scalar(
        "INSERT INTO media (owner_id, kind, status, file_name, content_type, size_bytes, sha256) "
        "SELECT id, '" +
        kind + "', '" + status + "', 'f', 'application/pdf', 1, repeat('a', 64) FROM users " +
        "WHERE email = '" + email + "' RETURNING id");
  }

  // A published course made directly in the database (as the seeder would).
  static std::string published(const std::string& slug, const std::string& title,
                               const std::string& summary, const std::string& description,
                               const std::string& language, const std::string& level = "beginner",
                               int minutes = 60, int enrolments = 0) {
    return pg().scalar(
        "INSERT INTO courses (slug, title, summary, description_md, status, published_at, "
        "language, level, duration_minutes, enrolment_count, search) VALUES ('" +
        slug + "', '" + title + "', '" + summary + "', '" + description +
        "', 'published', now() - random() * interval '30 days', '" + language + "', '" + level +
        "', " + std::to_string(minutes) + ", " + std::to_string(enrolments) +
        ", course_search_vector('" + title + "', '" + summary + "', '" + description +
        "', '')) RETURNING id");
  }

  // Every page of a catalog listing; fails if a page is malformed or the walk does not end.
  static std::vector<std::string> walk(const std::string& base, int* pages = nullptr) {
    std::vector<std::string> ids;
    std::string cursor;
    for (int page = 1; page <= 100; ++page) {
      auto res = get("", base + (cursor.empty() ? "" : "&cursor=" + q(cursor)));
      EXPECT_EQ(res.status, 200) << res.body;
      if (res.status != 200) return ids;
      const auto body = res.json();
      for (const auto& item : body.at("courses").as_array())
        ids.push_back(str(item.at("id")));
      if (pages) *pages = page;
      if (body.at("next_cursor").is_null()) return ids;
      cursor = str(body.at("next_cursor"));
    }
    ADD_FAILURE() << "the listing never ended";
    return ids;
  }

  static inline std::string* owner_ = nullptr;
  static inline std::string* other_ = nullptr;
  static inline std::string* learner_ = nullptr;
  static inline std::string* admin_ = nullptr;
};

TEST_F(Courses, CreateThenEditWithIfMatchAndValidation) {
  auto created =
      send("POST", "/api/v1/courses", *owner_,
           R"({"title":"  Rust for Beginners ","summary":"Learn Rust.","level":"beginner"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto course = created.json().as_object();
  EXPECT_EQ(str(course.at("slug")), "rust-for-beginners");
  EXPECT_EQ(str(course.at("title")), "Rust for Beginners");
  EXPECT_EQ(str(course.at("status")), "draft");
  ASSERT_EQ(course.at("owners").as_array().size(), 1u);
  EXPECT_EQ(str(course.at("owners").as_array()[0].at("email")), "owner@courses.test");
  const auto id = str(course.at("id"));
  const auto etag = created.header("etag");
  EXPECT_FALSE(etag.empty());

  // The same slug again: 409 naming the field.
  auto duplicate = send("POST", "/api/v1/courses", *owner_, R"({"title":"Rust for beginners"})");
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_NE(duplicate.body.find("\\\"slug\\\""), std::string::npos) << duplicate.body;

  const std::string target = "/api/v1/courses/" + id;
  const std::string change = R"({"description":"Hello **world**","duration_minutes":90})";
  EXPECT_EQ(send("PATCH", target, *owner_, change).status, 428);
  EXPECT_EQ(send("PATCH", target, *owner_, change, {{"If-Match", "\"v999\""}}).status, 412);
  auto edited = send("PATCH", target, *owner_, change, {{"If-Match", etag}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_NE(edited.header("etag"), etag);
  EXPECT_NE(str(edited.json().at("description_html")).find("<strong>world</strong>"),
            std::string::npos);
  EXPECT_EQ(edited.json().at("duration_minutes").as_int64(), 90);
  // The old ETag is stale now.
  EXPECT_EQ(send("PATCH", target, *owner_, change, {{"If-Match", etag}}).status, 412);
  // The search document follows the edit.
  EXPECT_EQ(pg().scalar("SELECT search @@ to_tsquery('simple', 'world') FROM courses WHERE id = '" +
                        id + "'"),
            "t");

  const auto current = edited.header("etag");
  struct Bad {
    std::string body, field;
  };
  for (const auto& bad :
       std::vector<Bad>{{R"({"level":"expert"})", "level"},
                        {"{\"title\":\"" + std::string(201, 'x') + "\"}", "title"},
                        {R"({"title":"   "})", "title"},
                        {"{\"summary\":\"" + std::string(501, 'x') + "\"}", "summary"},
                        {R"j({"cover_url":"javascript:alert(1)"})j", "cover_url"},
                        {R"({"duration_minutes":-1})", "duration_minutes"},
                        {R"({"language":"english"})", "language"},
                        {R"({"slug":"Not A Slug"})", "slug"},
                        {R"({"self_enrolment":"yes"})", "self_enrolment"}}) {
    auto res = send("PATCH", target, *owner_, bad.body, {{"If-Match", current}});
    EXPECT_EQ(res.status, 422) << bad.body;
    EXPECT_NE(res.body.find("\\\"" + bad.field + "\\\""), std::string::npos) << res.body;
  }
  EXPECT_EQ(send("PATCH", target, *owner_, "[1]", {{"If-Match", current}}).status, 422);
  EXPECT_EQ(send("PATCH", target, *owner_, "{nope", {{"If-Match", current}}).status, 400);
  // Nothing of the refused edits landed.
  EXPECT_EQ(etag_of(id), current);

  auto cover =
      send("PATCH", target, *owner_, R"({"cover_url":"/assets/rust.png","slug":"rust-101"})",
           {{"If-Match", current}});
  ASSERT_EQ(cover.status, 200) << cover.body;
  EXPECT_EQ(str(cover.json().at("cover_url")), "/assets/rust.png");
  EXPECT_EQ(str(cover.json().at("slug")), "rust-101");
  // The read gives the ETag the next edit needs.
  EXPECT_EQ(get(*owner_, target).header("etag"), cover.header("etag"));
}

TEST_F(Courses, OnlyOwnersAndAdminsEdit) {
  const auto id = create_course("Owned Course");
  const std::string target = "/api/v1/courses/" + id;
  EXPECT_EQ(get(*other_, target).status, 403);
  EXPECT_EQ(get(*learner_, target).status, 403);
  EXPECT_EQ(get("", target).status, 401);
  EXPECT_EQ(get(*admin_, target).status, 200);
  EXPECT_EQ(get(*owner_, "/api/v1/courses/00000000-0000-4000-8000-000000000000").status, 404);
  EXPECT_EQ(get(*owner_, "/api/v1/courses/not-an-id").status, 404);
  EXPECT_EQ(send("POST", target + "/sections", *other_, R"({"title":"x"})").status, 403);

  // The instructor's list shows only their own courses; the admin's shows everyone's.
  auto mine = get(*owner_, "/api/v1/courses?limit=200").json();
  bool found = false;
  for (const auto& c : mine.at("courses").as_array())
    found = found || str(c.at("id")) == id;
  EXPECT_TRUE(found);
  auto theirs = get(*other_, "/api/v1/courses?limit=200").json();
  for (const auto& c : theirs.at("courses").as_array())
    EXPECT_NE(str(c.at("id")), id);
  EXPECT_EQ(get(*owner_, "/api/v1/courses?status=gone").status, 422);

  // Owners: only instructors or admins; then the new owner may edit; the last owner stays.
  const auto other_id = pg().scalar("SELECT id FROM users WHERE email = 'other@courses.test'");
  const auto owner_id = pg().scalar("SELECT id FROM users WHERE email = 'owner@courses.test'");
  auto learner_owner =
      send("POST", target + "/owners", *owner_, R"({"email":"learner@courses.test"})");
  EXPECT_EQ(learner_owner.status, 422);
  auto added = send("POST", target + "/owners", *owner_, R"({"email":"OTHER@courses.test"})");
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.json().at("owners").as_array().size(), 2u);
  EXPECT_EQ(get(*other_, target).status, 200);
  EXPECT_EQ(send("DELETE", target + "/owners/" + owner_id, *other_).status, 204);
  EXPECT_EQ(get(*owner_, target).status, 403);
  EXPECT_EQ(send("DELETE", target + "/owners/" + other_id, *other_).status, 409);
  // Adding an owner again changes nothing; each real change is in the audit trail, by whom.
  EXPECT_EQ(send("POST", target + "/owners", *other_, R"({"email":"other@courses.test"})").status,
            200);
  EXPECT_EQ(pg().scalar("SELECT string_agg(event || ':' || user_id || ':' || actor_id, ',' "
                        "ORDER BY id) FROM audit_events WHERE detail->>'course_id' = '" +
                        id + "'"),
            "course.owner_added:" + other_id + ":" + owner_id +
                ",course.owner_removed:" + owner_id + ":" + other_id);
}

TEST_F(Courses, OutlineEditsAndAtomicReorder) {
  const auto id = create_course("Outline Course");
  const std::string base = "/api/v1/courses/" + id;
  auto s1 = send("POST", base + "/sections", *owner_, R"({"title":"Basics"})");
  ASSERT_EQ(s1.status, 201) << s1.body;
  auto s2 =
      send("POST", base + "/sections", *owner_, R"({"title":"More","requires_previous":true})");
  ASSERT_EQ(s2.status, 201);
  const auto sec1 = str(s1.json().at("id"));
  const auto sec2 = str(s2.json().at("id"));
  EXPECT_EQ(s2.json().at("position").as_int64(), 1);
  EXPECT_TRUE(s2.json().at("requires_previous").as_bool());

  auto lesson = [&](const std::string& section, const std::string& body) {
    auto res = send("POST", base + "/sections/" + section + "/lessons", *owner_, body);
    EXPECT_EQ(res.status, 201) << res.body;
    return str(res.json().at("id"));
  };
  const auto a = lesson(sec1, R"({"title":"Read me","kind":"article","body":"# Hi"})");
  const auto v = lesson(sec1, R"({"title":"Watch me","kind":"video","duration_seconds":120})");
  const auto qz = lesson(sec2, R"({"title":"Test me","kind":"quiz"})");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM quizzes WHERE lesson_id = '" + qz + "'"), "1");
  EXPECT_EQ(send("POST", base + "/sections/" + sec1 + "/lessons", *owner_,
                 R"({"title":"x","kind":"podcast"})")
                .status,
            422);
  EXPECT_EQ(send("POST", base + "/sections/00000000-0000-4000-8000-000000000000/lessons", *owner_,
                 R"({"title":"x","kind":"article"})")
                .status,
            404);

  auto read = get(*owner_, base + "/lessons/" + a);
  ASSERT_EQ(read.status, 200);
  EXPECT_NE(str(read.json().at("body_html")).find("<h1>Hi</h1>"), std::string::npos);
  auto patched =
      send("PATCH", base + "/lessons/" + v, *owner_,
           R"({"media_id":")" + media_of("owner@courses.test", "video") + R"(","required":false})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_FALSE(patched.json().at("required").as_bool());
  EXPECT_EQ(send("PATCH", base + "/lessons/" + v, *owner_, R"({"kind":"article"})").status, 422);
  // A lesson edit needs no If-Match, but one that names an old version is refused untouched.
  const auto current = get(*owner_, base).header("etag");
  auto stale = send("PATCH", base + "/lessons/" + a, *owner_, R"({"title":"Overwritten"})",
                    {{"If-Match", "\"v1\""}});
  EXPECT_EQ(stale.status, 412) << stale.body;
  EXPECT_EQ(stale.header("etag"), current);
  EXPECT_EQ(pg().scalar("SELECT title FROM lessons WHERE id = '" + a + "'"), "Read me");
  EXPECT_EQ(send("PATCH", base + "/lessons/" + a, *owner_, R"({"title":"Read me first"})",
                 {{"If-Match", current}})
                .status,
            200);

  // Reorder: the second section first, the video moved into it before the quiz.
  auto before = get(*owner_, base);
  const auto etag = before.header("etag");
  const auto good = "{\"sections\":[{\"id\":\"" + sec2 + "\",\"lesson_ids\":[\"" + v + "\",\"" +
                    qz + "\"]},{\"id\":\"" + sec1 + "\",\"lesson_ids\":[\"" + a + "\"]}]}";
  const auto missing = "{\"sections\":[{\"id\":\"" + sec2 + "\",\"lesson_ids\":[\"" + v +
                       "\"]},{\"id\":\"" + sec1 + "\",\"lesson_ids\":[\"" + a + "\"]}]}";
  const auto twice = "{\"sections\":[{\"id\":\"" + sec2 + "\",\"lesson_ids\":[\"" + v + "\",\"" +
                     qz + "\"]},{\"id\":\"" + sec1 + "\",\"lesson_ids\":[\"" + a + "\",\"" + v +
                     "\"]}]}";
  EXPECT_EQ(send("PUT", base + "/outline", *owner_, good).status, 428);
  EXPECT_EQ(send("PUT", base + "/outline", *owner_, missing, {{"If-Match", etag}}).status, 422);
  EXPECT_EQ(send("PUT", base + "/outline", *owner_, twice, {{"If-Match", etag}}).status, 422);
  auto unchanged = get(*owner_, base);
  EXPECT_EQ(unchanged.body, before.body);
  auto reordered = send("PUT", base + "/outline", *owner_, good, {{"If-Match", etag}});
  ASSERT_EQ(reordered.status, 200) << reordered.body;
  const auto sections = reordered.json().at("sections").as_array();
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(str(sections[0].at("id")), sec2);
  EXPECT_EQ(sections[0].at("position").as_int64(), 0);
  const auto& moved = sections[0].at("lessons").as_array();
  ASSERT_EQ(moved.size(), 2u);
  EXPECT_EQ(str(moved[0].at("id")), v);
  EXPECT_EQ(str(moved[1].at("id")), qz);
  EXPECT_EQ(moved[1].at("position").as_int64(), 1);
  EXPECT_EQ(str(sections[1].at("lessons").as_array()[0].at("id")), a);
  // The old ETag no longer applies.
  EXPECT_EQ(send("PUT", base + "/outline", *owner_, good, {{"If-Match", etag}}).status, 412);

  // Deleting keeps positions dense.
  EXPECT_EQ(send("DELETE", base + "/lessons/" + v, *owner_).status, 204);
  EXPECT_EQ(pg().scalar("SELECT position FROM lessons WHERE id = '" + qz + "'"), "0");
  EXPECT_EQ(send("DELETE", base + "/sections/" + sec2, *owner_).status, 204);
  EXPECT_EQ(pg().scalar("SELECT position FROM course_sections WHERE id = '" + sec1 + "'"), "0");
  EXPECT_EQ(send("DELETE", base + "/sections/" + sec2, *owner_).status, 404);
}

// A lesson shows only media its editor may use: their own, anything for an admin, or what the
// course already shows; of the kind the lesson needs. Refusals change nothing.
TEST_F(Courses, LessonsShowOnlyMediaTheirEditorMayUse) {
  const auto id = create_course("Media Rights");
  const std::string base = "/api/v1/courses/" + id;
  const auto sec =
      str(send("POST", base + "/sections", *owner_, R"({"title":"S"})").json().at("id"));
  auto lesson = [&](const std::string& kind) {
    return str(send("POST", base + "/sections/" + sec + "/lessons", *owner_,
                    R"({"title":"L","kind":")" + kind + R"("})")
                   .json()
                   .at("id"));
  };
  const auto video = lesson("video");
  const auto file = lesson("file");
  const auto mine = media_of("owner@courses.test", "video");
  const auto theirs = media_of("other@courses.test", "video");
  const auto my_file = media_of("owner@courses.test", "attachment");
  auto set = [&](const std::string& cookie, const std::string& lesson_id, const std::string& json) {
    return send("PATCH", base + "/lessons/" + lesson_id, cookie, json);
  };
  auto media_of_lesson = [&](const std::string& lesson_id) {
    return pg().scalar(
        "SELECT coalesce(media_id::text, '') || '|' || coalesce(file_key, '') "
        "FROM lessons WHERE id = '" +
        lesson_id + "'");
  };

  // Someone else's video, an id of nothing, an attachment as a video, a video as a file, a key
  // that is no id: 422 with the field named, and the lesson unchanged.
  for (const auto& [lesson_id, json] : std::vector<std::pair<std::string, std::string>>{
           {video, R"({"media_id":")" + theirs + R"("})"},
           {video, R"({"media_id":"33333333-3333-4333-8333-333333333333"})"},
           {video, R"({"media_id":")" + my_file + R"("})"},
           {file, R"({"file_key":")" + mine + R"("})"},
           {file, R"({"file_key":"../../etc/passwd"})"}}) {
    auto refused = set(*owner_, lesson_id, json);
    EXPECT_EQ(refused.status, 422) << json << " " << refused.body;
    EXPECT_EQ(refused.header("content-type"), "application/problem+json");
    EXPECT_EQ(media_of_lesson(lesson_id), "|") << json;
  }
  auto created = send("POST", base + "/sections/" + sec + "/lessons", *owner_,
                      R"({"title":"L","kind":"video","media_id":")" + theirs + R"("})");
  EXPECT_EQ(created.status, 422) << created.body;

  // One's own media, and clearing it again.
  EXPECT_EQ(set(*owner_, video, R"({"media_id":")" + mine + R"("})").status, 200);
  EXPECT_EQ(set(*owner_, file, R"({"file_key":")" + my_file + R"("})").status, 200);
  EXPECT_EQ(media_of_lesson(video), mine + "|");
  EXPECT_EQ(set(*owner_, file, R"({"file_key":null})").status, 200);
  EXPECT_EQ(set(*owner_, file, R"({"file_key":")" + my_file + R"("})").status, 200);

  // A co-owner may show what the course already shows, not their own colleague's other uploads.
  ASSERT_EQ(send("POST", base + "/owners", *owner_, R"({"email":"other@courses.test"})").status,
            200);
  const auto second = lesson("video");
  EXPECT_EQ(set(*other_, second, R"({"media_id":")" + mine + R"("})").status, 200);
  EXPECT_EQ(
      set(*other_, second, R"({"media_id":")" + media_of("owner@courses.test", "video") + R"("})")
          .status,
      422);
  // An admin may show anyone's.
  EXPECT_EQ(set(*admin_, second, R"({"media_id":")" + theirs + R"("})").status, 200);
}

TEST_F(Courses, PublishListsEveryProblemThenPublishes) {
  const auto id = create_course("Publish Course");
  const std::string base = "/api/v1/courses/" + id;
  auto empty = send("POST", base + "/publish", *owner_);
  ASSERT_EQ(empty.status, 422) << empty.body;
  EXPECT_EQ(empty.header("content-type"), "application/problem+json");
  auto problems = empty.json().at("problems").as_array();
  std::set<std::string> fields;
  for (const auto& p : problems)
    fields.insert(str(p.at("field")));
  EXPECT_EQ(fields, (std::set<std::string>{"summary", "description", "sections"}));

  auto sec = str(send("POST", base + "/sections", *owner_, R"({"title":"S"})").json().at("id"));
  auto lesson = [&](const std::string& body) {
    return str(send("POST", base + "/sections/" + sec + "/lessons", *owner_, body).json().at("id"));
  };
  const auto article = lesson(R"({"title":"A","kind":"article"})");
  const auto video = lesson(R"({"title":"V","kind":"video"})");
  const auto quiz = lesson(R"({"title":"Q","kind":"quiz"})");
  const auto file = lesson(R"({"title":"F","kind":"file"})");
  send("PATCH", base, *owner_, R"({"summary":"S","description":"D"})", {{"If-Match", etag_of(id)}});
  auto incomplete = send("POST", base + "/publish", *owner_);
  ASSERT_EQ(incomplete.status, 422);
  std::map<std::string, std::string> by_lesson;
  const auto incomplete_body = incomplete.json();
  for (const auto& p : incomplete_body.at("problems").as_array()) {
    EXPECT_EQ(str(p.at("section_id")), sec);
    by_lesson[str(p.at("lesson_id"))] = str(p.at("field"));
  }
  EXPECT_EQ(by_lesson,
            (std::map<std::string, std::string>{
                {article, "body"}, {video, "media_id"}, {quiz, "questions"}, {file, "file_key"}}));
  EXPECT_EQ(get(*owner_, base).json().at("status").as_string(), "draft");

  send("PATCH", base + "/lessons/" + article, *owner_, R"({"body":"Text"})");
  // A video whose processing failed is a problem of its own.
  const auto failed = media_of("owner@courses.test", "video", "failed");
  ASSERT_EQ(
      send("PATCH", base + "/lessons/" + video, *owner_, R"({"media_id":")" + failed + R"("})")
          .status,
      200);
  send("PATCH", base + "/lessons/" + file, *owner_,
       R"({"file_key":")" + media_of("owner@courses.test", "attachment") +
           R"(","file_name":"a.pdf","file_size":1234})");
  auto failing = send("POST", base + "/publish", *owner_);
  ASSERT_EQ(failing.status, 422);
  const auto failing_body = failing.json();
  std::map<std::string, std::string> failing_fields;
  for (const auto& p : failing_body.at("problems").as_array())
    failing_fields[str(p.at("lesson_id"))] = str(p.at("field"));
  EXPECT_EQ(failing_fields,
            (std::map<std::string, std::string>{{video, "media_id"}, {quiz, "questions"}}));
  send("PATCH", base + "/lessons/" + video, *owner_,
       R"({"media_id":")" + media_of("owner@courses.test", "video") + R"("})");
  // The quizzes slice fills the bank; a question in it is enough.
  pg().scalar("INSERT INTO quiz_questions (course_id, kind, prompt, answer) VALUES ('" + id +
              "', 'true_false', 'Yes?', '{\"correct\": true}')");
  EXPECT_EQ(send("POST", base + "/publish", *other_).status, 403);
  auto ok = send("POST", base + "/publish", *owner_);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(str(ok.json().at("status")), "published");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM audit_events WHERE event = 'course.published' "
                        "AND detail->>'course_id' = '" +
                        id + "'"),
            "1");
  EXPECT_FALSE(ok.json().at("published_at").is_null());

  // Published courses are archived, not deleted.
  EXPECT_EQ(send("DELETE", base, *owner_).status, 409);
  auto archived = send("POST", base + "/archive", *owner_);
  ASSERT_EQ(archived.status, 200);
  EXPECT_EQ(str(archived.json().at("status")), "archived");
  const auto draft = create_course("Throwaway Draft");
  EXPECT_EQ(send("DELETE", "/api/v1/courses/" + draft, *owner_).status, 204);
  EXPECT_EQ(get(*owner_, "/api/v1/courses/" + draft).status, 404);
}

TEST_F(Courses, SkillsTaxonomyAndCourseSkills) {
  auto cloud = send("POST", "/api/v1/admin/skills", *admin_, R"({"name":"Cloud Native"})");
  ASSERT_EQ(cloud.status, 201) << cloud.body;
  EXPECT_EQ(str(cloud.json().at("slug")), "cloud-native");
  const auto cloud_id = str(cloud.json().at("id"));
  auto k8s = send("POST", "/api/v1/admin/skills", *admin_,
                  "{\"name\":\"Kubernetes Ops\",\"parent_id\":\"" + cloud_id + "\"}");
  ASSERT_EQ(k8s.status, 201) << k8s.body;
  const auto k8s_id = str(k8s.json().at("id"));
  EXPECT_EQ(send("POST", "/api/v1/admin/skills", *admin_, R"({"name":"cloud native"})").status,
            409);
  EXPECT_EQ(send("POST", "/api/v1/admin/skills", *owner_, R"({"name":"Nope"})").status, 403);
  // No cycles: the parent cannot move under its child.
  EXPECT_EQ(send("PATCH", "/api/v1/admin/skills/" + cloud_id, *admin_,
                 "{\"parent_id\":\"" + k8s_id + "\"}")
                .status,
            422);

  auto list = get("", "/api/v1/skills");
  ASSERT_EQ(list.status, 200);
  bool child = false;
  const auto skills = list.json();
  for (const auto& s : skills.at("skills").as_array()) {
    if (str(s.at("id")) == k8s_id) child = str(s.at("parent_id")) == cloud_id;
  }
  EXPECT_TRUE(child);

  const auto id = create_course("Skilled Course");
  const std::string base = "/api/v1/courses/" + id;
  EXPECT_EQ(send("PUT", base + "/skills", *owner_,
                 "{\"skills\":[{\"skill_id\":\"" + k8s_id + "\",\"level\":6}]}")
                .status,
            422);
  auto set = send("PUT", base + "/skills", *owner_,
                  "{\"skills\":[{\"skill_id\":\"" + k8s_id + "\",\"level\":3}]}");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json().at("skills").as_array()[0].at("level").as_int64(), 3);
  // Skill names are searchable, and a rename follows into the search document.
  EXPECT_EQ(
      pg().scalar("SELECT search @@ to_tsquery('simple', 'kubernetes') FROM courses WHERE id = '" +
                  id + "'"),
      "t");
  ASSERT_EQ(send("PATCH", "/api/v1/admin/skills/" + k8s_id, *admin_, R"({"name":"Container Ops"})")
                .status,
            200);
  EXPECT_EQ(
      pg().scalar("SELECT search @@ to_tsquery('simple', 'container') FROM courses WHERE id = '" +
                  id + "'"),
      "t");

  // In use or with children: 409.
  EXPECT_EQ(send("DELETE", "/api/v1/admin/skills/" + k8s_id, *admin_).status, 409);
  EXPECT_EQ(send("DELETE", "/api/v1/admin/skills/" + cloud_id, *admin_).status, 409);
  send("PUT", base + "/skills", *owner_, R"({"skills":[]})");
  EXPECT_EQ(send("DELETE", "/api/v1/admin/skills/" + k8s_id, *admin_).status, 204);
  EXPECT_EQ(send("DELETE", "/api/v1/admin/skills/" + cloud_id, *admin_).status, 204);
}

TEST_F(Courses, PrerequisitesRefuseCycles) {
  const auto a = create_course("Prereq A");
  const auto b = create_course("Prereq B");
  const auto c = create_course("Prereq C");
  auto set = [&](const std::string& course, const std::string& ids) {
    return send("PUT", "/api/v1/courses/" + course + "/prerequisites", *owner_,
                "{\"course_ids\":[" + ids + "]}");
  };
  ASSERT_EQ(set(b, "\"" + a + "\"").status, 200);
  auto res = set(c, "\"" + b + "\"");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(str(res.json().at("prerequisites").as_array()[0].at("id")), b);
  EXPECT_EQ(set(a, "\"" + c + "\"").status, 422);  // a → c → b → a
  EXPECT_EQ(set(a, "\"" + a + "\"").status, 422);
  EXPECT_EQ(set(a, "\"00000000-0000-4000-8000-000000000000\"").status, 422);
  EXPECT_EQ(set(c, "").status, 200);
  EXPECT_EQ(set(a, "\"" + c + "\"").status, 200);  // no cycle any more
}

TEST_F(Courses, CatalogSearchRanksFiltersAndPages) {
  const auto title_match = published("zk-kubernetes-deep", "Kubernetes Deep Dive", "Clusters.",
                                     "All about clusters.", "qa", "advanced", 300, 5);
  const auto body_match = published("zk-devops", "DevOps Basics", "Pipelines.",
                                    "We also touch kubernetes briefly.", "qa", "beginner", 60, 50);
  const auto other =
      published("zk-cooking", "Cooking Pasta", "Food.", "Boil water.", "qa", "beginner", 30, 10);
  auto draft = create_course("Kubernetes Draft Secret", R"(,"language":"qa")");

  auto search = get("", "/api/v1/catalog?language=qa&q=kubernetes");
  ASSERT_EQ(search.status, 200) << search.body;
  auto items = search.json().at("courses").as_array();
  ASSERT_EQ(items.size(), 2u) << search.body;
  EXPECT_EQ(str(items[0].at("id")), title_match);  // a title match ranks above the description
  EXPECT_EQ(str(items[1].at("id")), body_match);
  for (const char* field :
       {"id", "slug", "title", "summary", "cover_url", "level", "duration_minutes", "language",
        "skills", "enrolment_count", "published_at"}) {
    EXPECT_TRUE(items[0].as_object().contains(field)) << field;
  }
  // As one types: the last word is a prefix.
  EXPECT_EQ(get("", "/api/v1/catalog?language=qa&q=kube").json().at("courses").as_array().size(),
            2u);
  EXPECT_EQ(get("", "/api/v1/catalog?language=qa&q=" + q("deep kube"))
                .json()
                .at("courses")
                .as_array()
                .size(),
            1u);
  // Operators in the text are words, not tsquery syntax.
  EXPECT_EQ(get("", "/api/v1/catalog?language=qa&q=" + q("kube:* | !(&'")).status, 200);
  EXPECT_EQ(
      get("", "/api/v1/catalog?language=qa&q=" + q("!!! ")).json().at("courses").as_array().size(),
      3u);

  // Filters.
  auto advanced =
      get("", "/api/v1/catalog?language=qa&level=advanced").json().at("courses").as_array();
  ASSERT_EQ(advanced.size(), 1u);
  EXPECT_EQ(str(advanced[0].at("id")), title_match);
  auto short_ones =
      get("", "/api/v1/catalog?language=qa&max_minutes=60").json().at("courses").as_array();
  EXPECT_EQ(short_ones.size(), 2u);
  EXPECT_EQ(get("", "/api/v1/catalog?language=qa&min_minutes=100&max_minutes=400")
                .json()
                .at("courses")
                .as_array()
                .size(),
            1u);
  auto popular =
      get("", "/api/v1/catalog?language=qa&sort=popular").json().at("courses").as_array();
  ASSERT_EQ(popular.size(), 3u);
  EXPECT_EQ(str(popular[0].at("id")), body_match);
  auto by_title = get("", "/api/v1/catalog?language=qa&sort=title").json().at("courses").as_array();
  ASSERT_EQ(by_title.size(), 3u);
  EXPECT_EQ(str(by_title[0].at("id")), other);
  EXPECT_EQ(get("", "/api/v1/catalog?level=expert").status, 422);
  EXPECT_EQ(get("", "/api/v1/catalog?sort=relevance").status, 422);
  EXPECT_EQ(get("", "/api/v1/catalog?sort=random").status, 422);
  EXPECT_EQ(get("", "/api/v1/catalog?min_minutes=abc").status, 422);
  EXPECT_EQ(get("", "/api/v1/catalog?cursor=garbage").status, 422);

  // Skill filter.
  auto skill = send("POST", "/api/v1/admin/skills", *admin_, R"({"name":"Pasta Making"})");
  ASSERT_EQ(skill.status, 201);
  pg().scalar("INSERT INTO course_skills (course_id, skill_id, level) VALUES ('" + other + "', '" +
              str(skill.json().at("id")) + "', 2)");
  auto pasta = get("", "/api/v1/catalog?skill=pasta-making").json().at("courses").as_array();
  ASSERT_EQ(pasta.size(), 1u);
  EXPECT_EQ(str(pasta[0].at("skills").as_array()[0].at("slug")), "pasta-making");

  // Drafts never show, not even to their owner, and their page is the owner's only.
  const auto secret = get(*owner_, "/api/v1/catalog?language=qa&q=secret").json();
  EXPECT_TRUE(secret.at("courses").as_array().empty()) << secret;
  const auto draft_slug = pg().scalar("SELECT slug FROM courses WHERE id = '" + draft + "'");
  EXPECT_EQ(get("", "/api/v1/catalog/" + draft_slug).status, 404);
  EXPECT_EQ(get(*learner_, "/api/v1/catalog/" + draft_slug).status, 404);
  EXPECT_EQ(get(*other_, "/api/v1/catalog/" + draft_slug).status, 404);
  EXPECT_EQ(get(*owner_, "/api/v1/catalog/" + draft_slug).status, 200);

  // Cache validation.
  auto first = get("", "/api/v1/catalog?language=qa");
  ASSERT_FALSE(first.header("etag").empty());
  EXPECT_EQ(first.header("cache-control"), "public, max-age=30");
  EXPECT_EQ(
      get("", "/api/v1/catalog?language=qa", {{"If-None-Match", first.header("etag")}}).status,
      304);
}

TEST_F(Courses, CatalogPagesCoverEveryCourseOnceInEveryOrder) {
  pg().scalar(
      "INSERT INTO courses (slug, title, summary, status, published_at, language, "
      "enrolment_count, search) SELECT 'walk-' || i, 'Walk ' || (i % 4) || ' course', 'Walking.', "
      "'published', now() - (i % 3) * interval '1 day', 'wk', i % 5, "
      "course_search_vector('Walk ' || (i % 4) || ' course', 'Walking.', '', '') "
      "FROM generate_series(1, 23) i");
  const auto expected =
      std::stoul(pg().scalar("SELECT count(*) FROM courses WHERE language = 'wk'"));
  for (const std::string sort : {"newest", "title", "popular", "relevance"}) {
    int pages = 0;
    auto ids = walk("/api/v1/catalog?language=wk&limit=5&q=walk&sort=" + sort, &pages);
    std::set<std::string> unique(ids.begin(), ids.end());
    EXPECT_EQ(ids.size(), expected) << sort;
    EXPECT_EQ(unique.size(), expected) << sort;
    EXPECT_EQ(pages, 5) << sort;
  }
  auto all = walk("/api/v1/catalog?language=wk&limit=7");
  EXPECT_EQ(all.size(), expected);
}

TEST_F(Courses, CoursePageShowsTheOutlineWithoutContent) {
  const auto id = create_course("Page Course", R"(,"summary":"Sum","description":"*Desc*")");
  const std::string base = "/api/v1/courses/" + id;
  auto sec = str(send("POST", base + "/sections", *owner_, R"({"title":"Only"})").json().at("id"));
  send("POST", base + "/sections/" + sec + "/lessons", *owner_,
       R"({"title":"Secret words","kind":"article","body":"The hidden body"})");
  ASSERT_EQ(send("POST", base + "/publish", *owner_).status, 200);
  const auto slug = pg().scalar("SELECT slug FROM courses WHERE id = '" + id + "'");
  auto page = get("", "/api/v1/catalog/" + slug);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.body.find("hidden body"), std::string::npos);
  auto body = page.json();
  EXPECT_NE(str(body.at("description_html")).find("<em>Desc</em>"), std::string::npos);
  EXPECT_EQ(str(body.at("sections").as_array()[0].at("lessons").as_array()[0].at("title")),
            "Secret words");
  EXPECT_EQ(str(body.at("owners").as_array()[0].at("name")), "Olivia Owner");
  EXPECT_EQ(body.at("owners").as_array()[0].as_object().count("email"), 0u);
  EXPECT_EQ(get("", "/api/v1/catalog/" + slug, {{"If-None-Match", page.header("etag")}}).status,
            304);
  EXPECT_EQ(get("", "/api/v1/catalog/no-such-course").status, 404);
  EXPECT_EQ(get("", "/api/v1/catalog/" + q("Bad Slug!")).status, 404);
}

// The catalog's hot reads stay on their partial indexes with thousands of courses (drafts too).
TEST_F(Courses, CatalogQueriesUseTheirIndexes) {
  pg().scalar(
      "INSERT INTO courses (slug, title, summary, status, published_at, language, search) "
      "SELECT 'bulk-' || i, 'Bulk topic ' || i, 'Summary ' || (i % 50), CASE WHEN i % 4 = 0 "
      "THEN 'draft' ELSE 'published' END, now() - i * interval '1 minute', 'bk', "
      "course_search_vector('Bulk topic ' || i, 'Summary ' || (i % 50), '', '') "
      "FROM generate_series(1, 4000) i");
  pg().scalar("ANALYZE courses");
  const std::string columns = "SELECT c.id FROM courses c WHERE c.status = 'published' ";
  const auto newest = pg().scalar(
      "EXPLAIN (FORMAT JSON) " + columns +
      "AND (c.published_at, c.id) < ('infinity'::timestamptz, "
      "'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid) ORDER BY c.published_at DESC, c.id DESC "
      "LIMIT 25");
  EXPECT_NE(newest.find("courses_published_newest"), std::string::npos) << newest;
  const auto title = pg().scalar("EXPLAIN (FORMAT JSON) " + columns +
                                 "AND (lower(c.title), c.id) > ('', "
                                 "'00000000-0000-0000-0000-000000000000'::uuid) ORDER BY "
                                 "lower(c.title), c.id LIMIT 25");
  EXPECT_NE(title.find("courses_published_title"), std::string::npos) << title;
  // At 4,000 small rows a sequential scan is honestly cheaper for the planner; what matters is
  // that the partial GIN index applies to the statement's shape.
  const auto search = pg().scalar(
      "SET enable_seqscan = off; EXPLAIN (FORMAT JSON) SELECT c.id FROM courses c, "
      "to_tsquery('simple', '1234') "
      "query WHERE c.status = 'published' AND c.search @@ query ORDER BY ts_rank(c.search, "
      "query) DESC, c.id DESC LIMIT 25");
  EXPECT_NE(search.find("courses_search"), std::string::npos) << search;
  // And the server answers a search over them.
  auto res = get("", "/api/v1/catalog?language=bk&q=" + q("topic 1234 "));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("courses").as_array().size(), 1u) << res.body;
}

// Catalog answers are kept in memory by each instance: an edit shows at once on the instance
// that made it and, through the database's notification, on every other one.
TEST_F(Courses, CatalogAnswersFollowEditsOnEveryInstance) {
  const auto id = create_course("Cached Quokka Course", R"(,"summary":"Sum","description":"D")");
  const std::string base = "/api/v1/courses/" + id;
  auto sec = str(send("POST", base + "/sections", *owner_, R"({"title":"Only"})").json().at("id"));
  send("POST", base + "/sections/" + sec + "/lessons", *owner_,
       R"({"title":"Words","kind":"article","body":"Text"})");
  ASSERT_EQ(send("POST", base + "/publish", *owner_).status, 200);
  const auto slug = pg().scalar("SELECT slug FROM courses WHERE id = '" + id + "'");
  ServerProcess second({.env = {{"SKILLNEXUS_DATABASE_URL", conninfo()},
                                {"SKILLNEXUS_SECRET_KEY", std::string(40, 'k')}}});
  second.start();
  second.wait_ready();

  const auto title_on = [&](std::uint16_t on) {
    auto res = http_get(on, "/api/v1/catalog/" + slug);
    return res.status == 200 ? str(res.json().at("title")) : "HTTP " + std::to_string(res.status);
  };
  const auto found_on = [&](std::uint16_t on, const std::string& word) {
    return http_get(on, "/api/v1/catalog?q=" + word).body.find(id) != std::string::npos;
  };
  // Both instances answer (and keep) the page and a search, twice.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(title_on(port()), "Cached Quokka Course");
    EXPECT_EQ(title_on(second.port()), "Cached Quokka Course");
    EXPECT_TRUE(found_on(port(), "quokka"));
    EXPECT_TRUE(found_on(second.port(), "quokka"));
  }
  const auto metrics = http_get(port(), "/metrics").body;
  EXPECT_NE(metrics.find("skillnexus_cache_listener_up 1"), std::string::npos);
  EXPECT_EQ(metrics.find("skillnexus_cache_hits_total{cache=\"course_pages\"} 0\n"),
            std::string::npos)
      << "the second answer of the page came from the cache";

  auto edit = send("PATCH", base, *owner_, R"({"title":"Renamed Wombat Course"})",
                   {{"If-Match", etag_of(id)}});
  ASSERT_EQ(edit.status, 200) << edit.body;
  // Here at once, with no wait: the instance heard its own change before answering the edit.
  EXPECT_EQ(title_on(port()), "Renamed Wombat Course");
  EXPECT_TRUE(found_on(port(), "wombat"));
  EXPECT_FALSE(found_on(port(), "quokka"));
  // There, as soon as the notification arrives.
  EXPECT_TRUE(eventually([&] { return title_on(second.port()) == "Renamed Wombat Course"; }, 2s));
  EXPECT_TRUE(found_on(second.port(), "wombat"));
  EXPECT_FALSE(found_on(second.port(), "quokka"));

  // Archived: gone from both, although both had it cached.
  ASSERT_EQ(send("POST", base + "/archive", *owner_).status, 200);
  EXPECT_EQ(title_on(port()), "HTTP 404");
  EXPECT_TRUE(eventually([&] { return title_on(second.port()) == "HTTP 404"; }, 2s));
  EXPECT_EQ(second.stop(), 0);
}

}  // namespace
}  // namespace sn::test
