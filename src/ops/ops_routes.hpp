#pragma once
// Operations endpoints: liveness, readiness, Prometheus metrics, build version.

#include "db/database.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "ops/readiness.hpp"

namespace sn::ops {

struct OpsContext {
  Readiness& readiness;
  db::Database& db;
  const http::Metrics* metrics = nullptr;  // set once the router is complete
};

void register_routes(http::Router& router, OpsContext& ctx);

}  // namespace sn::ops
