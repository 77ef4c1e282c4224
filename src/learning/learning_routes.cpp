#include "learning/learning_routes.hpp"

#include "learning/route_parts.hpp"

namespace sn::learning {

void register_routes(http::Router& router, learning::LearningContext& ctx) {
  register_enrolment_routes(router, ctx);
  register_lesson_routes(router, ctx);
  register_dashboard_routes(router, ctx);
  register_learners_routes(router, ctx);
}

}  // namespace sn::learning
