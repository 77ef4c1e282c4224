#include "learning/learning_routes.hpp"

namespace sn::learning {

void register_routes(http::Router&, learning::LearningContext&) {}

}  // namespace sn::learning
