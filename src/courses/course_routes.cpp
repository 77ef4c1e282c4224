#include "courses/course_routes.hpp"

namespace sn::courses {

void register_routes(http::Router&, learning::LearningContext&) {}

}  // namespace sn::courses
