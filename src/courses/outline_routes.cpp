// The outline of a course: sections and their lessons, edited one at a time or reordered all at
// once. Positions are dense (0, 1, …) per parent; every change bumps the course version.

#include <array>
#include <boost/asio/awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <set>

#include "content/markdown.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "courses/course_access.hpp"
#include "courses/course_common.hpp"
#include "http/conditional.hpp"
#include "http/inputs.hpp"
#include "learning/completion.hpp"

namespace sn::courses {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;
using http::Role;

namespace {

#define SN_SECTION_JSON                                                                            \
  "json_build_object('id', s.id, 'position', s.position, 'title', s.title, "                       \
  "'requires_previous', s.requires_previous, 'lessons', coalesce((SELECT json_agg(" SN_LESSON_JSON \
  " ORDER BY l.position) FROM lessons l WHERE l.section_id = s.id), '[]'::json))"

// The course row is locked by require_editor, so max(position) + 1 cannot race.
constexpr db::Query kInsertSection{
    "courses.insert_section",
    "INSERT INTO course_sections AS s (course_id, position, title, requires_previous) "
    "SELECT $1::uuid, coalesce(max(position) + 1, 0), $2, coalesce($3::boolean, false) "
    "FROM course_sections WHERE course_id = $1::uuid RETURNING " SN_SECTION_JSON "::text"};
constexpr db::Query kUpdateSection{
    "courses.update_section",
    "UPDATE course_sections AS s SET title = coalesce($3, title), "
    "requires_previous = coalesce($4::boolean, requires_previous) "
    "WHERE s.id = $2::uuid AND s.course_id = $1::uuid RETURNING " SN_SECTION_JSON "::text"};
constexpr db::Query kDeleteSection{
    "courses.delete_section",
    "DELETE FROM course_sections WHERE id = $2::uuid AND course_id = $1::uuid RETURNING 1"};
constexpr db::Query kCompactSections{
    "courses.compact_sections",
    "UPDATE course_sections s SET position = n.pos FROM (SELECT id, row_number() OVER "
    "(ORDER BY position) - 1 AS pos FROM course_sections WHERE course_id = $1::uuid) n "
    "WHERE s.id = n.id AND s.position <> n.pos"};
constexpr db::Query kSectionOfCourse{
    "courses.section_of_course",
    "SELECT 1 FROM course_sections WHERE id = $2::uuid AND course_id = $1::uuid"};

constexpr db::Query kInsertLesson{
    "courses.insert_lesson",
    "INSERT INTO lessons AS l (course_id, section_id, position, title, kind, required, body_md, "
    "body_html, media_id, duration_seconds, file_key, file_name, file_size) "
    "SELECT $1::uuid, $2::uuid, coalesce((SELECT max(position) + 1 FROM lessons "
    "WHERE section_id = $2::uuid), 0), $3, $4, coalesce($5::boolean, true), coalesce($6, ''), "
    "coalesce($7, ''), $8::uuid, coalesce((SELECT greatest(1, ceil(m.duration_ms / 1000.0))::int "
    "FROM media m WHERE m.id = $8::uuid AND m.status = 'ready'), $9::int), $10, $11, $12::bigint "
    "RETURNING " SN_LESSON_JSON "::text"};
constexpr db::Query kInsertQuiz{
    "courses.insert_quiz",
    "INSERT INTO quizzes (lesson_id, course_id) VALUES ($1::uuid, $2::uuid)"};
constexpr db::Query kLessonById{"courses.lesson_by_id",
                                "SELECT " SN_LESSON_JSON
                                "::text, l.kind FROM lessons l "
                                "WHERE l.id = $2::uuid AND l.course_id = $1::uuid"};
constexpr db::Query kUpdateLesson{
    "courses.update_lesson",
    "UPDATE lessons AS l SET title = coalesce($3, title), "
    "required = coalesce($4::boolean, required), body_md = coalesce($5, body_md), "
    "body_html = coalesce($6, body_html), "
    "media_id = CASE WHEN $7 THEN $8::uuid ELSE media_id END, "
    // A ready video's own length wins over one typed in: completion is measured by it.
    "duration_seconds = coalesce((SELECT greatest(1, ceil(m.duration_ms / 1000.0))::int "
    "  FROM media m WHERE $7 AND m.id = $8::uuid AND m.status = 'ready'), "
    "  CASE WHEN $9 THEN $10::int ELSE duration_seconds END), "
    "file_key = CASE WHEN $11 THEN $12 ELSE file_key END, "
    "file_name = CASE WHEN $13 THEN $14 ELSE file_name END, "
    "file_size = CASE WHEN $15 THEN $16::bigint ELSE file_size END, updated_at = now() "
    "WHERE l.id = $2::uuid AND l.course_id = $1::uuid RETURNING " SN_LESSON_JSON "::text"};
constexpr db::Query kDeleteLesson{
    "courses.delete_lesson",
    "DELETE FROM lessons WHERE id = $2::uuid AND course_id = $1::uuid RETURNING section_id"};
constexpr db::Query kCompactLessons{
    "courses.compact_lessons",
    "UPDATE lessons l SET position = n.pos FROM (SELECT id, row_number() OVER "
    "(ORDER BY position) - 1 AS pos FROM lessons WHERE section_id = $1::uuid) n "
    "WHERE l.id = n.id AND l.position <> n.pos"};

constexpr db::Query kOutlineIds{
    "courses.outline_ids",
    "SELECT 's' AS kind, id FROM course_sections WHERE course_id = $1::uuid "
    "UNION ALL SELECT 'l', id FROM lessons WHERE course_id = $1::uuid"};
// One statement per table for the whole reorder; the position constraints are deferred to
// commit, so swapping two positions never clashes midway.
constexpr db::Query kPlaceSections{
    "courses.place_sections",
    "UPDATE course_sections s SET position = u.pos FROM unnest($2::uuid[], $3::int[]) "
    "AS u(id, pos) WHERE s.id = u.id AND s.course_id = $1::uuid AND s.position <> u.pos"};
constexpr db::Query kPlaceLessons{
    "courses.place_lessons",
    "UPDATE lessons l SET section_id = u.section_id, position = u.pos, updated_at = now() "
    "FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS u(id, section_id, pos) "
    "WHERE l.id = u.id AND l.course_id = $1::uuid "
    "AND (l.section_id, l.position) IS DISTINCT FROM (u.section_id, u.pos)"};

// A nullable field of an edit: absent (leave it), null (clear it) or a value.
struct Nullable {
  bool set = false;
  std::optional<std::string> value;
};

Nullable nullable_text(const boost::json::object& body, std::string_view key, std::size_t max) {
  Nullable field;
  if (!body.contains(key)) return field;
  field.set = true;
  if (!is_null_field(body, key)) {
    field.value = text_field(body, key, 1, max);
  }
  return field;
}

Nullable nullable_uuid(const boost::json::object& body, std::string_view key) {
  Nullable field;
  const auto* value = body.if_contains(key);
  if (!value) return field;
  field.set = true;
  if (value->is_null()) return field;
  if (!value->is_string() || !http::is_uuid(value->as_string())) {
    throw Error(Errc::validation_failed, "\"" + std::string(key) + "\" must be an id or null.");
  }
  field.value = ascii_lower(value->as_string());
  return field;
}

Nullable nullable_int(const boost::json::object& body, std::string_view key, std::int64_t min,
                      std::int64_t max) {
  Nullable field;
  if (!body.contains(key)) return field;
  field.set = true;
  if (is_null_field(body, key)) return field;
  field.value = std::to_string(*int_field(body, key, min, max));
  return field;
}

struct LessonFields {
  std::optional<std::string> title, kind, body, body_html;
  std::optional<bool> required;
  Nullable media_id, duration_seconds, file_key, file_name, file_size;
};

LessonFields lesson_fields(const boost::json::object& body) {
  LessonFields f;
  f.title = text_field(body, "title", 1, 200);
  f.kind = text_field(body, "kind", 1, 20);
  if (f.kind && *f.kind != "video" && *f.kind != "article" && *f.kind != "quiz" &&
      *f.kind != "file") {
    throw Error(Errc::validation_failed, "\"kind\" must be one of video, article, quiz, file.");
  }
  f.required = bool_field(body, "required");
  f.body = text_field(body, "body", 0, 200000, false);
  if (f.body) f.body_html = content::markdown_to_html(*f.body);
  f.media_id = nullable_uuid(body, "media_id");
  f.duration_seconds = nullable_int(body, "duration_seconds", 1, 1000000);
  f.file_key = nullable_text(body, "file_key", 500);
  f.file_name = nullable_text(body, "file_name", 255);
  f.file_size = nullable_int(body, "file_size", 0, 1'000'000'000'000);
  return f;
}

// What a lesson may show: media of the right kind that its editor may use, that is their own (any,
// for an admin) or what a lesson of the same course already shows (a co-owner's upload). Without
// this, knowing an id would let an instructor show anyone's private upload to their learners.
constexpr db::Query kUsableMedia{
    "courses.usable_media",
    "SELECT m.kind FROM media m WHERE m.id = $1::uuid AND ($3::boolean OR m.owner_id = $2::uuid "
    "  OR EXISTS (SELECT 1 FROM lessons l WHERE l.course_id = $4::uuid "
    "   AND (l.media_id = m.id OR l.file_key = m.id::text)))"};

// The lesson fields that name media, and the kinds each may name.
struct MediaField {
  Nullable LessonFields::*field;
  std::string_view name;
  std::string_view what;
  bool (*accepts)(std::string_view kind);
};
constexpr std::array<MediaField, 2> kMediaFields{{
    {&LessonFields::media_id, "media_id", "a video",
     [](std::string_view kind) { return kind == "video"; }},
    {&LessonFields::file_key, "file_key", "a file",
     [](std::string_view kind) { return kind == "attachment" || kind == "image"; }},
}};

asio::awaitable<void> require_usable_media(db::Transaction& tx, const RequestContext& rc,
                                           const std::string& course_id, const LessonFields& f) {
  const bool admin = is_admin(rc);
  for (const MediaField& media : kMediaFields) {
    const auto& id = (f.*media.field).value;
    if (!id) continue;  // absent, or cleared with null
    std::string kind;
    if (http::is_uuid(*id)) {
      auto rows = co_await tx.execute(kUsableMedia, *id, rc.principal->user_id, admin, course_id);
      if (!rows.empty()) kind = rows.text(0, "kind");
    }
    if (!media.accepts(kind)) {
      throw Error(Errc::validation_failed, "\"" + std::string(media.name) +
                                               "\" must be the id of " + std::string(media.what) +
                                               " in your media library.");
    }
  }
}

Response with_version(Response res, std::int64_t version) {
  res.set(http::beast_http::field::etag, http::version_etag(version));
  return res;
}

Response json_text(http::Status status, std::string_view text, std::int64_t version) {
  return with_version(http::json_response(status, boost::json::parse(text)), version);
}

}  // namespace

void register_outline_routes(http::Router& router, learning::LearningContext& ctx) {
  const auto instructor = Access::role(Role::instructor);

  router.post("/api/v1/courses/{id}/sections", instructor,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto id = course_id_param(rc);
                const auto body = rc.json_body();
                const auto& fields = http::object_body(body);
                const auto title = text_field(fields, "title", 1, 200);
                const auto requires_previous = bool_field(fields, "requires_previous");
                auto tx = co_await ctx.db.begin();
                co_await require_editor(tx, rc, id);
                if (!title)
                  throw Error(Errc::validation_failed, "\"title\" must be 1 to 200 characters.");
                auto rows = co_await tx.execute(kInsertSection, id, title, requires_previous);
                const auto version = co_await bump_version(tx, id);
                co_await tx.commit();
                co_return json_text(http::Status::created, rows.text(0, 0), version);
              },
              {.body_limit = 16 * 1024});

  router.add(http::Verb::patch, "/api/v1/courses/{id}/sections/{section_id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = course_id_param(rc);
               const auto section_id = uuid_param(rc, "section_id", "section");
               const auto body = rc.json_body();
               const auto& fields = http::object_body(body);
               const auto title = text_field(fields, "title", 1, 200);
               const auto requires_previous = bool_field(fields, "requires_previous");
               auto tx = co_await ctx.db.begin();
               co_await require_editor(tx, rc, id);
               auto rows =
                   co_await tx.execute(kUpdateSection, id, section_id, title, requires_previous);
               if (rows.empty()) throw Error(Errc::not_found, "No such section.");
               const auto version = co_await bump_version(tx, id);
               co_await tx.commit();
               co_return json_text(http::Status::ok, rows.text(0, 0), version);
             },
             {.body_limit = 16 * 1024});

  // Deletes the section with its lessons (and learners' progress in them).
  router.add(http::Verb::delete_, "/api/v1/courses/{id}/sections/{section_id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = course_id_param(rc);
               const auto section_id = uuid_param(rc, "section_id", "section");
               auto tx = co_await ctx.db.begin();
               co_await require_editor(tx, rc, id);
               auto rows = co_await tx.execute(kDeleteSection, id, section_id);
               if (rows.empty()) throw Error(Errc::not_found, "No such section.");
               co_await tx.execute(kCompactSections, id);
               co_await learning::recount_enrolments(tx, id);
               const auto version = co_await bump_version(tx, id);
               co_await tx.commit();
               co_return with_version(Response{http::Status::no_content, 11}, version);
             });

  router.post("/api/v1/courses/{id}/sections/{section_id}/lessons", instructor,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto id = course_id_param(rc);
                const auto section_id = uuid_param(rc, "section_id", "section");
                const auto body = rc.json_body();
                const auto& fields = http::object_body(body);
                const auto f = lesson_fields(fields);
                auto tx = co_await ctx.db.begin();
                co_await require_editor(tx, rc, id);
                auto section = co_await tx.execute(kSectionOfCourse, id, section_id);
                if (section.empty()) throw Error(Errc::not_found, "No such section.");
                if (!f.title)
                  throw Error(Errc::validation_failed, "\"title\" must be 1 to 200 characters.");
                if (!f.kind) {
                  throw Error(Errc::validation_failed,
                              "\"kind\" must be one of video, article, quiz, file.");
                }
                co_await require_usable_media(tx, rc, id, f);
                auto rows = co_await tx.execute(kInsertLesson, id, section_id, f.title, f.kind,
                                                f.required, f.body, f.body_html, f.media_id.value,
                                                f.duration_seconds.value, f.file_key.value,
                                                f.file_name.value, f.file_size.value);
                const std::string lesson(rows.text(0, 0));
                if (*f.kind == "quiz") {
                  const auto parsed = boost::json::parse(lesson);
                  const std::string lesson_id(parsed.at("id").as_string());
                  co_await tx.execute(kInsertQuiz, lesson_id, id);
                }
                // Enrolled learners now have one more lesson to take.
                if (f.required.value_or(true)) co_await learning::recount_enrolments(tx, id);
                const auto version = co_await bump_version(tx, id);
                co_await tx.commit();
                co_return json_text(http::Status::created, lesson, version);
              },
              {.body_limit = 1024 * 1024});

  router.get("/api/v1/courses/{id}/lessons/{lesson_id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = course_id_param(rc);
               const auto lesson_id = uuid_param(rc, "lesson_id", "lesson");
               const auto course = co_await require_editor(ctx.db, rc, id);
               auto rows = co_await ctx.db.query(kLessonById, id, lesson_id);
               if (rows.empty()) throw Error(Errc::not_found, "No such lesson.");
               co_return json_text(http::Status::ok, rows.text(0, 0), course.version);
             });

  router.add(http::Verb::patch, "/api/v1/courses/{id}/lessons/{lesson_id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = course_id_param(rc);
               const auto lesson_id = uuid_param(rc, "lesson_id", "lesson");
               const auto body = rc.json_body();
               const auto& fields = http::object_body(body);
               const auto f = lesson_fields(fields);
               auto tx = co_await ctx.db.begin();
               co_await require_editor(tx, rc, id);
               auto current = co_await tx.execute(kLessonById, id, lesson_id);
               if (current.empty()) throw Error(Errc::not_found, "No such lesson.");
               if (f.kind && *f.kind != current.text(0, "kind")) {
                 throw Error(Errc::validation_failed,
                             "\"kind\" cannot change: add a new lesson of that kind instead.");
               }
               co_await require_usable_media(tx, rc, id, f);
               auto rows = co_await tx.execute(
                   kUpdateLesson, id, lesson_id, f.title, f.required, f.body, f.body_html,
                   f.media_id.set, f.media_id.value, f.duration_seconds.set,
                   f.duration_seconds.value, f.file_key.set, f.file_key.value, f.file_name.set,
                   f.file_name.value, f.file_size.set, f.file_size.value);
               if (f.required) co_await learning::recount_enrolments(tx, id);
               const auto version = co_await bump_version(tx, id);
               co_await tx.commit();
               co_return json_text(http::Status::ok, rows.text(0, 0), version);
             },
             {.body_limit = 1024 * 1024});

  router.add(http::Verb::delete_, "/api/v1/courses/{id}/lessons/{lesson_id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = course_id_param(rc);
               const auto lesson_id = uuid_param(rc, "lesson_id", "lesson");
               auto tx = co_await ctx.db.begin();
               co_await require_editor(tx, rc, id);
               auto rows = co_await tx.execute(kDeleteLesson, id, lesson_id);
               if (rows.empty()) throw Error(Errc::not_found, "No such lesson.");
               const std::string section_id(rows.text(0, 0));
               co_await tx.execute(kCompactLessons, section_id);
               co_await learning::recount_enrolments(tx, id);
               const auto version = co_await bump_version(tx, id);
               co_await tx.commit();
               co_return with_version(Response{http::Status::no_content, 11}, version);
             });

  // The whole order at once: {"sections": [{"id", "lesson_ids": [...]}, ...]} naming every
  // section and lesson of the course exactly once. Lessons may move between sections.
  router.add(http::Verb::put, "/api/v1/courses/{id}/outline", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = course_id_param(rc);
               const auto body = rc.json_body();
               const auto& fields = http::object_body(body);
               const std::string shape =
                   "\"sections\" must list every section of the course once, each as {\"id\", "
                   "\"lesson_ids\"} naming every lesson of the course once.";
               const auto* list = fields.if_contains("sections");
               if (!list || !list->is_array() || list->as_array().size() > 1000) {
                 throw Error(Errc::validation_failed, shape);
               }
               std::vector<std::string> section_ids, section_positions;
               std::vector<std::string> lesson_ids, lesson_sections, lesson_positions;
               std::set<std::string> named_sections, named_lessons;
               for (const auto& item : list->as_array()) {
                 const auto* entry = item.if_object();
                 const auto* sid = entry ? entry->if_contains("id") : nullptr;
                 const auto* lids = entry ? entry->if_contains("lesson_ids") : nullptr;
                 if (!sid || !sid->is_string() || !http::is_uuid(sid->as_string()) || !lids ||
                     !lids->is_array()) {
                   throw Error(Errc::validation_failed, shape);
                 }
                 auto section = ascii_lower(sid->as_string());
                 if (!named_sections.insert(section).second)
                   throw Error(Errc::validation_failed, shape);
                 int position = 0;
                 for (const auto& lid : lids->as_array()) {
                   if (!lid.is_string() || !http::is_uuid(lid.as_string()) ||
                       named_lessons.size() >= 10000) {
                     throw Error(Errc::validation_failed, shape);
                   }
                   auto lesson = ascii_lower(lid.as_string());
                   if (!named_lessons.insert(lesson).second)
                     throw Error(Errc::validation_failed, shape);
                   lesson_ids.push_back(std::move(lesson));
                   lesson_sections.push_back(section);
                   lesson_positions.push_back(std::to_string(position++));
                 }
                 section_positions.push_back(std::to_string(section_ids.size()));
                 section_ids.push_back(std::move(section));
               }
               auto tx = co_await ctx.db.begin();
               const auto course = co_await require_editor(tx, rc, id);
               http::require_if_match(rc, course.etag());
               auto existing = co_await tx.execute(kOutlineIds, id);
               std::set<std::string> sections, lessons;
               for (int r = 0; r < existing.rows(); ++r) {
                 auto& into = existing.text(r, 0) == "s" ? sections : lessons;
                 into.insert(std::string(existing.text(r, 1)));
               }
               if (sections != named_sections || lessons != named_lessons) {
                 throw Error(Errc::validation_failed, shape);
               }
               const auto section_array = db::text_array(section_ids);
               const auto section_position_array = db::text_array(section_positions);
               const auto lesson_array = db::text_array(lesson_ids);
               const auto lesson_section_array = db::text_array(lesson_sections);
               const auto lesson_position_array = db::text_array(lesson_positions);
               co_await tx.execute(kPlaceSections, id, section_array, section_position_array);
               co_await tx.execute(kPlaceLessons, id, lesson_array, lesson_section_array,
                                   lesson_position_array);
               co_await bump_version(tx, id);
               co_await tx.commit();
               auto view = co_await editor_view(ctx.db, id);
               co_return editor_response(view, http::Status::ok);
             },
             {.body_limit = 1024 * 1024});
}

}  // namespace sn::courses
