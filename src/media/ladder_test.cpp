#include "media/ladder.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

namespace sn::media {
namespace {

// "1280x720@2800" for each rendition, best first: one string to compare per source.
std::string summary(const std::vector<Rendition>& renditions) {
  std::string out;
  for (const Rendition& r : renditions) {
    if (!out.empty()) out += ' ';
    out += r.name + ":" + std::to_string(r.width) + "x" + std::to_string(r.height) + "@" +
           std::to_string(r.video_kbps);
  }
  return out;
}

std::string ladder(int w, int h) {
  return summary(choose_renditions(w, h));
}

TEST(ChooseRenditions, UltraHdComesDownTo1080pAndBelow) {
  EXPECT_EQ(ladder(3840, 2160),
            "1080p:1920x1080@5000 720p:1280x720@2800 480p:854x480@1400 360p:640x360@800");
}

TEST(ChooseRenditions, StandardSourcesTopOutAtTheirOwnTier) {
  EXPECT_EQ(ladder(1920, 1080),
            "1080p:1920x1080@5000 720p:1280x720@2800 480p:854x480@1400 360p:640x360@800");
  EXPECT_EQ(ladder(1280, 720), "720p:1280x720@2800 480p:854x480@1400 360p:640x360@800");
  EXPECT_EQ(ladder(854, 480), "480p:854x480@1400 360p:640x360@800");
  EXPECT_EQ(ladder(640, 360), "360p:640x360@800");
}

TEST(ChooseRenditions, BetweenTiersTheNearestBelowIsTheTop) {
  EXPECT_EQ(ladder(960, 540), "480p:854x480@1400 360p:640x360@800");
  EXPECT_EQ(ladder(1600, 900), "720p:1280x720@2800 480p:854x480@1400 360p:640x360@800");
}

TEST(ChooseRenditions, SlightlyShortSourcesKeepTheirTierAtTheirOwnSize) {
  // Encoders that crop to multiples of 8 or 16, and odd sizes from screen recorders.
  EXPECT_EQ(ladder(1920, 1072),
            "1080p:1920x1072@5000 720p:1290x720@2800 480p:860x480@1400 360p:644x360@800");
  EXPECT_EQ(ladder(1280, 718), "720p:1280x718@2800 480p:856x480@1400 360p:642x360@800");
  EXPECT_EQ(ladder(853, 479), "480p:852x478@1400 360p:642x360@800");
  EXPECT_EQ(ladder(639, 359), "360p:638x358@800");
  EXPECT_EQ(ladder(1919, 1079),
            "1080p:1918x1078@5000 720p:1280x720@2800 480p:854x480@1400 360p:640x360@800");
  EXPECT_EQ(ladder(1079, 1919),
            "1080p:1078x1918@5000 720p:720x1280@2800 480p:480x854@1400 360p:360x640@800");
  // More than 5% short: the tier below.
  EXPECT_EQ(ladder(1280, 680), "480p:904x480@1400 360p:678x360@800");
}

TEST(ChooseRenditions, SmallSourcesGetOneRenditionAtTheirOwnEvenSize) {
  EXPECT_EQ(ladder(320, 240), "240p:320x240@267");
  EXPECT_EQ(ladder(321, 241), "240p:320x240@269");
  EXPECT_EQ(ladder(176, 144), "144p:176x144@200");  // bitrate floor
  EXPECT_EQ(ladder(1, 1), "2p:2x2@200");
}

TEST(ChooseRenditions, PortraitIsTieredByItsShorterSide) {
  EXPECT_EQ(ladder(1080, 1920),
            "1080p:1080x1920@5000 720p:720x1280@2800 480p:480x854@1400 360p:360x640@800");
  EXPECT_EQ(ladder(720, 1280), "720p:720x1280@2800 480p:480x854@1400 360p:360x640@800");
  EXPECT_EQ(ladder(2160, 3840),
            "1080p:1080x1920@5000 720p:720x1280@2800 480p:480x854@1400 360p:360x640@800");
  EXPECT_EQ(ladder(240, 320), "240p:240x320@267");
}

TEST(ChooseRenditions, OtherShapesKeepTheirAspectRatio) {
  EXPECT_EQ(ladder(1440, 1080),
            "1080p:1440x1080@5000 720p:960x720@2800 480p:640x480@1400 360p:480x360@800");
  EXPECT_EQ(ladder(2560, 1080),
            "1080p:2560x1080@5000 720p:1706x720@2800 480p:1138x480@1400 360p:854x360@800");
  EXPECT_EQ(ladder(1080, 1080),
            "1080p:1080x1080@5000 720p:720x720@2800 480p:480x480@1400 360p:360x360@800");
}

TEST(ChooseRenditions, FromAProbeUsesTheDisplayedSize) {
  MediaProbe phone;
  phone.width = 1920;
  phone.height = 1080;
  phone.rotation = 90;
  EXPECT_EQ(summary(choose_renditions(phone)),
            "1080p:1080x1920@5000 720p:720x1280@2800 480p:480x854@1400 360p:360x640@800");
}

TEST(ChooseRenditions, ProfilesAreHighFrom720pUp) {
  const auto r = choose_renditions(1920, 1080);
  EXPECT_EQ(r[0].h264_profile, "high");
  EXPECT_EQ(r[1].h264_profile, "high");
  EXPECT_EQ(r[2].h264_profile, "main");
  EXPECT_EQ(r[3].h264_profile, "main");
}

TEST(ChooseRenditions, RejectsANonPositiveSize) {
  EXPECT_THROW(choose_renditions(0, 1080), std::invalid_argument);
  EXPECT_THROW(choose_renditions(1920, -1), std::invalid_argument);
}

// ---- hls_arguments ----

MediaProbe probe_of(int w, int h, double fps, bool audio) {
  MediaProbe p;
  p.width = w;
  p.height = h;
  p.frame_rate = fps;
  p.has_video = true;
  p.has_audio = audio;
  p.duration_seconds = 60;
  return p;
}

HlsOptions options_for(std::string dir) {
  HlsOptions o;
  o.input = "/uploads/lesson 1.mov";
  o.output_dir = std::move(dir);
  return o;
}

// The value after `flag`, or "" when `flag` is absent.
std::string after(const std::vector<std::string>& args, std::string_view flag) {
  const auto it = std::find(args.begin(), args.end(), flag);
  return it != args.end() && it + 1 != args.end() ? *(it + 1) : "";
}

std::vector<std::string> values_after(const std::vector<std::string>& args, std::string_view flag) {
  std::vector<std::string> values;
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == flag) values.push_back(args[i + 1]);
  return values;
}

bool has(const std::vector<std::string>& args, std::string_view item) {
  return std::find(args.begin(), args.end(), item) != args.end();
}

TEST(HlsArguments, AlignsKeyframesAtEverySegmentBoundary) {
  const MediaProbe p = probe_of(1280, 720, 25, true);
  const auto args = hls_arguments(p, choose_renditions(p), options_for("/media/42"));
  EXPECT_EQ(after(args, "-force_key_frames"), "expr:gte(t,n_forced*4)");
  EXPECT_EQ(after(args, "-sc_threshold"), "0");
  EXPECT_EQ(after(args, "-g"), "100");
  EXPECT_EQ(after(args, "-keyint_min"), "100");
  EXPECT_EQ(after(args, "-hls_time"), "4");
}

TEST(HlsArguments, GopFollowsFractionalRatesAndIsLeftOutWhenTheRateIsUnknown) {
  const auto ntsc = hls_arguments(probe_of(640, 360, 30000.0 / 1001, false),
                                  choose_renditions(640, 360), options_for("/m"));
  EXPECT_EQ(after(ntsc, "-g"), "120");
  const auto vfr =
      hls_arguments(probe_of(640, 360, 0, false), choose_renditions(640, 360), options_for("/m"));
  EXPECT_FALSE(has(vfr, "-g"));
  EXPECT_EQ(after(vfr, "-force_key_frames"), "expr:gte(t,n_forced*4)");
}

TEST(HlsArguments, SegmentLengthIsAParameter) {
  HlsOptions o = options_for("/m");
  o.segment_seconds = 6;
  const auto args = hls_arguments(probe_of(640, 360, 30, true), choose_renditions(640, 360), o);
  EXPECT_EQ(after(args, "-force_key_frames"), "expr:gte(t,n_forced*6)");
  EXPECT_EQ(after(args, "-g"), "180");
  EXPECT_EQ(after(args, "-hls_time"), "6");
}

TEST(HlsArguments, OneVideoAndAudioMapPerRendition) {
  const MediaProbe p = probe_of(1280, 720, 25, true);
  const auto args = hls_arguments(p, choose_renditions(p), options_for("/media/42"));
  EXPECT_EQ(values_after(args, "-map"),
            (std::vector<std::string>{"[v0]", "0:a:0", "[v1]", "0:a:0", "[v2]", "0:a:0"}));
  EXPECT_EQ(after(args, "-var_stream_map"),
            "v:0,a:0,name:720p v:1,a:1,name:480p v:2,a:2,name:360p");
  EXPECT_EQ(after(args, "-filter_complex"),
            "[0:v]split=3[s0][s1][s2];"
            "[s0]scale=1280:720,setsar=1,format=yuv420p[v0];"
            "[s1]scale=854:480,setsar=1,format=yuv420p[v1];"
            "[s2]scale=640:360,setsar=1,format=yuv420p[v2]");
  EXPECT_EQ(after(args, "-c:a"), "aac");
  EXPECT_EQ(after(args, "-b:a"), "128k");
  EXPECT_EQ(after(args, "-ac"), "2");
  EXPECT_EQ(after(args, "-ar"), "48000");
}

TEST(HlsArguments, EachRenditionHasItsCapAndProfile) {
  const MediaProbe p = probe_of(1280, 720, 25, true);
  const auto args = hls_arguments(p, choose_renditions(p), options_for("/m"));
  EXPECT_EQ(after(args, "-c:v"), "libx264");
  EXPECT_EQ(after(args, "-preset"), "veryfast");
  EXPECT_EQ(after(args, "-maxrate:v:0"), "2800k");
  EXPECT_EQ(after(args, "-bufsize:v:0"), "5600k");
  EXPECT_EQ(after(args, "-profile:v:0"), "high");
  EXPECT_EQ(after(args, "-maxrate:v:2"), "800k");
  EXPECT_EQ(after(args, "-profile:v:2"), "main");
}

TEST(HlsArguments, WithoutAudioNoAudioIsMappedOrEncoded) {
  const MediaProbe p = probe_of(1280, 720, 25, false);
  const auto args = hls_arguments(p, choose_renditions(p), options_for("/m"));
  EXPECT_EQ(values_after(args, "-map"), (std::vector<std::string>{"[v0]", "[v1]", "[v2]"}));
  EXPECT_EQ(after(args, "-var_stream_map"), "v:0,name:720p v:1,name:480p v:2,name:360p");
  EXPECT_FALSE(has(args, "-c:a"));
}

TEST(HlsArguments, OneRenditionNeedsNoSplit) {
  const MediaProbe p = probe_of(320, 240, 25, true);
  const auto args = hls_arguments(p, choose_renditions(p), options_for("/m"));
  EXPECT_EQ(after(args, "-filter_complex"), "[0:v]scale=320:240,setsar=1,format=yuv420p[v0]");
  EXPECT_EQ(after(args, "-var_stream_map"), "v:0,a:0,name:240p");
}

TEST(HlsArguments, WritesVodHlsWithAMasterPlaylistAndProgress) {
  const MediaProbe p = probe_of(1280, 720, 25, true);
  const auto args = hls_arguments(p, choose_renditions(p), options_for("/media/42"));
  EXPECT_EQ(args.front(), "/usr/bin/ffmpeg");
  EXPECT_EQ(after(args, "-i"), "file:/uploads/lesson 1.mov");  // one argument, spaces and all
  EXPECT_EQ(after(args, "-f"), "hls");
  EXPECT_EQ(after(args, "-hls_playlist_type"), "vod");
  EXPECT_EQ(after(args, "-hls_segment_type"), "fmp4");
  EXPECT_EQ(after(args, "-hls_fmp4_init_filename"), "init.mp4");
  EXPECT_EQ(after(args, "-hls_segment_filename"), "/media/42/%v/seg_%05d.m4s");
  EXPECT_EQ(after(args, "-master_pl_name"), "master.m3u8");
  EXPECT_EQ(after(args, "-progress"), "pipe:1");
  EXPECT_TRUE(has(args, "-nostats"));
  EXPECT_TRUE(has(args, "-nostdin"));
  EXPECT_EQ(after(args, "-map_metadata"), "-1");
  EXPECT_EQ(args.back(), "/media/42/%v/index.m3u8");
  EXPECT_FALSE(has(args, "-threads"));
}

TEST(HlsArguments, RejectsWhatFfmpegWouldMisread) {
  const MediaProbe p = probe_of(640, 360, 25, true);
  EXPECT_THROW(hls_arguments(p, {}, options_for("/m")), std::invalid_argument);
  EXPECT_THROW(hls_arguments(p, choose_renditions(p), options_for("/m/100%")),
               std::invalid_argument);
  HlsOptions zero = options_for("/m");
  zero.segment_seconds = 0;
  EXPECT_THROW(hls_arguments(p, choose_renditions(p), zero), std::invalid_argument);
}

// ---- progress ----

// One block as ffmpeg 5.1 writes it (captured), every ~0.5 s.
constexpr std::string_view kProgressBlock =
    "frame=50\nfps=49.42\nstream_0_0_q=-1.0\nstream_0_2_q=-1.0\nbitrate=N/A\n"
    "total_size=N/A\nout_time_us=2016000\nout_time_ms=2016000\nout_time=00:00:02.016000\n"
    "dup_frames=0\ndrop_frames=0\nspeed=2.01x\nprogress=continue\n";

TEST(ParseFfmpegProgress, FractionOfTheDuration) {
  const FfmpegProgress p = parse_ffmpeg_progress(kProgressBlock, 4.0);
  ASSERT_TRUE(p.fraction);
  EXPECT_DOUBLE_EQ(*p.fraction, 0.504);
  EXPECT_FALSE(p.finished);
}

TEST(ParseFfmpegProgress, TheLastValueWins) {
  const FfmpegProgress p = parse_ffmpeg_progress("out_time_us=1000000\nout_time_us=3000000\n", 4.0);
  EXPECT_DOUBLE_EQ(*p.fraction, 0.75);
}

TEST(ParseFfmpegProgress, EndMeansDoneEvenPastTheDuration) {
  // The last block reports the end of the last audio frame, a little past the duration.
  const FfmpegProgress p =
      parse_ffmpeg_progress("out_time_us=4032000\nspeed=2.4x\nprogress=end\n", 4.0);
  EXPECT_TRUE(p.finished);
  EXPECT_DOUBLE_EQ(*p.fraction, 1.0);
  EXPECT_DOUBLE_EQ(*parse_ffmpeg_progress("out_time_us=4032000\n", 4.0).fraction, 1.0);
}

TEST(ParseFfmpegProgress, NothingUsableGivesNoFraction) {
  EXPECT_FALSE(parse_ffmpeg_progress("", 4.0).fraction);
  EXPECT_FALSE(parse_ffmpeg_progress("out_time_us=N/A\nprogress=continue\n", 4.0).fraction);
  EXPECT_FALSE(parse_ffmpeg_progress("out_time_us=-9223372036854775807x\n", 4.0).fraction);
  EXPECT_FALSE(parse_ffmpeg_progress(kProgressBlock, 0).fraction);
}

TEST(ParseFfmpegProgress, NegativeTimesAtTheStartCountAsZero) {
  EXPECT_DOUBLE_EQ(*parse_ffmpeg_progress("out_time_us=-23220\n", 4.0).fraction, 0.0);
}

TEST(ParseFfmpegProgress, AnUnfinishedLastLineIsIgnored) {
  // "out_time_us=3" may be the start of "out_time_us=3500000".
  const FfmpegProgress p = parse_ffmpeg_progress("out_time_us=1000000\nout_time_us=3", 4.0);
  EXPECT_DOUBLE_EQ(*p.fraction, 0.25);
}

TEST(ParseFfmpegProgress, CrlfLinesAreRead) {
  EXPECT_DOUBLE_EQ(*parse_ffmpeg_progress("out_time_us=2000000\r\n", 4.0).fraction, 0.5);
}

TEST(FfmpegProgressReader, JoinsLinesSplitAcrossChunks) {
  FfmpegProgressReader reader(4.0);
  EXPECT_FALSE(reader.feed("frame=10\nout_time_us=1").fraction);
  EXPECT_DOUBLE_EQ(*reader.feed("000000\nout_ti").fraction, 0.25);
  EXPECT_DOUBLE_EQ(*reader.feed("me_us=N/A\n").fraction, 0.25);  // the last known value stays
  EXPECT_DOUBLE_EQ(*reader.feed("out_time_us=3000000\nprogre").fraction, 0.75);
  EXPECT_FALSE(reader.progress().finished);
  EXPECT_TRUE(reader.feed("ss=end\n").finished);
  EXPECT_DOUBLE_EQ(*reader.progress().fraction, 1.0);
}

// ---- poster and thumbnails ----

TEST(PosterArguments, FrameAtATenthScaledTo1280Wide) {
  MediaProbe p = probe_of(1920, 1080, 25, true);
  p.duration_seconds = 125;
  const auto args = poster_arguments("/usr/bin/ffmpeg", "/in.mp4", p, "/out/poster.jpg");
  EXPECT_EQ(after(args, "-ss"), "12.500");
  EXPECT_EQ(after(args, "-frames:v"), "1");
  EXPECT_EQ(after(args, "-vf"), "scale=1280:720,setsar=1");
  EXPECT_EQ(args.back(), "file:/out/poster.jpg");
  // -ss before -i: a fast seek.
  EXPECT_LT(std::find(args.begin(), args.end(), "-ss"), std::find(args.begin(), args.end(), "-i"));
}

TEST(PosterArguments, SmallAndPortraitSourcesAreNotUpscaled) {
  EXPECT_EQ(after(poster_arguments("/f", "/i", probe_of(640, 360, 25, true), "/o.jpg"), "-vf"),
            "scale=640:360,setsar=1");
  MediaProbe phone = probe_of(1920, 1080, 30, true);
  phone.rotation = 270;
  EXPECT_EQ(after(poster_arguments("/f", "/i", phone, "/o.jpg"), "-vf"),
            "scale=1080:1920,setsar=1");
}

TEST(ThumbnailSprites, PlanFollowsTheAspectAndDuration) {
  MediaProbe p = probe_of(1920, 1080, 25, true);
  p.duration_seconds = 125;
  const ThumbnailSprites s = plan_thumbnail_sprites(p);
  EXPECT_EQ(s.thumb_width, 160);
  EXPECT_EQ(s.thumb_height, 90);
  EXPECT_EQ(s.count, 13);

  MediaProbe phone = probe_of(1080, 1920, 30, true);
  EXPECT_EQ(plan_thumbnail_sprites(phone).thumb_height, 284);
}

TEST(ThumbnailSprites, ArgumentsTileOneFrameEveryInterval) {
  MediaProbe p = probe_of(1280, 720, 25, true);
  const auto s = plan_thumbnail_sprites(p);
  const auto args = thumbnail_sprite_arguments("/usr/bin/ffmpeg", "/in.mp4", s, "/out");
  EXPECT_EQ(after(args, "-vf"), "fps=1/10,scale=160:90,setsar=1,tile=10x10");
  EXPECT_EQ(args.back(), "file:/out/thumbs_%03d.jpg");
}

TEST(ThumbnailSprites, WebvttPointsAtEachTile) {
  MediaProbe p = probe_of(1280, 720, 25, true);
  p.duration_seconds = 1005;
  const auto s = plan_thumbnail_sprites(p);
  ASSERT_EQ(s.count, 101);
  const std::string vtt = thumbnails_webvtt(s, p.duration_seconds);
  EXPECT_TRUE(
      vtt.starts_with("WEBVTT\n\n00:00:00.000 --> 00:00:10.000\n"
                      "thumbs_001.jpg#xywh=0,0,160,90\n\n"
                      "00:00:10.000 --> 00:00:20.000\nthumbs_001.jpg#xywh=160,0,160,90\n"));
  EXPECT_NE(vtt.find("00:01:40.000 --> 00:01:50.000\nthumbs_001.jpg#xywh=0,90,160,90\n"),
            std::string::npos);
  EXPECT_NE(vtt.find("00:16:30.000 --> 00:16:40.000\nthumbs_001.jpg#xywh=1440,810,160,90\n"),
            std::string::npos);
  EXPECT_TRUE(vtt.ends_with("\n00:16:40.000 --> 00:16:45.000\nthumbs_002.jpg#xywh=0,0,160,90\n"));
}

// ---- checking the output ----

// What ffmpeg 5.1 wrote for a 854x480 source with these arguments (captured).
constexpr std::string_view kMaster =
    "#EXTM3U\n#EXT-X-VERSION:6\n"
    "#EXT-X-STREAM-INF:BANDWIDTH=1680800,RESOLUTION=854x480,CODECS=\"avc1.4d401e,mp4a.40.2\"\n"
    "480p/index.m3u8\n\n"
    "#EXT-X-STREAM-INF:BANDWIDTH=1020800,RESOLUTION=640x360,CODECS=\"avc1.4d401e,mp4a.40.2\"\n"
    "360p/index.m3u8\n\n";

constexpr std::string_view kMedia =
    "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n"
    "#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n"
    "#EXTINF:4.000000,\nseg_00000.ts\n#EXTINF:4.000000,\nseg_00001.ts\n#EXT-X-ENDLIST\n";

TEST(ParseMasterPlaylist, ReadsEachVariant) {
  const auto v = parse_master_playlist(kMaster);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].uri, "480p/index.m3u8");
  EXPECT_EQ(v[0].bandwidth, 1680800);
  EXPECT_EQ(v[0].resolution, "854x480");
  EXPECT_EQ(v[0].codecs, "avc1.4d401e,mp4a.40.2");
  EXPECT_EQ(v[1].uri, "360p/index.m3u8");
  EXPECT_EQ(v[1].codecs, "avc1.4d401e,mp4a.40.2");
}

TEST(ParseMasterPlaylist, AttributesInAnyOrderAndCrlf) {
  const auto v = parse_master_playlist(
      "#EXTM3U\r\n#EXT-X-STREAM-INF:CODECS=\"avc1.4d401e\",RESOLUTION=640x360,"
      "AVERAGE-BANDWIDTH=700000,BANDWIDTH=900000\r\nlow/index.m3u8\r\n");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].bandwidth, 900000);
  EXPECT_EQ(v[0].resolution, "640x360");
  EXPECT_EQ(v[0].codecs, "avc1.4d401e");
  EXPECT_EQ(v[0].uri, "low/index.m3u8");
}

class CheckHlsOutput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sn_hls_check_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    write("master.m3u8", kMaster);
    for (const char* name : {"480p", "360p"}) {
      write(std::string(name) + "/index.m3u8", kMedia);
      write(std::string(name) + "/seg_00000.ts", "ts");
      write(std::string(name) + "/seg_00001.ts", "ts");
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& relative, std::string_view text) {
    const auto path = dir_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }

  std::vector<std::string> problems() {
    return check_hls_output(dir_, choose_renditions(854, 480)).problems;
  }

  std::filesystem::path dir_;
};

TEST_F(CheckHlsOutput, AllPresent) {
  EXPECT_EQ(problems(), std::vector<std::string>{});
}

TEST_F(CheckHlsOutput, MissingMaster) {
  std::filesystem::remove(dir_ / "master.m3u8");
  EXPECT_EQ(problems(), std::vector<std::string>{"master.m3u8 is missing"});
}

TEST_F(CheckHlsOutput, MissingEndlist) {
  std::string unfinished(kMedia);
  unfinished.erase(unfinished.find("#EXT-X-ENDLIST"));
  write("360p/index.m3u8", unfinished);
  EXPECT_EQ(problems(),
            std::vector<std::string>{"360p/index.m3u8 does not end with #EXT-X-ENDLIST"});
}

TEST_F(CheckHlsOutput, MissingOrEmptySegment) {
  std::filesystem::remove(dir_ / "480p/seg_00001.ts");
  write("360p/seg_00000.ts", "");
  EXPECT_EQ(problems(), (std::vector<std::string>{"480p/seg_00001.ts is missing or empty",
                                                  "360p/seg_00000.ts is missing or empty"}));
}

// Fragmented MP4: the init section a media playlist names must be there, and is no segment.
TEST_F(CheckHlsOutput, FragmentedMp4NeedsItsInitSection) {
  const std::string media =
      "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n"
      "#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init_0.mp4\"\n"
      "#EXTINF:4.000000,\nseg_00000.m4s\n#EXT-X-ENDLIST\n";
  write("480p/index.m3u8", media);
  write("480p/seg_00000.m4s", "moof");
  EXPECT_EQ(problems(), std::vector<std::string>{"480p/init_0.mp4 is missing or empty"});
  write("480p/init_0.mp4", "moov");
  EXPECT_EQ(problems(), std::vector<std::string>{});
  write("480p/index.m3u8",
        "#EXTM3U\n#EXT-X-MAP:URI=\"init_0.mp4\"\n#EXT-X-ENDLIST\n");  // an init, no segment
  EXPECT_EQ(problems(), std::vector<std::string>{"480p/index.m3u8 lists no segments"});
}

TEST_F(CheckHlsOutput, MissingCodecsResolutionAndBandwidth) {
  write("master.m3u8",
        "#EXTM3U\n#EXT-X-STREAM-INF:RESOLUTION=854x480\n480p/index.m3u8\n"
        "#EXT-X-STREAM-INF:BANDWIDTH=1020800,RESOLUTION=640x352,CODECS=\"avc1.4d401e\"\n"
        "360p/index.m3u8\n");
  EXPECT_EQ(problems(),
            (std::vector<std::string>{
                "master.m3u8 has no BANDWIDTH for 480p/index.m3u8",
                "master.m3u8 has no H.264 CODECS for 480p/index.m3u8",
                "master.m3u8 gives 360p/index.m3u8 RESOLUTION '640x352', expected 640x360"}));
}

TEST_F(CheckHlsOutput, MissingRendition) {
  write("master.m3u8",
        "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=854x480,CODECS=\"avc1.64001e\"\n"
        "480p/index.m3u8\n");
  std::filesystem::remove_all(dir_ / "360p");
  EXPECT_EQ(problems(), (std::vector<std::string>{"master.m3u8 lists 1 variants, expected 2",
                                                  "master.m3u8 does not list 360p/index.m3u8",
                                                  "360p/index.m3u8 is missing"}));
}

}  // namespace
}  // namespace sn::media
