// Quizzes against the real server and PostgreSQL: the question bank and its owners, quiz
// settings, attempts (draw, shuffle, limits, deadlines, idempotent submission), grading of every
// question kind through the API, the answer key never leaking before submission, and a pass
// completing the lesson, the course and issuing its certificate. Courses, sections, lessons and
// enrolments are made with SQL (their routes belong to other slices).

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <set>

#include "server_fixture.hpp"

namespace sn::test {
namespace {

namespace js = boost::json;

struct Course {
  std::string id;
  std::string section_id;
  std::string quiz_id;  // a quiz lesson in the first section
};

class Quizzes : public ServerFixture {
 protected:
  struct Person {
    std::string id;
    std::string cookie;
  };

  static Person person(const std::string& email, const std::string& role) {
    const auto id =
        pg().scalar("INSERT INTO users (email, name, role, email_verified_at) VALUES ('" + email +
                    "', 'Person " + email + "', '" + role + "', now()) RETURNING id");
    return {id, session_cookie(id)};
  }

  // A published course owned by `owner`, one section with one required quiz lesson.
  static Course course(const std::string& slug, const std::string& owner) {
    Course c;
    c.id = pg().scalar("INSERT INTO courses (slug, title, status, published_at) VALUES ('" + slug +
                       "', 'Course " + slug + "', 'published', now()) RETURNING id");
    pg().scalar("INSERT INTO course_owners (course_id, user_id) VALUES ('" + c.id + "', '" + owner +
                "')");
    c.section_id = section(c.id, 0, false);
    c.quiz_id = lesson(c.id, c.section_id, 0, "quiz");
    return c;
  }
  static std::string section(const std::string& course_id, int position, bool requires_previous) {
    return pg().scalar(
        "INSERT INTO course_sections (course_id, position, title, requires_previous) "
        "VALUES ('" +
        course_id + "', " + std::to_string(position) + ", 'Section " + std::to_string(position) +
        "', " + (requires_previous ? "true" : "false") + ") RETURNING id");
  }
  static std::string lesson(const std::string& course_id, const std::string& section_id,
                            int position, const std::string& kind, bool required = true) {
    return pg().scalar(
        "INSERT INTO lessons (course_id, section_id, position, title, kind, required) "
        "VALUES ('" +
        course_id + "', '" + section_id + "', " + std::to_string(position) + ", 'Lesson " +
        std::to_string(position) + "', '" + kind + "', " + (required ? "true" : "false") +
        ") RETURNING id");
  }
  static void enrol(const std::string& user_id, const std::string& course_id) {
    pg().scalar("INSERT INTO enrolments (user_id, course_id) VALUES ('" + user_id + "', '" +
                course_id + "')");
  }

  static HttpResponse call(const std::string& method, const std::string& target,
                           const std::string& cookie, const std::string& body = "") {
    auto headers = cookie_headers(cookie);
    if (!body.empty()) headers["Content-Type"] = "application/json";
    HttpConnection conn(port());
    return conn.request(method, target, headers, body);
  }
  static HttpResponse call(const std::string& method, const std::string& target,
                           const std::string& cookie, const js::object& body) {
    return call(method, target, cookie, json(body));
  }

  static std::string add_question(const Person& editor, const std::string& course_id,
                                  const std::string& body) {
    auto res = call("POST", "/api/v1/courses/" + course_id + "/questions", editor.cookie, body);
    EXPECT_EQ(res.status, 201) << res.body;
    return std::string(res.json().at("id").as_string());
  }
  static std::string single(const Person& editor, const std::string& course_id,
                            const std::string& prompt, const std::string& correct = "b",
                            int options = 3) {
    std::string list;
    for (int i = 0; i < options; ++i) {
      const std::string id(1, static_cast<char>('a' + i));
      list +=
          (i ? "," : "") + std::string("{\"id\":\"") + id + "\",\"text\":\"Option " + id + "\"}";
    }
    return add_question(editor, course_id,
                        R"({"kind":"single_choice","prompt":")" + prompt + R"(","options":[)" +
                            list + R"(],"answer":{"correct":[")" + correct +
                            R"("]},"explanation":"Because SECRET-EXPLANATION."})");
  }
  static HttpResponse settings(const Person& editor, const Course& c, const js::object& body) {
    return call("PUT", "/api/v1/courses/" + c.id + "/quizzes/" + c.quiz_id, editor.cookie, body);
  }
  static HttpResponse start(const Person& learner, const std::string& quiz_id) {
    return call("POST", "/api/v1/learn/quizzes/" + quiz_id + "/attempts", learner.cookie, "{}");
  }
  static HttpResponse submit(const Person& learner, const std::string& attempt_id,
                             const js::object& answers, const std::string& key) {
    return call("POST", "/api/v1/learn/attempts/" + attempt_id + "/submit", learner.cookie,
                js::object{{"answers", answers}, {"submit_key", key}});
  }
  static std::string code_of(const HttpResponse& res) {
    return std::string(res.json().at("code").as_string());
  }
};

TEST_F(Quizzes, BankIsForTheCourseOwnersAndValidatesDefinitionsByField) {
  const auto owner = person("bank.owner@example.com", "instructor");
  const auto other = person("bank.other@example.com", "instructor");
  const auto learner = person("bank.learner@example.com", "learner");
  const auto c = course("bank-course", owner.id);
  const auto base = "/api/v1/courses/" + c.id + "/questions";

  const auto q1 = single(owner, c.id, "First?");
  const auto q2 = add_question(
      owner, c.id,
      R"({"kind":"numeric","prompt":"Pi?","answer":{"value":3.14,"tolerance":0.01},"points":2})");
  auto got = call("GET", base + "/" + q2, owner.cookie);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json().at("points").as_int64(), 2);
  EXPECT_EQ(got.json().at("answer").at("value").as_double(), 3.14);

  // Field-named 422s.
  auto missing_kind = call("POST", base, owner.cookie, R"({"prompt":"x","answer":{}})");
  EXPECT_EQ(missing_kind.status, 422);
  EXPECT_NE(missing_kind.body.find("\\\"kind\\\""), std::string::npos) << missing_kind.body;
  auto bad_key = call(
      "POST", base, owner.cookie,
      R"({"kind":"single_choice","prompt":"x","options":[{"id":"a","text":"A"},{"id":"b","text":"B"}],"answer":{"correct":["c"]}})");
  EXPECT_EQ(bad_key.status, 422);
  EXPECT_NE(bad_key.body.find("answer.correct"), std::string::npos) << bad_key.body;
  auto dup = call(
      "POST", base, owner.cookie,
      R"({"kind":"multiple_choice","prompt":"x","options":[{"id":"a","text":"A"},{"id":"a","text":"B"}],"answer":{"correct":["a"]}})");
  EXPECT_EQ(dup.status, 422);
  EXPECT_NE(dup.body.find("options[].id"), std::string::npos) << dup.body;
  auto points = call("POST", base, owner.cookie,
                     R"({"kind":"true_false","prompt":"x","answer":{"correct":true},"points":0})");
  EXPECT_EQ(points.status, 422);
  EXPECT_NE(points.body.find("\\\"points\\\""), std::string::npos) << points.body;
  EXPECT_EQ(call("POST", base, owner.cookie, "{not json").status, 400);

  // Patch merges and re-validates; changing the kind needs a key for the new kind.
  auto patched = call("PATCH", base + "/" + q1, owner.cookie, R"({"prompt":"  Renamed?  "})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("prompt").as_string(), "Renamed?");
  EXPECT_EQ(patched.json().at("answer").at("correct").as_array().size(), 1u);
  auto to_tf = call("PATCH", base + "/" + q1, owner.cookie, R"({"kind":"true_false"})");
  EXPECT_EQ(to_tf.status, 422) << to_tf.body;
  auto to_tf_ok = call("PATCH", base + "/" + q1, owner.cookie,
                       R"({"kind":"true_false","answer":{"correct":false}})");
  ASSERT_EQ(to_tf_ok.status, 200) << to_tf_ok.body;
  EXPECT_TRUE(to_tf_ok.json().at("options").as_array().empty());

  // Another instructor, a learner, nobody.
  EXPECT_EQ(call("GET", base, other.cookie).status, 403);
  EXPECT_EQ(call("POST", base, other.cookie,
                 R"({"kind":"true_false","prompt":"x","answer":{"correct":true}})")
                .status,
            403);
  EXPECT_EQ(call("PATCH", base + "/" + q1, other.cookie, R"({"prompt":"x"})").status, 403);
  EXPECT_EQ(call("DELETE", base + "/" + q1, other.cookie).status, 403);
  EXPECT_EQ(call("GET", base, learner.cookie).status, 403);
  EXPECT_EQ(http_get(port(), base).status, 401);
  EXPECT_EQ(
      call("GET", "/api/v1/courses/00000000-0000-0000-0000-000000000000/questions", owner.cookie)
          .status,
      404);
  EXPECT_EQ(call("GET", base + "/00000000-0000-0000-0000-000000000000", owner.cookie).status, 404);

  // Keyset pages: 5 more, pages of 3 walk all 7 once, in creation order.
  for (int i = 0; i < 5; ++i)
    single(owner, c.id, "Page " + std::to_string(i));
  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    auto res =
        call("GET", base + "?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor), owner.cookie);
    ASSERT_EQ(res.status, 200) << res.body;
    const auto body = res.json();
    for (const auto& q : body.at("questions").as_array())
      seen.emplace_back(q.at("id").as_string());
    if (res.json().at("next_cursor").is_null()) break;
    cursor = std::string(res.json().at("next_cursor").as_string());
  }
  ASSERT_EQ(seen.size(), 7u);
  EXPECT_EQ(seen[0], q1);
  EXPECT_EQ(seen[1], q2);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 7u);

  // Delete: unused → gone; used by an attempt → archived and out of the fixed list.
  EXPECT_EQ(call("DELETE", base + "/" + q2, owner.cookie).json().at("outcome").as_string(),
            "deleted");
  EXPECT_EQ(call("GET", base + "/" + q2, owner.cookie).status, 404);
  ASSERT_EQ(settings(owner, c, {{"question_ids", js::array{js::string(q1)}}}).status, 200);
  enrol(learner.id, c.id);
  ASSERT_EQ(start(learner, c.quiz_id).status, 201);
  auto archived = call("DELETE", base + "/" + q1, owner.cookie);
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(archived.json().at("outcome").as_string(), "archived");
  EXPECT_EQ(pg().scalar("SELECT archived FROM quiz_questions WHERE id = '" + q1 + "'"), "t");
  EXPECT_EQ(pg().scalar("SELECT cardinality(question_ids) FROM quizzes WHERE lesson_id = '" +
                        c.quiz_id + "'"),
            "0");
  auto listed = call("GET", base + "?limit=50", owner.cookie).json();
  EXPECT_EQ(listed.at("questions").as_array().size(), 5u);
  auto with_archived = call("GET", base + "?limit=50&archived=true", owner.cookie).json();
  EXPECT_EQ(with_archived.at("questions").as_array().size(), 6u);
}

TEST_F(Quizzes, SettingsCheckTheLessonTheBankAndTheRanges) {
  const auto owner = person("settings.owner@example.com", "instructor");
  const auto c = course("settings-course", owner.id);
  const auto other = course("settings-other", owner.id);
  const auto mine = single(owner, c.id, "Mine?");
  const auto theirs = single(owner, other.id, "Theirs?");
  const auto base = "/api/v1/courses/" + c.id + "/quizzes/" + c.quiz_id;

  // No quizzes row yet: GET shows defaults, PUT creates it.
  auto defaults = call("GET", base, owner.cookie);
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_EQ(defaults.json().at("passing_percent").as_int64(), 70);
  EXPECT_EQ(defaults.json().at("bank_size").as_int64(), 1);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM quizzes WHERE lesson_id = '" + c.quiz_id + "'"), "0");
  auto saved = settings(owner, c,
                        {{"question_ids", js::array{js::string(mine)}},
                         {"time_limit_seconds", 600},
                         {"attempts_allowed", 3},
                         {"passing_percent", 80},
                         {"show_answers", "after_pass"},
                         {"shuffle_options", false}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json().at("attempts_allowed").as_int64(), 3);
  EXPECT_EQ(
      pg().scalar("SELECT passing_percent FROM quizzes WHERE lesson_id = '" + c.quiz_id + "'"),
      "80");

  auto foreign = settings(owner, c, {{"question_ids", js::array{js::string(theirs)}}});
  EXPECT_EQ(foreign.status, 422);
  EXPECT_NE(foreign.body.find("question_ids"), std::string::npos);
  auto too_many = settings(owner, c, {{"draw_count", 2}});
  EXPECT_EQ(too_many.status, 422);
  EXPECT_NE(too_many.body.find("draw_count"), std::string::npos);
  EXPECT_EQ(settings(owner, c, {{"time_limit_seconds", 5}}).status, 422);
  EXPECT_EQ(settings(owner, c, {{"passing_percent", 101}}).status, 422);
  EXPECT_EQ(settings(owner, c, {{"show_answers", "sometimes"}}).status, 422);
  EXPECT_EQ(settings(owner, c, {{"attempts_allowed", "3"}}).status, 422);

  // Not a quiz lesson, or a lesson of another course: 404.
  const auto article = lesson(c.id, c.section_id, 1, "article");
  EXPECT_EQ(call("GET", "/api/v1/courses/" + c.id + "/quizzes/" + article, owner.cookie).status,
            404);
  EXPECT_EQ(
      call("GET", "/api/v1/courses/" + c.id + "/quizzes/" + other.quiz_id, owner.cookie).status,
      404);
}

TEST_F(Quizzes, EveryKindIsGradedAndAPassCompletesTheLessonCourseAndCertificate) {
  const auto owner = person("kinds.owner@example.com", "instructor");
  const auto learner = person("kinds.learner@example.com", "learner");
  const auto c = course("kinds-course", owner.id);
  const auto single_id = single(owner, c.id, "Single?", "c");
  const auto multi_id = add_question(owner, c.id, R"({"kind":"multiple_choice","prompt":"Multi?",
      "options":[{"id":"a","text":"A"},{"id":"b","text":"B"},{"id":"c","text":"C"},{"id":"d","text":"D"}],
      "answer":{"correct":["a","b","c"]},"points":3,"partial_credit":true})");
  const auto tf_id = add_question(
      owner, c.id, R"({"kind":"true_false","prompt":"True?","answer":{"correct":false}})");
  const auto text_id = add_question(owner, c.id, R"({"kind":"short_text","prompt":"Capital?",
      "answer":{"accepted":["Paris"],"case_sensitive":false}})");
  const auto num_id = add_question(owner, c.id, R"({"kind":"numeric","prompt":"Pi?",
      "answer":{"value":3.14,"tolerance":0.01},"points":2})");
  ASSERT_EQ(settings(owner, c, {{"attempts_allowed", 2}, {"passing_percent", 75}}).status, 200);
  // A second, optional lesson, so only the quiz is required for the course.
  lesson(c.id, c.section_id, 1, "article", false);
  enrol(learner.id, c.id);

  // Attempt 1: single right (1), multi 2 of 3 with no wrong pick (2 of 3 points), true/false
  // wrong, text right despite case and blanks (1), number unparsable (0): 4 / 8 = 50%.
  auto first = start(learner, c.quiz_id);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json().at("questions").as_array().size(), 5u);
  const auto first_id = std::string(first.json().at("id").as_string());
  auto failed = submit(learner, first_id,
                       {{single_id, "c"},
                        {multi_id, js::array{"a", "b"}},
                        {tf_id, true},
                        {text_id, "  pARIS "},
                        {num_id, "3,14"}},
                       "key-1");
  ASSERT_EQ(failed.status, 200) << failed.body;
  auto result = failed.json().as_object();
  EXPECT_EQ(result.at("status").as_string(), "submitted");
  EXPECT_EQ(result.at("score").as_double(), 4.0);
  EXPECT_EQ(result.at("max_score").as_double(), 8.0);
  EXPECT_EQ(result.at("percent").as_double(), 50.0);
  EXPECT_FALSE(result.at("passed").as_bool());
  EXPECT_FALSE(result.at("completion").at("lesson_completed").as_bool());
  for (const auto& q : result.at("questions").as_array()) {
    if (q.at("id").as_string() == multi_id) {
      EXPECT_EQ(q.at("earned").as_double(), 2.0);
    }
    if (q.at("id").as_string() == tf_id) {
      EXPECT_FALSE(q.at("correct").as_bool());
    }
    // after_submit (the default): the key and explanation are shown now.
    EXPECT_TRUE(q.as_object().contains("answer"));
  }
  EXPECT_EQ(pg().scalar("SELECT best_score FROM lesson_progress WHERE lesson_id = '" + c.quiz_id +
                        "' AND user_id = '" + learner.id + "'"),
            "50.00");
  EXPECT_EQ(pg().scalar("SELECT status FROM lesson_progress WHERE lesson_id = '" + c.quiz_id +
                        "' AND user_id = '" + learner.id + "'"),
            "in_progress");
  EXPECT_EQ(pg().scalar("SELECT string_agg(verb, ',' ORDER BY verb) FROM learning_events WHERE "
                        "actor_id = '" +
                        learner.id + "' AND object_type = 'quiz'"),
            "attempted,failed");

  // Attempt 2: all right (numeric as a JSON number) → 100%, passed, lesson and course complete.
  auto second = start(learner, c.quiz_id);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json().at("number").as_int64(), 2);
  auto passed = submit(learner, std::string(second.json().at("id").as_string()),
                       {{single_id, "c"},
                        {multi_id, js::array{"c", "b", "a"}},
                        {tf_id, false},
                        {text_id, "paris"},
                        {num_id, 3.145}},
                       "key-2");
  ASSERT_EQ(passed.status, 200) << passed.body;
  result = passed.json().as_object();
  EXPECT_EQ(result.at("percent").as_double(), 100.0);
  EXPECT_TRUE(result.at("passed").as_bool());
  const auto& completion = result.at("completion").as_object();
  EXPECT_TRUE(completion.at("lesson_completed").as_bool());
  EXPECT_TRUE(completion.at("course_completed").as_bool());
  ASSERT_TRUE(completion.at("certificate_code").is_string());
  const std::string code(completion.at("certificate_code").as_string());
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM certificates WHERE code = '" + code +
                        "' AND user_id = '" + learner.id + "' AND course_id = '" + c.id + "'"),
            "1");
  EXPECT_EQ(pg().scalar("SELECT status FROM lesson_progress WHERE lesson_id = '" + c.quiz_id +
                        "' AND user_id = '" + learner.id + "'"),
            "completed");
  EXPECT_EQ(pg().scalar("SELECT best_score FROM lesson_progress WHERE lesson_id = '" + c.quiz_id +
                        "' AND user_id = '" + learner.id + "'"),
            "100.00");
  EXPECT_EQ(pg().scalar("SELECT status FROM enrolments WHERE course_id = '" + c.id + "'"),
            "completed");

  // The list: 2 attempts used of 2, best 100, passed; a third start is refused.
  auto mine = call("GET", "/api/v1/learn/quizzes/" + c.quiz_id + "/attempts", learner.cookie);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json().at("attempts").as_array().size(), 2u);
  EXPECT_EQ(mine.json().at("attempts_left").as_int64(), 0);
  EXPECT_EQ(mine.json().at("best_percent").as_double(), 100.0);
  EXPECT_TRUE(mine.json().at("passed").as_bool());
  EXPECT_EQ(mine.json().at("quiz").at("question_count").as_int64(), 5);
  auto third = start(learner, c.quiz_id);
  EXPECT_EQ(third.status, 409) << third.body;
  EXPECT_EQ(code_of(third), "attempts_exhausted");
}

TEST_F(Quizzes, NoAnswerKeyReachesTheLearnerBeforeSubmission) {
  const auto owner = person("keys.owner@example.com", "instructor");
  const auto learner = person("keys.learner@example.com", "learner");
  const auto c = course("keys-course", owner.id);
  single(owner, c.id, "Single?");
  add_question(owner, c.id, R"({"kind":"short_text","prompt":"Word?",
      "answer":{"accepted":["SECRET-ACCEPTED"]},"explanation":"SECRET-EXPLANATION"})");
  add_question(owner, c.id, R"({"kind":"numeric","prompt":"Number?",
      "answer":{"value":98765.4321},"explanation":"SECRET-EXPLANATION"})");
  ASSERT_EQ(settings(owner, c, {{"show_answers", "never"}}).status, 200);
  enrol(learner.id, c.id);

  auto no_key = [](const HttpResponse& res) {
    for (const char* leak : {"\"answer\"", "\"correct\"", "\"accepted\"", "\"explanation\"",
                             "SECRET-", "98765", "case_sensitive", "tolerance"}) {
      EXPECT_EQ(res.body.find(leak), std::string::npos) << leak << " in " << res.body;
    }
  };
  auto started = start(learner, c.quiz_id);
  ASSERT_EQ(started.status, 201);
  no_key(started);
  const auto attempt = std::string(started.json().at("id").as_string());
  const auto first_q = std::string(started.json().at("questions").at(0).at("id").as_string());
  auto again = start(learner, c.quiz_id);
  EXPECT_EQ(again.status, 200);
  no_key(again);
  auto saved = call("PUT", "/api/v1/learn/attempts/" + attempt + "/answers", learner.cookie,
                    js::object{{"answers", {{first_q, "b"}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  no_key(saved);
  auto got = call("GET", "/api/v1/learn/attempts/" + attempt, learner.cookie);
  ASSERT_EQ(got.status, 200);
  no_key(got);
  EXPECT_EQ(got.json().at("questions").at(0).at("response").as_string(), "b");
  no_key(call("GET", "/api/v1/learn/quizzes/" + c.quiz_id + "/attempts", learner.cookie));
  // show_answers = never: even the result keeps the key (and per-question marks) to itself.
  auto graded = submit(learner, attempt, {}, "k");
  ASSERT_EQ(graded.status, 200);
  no_key(graded);
  EXPECT_FALSE(graded.json().at("answers_shown").as_bool());
}

TEST_F(Quizzes, DrawsAreRandomButFixedWithinAnAttemptAndOptionsShuffle) {
  const auto owner = person("draw.owner@example.com", "instructor");
  const auto learner = person("draw.learner@example.com", "learner");
  const auto c = course("draw-course", owner.id);
  for (int i = 0; i < 10; ++i)
    single(owner, c.id, "Q" + std::to_string(i), "a", 6);
  ASSERT_EQ(settings(owner, c, {{"draw_count", 3}, {"shuffle_options", true}}).status, 200);
  enrol(learner.id, c.id);

  std::set<std::string> draws;
  bool shuffled = false;
  for (int round = 0; round < 6; ++round) {
    auto started = start(learner, c.quiz_id);
    ASSERT_EQ(started.status, 201) << started.body;
    const auto body = started.json();
    const auto id = std::string(body.at("id").as_string());
    const auto& questions = body.at("questions").as_array();
    ASSERT_EQ(questions.size(), 3u);
    std::string draw, order;
    for (const auto& q : questions) {
      draw += std::string(q.at("id").as_string()) + ";";
      for (const auto& o : q.at("options").as_array())
        order += std::string(o.at("id").as_string());
      EXPECT_EQ(q.at("options").as_array().size(), 6u);
    }
    if (order != "abcdefabcdefabcdef") shuffled = true;
    draws.insert(draw);
    // Fixed for the attempt: a repeated start and a read show the same questions, same order.
    for (auto again :
         {start(learner, c.quiz_id), call("GET", "/api/v1/learn/attempts/" + id, learner.cookie)}) {
      ASSERT_EQ(again.status, 200);
      EXPECT_EQ(again.json().at("id").as_string(), id);
      EXPECT_EQ(js::serialize(again.json().at("questions")), js::serialize(questions));
    }
    ASSERT_EQ(submit(learner, id, {}, "k" + std::to_string(round)).status, 200);
  }
  EXPECT_GT(draws.size(), 1u);
  EXPECT_TRUE(shuffled);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM quiz_attempts WHERE user_id = '" + learner.id + "'"),
            "6");
}

TEST_F(Quizzes, SubmitIsIdempotentByKey) {
  const auto owner = person("idem.owner@example.com", "instructor");
  const auto learner = person("idem.learner@example.com", "learner");
  const auto c = course("idem-course", owner.id);
  const auto q = single(owner, c.id, "Single?");
  ASSERT_EQ(settings(owner, c, {}).status, 200);
  enrol(learner.id, c.id);
  auto started = start(learner, c.quiz_id);
  const auto attempt = std::string(started.json().at("id").as_string());

  auto once = submit(learner, attempt, {{q, "b"}}, "same-key");
  ASSERT_EQ(once.status, 200) << once.body;
  // The retry even sends other answers: they are not graded again.
  auto twice = submit(learner, attempt, {{q, "a"}}, "same-key");
  ASSERT_EQ(twice.status, 200) << twice.body;
  EXPECT_EQ(js::serialize(twice.json()), js::serialize(once.json()));
  EXPECT_TRUE(twice.json().at("passed").as_bool());
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM learning_events WHERE verb = 'attempted' AND "
                        "actor_id = '" +
                        learner.id + "'"),
            "1");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM quiz_attempts WHERE user_id = '" + learner.id + "'"),
            "1");
  auto other_key = submit(learner, attempt, {{q, "b"}}, "another-key");
  EXPECT_EQ(other_key.status, 409);
  EXPECT_EQ(code_of(other_key), "attempt_closed");
  auto save = call("PUT", "/api/v1/learn/attempts/" + attempt + "/answers", learner.cookie,
                   js::object{{"answers", {{q, "a"}}}});
  EXPECT_EQ(save.status, 409);
  auto no_key = call("POST", "/api/v1/learn/attempts/" + attempt + "/submit", learner.cookie, "{}");
  EXPECT_EQ(no_key.status, 422);
  EXPECT_NE(no_key.body.find("submit_key"), std::string::npos);
}

TEST_F(Quizzes, TheDeadlineIsTheServersAndLateWorkIsGradedAsSaved) {
  const auto owner = person("late.owner@example.com", "instructor");
  const auto learner = person("late.learner@example.com", "learner");
  const auto c = course("late-course", owner.id);
  const auto q1 = single(owner, c.id, "One?");
  const auto q2 = single(owner, c.id, "Two?");
  ASSERT_EQ(settings(owner, c, {{"time_limit_seconds", 600}, {"shuffle_options", false}}).status,
            200);
  enrol(learner.id, c.id);
  auto expire = [](const std::string& attempt) {
    pg().scalar("UPDATE quiz_attempts SET deadline = now() - interval '1 second' WHERE id = '" +
                attempt + "'");
  };
  auto save = [&](const std::string& attempt, const js::object& answers) {
    return call("PUT", "/api/v1/learn/attempts/" + attempt + "/answers", learner.cookie,
                js::object{{"answers", answers}});
  };

  // 1. Saving after the deadline: refused, and the attempt is graded with what was saved.
  auto first = start(learner, c.quiz_id);
  ASSERT_EQ(first.status, 201);
  EXPECT_FALSE(first.json().at("deadline").is_null());
  EXPECT_GT(first.json().at("seconds_left").as_int64(), 590);
  const auto a1 = std::string(first.json().at("id").as_string());
  ASSERT_EQ(save(a1, {{q1, "b"}}).status, 200);
  auto bad_shape = save(a1, {{q1, js::array{"b"}}});
  EXPECT_EQ(bad_shape.status, 422);
  EXPECT_EQ(save(a1, {{"00000000-0000-0000-0000-000000000000", "b"}}).status, 422);
  expire(a1);
  auto refused = save(a1, {{q2, "b"}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(code_of(refused), "attempt_closed");
  auto graded = call("GET", "/api/v1/learn/attempts/" + a1, learner.cookie).json();
  EXPECT_EQ(graded.at("status").as_string(), "submitted");
  EXPECT_TRUE(graded.at("late").as_bool());
  EXPECT_EQ(graded.at("score").as_double(), 1.0);  // q1 only
  // A submit after that returns the result it was graded with, under the client's key.
  auto late_submit = submit(learner, a1, {{q2, "b"}}, "late-key");
  ASSERT_EQ(late_submit.status, 200);
  EXPECT_EQ(late_submit.json().at("score").as_double(), 1.0);

  // 2. Submitting after the deadline: the new answers are ignored, saved ones graded, late.
  auto second = start(learner, c.quiz_id);
  ASSERT_EQ(second.status, 201);
  const auto a2 = std::string(second.json().at("id").as_string());
  ASSERT_EQ(save(a2, {{q2, "b"}}).status, 200);
  expire(a2);
  auto late = submit(learner, a2, {{q1, "b"}, {q2, "b"}}, "k2");
  ASSERT_EQ(late.status, 200) << late.body;
  EXPECT_TRUE(late.json().at("late").as_bool());
  EXPECT_EQ(late.json().at("score").as_double(), 1.0);
  EXPECT_EQ(late.json().at("percent").as_double(), 50.0);

  // 3. Starting again after an open attempt expired: it is graded first, then a new one starts.
  auto third = start(learner, c.quiz_id);
  const auto a3 = std::string(third.json().at("id").as_string());
  ASSERT_EQ(save(a3, {{q1, "b"}, {q2, "b"}}).status, 200);
  expire(a3);
  auto fourth = start(learner, c.quiz_id);
  ASSERT_EQ(fourth.status, 201) << fourth.body;
  EXPECT_NE(fourth.json().at("id").as_string(), a3);
  EXPECT_EQ(fourth.json().at("number").as_int64(), 4);
  auto third_result = call("GET", "/api/v1/learn/attempts/" + a3, learner.cookie).json();
  EXPECT_EQ(third_result.at("status").as_string(), "submitted");
  EXPECT_TRUE(third_result.at("passed").as_bool());
  EXPECT_EQ(pg().scalar("SELECT status FROM lesson_progress WHERE lesson_id = '" + c.quiz_id + "'"),
            "completed");
}

// A server whose housekeeping runs every second.
class QuizHousekeeping : public Quizzes {
 protected:
  static void SetUpTestSuite() { start_server({{"SKILLNEXUS_HOUSEKEEPING_SECONDS", "1"}}); }
};

// A learner who closes the page mid-quiz still gets the grade of what they saved, and the
// lesson when that passes, without coming back; one just past the deadline (a submit may be on
// its way) is left for a minute.
TEST_F(QuizHousekeeping, AnAttemptLeftOpenPastItsDeadlineIsGradedWithoutTheLearner) {
  const auto owner = person("gone.owner@example.com", "instructor");
  const auto gone = person("gone.learner@example.com", "learner");
  const auto slow = person("slow.learner@example.com", "learner");
  const auto c = course("gone-course", owner.id);
  const auto q1 = single(owner, c.id, "Only?");
  ASSERT_EQ(settings(owner, c, {{"time_limit_seconds", 600}, {"passing_percent", 100}}).status,
            200);
  std::map<std::string, std::string> attempts;
  for (const auto* who : {&gone, &slow}) {
    enrol(who->id, c.id);
    auto started = start(*who, c.quiz_id);
    ASSERT_EQ(started.status, 201) << started.body;
    const std::string id(started.json().at("id").as_string());
    ASSERT_EQ(call("PUT", "/api/v1/learn/attempts/" + id + "/answers", who->cookie,
                   js::object{{"answers", js::object{{q1, "b"}}}})
                  .status,
              200);
    attempts[who->id] = id;
  }
  pg().scalar("UPDATE quiz_attempts SET deadline = now() - interval '2 minutes' WHERE id = '" +
              attempts[gone.id] + "'");
  pg().scalar("UPDATE quiz_attempts SET deadline = now() - interval '10 seconds' WHERE id = '" +
              attempts[slow.id] + "'");
  const auto submitted = [&](const std::string& who) {
    return pg().scalar("SELECT submitted_at IS NOT NULL FROM quiz_attempts WHERE id = '" +
                       attempts[who] + "'") == "t";
  };
  ASSERT_TRUE(eventually([&] { return submitted(gone.id); }, 10s));
  auto result = call("GET", "/api/v1/learn/attempts/" + attempts[gone.id], gone.cookie).json();
  EXPECT_TRUE(result.at("late").as_bool());
  EXPECT_TRUE(result.at("passed").as_bool());
  EXPECT_EQ(pg().scalar("SELECT status FROM lesson_progress WHERE lesson_id = '" + c.quiz_id +
                        "' AND user_id = '" + gone.id + "'"),
            "completed");
  EXPECT_EQ(pg().scalar("SELECT status FROM enrolments WHERE course_id = '" + c.id +
                        "' AND user_id = '" + gone.id + "'"),
            "completed");
  std::this_thread::sleep_for(2500ms);  // two more rounds
  EXPECT_FALSE(submitted(slow.id));
}

TEST_F(Quizzes, OnlyEnrolledLearnersOfUnlockedSectionsTakeQuizzesAndAttemptsArePrivate) {
  const auto owner = person("access.owner@example.com", "instructor");
  const auto learner = person("access.learner@example.com", "learner");
  const auto stranger = person("access.stranger@example.com", "learner");
  const auto c = course("access-course", owner.id);
  single(owner, c.id, "Single?");
  ASSERT_EQ(settings(owner, c, {}).status, 200);
  // A second section that requires the first, with a quiz of its own.
  const auto later_section = section(c.id, 1, true);
  const auto later_quiz = lesson(c.id, later_section, 0, "quiz");
  ASSERT_EQ(
      call("PUT", "/api/v1/courses/" + c.id + "/quizzes/" + later_quiz, owner.cookie, "{}").status,
      200);
  enrol(learner.id, c.id);

  EXPECT_EQ(start(learner, "00000000-0000-0000-0000-000000000000").status, 404);
  EXPECT_EQ(start(learner, "not-a-uuid").status, 404);
  auto not_enrolled = start(stranger, c.quiz_id);
  EXPECT_EQ(not_enrolled.status, 403);
  EXPECT_EQ(code_of(not_enrolled), "not_enrolled");
  auto locked = start(learner, later_quiz);
  EXPECT_EQ(locked.status, 403);
  EXPECT_EQ(code_of(locked), "lesson_locked");
  // The owner may try any quiz of the course.
  EXPECT_EQ(start(owner, later_quiz).status, 201);

  auto started = start(learner, c.quiz_id);
  ASSERT_EQ(started.status, 201);
  const auto attempt = std::string(started.json().at("id").as_string());
  EXPECT_EQ(call("GET", "/api/v1/learn/attempts/" + attempt, stranger.cookie).status, 404);
  EXPECT_EQ(call("PUT", "/api/v1/learn/attempts/" + attempt + "/answers", stranger.cookie,
                 R"({"answers":{}})")
                .status,
            404);
  EXPECT_EQ(submit(stranger, attempt, {}, "k").status, 404);
  EXPECT_EQ(http_get(port(), "/api/v1/learn/attempts/" + attempt).status, 401);

  // Passing the first section's quiz unlocks the second section.
  const auto q = std::string(started.json().at("questions").at(0).at("id").as_string());
  auto passed = submit(learner, attempt, {{q, "b"}}, "k");
  ASSERT_EQ(passed.status, 200);
  ASSERT_TRUE(passed.json().at("passed").as_bool());
  EXPECT_EQ(start(learner, later_quiz).status, 201);

  // Withdrawn learners are no longer enrolled.
  pg().scalar("UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE user_id = '" +
              learner.id + "'");
  EXPECT_EQ(code_of(start(learner, c.quiz_id)), "not_enrolled");
}

}  // namespace
}  // namespace sn::test
