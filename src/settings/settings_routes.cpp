#include "settings/settings_routes.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"

namespace sn::settings {
namespace asio = boost::asio;
using http::RequestContext;
using http::Response;

namespace {

constexpr db::Query kPlatformSettings{"settings.platform",
                                      "SELECT value FROM settings WHERE key = 'platform'"};

// Merges the changed keys into the row; the primary serves it, so the answer shows the change.
constexpr db::Query kUpdatePlatform{
    "settings.update_platform",
    "UPDATE settings SET value = value || $1::jsonb, updated_at = now() WHERE key = 'platform' "
    "RETURNING value"};
constexpr db::Query kAudit{"settings.audit",
                           "INSERT INTO audit_events (event, actor_id, client_address, detail) "
                           "VALUES ($1, $2::uuid, $3::inet, $4::jsonb)"};

// The changes in a PATCH body, validated: only known keys, each with an acceptable value.
boost::json::object platform_changes(const boost::json::value& body) {
  if (!body.is_object()) throw Error(Errc::validation_failed, "Send a JSON object.");
  boost::json::object changes;
  for (const auto& [key, value] : body.as_object()) {
    if (key == "signup") {
      if (!value.is_string() ||
          (value.as_string() != "open" && value.as_string() != "invite_only")) {
        throw Error(Errc::validation_failed, "\"signup\" is \"open\" or \"invite_only\".");
      }
    } else if (key == "name") {
      if (!value.is_string() || value.as_string().empty() || value.as_string().size() > 100) {
        throw Error(Errc::validation_failed, "\"name\" is 1 to 100 characters.");
      }
    } else {
      throw Error(Errc::validation_failed, "\"" + std::string(key) + "\" is not a setting.");
    }
    changes[key] = value;
  }
  if (changes.empty()) throw Error(Errc::validation_failed, "Send the settings to change.");
  return changes;
}

}  // namespace

void register_routes(http::Router& router, db::Database& db) {
  // Read on every page load and changed rarely: a replica may serve it. `viewer` tells the page
  // who is signed in (null for visitors) without a second request.
  router.get(
      "/api/v1/platform", http::Access::anyone_identified(),
      [&db](RequestContext& rc) -> asio::awaitable<Response> {
        auto rows = co_await db.read_replica(kPlatformSettings);
        if (rows.empty()) throw Error(Errc::not_found, "The platform has no settings yet.");
        auto settings = boost::json::parse(rows.text(0, 0));
        boost::json::value viewer = nullptr;
        if (rc.principal) {
          viewer = {{"id", rc.principal->user_id}, {"role", http::to_string(rc.principal->role)}};
        }
        if (settings.is_object()) settings.as_object()["viewer"] = std::move(viewer);
        co_return http::json_response(http::Status::ok, std::move(settings));
      });
}

void register_admin_routes(http::Router& router, db::Database& db) {
  router.add(http::Verb::patch, "/api/v1/admin/settings/platform",
             http::Access::role(http::Role::admin),
             [&db](RequestContext& rc) -> asio::awaitable<Response> {
               const auto body = rc.json_body();
               const auto changes = platform_changes(body);
               const auto changes_text = boost::json::serialize(changes);
               auto tx = co_await db.begin();
               auto rows = co_await tx.execute(kUpdatePlatform, changes_text);
               if (rows.empty()) throw Error(Errc::not_found, "The platform has no settings yet.");
               co_await tx.execute(kAudit, "settings.changed", rc.principal->user_id,
                                   rc.client.to_string(), changes_text);
               co_await tx.commit();
               auto value = boost::json::parse(rows.text(0, 0));
               co_return http::json_response(http::Status::ok, value);
             },
             {.body_limit = 8 * 1024});
}

}  // namespace sn::settings
