#include "ops/ops_routes.hpp"

#include "core/build_info.hpp"
#include <boost/json/array.hpp>

#include "core/error.hpp"

namespace sn::ops {
namespace asio = boost::asio;
using http::RequestContext;
using http::Response;
using http::Status;

namespace {

constexpr db::Query kPing{"ops.ping", "SELECT 1"};

}  // namespace

void register_routes(http::Router& router, OpsContext& ctx) {
  // Liveness: the process answers. Deliberately checks nothing else, so a database outage does
  // not get healthy instances restarted.
  router.get("/healthz", http::Access::anyone(), [](RequestContext&) -> asio::awaitable<Response> {
    co_return http::json_response(Status::ok, {{"status", "ok"}});
  });

  router.get("/readyz", http::Access::anyone(),
             [&ctx](RequestContext&) -> asio::awaitable<Response> {
               if (ctx.readiness.draining.load()) {
                 throw Error(Errc::not_ready, "This instance is shutting down.");
               }
               if (!ctx.readiness.migrated.load()) {
                 throw Error(Errc::not_ready, "Database migrations have not been applied yet.");
               }
               co_await ctx.db.query(kPing);  // throws database_unavailable (503) when unreachable
               co_return http::json_response(Status::ok, {{"status", "ready"}});
             });

  router.get("/metrics", http::Access::anyone(),
             [&ctx](RequestContext&) -> asio::awaitable<Response> {
               co_return http::text_response(Status::ok, ctx.metrics ? ctx.metrics->render() : "",
                                             "text/plain; version=0.0.4; charset=utf-8");
             });

  router.get("/api/v1/version", http::Access::anyone(),
             [](RequestContext&) -> asio::awaitable<Response> {
               co_return http::json_response(Status::ok, {{"version", build_info::kVersion},
                                                          {"commit", build_info::kCommit},
                                                          {"build_time", build_info::kBuildTime}});
             });

  // Every route and who may call it: the authorization rules in one list, for admins and for
  // the authorization-matrix test.
  router.get("/api/v1/admin/routes", http::Access::role(http::Role::admin),
             [&router](RequestContext&) -> asio::awaitable<Response> {
               boost::json::array routes;
               for (const auto& route : router.routes()) {
                 routes.push_back({{"method", http::beast_http::to_string(route->method)},
                                   {"pattern", route->pattern},
                                   {"access", route->access.describe()}});
               }
               co_return http::json_response(Status::ok, {{"routes", std::move(routes)}});
             });
}

}  // namespace sn::ops
