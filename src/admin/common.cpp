#include "admin/common.hpp"

#include <sodium.h>

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <cctype>

#include "core/error.hpp"

namespace sn::admin {
namespace asio = boost::asio;

asio::awaitable<void> audit_by(db::Database& db, std::string_view event,
                               std::optional<std::string> user_id, const http::RequestContext& rc,
                               const boost::json::object& detail) {
  const std::string actor = rc.principal ? rc.principal->user_id : std::string();
  const std::string client = rc.client.to_string();
  const std::string detail_json = boost::json::serialize(detail);
  co_await db.query(kAuditBy, event, user_id, actor, client, detail_json);
}

boost::json::object user_json(const db::Result& rows, int row) {
  boost::json::object user{{"id", rows.text(row, "id")},
                           {"email", rows.text(row, "email")},
                           {"name", rows.text(row, "name")},
                           {"role", rows.text(row, "role")},
                           {"status", rows.text(row, "status")},
                           {"email_verified", rows.boolean(row, rows.column("email_verified"))},
                           {"mfa_enabled", rows.boolean(row, rows.column("mfa_enabled"))},
                           {"created_at", rows.text(row, "created_at")}};
  if (auto at = rows.optional_text(row, "last_sign_in_at")) {
    user["last_sign_in_at"] = *at;
  } else {
    user["last_sign_in_at"] = nullptr;
  }
  return user;
}

}  // namespace sn::admin
