// What every viewer plays, prepared once before the run and shared read-only by the threads:
// the server's address, the playlist's and each segment's request (built once, so sending one
// allocates nothing), each segment's duration and size, and the run's timeline.

#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "url.hpp"

namespace sn::viewers {

using Clock = std::chrono::steady_clock;

struct PlannedSegment {
  std::string uri;      // resolved, for messages
  std::string request;  // the whole HTTP/1.1 request
  Clock::duration duration{};
  std::uint64_t bytes = 0;  // the body's size, measured by the preflight
};

struct Plan {
  Url playlist_url;
  boost::asio::ip::tcp::endpoint endpoint;
  std::string playlist_request;
  std::uint64_t playlist_bytes = 0;
  std::vector<PlannedSegment> segments;

  std::uint64_t viewers = 0;
  std::uint64_t seed = 1;
  Clock::time_point t0;       // viewer 0 starts
  Clock::duration ramp{};     // viewer i starts at t0 + ramp * i / viewers
  Clock::time_point end;      // t0 + ramp + duration: no request is sent at or after it
  Clock::duration timeout{};  // a request not answered this long after its due time fails

  Clock::time_point start_of(std::uint64_t viewer) const;
  double seconds() const;          // the playlist's duration
  double bits_per_second() const;  // its average bitrate, bodies only
};

// The preflight: GETs the playlist, parses it, resolves its segments and GETs each once for its
// size (which also puts the files in the page cache before the first viewer asks). Timeline
// fields are left for the caller. Throws std::runtime_error on any failure.
Plan prepare(const Url& playlist_url);

}  // namespace sn::viewers
