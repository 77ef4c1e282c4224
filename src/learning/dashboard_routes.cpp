// The learner dashboard: current courses (continue where you left off, due dates), completed
// courses with their certificates, and counts. Bounded lists served by enrolments_dashboard
// (user_id, status, last_activity_at DESC), all in one statement, no query per course.

#include "core/error.hpp"
#include "learning/route_parts.hpp"

namespace sn::learning {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;

namespace {

// The whole answer in one statement, shaped as JSON by PostgreSQL: one round trip. The continue
// target is the last lesson opened, or else the course's first lesson (a LATERAL lookup per shown
// course, walking the outline from course_sections_position so it stops at the first section
// that has a lesson).
constexpr db::Query kDashboard{
    "learning.dashboard",
    "SELECT json_build_object("
    "'in_progress', (SELECT coalesce(json_agg(json_build_object("
    "  'course_id', e.course_id, 'slug', c.slug, 'title', c.title, "
    "  'progress_percent', e.progress_percent, 'completed_lessons', e.completed_lessons, "
    "  'required_lessons', e.required_lessons, 'due_at', e.due_at, "
    "  'overdue', (e.due_at IS NOT NULL AND e.due_at < now()), "
    "  'enrolled_at', e.enrolled_at, 'last_activity_at', e.last_activity_at, "
    "  'continue', CASE WHEN coalesce(l.id, f.id) IS NULL THEN NULL ELSE json_build_object("
    "    'lesson_id', coalesce(l.id, f.id), 'lesson_title', coalesce(l.title, f.title), "
    "    'lesson_kind', coalesce(l.kind, f.kind), 'position_ms', coalesce(p.position_ms, 0)) END"
    "  ) ORDER BY e.last_activity_at DESC NULLS LAST), '[]'::json) "
    "  FROM (SELECT * FROM enrolments WHERE user_id = $1::uuid AND status = 'active' "
    "        ORDER BY last_activity_at DESC NULLS LAST LIMIT 50) e "
    "  JOIN courses c ON c.id = e.course_id "
    "  LEFT JOIN lessons l ON l.id = e.last_lesson_id "
    "  LEFT JOIN lesson_progress p ON p.user_id = e.user_id AND p.course_id = e.course_id "
    "  AND p.lesson_id = e.last_lesson_id "
    "  LEFT JOIN LATERAL (SELECT fl.id, fl.title, fl.kind FROM course_sections fs "
    "    JOIN lessons fl ON fl.section_id = fs.id WHERE e.last_lesson_id IS NULL "
    "    AND fs.course_id = e.course_id ORDER BY fs.position, fl.position LIMIT 1) f ON true), "
    "'completed', (SELECT coalesce(json_agg(json_build_object("
    "  'course_id', e.course_id, 'slug', c.slug, 'title', c.title, "
    "  'completed_at', e.completed_at, 'certificate_code', ct.code"
    "  ) ORDER BY e.completed_at DESC NULLS LAST), '[]'::json) "
    "  FROM (SELECT * FROM enrolments WHERE user_id = $1::uuid AND status = 'completed' "
    "        ORDER BY completed_at DESC NULLS LAST LIMIT 50) e "
    "  JOIN courses c ON c.id = e.course_id "
    "  LEFT JOIN certificates ct ON ct.user_id = e.user_id AND ct.course_id = e.course_id "
    "  AND ct.kind = 'course' AND ct.revoked_at IS NULL), "
    "'counts', (SELECT json_build_object("
    "  'in_progress', count(*) FILTER (WHERE status = 'active'), "
    "  'completed', count(*) FILTER (WHERE status = 'completed'), "
    "  'overdue', count(*) FILTER (WHERE status = 'active' AND due_at < now()), "
    "  'certificates', (SELECT count(*) FROM certificates WHERE user_id = $1::uuid "
    "    AND revoked_at IS NULL)) "
    "  FROM enrolments WHERE user_id = $1::uuid AND status <> 'withdrawn')"
    ")::text AS dashboard"};

}  // namespace

void register_dashboard_routes(http::Router& router, LearningContext& ctx) {
  router.get("/api/v1/me/dashboard", Access::signed_in(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               auto rows = co_await ctx.db.query(kDashboard, rc.principal->user_id);
               co_return http::text_response(http::Status::ok, std::string(rows.text(0, 0)),
                                             "application/json");
             });
}

}  // namespace sn::learning
