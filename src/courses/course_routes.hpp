#pragma once
// Courses: authoring (course, outline, owners, skills, prerequisites, publishing), the catalog and
// the skills taxonomy.

#include "http/router.hpp"
#include "learning/context.hpp"

namespace sn::courses {

void register_routes(http::Router& router, learning::LearningContext& ctx);

}  // namespace sn::courses
