#pragma once
// The HLS adaptive ladder for a lesson video: which renditions to make, the ffmpeg command that
// makes them all in one run, reading its progress, the poster and thumbnail commands, and a check
// of what ffmpeg wrote. Everything here is pure or touches only files; running ffmpeg is the
// caller's (see ladder_ffmpeg_test.cpp for a run through sn::process).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/probe.hpp"

namespace sn::media {

struct Rendition {
  std::string name;  // "720p": the tier, named after the shorter side; also its directory
  int width = 0;     // display size, both even
  int height = 0;
  int video_kbps = 0;        // the cap (-maxrate) for this tier
  std::string h264_profile;  // "high" from 720p up, "main" below (older phones and TVs)
};

// Picks the renditions, best first, from the size the video is displayed at (after rotation).
// Tiers are 1080p/5000k, 720p/2800k, 480p/1400k, 360p/800k, chosen by the SHORTER side so a
// portrait phone video (1080x1920) gets the same tiers as its landscape twin (same pixel count).
// Every tier the source reaches is made, so the top one is the nearest at or below the source;
// a source within 5% short of a tier (1920x1072, 1280x718) still gets it, at its own size: never
// upscaled. Anything larger than 1080p is brought down to 1080p. A source smaller than 360p gets
// one rendition at its own size, its bitrate scaled by pixel count. Widths keep the aspect ratio
// and are rounded to even numbers. Throws std::invalid_argument for a non-positive size.
std::vector<Rendition> choose_renditions(int display_width, int display_height);
std::vector<Rendition> choose_renditions(const MediaProbe& probe);

struct HlsOptions {
  std::string ffmpeg = "/usr/bin/ffmpeg";  // absolute: sn::process::spawn does not search PATH
  std::string input;                       // the uploaded file
  std::string output_dir;  // gets master.m3u8 and <rendition>/index.m3u8, init_<n>.mp4, seg_00000.m4s…
  int segment_seconds = 4;
  std::string preset = "veryfast";
  int crf = 23;                         // quality target; each tier's bitrate is its cap
  std::string progress_url = "pipe:1";  // or a file path, which ffmpeg appends to as it goes
  int threads = 0;                      // 0 lets ffmpeg choose
};

// Arguments (argv[0] included) for one ffmpeg run that writes every rendition as MPEG-TS HLS:
// H.264 capped-CRF, AAC 128k stereo 48 kHz when the source has audio, keyframes at every
// segment boundary in all renditions (forced keyframes, fixed GOP, no scene-cut keyframes) so a
// player can switch renditions at any segment. Metadata (phones record GPS) is dropped. Throws
// std::invalid_argument for no renditions, a non-positive segment length or a '%' in output_dir
// (ffmpeg would read it as a pattern).
std::vector<std::string> hls_arguments(const MediaProbe& probe,
                                       const std::vector<Rendition>& renditions,
                                       const HlsOptions& options);

// ---- Progress ----

struct FfmpegProgress {
  std::optional<double> fraction;  // 0…1, from the last out_time_us= line; nullopt if none
  bool finished = false;           // "progress=end" seen (fraction is then 1)
};

// Reads ffmpeg's -progress output (key=value lines). Only complete lines count: a trailing line
// without its newline may be cut short. duration_seconds <= 0 gives no fraction.
FfmpegProgress parse_ffmpeg_progress(std::string_view text, double duration_seconds);

// The same over a stream read in arbitrary chunks: keeps the unfinished line for the next one.
class FfmpegProgressReader {
 public:
  explicit FfmpegProgressReader(double duration_seconds) : duration_seconds_(duration_seconds) {}
  // Returns everything known so far (the last fraction stays until a newer one arrives).
  const FfmpegProgress& feed(std::string_view chunk);
  const FfmpegProgress& progress() const { return progress_; }

 private:
  double duration_seconds_;
  std::string partial_line_;
  FfmpegProgress progress_;
};

// ---- Poster and thumbnails ----

// A JPEG of the frame at 10% of the duration, at most 1280 wide, aspect kept.
std::vector<std::string> poster_arguments(const std::string& ffmpeg, const std::string& input,
                                          const MediaProbe& probe, const std::string& output_jpeg);

// Thumbnails for the player's seek bar, tiled into sprite JPEGs.
struct ThumbnailSprites {
  int interval_seconds = 10;
  int thumb_width = 160;
  int thumb_height = 0;  // from the aspect ratio, even
  int columns = 10;
  int rows = 10;
  int count = 0;  // thumbnails in all; the last sheet may be partly blank
  // Sheets are thumbs_001.jpg, thumbs_002.jpg, … (ffmpeg numbers from 1).
  static std::string file_name(int sheet);
};

ThumbnailSprites plan_thumbnail_sprites(const MediaProbe& probe, int interval_seconds = 10,
                                        int thumb_width = 160);
std::vector<std::string> thumbnail_sprite_arguments(const std::string& ffmpeg,
                                                    const std::string& input,
                                                    const ThumbnailSprites& sprites,
                                                    const std::string& output_dir);
// A WebVTT track of "thumbs_001.jpg#xywh=0,0,160,90" cues, the form players' thumbnail plugins
// read; image names are relative to the track.
std::string thumbnails_webvtt(const ThumbnailSprites& sprites, double duration_seconds);

// ---- Checking what ffmpeg wrote ----

struct VariantEntry {
  std::string uri;  // "720p/index.m3u8"
  long bandwidth = 0;
  std::string resolution;  // "1280x720"
  std::string codecs;      // "avc1.64001f,mp4a.40.2"
};

// The #EXT-X-STREAM-INF entries of a master playlist, in order.
std::vector<VariantEntry> parse_master_playlist(std::string_view text);

struct HlsCheck {
  std::vector<std::string> problems;  // empty when all is well
  bool ok() const { return problems.empty(); }
};

// Checks output_dir after ffmpeg exits 0: master.m3u8 lists each rendition with BANDWIDTH,
// RESOLUTION (the expected size) and CODECS; each media playlist ends with #EXT-X-ENDLIST and its
// segments exist and are not empty.
HlsCheck check_hls_output(const std::filesystem::path& output_dir,
                          const std::vector<Rendition>& renditions);

}  // namespace sn::media
