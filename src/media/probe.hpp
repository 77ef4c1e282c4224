#pragma once
// What ffprobe says about an uploaded video, reduced to what transcoding needs. Parsing is pure
// (JSON text in, struct out) so it is tested on captured ffprobe output without running ffprobe.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sn::media {

struct MediaProbe {
  double duration_seconds = 0;
  int width = 0;  // as stored in the stream; see display_width() for what a viewer sees
  int height = 0;
  std::string video_codec;  // ffprobe codec_name: "h264", "hevc", "vp9", …
  std::string audio_codec;  // "" when there is no audio
  std::string format_name;  // ffprobe format_name: "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", …
  bool has_video = false;
  bool has_audio = false;
  double frame_rate = 0;           // average frames per second; 0 when unknown
  int rotation = 0;                // display rotation in degrees: 0, 90, 180 or 270
  double sample_aspect_ratio = 1;  // pixel shape: 1 for square pixels (almost everything)

  // The picture as played: phones store portrait video as landscape plus a 90/270 rotation, and
  // ffmpeg applies that rotation when transcoding, so renditions are sized from these.
  int display_width() const;
  int display_height() const;
};

enum class ProbeFailure {
  unreadable_output,  // ffprobe printed something that is not its JSON: our fault, not the user's
  not_media,          // ffprobe found no streams: not a video file at all
  no_video_stream,
  no_video_size,
  no_duration,
};

// Unusable input. what() is a reason fit to show to the person who uploaded the file.
class ProbeError : public std::runtime_error {
 public:
  ProbeError(ProbeFailure failure, const std::string& reason)
      : std::runtime_error(reason), failure_(failure) {}
  ProbeFailure failure() const { return failure_; }

 private:
  ProbeFailure failure_;
};

// The command whose standard output parse_ffprobe_json reads. `ffprobe` is an absolute path.
std::vector<std::string> ffprobe_arguments(const std::string& ffprobe, const std::string& input);

// Parses `ffprobe -v error -print_format json -show_format -show_streams` output. Throws
// ProbeError unless the file has a video stream with a size and a positive duration.
MediaProbe parse_ffprobe_json(std::string_view json);

}  // namespace sn::media
