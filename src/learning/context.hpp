#pragma once
// What every learning-core feature (courses, enrolment and progress, quizzes, certificates,
// learning paths) is given when its routes are registered.

#include <chrono>
#include <string>

#include "db/database.hpp"
#include "db/invalidations.hpp"
#include "media/url_signer.hpp"
#include "storage/object_store.hpp"

namespace sn::learning {

struct LearningContext {
  db::Database& db;
  // Where links in certificates and emails point (the public URL or this server's address).
  std::string public_url;
  // A video lesson completes once this share of its distinct seconds has been watched.
  double video_completion = 0.9;
  // Keeps caches of caller-independent answers (the catalog) right; none without it.
  db::Invalidations* invalidations = nullptr;
  // Signs the media URLs of video lessons for callers who may watch them; none: no playback URLs.
  const media::MediaUrlSigner* media_urls = nullptr;
  std::chrono::seconds media_link_ttl{4 * 3600};
  // Where lesson files (attachments) are kept; none: file lessons have no download.
  storage::ObjectStore* store = nullptr;
};

}  // namespace sn::learning
