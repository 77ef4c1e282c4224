#pragma once
// The media feature: uploads (tus), the media library, transcoding jobs and streaming. Each
// register_* function declares one group of routes beside its handlers.

#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "http/router.hpp"
#include "media/upload_staging.hpp"
#include "media/url_signer.hpp"
#include "storage/object_store.hpp"

namespace sn::ops {
class Housekeeping;
}

namespace sn::media {

// The job that turns an uploaded video into its HLS ladder; its subject is the media id.
inline constexpr std::string_view kTranscodeJob = "media.transcode";

struct UploadLimits {
  std::map<std::string, std::uint64_t> max_bytes;  // per kind
  std::uint64_t quota_bytes = 0;                   // per owner, all kinds together
};

struct MediaContext {
  db::Database& db;
  storage::ObjectStore& store;
  const HmacUrlSigner& signer;
  UploadStaging& staging;
  UploadLimits limits;
  std::chrono::seconds link_ttl{4 * 3600};
  boost::asio::thread_pool& blocking;  // content checks (libmagic, ffprobe)
};

// /api/v1/uploads: tus 1.0 resumable uploads.
void register_upload_routes(http::Router& router, MediaContext& media);
// Removes uploads abandoned past their expiry, and finished jobs after a week.
void add_upload_housekeeping(ops::Housekeeping& housekeeping, db::Database& db,
                             UploadStaging& staging);
// /api/v1/media: the owner's library, retrying failed videos, deleting, captions.
void register_library_routes(http::Router& router, MediaContext& media);
// GET/HEAD /media/v/{media}/{expires}/{signature}/… : the files of a ready video.
void register_streaming_routes(http::Router& router, MediaContext& media);

}  // namespace sn::media
