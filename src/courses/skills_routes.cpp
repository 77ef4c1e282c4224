// The skills taxonomy: a public tree that courses teach and learner profiles are built from, kept
// by admins. A skill in use by a course, or with narrower skills under it, cannot be deleted.

#include <boost/asio/awaitable.hpp>
#include <boost/json/array.hpp>

#include "admin/common.hpp"
#include "core/error.hpp"
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

#define SN_SKILL_COLUMNS                                                          \
  "s.id, s.slug, s.name, s.description, s.parent_id, "                            \
  "(SELECT count(*) FROM course_skills cs JOIN courses c ON c.id = cs.course_id " \
  "AND c.status = 'published' WHERE cs.skill_id = s.id) AS course_count "

// The whole taxonomy in one answer: it is hundreds of rows, read far more often than changed.
constexpr db::Query kListSkills{"courses.list_skills",
                                "SELECT " SN_SKILL_COLUMNS "FROM skills s ORDER BY lower(s.name)"};
constexpr db::Query kSkillById{"courses.skill_by_id",
                               "SELECT " SN_SKILL_COLUMNS "FROM skills s WHERE s.id = $1::uuid"};
constexpr db::Query kSkillClash{
    "courses.skill_clash",
    "SELECT bool_or(slug = $1) AS slug, bool_or(lower(name) = lower($2)) AS name FROM skills "
    "WHERE (slug = $1 OR lower(name) = lower($2)) AND id IS DISTINCT FROM $3::uuid"};
constexpr db::Query kInsertSkill{
    "courses.insert_skill",
    "INSERT INTO skills (slug, name, description, parent_id) VALUES ($1, $2, $3, $4::uuid) "
    "RETURNING id"};
constexpr db::Query kLockSkill{"courses.lock_skill",
                               "SELECT slug, name FROM skills WHERE id = $1::uuid FOR UPDATE"};
// A move must not put a skill under itself or one of its descendants.
constexpr db::Query kIsDescendant{"courses.skill_is_descendant",
                                  "WITH RECURSIVE below(id) AS (SELECT $1::uuid UNION "
                                  "SELECT s.id FROM skills s JOIN below b ON s.parent_id = b.id) "
                                  "SELECT EXISTS (SELECT 1 FROM below WHERE id = $2::uuid)"};
constexpr db::Query kUpdateSkill{
    "courses.update_skill",
    "UPDATE skills SET slug = coalesce($2, slug), name = coalesce($3, name), "
    "description = coalesce($4, description), "
    "parent_id = CASE WHEN $5 THEN $6::uuid ELSE parent_id END WHERE id = $1::uuid"};
// Skill names are part of each course's search document.
constexpr db::Query kRefreshSkillCourses{
    "courses.refresh_skill_courses",
    "UPDATE courses c SET search = course_search_vector(c.title, c.summary, c.description_md, "
    "coalesce((SELECT string_agg(s.name, ' ' ORDER BY s.name) FROM course_skills cs "
    "JOIN skills s ON s.id = cs.skill_id WHERE cs.course_id = c.id), '')) "
    "WHERE c.id IN (SELECT course_id FROM course_skills WHERE skill_id = $1::uuid)"};
constexpr db::Query kSkillUse{
    "courses.skill_use",
    "SELECT EXISTS (SELECT 1 FROM course_skills WHERE skill_id = $1::uuid) AS courses, "
    "EXISTS (SELECT 1 FROM skills WHERE parent_id = $1::uuid) AS children"};
constexpr db::Query kDeleteSkill{"courses.delete_skill", "DELETE FROM skills WHERE id = $1::uuid"};

boost::json::object skill_json(const db::Result& rows, int row) {
  boost::json::object skill{
      {"id", rows.text(row, "id")},     {"slug", rows.text(row, "slug")},
      {"name", rows.text(row, "name")}, {"description", rows.text(row, "description")},
      {"parent_id", nullptr},           {"course_count", rows.integer(row, "course_count")}};
  if (auto parent = rows.optional_text(row, "parent_id")) skill["parent_id"] = *parent;
  return skill;
}

// The parent_id field: absent → nullopt; null → "" (a root skill); else an existing skill's id.
std::optional<std::string> parent_field(const boost::json::object& fields) {
  const auto* value = fields.if_contains("parent_id");
  if (!value) return std::nullopt;
  if (value->is_null()) return std::string();
  if (!value->is_string() || !http::is_uuid(value->as_string())) {
    throw Error(Errc::validation_failed, "\"parent_id\" must be a skill id or null.");
  }
  return std::string(value->as_string());
}

std::optional<std::string> slug_field(const boost::json::object& fields) {
  auto slug = text_field(fields, "slug", 1, 80);
  if (slug && !valid_slug(*slug, 80)) {
    throw Error(Errc::validation_failed,
                "\"slug\" must be lower-case letters and digits in words joined by dashes "
                "(at most 80 characters).");
  }
  return slug;
}

void check_clash(const db::Result& clash) {
  if (clash.empty() || (clash.is_null(0, 0) && clash.is_null(0, 1))) return;
  if (!clash.is_null(0, 0) && clash.boolean(0, 0)) {
    throw Error(Errc::conflict, "\"slug\" is already used by another skill.");
  }
  if (!clash.is_null(0, 1) && clash.boolean(0, 1)) {
    throw Error(Errc::conflict, "\"name\" is already used by another skill.");
  }
}

}  // namespace

void register_skills_routes(http::Router& router, learning::LearningContext& ctx) {
  const auto admin = Access::role(Role::admin);

  router.get("/api/v1/skills", Access::anyone_identified(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               auto rows = co_await ctx.db.read_replica(kListSkills);
               boost::json::array skills;
               for (int r = 0; r < rows.rows(); ++r)
                 skills.push_back(skill_json(rows, r));
               const boost::json::object body{{"skills", std::move(skills)}};
               // Signed-in callers (admins editing the taxonomy among them) revalidate every time.
               co_return http::cacheable_json(
                   rc, body, rc.principal ? "private, no-cache" : "public, max-age=60");
             });

  router.post(
      "/api/v1/admin/skills", admin,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);
        const auto name = text_field(fields, "name", 1, 100);
        if (!name) throw Error(Errc::validation_failed, "\"name\" must be 1 to 100 characters.");
        auto slug = slug_field(fields);
        if (!slug) slug = slugify(*name, 80, "skill");
        const auto description = text_field(fields, "description", 0, 2000, false).value_or("");
        auto parent = parent_field(fields);
        if (parent && parent->empty()) parent.reset();

        auto tx = co_await ctx.db.begin();
        if (parent) {
          auto found = co_await tx.execute(kSkillById, *parent);
          if (found.empty()) throw Error(Errc::validation_failed, "\"parent_id\" names no skill.");
        }
        auto clash = co_await tx.execute(kSkillClash, *slug, *name, std::nullopt);
        check_clash(clash);
        auto inserted = co_await tx.execute(kInsertSkill, *slug, *name, description, parent);
        const std::string id(inserted.text(0, 0));
        auto rows = co_await tx.execute(kSkillById, id);
        co_await tx.commit();
        auto skill = skill_json(rows, 0);
        const boost::json::object detail{{"skill_id", id}, {"name", *name}};
        co_await admin::audit_by(ctx.db, "skill.created", std::nullopt, rc, detail);
        co_return http::json_response(http::Status::created, skill);
      },
      {.body_limit = 16 * 1024});

  router.add(http::Verb::patch, "/api/v1/admin/skills/{id}", admin,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = uuid_param(rc, "id", "skill");
               const auto body = rc.json_body();
               const auto& fields = http::object_body(body);
               const auto name = text_field(fields, "name", 1, 100);
               const auto slug = slug_field(fields);
               const auto description = text_field(fields, "description", 0, 2000, false);
               const auto parent = parent_field(fields);

               auto tx = co_await ctx.db.begin();
               auto current = co_await tx.execute(kLockSkill, id);
               if (current.empty()) throw Error(Errc::not_found, "No such skill.");
               if (parent && !parent->empty()) {
                 auto found = co_await tx.execute(kSkillById, *parent);
                 if (found.empty())
                   throw Error(Errc::validation_failed, "\"parent_id\" names no skill.");
                 auto cycle = co_await tx.execute(kIsDescendant, id, *parent);
                 if (cycle.boolean(0, 0)) {
                   throw Error(
                       Errc::validation_failed,
                       "\"parent_id\" must not be the skill itself or one of its narrower skills.");
                 }
               }
               if (name || slug) {
                 const auto new_slug = slug.value_or("");
                 const auto new_name = name.value_or("");
                 auto clash = co_await tx.execute(kSkillClash, new_slug, new_name, id);
                 check_clash(clash);
               }
               std::optional<std::string> new_parent;
               if (parent && !parent->empty()) new_parent = *parent;
               co_await tx.execute(kUpdateSkill, id, slug, name, description, parent.has_value(),
                                   new_parent);
               if (name) co_await tx.execute(kRefreshSkillCourses, id);
               auto rows = co_await tx.execute(kSkillById, id);
               co_await tx.commit();
               auto skill = skill_json(rows, 0);
               const boost::json::object detail{{"skill_id", id}};
               co_await admin::audit_by(ctx.db, "skill.updated", std::nullopt, rc, detail);
               co_return http::json_response(http::Status::ok, skill);
             },
             {.body_limit = 16 * 1024});

  router.add(
      http::Verb::delete_, "/api/v1/admin/skills/{id}", admin,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto id = uuid_param(rc, "id", "skill");
        auto tx = co_await ctx.db.begin();
        auto current = co_await tx.execute(kLockSkill, id);
        if (current.empty()) throw Error(Errc::not_found, "No such skill.");
        auto use = co_await tx.execute(kSkillUse, id);
        if (use.boolean(0, 0)) {
          throw Error(Errc::conflict, "Courses teach this skill: remove it from them first.");
        }
        if (use.boolean(0, 1)) {
          throw Error(Errc::conflict, "This skill has narrower skills: move or delete them first.");
        }
        co_await tx.execute(kDeleteSkill, id);
        co_await tx.commit();
        const boost::json::object detail{{"skill_id", id}, {"name", current.text(0, "name")}};
        co_await admin::audit_by(ctx.db, "skill.deleted", std::nullopt, rc, detail);
        co_return Response{http::Status::no_content, 11};
      });
}

}  // namespace sn::courses
