#include "playlist.hpp"

#include <cmath>
#include <stdexcept>

namespace sn::viewers {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

double parse_seconds(std::string_view text, std::string_view line) {
  std::size_t end = 0;
  double v = -1;
  try {
    v = std::stod(std::string(text), &end);
  } catch (const std::exception&) {
    end = 0;
  }
  if (end != text.size() || !std::isfinite(v) || v <= 0)
    throw std::runtime_error("playlist: a bad duration in '" + std::string(line) + "'");
  return v;
}

}  // namespace

double MediaPlaylist::total_duration() const {
  double total = 0;
  for (const auto& s : segments)
    total += s.duration;
  return total;
}

MediaPlaylist parse_media_playlist(std::string_view text) {
  MediaPlaylist playlist;
  std::vector<std::string> variants;
  double pending_duration = -1;  // from an #EXTINF waiting for its URI
  bool first = true;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const std::string_view line = trim(text.substr(0, newline));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (first) {
      if (line.starts_with("\xEF\xBB\xBF#EXTM3U") || line == "#EXTM3U") {
        first = false;
        continue;
      }
      throw std::runtime_error("not an HLS playlist (no #EXTM3U on the first line)");
    }
    if (line.empty()) continue;
    if (line.starts_with("#EXTINF:")) {
      const std::string_view value = line.substr(8);
      pending_duration = parse_seconds(trim(value.substr(0, value.find(','))), line);
    } else if (line.starts_with("#EXT-X-TARGETDURATION:")) {
      playlist.target_duration = parse_seconds(trim(line.substr(22)), line);
    } else if (line == "#EXT-X-ENDLIST") {
      playlist.ended = true;
    } else if (line.starts_with("#EXT-X-STREAM-INF:")) {
      variants.emplace_back();  // its URI follows
    } else if (line.starts_with('#')) {
      continue;  // other tags and comments
    } else if (!variants.empty() && variants.back().empty()) {
      variants.back() = line;
    } else if (pending_duration > 0) {
      playlist.segments.push_back({std::string(line), pending_duration});
      pending_duration = -1;
    } else {
      throw std::runtime_error("playlist: a URI without #EXTINF: '" + std::string(line) + "'");
    }
  }
  if (!variants.empty()) {
    std::string list;
    for (const auto& v : variants)
      list += (list.empty() ? "" : ", ") + v;
    throw std::runtime_error(
        "this is a master playlist; give the URL of one rendition's media playlist (variants: " +
        list + ")");
  }
  if (playlist.segments.empty()) throw std::runtime_error("the playlist lists no segments");
  return playlist;
}

}  // namespace sn::viewers
