#pragma once
// Enrolment, taking lessons, progress (heartbeats, completion) and the learner dashboard.

#include "http/router.hpp"
#include "learning/context.hpp"

namespace sn::learning {

void register_routes(http::Router& router, learning::LearningContext& ctx);

}  // namespace sn::learning
