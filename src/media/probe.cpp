#include "media/probe.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <cmath>
#include <optional>

namespace sn::media {
namespace {

namespace json = boost::json;

// ffprobe prints most numbers as strings ("duration": "2.000000") and some as numbers.
std::optional<double> number_in(const json::value* v) {
  if (!v) return std::nullopt;
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  if (v->is_double()) return v->get_double();
  if (!v->is_string()) return std::nullopt;
  const json::string& s = v->get_string();
  double out = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(out)) return std::nullopt;
  return out;
}

std::string string_in(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

const json::object* object_in(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? v->if_object() : nullptr;
}

// "30000/1001" → 29.97; "0/0" (ffprobe's "unknown") → nullopt.
std::optional<double> ratio(std::string_view text, char separator) {
  const auto at = text.find(separator);
  if (at == std::string_view::npos) return std::nullopt;
  double num = 0, den = 0;
  const auto a = std::from_chars(text.data(), text.data() + at, num);
  const auto b = std::from_chars(text.data() + at + 1, text.data() + text.size(), den);
  if (a.ec != std::errc() || b.ec != std::errc() || b.ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  if (num <= 0 || den <= 0) return std::nullopt;
  return num / den;
}

// Matroska keeps stream durations only as tags: "DURATION": "00:00:01.008000000".
std::optional<double> clock_seconds(std::string_view text) {
  int h = 0, m = 0;
  double s = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  auto r = std::from_chars(p, end, h);
  if (r.ec != std::errc() || r.ptr == end || *r.ptr != ':') return std::nullopt;
  r = std::from_chars(r.ptr + 1, end, m);
  if (r.ec != std::errc() || r.ptr == end || *r.ptr != ':') return std::nullopt;
  const auto rs = std::from_chars(r.ptr + 1, end, s);
  if (rs.ec != std::errc() || rs.ptr != end) return std::nullopt;
  return h * 3600.0 + m * 60.0 + s;
}

bool is_cover_art(const json::object& stream) {
  const json::object* disposition = object_in(stream, "disposition");
  if (!disposition) return false;
  const auto attached = number_in(disposition->if_contains("attached_pic"));
  return attached && *attached != 0;
}

// The first stream of `type`; for video, embedded cover art (an MP3's album picture) is skipped.
const json::object* first_stream(const json::array& streams, std::string_view type) {
  for (const json::value& s : streams) {
    const json::object* o = s.if_object();
    if (!o || string_in(*o, "codec_type") != type) continue;
    if (type == "video" && is_cover_art(*o)) continue;
    return o;
  }
  return nullptr;
}

double frame_rate_of(const json::object& video) {
  // avg_frame_rate is what the file really plays at; r_frame_rate is a fallback that can be a
  // timebase ("90000/1") for variable frame rate phone video, hence the sanity bound.
  for (const char* key : {"avg_frame_rate", "r_frame_rate"}) {
    const auto fps = ratio(string_in(video, key), '/');
    if (fps && *fps <= 240) return *fps;
  }
  return 0;
}

int normalized_rotation(double degrees) {
  const long quarter_turns = std::lround(degrees / 90.0);
  return static_cast<int>(((quarter_turns % 4) + 4) % 4) * 90;
}

// Newer ffprobe reports a display matrix in side_data_list; older muxers left a "rotate" tag.
int rotation_of(const json::object& video) {
  if (const json::value* list = video.if_contains("side_data_list"); list && list->is_array()) {
    for (const json::value& entry : list->get_array()) {
      const json::object* o = entry.if_object();
      if (!o) continue;
      if (const auto r = number_in(o->if_contains("rotation"))) return normalized_rotation(*r);
    }
  }
  if (const json::object* tags = object_in(video, "tags")) {
    if (const auto r = number_in(tags->if_contains("rotate"))) return normalized_rotation(*r);
  }
  return 0;
}

double sample_aspect_ratio_of(const json::object& video) {
  const auto sar = ratio(string_in(video, "sample_aspect_ratio"), ':');
  // "0:1" means unknown; an absurd shape is more likely a broken header than real content.
  return sar && *sar >= 0.25 && *sar <= 4 ? *sar : 1.0;
}

std::optional<double> stream_duration(const json::object& stream) {
  if (const auto d = number_in(stream.if_contains("duration"))) return d;
  if (const json::object* tags = object_in(stream, "tags")) {
    for (const char* key : {"DURATION", "duration"}) {
      const std::string text = string_in(*tags, key);
      if (const auto d = clock_seconds(text)) return d;
    }
  }
  return std::nullopt;
}

double duration_of(const json::object& root, const json::object& video) {
  std::optional<double> d;
  if (const json::object* format = object_in(root, "format")) {
    d = number_in(format->if_contains("duration"));
  }
  if (!d) d = stream_duration(video);
  if (!d || !(*d > 0))
    throw ProbeError(ProbeFailure::no_duration, "the duration could not be read");
  return *d;
}

json::object parse_root(std::string_view text) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec || !root.is_object()) {
    throw ProbeError(ProbeFailure::unreadable_output,
                     "the video could not be examined (ffprobe's output was not readable)");
  }
  return std::move(root.get_object());
}

const json::array& streams_of(const json::object& root) {
  const json::value* streams = root.if_contains("streams");
  if (!streams || !streams->is_array() || streams->get_array().empty()) {
    throw ProbeError(ProbeFailure::not_media, "the file is not a video format we can read");
  }
  return streams->get_array();
}

int positive_int(const json::object& o, std::string_view key) {
  const auto n = number_in(o.if_contains(key));
  return n && *n > 0 && *n < 1e6 ? static_cast<int>(*n) : 0;
}

}  // namespace

int MediaProbe::display_width() const {
  const int shaped = static_cast<int>(std::lround(width * sample_aspect_ratio));
  return rotation == 90 || rotation == 270 ? height : shaped;
}

int MediaProbe::display_height() const {
  const int shaped = static_cast<int>(std::lround(width * sample_aspect_ratio));
  return rotation == 90 || rotation == 270 ? shaped : height;
}

std::vector<std::string> ffprobe_arguments(const std::string& ffprobe, const std::string& input) {
  // "file:" keeps a name such as "http:x" or "-i" from being read as a protocol or an option.
  return {ffprobe, "-v",           "error",         "-print_format",
          "json",  "-show_format", "-show_streams", "file:" + input};
}

MediaProbe parse_ffprobe_json(std::string_view text) {
  const json::object root = parse_root(text);
  const json::array& streams = streams_of(root);

  MediaProbe probe;
  if (const json::object* format = object_in(root, "format")) {
    probe.format_name = string_in(*format, "format_name");
  }
  if (const json::object* audio = first_stream(streams, "audio")) {
    probe.has_audio = true;
    probe.audio_codec = string_in(*audio, "codec_name");
  }
  const json::object* video = first_stream(streams, "video");
  if (!video) throw ProbeError(ProbeFailure::no_video_stream, "the file has no video stream");
  probe.has_video = true;
  probe.video_codec = string_in(*video, "codec_name");
  probe.width = positive_int(*video, "width");
  probe.height = positive_int(*video, "height");
  if (probe.width == 0 || probe.height == 0) {
    throw ProbeError(ProbeFailure::no_video_size, "the video's picture size could not be read");
  }
  probe.frame_rate = frame_rate_of(*video);
  probe.rotation = rotation_of(*video);
  probe.sample_aspect_ratio = sample_aspect_ratio_of(*video);
  probe.duration_seconds = duration_of(root, *video);
  return probe;
}

}  // namespace sn::media
