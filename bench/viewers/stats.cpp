#include "stats.hpp"

namespace sn::viewers {

void Stats::merge(const Stats& o) {
  ttfb.merge(o.ttfb);
  playlist_ttfb.merge(o.playlist_ttfb);
  startup.merge(o.startup);
  lateness.merge(o.lateness);
  segments += o.segments;
  playlists += o.playlists;
  body_bytes += o.body_bytes;
  steady_body_bytes += o.steady_body_bytes;
  stalls += o.stalls;
  stall_us += o.stall_us;
  starved_viewers += o.starved_viewers;
  connect_errors += o.connect_errors;
  io_errors += o.io_errors;
  protocol_errors += o.protocol_errors;
  status_errors += o.status_errors;
  length_errors += o.length_errors;
  timeouts += o.timeouts;
  unfinished += o.unfinished;
  connects += o.connects;
  retries += o.retries;
  server_closes += o.server_closes;
}

}  // namespace sn::viewers
