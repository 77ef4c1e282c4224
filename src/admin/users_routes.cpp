// Admin: the user directory (search, filters, cursor pages), invitations, role and status
// changes with their guard rails, ending a user's sessions, and the bulk CSV import.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "admin/common.hpp"
#include "admin/user_import.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "identity/email_address.hpp"
#include "identity/tokens.hpp"

namespace sn::admin {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;
using http::Role;

namespace {

constexpr db::Query kUserById{"admin.user_by_id", SN_ADMIN_USER_SELECT "WHERE u.id = $1::uuid"};
constexpr db::Query kUserGroups{
    "admin.user_groups",
    "SELECT g.id, g.name FROM group_members m JOIN groups g ON g.id = m.group_id "
    "WHERE m.user_id = $1::uuid ORDER BY lower(g.name) LIMIT 1000"};
constexpr db::Query kInvite{
    "admin.invite",
    "INSERT INTO users (email, name, role, status) VALUES ($1, $2, $3, 'invited') "
    "ON CONFLICT DO NOTHING RETURNING id"};
constexpr db::Query kInviteToken{
    "admin.invite_token",
    "INSERT INTO user_tokens (token_hash, user_id, purpose, expires_at) "
    "VALUES ($1, $2::uuid, 'password_set', now() + interval '7 days')"};
constexpr db::Query kJoinGroups{
    "admin.join_groups",
    "INSERT INTO group_members (group_id, user_id) SELECT g.id, $2::uuid FROM groups g "
    "WHERE g.id = ANY($1::uuid[]) ON CONFLICT DO NOTHING"};
// Taken in id order by every change that could remove an admin, so two admins demoting each
// other at once are serialised (the second sees the first's result) instead of deadlocking.
constexpr db::Query kLockActiveAdmins{
    "admin.lock_active_admins",
    "SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id FOR UPDATE"};
constexpr db::Query kLockUser{
    "admin.lock_user",
    "SELECT role, status, name, password_hash IS NOT NULL AS has_password FROM users "
    "WHERE id = $1::uuid FOR UPDATE"};
constexpr db::Query kUpdateUser{
    "admin.update_user",
    "UPDATE users SET name = $2, role = $3, status = $4, updated_at = now() WHERE id = $1::uuid"};
constexpr db::Query kRevokeUserSessions{
    "admin.revoke_user_sessions",
    "UPDATE sessions SET revoked_at = now() WHERE user_id = $1::uuid AND revoked_at IS NULL"};
constexpr db::Query kUserExists{"admin.user_exists", "SELECT 1 FROM users WHERE id = $1::uuid"};

// Bulk import: every statement takes whole columns as arrays.
constexpr db::Query kTakenEmails{
    "admin.import_taken",
    "SELECT e FROM unnest($1::text[]) AS e "
    "WHERE EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = lower(e))"};
constexpr db::Query kImportGroups{
    "admin.import_groups",
    "INSERT INTO groups (name) SELECT DISTINCT ON (lower(n)) n FROM unnest($1::text[]) AS n "
    "ORDER BY lower(n) ON CONFLICT (lower(name)) DO NOTHING RETURNING id"};
constexpr db::Query kImportUsers{
    "admin.import_users",
    "INSERT INTO users (email, name, role, status) "
    "SELECT e, n, r, 'invited' FROM unnest($1::text[], $2::text[], $3::text[]) AS t(e, n, r) "
    "ON CONFLICT DO NOTHING RETURNING id, email"};
constexpr db::Query kImportTokens{
    "admin.import_tokens",
    "INSERT INTO user_tokens (token_hash, user_id, purpose, expires_at) "
    "SELECT h, u, 'password_set', now() + interval '7 days' "
    "FROM unnest($1::text[], $2::uuid[]) AS t(h, u)"};
constexpr db::Query kImportMembers{
    "admin.import_members",
    "INSERT INTO group_members (group_id, user_id) SELECT g.id, t.u "
    "FROM unnest($1::uuid[], $2::text[]) AS t(u, n) JOIN groups g ON lower(g.name) = lower(t.n) "
    "ON CONFLICT DO NOTHING"};

// The listing, one prepared statement per combination of filters, so each has a plan that uses
// the index for its filters (a catch-all "$n IS NULL OR …" plan cannot). Every variant takes
// the same six parameters; the filters it does not apply are one-time checks that they are NULL.
// $1 limit, $2 cursor (lower(email) of the last row seen, '' for the first page), $3 search
// pattern, $4 role, $5 status, $6 group id.
struct Variant {
  std::string name;
  std::string sql;
};
enum : unsigned { kBySearch = 1, kByRole = 2, kByStatus = 4, kByGroup = 8 };

const std::array<Variant, 16>& list_variants() {
  static const std::array<Variant, 16> variants = [] {
    std::array<Variant, 16> out;
    for (unsigned mask = 0; mask < out.size(); ++mask) {
      std::string sql = SN_ADMIN_USER_SELECT "WHERE lower(u.email) > $2";
      sql += mask & kBySearch
                 ? " AND (lower(u.email) LIKE lower($3) OR lower(u.name) LIKE lower($3))"
                 : " AND $3::text IS NULL";
      sql += mask & kByRole ? " AND u.role = $4" : " AND $4::text IS NULL";
      sql += mask & kByStatus ? " AND u.status = $5" : " AND $5::text IS NULL";
      sql += mask & kByGroup ? " AND EXISTS (SELECT 1 FROM group_members m "
                               "WHERE m.group_id = $6::uuid AND m.user_id = u.id)"
                             : " AND $6::uuid IS NULL";
      sql += " ORDER BY lower(u.email) LIMIT $1";
      out[mask] = {"admin.list_users_" + std::to_string(mask), std::move(sql)};
    }
    return out;
  }();
  return variants;
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (value == a) return true;
  return false;
}

std::string user_id_param(const RequestContext& rc) {
  const auto id = rc.param("id");
  if (!http::is_uuid(id)) throw Error(Errc::not_found, "No such user.");
  return std::string(id);
}

asio::awaitable<boost::json::object> load_user(db::Database& db, const std::string& id,
                                               bool with_groups) {
  auto rows = co_await db.query(kUserById, id);
  if (rows.empty()) throw Error(Errc::not_found, "No such user.");
  auto user = user_json(rows, 0);
  if (with_groups) {
    auto groups = co_await db.query(kUserGroups, id);
    boost::json::array list;
    for (int r = 0; r < groups.rows(); ++r) {
      list.push_back({{"id", groups.text(r, 0)}, {"name", groups.text(r, 1)}});
    }
    user["groups"] = std::move(list);
  }
  co_return user;
}

mail::Message invitation(const identity::AuthContext& ctx, const std::string& email,
                         const std::string& token) {
  const auto link = ctx.public_url + "/set-password#token=" + token;
  return {email, "You are invited to SkillNexus",
          "An administrator has created a SkillNexus account for you.\n\n"
          "Choose your password within 7 days at:\n\n" +
              link + "\n\nIf you did not expect this, you can ignore this message.\n",
          link};
}

// Bulk invitations go out after the import has answered: thousands of messages over SMTP would
// outlast any HTTP timeout. A message that cannot be sent is counted and logged, not retried.
asio::awaitable<void> send_invitations(mail::Mailer& mailer, std::vector<mail::Message> messages) {
  std::size_t failed = 0;
  for (auto& message : messages) {
    try {
      co_await mailer.send(std::move(message));
    } catch (const std::exception&) {
      ++failed;
    }
  }
  if (failed) {
    log::warn("some import invitations were not sent",
              {{"failed", failed}, {"total", messages.size()}});
  }
}

}  // namespace

void register_users_routes(http::Router& router, identity::AuthContext& ctx) {
  const auto admin = Access::role(Role::admin);

  // Users in lower(email) order, searched and filtered, a page at a time (keyset: the cursor is
  // the last email seen, so pages stay correct while users are added).
  router.get("/api/v1/admin/users", admin, [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
    const auto params = http::query_params(rc.request);
    const int limit = http::page_limit(params);
    std::string after;
    if (auto cursor = http::param(params, "cursor")) after = http::decode_cursor(*cursor, 1)[0];
    unsigned mask = 0;
    std::optional<std::string> pattern, role, status, group;
    if (auto q = http::param(params, "q")) {
      if (q->size() > 200) throw Error(Errc::validation_failed, "\"q\" is too long.");
      pattern = db::like_contains(*q);
      mask |= kBySearch;
    }
    if ((role = http::param(params, "role"))) {
      if (!one_of(*role, {"learner", "instructor", "admin"})) {
        throw Error(Errc::validation_failed, "\"role\" must be learner, instructor or admin.");
      }
      mask |= kByRole;
    }
    if ((status = http::param(params, "status"))) {
      if (!one_of(*status, {"invited", "active", "disabled"})) {
        throw Error(Errc::validation_failed, "\"status\" must be invited, active or disabled.");
      }
      mask |= kByStatus;
    }
    if ((group = http::param(params, "group"))) {
      if (!http::is_uuid(*group))
        throw Error(Errc::validation_failed, "\"group\" must be a group id.");
      mask |= kByGroup;
    }
    const auto& variant = list_variants()[mask];
    auto rows = co_await ctx.db.query(db::Query{variant.name.c_str(), variant.sql.c_str()},
                                      limit + 1, after, pattern, role, status, group);
    co_return http::json_response(http::Status::ok,
                                  http::keyset_page(rows, limit, "users", user_row, {"sort_key"}));
  });

  // Invite: a new account without a password, and an email with a link (7 days) to choose one.
  router.post(
      "/api/v1/admin/users", admin,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);
        const auto email =
            std::string(trim_blanks(http::optional_string(fields, "email", 320).value_or("")));
        if (auto problem = identity::email_problem(email)) {
          throw Error(Errc::validation_failed,
                      "\"email\" is not a valid address: " + *problem + ".");
        }
        const auto name =
            std::string(trim_blanks(http::optional_string(fields, "name", 200).value_or("")));
        const auto role = http::optional_string(fields, "role", 20).value_or("learner");
        if (!one_of(role, {"learner", "instructor", "admin"})) {
          throw Error(Errc::validation_failed, "\"role\" must be learner, instructor or admin.");
        }
        std::set<std::string> group_ids;
        if (const auto* groups = fields.if_contains("groups"); groups && !groups->is_null()) {
          if (!groups->is_array() || groups->as_array().size() > 100) {
            throw Error(Errc::validation_failed,
                        "\"groups\" must be a list of up to 100 group ids.");
          }
          for (const auto& g : groups->as_array()) {
            if (!g.is_string() || !http::is_uuid(g.as_string())) {
              throw Error(Errc::validation_failed, "\"groups\" must be a list of group ids.");
            }
            group_ids.insert(ascii_lower(g.as_string()));
          }
        }
        auto issued = identity::issue_token();
        auto tx = co_await ctx.db.begin();
        auto created = co_await tx.execute(kInvite, email, name, role);
        if (created.empty()) {
          throw Error(Errc::conflict, "An account with this email address already exists.");
        }
        const std::string user_id(created.text(0, 0));
        co_await tx.execute(kInviteToken, issued.hash, user_id);
        if (!group_ids.empty()) {
          auto joined = co_await tx.execute(
              kJoinGroups, db::text_array({group_ids.begin(), group_ids.end()}), user_id);
          if (joined.affected() != static_cast<std::int64_t>(group_ids.size())) {
            throw Error(Errc::validation_failed, "\"groups\" names a group that does not exist.");
          }
        }
        const auto detail = boost::json::serialize(
            boost::json::object{{"role", role}, {"groups", group_ids.size()}});
        co_await tx.execute(kAuditBy, "user.invited", user_id, rc.principal->user_id,
                            rc.client.to_string(), detail);
        co_await tx.commit();

        // The account exists whatever happens to the email; the admin sees whether it went out.
        bool sent = true;
        try {
          co_await ctx.mailer.send(invitation(ctx, email, issued.token));
        } catch (const std::exception&) {
          sent = false;
          log::warn("invitation email not sent", {{"user_id", user_id}});
        }
        auto user = co_await load_user(ctx.db, user_id, false);
        user["invitation_sent"] = sent;
        co_return http::json_response(http::Status::created, user);
      },
      {.body_limit = 16 * 1024});

  router.get("/api/v1/admin/users/{id}", admin,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               auto user = co_await load_user(ctx.db, user_id_param(rc), true);
               co_return http::json_response(http::Status::ok, user);
             });

  // Name, role and status. Disabling ends every session in the same transaction. An admin cannot
  // demote or disable themselves, and the last active admin stays one.
  router.add(
      http::Verb::patch, "/api/v1/admin/users/{id}", admin,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto id = user_id_param(rc);
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);
        const auto new_name = http::optional_string(fields, "name", 200);
        const auto new_role = http::optional_string(fields, "role", 20);
        const auto new_status = http::optional_string(fields, "status", 20);
        if (new_role && !one_of(*new_role, {"learner", "instructor", "admin"})) {
          throw Error(Errc::validation_failed, "\"role\" must be learner, instructor or admin.");
        }
        if (new_status && !one_of(*new_status, {"active", "disabled"})) {
          throw Error(Errc::validation_failed, "\"status\" must be active or disabled.");
        }
        const std::string client = rc.client.to_string();
        const std::string& actor = rc.principal->user_id;

        auto tx = co_await ctx.db.begin();
        auto admins = co_await tx.execute(kLockActiveAdmins);
        auto current = co_await tx.execute(kLockUser, id);
        if (current.empty()) throw Error(Errc::not_found, "No such user.");
        const std::string role(current.text(0, "role"));
        const std::string status(current.text(0, "status"));
        const std::string name(current.text(0, "name"));
        const bool has_password = current.boolean(0, current.column("has_password"));

        const std::string role_after = new_role.value_or(role);
        std::string status_after = status;
        if (new_status == "disabled") {
          status_after = "disabled";
        } else if (new_status == "active" && status == "disabled") {
          // Back to where it was: an invitation not yet accepted stays an invitation.
          status_after = has_password ? "active" : "invited";
        }
        const std::string name_after = new_name ? std::string(trim_blanks(*new_name)) : name;

        const bool stays_active_admin = role_after == "admin" && status_after == "active";
        if (id == actor && !stays_active_admin) {
          throw Error(Errc::conflict,
                      "You cannot remove your own admin role or disable your own account; "
                      "ask another admin.");
        }
        if (role == "admin" && status == "active" && !stays_active_admin && admins.rows() <= 1) {
          throw Error(Errc::conflict,
                      "This is the last active admin: make another user an admin first.");
        }

        co_await tx.execute(kUpdateUser, id, name_after, role_after, status_after);
        if (role_after != role) {
          const auto detail =
              boost::json::serialize(boost::json::object{{"from", role}, {"to", role_after}});
          co_await tx.execute(kAuditBy, "role.changed", id, actor, client, detail);
        }
        if (status_after == "disabled" && status != "disabled") {
          auto revoked = co_await tx.execute(kRevokeUserSessions, id);
          const auto detail =
              boost::json::serialize(boost::json::object{{"sessions_ended", revoked.affected()}});
          co_await tx.execute(kAuditBy, "account.disabled", id, actor, client, detail);
        } else if (status == "disabled" && status_after != "disabled") {
          co_await tx.execute(kAuditBy, "account.enabled", id, actor, client, std::string("{}"));
        }
        if (name_after != name) {
          co_await tx.execute(kAuditBy, "user.updated", id, actor, client,
                              std::string(R"({"fields": ["name"]})"));
        }
        co_await tx.commit();
        auto user = co_await load_user(ctx.db, id, false);
        co_return http::json_response(http::Status::ok, user);
      },
      {.body_limit = 16 * 1024});

  // Ends every session (web and API) of the user, on every instance at their next request.
  router.add(http::Verb::delete_, "/api/v1/admin/users/{id}/sessions", admin,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = user_id_param(rc);
               auto tx = co_await ctx.db.begin();
               auto exists = co_await tx.execute(kUserExists, id);
               if (exists.empty()) throw Error(Errc::not_found, "No such user.");
               auto revoked = co_await tx.execute(kRevokeUserSessions, id);
               const auto detail = boost::json::serialize(boost::json::object{
                   {"reason", "ended by an admin"}, {"sessions_ended", revoked.affected()}});
               co_await tx.execute(kAuditBy, "session.revoked", id, rc.principal->user_id,
                                   rc.client.to_string(), detail);
               co_await tx.commit();
               co_return Response{http::Status::no_content, 11};
             });

  // Bulk import from CSV. Every bad row is reported with its line; all_or_nothing writes nothing
  // if any row is bad, valid_rows writes the good ones; dry_run only reports. One transaction,
  // a handful of array statements whatever the row count.
  router.post(
      "/api/v1/admin/users/import", admin,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto [mode, dry_run] = http::csv_import_request(rc.request);

        auto plan = plan_import(rc.request.body());
        if (!plan.file_error && !plan.rows.empty()) {
          std::vector<std::string> emails;
          for (const auto& row : plan.rows)
            emails.push_back(row.email);
          auto taken_rows = co_await ctx.db.query(kTakenEmails, db::text_array(emails));
          std::set<std::string> taken;
          for (int r = 0; r < taken_rows.rows(); ++r)
            taken.emplace(taken_rows.text(r, 0));
          reject_taken(plan, taken);
        }
        const std::size_t valid = plan.rows.size();
        const bool importable = !plan.file_error && (mode == "valid_rows" || plan.errors.empty());
        std::size_t imported = 0;
        std::vector<mail::Message> invitations;

        if (importable && !dry_run && !plan.rows.empty()) {
          std::vector<std::string> emails, names, roles, group_names;
          std::set<std::string> seen_groups;
          for (const auto& row : plan.rows) {
            emails.push_back(row.email);
            names.push_back(row.name);
            roles.push_back(row.role);
            for (const auto& g : row.groups) {
              if (seen_groups.insert(ascii_lower(g)).second) group_names.push_back(g);
            }
          }
          auto tx = co_await ctx.db.begin();
          std::int64_t groups_created = 0;
          if (!group_names.empty()) {
            auto created = co_await tx.execute(kImportGroups, db::text_array(group_names));
            groups_created = created.rows();
          }
          auto inserted = co_await tx.execute(kImportUsers, db::text_array(emails),
                                              db::text_array(names), db::text_array(roles));
          std::map<std::string, std::string> id_of;  // email as given → new user id
          for (int r = 0; r < inserted.rows(); ++r)
            id_of.emplace(inserted.text(r, 1), inserted.text(r, 0));
          // An address that got an account after the check above (a concurrent invite).
          std::set<std::string> raced;
          for (const auto& row : plan.rows)
            if (!id_of.contains(row.email)) raced.insert(row.email);
          reject_taken(plan, raced);
          if (raced.empty() || mode == "valid_rows") {
            std::vector<std::string> hashes, user_ids, member_ids, member_groups;
            for (const auto& row : plan.rows) {
              const auto& user_id = id_of.at(row.email);
              auto issued = identity::issue_token();
              hashes.push_back(issued.hash);
              user_ids.push_back(user_id);
              invitations.push_back(invitation(ctx, row.email, issued.token));
              for (const auto& g : row.groups) {
                member_ids.push_back(user_id);
                member_groups.push_back(g);
              }
            }
            if (!hashes.empty()) {
              co_await tx.execute(kImportTokens, db::text_array(hashes), db::text_array(user_ids));
            }
            if (!member_ids.empty()) {
              co_await tx.execute(kImportMembers, db::text_array(member_ids),
                                  db::text_array(member_groups));
            }
            imported = plan.rows.size();
            const auto detail =
                boost::json::serialize(boost::json::object{{"mode", mode},
                                                           {"total_rows", plan.total_rows},
                                                           {"imported", imported},
                                                           {"errors", plan.errors.size()},
                                                           {"groups_created", groups_created}});
            co_await tx.execute(kAuditBy, "users.imported", std::nullopt, rc.principal->user_id,
                                rc.client.to_string(), detail);
            co_await tx.commit();
          } else {
            invitations.clear();  // all_or_nothing: the transaction is dropped, nothing written
          }
        }
        if (!invitations.empty()) {
          auto executor = co_await asio::this_coro::executor;
          asio::co_spawn(executor, send_invitations(ctx.mailer, std::move(invitations)),
                         asio::detached);
        }

        boost::json::array errors;
        for (const auto& e : plan.errors)
          errors.push_back({{"line", e.line}, {"message", e.message}});
        boost::json::object report{
            {"dry_run", dry_run},  {"mode", mode},         {"total_rows", plan.total_rows},
            {"valid_rows", valid}, {"imported", imported}, {"errors", std::move(errors)}};
        if (dry_run) report["would_import"] = importable ? valid : 0;
        co_return http::json_response(http::Status::ok, report);
      },
      {.body_limit = 5 * 1024 * 1024});
}

}  // namespace sn::admin
