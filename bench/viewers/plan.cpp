#include "plan.hpp"

#include <stdexcept>

#include "fetch.hpp"
#include "playlist.hpp"

namespace sn::viewers {

namespace {

std::string request_for(const Url& url) {
  return "GET " + url.path + " HTTP/1.1\r\nHost: " + url.authority() +
         "\r\nUser-Agent: skillnexus_viewers\r\nAccept: */*\r\n\r\n";
}

}  // namespace

Clock::time_point Plan::start_of(std::uint64_t viewer) const {
  if (viewers == 0) return t0;
  const double share = static_cast<double>(viewer) / static_cast<double>(viewers);
  return t0 + std::chrono::duration_cast<Clock::duration>(ramp * share);
}

double Plan::seconds() const {
  Clock::duration total{};
  for (const auto& s : segments)
    total += s.duration;
  return std::chrono::duration<double>(total).count();
}

double Plan::bits_per_second() const {
  std::uint64_t bytes = 0;
  for (const auto& s : segments)
    bytes += s.bytes;
  const double secs = seconds();
  return secs > 0 ? 8.0 * static_cast<double>(bytes) / secs : 0;
}

Plan prepare(const Url& playlist_url) {
  Plan plan;
  plan.playlist_url = playlist_url;
  plan.endpoint = resolve_endpoint(playlist_url);
  const Fetched playlist = fetch(plan.endpoint, playlist_url, true);
  if (playlist.status != 200)
    throw std::runtime_error("GET " + playlist_url.text() + " answered " +
                             std::to_string(playlist.status));
  plan.playlist_request = request_for(playlist_url);
  plan.playlist_bytes = playlist.body_bytes;
  const MediaPlaylist media = parse_media_playlist(playlist.body);
  for (const auto& s : media.segments) {
    const Url url = resolve(playlist_url, s.uri);
    const Fetched segment = fetch(plan.endpoint, url, false);
    if (segment.status != 200)
      throw std::runtime_error("GET " + url.text() + " answered " + std::to_string(segment.status));
    if (segment.body_bytes == 0) throw std::runtime_error("GET " + url.text() + ": an empty body");
    plan.segments.push_back(
        {url.text(), request_for(url),
         std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s.duration)),
         segment.body_bytes});
  }
  return plan;
}

}  // namespace sn::viewers
