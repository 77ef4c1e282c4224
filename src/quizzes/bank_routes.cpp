// The question bank of a course and the settings of each quiz lesson: owners and admins only
// (courses::require_editor). Editors see answer keys; nothing here is ever served to learners.

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "courses/course_access.hpp"
#include "http/inputs.hpp"
#include "quizzes/grading.hpp"
#include "quizzes/quiz_common.hpp"

namespace sn::quizzes {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;
using http::Role;

namespace {

#define SN_QUESTION_COLUMNS                                                                   \
  "id, kind, prompt, options::text AS options, answer::text AS answer, explanation, points, " \
  "partial_credit, archived, to_json(created_at) #>> '{}' AS created_at, "                    \
  "to_json(updated_at) #>> '{}' AS updated_at "

// Keyset on (created_at, id): quiz_questions_by_course serves it. Archived questions are left out
// unless asked for (a filter on the same index range, never a large share of a bank).
constexpr db::Query kListQuestions{
    "quizzes.list_questions",
    "SELECT " SN_QUESTION_COLUMNS
    "FROM quiz_questions WHERE course_id = $1::uuid AND (created_at, id) > ($2::timestamptz, "
    "$3::uuid) AND (NOT archived OR $4::boolean) ORDER BY created_at, id LIMIT $5"};
constexpr db::Query kQuestionById{
    "quizzes.question_by_id", "SELECT " SN_QUESTION_COLUMNS
                              "FROM quiz_questions WHERE id = $1::uuid AND course_id = $2::uuid"};
constexpr db::Query kLockQuestion{
    "quizzes.lock_question", "SELECT " SN_QUESTION_COLUMNS
                             "FROM quiz_questions WHERE id = $1::uuid AND course_id = $2::uuid "
                             "FOR UPDATE"};
constexpr db::Query kCreateQuestion{
    "quizzes.create_question",
    "INSERT INTO quiz_questions (course_id, kind, prompt, options, answer, explanation, points, "
    "partial_credit) VALUES ($1::uuid, $2, $3, $4::jsonb, $5::jsonb, $6, $7::integer, $8::boolean) "
    "RETURNING " SN_QUESTION_COLUMNS};
constexpr db::Query kUpdateQuestion{
    "quizzes.update_question",
    "UPDATE quiz_questions SET kind = $2, prompt = $3, options = $4::jsonb, answer = $5::jsonb, "
    "explanation = $6, points = $7::integer, partial_credit = $8::boolean, updated_at = now() "
    "WHERE id = $1::uuid RETURNING " SN_QUESTION_COLUMNS};
// Whether an attempt ever showed the question: then it stays (archived) for those attempts'
// reviews. Scans the course's attempts (quiz_attempts_by_course_user); deletes are rare.
constexpr db::Query kQuestionUsed{
    "quizzes.question_used",
    "SELECT EXISTS (SELECT 1 FROM quiz_attempts WHERE course_id = $2::uuid AND questions @> "
    "jsonb_build_array(jsonb_build_object('question_id', $1::text)))"};
constexpr db::Query kArchiveQuestion{
    "quizzes.archive_question",
    "UPDATE quiz_questions SET archived = true, updated_at = now() WHERE id = $1::uuid"};
constexpr db::Query kDeleteQuestion{"quizzes.delete_question",
                                    "DELETE FROM quiz_questions WHERE id = $1::uuid"};
constexpr db::Query kUnlistQuestion{
    "quizzes.unlist_question",
    "UPDATE quizzes SET question_ids = array_remove(question_ids, $1::uuid), updated_at = now() "
    "WHERE course_id = $2::uuid AND $1::uuid = ANY (question_ids)"};

constexpr db::Query kQuizSettings{
    "quizzes.settings",
    "SELECT l.title, l.kind, q.lesson_id IS NOT NULL AS configured, "
    "coalesce(array_to_json(q.question_ids), '[]')::text AS question_ids, q.draw_count, "
    "coalesce(q.shuffle_options, true) AS shuffle_options, q.time_limit_seconds, "
    "q.attempts_allowed, coalesce(q.passing_percent, 70) AS passing_percent, "
    "coalesce(q.show_answers, 'after_submit') AS show_answers, "
    "(SELECT count(*) FROM quiz_questions b WHERE b.course_id = l.course_id AND NOT b.archived) "
    "AS bank_size "
    "FROM lessons l LEFT JOIN quizzes q ON q.lesson_id = l.id "
    "WHERE l.id = $1::uuid AND l.course_id = $2::uuid"};
constexpr db::Query kCountListed{
    "quizzes.count_listed",
    "SELECT count(*) FROM quiz_questions WHERE id = ANY ($1::uuid[]) AND course_id = $2::uuid "
    "AND NOT archived"};
constexpr db::Query kSaveSettings{
    "quizzes.save_settings",
    "INSERT INTO quizzes (lesson_id, course_id, question_ids, draw_count, shuffle_options, "
    "time_limit_seconds, attempts_allowed, passing_percent, show_answers) VALUES ($1::uuid, "
    "$2::uuid, $3::uuid[], $4::integer, $5::boolean, $6::integer, $7::integer, $8::integer, $9) "
    "ON CONFLICT (lesson_id) DO UPDATE SET question_ids = excluded.question_ids, "
    "draw_count = excluded.draw_count, shuffle_options = excluded.shuffle_options, "
    "time_limit_seconds = excluded.time_limit_seconds, "
    "attempts_allowed = excluded.attempts_allowed, passing_percent = excluded.passing_percent, "
    "show_answers = excluded.show_answers, updated_at = now()"};

constexpr std::size_t kMaxPrompt = 5000;
constexpr std::size_t kMaxExplanation = 5000;
constexpr std::size_t kMaxListed = 500;
constexpr const char* kFirstUuid = "00000000-0000-0000-0000-000000000000";

boost::json::object question_json(const db::Result& rows, int row) {
  return {{"id", rows.text(row, "id")},
          {"kind", rows.text(row, "kind")},
          {"prompt", rows.text(row, "prompt")},
          {"options", parse_stored(rows.text(row, "options"))},
          {"answer", parse_stored(rows.text(row, "answer"))},
          {"explanation", rows.text(row, "explanation")},
          {"points", rows.integer(row, "points")},
          {"partial_credit", rows.boolean(row, rows.column("partial_credit"))},
          {"archived", rows.boolean(row, rows.column("archived"))},
          {"created_at", rows.text(row, "created_at")},
          {"updated_at", rows.text(row, "updated_at")}};
}

boost::json::value question_row(const db::Result& rows, int row) {
  return question_json(rows, row);
}

// A question as it will be stored, from a full body (create) or a body merged onto the stored
// question (patch).
struct QuestionFields {
  std::string kind;
  std::string prompt;
  std::string options;  // JSON
  std::string answer;   // JSON
  std::string explanation;
  int points = 1;
  bool partial_credit = false;
};

QuestionFields read_question(const boost::json::object& body, const QuestionFields* stored) {
  QuestionFields out = stored ? *stored : QuestionFields{};
  const auto kind_text = http::optional_string(body, "kind", 40);
  if (!kind_text && !stored) throw Error(Errc::validation_failed, "\"kind\" is required.");
  const auto kind = parse_kind(kind_text ? *kind_text : out.kind);
  if (!kind) {
    throw Error(Errc::validation_failed,
                "\"kind\" must be one of single_choice, multiple_choice, true_false, "
                "short_text, numeric.");
  }
  const bool kind_changed = stored && kind_text && *kind_text != stored->kind;
  out.kind = std::string(to_string(*kind));

  if (auto prompt = http::optional_string(body, "prompt", kMaxPrompt + 64)) {
    const auto trimmed = trim_blanks(*prompt);
    out.prompt = std::string(trimmed);
  } else if (!stored) {
    throw Error(Errc::validation_failed, "\"prompt\" is required.");
  }
  if (out.prompt.empty() || out.prompt.size() > kMaxPrompt) {
    throw Error(Errc::validation_failed, "\"prompt\" must be 1 to 5000 characters.");
  }
  if (auto explanation = http::optional_string(body, "explanation", kMaxExplanation)) {
    out.explanation = *explanation;
  }
  if (auto points = optional_int(body, "points", 1, 100)) out.points = *points;
  if (auto partial = optional_bool(body, "partial_credit")) out.partial_credit = *partial;

  // Options and key: the body's, else the stored ones, unless the kind changed (the stored ones
  // were for the other kind, so they are not carried over).
  boost::json::value stored_options = nullptr, stored_answer = nullptr;
  if (stored && !kind_changed) {
    stored_options = parse_stored(stored->options);
    stored_answer = parse_stored(stored->answer);
  }
  const auto* options = body.if_contains("options");
  if (!options) options = &stored_options;
  const auto* answer = body.if_contains("answer");
  if (!answer) answer = &stored_answer;
  const auto definition = validate_definition(*kind, options, answer);
  out.options = boost::json::serialize(definition.options);
  out.answer = boost::json::serialize(definition.answer);
  if (*kind != Kind::multiple_choice) out.partial_credit = false;
  return out;
}

QuestionFields stored_fields(const db::Result& rows) {
  return {std::string(rows.text(0, "kind")),
          std::string(rows.text(0, "prompt")),
          std::string(rows.text(0, "options")),
          std::string(rows.text(0, "answer")),
          std::string(rows.text(0, "explanation")),
          static_cast<int>(rows.integer(0, "points")),
          rows.boolean(0, rows.column("partial_credit"))};
}

std::string lesson_id_param(const RequestContext& rc) {
  return id_param(rc, "lesson_id", "No such quiz.");
}

boost::json::object settings_json(const db::Result& rows, const std::string& lesson_id) {
  auto optional_number = [&](std::string_view col) -> boost::json::value {
    const int c = rows.column(col);
    if (rows.is_null(0, c)) return nullptr;
    return rows.integer(0, c);
  };
  return {{"lesson_id", lesson_id},
          {"title", rows.text(0, "title")},
          {"question_ids", parse_stored(rows.text(0, "question_ids"))},
          {"draw_count", optional_number("draw_count")},
          {"shuffle_options", rows.boolean(0, rows.column("shuffle_options"))},
          {"time_limit_seconds", optional_number("time_limit_seconds")},
          {"attempts_allowed", optional_number("attempts_allowed")},
          {"passing_percent", rows.integer(0, "passing_percent")},
          {"show_answers", rows.text(0, "show_answers")},
          {"bank_size", rows.integer(0, "bank_size")}};
}

}  // namespace

void register_bank_routes(http::Router& router, learning::LearningContext& ctx) {
  const auto instructor = Access::role(Role::instructor);

  router.get("/api/v1/courses/{id}/questions", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto course_id = courses::course_id_param(rc);
               co_await courses::require_editor(ctx.db, rc, course_id);
               const auto params = http::query_params(rc.request);
               const int limit = http::page_limit(params);
               std::string after_time = "-infinity", after_id = kFirstUuid;
               if (auto cursor = http::param(params, "cursor")) {
                 auto parts = http::decode_cursor(*cursor, 2);
                 if (!http::is_uuid(parts[1]) || parts[0].empty() || parts[0].size() > 40) {
                   throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
                 }
                 after_time = parts[0];
                 after_id = parts[1];
               }
               const bool archived = http::param(params, "archived") == "true";
               db::Result rows;
               bool bad_cursor = false;
               try {
                 rows = co_await ctx.db.query(kListQuestions, course_id, after_time, after_id,
                                              archived, limit + 1);
               } catch (const db::QueryError& e) {
                 // A cursor whose time part does not parse (22007/22008): the client's mistake.
                 if (!e.sqlstate().starts_with("22")) throw;
                 bad_cursor = true;
               }
               if (bad_cursor) throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
               co_return http::json_response(
                   http::Status::ok,
                   http::keyset_page(rows, limit, "questions", question_row, {"created_at", "id"}));
             });

  router.post("/api/v1/courses/{id}/questions", instructor,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto course_id = courses::course_id_param(rc);
                co_await courses::require_editor(ctx.db, rc, course_id);
                const auto body = rc.json_body();
                const auto fields = read_question(http::object_body(body), nullptr);
                auto rows = co_await ctx.db.query(
                    kCreateQuestion, course_id, fields.kind, fields.prompt, fields.options,
                    fields.answer, fields.explanation, fields.points, fields.partial_credit);
                co_return http::json_response(http::Status::created, question_json(rows, 0));
              },
              {.body_limit = 128 * 1024});

  router.get("/api/v1/courses/{id}/questions/{question_id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto course_id = courses::course_id_param(rc);
               co_await courses::require_editor(ctx.db, rc, course_id);
               const auto id = id_param(rc, "question_id", "No such question.");
               auto rows = co_await ctx.db.query(kQuestionById, id, course_id);
               if (rows.empty()) throw Error(Errc::not_found, "No such question.");
               co_return http::json_response(http::Status::ok, question_json(rows, 0));
             });

  router.add(http::Verb::patch, "/api/v1/courses/{id}/questions/{question_id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto course_id = courses::course_id_param(rc);
               const auto id = id_param(rc, "question_id", "No such question.");
               auto tx = co_await ctx.db.begin();
               co_await courses::require_editor(tx, rc, course_id);
               auto current = co_await tx.execute(kLockQuestion, id, course_id);
               if (current.empty()) throw Error(Errc::not_found, "No such question.");
               const auto body = rc.json_body();
               const auto stored = stored_fields(current);
               const auto fields = read_question(http::object_body(body), &stored);
               auto rows = co_await tx.execute(kUpdateQuestion, id, fields.kind, fields.prompt,
                                               fields.options, fields.answer, fields.explanation,
                                               fields.points, fields.partial_credit);
               co_await tx.commit();
               co_return http::json_response(http::Status::ok, question_json(rows, 0));
             },
             {.body_limit = 128 * 1024});

  // Deletes the question, or archives it when an attempt has shown it (its review still needs
  // it). Either way it leaves every quiz's fixed list.
  router.add(
      http::Verb::delete_, "/api/v1/courses/{id}/questions/{question_id}", instructor,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto course_id = courses::course_id_param(rc);
        const auto id = id_param(rc, "question_id", "No such question.");
        auto tx = co_await ctx.db.begin();
        co_await courses::require_editor(tx, rc, course_id);
        auto current = co_await tx.execute(kLockQuestion, id, course_id);
        if (current.empty()) throw Error(Errc::not_found, "No such question.");
        auto used = co_await tx.execute(kQuestionUsed, id, course_id);
        const bool archive = used.boolean(0, 0);
        co_await tx.execute(kUnlistQuestion, id, course_id);
        if (archive) {
          co_await tx.execute(kArchiveQuestion, id);
        } else {
          co_await tx.execute(kDeleteQuestion, id);
        }
        co_await tx.commit();
        const boost::json::object result{{"id", id}, {"outcome", archive ? "archived" : "deleted"}};
        co_return http::json_response(http::Status::ok, result);
      });

  router.get("/api/v1/courses/{id}/quizzes/{lesson_id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto course_id = courses::course_id_param(rc);
               co_await courses::require_editor(ctx.db, rc, course_id);
               const auto lesson_id = lesson_id_param(rc);
               auto rows = co_await ctx.db.query(kQuizSettings, lesson_id, course_id);
               if (rows.empty() || rows.text(0, "kind") != "quiz") {
                 throw Error(Errc::not_found, "No such quiz in this course.");
               }
               co_return http::json_response(http::Status::ok, settings_json(rows, lesson_id));
             });

  // The whole settings at once (absent fields take their defaults). Creates the quiz row if the
  // lesson has none yet.
  router.add(
      http::Verb::put, "/api/v1/courses/{id}/quizzes/{lesson_id}", instructor,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto course_id = courses::course_id_param(rc);
        const auto lesson_id = lesson_id_param(rc);
        auto tx = co_await ctx.db.begin();
        co_await courses::require_editor(tx, rc, course_id);
        auto lesson = co_await tx.execute(kQuizSettings, lesson_id, course_id);
        if (lesson.empty() || lesson.text(0, "kind") != "quiz") {
          throw Error(Errc::not_found, "No such quiz in this course.");
        }
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);

        std::vector<std::string> ids;
        if (const auto* list = fields.if_contains("question_ids"); list && !list->is_null()) {
          if (!list->is_array() || list->as_array().size() > kMaxListed) {
            throw Error(Errc::validation_failed,
                        "\"question_ids\" must be a list of at most 500 question ids.");
          }
          std::set<std::string> seen;
          for (const auto& v : list->as_array()) {
            if (!v.is_string() || !http::is_uuid(v.as_string())) {
              throw Error(Errc::validation_failed,
                          "\"question_ids\" must be a list of question ids.");
            }
            auto id = ascii_lower(v.as_string());
            if (!seen.insert(id).second) {
              throw Error(Errc::validation_failed, "\"question_ids\" lists a question twice.");
            }
            ids.push_back(std::move(id));
          }
        }
        const auto draw_count = optional_int(fields, "draw_count", 1, 500);
        const auto shuffle = optional_bool(fields, "shuffle_options").value_or(true);
        const auto time_limit = optional_int(fields, "time_limit_seconds", 10, 86400);
        const auto attempts = optional_int(fields, "attempts_allowed", 1, 100);
        const auto passing = optional_int(fields, "passing_percent", 0, 100).value_or(70);
        const auto show =
            http::optional_string(fields, "show_answers", 40).value_or("after_submit");
        if (show != "never" && show != "after_submit" && show != "after_pass") {
          throw Error(Errc::validation_failed,
                      "\"show_answers\" must be one of never, after_submit, after_pass.");
        }

        std::int64_t pool = lesson.integer(0, "bank_size");
        const auto array = db::text_array(ids);
        if (!ids.empty()) {
          auto listed = co_await tx.execute(kCountListed, array, course_id);
          if (listed.integer(0, 0) != static_cast<std::int64_t>(ids.size())) {
            throw Error(Errc::validation_failed,
                        "\"question_ids\" names a question that is not in this course's bank "
                        "(or is archived).");
          }
          pool = static_cast<std::int64_t>(ids.size());
        }
        if (draw_count && *draw_count > pool) {
          throw Error(Errc::validation_failed, "\"draw_count\" must not exceed the " +
                                                   std::to_string(pool) +
                                                   " questions it draws from.");
        }
        co_await tx.execute(kSaveSettings, lesson_id, course_id, array, draw_count, shuffle,
                            time_limit, attempts, passing, show);
        auto saved = co_await tx.execute(kQuizSettings, lesson_id, course_id);
        co_await tx.commit();
        co_return http::json_response(http::Status::ok, settings_json(saved, lesson_id));
      },
      {.body_limit = 64 * 1024});
}

}  // namespace sn::quizzes
