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
  // Read on every page load and changed rarely: a replica may serve it.
  router.get("/api/v1/platform", http::Access::anyone(),
             [&db](RequestContext&) -> asio::awaitable<Response> {
               auto rows = co_await db.read_replica(kPlatformSettings);
               if (rows.empty()) throw Error(Errc::not_found, "The platform has no settings yet.");
               co_return http::json_response(http::Status::ok, boost::json::parse(rows.text(0, 0)));
             });
}

}  // namespace sn::settings
