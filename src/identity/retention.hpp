#pragma once
// What identity keeps and for how long: the housekeeping jobs for sessions, tokens and
// throttle counters, unfinished single sign-on flows. The audit trail is never deleted here.

#include "ops/housekeeping.hpp"

namespace sn::identity {

void add_retention_jobs(ops::Housekeeping& housekeeping);

}  // namespace sn::identity
