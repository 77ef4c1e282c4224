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

}  // namespace sn::paths
