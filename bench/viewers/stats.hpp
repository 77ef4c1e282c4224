// What one thread's viewers measured, merged over the threads at the end of the run. Recording
// is an increment or a histogram bucket: nothing is allocated while the viewers play.

#pragma once

#include <cstdint>

#include "histogram.hpp"

namespace sn::viewers {

struct Stats {
  sn::loadgen::Histogram ttfb;           // segments: µs from the send to the answer's first byte
  sn::loadgen::Histogram playlist_ttfb;  // the playlist each viewer fetches first
  sn::loadgen::Histogram startup;        // µs from the playlist's send to the first segment's end
  sn::loadgen::Histogram lateness;  // µs between a request's due time and its send: the loader's

  std::uint64_t segments = 0;           // segment answers complete, 200, and of the expected size
  std::uint64_t playlists = 0;          // the same for the playlist
  std::uint64_t body_bytes = 0;         // of every complete answer
  std::uint64_t steady_body_bytes = 0;  // of those completed after the ramp, before the end
  std::uint64_t stalls = 0;    // segments that arrived after their play-out deadline, or never
  std::uint64_t stall_us = 0;  // the time the players would have waited, summed
  std::uint64_t starved_viewers = 0;  // viewers with at least one stall (counted at the end)

  std::uint64_t connect_errors = 0;
  std::uint64_t io_errors = 0;        // reset or closed mid-answer, write failed
  std::uint64_t protocol_errors = 0;  // a malformed answer, or bytes nobody asked for
  std::uint64_t status_errors = 0;    // an answer other than 200
  std::uint64_t length_errors = 0;    // a body whose size differs from the preflight's
  std::uint64_t timeouts = 0;         // no complete answer within --timeout of the due time
  std::uint64_t unfinished = 0;       // still in flight when the run was cut off

  std::uint64_t connects = 0;       // successful connects, the first ones included
  std::uint64_t retries = 0;        // a kept-alive connection the server had closed: sent again
  std::uint64_t server_closes = 0;  // answers that ended their connection (Connection: close)

  std::uint64_t errors() const {
    return connect_errors + io_errors + protocol_errors + status_errors + length_errors + timeouts +
           unfinished;
  }
  void merge(const Stats& other);
};

}  // namespace sn::viewers
