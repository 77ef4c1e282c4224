#pragma once
// What the course route files share: their register functions, the readers of JSON fields with
// the messages every course form shows, and the editor's view of a course.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/slug.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "learning/context.hpp"

namespace sn::courses {

void register_skills_routes(http::Router& router, learning::LearningContext& ctx);
void register_authoring_routes(http::Router& router, learning::LearningContext& ctx);
void register_outline_routes(http::Router& router, learning::LearningContext& ctx);
void register_catalog_routes(http::Router& router, learning::LearningContext& ctx);

// Characters (code points), as PostgreSQL's length() counts them, so limits agree with the CHECKs.
std::size_t utf8_length(std::string_view text);

// A text field: nullopt when absent; 422 naming the field when null, not a string, or (after
// trimming blanks when `trim`) outside min..max characters.
std::optional<std::string> text_field(const boost::json::object& body, std::string_view key,
                                      std::size_t min_chars, std::size_t max_chars,
                                      bool trim = true);
// An integer field in min..max: nullopt when absent; 422 when null or out of range.
std::optional<std::int64_t> int_field(const boost::json::object& body, std::string_view key,
                                      std::int64_t min, std::int64_t max);
std::optional<bool> bool_field(const boost::json::object& body, std::string_view key);
// Whether the field is present and null (a nullable field being cleared).
bool is_null_field(const boost::json::object& body, std::string_view key);

// ll, lll or ll-RR, as courses.language allows.
bool valid_language(std::string_view tag);

// A uuid path parameter; 404 "No such <what>." when it cannot be one.
std::string uuid_param(const http::RequestContext& rc, std::string_view name,
                       std::string_view what);

bool sqlstate_is(const db::QueryError& e, std::string_view state);

// The editor's view of a course: every field, the outline with lesson content, owners, skills,
// prerequisites and the version. Throws 404 when there is no such course.
boost::asio::awaitable<boost::json::object> editor_view(db::Database& db, std::string course_id);
// 200/201 with the view and its ETag (the course version).
http::Response editor_response(const boost::json::object& view, http::Status status);

// The catalog's search words as tsquery text: "word1 & word2 & prefix:*" from letters and digits
// only, so user text is never parsed as tsquery syntax. nullopt when there are no words.
std::optional<std::string> search_query(std::string_view text);

// Rewrites courses.search from the title, summary, description and skill names.
boost::asio::awaitable<void> refresh_search(db::Transaction& tx, std::string course_id);

// The lesson object of the editor (all content fields), as SQL over the alias `l`.
#define SN_LESSON_JSON                                                                         \
  "json_build_object('id', l.id, 'section_id', l.section_id, 'position', l.position, "         \
  "'title', l.title, 'kind', l.kind, 'required', l.required, 'body', l.body_md, "              \
  "'body_html', l.body_html, 'media_id', l.media_id, 'duration_seconds', l.duration_seconds, " \
  "'file_key', l.file_key, 'file_name', l.file_name, 'file_size', l.file_size, "               \
  "'updated_at', l.updated_at)"

}  // namespace sn::courses
