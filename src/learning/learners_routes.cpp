// The course editors' view of its learners: a keyset-paged list (by user id, the order of
// enrolments_by_course) with progress and best quiz scores, and the same table as a CSV file.

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <cstdio>

#include "core/error.hpp"
#include "courses/course_access.hpp"
#include "http/inputs.hpp"
#include "learning/progress_rules.hpp"
#include "learning/route_parts.hpp"

namespace sn::learning {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;
using http::Role;

namespace {

// Best quiz scores come from lesson_progress (kept by the quizzes slice) through its primary
// key's (user, course) prefix: one index range per learner shown, inside the one statement.
constexpr db::Query kLearners{
    "learning.course_learners",
    "SELECT e.user_id, u.name, u.email, e.status, e.progress_percent, e.completed_lessons, "
    "e.required_lessons, to_json(e.due_at) #>> '{}' AS due_at, "
    "(e.due_at IS NOT NULL AND e.due_at < now() AND e.status = 'active') AS overdue, "
    "to_json(e.enrolled_at) #>> '{}' AS enrolled_at, "
    "to_json(e.completed_at) #>> '{}' AS completed_at, "
    "to_json(e.last_activity_at) #>> '{}' AS last_activity_at, "
    "(SELECT coalesce(json_object_agg(p.lesson_id, p.best_score), '{}') FROM lesson_progress p "
    "  JOIN lessons l ON l.id = p.lesson_id AND l.kind = 'quiz' WHERE p.user_id = e.user_id "
    "  AND p.course_id = e.course_id AND p.best_score IS NOT NULL)::text AS quiz_scores "
    "FROM enrolments e JOIN users u ON u.id = e.user_id "
    "WHERE e.course_id = $1::uuid AND e.user_id > $2::uuid "
    "AND ($3::text IS NULL OR e.status = $3::text) ORDER BY e.user_id LIMIT $4"};

constexpr db::Query kQuizLessons{
    "learning.course_quiz_lessons",
    "SELECT l.id, l.title FROM lessons l JOIN course_sections s ON s.id = l.section_id "
    "WHERE l.course_id = $1::uuid AND l.kind = 'quiz' ORDER BY s.position, l.position"};

constexpr db::Query kCourseSlug{"learning.course_slug",
                                "SELECT slug FROM courses WHERE id = $1::uuid"};

constexpr const char* kFirstUuid = "00000000-0000-0000-0000-000000000000";
constexpr int kCsvBatch = 1000;

boost::json::value nullable(std::optional<std::string> text) {
  if (!text) return nullptr;
  return boost::json::string(*text);
}

boost::json::value learner_row(const db::Result& rows, int r) {
  return boost::json::object{
      {"user_id", rows.text(r, "user_id")},
      {"name", rows.text(r, "name")},
      {"email", rows.text(r, "email")},
      {"status", rows.text(r, "status")},
      {"progress_percent", rows.integer(r, "progress_percent")},
      {"completed_lessons", rows.integer(r, "completed_lessons")},
      {"required_lessons", rows.integer(r, "required_lessons")},
      {"due_at", nullable(rows.optional_text(r, "due_at"))},
      {"overdue", rows.boolean(r, rows.column("overdue"))},
      {"enrolled_at", rows.text(r, "enrolled_at")},
      {"completed_at", nullable(rows.optional_text(r, "completed_at"))},
      {"last_activity_at", nullable(rows.optional_text(r, "last_activity_at"))},
      {"quiz_scores", boost::json::parse(rows.text(r, "quiz_scores"))}};
}

// 87.5, 100, 66.67: scores are numeric(5,2), so %g loses nothing (JSON's serializer would
// write 8.75E1).
std::string score_text(double score) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", score);
  return text;
}

std::optional<std::string> status_filter(const http::QueryParams& params) {
  auto status = http::param(params, "status");
  if (status && *status != "active" && *status != "completed" && *status != "withdrawn") {
    throw Error(Errc::validation_failed, "\"status\" must be active, completed or withdrawn.");
  }
  return status;
}

std::string after_cursor(const http::QueryParams& params) {
  auto cursor = http::param(params, "cursor");
  if (!cursor) return kFirstUuid;
  auto after = http::decode_cursor(*cursor, 1)[0];
  if (!http::is_uuid(after)) throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
  return after;
}

}  // namespace

void register_learners_routes(http::Router& router, LearningContext& ctx) {
  const auto instructor = Access::role(Role::instructor);

  router.get("/api/v1/courses/{id}/learners", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto course_id = courses::course_id_param(rc);
               co_await courses::require_editor(ctx.db, rc, course_id);
               const auto params = http::query_params(rc.request);
               const int limit = http::page_limit(params);
               const auto status = status_filter(params);
               const auto after = after_cursor(params);
               auto rows = co_await ctx.db.query(kLearners, course_id, after, status, limit + 1);
               auto quizzes = co_await ctx.db.query(kQuizLessons, course_id);
               auto page = http::keyset_page(rows, limit, "learners", learner_row, {"user_id"});
               boost::json::array quiz_list;
               for (int r = 0; r < quizzes.rows(); ++r) {
                 quiz_list.push_back(
                     {{"lesson_id", quizzes.text(r, "id")}, {"title", quizzes.text(r, "title")}});
               }
               page["quizzes"] = std::move(quiz_list);
               co_return http::json_response(http::Status::ok, page);
             });

  // The whole list as CSV, read in keyset batches so no single query holds every learner.
  router.get(
      "/api/v1/courses/{id}/learners.csv", instructor,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto course_id = courses::course_id_param(rc);
        co_await courses::require_editor(ctx.db, rc, course_id);
        const auto params = http::query_params(rc.request);
        const auto status = status_filter(params);
        auto quizzes = co_await ctx.db.query(kQuizLessons, course_id);
        auto slug = co_await ctx.db.query(kCourseSlug, course_id);

        std::string csv =
            "email,name,status,progress_percent,completed_lessons,required_lessons,due_at,"
            "enrolled_at,completed_at,last_activity_at";
        for (int q = 0; q < quizzes.rows(); ++q)
          csv += "," + csv_cell(std::string("quiz: ") + std::string(quizzes.text(q, "title")));
        csv += "\r\n";
        std::string after = kFirstUuid;
        while (true) {
          auto rows = co_await ctx.db.query(kLearners, course_id, after, status, kCsvBatch);
          for (int r = 0; r < rows.rows(); ++r) {
            csv += csv_cell(rows.text(r, "email"));
            for (const char* col :
                 {"name", "status", "progress_percent", "completed_lessons", "required_lessons",
                  "due_at", "enrolled_at", "completed_at", "last_activity_at"}) {
              csv += ',';
              csv += csv_cell(rows.optional_text(r, col).value_or(""));
            }
            const auto scores = boost::json::parse(rows.text(r, "quiz_scores"));
            for (int q = 0; q < quizzes.rows(); ++q) {
              csv += ',';
              const auto* score = scores.as_object().if_contains(quizzes.text(q, "id"));
              if (score && score->is_number()) csv += score_text(score->to_number<double>());
            }
            csv += "\r\n";
          }
          if (rows.rows() < kCsvBatch) break;
          after = std::string(rows.text(rows.rows() - 1, "user_id"));
        }
        auto res = http::text_response(http::Status::ok, std::move(csv), "text/csv; charset=utf-8");
        res.set(boost::beast::http::field::content_disposition,
                "attachment; filename=\"learners-" + std::string(slug.text(0, 0)) + ".csv\"");
        co_return res;
      });
}

}  // namespace sn::learning
