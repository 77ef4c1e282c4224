#pragma once
// The playlists SkillNexus writes itself: the master playlist (the renditions ffmpeg made plus
// captions as subtitle renditions, rewritten whenever captions change) and the one-segment
// subtitle playlist of each WebVTT file.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "media/ladder.hpp"

namespace sn::media {

struct CaptionTrack {
  std::string language;  // BCP 47, e.g. "en", "pt-BR"
  std::string label;     // what the player's menu shows
};

// The type a video's file is stored and served as, by its extension: playlists, MPEG-TS and
// fMP4 segments, poster and thumbnails, WebVTT. Empty for anything else (never served).
std::string_view media_file_type(std::string_view file_name);

// Where a ladder's media time starts (90 kHz) when it is not known yet or could not be read:
// ffmpeg's fragmented MP4 starts at 0. Captions' X-TIMESTAMP-MAP pins cue times to it.
constexpr std::int64_t kDefaultStartPts = 0;

// captions/<language>.m3u8 and captions/<language>.vtt under a video's prefix.
std::string caption_playlist_uri(std::string_view language);
std::string caption_file_name(std::string_view language);

// #EXTM3U with one EXT-X-MEDIA subtitles entry per caption track (the first is the default for
// players that pick one) and the variants, each pointing at the subtitles group when there is one.
std::string master_playlist(const std::vector<VariantEntry>& variants,
                            const std::vector<CaptionTrack>& captions);

// A VOD playlist whose one segment is the whole WebVTT file.
std::string subtitle_playlist(std::string_view language, double duration_seconds);

// The WebVTT file as HLS wants it: with an X-TIMESTAMP-MAP header that pins cue time 0 to the
// first video frame's MPEG-TS timestamp (`start_pts`, 90 kHz), so players line cues up with the
// segments (ffmpeg starts MPEG-TS at 1.4 s, not 0). `webvtt` is validated, normalized text.
std::string hls_webvtt(std::string_view webvtt, std::int64_t start_pts);

}  // namespace sn::media
