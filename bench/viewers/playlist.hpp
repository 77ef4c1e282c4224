// An HLS media playlist (RFC 8216) reduced to what a viewer plays: each segment's URI and its
// duration (#EXTINF). A master playlist (#EXT-X-STREAM-INF) is refused with the variants it
// lists, so the caller can pick the rendition's own playlist.

#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sn::viewers {

struct PlaylistSegment {
  std::string uri;      // as written, relative to the playlist's URL
  double duration = 0;  // seconds
};

struct MediaPlaylist {
  std::vector<PlaylistSegment> segments;
  double target_duration = 0;  // #EXT-X-TARGETDURATION, 0 if absent
  bool ended = false;          // #EXT-X-ENDLIST: a complete (VOD) playlist

  double total_duration() const;
};

// Throws std::runtime_error on anything that is not a media playlist with at least one segment.
MediaPlaylist parse_media_playlist(std::string_view text);

}  // namespace sn::viewers
