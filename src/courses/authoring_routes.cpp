// Course authoring for instructors (the owners of a course) and admins: the course's own fields,
// owners, skills, prerequisites, publishing and the instructor's list. Every change bumps the
// course version (its ETag) and rewrites the search document in the same transaction.

#include <boost/asio/awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "content/markdown.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "courses/course_access.hpp"
#include "courses/course_common.hpp"
#include "http/conditional.hpp"
#include "http/inputs.hpp"

namespace sn::courses {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;
using http::Role;

namespace {

constexpr db::Query kSlugTaken{
    "courses.slug_taken", "SELECT 1 FROM courses WHERE slug = $1 AND id IS DISTINCT FROM $2::uuid"};
constexpr db::Query kInsertCourse{
    "courses.insert_course",
    "INSERT INTO courses (slug, title, summary, description_md, description_html, cover_url, "
    "level, duration_minutes, language, self_enrolment, created_by) VALUES ($1, $2, $3, $4, $5, "
    "$6, coalesce($7, 'beginner'), coalesce($8::int, 0), coalesce($9, 'en'), "
    "coalesce($10::boolean, true), $11::uuid) RETURNING id"};
constexpr db::Query kAddOwner{
    "courses.add_owner",
    "INSERT INTO course_owners (course_id, user_id) VALUES ($1::uuid, $2::uuid) "
    "ON CONFLICT DO NOTHING RETURNING course_id"};
constexpr db::Query kUpdateCourse{
    "courses.update_course",
    "UPDATE courses SET title = coalesce($2, title), slug = coalesce($3, slug), "
    "summary = coalesce($4, summary), description_md = coalesce($5, description_md), "
    "description_html = coalesce($6, description_html), "
    "cover_url = CASE WHEN $7 THEN $8 ELSE cover_url END, level = coalesce($9, level), "
    "duration_minutes = coalesce($10::int, duration_minutes), "
    "language = coalesce($11, language), "
    "self_enrolment = coalesce($12::boolean, self_enrolment) WHERE id = $1::uuid"};
constexpr db::Query kHasEnrolments{
    "courses.has_enrolments",
    "SELECT EXISTS (SELECT 1 FROM enrolments WHERE course_id = $1::uuid)"};
constexpr db::Query kDeleteCourse{"courses.delete_course",
                                  "DELETE FROM courses WHERE id = $1::uuid"};
constexpr db::Query kSetStatus{
    "courses.set_status",
    "UPDATE courses SET status = $2, published_at = CASE WHEN $2 = 'published' "
    "THEN coalesce(published_at, now()) ELSE published_at END WHERE id = $1::uuid"};

// Everything that keeps a course from being published, in outline order.
constexpr db::Query kPublishProblems{
    "courses.publish_problems",
    "SELECT section_id, lesson_id, field, message FROM ("
    " SELECT NULL::uuid AS section_id, NULL::uuid AS lesson_id, 'summary' AS field, "
    "  'Write a summary.' AS message, 0 AS s_pos, 0 AS l_pos, 1 AS n "
    "  FROM courses WHERE id = $1::uuid AND btrim(summary) = '' "
    " UNION ALL SELECT NULL, NULL, 'description', 'Write a description.', 0, 0, 2 "
    "  FROM courses WHERE id = $1::uuid AND btrim(description_md) = '' "
    " UNION ALL SELECT NULL, NULL, 'sections', 'Add at least one section.', 0, 0, 3 "
    "  WHERE NOT EXISTS (SELECT 1 FROM course_sections WHERE course_id = $1::uuid) "
    " UNION ALL SELECT s.id, NULL, 'lessons', 'Add at least one lesson to this section.', "
    "  s.position + 1, 0, 4 FROM course_sections s WHERE s.course_id = $1::uuid "
    "  AND NOT EXISTS (SELECT 1 FROM lessons l WHERE l.section_id = s.id) "
    " UNION ALL SELECT l.section_id, l.id, "
    "  CASE l.kind WHEN 'article' THEN 'body' WHEN 'video' THEN 'media_id' "
    "   WHEN 'file' THEN 'file_key' ELSE 'questions' END, "
    "  CASE l.kind WHEN 'article' THEN 'The article has no text.' "
    "   WHEN 'video' THEN 'The video lesson has no video.' "
    "   WHEN 'file' THEN 'The file lesson has no file.' "
    "   ELSE 'The quiz has no questions.' END, s.position + 1, l.position, 5 "
    "  FROM lessons l JOIN course_sections s ON s.id = l.section_id "
    "  LEFT JOIN quizzes q ON q.lesson_id = l.id WHERE l.course_id = $1::uuid AND ("
    "   (l.kind = 'article' AND btrim(l.body_md) = '') "
    "   OR (l.kind = 'video' AND l.media_id IS NULL) "
    "   OR (l.kind = 'file' AND l.file_key IS NULL) "
    "   OR (l.kind = 'quiz' AND coalesce(cardinality(q.question_ids), 0) = 0 "
    "    AND NOT EXISTS (SELECT 1 FROM quiz_questions qq WHERE qq.course_id = $1::uuid "
    "     AND NOT qq.archived)))"
    " UNION ALL SELECT l.section_id, l.id, 'media_id', "
    "  'The video could not be processed: retry it or choose another.', s.position + 1, "
    "  l.position, 6 FROM lessons l JOIN course_sections s ON s.id = l.section_id "
    "  JOIN media m ON m.id = l.media_id "
    "  WHERE l.course_id = $1::uuid AND l.kind = 'video' AND m.status = 'failed'"
    ") p ORDER BY s_pos, l_pos, n"};

constexpr db::Query kFindOwnerCandidate{
    "courses.find_owner_candidate",
    "SELECT id, role FROM users WHERE ($1::uuid IS NOT NULL AND id = $1::uuid) "
    "OR ($2::text IS NOT NULL AND lower(email) = lower($2))"};
constexpr db::Query kOwners{
    "courses.owners",
    "SELECT count(*) AS owners, bool_or(user_id = $2::uuid) AS is_owner FROM course_owners "
    "WHERE course_id = $1::uuid"};
constexpr db::Query kRemoveOwner{
    "courses.remove_owner",
    "DELETE FROM course_owners WHERE course_id = $1::uuid AND user_id = $2::uuid"};

constexpr db::Query kCountSkills{"courses.count_skills",
                                 "SELECT count(*) FROM skills WHERE id = ANY($1::uuid[])"};
constexpr db::Query kClearSkills{"courses.clear_skills",
                                 "DELETE FROM course_skills WHERE course_id = $1::uuid"};
constexpr db::Query kSetSkills{
    "courses.set_skills",
    "INSERT INTO course_skills (course_id, skill_id, level) "
    "SELECT $1::uuid, u.skill_id, u.level FROM unnest($2::uuid[], $3::smallint[]) "
    "AS u(skill_id, level)"};

constexpr db::Query kCountPrerequisiteCandidates{
    "courses.count_prerequisite_candidates",
    "SELECT count(*) FROM courses WHERE id = ANY($1::uuid[]) AND status <> 'archived'"};
// Would requiring these courses make a cycle? Follow what they require (ignoring this course's
// own current list, which is being replaced) and see whether it leads back here.
constexpr db::Query kPrerequisiteCycle{
    "courses.prerequisite_cycle",
    "WITH RECURSIVE reach(id) AS (SELECT unnest($2::uuid[]) UNION "
    "SELECT p.required_course_id FROM course_prerequisites p JOIN reach r ON p.course_id = r.id "
    "WHERE p.course_id <> $1::uuid) SELECT EXISTS (SELECT 1 FROM reach WHERE id = $1::uuid)"};
constexpr db::Query kClearPrerequisites{
    "courses.clear_prerequisites", "DELETE FROM course_prerequisites WHERE course_id = $1::uuid"};
constexpr db::Query kSetPrerequisites{
    "courses.set_prerequisites",
    "INSERT INTO course_prerequisites (course_id, required_course_id) "
    "SELECT $1::uuid, unnest($2::uuid[])"};

#define SN_COURSE_LIST_COLUMNS                                                           \
  "c.id, c.slug, c.title, c.status, c.level, c.language, c.version, c.enrolment_count, " \
  "to_json(c.published_at) #>> '{}' AS published_at, "                                   \
  "to_json(c.updated_at) #>> '{}' AS updated_at, to_json(c.created_at) #>> '{}' AS created_at "
// Newest first, keyset on (created_at, id). Owned courses go through course_owners_by_user.
constexpr db::Query kListOwnedCourses{
    "courses.list_owned",
    "SELECT " SN_COURSE_LIST_COLUMNS
    "FROM course_owners o JOIN courses c ON c.id = o.course_id WHERE o.user_id = $1::uuid "
    "AND ($2::text IS NULL OR c.status = $2) AND (c.created_at, c.id) < ($3::timestamptz, "
    "$4::uuid) ORDER BY c.created_at DESC, c.id DESC LIMIT $5"};
constexpr db::Query kListAllCourses{
    "courses.list_all",
    "SELECT " SN_COURSE_LIST_COLUMNS
    "FROM courses c WHERE ($1::text IS NULL OR c.status = $1) AND (c.created_at, c.id) < "
    "($2::timestamptz, $3::uuid) ORDER BY c.created_at DESC, c.id DESC LIMIT $4"};

constexpr const char* kLastUuid = "ffffffff-ffff-ffff-ffff-ffffffffffff";

boost::json::value course_row(const db::Result& rows, int row) {
  boost::json::object course{{"id", rows.text(row, "id")},
                             {"slug", rows.text(row, "slug")},
                             {"title", rows.text(row, "title")},
                             {"status", rows.text(row, "status")},
                             {"level", rows.text(row, "level")},
                             {"language", rows.text(row, "language")},
                             {"version", rows.integer(row, "version")},
                             {"enrolment_count", rows.integer(row, "enrolment_count")},
                             {"published_at", nullptr},
                             {"updated_at", rows.text(row, "updated_at")},
                             {"created_at", rows.text(row, "created_at")}};
  if (auto at = rows.optional_text(row, "published_at")) course["published_at"] = *at;
  return course;
}

// The course fields a create or an edit may carry, validated.
struct CourseFields {
  std::optional<std::string> title, slug, summary, description, description_html, level, language;
  bool set_cover = false;
  std::optional<std::string> cover_url;
  std::optional<std::int64_t> duration_minutes;
  std::optional<bool> self_enrolment;
};

bool valid_cover_url(std::string_view url) {
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\')
      return false;
  }
  if (url.starts_with("https://")) return url.size() > 8;
  return url.starts_with("/") && !url.starts_with("//");
}

CourseFields course_fields(const boost::json::object& body) {
  CourseFields f;
  f.title = text_field(body, "title", 1, 200);
  f.slug = text_field(body, "slug", 1, 100);
  if (f.slug && !valid_slug(*f.slug, 100)) {
    throw Error(Errc::validation_failed,
                "\"slug\" must be lower-case letters and digits in words joined by dashes "
                "(at most 100 characters).");
  }
  f.summary = text_field(body, "summary", 0, 500);
  f.description = text_field(body, "description", 0, 100000, false);
  if (f.description) f.description_html = content::markdown_to_html(*f.description);
  if (body.contains("cover_url")) {
    f.set_cover = true;
    if (!is_null_field(body, "cover_url")) {
      f.cover_url = text_field(body, "cover_url", 0, 2000);
      if (f.cover_url->empty()) {
        f.cover_url.reset();
      } else if (!valid_cover_url(*f.cover_url)) {
        throw Error(Errc::validation_failed,
                    "\"cover_url\" must be an https:// URL or a path on this site.");
      }
    }
  }
  f.level = text_field(body, "level", 1, 20);
  if (f.level && *f.level != "beginner" && *f.level != "intermediate" && *f.level != "advanced") {
    throw Error(Errc::validation_failed,
                "\"level\" must be one of beginner, intermediate, advanced.");
  }
  f.duration_minutes = int_field(body, "duration_minutes", 0, 100000);
  f.language = text_field(body, "language", 1, 10);
  if (f.language && !valid_language(*f.language)) {
    throw Error(Errc::validation_failed,
                "\"language\" must be a language code such as en, fr or pt-BR.");
  }
  f.self_enrolment = bool_field(body, "self_enrolment");
  return f;
}

asio::awaitable<void> check_slug_free(db::Transaction& tx, std::string slug,
                                      std::string course_id) {
  // An empty course_id: a new course, so every other course counts.
  const std::optional<std::string> other =
      course_id.empty() ? std::nullopt : std::optional(course_id);
  auto taken = co_await tx.execute(kSlugTaken, slug, other);
  if (!taken.empty()) throw Error(Errc::conflict, "\"slug\" is already used by another course.");
}

// Lists of ids in a body: unique, lower-cased, at most `max`.
std::vector<std::string> id_list(const boost::json::value* list, std::string_view key,
                                 std::size_t max) {
  const auto message = "\"" + std::string(key) + "\" must be a list of at most " +
                       std::to_string(max) + " distinct ids.";
  if (!list || !list->is_array() || list->as_array().size() > max) {
    throw Error(Errc::validation_failed, message);
  }
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& v : list->as_array()) {
    if (!v.is_string() || !http::is_uuid(v.as_string()))
      throw Error(Errc::validation_failed, message);
    auto id = ascii_lower(v.as_string());
    if (!seen.insert(id).second) throw Error(Errc::validation_failed, message);
    ids.push_back(std::move(id));
  }
  return ids;
}

}  // namespace

void register_authoring_routes(http::Router& router, learning::LearningContext& ctx) {
  const auto instructor = Access::role(Role::instructor);

  router.post("/api/v1/courses", instructor,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto body = rc.json_body();
                const auto& fields = http::object_body(body);
                auto f = course_fields(fields);
                if (!f.title)
                  throw Error(Errc::validation_failed, "\"title\" must be 1 to 200 characters.");
                const auto slug = f.slug.value_or(slugify(*f.title, 100, "course"));
                auto tx = co_await ctx.db.begin();
                const std::string new_course;  // no id yet: every course counts
                co_await check_slug_free(tx, slug, new_course);
                const auto summary = f.summary.value_or("");
                const auto description = f.description.value_or("");
                const auto description_html = f.description_html.value_or("");
                auto inserted =
                    co_await tx.execute(kInsertCourse, slug, *f.title, summary, description,
                                        description_html, f.cover_url, f.level, f.duration_minutes,
                                        f.language, f.self_enrolment, rc.principal->user_id);
                const std::string id(inserted.text(0, 0));
                co_await tx.execute(kAddOwner, id, rc.principal->user_id);
                co_await refresh_search(tx, id);
                co_await tx.commit();
                auto view = co_await editor_view(ctx.db, id);
                auto res = editor_response(view, http::Status::created);
                res.set(http::beast_http::field::location, "/api/v1/courses/" + id);
                co_return res;
              },
              {.body_limit = 512 * 1024});

  router.get(
      "/api/v1/courses", instructor, [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto params = http::query_params(rc.request);
        const int limit = http::page_limit(params);
        auto status = http::param(params, "status");
        if (status && *status != "draft" && *status != "published" && *status != "archived") {
          throw Error(Errc::validation_failed,
                      "\"status\" must be one of draft, published, archived.");
        }
        std::string after_time = "infinity";
        std::string after_id = kLastUuid;
        if (auto cursor = http::param(params, "cursor")) {
          auto parts = http::decode_cursor(*cursor, 2);
          if (!http::is_uuid(parts[1]))
            throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
          after_time = parts[0];
          after_id = parts[1];
        }
        db::Result rows;
        bool bad_cursor = false;
        try {
          if (is_admin(rc)) {
            rows = co_await ctx.db.query(kListAllCourses, status, after_time, after_id, limit + 1);
          } else {
            rows = co_await ctx.db.query(kListOwnedCourses, rc.principal->user_id, status,
                                         after_time, after_id, limit + 1);
          }
        } catch (const db::QueryError& e) {
          if (!e.sqlstate().starts_with("22")) throw;
          bad_cursor = true;
        }
        if (bad_cursor) throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
        co_return http::json_response(
            http::Status::ok,
            http::keyset_page(rows, limit, "courses", course_row, {"created_at", "id"}));
      });

  router.get("/api/v1/courses/{id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = course_id_param(rc);
               co_await require_editor(ctx.db, rc, id);
               auto view = co_await editor_view(ctx.db, id);
               // No 304 here: the version is the ETag for If-Match, and some of what the view shows
               // (enrolment count, owners' names) changes without a new version.
               co_return editor_response(view, http::Status::ok);
             });

  router.add(http::Verb::patch, "/api/v1/courses/{id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = course_id_param(rc);
               const auto body = rc.json_body();
               const auto& fields = http::object_body(body);
               const auto f = course_fields(fields);
               auto tx = co_await ctx.db.begin();
               const auto course = co_await require_editor(tx, rc, id);
               http::require_if_match(rc, course.etag());
               if (f.slug) co_await check_slug_free(tx, *f.slug, id);
               co_await tx.execute(kUpdateCourse, id, f.title, f.slug, f.summary, f.description,
                                   f.description_html, f.set_cover, f.cover_url, f.level,
                                   f.duration_minutes, f.language, f.self_enrolment);
               if (f.title || f.summary || f.description) co_await refresh_search(tx, id);
               co_await bump_version(tx, id);
               co_await tx.commit();
               auto view = co_await editor_view(ctx.db, id);
               co_return editor_response(view, http::Status::ok);
             },
             {.body_limit = 512 * 1024});

  router.add(
      http::Verb::delete_, "/api/v1/courses/{id}", instructor,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto id = course_id_param(rc);
        auto tx = co_await ctx.db.begin();
        const auto course = co_await require_editor(tx, rc, id);
        if (course.status != "draft") {
          throw Error(Errc::conflict, "Only drafts can be deleted: archive this course instead.");
        }
        auto enrolled = co_await tx.execute(kHasEnrolments, id);
        if (enrolled.boolean(0, 0)) {
          throw Error(Errc::conflict, "Learners are enrolled in this course: archive it instead.");
        }
        bool in_path = false;
        try {
          co_await tx.execute(kDeleteCourse, id);
        } catch (const db::QueryError& e) {
          if (!sqlstate_is(e, "23503")) throw;
          in_path = true;
        }
        if (in_path) {
          throw Error(Errc::conflict,
                      "A learning path includes this course: remove it from the path first.");
        }
        co_await tx.commit();
        co_return Response{http::Status::no_content, 11};
      });

  router.post(
      "/api/v1/courses/{id}/publish", instructor,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto id = course_id_param(rc);
        auto tx = co_await ctx.db.begin();
        const auto course = co_await require_editor(tx, rc, id);
        if (course.status != "published") {
          auto rows = co_await tx.execute(kPublishProblems, id);
          if (!rows.empty()) {
            boost::json::array problems;
            for (int r = 0; r < rows.rows(); ++r) {
              boost::json::object problem{{"field", rows.text(r, "field")},
                                          {"message", rows.text(r, "message")}};
              if (auto section = rows.optional_text(r, "section_id"))
                problem["section_id"] = *section;
              if (auto lesson = rows.optional_text(r, "lesson_id")) problem["lesson_id"] = *lesson;
              problems.push_back(std::move(problem));
            }
            throw Error(Errc::course_incomplete, "Fix the problems listed, then publish again.")
                .with_members(
                    boost::json::serialize(boost::json::object{{"problems", std::move(problems)}}));
          }
          co_await tx.execute(kSetStatus, id, "published");
          co_await bump_version(tx, id);
          co_await audit_course(tx, rc, "course.published", id);
        }
        co_await tx.commit();
        auto view = co_await editor_view(ctx.db, id);
        co_return editor_response(view, http::Status::ok);
      });

  router.post("/api/v1/courses/{id}/archive", instructor,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto id = course_id_param(rc);
                auto tx = co_await ctx.db.begin();
                const auto course = co_await require_editor(tx, rc, id);
                if (course.status != "archived") {
                  co_await tx.execute(kSetStatus, id, "archived");
                  co_await bump_version(tx, id);
                  co_await audit_course(tx, rc, "course.archived", id);
                }
                co_await tx.commit();
                auto view = co_await editor_view(ctx.db, id);
                co_return editor_response(view, http::Status::ok);
              });

  // Adds an instructor or admin as an owner, by user id or email.
  router.post("/api/v1/courses/{id}/owners", instructor,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto id = course_id_param(rc);
                const auto body = rc.json_body();
                const auto& fields = http::object_body(body);
                auto user_id = text_field(fields, "user_id", 1, 36);
                const auto email = text_field(fields, "email", 1, 320);
                if (user_id && !http::is_uuid(*user_id)) {
                  throw Error(Errc::validation_failed, "\"user_id\" must be a user id.");
                }
                auto tx = co_await ctx.db.begin();
                co_await require_editor(tx, rc, id);
                if (!user_id && !email) {
                  throw Error(Errc::validation_failed, "\"user_id\" or \"email\" is required.");
                }
                auto found = co_await tx.execute(kFindOwnerCandidate, user_id, email);
                const std::string field = user_id ? "user_id" : "email";
                if (found.empty()) {
                  throw Error(Errc::validation_failed, "\"" + field + "\" names no user.");
                }
                if (found.text(0, "role") == "learner") {
                  throw Error(Errc::validation_failed,
                              "\"" + field + "\" must name an instructor or an admin.");
                }
                const std::string owner(found.text(0, "id"));
                auto added = co_await tx.execute(kAddOwner, id, owner);
                co_await bump_version(tx, id);
                if (!added.empty()) co_await audit_course(tx, rc, "course.owner_added", id, owner);
                co_await tx.commit();
                auto view = co_await editor_view(ctx.db, id);
                co_return editor_response(view, http::Status::ok);
              },
              {.body_limit = 16 * 1024});

  router.add(http::Verb::delete_, "/api/v1/courses/{id}/owners/{user_id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = course_id_param(rc);
               const auto user_id = uuid_param(rc, "user_id", "owner");
               auto tx = co_await ctx.db.begin();
               co_await require_editor(tx, rc, id);
               auto owners = co_await tx.execute(kOwners, id, user_id);
               const int is_owner = owners.column("is_owner");
               if (owners.is_null(0, is_owner) || !owners.boolean(0, is_owner)) {
                 throw Error(Errc::not_found, "No such owner.");
               }
               if (owners.integer(0, "owners") <= 1) {
                 throw Error(Errc::conflict, "A course keeps at least one owner.");
               }
               co_await tx.execute(kRemoveOwner, id, user_id);
               co_await bump_version(tx, id);
               co_await audit_course(tx, rc, "course.owner_removed", id, user_id);
               co_await tx.commit();
               co_return Response{http::Status::no_content, 11};
             });

  // Replaces the skills the course teaches: {"skills": [{"skill_id", "level" 1..5}]}.
  router.add(
      http::Verb::put, "/api/v1/courses/{id}/skills", instructor,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto id = course_id_param(rc);
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);
        const auto* list = fields.if_contains("skills");
        const std::string shape =
            "\"skills\" must be a list of at most 50 {\"skill_id\", \"level\" (1 to 5)} with "
            "distinct skills.";
        if (!list || !list->is_array() || list->as_array().size() > 50) {
          throw Error(Errc::validation_failed, shape);
        }
        std::vector<std::string> skill_ids, levels;
        std::set<std::string> seen;
        for (const auto& item : list->as_array()) {
          if (!item.is_object()) throw Error(Errc::validation_failed, shape);
          const auto& entry = item.as_object();
          const auto* skill = entry.if_contains("skill_id");
          if (!skill || !skill->is_string() || !http::is_uuid(skill->as_string())) {
            throw Error(Errc::validation_failed, shape);
          }
          auto skill_id = ascii_lower(skill->as_string());
          if (!seen.insert(skill_id).second) throw Error(Errc::validation_failed, shape);
          const auto level = int_field(entry, "level", 1, 5).value_or(1);
          skill_ids.push_back(std::move(skill_id));
          levels.push_back(std::to_string(level));
        }
        auto tx = co_await ctx.db.begin();
        co_await require_editor(tx, rc, id);
        const auto ids = db::text_array(skill_ids);
        auto known = co_await tx.execute(kCountSkills, ids);
        if (known.integer(0, 0) != static_cast<std::int64_t>(skill_ids.size())) {
          throw Error(Errc::validation_failed, "\"skills\" names a skill that does not exist.");
        }
        co_await tx.execute(kClearSkills, id);
        const auto level_array = db::text_array(levels);
        co_await tx.execute(kSetSkills, id, ids, level_array);
        co_await refresh_search(tx, id);
        co_await bump_version(tx, id);
        co_await tx.commit();
        auto view = co_await editor_view(ctx.db, id);
        co_return editor_response(view, http::Status::ok);
      },
      {.body_limit = 64 * 1024});

  // Replaces the courses a learner must complete first: {"course_ids": [...]}.
  router.add(http::Verb::put, "/api/v1/courses/{id}/prerequisites", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = course_id_param(rc);
               const auto body = rc.json_body();
               const auto& fields = http::object_body(body);
               const auto required = id_list(fields.if_contains("course_ids"), "course_ids", 50);
               auto tx = co_await ctx.db.begin();
               co_await require_editor(tx, rc, id);
               for (const auto& other : required) {
                 if (other == id) {
                   throw Error(Errc::validation_failed,
                               "\"course_ids\" must not name the course itself.");
                 }
               }
               const auto ids = db::text_array(required);
               auto known = co_await tx.execute(kCountPrerequisiteCandidates, ids);
               if (known.integer(0, 0) != static_cast<std::int64_t>(required.size())) {
                 throw Error(Errc::validation_failed,
                             "\"course_ids\" names a course that does not exist or is archived.");
               }
               auto cycle = co_await tx.execute(kPrerequisiteCycle, id, ids);
               if (cycle.boolean(0, 0)) {
                 throw Error(Errc::validation_failed,
                             "\"course_ids\" would make a cycle: one of them already requires this "
                             "course.");
               }
               co_await tx.execute(kClearPrerequisites, id);
               co_await tx.execute(kSetPrerequisites, id, ids);
               co_await bump_version(tx, id);
               co_await tx.commit();
               auto view = co_await editor_view(ctx.db, id);
               co_return editor_response(view, http::Status::ok);
             },
             {.body_limit = 64 * 1024});
}

}  // namespace sn::courses
