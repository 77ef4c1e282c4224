#include "learning/completion.hpp"

#include "certificates/issue.hpp"
#include "learning/events.hpp"
#include "paths/path_progress.hpp"

namespace sn::learning {
namespace {

// Marks the lesson complete unless it already is: no row comes back for a repeat, so a retried
// request changes nothing.
constexpr db::Query kCompleteLesson{
    "learning.complete_lesson",
    "INSERT INTO lesson_progress (user_id, course_id, lesson_id, status, completed_at) "
    "VALUES ($1::uuid, $2::uuid, $3::uuid, 'completed', now()) "
    "ON CONFLICT (user_id, course_id, lesson_id) DO UPDATE SET status = 'completed', "
    "completed_at = now(), updated_at = now() WHERE lesson_progress.status <> 'completed' "
    "RETURNING 1"};

// Locks the enrolment first, so two lessons completing at once are counted one after the other.
constexpr db::Query kLockEnrolment{
    "learning.lock_enrolment",
    "SELECT status FROM enrolments WHERE user_id = $1::uuid AND course_id = $2::uuid FOR UPDATE"};

// The learner's required lessons of the course against those complete: one index range of
// lessons (lessons_by_course) and one of progress (the primary key's (user, course) prefix).
// A course completes once; later recounts (a lesson added) move the percentage, not the status.
constexpr db::Query kRecount{
    "learning.recount_enrolment",
    "UPDATE enrolments e SET required_lessons = r.required, completed_lessons = r.done, "
    "progress_percent = CASE WHEN r.required = 0 THEN 0 ELSE (100 * r.done / r.required) END, "
    "status = CASE WHEN e.status = 'active' AND r.required > 0 AND r.done >= r.required "
    "  THEN 'completed' ELSE e.status END, "
    "completed_at = CASE WHEN e.status = 'active' AND r.required > 0 AND r.done >= r.required "
    "  THEN now() ELSE e.completed_at END "
    "FROM (SELECT count(*) AS required, count(p.lesson_id) AS done FROM lessons l "
    "  LEFT JOIN lesson_progress p ON p.user_id = $1::uuid AND p.course_id = $2::uuid "
    "  AND p.lesson_id = l.id AND p.status = 'completed' "
    "  WHERE l.course_id = $2::uuid AND l.required) r "
    "WHERE e.user_id = $1::uuid AND e.course_id = $2::uuid AND e.status <> 'withdrawn' "
    "RETURNING e.status, e.progress_percent"};

// Every enrolment of a course at once: its required lessons (lessons_by_course) against each
// learner's completed ones (progress by its (user, course) prefix, per enrolment of the course).
// Counts only: who is left with everything done is returned, for recount_course to complete.
constexpr db::Query kRecountAll{
    "learning.recount_all_enrolments",
    "WITH required AS (SELECT id FROM lessons WHERE course_id = $1::uuid AND required), "
    "counted AS (SELECT e.user_id, (SELECT count(*) FROM required) AS required, "
    "  (SELECT count(*) FROM lesson_progress p JOIN required r ON r.id = p.lesson_id "
    "   WHERE p.user_id = e.user_id AND p.course_id = e.course_id AND p.status = 'completed') "
    "  AS done FROM enrolments e WHERE e.course_id = $1::uuid AND e.status <> 'withdrawn') "
    "UPDATE enrolments e SET required_lessons = c.required, completed_lessons = c.done, "
    "progress_percent = CASE WHEN c.required = 0 THEN 0 ELSE (100 * c.done / c.required) END "
    "FROM counted c WHERE e.course_id = $1::uuid AND e.user_id = c.user_id "
    "AND (e.required_lessons, e.completed_lessons) IS DISTINCT FROM (c.required, c.done) "
    "RETURNING e.user_id, (e.status = 'active' AND c.required > 0 AND c.done >= c.required) "
    "AS completes"};

}  // namespace

boost::asio::awaitable<void> recount_enrolments(db::Transaction& tx, std::string course_id) {
  auto changed = co_await tx.execute(kRecountAll, course_id);
  // Completing is per learner (an event, a certificate, their paths), and only for those this
  // edit leaves with nothing to do: usually none, at most the learners who had done everything
  // but the lesson just removed.
  for (int row = 0; row < changed.rows(); ++row) {
    if (!changed.boolean(row, 1)) continue;
    co_await recount_course(tx, std::string(changed.text(row, 0)), course_id);
  }
}

boost::asio::awaitable<CompletionOutcome> recount_course(db::Transaction& tx, std::string user_id,
                                                         std::string course_id) {
  CompletionOutcome outcome;
  auto before = co_await tx.execute(kLockEnrolment, user_id, course_id);
  if (before.empty() || before.text(0, 0) == "withdrawn") co_return outcome;
  const bool was_active = before.text(0, 0) == "active";
  auto after = co_await tx.execute(kRecount, user_id, course_id);
  outcome.progress_percent = static_cast<int>(after.integer(0, "progress_percent"));
  if (was_active && after.text(0, "status") == "completed") {
    outcome.course_completed_now = true;
    Statement completed{.actor_id = user_id,
                        .verb = "completed",
                        .object_type = "course",
                        .object_id = course_id,
                        .course_id = course_id,
                        .result = boost::json::object{{"completion", true}}};
    co_await record(tx, std::move(completed));
    outcome.certificate_code = co_await certificates::issue_for_course(tx, user_id, course_id);
    co_await paths::course_completed(tx, user_id, course_id);
  }
  co_return outcome;
}

boost::asio::awaitable<CompletionOutcome> complete_lesson(
    db::Transaction& tx, std::string user_id, std::string course_id, std::string lesson_id,
    std::optional<boost::json::object> result) {
  auto changed = co_await tx.execute(kCompleteLesson, user_id, course_id, lesson_id);
  if (changed.empty()) {
    CompletionOutcome unchanged;
    co_return unchanged;
  }
  boost::json::object outcome_result = result ? *result : boost::json::object{};
  outcome_result["completion"] = true;
  Statement completed{.actor_id = user_id,
                      .verb = "completed",
                      .object_type = "lesson",
                      .object_id = lesson_id,
                      .course_id = course_id,
                      .result = std::move(outcome_result)};
  co_await record(tx, std::move(completed));
  auto outcome = co_await recount_course(tx, user_id, course_id);
  outcome.lesson_completed_now = true;
  co_return outcome;
}

}  // namespace sn::learning
