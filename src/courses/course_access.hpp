#pragma once
// Who may change a course: its owning instructors and every admin. The route's role rule
// (instructor or above) is checked by the pipeline; ownership is checked here, against the row,
// by every feature that edits something of a course (outline, quiz bank, enrolments).

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "http/types.hpp"

namespace sn::courses {

struct EditableCourse {
  std::string id;
  std::string status;  // draft, published, archived
  std::int64_t version = 0;
  std::string etag() const;
};

// The `{name}` path parameter as a course id: 404 when it cannot be one.
std::string course_id_param(const http::RequestContext& rc, std::string_view name = "id");

// 404 when there is no such course; 403 when the caller is an instructor who does not own it.
// The transaction variant, for changes, locks the course row (FOR UPDATE), so the version it
// returns stays current until commit, and answers 412 when the request's If-Match (if any) names
// another version; routes that must not run without one call http::require_if_match too. Bump
// the version with bump_version.
boost::asio::awaitable<EditableCourse> require_editor(db::Database& db,
                                                      const http::RequestContext& rc,
                                                      std::string course_id);
boost::asio::awaitable<EditableCourse> require_editor(db::Transaction& tx,
                                                      const http::RequestContext& rc,
                                                      std::string course_id);

// Whether the caller may see drafts of the course (owner or admin), without throwing.
bool is_admin(const http::RequestContext& rc);

// Every change to a course or its outline makes a new version (the ETag). Returns it.
boost::asio::awaitable<std::int64_t> bump_version(db::Transaction& tx, std::string course_id);

// The audit trail of a course's life (published, archived, owners added or removed), in the
// changing transaction: `event` such as "course.published", `subject` the user acted on if any.
boost::asio::awaitable<void> audit_course(db::Transaction& tx, const http::RequestContext& rc,
                                          std::string event, std::string course_id,
                                          std::optional<std::string> subject = std::nullopt);

}  // namespace sn::courses
