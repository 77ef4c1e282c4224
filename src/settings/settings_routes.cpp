#include "settings/settings_routes.hpp"

#include <boost/json/parse.hpp>

#include "core/error.hpp"

namespace sn::settings {
namespace asio = boost::asio;
using http::RequestContext;
using http::Response;

namespace {

constexpr db::Query kPlatformSettings{"settings.platform",
                                      "SELECT value FROM settings WHERE key = 'platform'"};

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

}  // namespace sn::settings
