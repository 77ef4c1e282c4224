#include "media/demo_videos.hpp"

#include <signal.h>

#include "core/process.hpp"
#include "core/random.hpp"
#include "jobs/job_queue.hpp"
#include "media/media_routes.hpp"

namespace sn::media {
namespace {

namespace fs = std::filesystem;

constexpr db::Query kNewId{"media.demo_new_id", "SELECT gen_random_uuid()"};
constexpr db::Query kInsert{
    "media.demo_insert",
    "INSERT INTO media (id, owner_id, kind, status, file_name, content_type, size_bytes, sha256, "
    "  source_key) VALUES ($1, $2, 'video', 'processing', $3, 'video/mp4', $4, $5, $6)"};

// drawtext reads ':', '\'' and '\\' as syntax: the title keeps letters, digits and plain marks.
std::string drawable(const std::string& title) {
  std::string text;
  for (char c : title) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == ' ' || c == '.' || c == ',' || c == '!' || c == '?' || c == '-';
    text += keep ? c : ' ';
  }
  return text;
}

}  // namespace

boost::asio::awaitable<std::string> add_demo_video(db::Transaction& tx, storage::ObjectStore& store,
                                                   fs::path work_dir, std::string owner_id,
                                                   std::string title, int seconds) {
  fs::create_directories(work_dir);
  const auto clip = work_dir / ("demo-" + random_hex(8) + ".mp4");
  const auto duration = std::to_string(seconds);
  const std::vector<std::string> argv{
      "/usr/bin/ffmpeg",
      "-nostdin",
      "-loglevel",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=1280x720:rate=25:duration=" + duration,
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440:duration=" + duration,
      "-vf",
      "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:text='" +
          drawable(title) +
          "':fontsize=48:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=16:"
          "x=(w-text_w)/2:y=h-140",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-crf",
      "28",
      "-c:a",
      "aac",
      "-shortest",
      clip.string()};
  process::SpawnOptions options;
  options.parent_death_signal = SIGKILL;
  // A few seconds, once, on a database without users: the start-up may wait for it.
  if (process::run(argv, options) != 0) {
    throw std::runtime_error("ffmpeg could not make the demo video '" + title + "'");
  }
  auto id_row = co_await tx.execute(kNewId);
  const std::string id(id_row.text(0, 0));
  const auto key = id + "/source";
  const auto stored = co_await store.put_file(storage::Bucket::uploads, key, clip, "video/mp4");
  fs::remove(clip);
  co_await tx.execute(kInsert, id, owner_id, title + ".mp4", static_cast<std::int64_t>(stored.size),
                      stored.sha256, key);
  co_await jobs::enqueue(tx, kTranscodeJob, id);
  co_return id;
}

}  // namespace sn::media
