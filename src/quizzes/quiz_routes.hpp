#pragma once
// Quizzes: the course's question bank, quiz settings, attempts and grading.

#include "http/router.hpp"
#include "learning/context.hpp"

namespace sn::quizzes {

void register_routes(http::Router& router, learning::LearningContext& ctx);

}  // namespace sn::quizzes
