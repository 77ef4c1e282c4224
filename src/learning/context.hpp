#pragma once
// What every learning-core feature (courses, enrolment and progress, quizzes, certificates,
// learning paths) is given when its routes are registered.

#include <string>

#include "db/database.hpp"
#include "db/invalidations.hpp"

namespace sn::learning {

struct LearningContext {
  db::Database& db;
  // Where links in certificates and emails point (the public URL or this server's address).
  std::string public_url;
  // A video lesson completes once this share of its distinct seconds has been watched.
  double video_completion = 0.9;
  // Keeps caches of caller-independent answers (the catalog) right; none without it.
  db::Invalidations* invalidations = nullptr;
};

}  // namespace sn::learning
