// The learner dashboard: current courses (continue where you left off, due dates), completed
// courses with their certificates, and counts. Bounded lists served by enrolments_dashboard
// (user_id, status, last_activity_at DESC): one statement each, no query per course.

#include <boost/json/array.hpp>

#include "core/error.hpp"
#include "learning/route_parts.hpp"

namespace sn::learning {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;

namespace {

// The continue target: the last lesson opened, or else the course's first lesson (a LATERAL
// lookup per shown course, inside the one statement, walking the outline from
// course_sections_position so it stops at the first section that has a lesson).
constexpr db::Query kInProgress{
    "learning.dashboard_in_progress",
    "SELECT e.course_id, c.slug, c.title, e.progress_percent, e.completed_lessons, "
    "e.required_lessons, to_json(e.due_at) #>> '{}' AS due_at, "
    "(e.due_at IS NOT NULL AND e.due_at < now()) AS overdue, "
    "to_json(e.last_activity_at) #>> '{}' AS last_activity_at, "
    "to_json(e.enrolled_at) #>> '{}' AS enrolled_at, "
    "coalesce(l.id, f.id) AS lesson_id, coalesce(l.title, f.title) AS lesson_title, "
    "coalesce(l.kind, f.kind) AS lesson_kind, coalesce(p.position_ms, 0) AS position_ms "
    "FROM enrolments e JOIN courses c ON c.id = e.course_id "
    "LEFT JOIN lessons l ON l.id = e.last_lesson_id "
    "LEFT JOIN lesson_progress p ON p.user_id = e.user_id AND p.course_id = e.course_id "
    "AND p.lesson_id = e.last_lesson_id "
    "LEFT JOIN LATERAL (SELECT fl.id, fl.title, fl.kind FROM course_sections fs "
    "  JOIN lessons fl ON fl.section_id = fs.id WHERE e.last_lesson_id IS NULL "
    "  AND fs.course_id = e.course_id ORDER BY fs.position, fl.position LIMIT 1) f ON true "
    "WHERE e.user_id = $1::uuid AND e.status = 'active' "
    "ORDER BY e.last_activity_at DESC NULLS LAST LIMIT 50"};

constexpr db::Query kCompleted{
    "learning.dashboard_completed",
    "SELECT e.course_id, c.slug, c.title, to_json(e.completed_at) #>> '{}' AS completed_at, "
    "ct.code AS certificate_code FROM enrolments e JOIN courses c ON c.id = e.course_id "
    "LEFT JOIN certificates ct ON ct.user_id = e.user_id AND ct.course_id = e.course_id "
    "AND ct.kind = 'course' AND ct.revoked_at IS NULL "
    "WHERE e.user_id = $1::uuid AND e.status = 'completed' "
    "ORDER BY e.completed_at DESC NULLS LAST LIMIT 50"};

constexpr db::Query kCounts{
    "learning.dashboard_counts",
    "SELECT count(*) FILTER (WHERE status = 'active') AS in_progress, "
    "count(*) FILTER (WHERE status = 'completed') AS completed, "
    "count(*) FILTER (WHERE status = 'active' AND due_at < now()) AS overdue, "
    "(SELECT count(*) FROM certificates WHERE user_id = $1::uuid AND revoked_at IS NULL) "
    "AS certificates FROM enrolments WHERE user_id = $1::uuid AND status <> 'withdrawn'"};

boost::json::value nullable(std::optional<std::string> text) {
  if (!text) return nullptr;
  return boost::json::string(*text);
}

}  // namespace

void register_dashboard_routes(http::Router& router, LearningContext& ctx) {
  router.get("/api/v1/me/dashboard", Access::signed_in(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto& user_id = rc.principal->user_id;
               auto current = co_await ctx.db.query(kInProgress, user_id);
               auto done = co_await ctx.db.query(kCompleted, user_id);
               auto counts = co_await ctx.db.query(kCounts, user_id);

               boost::json::array in_progress;
               for (int r = 0; r < current.rows(); ++r) {
                 boost::json::value next = nullptr;
                 if (auto lesson = current.optional_text(r, "lesson_id")) {
                   next = boost::json::object{{"lesson_id", *lesson},
                                              {"lesson_title", current.text(r, "lesson_title")},
                                              {"lesson_kind", current.text(r, "lesson_kind")},
                                              {"position_ms", current.integer(r, "position_ms")}};
                 }
                 in_progress.push_back(
                     {{"course_id", current.text(r, "course_id")},
                      {"slug", current.text(r, "slug")},
                      {"title", current.text(r, "title")},
                      {"progress_percent", current.integer(r, "progress_percent")},
                      {"completed_lessons", current.integer(r, "completed_lessons")},
                      {"required_lessons", current.integer(r, "required_lessons")},
                      {"due_at", nullable(current.optional_text(r, "due_at"))},
                      {"overdue", current.boolean(r, current.column("overdue"))},
                      {"enrolled_at", current.text(r, "enrolled_at")},
                      {"last_activity_at", nullable(current.optional_text(r, "last_activity_at"))},
                      {"continue", std::move(next)}});
               }
               boost::json::array completed;
               for (int r = 0; r < done.rows(); ++r) {
                 completed.push_back(
                     {{"course_id", done.text(r, "course_id")},
                      {"slug", done.text(r, "slug")},
                      {"title", done.text(r, "title")},
                      {"completed_at", nullable(done.optional_text(r, "completed_at"))},
                      {"certificate_code", nullable(done.optional_text(r, "certificate_code"))}});
               }
               boost::json::object answer{{"in_progress", std::move(in_progress)},
                                          {"completed", std::move(completed)},
                                          {"counts",
                                           {{"in_progress", counts.integer(0, "in_progress")},
                                            {"completed", counts.integer(0, "completed")},
                                            {"overdue", counts.integer(0, "overdue")},
                                            {"certificates", counts.integer(0, "certificates")}}}};
               co_return http::json_response(http::Status::ok, answer);
             });
}

}  // namespace sn::learning
