#include "media/ladder.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace sn::media {
namespace {

struct Tier {
  int short_side;
  int video_kbps;
};

// Best first. Lecture video is mostly slides and a talking head, so these caps are rarely reached
// under capped CRF; they bound what a busy scene may cost a viewer.
constexpr Tier kTiers[] = {{1080, 5000}, {720, 2800}, {480, 1400}, {360, 800}};

// A source this close below a tier still gets it (at its own size): 1920x1072 is "1080p".
constexpr double kTierTolerance = 0.95;

constexpr int kAudioKbps = 128;

int round_to_even(double x) {
  return std::max(2, 2 * static_cast<int>(std::lround(x / 2)));
}
int floor_to_even(int x) {
  return std::max(2, x - x % 2);
}

// The rendition whose shorter side is `short_side`, the other side keeping the source's shape.
Rendition sized(std::string name, int short_side, int source_w, int source_h, int kbps) {
  Rendition r;
  r.name = std::move(name);
  r.video_kbps = kbps;
  r.h264_profile = short_side >= 720 ? "high" : "main";
  const int source_long = std::max(source_w, source_h);
  // Capped so that rounding an odd source (1919x1079) up to even never adds a pixel.
  const int long_side = std::min(
      round_to_even(static_cast<double>(short_side) * source_long / std::min(source_w, source_h)),
      floor_to_even(source_long));
  r.width = source_w >= source_h ? long_side : short_side;
  r.height = source_w >= source_h ? short_side : long_side;
  return r;
}

// Below the smallest tier: one rendition at the source size, bitrate scaled by pixel count from
// 360p's (with a floor so tiny clips stay watchable).
Rendition source_sized(int w, int h) {
  const int short_side = floor_to_even(std::min(w, h));
  const double pixels = static_cast<double>(w) * h;
  const double scaled = kTiers[3].video_kbps * pixels / (640.0 * 360.0);
  const int kbps = std::clamp(static_cast<int>(std::lround(scaled)), 200, kTiers[3].video_kbps);
  return sized(std::to_string(short_side) + "p", short_side, w, h, kbps);
}

std::string decimal(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

// "v:0,a:0,name:720p v:1,a:1,name:480p": one variant per rendition, each with its own audio.
std::string var_stream_map(const std::vector<Rendition>& renditions, bool with_audio) {
  std::string map;
  for (std::size_t i = 0; i < renditions.size(); ++i) {
    if (i) map += ' ';
    map += "v:" + std::to_string(i);
    if (with_audio) map += ",a:" + std::to_string(i);
    map += ",name:" + renditions[i].name;
  }
  return map;
}

// Splits the decoded (already auto-rotated) video once per rendition and scales each copy.
// setsar=1 because the sizes are display sizes; yuv420p because phones record 10-bit HDR that
// the main/high profiles cannot carry.
std::string filter_graph(const std::vector<Rendition>& renditions) {
  const std::size_t n = renditions.size();
  std::string graph = "[0:v]";
  if (n > 1) {
    graph += "split=" + std::to_string(n);
    for (std::size_t i = 0; i < n; ++i)
      graph += "[s" + std::to_string(i) + "]";
    graph += ";";
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (n > 1) graph += "[s" + std::to_string(i) + "]";
    graph += "scale=" + std::to_string(renditions[i].width) + ":" +
             std::to_string(renditions[i].height) + ",setsar=1,format=yuv420p[v" +
             std::to_string(i) + "]";
    if (i + 1 < n) graph += ";";
  }
  return graph;
}

void append(std::vector<std::string>& to, std::initializer_list<std::string> items) {
  to.insert(to.end(), items.begin(), items.end());
}

// Keyframes exactly at every segment boundary, the same frames in every rendition: forced
// keyframes do the work (they follow timestamps, so variable frame rate phone video is fine); the
// fixed GOP and disabled scene-cut detection keep x264 from adding keyframes of its own.
void append_keyframe_alignment(std::vector<std::string>& args, double frame_rate, int segment) {
  append(args, {"-force_key_frames", "expr:gte(t,n_forced*" + std::to_string(segment) + ")",
                "-sc_threshold", "0"});
  if (frame_rate > 0) {
    const int gop = static_cast<int>(std::ceil(frame_rate * segment - 1e-6));
    append(args, {"-g", std::to_string(gop), "-keyint_min", std::to_string(gop)});
  }
}

void append_video_encoding(std::vector<std::string>& args, const std::vector<Rendition>& renditions,
                           const HlsOptions& options) {
  append(args, {"-c:v", "libx264", "-preset", options.preset, "-crf", std::to_string(options.crf)});
  for (std::size_t i = 0; i < renditions.size(); ++i) {
    const std::string n = std::to_string(i);
    const int kbps = renditions[i].video_kbps;
    append(args, {"-maxrate:v:" + n, std::to_string(kbps) + "k", "-bufsize:v:" + n,
                  std::to_string(2 * kbps) + "k", "-profile:v:" + n, renditions[i].h264_profile});
  }
}

std::string two_digits(long n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02ld", n);
  return buf;
}

std::string vtt_timestamp(double seconds) {
  const long ms = std::lround(seconds * 1000);
  char frac[8];
  std::snprintf(frac, sizeof frac, "%03ld", ms % 1000);
  return two_digits(ms / 3'600'000) + ":" + two_digits(ms / 60'000 % 60) + ":" +
         two_digits(ms / 1000 % 60) + "." + frac;
}

std::string_view trim_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    lines.push_back(trim_cr(text.substr(0, nl)));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// Attribute lists are NAME=value pairs separated by commas; quoted values may contain commas.
void read_attributes(std::string_view list, VariantEntry& entry) {
  while (!list.empty()) {
    const auto eq = list.find('=');
    if (eq == std::string_view::npos) return;
    const std::string_view name = list.substr(0, eq);
    list.remove_prefix(eq + 1);
    std::string_view value;
    if (!list.empty() && list.front() == '"') {
      const auto close = list.find('"', 1);
      value = list.substr(1, close == std::string_view::npos ? close : close - 1);
      list.remove_prefix(close == std::string_view::npos ? list.size() : close + 1);
    } else {
      value = list.substr(0, list.find(','));
      list.remove_prefix(value.size());
    }
    if (!list.empty() && list.front() == ',') list.remove_prefix(1);

    if (name == "BANDWIDTH")
      std::from_chars(value.data(), value.data() + value.size(), entry.bandwidth);
    if (name == "RESOLUTION") entry.resolution = value;
    if (name == "CODECS") entry.codecs = value;
  }
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void check_media_playlist(const std::filesystem::path& dir, const Rendition& rendition,
                          std::vector<std::string>& problems) {
  const auto playlist = dir / rendition.name / "index.m3u8";
  const auto text = read_file(playlist);
  if (!text) {
    problems.push_back(rendition.name + "/index.m3u8 is missing");
    return;
  }
  std::vector<std::string_view> lines = lines_of(*text);
  while (!lines.empty() && lines.back().empty())
    lines.pop_back();
  if (lines.empty() || lines.back() != "#EXT-X-ENDLIST") {
    problems.push_back(rendition.name + "/index.m3u8 does not end with #EXT-X-ENDLIST");
  }
  int segments = 0;
  for (std::string_view line : lines) {
    // Each file the playlist names must be there: its segments and (fragmented MP4) the init
    // section of its EXT-X-MAP tag.
    constexpr std::string_view map = "#EXT-X-MAP:URI=\"";
    if (line.starts_with(map)) {
      line = line.substr(map.size(), line.find('"', map.size()) - map.size());
    } else if (line.empty() || line.front() == '#') {
      continue;
    } else {
      ++segments;
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(dir / rendition.name / line, ec);
    if (ec || size == 0) {
      problems.push_back(rendition.name + "/" + std::string(line) + " is missing or empty");
    }
  }
  if (segments == 0) problems.push_back(rendition.name + "/index.m3u8 lists no segments");
}

void check_variant(const std::vector<VariantEntry>& variants, const Rendition& rendition,
                   std::vector<std::string>& problems) {
  const std::string uri = rendition.name + "/index.m3u8";
  const auto it = std::find_if(variants.begin(), variants.end(),
                               [&](const VariantEntry& v) { return v.uri == uri; });
  if (it == variants.end()) {
    problems.push_back("master.m3u8 does not list " + uri);
    return;
  }
  const std::string size = std::to_string(rendition.width) + "x" + std::to_string(rendition.height);
  if (it->bandwidth <= 0) problems.push_back("master.m3u8 has no BANDWIDTH for " + uri);
  if (it->resolution != size) {
    problems.push_back("master.m3u8 gives " + uri + " RESOLUTION '" + it->resolution +
                       "', expected " + size);
  }
  if (it->codecs.find("avc1.") == std::string::npos) {
    problems.push_back("master.m3u8 has no H.264 CODECS for " + uri);
  }
}

}  // namespace

std::vector<Rendition> choose_renditions(int w, int h) {
  if (w <= 0 || h <= 0) throw std::invalid_argument("a video size must be positive");
  const int short_side = std::min(w, h);
  std::vector<Rendition> renditions;
  for (const Tier& tier : kTiers) {
    if (short_side < tier.short_side * kTierTolerance) continue;
    const int side = std::min(tier.short_side, floor_to_even(short_side));
    renditions.push_back(sized(std::to_string(tier.short_side) + "p", side, w, h, tier.video_kbps));
  }
  if (renditions.empty()) renditions.push_back(source_sized(w, h));
  return renditions;
}

std::vector<Rendition> choose_renditions(const MediaProbe& probe) {
  return choose_renditions(probe.display_width(), probe.display_height());
}

std::vector<std::string> hls_arguments(const MediaProbe& probe,
                                       const std::vector<Rendition>& renditions,
                                       const HlsOptions& options) {
  if (renditions.empty()) throw std::invalid_argument("no renditions to make");
  if (options.segment_seconds <= 0) throw std::invalid_argument("segment length must be positive");
  if (options.output_dir.find('%') != std::string::npos) {
    throw std::invalid_argument("the output directory must not contain '%'");
  }
  const std::string dir = options.output_dir;
  std::vector<std::string> args = {
      options.ffmpeg, "-nostdin", "-hide_banner", "-loglevel",
      "error",        "-y",       "-i",           "file:" + options.input};
  append(args, {"-filter_complex", filter_graph(renditions)});
  for (std::size_t i = 0; i < renditions.size(); ++i) {
    append(args, {"-map", "[v" + std::to_string(i) + "]"});
    if (probe.has_audio) append(args, {"-map", "0:a:0"});
  }
  append(args, {"-map_metadata", "-1", "-map_chapters", "-1"});
  append_video_encoding(args, renditions, options);
  append_keyframe_alignment(args, probe.frame_rate, options.segment_seconds);
  if (probe.has_audio) {
    append(args,
           {"-c:a", "aac", "-b:a", std::to_string(kAudioKbps) + "k", "-ac", "2", "-ar", "48000"});
  }
  if (options.threads > 0) append(args, {"-threads", std::to_string(options.threads)});
  // Fragmented MP4 (CMAF) rather than MPEG-TS: Media Source Extensions take it as it is, where TS
  // had to be repackaged in the page, segment by segment, on the main thread (most of a lesson
  // page's CPU before its first frame). The init section is <rendition>/init.mp4, or
  // init_<n>.mp4 when there are several renditions.
  append(args, {"-f",
                "hls",
                "-hls_time",
                std::to_string(options.segment_seconds),
                "-hls_playlist_type",
                "vod",
                "-hls_flags",
                "independent_segments",
                "-hls_segment_type",
                "fmp4",
                "-hls_fmp4_init_filename",
                "init.mp4",
                "-hls_segment_filename",
                dir + "/%v/seg_%05d.m4s",
                "-master_pl_name",
                "master.m3u8",
                "-var_stream_map",
                var_stream_map(renditions, probe.has_audio),
                "-progress",
                options.progress_url,
                "-nostats",
                dir + "/%v/index.m3u8"});
  return args;
}

FfmpegProgress parse_ffmpeg_progress(std::string_view text, double duration_seconds) {
  FfmpegProgress progress;
  for (;;) {
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) break;  // an unfinished line may be cut short
    const std::string_view line = trim_cr(text.substr(0, nl));
    text.remove_prefix(nl + 1);
    if (line == "progress=end") progress.finished = true;
    constexpr std::string_view key = "out_time_us=";
    if (!line.starts_with(key) || duration_seconds <= 0) continue;
    long long us = 0;
    const std::string_view value = line.substr(key.size());
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), us);
    if (ec != std::errc() || end != value.data() + value.size()) continue;  // "N/A" early on
    progress.fraction = std::clamp(us / 1e6 / duration_seconds, 0.0, 1.0);
  }
  if (progress.finished) progress.fraction = 1.0;
  return progress;
}

const FfmpegProgress& FfmpegProgressReader::feed(std::string_view chunk) {
  partial_line_.append(chunk);
  const auto last_nl = partial_line_.rfind('\n');
  if (last_nl == std::string::npos) return progress_;
  const FfmpegProgress update = parse_ffmpeg_progress(
      std::string_view(partial_line_).substr(0, last_nl + 1), duration_seconds_);
  partial_line_.erase(0, last_nl + 1);
  if (update.fraction) progress_.fraction = update.fraction;
  if (update.finished) progress_ = update;
  return progress_;
}

std::vector<std::string> poster_arguments(const std::string& ffmpeg, const std::string& input,
                                          const MediaProbe& probe, const std::string& output_jpeg) {
  const int dw = probe.display_width(), dh = probe.display_height();
  const int width = std::min(floor_to_even(dw), 1280);
  const int height = round_to_even(static_cast<double>(width) * dh / dw);
  // -ss before -i seeks fast to the keyframe before, then decodes up to the exact time.
  return {ffmpeg,
          "-nostdin",
          "-hide_banner",
          "-loglevel",
          "error",
          "-y",
          "-ss",
          decimal(probe.duration_seconds * 0.1),
          "-i",
          "file:" + input,
          "-map_metadata",
          "-1",
          "-an",
          "-frames:v",
          "1",
          "-vf",
          "scale=" + std::to_string(width) + ":" + std::to_string(height) + ",setsar=1",
          "-q:v",
          "3",
          "-update",
          "1",
          "file:" + output_jpeg};
}

std::string ThumbnailSprites::file_name(int sheet) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "thumbs_%03d.jpg", sheet);
  return buf;
}

ThumbnailSprites plan_thumbnail_sprites(const MediaProbe& probe, int interval_seconds,
                                        int thumb_width) {
  ThumbnailSprites s;
  s.interval_seconds = std::max(1, interval_seconds);
  s.thumb_width = floor_to_even(thumb_width);
  s.thumb_height = round_to_even(static_cast<double>(s.thumb_width) * probe.display_height() /
                                 probe.display_width());
  s.count = std::max(1, static_cast<int>(std::ceil(probe.duration_seconds / s.interval_seconds)));
  return s;
}

std::vector<std::string> thumbnail_sprite_arguments(const std::string& ffmpeg,
                                                    const std::string& input,
                                                    const ThumbnailSprites& sprites,
                                                    const std::string& output_dir) {
  const std::string filter =
      "fps=1/" + std::to_string(sprites.interval_seconds) +
      ",scale=" + std::to_string(sprites.thumb_width) + ":" + std::to_string(sprites.thumb_height) +
      ",setsar=1,tile=" + std::to_string(sprites.columns) + "x" + std::to_string(sprites.rows);
  return {ffmpeg,
          "-nostdin",
          "-hide_banner",
          "-loglevel",
          "error",
          "-y",
          "-i",
          "file:" + input,
          "-map_metadata",
          "-1",
          "-an",
          "-vf",
          filter,
          "-q:v",
          "5",
          "file:" + output_dir + "/thumbs_%03d.jpg"};
}

std::string thumbnails_webvtt(const ThumbnailSprites& sprites, double duration_seconds) {
  const int per_sheet = sprites.columns * sprites.rows;
  std::string vtt = "WEBVTT\n";
  for (int i = 0; i < sprites.count; ++i) {
    const double start = static_cast<double>(i) * sprites.interval_seconds;
    const double end = std::min(start + sprites.interval_seconds, duration_seconds);
    if (end <= start) break;
    const int cell = i % per_sheet;
    const int x = cell % sprites.columns * sprites.thumb_width;
    const int y = cell / sprites.columns * sprites.thumb_height;
    vtt += "\n" + vtt_timestamp(start) + " --> " + vtt_timestamp(end) + "\n" +
           sprites.file_name(i / per_sheet + 1) + "#xywh=" + std::to_string(x) + "," +
           std::to_string(y) + "," + std::to_string(sprites.thumb_width) + "," +
           std::to_string(sprites.thumb_height) + "\n";
  }
  return vtt;
}

std::vector<VariantEntry> parse_master_playlist(std::string_view text) {
  constexpr std::string_view tag = "#EXT-X-STREAM-INF:";
  std::vector<VariantEntry> variants;
  std::optional<VariantEntry> pending;
  for (std::string_view line : lines_of(text)) {
    if (line.starts_with(tag)) {
      pending = VariantEntry{};
      read_attributes(line.substr(tag.size()), *pending);
    } else if (pending && !line.empty() && line.front() != '#') {
      pending->uri = line;
      variants.push_back(std::move(*pending));
      pending.reset();
    }
  }
  return variants;
}

HlsCheck check_hls_output(const std::filesystem::path& output_dir,
                          const std::vector<Rendition>& renditions) {
  HlsCheck check;
  const auto master = read_file(output_dir / "master.m3u8");
  if (!master) {
    check.problems.push_back("master.m3u8 is missing");
    return check;
  }
  const std::vector<VariantEntry> variants = parse_master_playlist(*master);
  if (variants.size() != renditions.size()) {
    check.problems.push_back("master.m3u8 lists " + std::to_string(variants.size()) +
                             " variants, expected " + std::to_string(renditions.size()));
  }
  for (const Rendition& rendition : renditions) {
    check_variant(variants, rendition, check.problems);
    check_media_playlist(output_dir, rendition, check.problems);
  }
  return check;
}

}  // namespace sn::media
