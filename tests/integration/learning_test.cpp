// The learning API against the real server and PostgreSQL: self-enrolment and its history,
// instructor enrolment (users, groups, CSV), the learner outline and locks, video heartbeats
// (distinct watched time, completion threshold), completing lessons through to the course
// certificate, the dashboard and the instructor's learners list and CSV. Courses are made with
// SQL until the courses routes exist in this branch; the schema is the contract.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "server_fixture.hpp"

namespace sn::test {
namespace {

std::string sql_text(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

struct Course {
  std::string id;
  std::vector<std::string> sections;
  std::vector<std::string> lessons;  // in outline order
};

class Learning : public ServerFixture {
 protected:
  static std::string user(const std::string& email, const std::string& role = "learner",
                          const std::string& name = "") {
    return pg().scalar("INSERT INTO users (email, name, role, email_verified_at) VALUES (" +
                       sql_text(email) + ", " + sql_text(name.empty() ? email : name) + ", '" +
                       role + "', now()) RETURNING id");
  }
  static std::string course(const std::string& slug, const std::string& status = "published",
                            bool self_enrolment = true) {
    return pg().scalar(
        "INSERT INTO courses (slug, title, status, self_enrolment, published_at) VALUES ('" + slug +
        "', 'Course " + slug + "', '" + status + "', " + (self_enrolment ? "true" : "false") +
        ", now()) RETURNING id");
  }
  static std::string section(const std::string& course_id, int position,
                             bool requires_previous = false) {
    return pg().scalar(
        "INSERT INTO course_sections (course_id, position, title, requires_previous) "
        "VALUES ('" +
        course_id + "', " + std::to_string(position) + ", 'Section " + std::to_string(position) +
        "', " + (requires_previous ? "true" : "false") + ") RETURNING id");
  }
  // `extra`: column assignments for the kind, e.g. "duration_seconds = 100".
  static std::string lesson(const std::string& course_id, const std::string& section_id,
                            int position, const std::string& kind, const std::string& title,
                            const std::string& extra = "") {
    const auto id = pg().scalar(
        "INSERT INTO lessons (course_id, section_id, position, title, kind, body_html) VALUES ('" +
        course_id + "', '" + section_id + "', " + std::to_string(position) + ", " +
        sql_text(title) + ", '" + kind + "', '<p>Read me</p>') RETURNING id");
    if (!extra.empty()) pg().scalar("UPDATE lessons SET " + extra + " WHERE id = '" + id + "'");
    return id;
  }
  static void own(const std::string& course_id, const std::string& user_id) {
    pg().scalar("INSERT INTO course_owners (course_id, user_id) VALUES ('" + course_id + "', '" +
                user_id + "')");
  }
  static void enrol(const std::string& user_id, const std::string& course_id) {
    pg().scalar("INSERT INTO enrolments (user_id, course_id, required_lessons) SELECT '" + user_id +
                "', '" + course_id + "', count(*) FROM lessons WHERE course_id = '" + course_id +
                "' AND required");
  }
  static std::string count(const std::string& sql) { return pg().scalar(sql); }

  static HttpResponse get(const std::string& cookie, const std::string& target) {
    return http_get(port(), target, {{"Cookie", cookie}});
  }
  static HttpResponse send(const std::string& method, const std::string& target,
                           const std::string& cookie, const std::string& body = "{}",
                           const std::string& content_type = "application/json") {
    auto headers = cookie_headers(cookie);
    headers["Content-Type"] = content_type;
    HttpConnection conn(port());
    return conn.request(method, target, headers, body);
  }
  static std::string code_of(const HttpResponse& res) {
    if (res.body.empty()) return "";
    return std::string(res.json().at("code").as_string());
  }
  static HttpResponse beat(const std::string& cookie, const std::string& lesson_id,
                           std::int64_t from, std::int64_t to, std::int64_t since,
                           std::int64_t position = -1) {
    return send("POST", "/api/v1/learn/lessons/" + lesson_id + "/heartbeat", cookie,
                json({{"position_ms", position < 0 ? to : position},
                      {"playback_rate", 1.0},
                      {"played", {{"from_ms", from}, {"to_ms", to}}},
                      {"since_last_ms", since}}));
  }
};

TEST_F(Learning, SelfEnrolWithdrawAndReenrolKeepOneRowAndTheHistory) {
  const auto learner = user("self.learner@example.com");
  const auto cookie = session_cookie(learner);
  const auto id = course("self-enrol");
  const auto s = section(id, 0);
  lesson(id, s, 0, "article", "One");
  lesson(id, s, 1, "article", "Two");
  lesson(id, s, 2, "article", "Optional", "required = false");
  const auto base = "/api/v1/courses/" + id + "/enrolment";

  EXPECT_EQ(get(cookie, base).status, 404);
  auto res = send("POST", base, cookie);
  ASSERT_EQ(res.status, 201) << res.body;
  auto body = res.json().as_object();
  EXPECT_EQ(body.at("status").as_string(), "active");
  EXPECT_EQ(body.at("source").as_string(), "self");
  EXPECT_EQ(body.at("required_lessons").as_int64(), 2);
  EXPECT_EQ(send("POST", base, cookie).status, 200);  // already enrolled: nothing changes
  EXPECT_EQ(count("SELECT enrolment_count FROM courses WHERE id = '" + id + "'"), "1");

  EXPECT_EQ(send("DELETE", base, cookie).status, 204);
  res = get(cookie, base);
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json().at("status").as_string(), "withdrawn");
  EXPECT_FALSE(res.json().at("withdrawn_at").is_null());
  EXPECT_EQ(count("SELECT enrolment_count FROM courses WHERE id = '" + id + "'"), "0");
  EXPECT_EQ(send("DELETE", base, cookie).status, 204);  // idempotent

  res = send("POST", base, cookie);
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.json().at("status").as_string(), "active");
  EXPECT_TRUE(res.json().at("withdrawn_at").is_null());
  EXPECT_EQ(count("SELECT count(*) FROM enrolments WHERE course_id = '" + id + "'"), "1");
  EXPECT_EQ(count("SELECT string_agg(verb, ',' ORDER BY occurred_at, stored_at) FROM "
                  "learning_events WHERE actor_id = '" +
                  learner + "' AND object_id = '" + id + "'"),
            "enrolled,withdrawn,enrolled");
  EXPECT_EQ(count("SELECT context->>'reenrolled' FROM learning_events WHERE actor_id = '" +
                  learner + "' AND verb = 'enrolled' ORDER BY occurred_at DESC LIMIT 1"),
            "true");

  // Unknown, draft, closed.
  EXPECT_EQ(
      send("POST", "/api/v1/courses/00000000-0000-0000-0000-000000000000/enrolment", cookie).status,
      404);
  EXPECT_EQ(send("POST", "/api/v1/courses/not-a-uuid/enrolment", cookie).status, 404);
  const auto draft = course("self-draft", "draft");
  EXPECT_EQ(send("POST", "/api/v1/courses/" + draft + "/enrolment", cookie).status, 404);
  const auto closed = course("self-closed", "published", false);
  res = send("POST", "/api/v1/courses/" + closed + "/enrolment", cookie);
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(code_of(res), "enrolment_closed");
  EXPECT_EQ(res.header("content-type"), "application/problem+json");
}

TEST_F(Learning, PrerequisitesMustBeCompletedFirst) {
  const auto learner = user("prereq.learner@example.com");
  const auto cookie = session_cookie(learner);
  const auto basics = course("prereq-basics");
  const auto advanced = course("prereq-advanced");
  pg().scalar("INSERT INTO course_prerequisites VALUES ('" + advanced + "', '" + basics + "')");
  auto res = send("POST", "/api/v1/courses/" + advanced + "/enrolment", cookie);
  ASSERT_EQ(res.status, 409) << res.body;
  EXPECT_EQ(code_of(res), "prerequisites_not_met");
  const auto missing = res.json().at("missing_courses").as_array();
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].at("id").as_string(), basics);
  EXPECT_EQ(missing[0].at("slug").as_string(), "prereq-basics");
  EXPECT_NE(res.json().at("detail").as_string().find("Course prereq-basics"), std::string::npos);

  // Enrolled is not enough; completed (even if later withdrawn) is.
  ASSERT_EQ(send("POST", "/api/v1/courses/" + basics + "/enrolment", cookie).status, 201);
  EXPECT_EQ(send("POST", "/api/v1/courses/" + advanced + "/enrolment", cookie).status, 409);
  pg().scalar("UPDATE enrolments SET status = 'withdrawn', completed_at = now() WHERE user_id = '" +
              learner + "' AND course_id = '" + basics + "'");
  EXPECT_EQ(send("POST", "/api/v1/courses/" + advanced + "/enrolment", cookie).status, 201);
}

TEST_F(Learning, InstructorsEnrolUsersAndGroupsWithADueDate) {
  const auto teacher = user("teach.owner@example.com", "instructor");
  const auto other = user("teach.other@example.com", "instructor");
  const auto cookie = session_cookie(teacher);
  const auto id = course("assigned-course", "published", false);
  own(id, teacher);
  const auto s = section(id, 0);
  lesson(id, s, 0, "article", "Only");
  const auto group = pg().scalar("INSERT INTO groups (name) VALUES ('Sales') RETURNING id");
  std::vector<std::string> members;
  for (int i = 0; i < 3; ++i) {
    members.push_back(user("member" + std::to_string(i) + "@example.com"));
    pg().scalar("INSERT INTO group_members (group_id, user_id) VALUES ('" + group + "', '" +
                members.back() + "')");
  }
  const auto direct = user("direct@example.com");
  const auto base = "/api/v1/courses/" + id + "/enrolments";
  const auto unknown = "11111111-1111-1111-1111-111111111111";
  const std::string request = json({{"user_ids", {direct, members[0], unknown}},
                                    {"group_ids", {group}},
                                    {"due_at", "2030-01-31T17:00:00Z"}});

  auto res = send("POST", base, session_cookie(other), request);
  EXPECT_EQ(res.status, 403);
  res = send("POST", base, session_cookie(direct), request);
  EXPECT_EQ(res.status, 403);  // learners: the route's role rule
  EXPECT_EQ(send("POST", base, cookie, json({{"user_ids", {"nope"}}})).status, 422);
  EXPECT_EQ(send("POST", base, cookie, json({{"user_ids", {direct}}, {"due_at", "soon"}})).status,
            422);
  EXPECT_EQ(send("POST", base, cookie, "{}").status, 422);
  // Instructors find the group to enrol by its name; learners see no directory.
  auto directory = get(cookie, "/api/v1/groups?q=sal");
  ASSERT_EQ(directory.status, 200) << directory.body;
  EXPECT_EQ(directory.json().at("groups").at(0).at("id").as_string(), group);
  EXPECT_EQ(directory.json().at("groups").at(0).at("member_count").as_int64(), 3);
  EXPECT_EQ(get(session_cookie(direct), "/api/v1/groups").status, 403);

  res = send("POST", base, cookie, request);
  ASSERT_EQ(res.status, 200) << res.body;
  auto body = res.json().as_object();
  EXPECT_EQ(body.at("enrolled").as_int64(), 4);
  EXPECT_EQ(body.at("already_enrolled").as_int64(), 0);
  ASSERT_EQ(body.at("unknown_user_ids").as_array().size(), 1u);
  EXPECT_EQ(body.at("unknown_user_ids").as_array()[0].as_string(), unknown);
  EXPECT_EQ(count("SELECT count(*) FROM enrolments WHERE course_id = '" + id +
                  "' AND due_at = '2030-01-31T17:00:00Z' AND required_lessons = 1"),
            "4");
  // A direct assignment wins over the group for the member named both ways.
  EXPECT_EQ(count("SELECT source FROM enrolments WHERE user_id = '" + members[0] + "'"),
            "assigned");
  EXPECT_EQ(count("SELECT source || ',' || group_id || ',' || assigned_by FROM enrolments "
                  "WHERE user_id = '" +
                  members[1] + "'"),
            "group," + group + "," + teacher);
  EXPECT_EQ(count("SELECT count(*) FROM learning_events WHERE verb = 'enrolled' AND object_id = '" +
                  id + "'"),
            "4");
  EXPECT_EQ(count("SELECT enrolment_count FROM courses WHERE id = '" + id + "'"), "4");

  res = send("POST", base, cookie, json({{"group_ids", {group}}}));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json().at("enrolled").as_int64(), 0);
  EXPECT_EQ(res.json().at("already_enrolled").as_int64(), 3);

  // Due date change and withdrawal by the instructor.
  res = send("PATCH", base + "/" + direct, cookie, json({{"due_at", nullptr}}));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(res.json().at("due_at").is_null());
  EXPECT_EQ(send("PATCH", base + "/" + direct, cookie, "{}").status, 422);
  EXPECT_EQ(send("PATCH", base + "/" + unknown, cookie, json({{"due_at", nullptr}})).status, 404);
  EXPECT_EQ(send("DELETE", base + "/" + direct, cookie).status, 204);
  EXPECT_EQ(count("SELECT status FROM enrolments WHERE user_id = '" + direct + "'"), "withdrawn");
  EXPECT_EQ(count("SELECT context->>'by' FROM learning_events WHERE verb = 'withdrawn' AND "
                  "actor_id = '" +
                  direct + "'"),
            teacher);
  // Re-assigning reactivates the same row.
  res = send("POST", base, cookie, json({{"user_ids", {direct}}}));
  EXPECT_EQ(res.json().at("enrolled").as_int64(), 1);
  EXPECT_EQ(count("SELECT status FROM enrolments WHERE user_id = '" + direct + "'"), "active");

  const auto draft = course("assigned-draft", "draft");
  own(draft, teacher);
  EXPECT_EQ(send("POST", "/api/v1/courses/" + draft + "/enrolments", cookie,
                 json({{"user_ids", {direct}}}))
                .status,
            422);
}

TEST_F(Learning, CsvImportReportsEachBadRowWithItsLine) {
  const auto teacher = user("csv.owner@example.com", "instructor");
  const auto cookie = session_cookie(teacher);
  const auto id = course("csv-course");
  own(id, teacher);
  user("csv.a@example.com");
  user("csv.b@example.com");
  const auto url = "/api/v1/courses/" + id + "/enrolments/import";
  const std::string file =
      "email,due_at\n"
      "csv.a@example.com,2030-06-01T12:00:00Z\n"
      "not-an-email,\n"
      "nobody@example.com,\n"
      "CSV.A@example.com,\n"
      "csv.b@example.com,next week\n"
      "csv.b@example.com\n";

  auto res = send("POST", url, cookie, file, "text/csv");
  ASSERT_EQ(res.status, 200) << res.body;
  auto body = res.json().as_object();
  EXPECT_EQ(body.at("total_rows").as_int64(), 6);
  EXPECT_EQ(body.at("valid_rows").as_int64(), 2);
  EXPECT_EQ(body.at("enrolled").as_int64(), 0);  // all_or_nothing
  const auto& errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].at("line").as_int64(), 3);
  EXPECT_EQ(errors[1].at("line").as_int64(), 4);
  EXPECT_NE(errors[1].at("message").as_string().find("nobody@example.com"), std::string::npos);
  EXPECT_EQ(errors[2].at("line").as_int64(), 5);
  EXPECT_EQ(errors[3].at("line").as_int64(), 6);
  EXPECT_EQ(count("SELECT count(*) FROM enrolments WHERE course_id = '" + id + "'"), "0");

  res = send("POST", url + "?mode=valid_rows&dry_run=true", cookie, file, "text/csv");
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json().at("would_enrol").as_int64(), 2);
  EXPECT_EQ(count("SELECT count(*) FROM enrolments WHERE course_id = '" + id + "'"), "0");

  res = send("POST", url + "?mode=valid_rows", cookie, file, "text/csv");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("enrolled").as_int64(), 2);
  EXPECT_EQ(count("SELECT string_agg(u.email || '/' || e.source || '/' || coalesce(e.due_at::date"
                  "::text, '-'), ',' ORDER BY u.email) FROM enrolments e JOIN users u ON u.id = "
                  "e.user_id WHERE e.course_id = '" +
                  id + "'"),
            "csv.a@example.com/import/2030-06-01,csv.b@example.com/import/-");

  res = send("POST", url, cookie, "name\nx\n", "text/csv");
  ASSERT_EQ(res.status, 200);
  EXPECT_FALSE(res.json().at("errors").as_array().empty());
  EXPECT_EQ(send("POST", url, cookie, "email\n", "application/json").status, 415);
  EXPECT_EQ(send("POST", url + "?mode=maybe", cookie, "email\n", "text/csv").status, 422);
}

TEST_F(Learning, LessonsOpenForEnrolledLearnersAndLockedSectionsWaitForThePreviousOne) {
  const auto learner = user("lock.learner@example.com");
  const auto cookie = session_cookie(learner);
  const auto outsider = session_cookie(user("lock.outsider@example.com"));
  const auto id = course("locks");
  const auto s1 = section(id, 0);
  const auto s2 = section(id, 1, true);
  const auto a1 = lesson(id, s1, 0, "article", "Intro");
  const auto a2 = lesson(id, s1, 1, "article", "Extra", "required = false");
  const auto f1 = lesson(id, s2, 0, "file", "Slides",
                         "file_key = 'k', file_name = 'slides.pdf', file_size = 2048");
  const auto q1 = lesson(id, s2, 1, "quiz", "Check");

  EXPECT_EQ(get(cookie, "/api/v1/learn/lessons/00000000-0000-0000-0000-000000000000").status, 404);
  auto res = get(outsider, "/api/v1/learn/lessons/" + a1);
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(code_of(res), "not_enrolled");
  EXPECT_EQ(get(outsider, "/api/v1/learn/courses/" + id).status, 403);

  enrol(learner, id);
  res = get(cookie, "/api/v1/learn/courses/" + id);
  ASSERT_EQ(res.status, 200) << res.body;
  auto outline = res.json().as_object();
  auto sections = outline.at("sections").as_array();
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_FALSE(sections[0].at("locked").as_bool());
  EXPECT_TRUE(sections[1].at("locked").as_bool());
  EXPECT_EQ(sections[1].at("lessons").as_array().size(), 2u);
  EXPECT_EQ(sections[0].at("lessons").as_array()[0].at("status").as_string(), "not_started");
  EXPECT_EQ(outline.at("resume").at("lesson_id").as_string(), a1);

  res = get(cookie, "/api/v1/learn/lessons/" + f1);
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(code_of(res), "lesson_locked");
  EXPECT_EQ(send("POST", "/api/v1/learn/lessons/" + f1 + "/complete", cookie).status, 403);

  res = get(cookie, "/api/v1/learn/lessons/" + a2);
  ASSERT_EQ(res.status, 200) << res.body;
  auto lesson_body = res.json().as_object();
  EXPECT_EQ(lesson_body.at("body_html").as_string(), "<p>Read me</p>");
  EXPECT_EQ(lesson_body.at("previous_lesson_id").as_string(), a1);
  EXPECT_EQ(lesson_body.at("next_lesson_id").as_string(), f1);
  EXPECT_EQ(lesson_body.at("status").as_string(), "in_progress");
  EXPECT_EQ(count("SELECT count(*) FROM learning_events WHERE verb = 'launched' AND actor_id = '" +
                  learner + "' AND object_id = '" + a2 + "'"),
            "1");
  EXPECT_EQ(count("SELECT last_lesson_id FROM enrolments WHERE user_id = '" + learner + "'"), a2);
  EXPECT_EQ(count("SELECT status FROM lesson_progress WHERE lesson_id = '" + a2 + "'"),
            "in_progress");
  res = get(cookie, "/api/v1/learn/courses/" + id);
  EXPECT_EQ(res.json().at("resume").at("lesson_id").as_string(), a2);
  EXPECT_EQ(res.json().at("sections").at(0).at("lessons").at(1).at("status").as_string(),
            "in_progress");

  // Completing the optional lesson does not unlock; the required one does.
  ASSERT_EQ(send("POST", "/api/v1/learn/lessons/" + a2 + "/complete", cookie).status, 200);
  EXPECT_EQ(get(cookie, "/api/v1/learn/lessons/" + f1).status, 403);
  res = send("POST", "/api/v1/learn/lessons/" + a1 + "/complete", cookie);
  ASSERT_EQ(res.status, 200) << res.body;
  res = get(cookie, "/api/v1/learn/lessons/" + f1);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("file_name").as_string(), "slides.pdf");
  EXPECT_EQ(res.json().at("file_size").as_int64(), 2048);
  res = get(cookie, "/api/v1/learn/lessons/" + q1);
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(res.json().at("quiz_lesson_id").as_string(), q1);
  EXPECT_TRUE(res.json().at("next_lesson_id").is_null());
  res = get(cookie, "/api/v1/learn/courses/" + id);
  EXPECT_FALSE(res.json().at("sections").at(1).at("locked").as_bool());
}

TEST_F(Learning, CompletingTheLastRequiredLessonCompletesTheCourseAndIssuesACertificate) {
  const auto learner = user("finish.learner@example.com", "learner", "Ada Finisher");
  const auto cookie = session_cookie(learner);
  const auto id = course("finish");
  const auto s = section(id, 0);
  const auto article = lesson(id, s, 0, "article", "Read");
  const auto file = lesson(id, s, 1, "file", "Handout");
  const auto quiz = lesson(id, s, 2, "quiz", "Test", "required = false");
  const auto video = lesson(id, s, 3, "video", "Watch", "required = false, duration_seconds = 60");
  ASSERT_EQ(send("POST", "/api/v1/courses/" + id + "/enrolment", cookie).status, 201);

  auto res = send("POST", "/api/v1/learn/lessons/" + article + "/complete", cookie);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(res.json().at("lesson_completed_now").as_bool());
  EXPECT_FALSE(res.json().at("course_completed_now").as_bool());
  EXPECT_EQ(res.json().at("progress_percent").as_int64(), 50);
  res = send("POST", "/api/v1/learn/lessons/" + article + "/complete", cookie);
  ASSERT_EQ(res.status, 200);
  EXPECT_FALSE(res.json().at("lesson_completed_now").as_bool());  // a retry changes nothing
  EXPECT_EQ(res.json().at("progress_percent").as_int64(), 50);
  EXPECT_EQ(send("POST", "/api/v1/learn/lessons/" + quiz + "/complete", cookie).status, 422);
  EXPECT_EQ(send("POST", "/api/v1/learn/lessons/" + video + "/complete", cookie).status, 422);

  res = send("POST", "/api/v1/learn/lessons/" + file + "/complete", cookie);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(res.json().at("course_completed_now").as_bool());
  EXPECT_EQ(res.json().at("progress_percent").as_int64(), 100);
  ASSERT_TRUE(res.json().at("certificate_code").is_string());
  const std::string code(res.json().at("certificate_code").as_string());
  EXPECT_EQ(count("SELECT learner_name FROM certificates WHERE code = '" + code +
                  "' AND user_id = '" + learner + "' AND course_id = '" + id + "'"),
            "Ada Finisher");
  EXPECT_EQ(count("SELECT status FROM enrolments WHERE user_id = '" + learner + "'"), "completed");
  EXPECT_EQ(count("SELECT count(*) FROM learning_events WHERE verb = 'completed' AND actor_id = '" +
                  learner + "'"),
            "3");  // two lessons and the course

  res = get(cookie, "/api/v1/me/dashboard");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto dashboard = res.json().as_object();
  EXPECT_TRUE(dashboard.at("in_progress").as_array().empty());
  ASSERT_EQ(dashboard.at("completed").as_array().size(), 1u);
  EXPECT_EQ(dashboard.at("completed").at(0).at("certificate_code").as_string(), code);
  EXPECT_EQ(dashboard.at("counts").at("completed").as_int64(), 1);
  EXPECT_EQ(dashboard.at("counts").at("certificates").as_int64(), 1);
}

TEST_F(Learning, HeartbeatsCountDistinctWatchedTimeAndCompleteAtTheThreshold) {
  const auto learner = user("video.learner@example.com");
  const auto cookie = session_cookie(learner);
  const auto id = course("video-course");
  const auto s = section(id, 0);
  const auto video = lesson(id, s, 0, "video", "Film", "duration_seconds = 100");
  const auto article = lesson(id, s, 1, "article", "Notes", "required = false");
  const auto pending = lesson(id, s, 2, "video", "Not ready", "required = false");
  enrol(learner, id);
  const auto watched = [&] {
    return count("SELECT watched_ms FROM lesson_progress WHERE lesson_id = '" + video + "'");
  };

  auto res = beat(cookie, video, 0, 10000, 10000);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("watched_ms").as_int64(), 10000);
  EXPECT_EQ(res.json().at("watched_percent").as_int64(), 10);
  EXPECT_FALSE(res.json().at("completed").as_bool());
  res = beat(cookie, video, 10000, 20000, 10000);
  EXPECT_EQ(res.json().at("watched_ms").as_int64(), 20000);
  // Seek ahead: the skipped part does not count.
  res = beat(cookie, video, 50000, 55000, 10000);
  EXPECT_EQ(res.json().at("watched_ms").as_int64(), 25000);
  EXPECT_EQ(res.json().at("position_ms").as_int64(), 55000);
  // Duplicate, late (out of order) and replayed beats add nothing.
  EXPECT_EQ(beat(cookie, video, 10000, 20000, 10000).json().at("watched_ms").as_int64(), 25000);
  EXPECT_EQ(beat(cookie, video, 0, 10000, 10000).json().at("watched_ms").as_int64(), 25000);
  EXPECT_EQ(beat(cookie, video, 5000, 15000, 10000).json().at("watched_ms").as_int64(), 25000);
  EXPECT_EQ(watched(), "25000");
  EXPECT_EQ(count("SELECT watched::text FROM lesson_progress WHERE lesson_id = '" + video + "'"),
            "{[0,20000),[50000,55000)}");
  // A span longer than the time since the last beat allows is not counted, the position is kept.
  res = beat(cookie, video, 20000, 50000, 1000, 50000);
  ASSERT_EQ(res.status, 200);
  EXPECT_FALSE(res.json().at("span_counted").as_bool());
  EXPECT_EQ(res.json().at("watched_ms").as_int64(), 25000);
  EXPECT_EQ(count("SELECT position_ms FROM lesson_progress WHERE lesson_id = '" + video + "'"),
            "50000");

  // Bad input.
  EXPECT_EQ(beat(cookie, video, 30000, 20000, 10000).status, 422);
  EXPECT_EQ(beat(cookie, video, 0, 200000, 10000).status, 422);
  EXPECT_EQ(send("POST", "/api/v1/learn/lessons/" + video + "/heartbeat", cookie,
                 json({{"position_ms", 1},
                       {"playback_rate", 9},
                       {"played", {{"from_ms", 0}, {"to_ms", 1}}}}))
                .status,
            422);
  EXPECT_EQ(beat(cookie, article, 0, 1000, 1000).status, 422);
  EXPECT_EQ(beat(cookie, pending, 0, 1000, 1000).status, 409);
  EXPECT_EQ(beat(cookie, "00000000-0000-0000-0000-000000000000", 0, 1000, 1000).status, 404);
  EXPECT_EQ(beat(session_cookie(user("video.outsider@example.com")), video, 0, 1000, 1000).status,
            403);

  // 85 %: not yet; 90 %: complete, and the course with it (the only required lesson).
  for (std::int64_t from = 20000; from < 50000; from += 10000)
    ASSERT_EQ(beat(cookie, video, from, from + 10000, 10000).status, 200);
  res = beat(cookie, video, 55000, 85000, 30000);
  EXPECT_EQ(res.json().at("watched_ms").as_int64(), 85000);
  EXPECT_FALSE(res.json().at("completed").as_bool());
  res = beat(cookie, video, 85000, 90000, 5000);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("watched_ms").as_int64(), 90000);
  EXPECT_TRUE(res.json().at("completed").as_bool());
  EXPECT_TRUE(res.json().at("course_completed_now").as_bool());
  EXPECT_TRUE(res.json().at("certificate_code").is_string());
  EXPECT_EQ(count("SELECT status FROM lesson_progress WHERE lesson_id = '" + video + "'"),
            "completed");
  EXPECT_EQ(count("SELECT result->>'watched_percent' FROM learning_events WHERE verb = "
                  "'completed' AND object_id = '" +
                  video + "'"),
            "90");
  // Later beats still save the position and never complete twice.
  res = beat(cookie, video, 90000, 100000, 10000);
  EXPECT_TRUE(res.json().at("completed").as_bool());
  EXPECT_EQ(
      count("SELECT count(*) FROM learning_events WHERE verb = 'completed' AND object_id = '" +
            video + "'"),
      "1");
  // A video already watched past the threshold whose completing beat was lost completes when
  // the learner opens it again.
  const auto late = user("video.late@example.com");
  enrol(late, id);
  pg().scalar(
      "INSERT INTO lesson_progress (user_id, course_id, lesson_id, watched, watched_ms) "
      "VALUES ('" +
      late + "', '" + id + "', '" + video + "', '{[0,95000)}', 95000)");
  res = get(session_cookie(late), "/api/v1/learn/lessons/" + video);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("status").as_string(), "completed");
  EXPECT_EQ(count("SELECT status FROM enrolments WHERE user_id = '" + late + "'"), "completed");

  // Progress events: one per quarter crossed, not one per beat.
  EXPECT_EQ(count("SELECT string_agg(result->>'progress', ',' ORDER BY occurred_at, stored_at) "
                  "FROM learning_events WHERE verb = 'progressed' AND object_id = '" +
                  video + "'"),
            "25,50,75");
}

// After the first beat the server knows the video (its course and length) and writes later
// beats in one statement: that statement must still refuse what the full path refuses.
TEST_F(Learning, HeartbeatsOnAKnownVideoStillCheckEnrolmentLocksAndLength) {
  const auto id = course("known-video");
  const auto s1 = section(id, 0);
  const auto s2 = section(id, 1, true);
  const auto intro = lesson(id, s1, 0, "article", "Intro");
  const auto video = lesson(id, s2, 0, "video", "Film", "duration_seconds = 100");
  const auto ahead = user("known.ahead@example.com");
  const auto behind = user("known.behind@example.com");
  const auto ahead_cookie = session_cookie(ahead);
  const auto behind_cookie = session_cookie(behind);
  enrol(ahead, id);
  enrol(behind, id);
  ASSERT_EQ(send("POST", "/api/v1/learn/lessons/" + intro + "/complete", ahead_cookie).status, 200);
  const auto watched = [&](const std::string& who) {
    return count("SELECT coalesce(max(watched_ms), -1) FROM lesson_progress WHERE lesson_id = '" +
                 video + "' AND user_id = '" + who + "'");
  };
  ASSERT_EQ(beat(ahead_cookie, video, 0, 10000, 10000).status, 200);
  auto res = beat(ahead_cookie, video, 10000, 20000, 10000);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.json().at("watched_ms").as_int64(), 20000);

  // Enrolled, but the previous section is not done.
  res = beat(behind_cookie, video, 0, 10000, 10000);
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(code_of(res), "lesson_locked");
  EXPECT_EQ(watched(behind), "-1");
  // Not enrolled (any more).
  pg().scalar("UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE user_id = '" +
              ahead + "'");
  res = beat(ahead_cookie, video, 20000, 30000, 10000);
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(code_of(res), "not_enrolled");
  EXPECT_EQ(watched(ahead), "20000");
  pg().scalar("UPDATE enrolments SET status = 'active', withdrawn_at = NULL WHERE user_id = '" +
              ahead + "'");
  ASSERT_EQ(beat(ahead_cookie, video, 20000, 30000, 10000).status, 200);

  // The video is re-cut to 50 s behind the cache's back (no trigger tells the server): the
  // length in the one statement no longer matches, so the full path judges the beat.
  pg().scalar(
      "SET session_replication_role = replica; UPDATE lessons SET duration_seconds = 50 "
      "WHERE id = '" +
      video + "'; SET session_replication_role = origin; SELECT 1");
  res = beat(ahead_cookie, video, 50000, 60000, 10000);
  EXPECT_EQ(res.status, 422) << res.body;
  EXPECT_EQ(watched(ahead), "30000");
  // A beat that reaches the threshold is not written by the one statement: the full path
  // completes the lesson and the course with it, in one transaction.
  res = beat(ahead_cookie, video, 30000, 45000, 15000);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(res.json().at("completed").as_bool());
  EXPECT_TRUE(res.json().at("course_completed_now").as_bool());
}

// A beat overtaken by the next one (a retry, a slow request) still adds its watched span, but
// does not move the resume point back; a new playback (the learner came back) does.
TEST_F(Learning, LateHeartbeatsDoNotMoveTheResumePointBack) {
  const auto learner = user("late.beats@example.com");
  const auto cookie = session_cookie(learner);
  const auto id = course("late-beats");
  const auto video = lesson(id, section(id, 0), 0, "video", "Film", "duration_seconds = 100");
  enrol(learner, id);
  const auto numbered = [&](const std::string& playback, std::int64_t sequence, std::int64_t from,
                            std::int64_t to) {
    return send("POST", "/api/v1/learn/lessons/" + video + "/heartbeat", cookie,
                json({{"position_ms", to},
                      {"playback_rate", 1.0},
                      {"played", {{"from_ms", from}, {"to_ms", to}}},
                      {"since_last_ms", 10000},
                      {"playback_id", playback},
                      {"sequence", sequence}}));
  };
  const std::string first = "11111111-1111-4111-8111-111111111111";
  const std::string second = "22222222-2222-4222-8222-222222222222";
  ASSERT_EQ(numbered(first, 1, 0, 10000).status, 200);
  ASSERT_EQ(numbered(first, 3, 20000, 30000).json().at("position_ms").as_int64(), 30000);
  auto late = numbered(first, 2, 10000, 20000);
  ASSERT_EQ(late.status, 200) << late.body;
  EXPECT_EQ(late.json().at("position_ms").as_int64(), 30000);
  EXPECT_EQ(late.json().at("watched_ms").as_int64(), 30000);
  EXPECT_EQ(count("SELECT position_ms FROM lesson_progress WHERE lesson_id = '" + video + "'"),
            "30000");
  // The same beat again: nothing changes.
  EXPECT_EQ(numbered(first, 3, 20000, 30000).json().at("position_ms").as_int64(), 30000);
  // Another playback, back at the start: its position wins.
  EXPECT_EQ(numbered(second, 1, 0, 5000).json().at("position_ms").as_int64(), 5000);
  // Beats without numbers keep the plain rule: the last one to arrive sets the position.
  EXPECT_EQ(beat(cookie, video, 40000, 45000, 5000).json().at("position_ms").as_int64(), 45000);

  auto half = send("POST", "/api/v1/learn/lessons/" + video + "/heartbeat", cookie,
                   json({{"position_ms", 1},
                         {"playback_rate", 1.0},
                         {"played", {{"from_ms", 0}, {"to_ms", 1}}},
                         {"playback_id", first}}));
  EXPECT_EQ(half.status, 422);
  EXPECT_NE(half.body.find("sequence"), std::string::npos) << half.body;
  EXPECT_EQ(numbered("not-a-uuid", 5, 0, 1000).status, 422);
  EXPECT_EQ(numbered(first, -1, 0, 1000).status, 422);
}

// Changing which lessons are required recounts every enrolled learner in the same transaction:
// a new lesson lowers their progress (a completed course stays completed), and removing the
// last lesson someone had left completes the course for them, certificate included.
TEST_F(Learning, OutlineEditsRecountEveryEnrolledLearner) {
  const auto teacher = user("recount.owner@example.com", "instructor");
  const auto teacher_cookie = session_cookie(teacher);
  const auto id = course("recount");
  own(id, teacher);
  const auto s = section(id, 0);
  const auto a1 = lesson(id, s, 0, "article", "One");
  const auto a2 = lesson(id, s, 1, "article", "Two");
  const auto partway = user("recount.partway@example.com");
  const auto finished = user("recount.finished@example.com");
  enrol(partway, id);
  enrol(finished, id);
  const auto complete = [&](const std::string& who, const std::string& lesson_id) {
    return send("POST", "/api/v1/learn/lessons/" + lesson_id + "/complete", session_cookie(who))
        .status;
  };
  ASSERT_EQ(complete(partway, a1), 200);
  ASSERT_EQ(complete(finished, a1), 200);
  ASSERT_EQ(complete(finished, a2), 200);
  const auto enrolment = [&](const std::string& who) {
    return count(
        "SELECT status || ' ' || completed_lessons || '/' || required_lessons || ' ' || "
        "progress_percent FROM enrolments WHERE course_id = '" +
        id + "' AND user_id = '" + who + "'");
  };
  EXPECT_EQ(enrolment(partway), "active 1/2 50");
  EXPECT_EQ(enrolment(finished), "completed 2/2 100");

  auto added = send("POST", "/api/v1/courses/" + id + "/sections/" + s + "/lessons", teacher_cookie,
                    R"({"title":"Three","kind":"article","body":"More"})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string a3(added.json().at("id").as_string());
  EXPECT_EQ(enrolment(partway), "active 1/3 33");
  EXPECT_EQ(enrolment(finished), "completed 2/3 66");
  // Optional lessons do not count.
  ASSERT_EQ(send("PATCH", "/api/v1/courses/" + id + "/lessons/" + a3, teacher_cookie,
                 R"({"required":false})")
                .status,
            200);
  EXPECT_EQ(enrolment(partway), "active 1/2 50");

  ASSERT_EQ(send("DELETE", "/api/v1/courses/" + id + "/lessons/" + a2, teacher_cookie).status, 204);
  EXPECT_EQ(enrolment(partway), "completed 1/1 100");
  EXPECT_EQ(count("SELECT count(*) FROM certificates WHERE course_id = '" + id +
                  "' AND user_id = '" + partway + "'"),
            "1");
  EXPECT_EQ(count("SELECT count(*) FROM learning_events WHERE verb = 'completed' AND "
                  "object_type = 'course' AND object_id = '" +
                  id + "'"),
            "2");
}

TEST_F(Learning, DashboardShowsWhereToContinueAndWhatIsDue) {
  const auto learner = user("dash.learner@example.com");
  const auto cookie = session_cookie(learner);
  const auto first = course("dash-first");
  const auto s1 = section(first, 0);
  const auto v1 = lesson(first, s1, 0, "video", "Clip", "duration_seconds = 100");
  lesson(first, s1, 1, "article", "Words");
  const auto second = course("dash-second");
  const auto s2 = section(second, 0);
  const auto start = lesson(second, s2, 0, "article", "Start here");
  enrol(learner, first);
  enrol(learner, second);
  pg().scalar(
      "UPDATE enrolments SET due_at = now() - interval '1 day', last_activity_at = now() - "
      "interval '1 hour' WHERE course_id = '" +
      second + "'");
  ASSERT_EQ(get(cookie, "/api/v1/learn/lessons/" + v1).status, 200);
  ASSERT_EQ(beat(cookie, v1, 0, 12000, 12000).status, 200);

  auto res = get(cookie, "/api/v1/me/dashboard");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto body = res.json().as_object();
  const auto& current = body.at("in_progress").as_array();
  ASSERT_EQ(current.size(), 2u);
  EXPECT_EQ(current[0].at("course_id").as_string(), first);  // most recent activity first
  EXPECT_EQ(current[0].at("continue").at("lesson_id").as_string(), v1);
  EXPECT_EQ(current[0].at("continue").at("lesson_title").as_string(), "Clip");
  EXPECT_EQ(current[0].at("continue").at("position_ms").as_int64(), 12000);
  EXPECT_FALSE(current[0].at("overdue").as_bool());
  EXPECT_EQ(current[1].at("continue").at("lesson_id").as_string(), start);
  EXPECT_TRUE(current[1].at("overdue").as_bool());
  EXPECT_EQ(body.at("counts").at("in_progress").as_int64(), 2);
  EXPECT_EQ(body.at("counts").at("overdue").as_int64(), 1);
  EXPECT_EQ(http_get(port(), "/api/v1/me/dashboard").status, 401);
}

TEST_F(Learning, InstructorsSeeTheirLearnersWithQuizScoresAndExportThemAsCsv) {
  const auto teacher = user("list.owner@example.com", "instructor");
  const auto cookie = session_cookie(teacher);
  const auto id = course("listed");
  own(id, teacher);
  const auto s = section(id, 0);
  lesson(id, s, 0, "article", "Read");
  const auto quiz = lesson(id, s, 1, "quiz", "Final, \"hard\" quiz");
  std::vector<std::string> learners;
  for (int i = 0; i < 5; ++i) {
    learners.push_back(user("listed" + std::to_string(i) + "@example.com", "learner",
                            i == 0 ? "=HYPERLINK(\"x\")" : "Learner " + std::to_string(i)));
    enrol(learners.back(), id);
  }
  pg().scalar("INSERT INTO lesson_progress (user_id, course_id, lesson_id, best_score) VALUES ('" +
              learners[0] + "', '" + id + "', '" + quiz + "', 87.5)");
  pg().scalar("UPDATE enrolments SET status = 'withdrawn' WHERE user_id = '" + learners[4] + "'");

  std::vector<boost::json::object> seen;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    auto res = get(cookie, "/api/v1/courses/" + id + "/learners?limit=2" +
                               (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(res.status, 200) << res.body;
    const auto body = res.json().as_object();
    ASSERT_EQ(body.at("quizzes").as_array().size(), 1u);
    for (const auto& item : body.at("learners").as_array())
      seen.push_back(item.as_object());
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
  }
  ASSERT_EQ(seen.size(), 5u);
  for (std::size_t i = 1; i < seen.size(); ++i)
    EXPECT_LT(seen[i - 1].at("user_id").as_string(), seen[i].at("user_id").as_string());
  for (const auto& row : seen) {
    if (row.at("user_id").as_string() == learners[0]) {
      EXPECT_DOUBLE_EQ(row.at("quiz_scores").at(quiz).to_number<double>(), 87.5);
      EXPECT_EQ(row.at("required_lessons").as_int64(), 2);
    }
  }
  auto res = get(cookie, "/api/v1/courses/" + id + "/learners?status=withdrawn");
  ASSERT_EQ(res.status, 200);
  ASSERT_EQ(res.json().at("learners").as_array().size(), 1u);
  EXPECT_EQ(get(cookie, "/api/v1/courses/" + id + "/learners?status=bogus").status, 422);
  EXPECT_EQ(get(session_cookie(user("list.other@example.com", "instructor")),
                "/api/v1/courses/" + id + "/learners")
                .status,
            403);
  EXPECT_EQ(get(session_cookie(learners[1]), "/api/v1/courses/" + id + "/learners").status, 403);

  res = get(cookie, "/api/v1/courses/" + id + "/learners.csv");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(res.header("content-disposition"), "attachment; filename=\"learners-listed.csv\"");
  EXPECT_EQ(res.body.substr(0, res.body.find("\r\n")),
            "email,name,status,progress_percent,completed_lessons,required_lessons,due_at,"
            "enrolled_at,completed_at,last_activity_at,\"quiz: Final, \"\"hard\"\" quiz\"");
  EXPECT_NE(res.body.find("listed0@example.com,\"'=HYPERLINK(\"\"x\"\")\",active,0,0,2,"),
            std::string::npos)
      << res.body;
  EXPECT_NE(res.body.find(",87.5\r\n"), std::string::npos);
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = res.body.find("\r\n", at)) != std::string::npos; at += 2)
    ++lines;
  EXPECT_EQ(lines, 6u);  // header and five learners
}

// The completion threshold is the server's setting, not a constant.
class LearningThreshold : public Learning {
 protected:
  static void SetUpTestSuite() { start_server({{"SKILLNEXUS_VIDEO_COMPLETION_PERCENT", "50"}}); }
};

TEST_F(LearningThreshold, VideoCompletesAtTheConfiguredShare) {
  const auto learner = user("half.learner@example.com");
  const auto cookie = session_cookie(learner);
  const auto id = course("half");
  const auto s = section(id, 0);
  const auto video = lesson(id, s, 0, "video", "Film", "duration_seconds = 100");
  enrol(learner, id);
  auto res = beat(cookie, video, 0, 49000, 49000);
  EXPECT_FALSE(res.json().at("completed").as_bool());
  res = beat(cookie, video, 49000, 50000, 1000);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(res.json().at("completed").as_bool());
}

}  // namespace
}  // namespace sn::test
