#include "courses/course_routes.hpp"

#include "courses/course_common.hpp"

namespace sn::courses {

void register_routes(http::Router& router, learning::LearningContext& ctx) {
  register_skills_routes(router, ctx);
  register_authoring_routes(router, ctx);
  register_outline_routes(router, ctx);
  register_catalog_routes(router, ctx);
}

}  // namespace sn::courses
