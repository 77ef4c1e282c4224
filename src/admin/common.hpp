#pragma once
// What the admin routes share: query-string parameters, opaque keyset cursors, PostgreSQL array
// literals, the audit trail with an actor, and the user object every admin listing returns.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
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

// The decoded query-string parameters of a request; a repeated name keeps its last value.
std::map<std::string, std::string> query_params(const http::Request& request);
// A non-empty parameter, or nullopt.
std::optional<std::string> param(const std::map<std::string, std::string>& params,
                                 const std::string& name);
// `limit`: default 50, 1..200, else 422.
int page_limit(const std::map<std::string, std::string>& params);

// Keyset cursors are opaque to clients (base64url of the sort key's parts), so the sort key can
// change without breaking them as an API. decode_cursor throws 422 on anything malformed.
std::string encode_cursor(const std::vector<std::string>& parts);
std::vector<std::string> decode_cursor(std::string_view cursor, std::size_t parts);

// A PostgreSQL array literal ({"a","b"}) for one text[] or uuid[] parameter: bulk statements
// take whole columns as arrays and unnest them, one statement instead of one per row.
std::string pg_array(const std::vector<std::string>& values);

bool is_uuid(std::string_view text);
// `text` without leading and trailing spaces and tabs.
std::string_view trim_view(std::string_view text);
// LIKE pattern that matches `text` anywhere, its own % _ and \ taken literally.
std::string contains_pattern(std::string_view text);

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

// A string field of a JSON body: absent → nullopt; present but not a string, or longer than
// `max_bytes` → 422.
std::optional<std::string> optional_string(const boost::json::object& body, std::string_view key,
                                           std::size_t max_bytes);
const boost::json::object& object_body(const boost::json::value& body);

}  // namespace sn::admin
