#pragma once
// Learning paths (ordered courses with a certificate of their own) and the learner's skill profile.

#include "http/router.hpp"
#include "learning/context.hpp"

namespace sn::paths {

void register_routes(http::Router& router, learning::LearningContext& ctx);

}  // namespace sn::paths
