#include "paths/path_progress.hpp"

#include "certificates/issue.hpp"
#include "learning/events.hpp"

namespace sn::paths {
namespace {

// One statement for every path of the learner that holds the course. `before` reads the rows as
// they were (a CTE sees the snapshot from before the UPDATE), which tells a completion made now
// from one made earlier.
constexpr db::Query kRecountPaths{
    "paths.recount_for_course",
    "WITH before AS ("
    "  SELECT pe.path_id, pe.completed_at FROM learning_path_enrolments pe"
    "  JOIN learning_path_courses pc ON pc.path_id = pe.path_id AND pc.course_id = $2::uuid"
    "  WHERE pe.user_id = $1::uuid FOR UPDATE OF pe), "
    "counts AS ("
    "  SELECT pc.path_id, count(*) AS total, count(e.completed_at) AS done"
    "  FROM learning_path_courses pc"
    "  LEFT JOIN enrolments e ON e.user_id = $1::uuid AND e.course_id = pc.course_id"
    "  WHERE pc.path_id IN (SELECT path_id FROM before) GROUP BY pc.path_id) "
    "UPDATE learning_path_enrolments pe SET completed_courses = c.done, "
    "  completed_at = CASE WHEN c.done = c.total THEN coalesce(pe.completed_at, now()) "
    "  ELSE pe.completed_at END "
    "FROM counts c JOIN before b ON b.path_id = c.path_id "
    "WHERE pe.user_id = $1::uuid AND pe.path_id = c.path_id "
    "RETURNING pe.path_id, (b.completed_at IS NULL AND c.done = c.total) AS completed_now"};

// The same count for one path of the learner (just enrolled, or its courses changed). A path
// without courses never completes.
constexpr db::Query kRecountPath{
    "paths.recount_path",
    "WITH before AS ("
    "  SELECT pe.path_id, pe.completed_at FROM learning_path_enrolments pe"
    "  WHERE pe.user_id = $1::uuid AND pe.path_id = $2::uuid FOR UPDATE OF pe), "
    "counts AS ("
    "  SELECT count(*) AS total, count(e.completed_at) AS done FROM learning_path_courses pc"
    "  LEFT JOIN enrolments e ON e.user_id = $1::uuid AND e.course_id = pc.course_id"
    "  WHERE pc.path_id = $2::uuid) "
    "UPDATE learning_path_enrolments pe SET completed_courses = c.done, "
    "  completed_at = CASE WHEN c.total > 0 AND c.done = c.total "
    "  THEN coalesce(pe.completed_at, now()) ELSE pe.completed_at END "
    "FROM counts c, before b "
    "WHERE pe.user_id = $1::uuid AND pe.path_id = b.path_id "
    "RETURNING pe.path_id, (b.completed_at IS NULL AND c.total > 0 AND c.done = c.total) "
    "AS completed_now"};

// Everyone in the path, into its courses that are not in it yet ($2: the new list). Learners who
// withdrew from such a course before stay withdrawn: nobody is signed up twice against their will.
constexpr db::Query kEnrolLearnersInNewCourses{
    "paths.enrol_learners_in_new_courses",
    "WITH added AS ("
    "  INSERT INTO enrolments (user_id, course_id, source) "
    "  SELECT pe.user_id, c.id, 'self' FROM learning_path_enrolments pe "
    "  JOIN courses c ON c.id = ANY($2::uuid[]) AND c.status = 'published' "
    "  WHERE pe.path_id = $1::uuid AND NOT EXISTS (SELECT 1 FROM learning_path_courses pc "
    "    WHERE pc.path_id = $1::uuid AND pc.course_id = c.id) "
    "  ON CONFLICT (user_id, course_id) DO NOTHING RETURNING user_id, course_id) "
    "INSERT INTO learning_events (actor_id, verb, object_type, object_id, course_id, context) "
    "SELECT a.user_id, 'enrolled', 'course', a.course_id, a.course_id, "
    "jsonb_build_object('path_id', $1::uuid, 'source', 'path') FROM added a"};

// Every learner of the path at once: its courses against their completed enrolments.
constexpr db::Query kRecountPathLearners{
    "paths.recount_path_learners",
    "WITH total AS (SELECT count(*) AS n FROM learning_path_courses WHERE path_id = $1::uuid), "
    "counted AS (SELECT pe.user_id, (SELECT count(*) FROM learning_path_courses pc "
    "  JOIN enrolments e ON e.user_id = pe.user_id AND e.course_id = pc.course_id "
    "  AND e.completed_at IS NOT NULL WHERE pc.path_id = $1::uuid) AS done "
    "  FROM learning_path_enrolments pe WHERE pe.path_id = $1::uuid) "
    "UPDATE learning_path_enrolments pe SET completed_courses = c.done FROM counted c, total t "
    "WHERE pe.path_id = $1::uuid AND pe.user_id = c.user_id "
    "AND (pe.completed_courses <> c.done OR (pe.completed_at IS NULL AND t.n > 0 "
    "  AND c.done = t.n)) "
    "RETURNING pe.user_id, (pe.completed_at IS NULL AND t.n > 0 AND c.done = t.n) AS completes"};

// For each path the statement reports completed now: the event and the certificate.
boost::asio::awaitable<void> complete_paths(db::Transaction& tx, const db::Result& rows,
                                            std::string user_id) {
  // Usually none or one path; a course shared by several paths completes each of them.
  for (int i = 0; i < rows.rows(); ++i) {
    if (!rows.boolean(i, rows.column("completed_now"))) continue;
    const std::string path_id(rows.text(i, "path_id"));
    learning::Statement completed{
        .actor_id = user_id, .verb = "completed", .object_type = "path", .object_id = path_id};
    co_await learning::record(tx, std::move(completed));
    co_await certificates::issue_for_path(tx, user_id, path_id);
  }
}

}  // namespace

boost::asio::awaitable<void> course_completed(db::Transaction& tx, std::string user_id,
                                              std::string course_id) {
  auto rows = co_await tx.execute(kRecountPaths, user_id, course_id);
  co_await complete_paths(tx, rows, std::move(user_id));
}

boost::asio::awaitable<bool> recount_path(db::Transaction& tx, std::string user_id,
                                          std::string path_id) {
  auto rows = co_await tx.execute(kRecountPath, user_id, path_id);
  const bool completed_now = !rows.empty() && rows.boolean(0, rows.column("completed_now"));
  co_await complete_paths(tx, rows, std::move(user_id));
  co_return completed_now;
}

boost::asio::awaitable<void> enrol_path_learners_in_new_courses(db::Transaction& tx,
                                                                std::string path_id,
                                                                std::string course_ids) {
  co_await tx.execute(kEnrolLearnersInNewCourses, path_id, course_ids);
}

boost::asio::awaitable<void> recount_path_learners(db::Transaction& tx, std::string path_id) {
  auto rows = co_await tx.execute(kRecountPathLearners, path_id);
  // Completing is per learner (an event, a certificate), and only for those the change leaves
  // with nothing to do: usually none.
  for (int i = 0; i < rows.rows(); ++i) {
    if (!rows.boolean(i, 1)) continue;
    co_await recount_path(tx, std::string(rows.text(i, 0)), path_id);
  }
}

}  // namespace sn::paths
