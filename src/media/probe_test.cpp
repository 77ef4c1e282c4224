#include "media/probe.hpp"

#include <gtest/gtest.h>

namespace sn::media {
namespace {

// Captured from ffprobe 5.1 (Debian 12) on clips made with ffmpeg's test sources, trimmed to the
// fields that matter (dispositions, long names and the like removed).

// testsrc2=size=320x240:rate=25:duration=1 + sine, libx264 + aac, MP4.
constexpr const char* kMp4WithAudio = R"({
  "streams": [
    {"index": 0, "codec_name": "h264", "profile": "Constrained Baseline", "codec_type": "video",
     "width": 320, "height": 240, "coded_width": 320, "coded_height": 240,
     "sample_aspect_ratio": "1:1", "display_aspect_ratio": "4:3", "pix_fmt": "yuv420p",
     "r_frame_rate": "25/1", "avg_frame_rate": "25/1", "time_base": "1/12800",
     "duration": "1.000000", "bit_rate": "728168", "nb_frames": "25",
     "disposition": {"default": 1, "attached_pic": 0},
     "tags": {"language": "und", "handler_name": "VideoHandler"}},
    {"index": 1, "codec_name": "aac", "profile": "LC", "codec_type": "audio",
     "sample_fmt": "fltp", "sample_rate": "44100", "channels": 1, "channel_layout": "mono",
     "r_frame_rate": "0/0", "avg_frame_rate": "0/0", "duration": "1.000000"}
  ],
  "format": {"filename": "av.mp4", "nb_streams": 2, "format_name": "mov,mp4,m4a,3gp,3g2,mj2",
             "start_time": "0.000000", "duration": "1.000000", "size": "102061",
             "bit_rate": "816488", "probe_score": 100}
})";

// The same clip remuxed with -metadata:s:v:0 rotate=90, as a phone records portrait video.
constexpr const char* kMp4Rotated = R"({
  "streams": [
    {"index": 0, "codec_name": "h264", "codec_type": "video", "width": 320, "height": 240,
     "sample_aspect_ratio": "1:1", "r_frame_rate": "25/1", "avg_frame_rate": "25/1",
     "duration": "1.000000",
     "side_data_list": [{"side_data_type": "Display Matrix",
       "displaymatrix": "\n00000000:            0      -65536           0\n00000001:        65536           0           0\n00000002:            0           0  1073741824\n",
       "rotation": 90}]},
    {"index": 1, "codec_name": "aac", "codec_type": "audio", "duration": "1.000000"}
  ],
  "format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "1.000000"}
})";

// 176x144 at 30000/1001, VP9 + Opus in WebM: Matroska keeps stream durations only in tags.
constexpr const char* kWebm = R"({
  "streams": [
    {"index": 0, "codec_name": "vp9", "codec_type": "video", "width": 176, "height": 144,
     "sample_aspect_ratio": "1:1", "r_frame_rate": "30000/1001", "avg_frame_rate": "30000/1001",
     "tags": {"ENCODER": "Lavc59.37.100 libvpx-vp9", "DURATION": "00:00:01.008000000"}},
    {"index": 1, "codec_name": "opus", "codec_type": "audio", "r_frame_rate": "0/0",
     "avg_frame_rate": "0/0",
     "tags": {"ENCODER": "Lavc59.37.100 libopus", "DURATION": "00:00:01.008000000"}}
  ],
  "format": {"format_name": "matroska,webm", "duration": "1.008000"}
})";

// sine=duration=1, aac, M4A.
constexpr const char* kAudioOnly = R"({
  "streams": [
    {"index": 0, "codec_name": "aac", "codec_type": "audio", "sample_rate": "44100",
     "channels": 1, "r_frame_rate": "0/0", "avg_frame_rate": "0/0", "duration": "1.000000"}
  ],
  "format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "1.000000"}
})";

// What ffprobe 5.1 prints (and exits 1) for a text file: an empty object.
constexpr const char* kNotMedia = "{\n\n}\n";

MediaProbe parse(const char* json) {
  return parse_ffprobe_json(json);
}

ProbeFailure failure_of(std::string_view json) {
  try {
    parse_ffprobe_json(json);
  } catch (const ProbeError& e) {
    return e.failure();
  }
  ADD_FAILURE() << "no ProbeError for " << json;
  return ProbeFailure::unreadable_output;
}

TEST(ParseFfprobeJson, ReadsAnMp4WithAudio) {
  const MediaProbe p = parse(kMp4WithAudio);
  EXPECT_DOUBLE_EQ(p.duration_seconds, 1.0);
  EXPECT_EQ(p.width, 320);
  EXPECT_EQ(p.height, 240);
  EXPECT_EQ(p.video_codec, "h264");
  EXPECT_EQ(p.audio_codec, "aac");
  EXPECT_EQ(p.format_name, "mov,mp4,m4a,3gp,3g2,mj2");
  EXPECT_TRUE(p.has_video);
  EXPECT_TRUE(p.has_audio);
  EXPECT_DOUBLE_EQ(p.frame_rate, 25.0);
  EXPECT_EQ(p.rotation, 0);
  EXPECT_EQ(p.display_width(), 320);
  EXPECT_EQ(p.display_height(), 240);
}

TEST(ParseFfprobeJson, RotationFromTheDisplayMatrixSwapsTheDisplaySize) {
  const MediaProbe p = parse(kMp4Rotated);
  EXPECT_EQ(p.rotation, 90);
  EXPECT_EQ(p.width, 320);
  EXPECT_EQ(p.display_width(), 240);
  EXPECT_EQ(p.display_height(), 320);
}

TEST(ParseFfprobeJson, RotationFromAnOldRotateTagAndNegativeAngles) {
  const MediaProbe tag = parse(R"({"streams": [{"codec_type": "video", "width": 1920,
      "height": 1080, "tags": {"rotate": "270"}}], "format": {"duration": "3.5"}})");
  EXPECT_EQ(tag.rotation, 270);
  EXPECT_EQ(tag.display_width(), 1080);
  EXPECT_EQ(tag.display_height(), 1920);

  const MediaProbe negative = parse(R"({"streams": [{"codec_type": "video", "width": 1920,
      "height": 1080, "side_data_list": [{"rotation": -90}]}], "format": {"duration": "3.5"}})");
  EXPECT_EQ(negative.rotation, 270);

  const MediaProbe upside_down = parse(R"({"streams": [{"codec_type": "video", "width": 1920,
      "height": 1080, "side_data_list": [{"rotation": 180}]}], "format": {"duration": "3.5"}})");
  EXPECT_EQ(upside_down.rotation, 180);
  EXPECT_EQ(upside_down.display_width(), 1920);
}

TEST(ParseFfprobeJson, NonSquarePixelsWidenTheDisplay) {
  // A PAL DVD frame (captured: mpeg2video 720x576, sample_aspect_ratio 16:15).
  const MediaProbe p = parse(R"({"streams": [{"codec_type": "video", "codec_name": "mpeg2video",
      "width": 720, "height": 576, "sample_aspect_ratio": "16:15", "avg_frame_rate": "25/1"}],
      "format": {"format_name": "mpeg", "duration": "1.000000"}})");
  EXPECT_EQ(p.display_width(), 768);
  EXPECT_EQ(p.display_height(), 576);
}

TEST(ParseFfprobeJson, ReadsWebmWithFractionalFrameRate) {
  const MediaProbe p = parse(kWebm);
  EXPECT_EQ(p.video_codec, "vp9");
  EXPECT_EQ(p.audio_codec, "opus");
  EXPECT_EQ(p.format_name, "matroska,webm");
  EXPECT_NEAR(p.frame_rate, 29.97, 0.001);
  EXPECT_DOUBLE_EQ(p.duration_seconds, 1.008);
}

TEST(ParseFfprobeJson, FallsBackToTheStreamDurationAndItsTag) {
  const MediaProbe from_stream = parse(R"({"streams": [{"codec_type": "video", "width": 64,
      "height": 64, "duration": "2.5"}], "format": {"format_name": "mpegts"}})");
  EXPECT_DOUBLE_EQ(from_stream.duration_seconds, 2.5);

  const MediaProbe from_tag = parse(R"({"streams": [{"codec_type": "video", "width": 64,
      "height": 64, "tags": {"DURATION": "01:02:03.500000000"}}], "format": {}})");
  EXPECT_DOUBLE_EQ(from_tag.duration_seconds, 3723.5);
}

TEST(ParseFfprobeJson, UnknownFrameRateIsZero) {
  const MediaProbe p = parse(R"({"streams": [{"codec_type": "video", "width": 64, "height": 64,
      "avg_frame_rate": "0/0", "r_frame_rate": "90000/1"}], "format": {"duration": "1"}})");
  EXPECT_EQ(p.frame_rate, 0);
}

TEST(ParseFfprobeJson, NoAudioIsFine) {
  const MediaProbe p = parse(R"({"streams": [{"codec_type": "video", "codec_name": "h264",
      "width": 640, "height": 360}], "format": {"duration": "4.0"}})");
  EXPECT_FALSE(p.has_audio);
  EXPECT_EQ(p.audio_codec, "");
}

TEST(ParseFfprobeJson, AudioOnlyHasNoVideoStream) {
  EXPECT_EQ(failure_of(kAudioOnly), ProbeFailure::no_video_stream);
  try {
    parse(kAudioOnly);
  } catch (const ProbeError& e) {
    EXPECT_STREQ(e.what(), "the file has no video stream");
  }
}

TEST(ParseFfprobeJson, CoverArtIsNotVideo) {
  // An MP3 with an album picture: ffprobe lists the picture as a video stream.
  EXPECT_EQ(failure_of(R"({"streams": [
      {"codec_type": "audio", "codec_name": "mp3"},
      {"codec_type": "video", "codec_name": "mjpeg", "width": 500, "height": 500,
       "disposition": {"attached_pic": 1}}], "format": {"duration": "180.0"}})"),
            ProbeFailure::no_video_stream);
}

TEST(ParseFfprobeJson, NotMediaAtAll) {
  EXPECT_EQ(failure_of(kNotMedia), ProbeFailure::not_media);
  EXPECT_EQ(failure_of(R"({"streams": [], "format": {}})"), ProbeFailure::not_media);
}

TEST(ParseFfprobeJson, MissingOrZeroDuration) {
  EXPECT_EQ(failure_of(R"({"streams": [{"codec_type": "video", "width": 64, "height": 64}],
      "format": {"format_name": "png_pipe"}})"),
            ProbeFailure::no_duration);
  EXPECT_EQ(failure_of(R"({"streams": [{"codec_type": "video", "width": 64, "height": 64}],
      "format": {"duration": "N/A"}})"),
            ProbeFailure::no_duration);
  EXPECT_EQ(failure_of(R"({"streams": [{"codec_type": "video", "width": 64, "height": 64}],
      "format": {"duration": "0.000000"}})"),
            ProbeFailure::no_duration);
}

TEST(ParseFfprobeJson, MissingPictureSize) {
  EXPECT_EQ(failure_of(R"({"streams": [{"codec_type": "video", "codec_name": "h264"}],
      "format": {"duration": "1.0"}})"),
            ProbeFailure::no_video_size);
  EXPECT_EQ(failure_of(R"({"streams": [{"codec_type": "video", "width": 0, "height": 0}],
      "format": {"duration": "1.0"}})"),
            ProbeFailure::no_video_size);
}

TEST(ParseFfprobeJson, GarbageIsUnreadableOutput) {
  EXPECT_EQ(failure_of(""), ProbeFailure::unreadable_output);
  EXPECT_EQ(failure_of("not json"), ProbeFailure::unreadable_output);
  EXPECT_EQ(failure_of(R"({"streams": [)"), ProbeFailure::unreadable_output);
  EXPECT_EQ(failure_of("[1, 2]"), ProbeFailure::unreadable_output);
  EXPECT_EQ(failure_of(R"({"streams": "video"})"), ProbeFailure::not_media);
}

TEST(FfprobeArguments, NamesTheInputAsAFile) {
  const auto args = ffprobe_arguments("/usr/bin/ffprobe", "/uploads/a b.mp4");
  ASSERT_FALSE(args.empty());
  EXPECT_EQ(args.front(), "/usr/bin/ffprobe");
  EXPECT_EQ(args.back(), "file:/uploads/a b.mp4");
}

}  // namespace
}  // namespace sn::media
