#include "courses/course_common.hpp"

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "core/text.hpp"
#include "http/conditional.hpp"
#include "http/inputs.hpp"

namespace sn::courses {
namespace {

std::string quoted(std::string_view key) {
  return "\"" + std::string(key) + "\"";
}

constexpr db::Query kEditorView{
    "courses.editor_view",
    "SELECT json_build_object("
    "'id', c.id, 'slug', c.slug, 'title', c.title, 'summary', c.summary, "
    "'description', c.description_md, 'description_html', c.description_html, "
    "'cover_url', c.cover_url, 'level', c.level, 'duration_minutes', c.duration_minutes, "
    "'language', c.language, 'status', c.status, 'self_enrolment', c.self_enrolment, "
    "'version', c.version, 'enrolment_count', c.enrolment_count, "
    "'published_at', c.published_at, 'created_at', c.created_at, 'updated_at', c.updated_at, "
    "'sections', coalesce((SELECT json_agg(json_build_object('id', s.id, 'position', s.position, "
    "  'title', s.title, 'requires_previous', s.requires_previous, "
    "  'lessons', coalesce((SELECT json_agg(" SN_LESSON_JSON
    " ORDER BY l.position) "
    "    FROM lessons l WHERE l.section_id = s.id), '[]'::json)) ORDER BY s.position) "
    "  FROM course_sections s WHERE s.course_id = c.id), '[]'::json), "
    "'owners', coalesce((SELECT json_agg(json_build_object('user_id', u.id, 'name', u.name, "
    "  'email', u.email) ORDER BY o.added_at, u.id) "
    "  FROM course_owners o JOIN users u ON u.id = o.user_id WHERE o.course_id = c.id), "
    "  '[]'::json), "
    "'skills', coalesce((SELECT json_agg(json_build_object('skill_id', s.id, 'slug', s.slug, "
    "  'name', s.name, 'level', cs.level) ORDER BY s.name) "
    "  FROM course_skills cs JOIN skills s ON s.id = cs.skill_id WHERE cs.course_id = c.id), "
    "  '[]'::json), "
    "'prerequisites', coalesce((SELECT json_agg(json_build_object('id', p.id, 'slug', p.slug, "
    "  'title', p.title, 'status', p.status) ORDER BY p.title, p.id) "
    "  FROM course_prerequisites cp JOIN courses p ON p.id = cp.required_course_id "
    "  WHERE cp.course_id = c.id), '[]'::json)"
    ")::text FROM courses c WHERE c.id = $1::uuid"};

constexpr db::Query kRefreshSearch{
    "courses.refresh_search",
    "UPDATE courses c SET search = course_search_vector(c.title, c.summary, c.description_md, "
    "coalesce((SELECT string_agg(s.name, ' ' ORDER BY s.name) FROM course_skills cs "
    "JOIN skills s ON s.id = cs.skill_id WHERE cs.course_id = c.id), '')) "
    "WHERE c.id = $1::uuid"};

}  // namespace

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::optional<std::string> text_field(const boost::json::object& body, std::string_view key,
                                      std::size_t min_chars, std::size_t max_chars, bool trim) {
  const auto* value = body.if_contains(key);
  if (!value) return std::nullopt;
  const auto range = min_chars == 0 ? "at most " + std::to_string(max_chars) + " characters."
                                    : std::to_string(min_chars) + " to " +
                                          std::to_string(max_chars) + " characters.";
  if (!value->is_string()) throw Error(Errc::validation_failed, quoted(key) + " must be " + range);
  std::string text(value->as_string());
  if (trim) {
    // Line breaks too: a title is one line.
    const auto first = text.find_first_not_of(" \t\r\n");
    const auto last = text.find_last_not_of(" \t\r\n");
    text = first == std::string::npos ? "" : text.substr(first, last - first + 1);
  }
  // Cheap bound before counting: no string of more than 4 bytes per character can fit.
  const auto length = text.size() > max_chars * 4 ? max_chars + 1 : utf8_length(text);
  if (length < min_chars || length > max_chars) {
    throw Error(Errc::validation_failed, quoted(key) + " must be " + range);
  }
  return text;
}

std::optional<std::int64_t> int_field(const boost::json::object& body, std::string_view key,
                                      std::int64_t min, std::int64_t max) {
  const auto* value = body.if_contains(key);
  if (!value) return std::nullopt;
  std::optional<std::int64_t> number;
  if (value->is_int64()) number = value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(max)) {
    number = static_cast<std::int64_t>(value->as_uint64());
  }
  if (!number || *number < min || *number > max) {
    throw Error(Errc::validation_failed, quoted(key) + " must be a whole number from " +
                                             std::to_string(min) + " to " + std::to_string(max) +
                                             ".");
  }
  return number;
}

std::optional<bool> bool_field(const boost::json::object& body, std::string_view key) {
  const auto* value = body.if_contains(key);
  if (!value) return std::nullopt;
  if (!value->is_bool())
    throw Error(Errc::validation_failed, quoted(key) + " must be true or false.");
  return value->as_bool();
}

bool is_null_field(const boost::json::object& body, std::string_view key) {
  const auto* value = body.if_contains(key);
  return value && value->is_null();
}

bool valid_language(std::string_view tag) {
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto dash = tag.find('-');
  const auto primary = tag.substr(0, dash);
  if (primary.size() < 2 || primary.size() > 3) return false;
  for (const char c : primary)
    if (!lower(c)) return false;
  if (dash == std::string_view::npos) return true;
  const auto region = tag.substr(dash + 1);
  return region.size() == 2 && upper(region[0]) && upper(region[1]);
}

std::string uuid_param(const http::RequestContext& rc, std::string_view name,
                       std::string_view what) {
  const auto id = rc.param(name);
  if (!http::is_uuid(id)) throw Error(Errc::not_found, "No such " + std::string(what) + ".");
  return ascii_lower(id);
}

bool sqlstate_is(const db::QueryError& e, std::string_view state) {
  return e.sqlstate() == state;
}

boost::asio::awaitable<boost::json::object> editor_view(db::Database& db, std::string course_id) {
  auto rows = co_await db.query(kEditorView, course_id);
  if (rows.empty()) throw Error(Errc::not_found, "No such course.");
  auto view = boost::json::parse(rows.text(0, 0));
  co_return std::move(view.as_object());
}

http::Response editor_response(const boost::json::object& view, http::Status status) {
  auto res = http::json_response(status, view);
  res.set(http::beast_http::field::etag,
          http::version_etag(view.at("version").to_number<std::int64_t>()));
  res.set(http::beast_http::field::cache_control, "private, no-cache");
  return res;
}

boost::asio::awaitable<void> refresh_search(db::Transaction& tx, std::string course_id) {
  co_await tx.execute(kRefreshSearch, course_id);
}

}  // namespace sn::courses
