#pragma once
// Certificates: the learner's list, the PDF and the public verification.

#include "http/router.hpp"
#include "learning/context.hpp"

namespace sn::certificates {

void register_routes(http::Router& router, learning::LearningContext& ctx);

}  // namespace sn::certificates
