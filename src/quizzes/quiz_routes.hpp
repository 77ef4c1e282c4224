#pragma once
// Quizzes: the course's question bank, quiz settings, attempts and grading.

#include "http/router.hpp"
#include "learning/context.hpp"
#include "ops/housekeeping.hpp"

namespace sn::quizzes {

void register_routes(http::Router& router, learning::LearningContext& ctx);

// Attempts left open past their deadline are graded with what they saved (as the learner's
// next request would), so scores and completions do not wait for a return that may not come.
void add_housekeeping(ops::Housekeeping& housekeeping);

}  // namespace sn::quizzes
