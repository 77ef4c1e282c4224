#include "media/playlists.hpp"

#include <cmath>
#include <sstream>

namespace sn::media {

std::string_view media_file_type(std::string_view file_name) {
  const auto dot = file_name.rfind('.');
  const auto extension = dot == std::string_view::npos ? std::string_view() : file_name.substr(dot);
  if (extension == ".ts") return "video/mp2t";
  if (extension == ".m3u8") return "application/vnd.apple.mpegurl";
  if (extension == ".m4s") return "video/iso.segment";
  if (extension == ".mp4") return "video/mp4";
  if (extension == ".jpg") return "image/jpeg";
  if (extension == ".vtt") return "text/vtt; charset=utf-8";
  return {};
}

std::string caption_playlist_uri(std::string_view language) {
  return "captions/" + std::string(language) + ".m3u8";
}

std::string caption_file_name(std::string_view language) {
  return std::string(language) + ".vtt";
}

std::string master_playlist(const std::vector<VariantEntry>& variants,
                            const std::vector<CaptionTrack>& captions) {
  std::ostringstream out;
  out << "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n";
  for (std::size_t i = 0; i < captions.size(); ++i) {
    const auto& track = captions[i];
    out << "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"" << track.label
        << "\",LANGUAGE=\"" << track.language << "\",DEFAULT=" << (i == 0 ? "YES" : "NO")
        << ",AUTOSELECT=YES,URI=\"" << caption_playlist_uri(track.language) << "\"\n";
  }
  for (const auto& variant : variants) {
    out << "#EXT-X-STREAM-INF:BANDWIDTH=" << variant.bandwidth;
    if (!variant.resolution.empty()) out << ",RESOLUTION=" << variant.resolution;
    if (!variant.codecs.empty()) out << ",CODECS=\"" << variant.codecs << "\"";
    if (!captions.empty()) out << ",SUBTITLES=\"subs\"";
    out << "\n" << variant.uri << "\n";
  }
  return out.str();
}

std::string subtitle_playlist(std::string_view language, double duration_seconds) {
  const auto target = std::max<long>(1, static_cast<long>(std::ceil(duration_seconds)));
  std::ostringstream out;
  out << "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:" << target
      << "\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:" << duration_seconds
      << ",\n"
      << caption_file_name(language) << "\n#EXT-X-ENDLIST\n";
  return out.str();
}

std::string hls_webvtt(std::string_view webvtt, std::int64_t start_pts) {
  // The map goes right after the signature line.
  const auto end_of_first_line = webvtt.find('\n');
  std::string out(webvtt.substr(0, end_of_first_line));
  out += "\nX-TIMESTAMP-MAP=MPEGTS:" + std::to_string(start_pts) + ",LOCAL:00:00:00.000\n";
  if (end_of_first_line != std::string_view::npos) out += webvtt.substr(end_of_first_line + 1);
  return out;
}

}  // namespace sn::media
