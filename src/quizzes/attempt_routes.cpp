// Learners taking a quiz: start (or resume) an attempt, save answers, submit, and review. The
// draw and option order are fixed at start in quiz_attempts.questions; deadlines are the
// server's; answer keys never leave the server before the attempt is graded, and afterwards only
// as the quiz's show_answers allows. Grading, the best score, the learning events and, on a pass,
// the lesson's completion happen in one transaction.

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>

#include "core/error.hpp"
#include "courses/course_access.hpp"
#include "http/inputs.hpp"
#include "learning/completion.hpp"
#include "learning/events.hpp"
#include "learning/section_lock.hpp"
#include "quizzes/grading.hpp"
#include "quizzes/quiz_common.hpp"
#include "quizzes/quiz_routes.hpp"

namespace sn::quizzes {
namespace asio = boost::asio;
namespace json = boost::json;
using http::Access;
using http::RequestContext;
using http::Response;

namespace {

// The quiz as its learner sees it, with who the caller is to the course. pool_size: the
// questions it can draw from now (its fixed list, or the whole bank), archived ones left out.
constexpr db::Query kQuizForLearner{
    "quizzes.quiz_for_learner",
    "SELECT l.course_id, l.section_id, l.title, c.status AS course_status, "
    "coalesce(array_to_json(q.question_ids), '[]')::text AS question_ids, q.draw_count, "
    "q.shuffle_options, q.time_limit_seconds, q.attempts_allowed, q.passing_percent, "
    "q.show_answers, "
    "(SELECT count(*) FROM quiz_questions b WHERE b.course_id = l.course_id AND NOT b.archived "
    "  AND (cardinality(q.question_ids) = 0 OR b.id = ANY (q.question_ids))) AS pool_size, "
    "EXISTS (SELECT 1 FROM course_owners o WHERE o.course_id = l.course_id "
    "  AND o.user_id = $2::uuid) AS owner, "
    "(SELECT e.status FROM enrolments e WHERE e.user_id = $2::uuid AND e.course_id = l.course_id) "
    "  AS enrolment, " SN_SECTION_LOCKED_SQL("l", "s", "$2::uuid") " AS locked "
    "FROM lessons l JOIN quizzes q ON q.lesson_id = l.id JOIN courses c ON c.id = l.course_id "
    "JOIN course_sections s ON s.id = l.section_id "
    "WHERE l.id = $1::uuid AND l.kind = 'quiz'"};

// Serialises starts of one learner's attempts at one quiz (two tabs pressing "start" at once):
// the second waits, then finds the first one's open attempt.
constexpr db::Query kSerializeStart{
    "quizzes.serialize_start",
    "SELECT pg_advisory_xact_lock(hashtextextended('quiz-start:' || $1 || ':' || $2, 0))"};

#define SN_ATTEMPT_SELECT                                                                          \
  "SELECT a.id, a.lesson_id, a.course_id, a.user_id, a.number, a.questions::text AS questions, "   \
  "a.answers::text AS answers, to_json(a.started_at) #>> '{}' AS started_at, "                     \
  "to_json(a.deadline) #>> '{}' AS deadline, "                                                     \
  "(a.deadline IS NOT NULL AND a.deadline <= now()) AS expired, "                                  \
  "CASE WHEN a.deadline IS NULL THEN NULL "                                                        \
  "  ELSE greatest(0, ceil(extract(epoch FROM a.deadline - now())))::bigint END AS seconds_left, " \
  "to_json(a.submitted_at) #>> '{}' AS submitted_at, a.submit_key, a.score::text AS score, "       \
  "a.max_score::text AS max_score, a.percent::text AS percent, a.passed, "                         \
  "a.graded::text AS graded, q.passing_percent, q.show_answers, q.time_limit_seconds "             \
  "FROM quiz_attempts a JOIN quizzes q ON q.lesson_id = a.lesson_id "

// Open attempts a minute past their deadline (the minute leaves a submit in flight its chance),
// oldest first, skipping any a learner's request holds: quiz_attempts_open_deadline.
constexpr db::Query kExpiredAttempts{
    "quizzes.expired_attempts",
    "SELECT a.id, a.user_id FROM quiz_attempts a WHERE a.submitted_at IS NULL "
    "AND a.deadline IS NOT NULL AND a.deadline < now() - interval '1 minute' "
    "ORDER BY a.deadline LIMIT $1 FOR UPDATE SKIP LOCKED"};

constexpr db::Query kAttemptById{
    "quizzes.attempt_by_id", SN_ATTEMPT_SELECT "WHERE a.id = $1::uuid AND a.user_id = $2::uuid"};
constexpr db::Query kLockAttempt{"quizzes.lock_attempt", SN_ATTEMPT_SELECT
                                 "WHERE a.id = $1::uuid AND a.user_id = $2::uuid FOR UPDATE OF a"};
constexpr db::Query kOpenAttempt{"quizzes.open_attempt", SN_ATTEMPT_SELECT
                                 "WHERE a.lesson_id = $1::uuid AND a.user_id = $2::uuid "
                                 "AND a.submitted_at IS NULL FOR UPDATE OF a"};
// A learner's attempts at one quiz, newest first (quiz_attempts_number serves it).
constexpr db::Query kMyAttempts{"quizzes.my_attempts", SN_ATTEMPT_SELECT
                                "WHERE a.lesson_id = $1::uuid AND a.user_id = $2::uuid "
                                "ORDER BY a.number DESC LIMIT 100"};
constexpr db::Query kAttemptStats{
    "quizzes.attempt_stats",
    "SELECT count(*) AS used, coalesce(max(number), 0) AS last_number, "
    "max(percent)::text AS best_percent, coalesce(bool_or(passed), false) AS ever_passed "
    "FROM quiz_attempts WHERE lesson_id = $1::uuid AND user_id = $2::uuid"};

constexpr db::Query kListedPool{
    "quizzes.listed_pool",
    "SELECT b.id, b.kind, b.options::text AS options FROM unnest($2::uuid[]) WITH ORDINALITY "
    "AS l (id, n) JOIN quiz_questions b ON b.id = l.id AND b.course_id = $1::uuid "
    "AND NOT b.archived ORDER BY l.n"};
constexpr db::Query kBankPool{
    "quizzes.bank_pool",
    "SELECT id, kind, options::text AS options FROM quiz_questions WHERE course_id = $1::uuid "
    "AND NOT archived ORDER BY created_at, id"};
constexpr db::Query kInsertAttempt{
    "quizzes.insert_attempt",
    "INSERT INTO quiz_attempts (lesson_id, course_id, user_id, number, questions, deadline) "
    "VALUES ($1::uuid, $2::uuid, $3::uuid, $4::integer, $5::jsonb, CASE WHEN $6::integer IS NULL "
    "THEN NULL ELSE now() + make_interval(secs => $6::integer) END) RETURNING id"};

// What a learner may see of questions: no answer key, no explanation.
constexpr db::Query kShownQuestions{
    "quizzes.shown_questions",
    "SELECT id, kind, prompt, options::text AS options, points FROM quiz_questions "
    "WHERE id = ANY ($1::uuid[])"};
// Keys included: for grading, and for a review the quiz allows.
constexpr db::Query kKeyedQuestions{
    "quizzes.keyed_questions",
    "SELECT id, kind, prompt, options::text AS options, points, answer::text AS answer, "
    "explanation, partial_credit FROM quiz_questions WHERE id = ANY ($1::uuid[])"};

constexpr db::Query kSaveAnswers{
    "quizzes.save_answers",
    "UPDATE quiz_attempts SET answers = answers || $2::jsonb WHERE id = $1::uuid "
    "RETURNING answers::text"};
constexpr db::Query kStoreGrade{
    "quizzes.store_grade",
    "UPDATE quiz_attempts SET answers = $2::jsonb, submitted_at = now(), submit_key = $3, "
    "score = $4::numeric, max_score = $5::numeric, percent = $6::numeric, passed = $7::boolean, "
    "graded = $8::jsonb WHERE id = $1::uuid AND submitted_at IS NULL"};
constexpr db::Query kClaimSubmitKey{
    "quizzes.claim_submit_key",
    "UPDATE quiz_attempts SET submit_key = $2 WHERE id = $1::uuid AND submit_key IS NULL"};
constexpr db::Query kBestScore{
    "quizzes.best_score",
    "INSERT INTO lesson_progress (user_id, course_id, lesson_id, best_score) "
    "VALUES ($1::uuid, $2::uuid, $3::uuid, $4::numeric) "
    "ON CONFLICT (user_id, course_id, lesson_id) DO UPDATE SET "
    "best_score = greatest(lesson_progress.best_score, excluded.best_score), updated_at = now()"};

std::string lesson_id_param(const RequestContext& rc) {
  return id_param(rc, "lesson_id", "No such quiz.");
}

std::string attempt_id_param(const RequestContext& rc) {
  return id_param(rc, "attempt_id", "No such attempt.");
}

std::string decimal(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

double round2(double value) {
  return std::round(value * 100.0) / 100.0;
}

std::mt19937_64& random_engine() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

std::optional<std::int64_t> optional_integer(const db::Result& rows, std::string_view col) {
  const int c = rows.column(col);
  if (rows.is_null(0, c)) return std::nullopt;
  return rows.integer(0, c);
}

json::value nullable(const std::optional<std::int64_t>& v) {
  if (!v) return nullptr;
  return *v;
}

// One entry of quiz_attempts.questions.
struct ShownQuestion {
  std::string id;
  Kind kind = Kind::single_choice;
  std::vector<std::string> option_order;
};

std::vector<ShownQuestion> shown_questions(std::string_view stored) {
  std::vector<ShownQuestion> out;
  const auto list = parse_stored(stored);
  for (const auto& item : list.as_array()) {
    const auto& o = item.as_object();
    ShownQuestion q;
    q.id = std::string(o.at("question_id").as_string());
    if (const auto* kind = o.if_contains("kind"); kind && kind->is_string()) {
      q.kind = parse_kind(kind->as_string()).value_or(Kind::single_choice);
    }
    if (const auto* order = o.if_contains("option_order"); order && order->is_array()) {
      for (const auto& id : order->as_array())
        q.option_order.emplace_back(id.as_string());
    }
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<std::string> question_ids(const std::vector<ShownQuestion>& shown) {
  std::vector<std::string> ids;
  for (const auto& q : shown)
    ids.push_back(q.id);
  return ids;
}

// The question's options in the attempt's order (options added since come last, removed ones
// are gone).
json::array ordered_options(const json::array& options, const std::vector<std::string>& order) {
  json::array out;
  std::vector<bool> used(options.size(), false);
  for (const auto& id : order) {
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (!used[i] && options[i].as_object().at("id").as_string() == id) {
        out.push_back(options[i]);
        used[i] = true;
      }
    }
  }
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (!used[i]) out.push_back(options[i]);
  }
  return out;
}

std::map<std::string, int, std::less<>> rows_by_id(const db::Result& rows) {
  std::map<std::string, int, std::less<>> index;
  for (int r = 0; r < rows.rows(); ++r)
    index.emplace(rows.text(r, "id"), r);
  return index;
}

struct Quiz {
  std::string lesson_id;
  std::string course_id;
  std::string section_id;
  std::string title;
  std::vector<std::string> listed;  // the fixed list, or empty: the whole bank
  std::optional<std::int64_t> draw_count;
  bool shuffle_options = true;
  std::optional<std::int64_t> time_limit_seconds;
  std::optional<std::int64_t> attempts_allowed;
  std::int64_t passing_percent = 70;
  std::string show_answers;
  std::int64_t pool_size = 0;
  bool editor = false;

  std::int64_t question_count() const {
    return draw_count ? std::min(*draw_count, pool_size) : pool_size;
  }
};

Quiz read_quiz(const db::Result& rows, std::string lesson_id, const RequestContext& rc) {
  Quiz quiz;
  quiz.lesson_id = std::move(lesson_id);
  quiz.course_id = std::string(rows.text(0, "course_id"));
  quiz.section_id = std::string(rows.text(0, "section_id"));
  quiz.title = std::string(rows.text(0, "title"));
  const auto listed = parse_stored(rows.text(0, "question_ids"));
  for (const auto& id : listed.as_array())
    quiz.listed.emplace_back(id.as_string());
  quiz.draw_count = optional_integer(rows, "draw_count");
  quiz.shuffle_options = rows.boolean(0, rows.column("shuffle_options"));
  quiz.time_limit_seconds = optional_integer(rows, "time_limit_seconds");
  quiz.attempts_allowed = optional_integer(rows, "attempts_allowed");
  quiz.passing_percent = rows.integer(0, "passing_percent");
  quiz.show_answers = std::string(rows.text(0, "show_answers"));
  quiz.pool_size = rows.integer(0, "pool_size");
  quiz.editor = courses::is_admin(rc) || rows.boolean(0, rows.column("owner"));
  return quiz;
}

// 404 unknown quiz (or a draft course, to a learner); 403 not_enrolled; 403 lesson_locked. The
// course's editors may always take it (to try it out).
asio::awaitable<Quiz> require_quiz(db::Transaction& tx, const RequestContext& rc,
                                   std::string lesson_id) {
  const auto& user_id = rc.principal->user_id;
  auto rows = co_await tx.execute(kQuizForLearner, lesson_id, user_id);
  if (rows.empty()) throw Error(Errc::not_found, "No such quiz.");
  auto quiz = read_quiz(rows, lesson_id, rc);
  if (quiz.editor) co_return quiz;
  if (rows.text(0, "course_status") == "draft") throw Error(Errc::not_found, "No such quiz.");
  const auto enrolment = rows.optional_text(0, "enrolment");
  if (!enrolment || *enrolment == "withdrawn") {
    throw Error(Errc::not_enrolled, "Enrol in the course to take this quiz.");
  }
  if (rows.boolean(0, rows.column("locked"))) {
    throw Error(Errc::lesson_locked, "Complete the previous section before taking this quiz.");
  }
  co_return quiz;
}

json::object attempt_summary(const db::Result& rows, int row) {
  const bool submitted = !rows.is_null(row, rows.column("submitted_at"));
  json::object out{{"id", rows.text(row, "id")},
                   {"number", rows.integer(row, "number")},
                   {"status", submitted ? "submitted" : "open"},
                   {"started_at", rows.text(row, "started_at")},
                   {"deadline", nullptr},
                   {"submitted_at", nullptr},
                   {"score", stored_number(rows.optional_text(row, "score"))},
                   {"max_score", stored_number(rows.optional_text(row, "max_score"))},
                   {"percent", stored_number(rows.optional_text(row, "percent"))},
                   {"passed", nullptr},
                   {"late", false}};
  if (auto deadline = rows.optional_text(row, "deadline")) out["deadline"] = *deadline;
  if (submitted) {
    out["submitted_at"] = rows.text(row, "submitted_at");
    out["passed"] = rows.boolean(row, rows.column("passed"));
    if (auto graded = rows.optional_text(row, "graded")) {
      const auto g = parse_stored(*graded);
      if (const auto* late = g.as_object().if_contains("late"); late && late->is_bool()) {
        out["late"] = late->as_bool();
      }
    }
  }
  return out;
}

// The full view of one attempt (row 0 of `rows`, from SN_ATTEMPT_SELECT). Open: its questions
// without keys and the answers saved so far. Submitted: the result, each question's points and,
// as the quiz allows, the correct answers and explanations.
asio::awaitable<json::object> attempt_view(db::Transaction& tx, db::Result rows) {
  auto view = attempt_summary(rows, 0);
  view["lesson_id"] = rows.text(0, "lesson_id");
  view["course_id"] = rows.text(0, "course_id");
  view["time_limit_seconds"] = nullable(optional_integer(rows, "time_limit_seconds"));
  view["seconds_left"] = nullable(optional_integer(rows, "seconds_left"));
  view["passing_percent"] = rows.integer(0, "passing_percent");
  const auto shown = shown_questions(rows.text(0, "questions"));
  const auto answers = parse_stored(rows.text(0, "answers")).as_object();
  const bool submitted = !rows.is_null(0, rows.column("submitted_at"));

  bool reveal = false, per_question = false;
  json::object graded;
  if (submitted) {
    graded = parse_stored(rows.text(0, "graded")).as_object();
    const auto show = rows.text(0, "show_answers");
    per_question = show != "never";
    if (show == "after_submit") reveal = true;
    if (show == "after_pass") {
      const std::string lesson_id(rows.text(0, "lesson_id"));
      const std::string user_id(rows.text(0, "user_id"));
      auto stats = co_await tx.execute(kAttemptStats, lesson_id, user_id);
      reveal = stats.boolean(0, stats.column("ever_passed"));
    }
    if (const auto* completion = graded.if_contains("completion")) {
      view["completion"] = *completion;
    }
  }
  view["answers_shown"] = reveal;

  const auto ids = db::text_array(question_ids(shown));
  db::Result questions;
  if (reveal) {
    questions = co_await tx.execute(kKeyedQuestions, ids);
  } else {
    questions = co_await tx.execute(kShownQuestions, ids);
  }
  const auto index = rows_by_id(questions);
  std::map<std::string, json::object, std::less<>> grades;
  if (const auto* list = graded.if_contains("questions"); list && list->is_array()) {
    for (const auto& g : list->as_array()) {
      grades.emplace(g.as_object().at("question_id").as_string(), g.as_object());
    }
  }

  json::array out;
  for (const auto& q : shown) {
    auto found = index.find(q.id);
    if (found == index.end()) continue;  // deleted since (only unused questions are deleted)
    const int r = found->second;
    json::object item{
        {"id", q.id},
        {"kind", questions.text(r, "kind")},
        {"prompt", questions.text(r, "prompt")},
        {"points", questions.integer(r, "points")},
        {"options",
         ordered_options(parse_stored(questions.text(r, "options")).as_array(), q.option_order)}};
    const auto* response = answers.if_contains(q.id);
    item["response"] = response ? *response : json::value(nullptr);
    if (submitted && per_question) {
      if (auto g = grades.find(q.id); g != grades.end()) {
        item["earned"] = g->second.at("points").to_number<double>();
        item["correct"] = g->second.at("correct");
      }
    }
    if (reveal) {
      item["answer"] = parse_stored(questions.text(r, "answer"));
      item["explanation"] = questions.text(r, "explanation");
    }
    out.push_back(std::move(item));
  }
  view["questions"] = std::move(out);
  co_return view;
}

// Only answers to this attempt's questions, each shaped for its kind: 422 otherwise.
json::object checked_answers(const json::value* body_answers,
                             const std::vector<ShownQuestion>& shown) {
  if (!body_answers || !body_answers->is_object()) {
    throw Error(Errc::validation_failed,
                "\"answers\" must be an object of answers by question id.");
  }
  json::object out;
  for (const auto& [id, value] : body_answers->as_object()) {
    auto q = std::find_if(shown.begin(), shown.end(), [&](auto& s) { return s.id == id; });
    if (q == shown.end()) {
      throw Error(
          Errc::validation_failed,
          "\"answers\" names a question that is not in this attempt: \"" + std::string(id) + "\".");
    }
    if (!response_fits(q->kind, value)) {
      throw Error(Errc::validation_failed, "\"answers." + std::string(id) + "\" does not fit a " +
                                               std::string(to_string(q->kind)) + " question.");
    }
    out[id] = value;
  }
  return out;
}

// Grades the locked, open attempt (row 0 of `attempt`) with `answers`, stores the result and its
// consequences: best score, learning events and, on a pass, the lesson's completion (which may
// complete the course and issue its certificate).
asio::awaitable<void> grade_attempt(db::Transaction& tx, db::Result attempt, json::object answers,
                                    bool late, std::optional<std::string> submit_key) {
  const auto attempt_id = std::string(attempt.text(0, "id"));
  const auto user_id = std::string(attempt.text(0, "user_id"));
  const auto course_id = std::string(attempt.text(0, "course_id"));
  const auto lesson_id = std::string(attempt.text(0, "lesson_id"));
  const auto passing = attempt.integer(0, "passing_percent");
  const auto shown = shown_questions(attempt.text(0, "questions"));
  auto keys = co_await tx.execute(kKeyedQuestions, db::text_array(question_ids(shown)));
  const auto index = rows_by_id(keys);

  double score = 0;
  int max_score = 0;
  json::array graded_questions;
  for (const auto& q : shown) {
    auto found = index.find(q.id);
    if (found == index.end()) continue;
    const int r = found->second;
    const auto kind = parse_kind(keys.text(r, "kind")).value_or(Kind::single_choice);
    const auto key = parse_stored(keys.text(r, "answer"));
    const auto grade =
        grade_response(kind, key.as_object(), static_cast<int>(keys.integer(r, "points")),
                       keys.boolean(r, keys.column("partial_credit")), answers.if_contains(q.id));
    score += grade.points;
    max_score += grade.max_points;
    graded_questions.push_back(json::object{{"question_id", q.id},
                                            {"points", grade.points},
                                            {"max_points", grade.max_points},
                                            {"correct", grade.correct}});
  }
  score = round2(score);
  const double percent = max_score > 0 ? round2(100.0 * score / max_score) : 0;
  const bool passed = max_score > 0 && percent >= static_cast<double>(passing);

  const json::object result{{"score",
                             {{"raw", score},
                              {"min", 0},
                              {"max", max_score},
                              {"scaled", max_score ? score / max_score : 0}}},
                            {"success", passed},
                            {"completion", true}};
  learning::Statement attempted{
      .actor_id = user_id,
      .verb = "attempted",
      .object_type = "quiz",
      .object_id = lesson_id,
      .course_id = course_id,
      .result = result,
      .context = json::object{{"attempt_id", attempt_id}, {"late", late}}};
  co_await learning::record(tx, std::move(attempted));
  learning::Statement outcome{.actor_id = user_id,
                              .verb = passed ? "passed" : "failed",
                              .object_type = "quiz",
                              .object_id = lesson_id,
                              .course_id = course_id,
                              .result = result,
                              .context = json::object{{"attempt_id", attempt_id}}};
  co_await learning::record(tx, std::move(outcome));
  co_await tx.execute(kBestScore, user_id, course_id, lesson_id, decimal(percent));

  json::object completion{{"lesson_completed", false},
                          {"course_completed", false},
                          {"progress_percent", nullptr},
                          {"certificate_code", nullptr}};
  if (passed) {
    std::optional<json::object> completion_result = result;
    auto done = co_await learning::complete_lesson(tx, user_id, course_id, lesson_id,
                                                   std::move(completion_result));
    completion["lesson_completed"] = true;
    completion["course_completed"] = done.course_completed_now;
    completion["progress_percent"] = done.progress_percent;
    if (done.certificate_code) completion["certificate_code"] = *done.certificate_code;
  }
  const json::object graded{{"questions", std::move(graded_questions)},
                            {"late", late},
                            {"completion", std::move(completion)}};
  co_await tx.execute(kStoreGrade, attempt_id, json::serialize(answers), submit_key, decimal(score),
                      decimal(max_score), decimal(percent), passed, json::serialize(graded));
}

asio::awaitable<db::Result> reread(db::Transaction& tx, std::string attempt_id,
                                   std::string user_id) {
  auto rows = co_await tx.execute(kAttemptById, attempt_id, user_id);
  co_return rows;
}

// Draws the attempt's questions and fixes their option order.
json::array draw_questions(const Quiz& quiz, const db::Result& pool) {
  std::vector<int> picked(pool.rows());
  for (int r = 0; r < pool.rows(); ++r)
    picked[r] = r;
  auto& engine = random_engine();
  if (quiz.draw_count) {
    std::shuffle(picked.begin(), picked.end(), engine);
    picked.resize(std::min<std::size_t>(picked.size(), *quiz.draw_count));
  }
  json::array questions;
  for (int r : picked) {
    const auto kind = parse_kind(pool.text(r, "kind")).value_or(Kind::single_choice);
    json::array order;
    if (has_options(kind)) {
      std::vector<std::string> ids;
      const auto options = parse_stored(pool.text(r, "options"));
      for (const auto& o : options.as_array())
        ids.emplace_back(o.as_object().at("id").as_string());
      if (quiz.shuffle_options) std::shuffle(ids.begin(), ids.end(), engine);
      for (auto& id : ids)
        order.push_back(json::string(id));
    }
    questions.push_back(json::object{{"question_id", pool.text(r, "id")},
                                     {"kind", to_string(kind)},
                                     {"option_order", std::move(order)}});
  }
  return questions;
}

}  // namespace

void add_housekeeping(ops::Housekeeping& housekeeping) {
  housekeeping.add(
      "expired quiz attempts",
      [](db::Transaction& tx, int limit) -> asio::awaitable<std::int64_t> {
        auto expired = co_await tx.execute(kExpiredAttempts, limit);
        // One attempt at a time: grading reads its questions and may complete the lesson, the
        // course and a path, each for its own learner. The batch bounds the loop.
        for (int row = 0; row < expired.rows(); ++row) {
          auto attempt = co_await tx.execute(kLockAttempt, std::string(expired.text(row, 0)),
                                             std::string(expired.text(row, 1)));
          auto saved = parse_stored(attempt.text(0, "answers")).as_object();
          std::optional<std::string> no_key;
          co_await grade_attempt(tx, attempt, std::move(saved), true, std::move(no_key));
        }
        co_return expired.rows();
      },
      100);
}

void register_attempt_routes(http::Router& router, learning::LearningContext& ctx) {
  const auto learner = Access::signed_in();

  router.get("/api/v1/learn/quizzes/{lesson_id}/attempts", learner,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto lesson_id = lesson_id_param(rc);
               const auto& user_id = rc.principal->user_id;
               auto tx = co_await ctx.db.begin();
               const auto quiz = co_await require_quiz(tx, rc, lesson_id);
               auto rows = co_await tx.execute(kMyAttempts, lesson_id, user_id);
               auto stats = co_await tx.execute(kAttemptStats, lesson_id, user_id);
               co_await tx.commit();
               json::array attempts;
               for (int r = 0; r < rows.rows(); ++r)
                 attempts.push_back(attempt_summary(rows, r));
               const auto used = stats.integer(0, "used");
               json::value left = nullptr;
               if (quiz.attempts_allowed)
                 left = std::max<std::int64_t>(0, *quiz.attempts_allowed - used);
               const json::object body{
                   {"quiz",
                    {{"lesson_id", quiz.lesson_id},
                     {"course_id", quiz.course_id},
                     {"title", quiz.title},
                     {"question_count", quiz.question_count()},
                     {"time_limit_seconds", nullable(quiz.time_limit_seconds)},
                     {"attempts_allowed", nullable(quiz.attempts_allowed)},
                     {"passing_percent", quiz.passing_percent},
                     {"show_answers", quiz.show_answers}}},
                   {"attempts", std::move(attempts)},
                   {"attempts_used", used},
                   {"attempts_left", left},
                   {"best_percent", stored_number(stats.optional_text(0, "best_percent"))},
                   {"passed", stats.boolean(0, stats.column("ever_passed"))}};
               co_return http::json_response(http::Status::ok, body);
             });

  // Starts an attempt, or returns the open one (a repeated start is harmless). An open attempt
  // past its deadline is graded with what it saved before a new one starts.
  router.post("/api/v1/learn/quizzes/{lesson_id}/attempts", learner,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto lesson_id = lesson_id_param(rc);
                const auto user_id = rc.principal->user_id;
                auto tx = co_await ctx.db.begin();
                const auto quiz = co_await require_quiz(tx, rc, lesson_id);
                co_await tx.execute(kSerializeStart, user_id, lesson_id);
                auto open = co_await tx.execute(kOpenAttempt, lesson_id, user_id);
                bool graded_expired = false;
                if (!open.empty()) {
                  if (!open.boolean(0, open.column("expired"))) {
                    auto view = co_await attempt_view(tx, open);
                    co_await tx.commit();
                    co_return http::json_response(http::Status::ok, view);
                  }
                  auto saved = parse_stored(open.text(0, "answers")).as_object();
                  std::optional<std::string> no_key;
                  co_await grade_attempt(tx, open, std::move(saved), true, std::move(no_key));
                  graded_expired = true;
                }
                auto stats = co_await tx.execute(kAttemptStats, lesson_id, user_id);
                const auto used = stats.integer(0, "used");
                if (quiz.attempts_allowed && used >= *quiz.attempts_allowed) {
                  if (graded_expired) co_await tx.commit();  // the expired attempt's grade stands
                  throw Error(Errc::attempts_exhausted, "You have used all " +
                                                            std::to_string(*quiz.attempts_allowed) +
                                                            " attempts at this quiz.");
                }
                db::Result pool;
                if (quiz.listed.empty()) {
                  pool = co_await tx.execute(kBankPool, quiz.course_id);
                } else {
                  pool =
                      co_await tx.execute(kListedPool, quiz.course_id, db::text_array(quiz.listed));
                }
                if (pool.empty()) {
                  if (graded_expired) co_await tx.commit();
                  throw Error(Errc::conflict, "This quiz has no questions yet.");
                }
                const auto questions = json::serialize(draw_questions(quiz, pool));
                auto inserted = co_await tx.execute(kInsertAttempt, lesson_id, quiz.course_id,
                                                    user_id, stats.integer(0, "last_number") + 1,
                                                    questions, quiz.time_limit_seconds);
                std::string new_id(inserted.text(0, 0));
                auto rows = co_await reread(tx, new_id, user_id);
                auto view = co_await attempt_view(tx, rows);
                co_await tx.commit();
                co_return http::json_response(http::Status::created, view);
              });

  router.get("/api/v1/learn/attempts/{attempt_id}", learner,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto attempt_id = attempt_id_param(rc);
               auto tx = co_await ctx.db.begin();
               auto rows = co_await tx.execute(kAttemptById, attempt_id, rc.principal->user_id);
               if (rows.empty()) throw Error(Errc::not_found, "No such attempt.");
               auto view = co_await attempt_view(tx, rows);
               co_await tx.commit();
               co_return http::json_response(http::Status::ok, view);
             });

  // Saves answers so far (merged by question id). After the deadline: refused, and the attempt is
  // graded with what it had saved.
  router.add(http::Verb::put, "/api/v1/learn/attempts/{attempt_id}/answers", learner,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto attempt_id = attempt_id_param(rc);
               auto tx = co_await ctx.db.begin();
               auto rows = co_await tx.execute(kLockAttempt, attempt_id, rc.principal->user_id);
               if (rows.empty()) throw Error(Errc::not_found, "No such attempt.");
               if (!rows.is_null(0, rows.column("submitted_at"))) {
                 throw Error(Errc::attempt_closed, "This attempt has already been submitted.");
               }
               if (rows.boolean(0, rows.column("expired"))) {
                 auto saved = parse_stored(rows.text(0, "answers")).as_object();
                 std::optional<std::string> no_key;
                 co_await grade_attempt(tx, rows, std::move(saved), true, std::move(no_key));
                 co_await tx.commit();
                 throw Error(Errc::attempt_closed,
                             "Time is up: the attempt was graded with the answers saved before the "
                             "deadline.");
               }
               const auto body = rc.json_body();
               const auto& fields = http::object_body(body);
               const auto shown = shown_questions(rows.text(0, "questions"));
               const auto answers = checked_answers(fields.if_contains("answers"), shown);
               auto saved = co_await tx.execute(kSaveAnswers, attempt_id, json::serialize(answers));
               co_await tx.commit();
               const json::object result{
                   {"id", attempt_id},
                   {"answers", parse_stored(saved.text(0, 0))},
                   {"seconds_left", nullable(optional_integer(rows, "seconds_left"))}};
               co_return http::json_response(http::Status::ok, result);
             },
             {.body_limit = 256 * 1024});

  // Grades the attempt once. The client's submit_key makes a retry return the same result; after
  // the deadline the body's answers are ignored and what was saved is graded (late: true).
  router.post(
      "/api/v1/learn/attempts/{attempt_id}/submit", learner,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto attempt_id = attempt_id_param(rc);
        const auto user_id = rc.principal->user_id;
        auto tx = co_await ctx.db.begin();
        auto rows = co_await tx.execute(kLockAttempt, attempt_id, user_id);
        if (rows.empty()) throw Error(Errc::not_found, "No such attempt.");
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);
        const auto submit_key = http::required_string(fields, "submit_key", 100);

        if (!rows.is_null(0, rows.column("submitted_at"))) {
          const auto stored_key = rows.optional_text(0, "submit_key");
          if (!stored_key) {
            // Graded at its deadline without a submit: this submit takes that result.
            co_await tx.execute(kClaimSubmitKey, attempt_id, submit_key);
          } else if (*stored_key != submit_key) {
            throw Error(Errc::attempt_closed, "This attempt has already been submitted.");
          }
          auto view = co_await attempt_view(tx, rows);
          co_await tx.commit();
          co_return http::json_response(http::Status::ok, view);
        }

        const bool late = rows.boolean(0, rows.column("expired"));
        auto answers = parse_stored(rows.text(0, "answers")).as_object();
        if (!late) {
          if (const auto* given = fields.if_contains("answers"); given && !given->is_null()) {
            const auto checked = checked_answers(given, shown_questions(rows.text(0, "questions")));
            for (const auto& [id, value] : checked)
              answers[id] = value;
          }
        }
        std::optional<std::string> key = submit_key;
        co_await grade_attempt(tx, rows, std::move(answers), late, std::move(key));
        auto graded = co_await reread(tx, attempt_id, user_id);
        auto view = co_await attempt_view(tx, graded);
        co_await tx.commit();
        co_return http::json_response(http::Status::ok, view);
      },
      {.body_limit = 256 * 1024});
}

}  // namespace sn::quizzes
