// Learning paths: authoring (instructors and admins), the public catalog, learner enrolment and
// progress, and the learner's skill profile.

#include "paths/path_routes.hpp"

#include <boost/json/array.hpp>
#include <set>

#include "content/markdown.hpp"
#include "core/error.hpp"
#include "core/slug.hpp"
#include "core/text.hpp"
#include "http/conditional.hpp"
#include "http/inputs.hpp"
#include "learning/events.hpp"
#include "paths/path_progress.hpp"

namespace sn::paths {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;
using http::Role;

namespace {

#define SN_PATH_COLUMNS                                                                          \
  "p.id, p.slug, p.title, p.summary, p.description_md, p.description_html, p.status, "           \
  "p.version, p.created_by, to_json(p.published_at) #>> '{}' AS published_at, "                  \
  "to_json(p.created_at) #>> '{}' AS created_at, to_json(p.updated_at) #>> '{}' AS updated_at, " \
  "(SELECT count(*) FROM learning_path_courses pc WHERE pc.path_id = p.id) AS course_count "

constexpr db::Query kEditor{
    "paths.editor",
    "SELECT status, version, created_by = $2::uuid AS owner FROM learning_paths "
    "WHERE id = $1::uuid"};
constexpr db::Query kEditorLocked{
    "paths.editor_locked",
    "SELECT status, version, created_by = $2::uuid AS owner FROM learning_paths "
    "WHERE id = $1::uuid FOR UPDATE"};
constexpr db::Query kPathById{
    "paths.by_id", "SELECT " SN_PATH_COLUMNS "FROM learning_paths p WHERE p.id = $1::uuid"};
constexpr db::Query kPathCourses{
    "paths.courses",
    "SELECT c.id, c.slug, c.title, c.summary, c.level, c.duration_minutes, c.status, pc.position "
    "FROM learning_path_courses pc JOIN courses c ON c.id = pc.course_id "
    "WHERE pc.path_id = $1::uuid ORDER BY pc.position"};
constexpr db::Query kCreatePath{
    "paths.create",
    "INSERT INTO learning_paths AS p (slug, title, summary, description_md, description_html, "
    "created_by) VALUES ($1, $2, $3, $4, $5, $6::uuid) RETURNING " SN_PATH_COLUMNS};
constexpr db::Query kUpdatePath{
    "paths.update",
    "UPDATE learning_paths p SET slug = coalesce($2, slug), title = coalesce($3, title), "
    "summary = coalesce($4, summary), description_md = coalesce($5, description_md), "
    "description_html = coalesce($6, description_html), version = version + 1, "
    "updated_at = now() WHERE p.id = $1::uuid RETURNING " SN_PATH_COLUMNS};
constexpr db::Query kBumpVersion{
    "paths.bump_version",
    "UPDATE learning_paths SET version = version + 1, updated_at = now() WHERE id = $1::uuid"};
// Mine (or every path, for an admin), newest first: learning_paths_by_creator serves it.
constexpr db::Query kListMine{"paths.list_mine",
                              "SELECT " SN_PATH_COLUMNS
                              "FROM learning_paths p WHERE p.created_by = $1::uuid "
                              "AND (p.created_at, p.id) < ($2::timestamptz, $3::uuid) "
                              "ORDER BY p.created_at DESC, p.id DESC LIMIT $4"};
constexpr db::Query kListAll{"paths.list_all",
                             "SELECT " SN_PATH_COLUMNS
                             "FROM learning_paths p WHERE $1::uuid IS NOT NULL "
                             "AND (p.created_at, p.id) < ($2::timestamptz, $3::uuid) "
                             "ORDER BY p.created_at DESC, p.id DESC LIMIT $4"};
// The courses a caller may put in a path: published ones, plus their own drafts (an admin: any).
constexpr db::Query kUsableCourses{
    "paths.usable_courses",
    "SELECT count(*) AS usable, count(*) FILTER (WHERE c.status <> 'published') AS unpublished "
    "FROM courses c WHERE c.id = ANY($1::uuid[]) AND ($3 OR c.status = 'published' OR EXISTS "
    "(SELECT 1 FROM course_owners o WHERE o.course_id = c.id AND o.user_id = $2::uuid))"};
constexpr db::Query kDropCourses{"paths.drop_courses",
                                 "DELETE FROM learning_path_courses WHERE path_id = $1::uuid "
                                 "AND NOT (course_id = ANY($2::uuid[]))"};
// Positions are checked at commit (DEFERRABLE), so one statement can reorder the whole list.
constexpr db::Query kPlaceCourses{
    "paths.place_courses",
    "INSERT INTO learning_path_courses (path_id, course_id, position) "
    "SELECT $1::uuid, t.id, t.ord - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord) "
    "ON CONFLICT (path_id, course_id) DO UPDATE SET position = excluded.position"};
constexpr db::Query kPublishable{
    "paths.publishable",
    "SELECT count(*) AS total, count(*) FILTER (WHERE c.status <> 'published') AS unpublished "
    "FROM learning_path_courses pc JOIN courses c ON c.id = pc.course_id "
    "WHERE pc.path_id = $1::uuid"};
constexpr db::Query kSetStatus{
    "paths.set_status",
    "UPDATE learning_paths p SET status = $2, published_at = CASE WHEN $2 = 'published' "
    "THEN coalesce(p.published_at, now()) ELSE p.published_at END, version = version + 1, "
    "updated_at = now() WHERE p.id = $1::uuid RETURNING " SN_PATH_COLUMNS};

// The catalog: published paths, newest first (learning_paths_published).
constexpr db::Query kCatalog{"paths.catalog",
                             "SELECT " SN_PATH_COLUMNS
                             "FROM learning_paths p WHERE p.status = 'published' "
                             "AND (p.published_at, p.id) < ($1::timestamptz, $2::uuid) "
                             "ORDER BY p.published_at DESC, p.id DESC LIMIT $3"};
constexpr db::Query kCatalogBySlug{
    "paths.catalog_by_slug",
    "SELECT " SN_PATH_COLUMNS "FROM learning_paths p WHERE p.slug = $1 AND p.status = 'published'"};
// Drafts never show in the catalog, even inside a published path.
constexpr db::Query kCatalogCourses{
    "paths.catalog_courses",
    "SELECT c.id, c.slug, c.title, c.summary, c.level, c.duration_minutes, c.status, pc.position "
    "FROM learning_path_courses pc JOIN courses c ON c.id = pc.course_id "
    "WHERE pc.path_id = $1::uuid AND c.status <> 'draft' ORDER BY pc.position"};

constexpr db::Query kPathStatus{"paths.status",
                                "SELECT status FROM learning_paths WHERE id = $1::uuid"};
constexpr db::Query kEnrolInPath{
    "paths.enrol",
    "INSERT INTO learning_path_enrolments (user_id, path_id) VALUES ($1::uuid, $2::uuid) "
    "ON CONFLICT DO NOTHING RETURNING 1"};
// Every published course of the path the learner is not in yet (a withdrawn enrolment comes
// back), and an `enrolled` statement for each, in one statement however long the path.
constexpr db::Query kEnrolInCourses{
    "paths.enrol_courses",
    "WITH added AS ("
    "  INSERT INTO enrolments (user_id, course_id, source) "
    "  SELECT $1::uuid, pc.course_id, 'self' FROM learning_path_courses pc "
    "  JOIN courses c ON c.id = pc.course_id AND c.status = 'published' "
    "  WHERE pc.path_id = $2::uuid "
    "  ON CONFLICT (user_id, course_id) DO UPDATE SET "
    "    status = CASE WHEN enrolments.completed_at IS NULL THEN 'active' ELSE 'completed' END, "
    "    source = 'self', withdrawn_at = NULL, enrolled_at = now() "
    "  WHERE enrolments.status = 'withdrawn' RETURNING course_id) "
    "INSERT INTO learning_events (actor_id, verb, object_type, object_id, course_id, context) "
    "SELECT $1::uuid, 'enrolled', 'course', a.course_id, a.course_id, "
    "jsonb_build_object('path_id', $2::uuid, 'source', 'self') FROM added a"};
constexpr db::Query kLeavePath{
    "paths.leave",
    "DELETE FROM learning_path_enrolments WHERE user_id = $1::uuid AND path_id = $2::uuid "
    "RETURNING 1"};

// A learner's path with live progress: few courses per path, so the lateral counts stay small.
#define SN_MY_PATH_SELECT                                                                      \
  "SELECT p.id, p.slug, p.title, p.status, to_json(pe.enrolled_at) #>> '{}' AS enrolled_at, "  \
  "to_json(pe.completed_at) #>> '{}' AS completed_at, t.total, t.done, n.id AS next_id, "      \
  "n.slug AS next_slug, n.title AS next_title, cert.id AS certificate_id, "                    \
  "cert.code AS certificate_code "                                                             \
  "FROM learning_path_enrolments pe JOIN learning_paths p ON p.id = pe.path_id "               \
  "CROSS JOIN LATERAL (SELECT count(*) AS total, count(e.completed_at) AS done "               \
  "  FROM learning_path_courses pc LEFT JOIN enrolments e ON e.user_id = pe.user_id "          \
  "  AND e.course_id = pc.course_id WHERE pc.path_id = pe.path_id) t "                         \
  "LEFT JOIN LATERAL (SELECT c.id, c.slug, c.title FROM learning_path_courses pc "             \
  "  JOIN courses c ON c.id = pc.course_id LEFT JOIN enrolments e ON e.user_id = pe.user_id "  \
  "  AND e.course_id = pc.course_id WHERE pc.path_id = pe.path_id AND e.completed_at IS NULL " \
  "  ORDER BY pc.position LIMIT 1) n ON true "                                                 \
  "LEFT JOIN certificates cert ON cert.user_id = pe.user_id AND cert.path_id = pe.path_id "    \
  "AND cert.kind = 'path' "

constexpr db::Query kMyPaths{"paths.mine_enrolled", SN_MY_PATH_SELECT
                             "WHERE pe.user_id = $1::uuid "
                             "AND (pe.enrolled_at, pe.path_id) < ($2::timestamptz, $3::uuid) "
                             "ORDER BY pe.enrolled_at DESC, pe.path_id DESC LIMIT $4"};
constexpr db::Query kMyPath{
    "paths.mine_one", SN_MY_PATH_SELECT "WHERE pe.user_id = $1::uuid AND pe.path_id = $2::uuid"};

// learner_skills groups by user, so the user filter is pushed into it: one index range of the
// learner's enrolments.
constexpr db::Query kMySkills{
    "paths.my_skills",
    "SELECT s.id, s.slug, s.name, ls.level, ls.courses, "
    "to_json(ls.last_completed_at) #>> '{}' AS last_completed_at "
    "FROM learner_skills ls JOIN skills s ON s.id = ls.skill_id WHERE ls.user_id = $1::uuid "
    "ORDER BY ls.level DESC, lower(s.name), s.id"};

constexpr const char* kLastUuid = "ffffffff-ffff-ffff-ffff-ffffffffffff";
constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxSlug = 100;
constexpr std::size_t kMaxSummary = 500;
constexpr std::size_t kMaxDescription = 100000;
constexpr std::size_t kMaxCourses = 100;

bool is_admin(const RequestContext& rc) {
  return rc.principal && rc.principal->role == Role::admin;
}

std::string path_id_param(const RequestContext& rc) {
  const auto id = rc.param("id");
  if (!http::is_uuid(id)) throw Error(Errc::not_found, "No such path.");
  return std::string(id);
}

struct EditablePath {
  std::string status;
  std::int64_t version = 0;
};

// 404 for no such path, 403 for an instructor who did not create it.
EditablePath checked_editor(const db::Result& rows, const RequestContext& rc) {
  if (rows.empty()) throw Error(Errc::not_found, "No such path.");
  if (!is_admin(rc) && !rows.boolean(0, rows.column("owner"))) {
    throw Error(Errc::forbidden, "Only the path's author and admins may change it.");
  }
  return {std::string(rows.text(0, "status")), rows.integer(0, "version")};
}

std::optional<std::string> title_field(const boost::json::object& fields, bool required) {
  auto title = http::optional_string(fields, "title", 4 * kMaxTitle);
  if (!title) {
    if (required) throw Error(Errc::validation_failed, "\"title\" is required.");
    return std::nullopt;
  }
  std::string trimmed(trim_blanks(*title));
  if (trimmed.empty() || trimmed.size() > kMaxTitle) {
    throw Error(Errc::validation_failed, "\"title\" must be 1 to 200 characters.");
  }
  return trimmed;
}

std::optional<std::string> slug_field(const boost::json::object& fields) {
  auto slug = http::optional_string(fields, "slug", 4 * kMaxSlug);
  if (slug && !valid_slug(*slug, kMaxSlug)) {
    throw Error(Errc::validation_failed,
                "\"slug\" must be 1 to 100 lower-case letters, digits and single dashes.");
  }
  return slug;
}

std::optional<std::string> summary_field(const boost::json::object& fields) {
  auto summary = http::optional_string(fields, "summary", 4 * kMaxSummary);
  if (summary && summary->size() > kMaxSummary) {
    throw Error(Errc::validation_failed, "\"summary\" must be at most 500 characters.");
  }
  return summary;
}

std::optional<std::string> description_field(const boost::json::object& fields) {
  auto description = http::optional_string(fields, "description_md", kMaxDescription + 1);
  if (description && description->size() > kMaxDescription) {
    throw Error(Errc::validation_failed, "\"description_md\" must be at most 100000 characters.");
  }
  return description;
}

boost::json::value nullable(const db::Result& rows, int row, std::string_view column) {
  if (auto value = rows.optional_text(row, column)) return boost::json::string(*value);
  return nullptr;
}

boost::json::object path_summary_json(const db::Result& rows, int row) {
  return {{"id", rows.text(row, "id")},
          {"slug", rows.text(row, "slug")},
          {"title", rows.text(row, "title")},
          {"summary", rows.text(row, "summary")},
          {"status", rows.text(row, "status")},
          {"version", rows.integer(row, "version")},
          {"course_count", rows.integer(row, "course_count")},
          {"published_at", nullable(rows, row, "published_at")},
          {"created_at", rows.text(row, "created_at")},
          {"updated_at", rows.text(row, "updated_at")}};
}

boost::json::array courses_json(const db::Result& rows) {
  boost::json::array courses;
  for (int r = 0; r < rows.rows(); ++r) {
    courses.push_back(boost::json::object{{"id", rows.text(r, "id")},
                                          {"slug", rows.text(r, "slug")},
                                          {"title", rows.text(r, "title")},
                                          {"summary", rows.text(r, "summary")},
                                          {"level", rows.text(r, "level")},
                                          {"duration_minutes", rows.integer(r, "duration_minutes")},
                                          {"status", rows.text(r, "status")},
                                          {"position", rows.integer(r, "position")}});
  }
  return courses;
}

// The editor's view, with the version as a strong ETag for If-Match.
Response path_response(http::Status status, const db::Result& path, const db::Result& courses) {
  auto body = path_summary_json(path, 0);
  body["description_md"] = path.text(0, "description_md");
  body["description_html"] = path.text(0, "description_html");
  body["courses"] = courses_json(courses);
  auto res = http::json_response(status, body);
  res.set(http::beast_http::field::etag, http::version_etag(path.integer(0, "version")));
  res.set(http::beast_http::field::cache_control, "private, no-cache");
  return res;
}

boost::json::object my_path_json(const db::Result& rows, int row) {
  const auto total = rows.integer(row, "total");
  const auto done = rows.integer(row, "done");
  boost::json::value next = nullptr;
  if (!rows.is_null(row, rows.column("next_id"))) {
    next = boost::json::object{{"id", rows.text(row, "next_id")},
                               {"slug", rows.text(row, "next_slug")},
                               {"title", rows.text(row, "next_title")}};
  }
  return {{"path", boost::json::object{{"id", rows.text(row, "id")},
                                       {"slug", rows.text(row, "slug")},
                                       {"title", rows.text(row, "title")},
                                       {"status", rows.text(row, "status")}}},
          {"enrolled_at", rows.text(row, "enrolled_at")},
          {"completed_courses", done},
          {"total_courses", total},
          {"percent", total == 0 ? 0 : 100 * done / total},
          {"next_course", std::move(next)},
          {"completed_at", nullable(rows, row, "completed_at")},
          {"certificate_id", nullable(rows, row, "certificate_id")},
          {"certificate_code", nullable(rows, row, "certificate_code")}};
}

// A (timestamp, id) keyset cursor, newest first; the first page starts after the end of time.
std::pair<std::string, std::string> time_cursor(const http::QueryParams& params) {
  auto cursor = http::param(params, "cursor");
  if (!cursor) return {"infinity", kLastUuid};
  auto parts = http::decode_cursor(*cursor, 2);
  if (!http::is_uuid(parts[1]) || parts[0].empty() || parts[0].size() > 40 ||
      parts[0].find_first_not_of("0123456789-:.+TZ") != std::string::npos) {
    throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
  }
  return {std::move(parts[0]), std::move(parts[1])};
}

boost::json::object time_page(const db::Result& rows, int limit, std::string_view list,
                              boost::json::object (*item)(const db::Result&, int),
                              std::string_view time_column, std::string_view id_column) {
  boost::json::array items;
  const int shown = std::min(rows.rows(), limit);
  for (int r = 0; r < shown; ++r)
    items.push_back(item(rows, r));
  boost::json::value next = nullptr;
  if (rows.rows() > limit) {
    next = http::encode_cursor({std::string(rows.text(shown - 1, time_column)),
                                std::string(rows.text(shown - 1, id_column))});
  }
  return {{list, std::move(items)}, {"next_cursor", std::move(next)}};
}

boost::json::object catalog_item_json(const db::Result& rows, int row) {
  return {{"id", rows.text(row, "id")},
          {"slug", rows.text(row, "slug")},
          {"title", rows.text(row, "title")},
          {"summary", rows.text(row, "summary")},
          {"course_count", rows.integer(row, "course_count")},
          {"published_at", nullable(rows, row, "published_at")}};
}

bool unique_violation(const db::QueryError& e) {
  return e.sqlstate() == "23505";
}

std::vector<std::string> course_ids_field(const boost::json::object& fields) {
  const auto* list = fields.if_contains("course_ids");
  if (!list || !list->is_array() || list->as_array().size() > kMaxCourses) {
    throw Error(Errc::validation_failed,
                "\"course_ids\" must be a list of at most 100 course ids.");
  }
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& v : list->as_array()) {
    if (!v.is_string() || !http::is_uuid(v.as_string())) {
      throw Error(Errc::validation_failed, "\"course_ids\" must be a list of course ids.");
    }
    auto id = ascii_lower(v.as_string());
    if (!seen.insert(id).second) {
      throw Error(Errc::validation_failed, "\"course_ids\" names a course twice.");
    }
    ids.push_back(std::move(id));
  }
  return ids;
}

}  // namespace

void register_routes(http::Router& router, learning::LearningContext& ctx) {
  const auto instructor = Access::role(Role::instructor);

  router.post("/api/v1/paths", instructor,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto body = rc.json_body();
                const auto& fields = http::object_body(body);
                const auto title = *title_field(fields, true);
                auto slug = slug_field(fields).value_or(slugify(title, kMaxSlug, "path"));
                if (slug.empty()) {
                  throw Error(
                      Errc::validation_failed,
                      "\"slug\" is required when the title has no letters or digits to make one.");
                }
                const auto summary = summary_field(fields).value_or("");
                const auto description = description_field(fields).value_or("");
                const auto html = content::markdown_to_html(description);
                db::Result rows;
                bool duplicate = false;
                try {
                  rows = co_await ctx.db.query(kCreatePath, slug, title, summary, description, html,
                                               rc.principal->user_id);
                } catch (const db::QueryError& e) {
                  if (!unique_violation(e)) throw;
                  duplicate = true;
                }
                if (duplicate) throw Error(Errc::conflict, "A path with this slug already exists.");
                const db::Result no_courses;
                co_return path_response(http::Status::created, rows, no_courses);
              },
              {.body_limit = 256 * 1024});

  router.get("/api/v1/paths", instructor, [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
    const auto params = http::query_params(rc.request);
    const int limit = http::page_limit(params);
    auto [before_at, before_id] = time_cursor(params);
    auto rows = co_await ctx.db.query(is_admin(rc) ? kListAll : kListMine, rc.principal->user_id,
                                      before_at, before_id, limit + 1);
    co_return http::json_response(
        http::Status::ok, time_page(rows, limit, "paths", path_summary_json, "created_at", "id"));
  });

  router.get("/api/v1/paths/{id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = path_id_param(rc);
               auto editor = co_await ctx.db.query(kEditor, id, rc.principal->user_id);
               checked_editor(editor, rc);
               auto path = co_await ctx.db.query(kPathById, id);
               auto courses = co_await ctx.db.query(kPathCourses, id);
               co_return path_response(http::Status::ok, path, courses);
             });

  router.add(http::Verb::patch, "/api/v1/paths/{id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = path_id_param(rc);
               const auto body = rc.json_body();
               const auto& fields = http::object_body(body);
               const auto title = title_field(fields, false);
               const auto slug = slug_field(fields);
               const auto summary = summary_field(fields);
               const auto description = description_field(fields);
               std::optional<std::string> html;
               if (description) html = content::markdown_to_html(*description);
               auto tx = co_await ctx.db.begin();
               auto editor_rows = co_await tx.execute(kEditorLocked, id, rc.principal->user_id);
               const auto editor = checked_editor(editor_rows, rc);
               http::require_if_match(rc, http::version_etag(editor.version));
               db::Result rows;
               bool duplicate = false;
               try {
                 rows =
                     co_await tx.execute(kUpdatePath, id, slug, title, summary, description, html);
               } catch (const db::QueryError& e) {
                 if (!unique_violation(e)) throw;
                 duplicate = true;
               }
               if (duplicate) throw Error(Errc::conflict, "A path with this slug already exists.");
               auto courses = co_await tx.execute(kPathCourses, id);
               co_await tx.commit();
               co_return path_response(http::Status::ok, rows, courses);
             },
             {.body_limit = 256 * 1024});

  // The whole ordered list at once: courses left out are removed, the rest take their new place.
  router.add(http::Verb::put, "/api/v1/paths/{id}/courses", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = path_id_param(rc);
               const auto body = rc.json_body();
               const auto& fields = http::object_body(body);
               auto tx = co_await ctx.db.begin();
               auto editor_rows = co_await tx.execute(kEditorLocked, id, rc.principal->user_id);
               const auto editor = checked_editor(editor_rows, rc);
               const auto ids = course_ids_field(fields);
               http::require_if_match(rc, http::version_etag(editor.version));
               const auto array = db::text_array(ids);
               auto usable =
                   co_await tx.execute(kUsableCourses, array, rc.principal->user_id, is_admin(rc));
               if (usable.integer(0, "usable") != static_cast<std::int64_t>(ids.size())) {
                 throw Error(Errc::validation_failed,
                             "\"course_ids\" names a course that does not exist.");
               }
               if (editor.status == "published" && usable.integer(0, "unpublished") > 0) {
                 throw Error(Errc::conflict, "A published path may only hold published courses.");
               }
               // The path's learners follow it: into the courses it gains, recounted for all.
               co_await enrol_path_learners_in_new_courses(tx, id, array);
               co_await tx.execute(kDropCourses, id, array);
               co_await tx.execute(kPlaceCourses, id, array);
               co_await recount_path_learners(tx, id);
               co_await tx.execute(kBumpVersion, id);
               auto path = co_await tx.execute(kPathById, id);
               auto courses = co_await tx.execute(kPathCourses, id);
               co_await tx.commit();
               co_return path_response(http::Status::ok, path, courses);
             },
             {.body_limit = 64 * 1024});

  router.post("/api/v1/paths/{id}/publish", instructor,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto id = path_id_param(rc);
                auto tx = co_await ctx.db.begin();
                auto editor_rows = co_await tx.execute(kEditorLocked, id, rc.principal->user_id);
                checked_editor(editor_rows, rc);
                auto counts = co_await tx.execute(kPublishable, id);
                if (counts.integer(0, "total") == 0) {
                  throw Error(Errc::conflict, "A path needs at least one course to be published.");
                }
                if (counts.integer(0, "unpublished") > 0) {
                  throw Error(Errc::conflict,
                              "Every course of the path must be published before the path.");
                }
                auto path = co_await tx.execute(kSetStatus, id, "published");
                auto courses = co_await tx.execute(kPathCourses, id);
                co_await tx.commit();
                co_return path_response(http::Status::ok, path, courses);
              });

  // Out of the catalog; enrolled learners keep their progress and certificates.
  router.post("/api/v1/paths/{id}/archive", instructor,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto id = path_id_param(rc);
                auto tx = co_await ctx.db.begin();
                auto editor_rows = co_await tx.execute(kEditorLocked, id, rc.principal->user_id);
                checked_editor(editor_rows, rc);
                auto path = co_await tx.execute(kSetStatus, id, "archived");
                auto courses = co_await tx.execute(kPathCourses, id);
                co_await tx.commit();
                co_return path_response(http::Status::ok, path, courses);
              });

  router.get("/api/v1/catalog/paths", Access::anyone(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto params = http::query_params(rc.request);
               const int limit = http::page_limit(params);
               auto [before_at, before_id] = time_cursor(params);
               auto rows = co_await ctx.db.query(kCatalog, before_at, before_id, limit + 1);
               const auto page =
                   time_page(rows, limit, "paths", catalog_item_json, "published_at", "id");
               co_return http::cacheable_json(rc, page, "public, max-age=60");
             });

  router.get("/api/v1/catalog/paths/{slug}", Access::anyone(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const std::string slug(rc.param("slug"));
               if (!valid_slug(slug, kMaxSlug)) throw Error(Errc::not_found, "No such path.");
               auto rows = co_await ctx.db.query(kCatalogBySlug, slug);
               if (rows.empty()) throw Error(Errc::not_found, "No such path.");
               const std::string id(rows.text(0, "id"));
               auto courses = co_await ctx.db.query(kCatalogCourses, id);
               auto body = catalog_item_json(rows, 0);
               body["description_html"] = rows.text(0, "description_html");
               body["courses"] = courses_json(courses);
               co_return http::cacheable_json(rc, body, "public, max-age=60");
             });

  // Enrols in the path and in each of its published courses; a learner who already completed
  // every course completes the path (and gets its certificate) at once.
  router.post(
      "/api/v1/paths/{id}/enrolment", Access::signed_in(),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto id = path_id_param(rc);
        const auto& user_id = rc.principal->user_id;
        auto tx = co_await ctx.db.begin();
        auto status = co_await tx.execute(kPathStatus, id);
        if (status.empty() || status.text(0, 0) == "draft") {
          throw Error(Errc::not_found, "No such path.");
        }
        if (status.text(0, 0) != "published") {
          throw Error(Errc::conflict, "This path is archived and takes no new learners.");
        }
        auto joined = co_await tx.execute(kEnrolInPath, user_id, id);
        if (!joined.empty()) {
          learning::Statement enrolled{
              .actor_id = user_id, .verb = "enrolled", .object_type = "path", .object_id = id};
          co_await learning::record(tx, std::move(enrolled));
        }
        co_await tx.execute(kEnrolInCourses, user_id, id);
        co_await recount_path(tx, user_id, id);
        auto mine = co_await tx.execute(kMyPath, user_id, id);
        co_await tx.commit();
        co_return http::json_response(joined.empty() ? http::Status::ok : http::Status::created,
                                      my_path_json(mine, 0));
      });

  // Leaves the path; its courses, progress and certificates stay.
  router.add(
      http::Verb::delete_, "/api/v1/paths/{id}/enrolment", Access::signed_in(),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto id = path_id_param(rc);
        const auto& user_id = rc.principal->user_id;
        auto tx = co_await ctx.db.begin();
        auto status = co_await tx.execute(kPathStatus, id);
        if (status.empty()) throw Error(Errc::not_found, "No such path.");
        auto left = co_await tx.execute(kLeavePath, user_id, id);
        // Leaving twice is not an error: a retried request finds nothing to do.
        if (left.empty()) co_return Response{http::Status::no_content, 11};
        learning::Statement withdrawn{
            .actor_id = user_id, .verb = "withdrawn", .object_type = "path", .object_id = id};
        co_await learning::record(tx, std::move(withdrawn));
        co_await tx.commit();
        co_return Response{http::Status::no_content, 11};
      });

  router.get(
      "/api/v1/me/paths", Access::signed_in(),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto params = http::query_params(rc.request);
        const int limit = http::page_limit(params);
        auto [before_at, before_id] = time_cursor(params);
        auto rows =
            co_await ctx.db.query(kMyPaths, rc.principal->user_id, before_at, before_id, limit + 1);
        co_return http::json_response(
            http::Status::ok, time_page(rows, limit, "paths", my_path_json, "enrolled_at", "id"));
      });

  router.get("/api/v1/me/skills", Access::signed_in(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               auto rows = co_await ctx.db.query(kMySkills, rc.principal->user_id);
               boost::json::array skills;
               for (int r = 0; r < rows.rows(); ++r) {
                 skills.push_back(
                     boost::json::object{{"id", rows.text(r, "id")},
                                         {"slug", rows.text(r, "slug")},
                                         {"name", rows.text(r, "name")},
                                         {"level", rows.integer(r, "level")},
                                         {"courses", rows.integer(r, "courses")},
                                         {"last_completed_at", rows.text(r, "last_completed_at")}});
               }
               const boost::json::object body{{"skills", std::move(skills)}};
               co_return http::json_response(http::Status::ok, body);
             });
}

}  // namespace sn::paths
