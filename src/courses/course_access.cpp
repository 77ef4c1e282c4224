#include "courses/course_access.hpp"

#include <boost/json/serialize.hpp>

#include "admin/common.hpp"
#include "core/error.hpp"
#include "http/conditional.hpp"
#include "http/inputs.hpp"

namespace sn::courses {
namespace {

#define SN_COURSE_EDITOR_SELECT                                                                 \
  "SELECT c.status, c.version, EXISTS (SELECT 1 FROM course_owners o WHERE o.course_id = c.id " \
  "AND o.user_id = $2::uuid) AS owner FROM courses c WHERE c.id = $1::uuid "

constexpr db::Query kEditor{"courses.editor", SN_COURSE_EDITOR_SELECT};
constexpr db::Query kEditorLocked{"courses.editor_locked",
                                  SN_COURSE_EDITOR_SELECT "FOR UPDATE OF c"};
constexpr db::Query kBumpVersion{
    "courses.bump_version",
    "UPDATE courses SET version = version + 1, updated_at = now() WHERE id = $1::uuid "
    "RETURNING version"};

EditableCourse checked(const db::Result& rows, const http::RequestContext& rc,
                       std::string course_id) {
  if (rows.empty()) throw Error(Errc::not_found, "No such course.");
  if (!is_admin(rc) && !rows.boolean(0, rows.column("owner"))) {
    throw Error(Errc::forbidden, "Only the course's instructors and admins may change it.");
  }
  return {std::move(course_id), std::string(rows.text(0, "status")), rows.integer(0, "version")};
}

}  // namespace

std::string EditableCourse::etag() const {
  return http::version_etag(version);
}

std::string course_id_param(const http::RequestContext& rc, std::string_view name) {
  const auto id = rc.param(name);
  if (!http::is_uuid(id)) throw Error(Errc::not_found, "No such course.");
  return std::string(id);
}

bool is_admin(const http::RequestContext& rc) {
  return rc.principal && rc.principal->role == http::Role::admin;
}

boost::asio::awaitable<EditableCourse> require_editor(db::Database& db,
                                                      const http::RequestContext& rc,
                                                      std::string course_id) {
  auto rows = co_await db.query(kEditor, course_id, rc.principal->user_id);
  co_return checked(rows, rc, std::move(course_id));
}

boost::asio::awaitable<EditableCourse> require_editor(db::Transaction& tx,
                                                      const http::RequestContext& rc,
                                                      std::string course_id) {
  auto rows = co_await tx.execute(kEditorLocked, course_id, rc.principal->user_id);
  auto course = checked(rows, rc, std::move(course_id));
  // Every change honours an If-Match the client sends: an editor open on a stale version gets
  // 412 instead of overwriting someone else's edit.
  if (!rc.request[http::beast_http::field::if_match].empty()) {
    http::require_if_match(rc, course.etag());
  }
  co_return course;
}

boost::asio::awaitable<std::int64_t> bump_version(db::Transaction& tx, std::string course_id) {
  auto rows = co_await tx.execute(kBumpVersion, course_id);
  co_return rows.integer(0, 0);
}

boost::asio::awaitable<void> audit_course(db::Transaction& tx, const http::RequestContext& rc,
                                          std::string event, std::string course_id,
                                          std::optional<std::string> subject) {
  const auto detail = boost::json::serialize(boost::json::object{{"course_id", course_id}});
  co_await tx.execute(admin::kAuditBy, event, subject, rc.principal->user_id, rc.client.to_string(),
                      detail);
}

}  // namespace sn::courses
