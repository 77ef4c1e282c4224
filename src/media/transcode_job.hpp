#pragma once
// The transcoding job: an uploaded video becomes an adaptive HLS ladder (ladder.hpp), a poster
// and seek-bar thumbnails, stored under <media id>/ in the videos bucket, and the media item
// becomes ready. Every step can run again: a retry after a crash starts from a clean work folder
// and overwrites the same keys; the item turns ready only in the last transaction.

#include <filesystem>
#include <string>

#include "db/database.hpp"
#include "jobs/job_queue.hpp"
#include "storage/object_store.hpp"

namespace sn::media {

struct TranscodeContext {
  db::Database& db;
  storage::ObjectStore& store;
  std::filesystem::path work_dir;  // scratch space for ffmpeg's output, one folder per job
  std::string ffmpeg = "/usr/bin/ffmpeg";
  std::string ffprobe = "/usr/bin/ffprobe";
};

void add_transcode_job(jobs::Worker& worker, TranscodeContext& ctx);

}  // namespace sn::media
