// Integration-style: runs the real ffmpeg 5.1 on a 4-second test clip (about 2-3 s on 2 cores).

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/process.hpp"
#include "media/ladder.hpp"
#include "media/probe.hpp"
#include "media/webvtt.hpp"

namespace sn::media {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFfmpeg = "/usr/bin/ffmpeg";
constexpr const char* kFfprobe = "/usr/bin/ffprobe";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs argv with stdout and stderr appended to `output`; kills it after 60 s so a hung ffmpeg
// fails the test instead of stalling the suite.
int run(const std::vector<std::string>& argv, const fs::path& output) {
  process::SpawnOptions options;
  options.output_file = output.string();
  if (const auto status = process::run_for(argv, options, std::chrono::seconds(60))) return *status;
  ADD_FAILURE() << argv[0] << " did not finish in 60 s";
  return -1;
}

// Standard output of a short command, which must succeed.
std::string output_of(const std::vector<std::string>& argv, const fs::path& scratch) {
  fs::remove(scratch);
  const int status = run(argv, scratch);
  EXPECT_EQ(status, 0) << read_text(scratch);
  return read_text(scratch);
}

// The EXTINF durations and segment names of a media playlist.
std::vector<std::string> lines_starting(const std::string& text, std::string_view prefix) {
  std::vector<std::string> found;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.starts_with(prefix)) found.push_back(line);
  return found;
}

std::vector<std::string> segment_names(const std::string& playlist) {
  std::vector<std::string> names;
  std::istringstream in(playlist);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line.front() != '#') names.push_back(line);
  return names;
}

class LadderFfmpeg : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("sn_ladder_ffmpeg_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // 854x480 so that the ladder has two renditions (480p and 360p) whose alignment to check.
    source_status_ = run({kFfmpeg,        "-nostdin",
                          "-hide_banner", "-loglevel",
                          "error",        "-y",
                          "-f",           "lavfi",
                          "-i",           "testsrc2=size=854x480:rate=25:duration=4",
                          "-f",           "lavfi",
                          "-i",           "sine=frequency=440:duration=4",
                          "-c:v",         "libx264",
                          "-preset",      "ultrafast",
                          "-c:a",         "aac",
                          "-shortest",    (dir_ / "source.mp4").string()},
                         dir_ / "source.log");
  }
  static void TearDownTestSuite() {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  void SetUp() override {
    // scripts/bootstrap installs Debian's ffmpeg: without it the media feature cannot work.
    ASSERT_EQ(::access(kFfmpeg, X_OK), 0) << kFfmpeg << " is missing";
    ASSERT_EQ(::access(kFfprobe, X_OK), 0) << kFfprobe << " is missing";
    ASSERT_EQ(source_status_, 0) << read_text(dir_ / "source.log");
  }

  static MediaProbe probe_source() {
    return parse_ffprobe_json(output_of(ffprobe_arguments(kFfprobe, (dir_ / "source.mp4").string()),
                                        dir_ / "probe.json"));
  }

  static inline fs::path dir_;
  static inline int source_status_ = -1;
};

TEST_F(LadderFfmpeg, MakesAlignedHlsRenditionsAndReportsProgress) {
  const MediaProbe probe = probe_source();
  EXPECT_EQ(probe.display_width(), 854);
  EXPECT_TRUE(probe.has_audio);
  EXPECT_NEAR(probe.duration_seconds, 4.0, 0.1);

  const std::vector<Rendition> renditions = choose_renditions(probe);
  ASSERT_EQ(renditions.size(), 2u);

  HlsOptions options;
  options.ffmpeg = kFfmpeg;
  options.input = (dir_ / "source.mp4").string();
  options.output_dir = (dir_ / "hls").string();
  options.segment_seconds = 2;  // two segments per rendition: a boundary to check
  const fs::path log = dir_ / "hls.log";
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(run(hls_arguments(probe, renditions, options), log), 0) << read_text(log);
  const auto took = std::chrono::steady_clock::now() - started;
  std::cout << "[          ] ffmpeg HLS run took "
            << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";

  // -progress pipe:1 shares the log with stderr (sn::process gives the child one output file).
  const FfmpegProgress progress = parse_ffmpeg_progress(read_text(log), probe.duration_seconds);
  EXPECT_TRUE(progress.finished);
  EXPECT_EQ(progress.fraction, 1.0);

  const HlsCheck check = check_hls_output(options.output_dir, renditions);
  EXPECT_TRUE(check.ok()) << ::testing::PrintToString(check.problems);
  const auto variants = parse_master_playlist(read_text(dir_ / "hls/master.m3u8"));
  ASSERT_EQ(variants.size(), 2u);
  EXPECT_EQ(variants[0].codecs, "avc1.4d401e,mp4a.40.2");  // main profile, level 3.0, AAC-LC

  // Aligned: the same segment durations in both renditions, each segment opening on a keyframe.
  const std::string top = read_text(dir_ / "hls/480p/index.m3u8");
  const std::string low = read_text(dir_ / "hls/360p/index.m3u8");
  EXPECT_EQ(lines_starting(top, "#EXTINF:"), lines_starting(low, "#EXTINF:"));
  EXPECT_EQ(lines_starting(top, "#EXTINF:").size(), 2u);
  for (const Rendition& r : renditions) {
    const std::string playlist = read_text(dir_ / "hls" / r.name / "index.m3u8");
    // Fragmented MP4: each segment decodes after the rendition's init section (EXT-X-MAP).
    const auto maps = lines_starting(playlist, "#EXT-X-MAP:URI=\"");
    ASSERT_EQ(maps.size(), 1u) << playlist;
    const std::string init = maps[0].substr(16, maps[0].find('"', 16) - 16);
    for (const std::string& segment : segment_names(playlist)) {
      EXPECT_TRUE(segment.ends_with(".m4s")) << segment;
      const fs::path joined = dir_ / "joined.mp4";
      {
        std::ofstream out(joined, std::ios::binary);
        out << read_text(dir_ / "hls" / r.name / init)
            << read_text(dir_ / "hls" / r.name / segment);
      }
      const std::string first_frame = output_of(
          {kFfprobe, "-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#1",
           "-show_entries", "frame=key_frame,pict_type", "-of", "csv=p=0", joined.string()},
          dir_ / "frame.csv");
      EXPECT_EQ(first_frame.substr(0, 3), "1,I") << r.name << "/" << segment;
    }
  }
}

TEST_F(LadderFfmpeg, MakesAPosterAndThumbnailSprites) {
  const MediaProbe probe = probe_source();
  const std::string source = (dir_ / "source.mp4").string();

  const fs::path poster = dir_ / "poster.jpg";
  ASSERT_EQ(run(poster_arguments(kFfmpeg, source, probe, poster.string()), dir_ / "poster.log"), 0)
      << read_text(dir_ / "poster.log");
  const std::string poster_size =
      output_of({kFfprobe, "-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0",
                 poster.string()},
                dir_ / "poster.csv");
  EXPECT_EQ(poster_size, "854,480\n");

  const ThumbnailSprites sprites = plan_thumbnail_sprites(probe, 1);  // a 4 s clip: 1 per second
  const fs::path thumbs = dir_ / "thumbs";
  fs::create_directories(thumbs);
  ASSERT_EQ(run(thumbnail_sprite_arguments(kFfmpeg, source, sprites, thumbs.string()),
                dir_ / "thumbs.log"),
            0)
      << read_text(dir_ / "thumbs.log");
  const std::string sheet_size =
      output_of({kFfprobe, "-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0",
                 (thumbs / ThumbnailSprites::file_name(1)).string()},
                dir_ / "sheet.csv");
  EXPECT_EQ(sheet_size, "1600,900\n");  // a 10x10 sheet of 160x90, partly blank
  EXPECT_FALSE(fs::exists(thumbs / ThumbnailSprites::file_name(2)));

  const WebVttResult vtt =
      validate_webvtt(thumbnails_webvtt(sprites, probe.duration_seconds), {.max_bytes = 1 << 20});
  EXPECT_TRUE(vtt.ok) << vtt.error;
  EXPECT_EQ(vtt.cue_count, 4);
}

}  // namespace
}  // namespace sn::media
