#include "paths/path_routes.hpp"

namespace sn::paths {

void register_routes(http::Router&, learning::LearningContext&) {}

}  // namespace sn::paths
