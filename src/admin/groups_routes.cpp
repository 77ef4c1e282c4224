// Admin: groups (teams, departments) that enrolment will target later, and their members.

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "admin/common.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace sn::admin {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;
using http::Role;

namespace {

#define SN_ADMIN_GROUP_COLUMNS                                                        \
  "id, name, description, member_count, to_json(created_at) #>> '{}' AS created_at, " \
  "lower(name) AS sort_key "

// Keyset on lower(name), which is unique (groups_name_key). Two statements rather than one with
// "$3 IS NULL OR …", so each keeps an index plan.
constexpr db::Query kListGroups{"admin.list_groups",
                                "SELECT " SN_ADMIN_GROUP_COLUMNS
                                "FROM groups WHERE lower(name) > $2 ORDER BY lower(name) LIMIT $1"};
constexpr db::Query kSearchGroups{
    "admin.search_groups", "SELECT " SN_ADMIN_GROUP_COLUMNS
                           "FROM groups WHERE lower(name) > $2 AND lower(name) LIKE lower($3) "
                           "ORDER BY lower(name) LIMIT $1"};
constexpr db::Query kGroupById{"admin.group_by_id",
                               "SELECT " SN_ADMIN_GROUP_COLUMNS "FROM groups WHERE id = $1::uuid"};
constexpr db::Query kCreateGroup{
    "admin.create_group",
    "INSERT INTO groups (name, description) VALUES ($1, $2) RETURNING " SN_ADMIN_GROUP_COLUMNS};
constexpr db::Query kUpdateGroup{
    "admin.update_group",
    "UPDATE groups SET name = coalesce($2, name), description = coalesce($3, description), "
    "updated_at = now() WHERE id = $1::uuid RETURNING " SN_ADMIN_GROUP_COLUMNS};
constexpr db::Query kDeleteGroup{"admin.delete_group",
                                 "DELETE FROM groups WHERE id = $1::uuid RETURNING name"};
// Members in user id order: the primary key (group_id, user_id) serves the keyset directly, so a
// page of a 100,000-member group costs the same as one of a small group.
constexpr db::Query kListMembers{"admin.list_members", SN_ADMIN_USER_SELECT
                                 "JOIN group_members gm ON gm.user_id = u.id "
                                 "WHERE gm.group_id = $1::uuid AND gm.user_id > $2::uuid "
                                 "ORDER BY gm.user_id LIMIT $3"};
constexpr db::Query kCountUsers{"admin.count_users",
                                "SELECT count(*) FROM users WHERE id = ANY($1::uuid[])"};
constexpr db::Query kAddMembers{
    "admin.add_members",
    "INSERT INTO group_members (group_id, user_id) SELECT $1::uuid, u.id FROM users u "
    "WHERE u.id = ANY($2::uuid[]) ON CONFLICT DO NOTHING"};
constexpr db::Query kRemoveMember{
    "admin.remove_member",
    "DELETE FROM group_members WHERE group_id = $1::uuid AND user_id = $2::uuid RETURNING 1"};

constexpr std::size_t kMaxGroupName = 100;
constexpr std::size_t kMaxDescription = 2000;
constexpr std::size_t kMaxMembersPerRequest = 1000;
constexpr const char* kFirstUuid = "00000000-0000-0000-0000-000000000000";

boost::json::object group_json(const db::Result& rows, int row) {
  return {{"id", rows.text(row, "id")},
          {"name", rows.text(row, "name")},
          {"description", rows.text(row, "description")},
          {"member_count", rows.integer(row, "member_count")},
          {"created_at", rows.text(row, "created_at")}};
}

boost::json::value group_row(const db::Result& rows, int row) {
  return group_json(rows, row);
}

std::string group_id_param(const RequestContext& rc) {
  const auto id = rc.param("id");
  if (!http::is_uuid(id)) throw Error(Errc::not_found, "No such group.");
  return std::string(id);
}

std::optional<std::string> group_name(const boost::json::object& fields, bool required) {
  auto name = http::optional_string(fields, "name", 1024);
  if (!name) {
    if (required) throw Error(Errc::validation_failed, "\"name\" is required.");
    return std::nullopt;
  }
  std::string trimmed(trim_blanks(*name));
  if (trimmed.empty() || trimmed.size() > kMaxGroupName) {
    throw Error(Errc::validation_failed, "\"name\" must be 1 to 100 characters.");
  }
  return trimmed;
}

bool unique_violation(const db::QueryError& e) {
  return e.sqlstate() == "23505";
}

}  // namespace

void register_groups_routes(http::Router& router, identity::AuthContext& ctx) {
  const auto admin = Access::role(Role::admin);

  // The groups by name, searchable. Admins manage them here; instructors read the same list at
  // /api/v1/groups, to enrol a group in their course.
  const auto list_groups = [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
    const auto params = http::query_params(rc.request);
    const int limit = http::page_limit(params);
    std::string after;
    if (auto cursor = http::param(params, "cursor")) after = http::decode_cursor(*cursor, 1)[0];
    db::Result rows;
    if (auto q = http::param(params, "q")) {
      if (q->size() > 200) throw Error(Errc::validation_failed, "\"q\" is too long.");
      rows = co_await ctx.db.query(kSearchGroups, limit + 1, after, db::like_contains(*q));
    } else {
      rows = co_await ctx.db.query(kListGroups, limit + 1, after);
    }
    co_return http::json_response(
        http::Status::ok, http::keyset_page(rows, limit, "groups", group_row, {"sort_key"}));
  };
  router.get("/api/v1/admin/groups", admin, list_groups);
  router.get("/api/v1/groups", Access::role(Role::instructor), list_groups);

  router.post("/api/v1/admin/groups", admin,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto body = rc.json_body();
                const auto& fields = http::object_body(body);
                const auto name = *group_name(fields, true);
                const auto description =
                    http::optional_string(fields, "description", kMaxDescription).value_or("");
                db::Result rows;
                bool duplicate = false;
                try {
                  rows = co_await ctx.db.query(kCreateGroup, name, description);
                } catch (const db::QueryError& e) {
                  if (!unique_violation(e)) throw;
                  duplicate = true;
                }
                if (duplicate)
                  throw Error(Errc::conflict, "A group with this name already exists.");
                auto group = group_json(rows, 0);
                const boost::json::object detail{{"group_id", group.at("id")}, {"name", name}};
                co_await audit_by(ctx.db, "group.created", std::nullopt, rc, detail);
                co_return http::json_response(http::Status::created, group);
              },
              {.body_limit = 16 * 1024});

  router.get("/api/v1/admin/groups/{id}", admin,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               auto rows = co_await ctx.db.query(kGroupById, group_id_param(rc));
               if (rows.empty()) throw Error(Errc::not_found, "No such group.");
               co_return http::json_response(http::Status::ok, group_json(rows, 0));
             });

  router.add(http::Verb::patch, "/api/v1/admin/groups/{id}", admin,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = group_id_param(rc);
               const auto body = rc.json_body();
               const auto& fields = http::object_body(body);
               const auto name = group_name(fields, false);
               const auto description =
                   http::optional_string(fields, "description", kMaxDescription);
               db::Result rows;
               bool duplicate = false;
               try {
                 rows = co_await ctx.db.query(kUpdateGroup, id, name, description);
               } catch (const db::QueryError& e) {
                 if (!unique_violation(e)) throw;
                 duplicate = true;
               }
               if (duplicate) throw Error(Errc::conflict, "A group with this name already exists.");
               if (rows.empty()) throw Error(Errc::not_found, "No such group.");
               boost::json::array changed;
               if (name) changed.push_back("name");
               if (description) changed.push_back("description");
               const boost::json::object detail{{"group_id", id}, {"fields", std::move(changed)}};
               co_await audit_by(ctx.db, "group.updated", std::nullopt, rc, detail);
               co_return http::json_response(http::Status::ok, group_json(rows, 0));
             },
             {.body_limit = 16 * 1024});

  router.add(http::Verb::delete_, "/api/v1/admin/groups/{id}", admin,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = group_id_param(rc);
               auto rows = co_await ctx.db.query(kDeleteGroup, id);
               if (rows.empty()) throw Error(Errc::not_found, "No such group.");
               const boost::json::object detail{{"group_id", id}, {"name", rows.text(0, 0)}};
               co_await audit_by(ctx.db, "group.deleted", std::nullopt, rc, detail);
               co_return Response{http::Status::no_content, 11};
             });

  router.get("/api/v1/admin/groups/{id}/members", admin,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = group_id_param(rc);
               const auto params = http::query_params(rc.request);
               const int limit = http::page_limit(params);
               std::string after = kFirstUuid;
               if (auto cursor = http::param(params, "cursor")) {
                 after = http::decode_cursor(*cursor, 1)[0];
                 if (!http::is_uuid(after)) {
                   throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
                 }
               }
               auto group = co_await ctx.db.query(kGroupById, id);
               if (group.empty()) throw Error(Errc::not_found, "No such group.");
               auto rows = co_await ctx.db.query(kListMembers, id, after, limit + 1);
               co_return http::json_response(
                   http::Status::ok, http::keyset_page(rows, limit, "members", user_row, {"id"}));
             });

  // Adds users by id, up to 1000 at a time; adding a member twice is not an error.
  router.post(
      "/api/v1/admin/groups/{id}/members", admin,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto id = group_id_param(rc);
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);
        const auto* list = fields.if_contains("user_ids");
        if (!list || !list->is_array() || list->as_array().empty() ||
            list->as_array().size() > kMaxMembersPerRequest) {
          throw Error(Errc::validation_failed,
                      "\"user_ids\" must be a list of 1 to 1000 user ids.");
        }
        std::set<std::string> ids;
        for (const auto& v : list->as_array()) {
          if (!v.is_string() || !http::is_uuid(v.as_string())) {
            throw Error(Errc::validation_failed, "\"user_ids\" must be a list of user ids.");
          }
          ids.insert(ascii_lower(v.as_string()));
        }
        const auto array = db::text_array({ids.begin(), ids.end()});
        auto tx = co_await ctx.db.begin();
        auto group = co_await tx.execute(kGroupById, id);
        if (group.empty()) throw Error(Errc::not_found, "No such group.");
        auto known = co_await tx.execute(kCountUsers, array);
        if (known.integer(0, 0) != static_cast<std::int64_t>(ids.size())) {
          throw Error(Errc::validation_failed, "\"user_ids\" names a user that does not exist.");
        }
        auto added = co_await tx.execute(kAddMembers, id, array);
        const auto detail = boost::json::serialize(
            boost::json::object{{"group_id", id}, {"added", added.affected()}});
        co_await tx.execute(kAuditBy, "group.members_added", std::nullopt, rc.principal->user_id,
                            rc.client.to_string(), detail);
        co_await tx.commit();
        co_return Response{http::Status::no_content, 11};
      },
      {.body_limit = 64 * 1024});

  router.add(http::Verb::delete_, "/api/v1/admin/groups/{id}/members/{user_id}", admin,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = group_id_param(rc);
               const auto user_id = rc.param("user_id");
               if (!http::is_uuid(user_id)) throw Error(Errc::not_found, "No such member.");
               auto rows = co_await ctx.db.query(kRemoveMember, id, user_id);
               if (rows.empty()) throw Error(Errc::not_found, "No such member.");
               const boost::json::object detail{{"group_id", id}};
               co_await audit_by(ctx.db, "group.member_removed", std::string(user_id), rc, detail);
               co_return Response{http::Status::no_content, 11};
             });
}

}  // namespace sn::admin
