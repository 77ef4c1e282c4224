#include "quizzes/quiz_routes.hpp"

namespace sn::quizzes {

void register_routes(http::Router&, learning::LearningContext&) {}

}  // namespace sn::quizzes
