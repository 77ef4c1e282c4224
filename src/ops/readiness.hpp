#pragma once
// What /readyz reports: a load balancer sends traffic only while the database is reachable, the
// schema is migrated and the instance is not draining.

#include <atomic>

namespace sn::ops {

struct Readiness {
  std::atomic<bool> migrated{false};
  std::atomic<bool> draining{false};
};

}  // namespace sn::ops
