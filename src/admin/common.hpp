#pragma once
// What the admin routes share: the audit trail with an actor and the user object every admin
// listing returns.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "http/inputs.hpp"
#include "http/types.hpp"
#include "identity/auth_routes.hpp"

namespace sn::admin {

void register_users_routes(http::Router& router, identity::AuthContext& ctx);
void register_groups_routes(http::Router& router, identity::AuthContext& ctx);
void register_audit_routes(http::Router& router, identity::AuthContext& ctx);

// Every admin route: users, groups, bulk import, audit search.
inline void register_routes(http::Router& router, identity::AuthContext& ctx) {
  register_users_routes(router, ctx);
  register_groups_routes(router, ctx);
  register_audit_routes(router, ctx);
}

// Audit with the admin who acted (`actor_id`) beside the account acted on (`user_id`).
inline constexpr db::Query kAuditBy{
    "admin.audit_by",
    "INSERT INTO audit_events (event, user_id, actor_id, client_address, detail) "
    "VALUES ($1, $2::uuid, $3::uuid, $4::inet, $5::jsonb)"};
boost::asio::awaitable<void> audit_by(db::Database& db, std::string_view event,
                                      std::optional<std::string> user_id,
                                      const http::RequestContext& rc,
                                      const boost::json::object& detail);

// The columns and joins that make the user object of the contract, for "SELECT … WHERE …".
#define SN_ADMIN_USER_SELECT                                                        \
  "SELECT u.id, u.email, u.name, u.role, u.status, "                                \
  "u.email_verified_at IS NOT NULL AS email_verified, "                             \
  "u.totp_enabled_at IS NOT NULL AS mfa_enabled, "                                  \
  "to_json(u.created_at) #>> '{}' AS created_at, "                                  \
  "to_json(ls.at) #>> '{}' AS last_sign_in_at, lower(u.email) AS sort_key "         \
  "FROM users u LEFT JOIN LATERAL (SELECT max(s.created_at) AS at FROM sessions s " \
  "WHERE s.user_id = u.id) ls ON true "

boost::json::object user_json(const db::Result& rows, int row);
// The same, as a listing's item (http::keyset_page).
inline boost::json::value user_row(const db::Result& rows, int row) {
  return user_json(rows, row);
}

}  // namespace sn::admin
