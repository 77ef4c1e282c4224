#include "media/transcode_job.hpp"

#include <signal.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/log.hpp"
#include "core/process.hpp"
#include "media/ladder.hpp"
#include "media/media_routes.hpp"
#include "media/playlist_store.hpp"
#include "media/playlists.hpp"
#include "media/probe.hpp"

namespace sn::media {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr db::Query kLoadVideo{"media.transcode_load",
                               "SELECT kind, status, source_key FROM media WHERE id = $1"};
// Also how a running job learns that its video was deleted: no row comes back.
constexpr db::Query kSetProgress{"media.transcode_progress",
                                 "UPDATE media SET progress = $2, "
                                 "updated_at = now() WHERE id = $1 AND status = 'processing' "
                                 "RETURNING id"};
constexpr db::Query kMarkReady{
    "media.transcode_ready",
    "UPDATE media SET status = 'ready', progress = 1, failure = NULL, hls = $2::jsonb, "
    "  duration_ms = $3, width = $4, height = $5, updated_at = now() WHERE id = $1 RETURNING id"};
// Lessons that show the video take its length, which their completion threshold is measured by.
constexpr db::Query kLessonDurations{
    "media.lesson_durations",
    "UPDATE lessons SET duration_seconds = greatest(1, ceil($2::numeric / 1000)), "
    "  updated_at = now() WHERE media_id = $1 "
    "  AND duration_seconds IS DISTINCT FROM greatest(1, ceil($2::numeric / 1000))::int"};
constexpr db::Query kMarkFailed{
    "media.transcode_failed",
    "UPDATE media SET status = 'failed', failure = left($2, 2000), updated_at = now() "
    "WHERE id = $1 AND status <> 'ready'"};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The last line of a tool's error output: what a person can be shown of why it failed.
std::string last_line(const std::string& text) {
  auto end = text.find_last_not_of("\r\n");
  if (end == std::string::npos) return "";
  const auto start = text.find_last_of('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1) + 1);
}

// The video's row went while the job was running (the video was deleted).
struct VideoDeleted : std::runtime_error {
  VideoDeleted() : std::runtime_error("the video was deleted") {}
};

// Runs a tool to completion without blocking the I/O thread: the exit status is polled, and
// `on_tick` runs about once a second (progress); a lost lease, `timeout` or an exception from
// `on_tick` kills the tool.
asio::awaitable<int> run_tool(std::vector<std::string> argv, fs::path output, fs::path errors,
                              const jobs::JobControl& control, std::chrono::seconds timeout,
                              std::function<asio::awaitable<void>()> on_tick) {
  process::SpawnOptions options;
  options.output_file = output.string();
  options.error_file = errors.string();
  options.parent_death_signal = SIGKILL;
  const pid_t pid = process::spawn(argv, options);
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto started = std::chrono::steady_clock::now();
  auto last_tick = started;
  const auto stop = [pid] {
    ::kill(-pid, SIGKILL);  // spawn made it a process group leader
    process::wait_for(pid, 5s);
  };
  for (;;) {
    if (auto status = process::wait_for(pid, 0ms)) co_return *status;
    const auto now = std::chrono::steady_clock::now();
    if (control.lease_lost() || now - started > timeout) {
      stop();
      throw std::runtime_error(control.lease_lost() ? "the job was handed to another worker"
                                                    : argv[0] + " took too long");
    }
    if (on_tick && now - last_tick >= 1s) {
      last_tick = now;
      try {
        co_await on_tick();
      } catch (...) {
        stop();
        throw;
      }
    }
    // Short tools (ffprobe) finish within a few polls; long ones are looked at twice a second.
    timer.expires_after(now - started < 1s ? 50ms : 500ms);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

// Where the rendition's media time starts, in 90 kHz units: captions' X-TIMESTAMP-MAP pins cue
// times to it (for native HLS players). Read from the media playlist, whose segments (fragmented
// MP4) only decode after their init section.
asio::awaitable<std::int64_t> first_pts(const TranscodeContext& ctx, const fs::path& playlist,
                                        const fs::path& scratch, const jobs::JobControl& control) {
  const auto out = scratch / "pts.json";
  std::vector<std::string> argv{ctx.ffprobe,
                                "-v",
                                "error",
                                "-print_format",
                                "json",
                                "-show_entries",
                                "format=start_time",
                                playlist.string()};
  const int status =
      co_await run_tool(std::move(argv), out, scratch / "pts.err", control, 60s, nullptr);
  if (status != 0) co_return kDefaultStartPts;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(read_text(out), ec);
  if (ec || !parsed.is_object()) co_return kDefaultStartPts;
  const auto* format = parsed.as_object().if_contains("format");
  const auto* start =
      format && format->is_object() ? format->as_object().if_contains("start_time") : nullptr;
  if (!start || !start->is_string()) co_return kDefaultStartPts;
  co_return static_cast<std::int64_t>(
      std::llround(std::stod(std::string(start->as_string())) * 90000));
}

asio::awaitable<void> transcode(TranscodeContext& ctx, const jobs::Job& job,
                                const jobs::JobControl& control) {
  const auto& media_id = job.subject;
  auto rows = co_await ctx.db.query(kLoadVideo, media_id);
  if (rows.empty() || rows.text(0, "kind") != "video" || rows.text(0, "status") == "ready") {
    co_return;  // deleted meanwhile, or done by an earlier attempt
  }
  const auto source_key = rows.optional_text(0, "source_key");
  if (!source_key) throw jobs::PermanentFailure("The uploaded video is missing.");

  // A clean folder per attempt: whatever a crashed attempt left is not trusted, and goes.
  fs::create_directories(ctx.work_dir);
  for (const auto& entry : fs::directory_iterator(ctx.work_dir)) {
    if (entry.path().filename().string().starts_with(media_id + "-")) fs::remove_all(entry.path());
  }
  const auto scratch = ctx.work_dir / (media_id + "-" + std::to_string(job.attempts));
  fs::create_directories(scratch / "hls");
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{scratch};

  fs::path input;
  if (auto local = ctx.store.local_path(storage::Bucket::uploads, *source_key);
      local && fs::exists(*local)) {
    input = *local;
  } else {
    input = scratch / "source";
    co_await ctx.store.download(storage::Bucket::uploads, *source_key, input);
  }

  int status =
      co_await run_tool(ffprobe_arguments(ctx.ffprobe, input.string()), scratch / "probe.json",
                        scratch / "probe.err", control, 120s, nullptr);
  if (status != 0) {
    throw jobs::PermanentFailure("The video could not be read: " +
                                 last_line(read_text(scratch / "probe.err")));
  }
  MediaProbe probe;
  try {
    probe = parse_ffprobe_json(read_text(scratch / "probe.json"));
  } catch (const ProbeError& e) {
    throw jobs::PermanentFailure(e.what());
  }
  const auto renditions = choose_renditions(probe);

  HlsOptions options;
  options.ffmpeg = ctx.ffmpeg;
  options.input = input.string();
  options.output_dir = (scratch / "hls").string();
  options.progress_url = (scratch / "progress.txt").string();
  // Three times the video's length at real-time speed, and at least ten minutes.
  const auto budget =
      std::chrono::seconds(std::max<long>(600, static_cast<long>(probe.duration_seconds * 3)));
  // Every second: the progress, and whether the video still exists (a deleted one stops ffmpeg).
  // Named, not a temporary of the co_await below (see core/blocking.hpp on GCC 12).
  std::function<asio::awaitable<void>()> report_progress = [&]() -> asio::awaitable<void> {
    const auto progress =
        parse_ffmpeg_progress(read_text(scratch / "progress.txt"), probe.duration_seconds);
    // The ladder is most of the work; the last 5% is the poster, thumbnails and upload.
    const auto fraction = std::to_string(progress.fraction.value_or(0) * 0.95);
    auto updated = co_await ctx.db.query(kSetProgress, media_id, fraction);
    if (updated.empty()) throw VideoDeleted();
  };
  bool deleted = false;
  try {
    status = co_await run_tool(hls_arguments(probe, renditions, options), scratch / "ffmpeg.out",
                               scratch / "ffmpeg.err", control, budget, std::move(report_progress));
  } catch (const VideoDeleted&) {
    deleted = true;
  }
  if (deleted) {
    // Nothing of this attempt was stored yet; the delete removed the upload's files, unless it
    // ran before the source was read.
    co_await ctx.store.remove_prefix(storage::Bucket::uploads, media_id);
    log::info("video deleted while transcoding; transcoding stopped", {{"media", media_id}});
    co_return;
  }
  if (status != 0) {
    throw std::runtime_error("ffmpeg failed: " + last_line(read_text(scratch / "ffmpeg.err")));
  }
  const auto check = check_hls_output(scratch / "hls", renditions);
  if (!check.ok()) throw std::runtime_error("ffmpeg's output is incomplete: " + check.problems[0]);

  status =
      co_await run_tool(poster_arguments(ctx.ffmpeg, input.string(), probe,
                                         (scratch / "hls" / "poster.jpg").string()),
                        scratch / "poster.out", scratch / "poster.err", control, 120s, nullptr);
  if (status != 0) throw std::runtime_error("the poster could not be made");
  const auto sprites = plan_thumbnail_sprites(probe);
  status = co_await run_tool(
      thumbnail_sprite_arguments(ctx.ffmpeg, input.string(), sprites, (scratch / "hls").string()),
      scratch / "thumbs.out", scratch / "thumbs.err", control, budget, nullptr);
  if (status != 0) throw std::runtime_error("the thumbnails could not be made");
  {
    std::ofstream(scratch / "hls" / "thumbnails.vtt")
        << thumbnails_webvtt(sprites, probe.duration_seconds);
  }

  const auto variants = parse_master_playlist(read_text(scratch / "hls" / "master.m3u8"));
  const auto start_pts = co_await first_pts(
      ctx, scratch / "hls" / renditions.front().name / "index.m3u8", scratch, control);

  // Every file but ffmpeg's master, which is written below with the captions in it.
  for (const auto& entry : fs::recursive_directory_iterator(scratch / "hls")) {
    if (!entry.is_regular_file()) continue;
    const auto relative = fs::relative(entry.path(), scratch / "hls").generic_string();
    if (relative == "master.m3u8") continue;
    auto key = media_id + "/" + relative;
    std::string type(media_file_type(relative));
    co_await ctx.store.put_file(storage::Bucket::videos, std::move(key), entry.path(),
                                std::move(type));
  }
  // The master (with any captions added while the video was processing) before the row says
  // ready, so no player asks for it too early.
  const auto duration_ms = static_cast<std::int64_t>(std::llround(probe.duration_seconds * 1000));
  auto published = variants;
  co_await publish_playlists(ctx.db, ctx.store, media_id, std::move(published), duration_ms);

  boost::json::array variant_list;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    variant_list.push_back({{"uri", variants[i].uri},
                            {"bandwidth", variants[i].bandwidth},
                            {"resolution", variants[i].resolution},
                            {"codecs", variants[i].codecs},
                            {"height", i < renditions.size() ? renditions[i].height : 0}});
  }
  const boost::json::object hls{{"variants", variant_list},
                                {"start_pts", start_pts},
                                {"segment_seconds", options.segment_seconds},
                                {"poster", "poster.jpg"},
                                {"thumbnails", "thumbnails.vtt"}};
  {
    auto tx = co_await ctx.db.begin();
    auto marked = co_await tx.execute(kMarkReady, media_id, boost::json::serialize(hls),
                                      duration_ms, probe.display_width(), probe.display_height());
    deleted = marked.empty();
    if (!deleted) {
      co_await tx.execute(kLessonDurations, media_id, duration_ms);
      co_await tx.commit();
    }
  }
  if (deleted) {
    // Deleted while it was being transcoded: the delete removed the files that existed then, not
    // the ones this attempt stored since.
    co_await ctx.store.remove_prefix(storage::Bucket::videos, media_id);
    co_await ctx.store.remove_prefix(storage::Bucket::uploads, media_id);
    log::info("video deleted while transcoding; its files are removed", {{"media", media_id}});
    co_return;
  }
  log::info("video ready", {{"media", media_id},
                            {"renditions", renditions.size()},
                            {"duration_seconds", probe.duration_seconds}});
}

}  // namespace

void add_transcode_job(jobs::Worker& worker, TranscodeContext& ctx) {
  worker.handle(
      std::string(kTranscodeJob),
      [&ctx](const jobs::Job& job, const jobs::JobControl& control) {
        return transcode(ctx, job, control);
      },
      [&ctx](const jobs::Job& job, std::string reason) -> asio::awaitable<void> {
        co_await ctx.db.query(kMarkFailed, job.subject, reason);
      });
}

}  // namespace sn::media
