#include "media/playlists.hpp"

#include <gtest/gtest.h>

namespace sn::media {
namespace {

const std::vector<VariantEntry> kVariants = {
    {"720p/index.m3u8", 3000000, "1280x720", "avc1.64001f,mp4a.40.2"},
    {"360p/index.m3u8", 900000, "640x360", "avc1.4d401e,mp4a.40.2"}};

TEST(MasterPlaylist, ListsVariantsAndReadsBackTheSame) {
  const auto text = master_playlist(kVariants, {});
  EXPECT_TRUE(text.starts_with("#EXTM3U\n"));
  EXPECT_EQ(text.find("SUBTITLES"), std::string::npos);
  const auto parsed = parse_master_playlist(text);
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0].uri, "720p/index.m3u8");
  EXPECT_EQ(parsed[0].bandwidth, 3000000);
  EXPECT_EQ(parsed[0].resolution, "1280x720");
  EXPECT_EQ(parsed[1].codecs, "avc1.4d401e,mp4a.40.2");
}

TEST(MasterPlaylist, CaptionsBecomeSubtitleRenditions) {
  const auto text = master_playlist(kVariants, {{"en", "English"}, {"pt-BR", "Português"}});
  EXPECT_NE(text.find("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\","
                      "LANGUAGE=\"en\",DEFAULT=YES,AUTOSELECT=YES,URI=\"captions/en.m3u8\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("LANGUAGE=\"pt-BR\",DEFAULT=NO"), std::string::npos);
  EXPECT_NE(text.find("CODECS=\"avc1.64001f,mp4a.40.2\",SUBTITLES=\"subs\"\n720p/index.m3u8"),
            std::string::npos);
}

TEST(MediaFileType, KnownExtensionsOnly) {
  EXPECT_EQ(media_file_type("360p/seg_00001.ts"), "video/mp2t");
  EXPECT_EQ(media_file_type("master.m3u8"), "application/vnd.apple.mpegurl");
  EXPECT_EQ(media_file_type("captions/en.vtt"), "text/vtt; charset=utf-8");
  EXPECT_EQ(media_file_type("poster.jpg"), "image/jpeg");
  EXPECT_EQ(media_file_type("index.exe"), "");
  EXPECT_EQ(media_file_type("noextension"), "");
}

TEST(SubtitlePlaylist, OneSegmentCoveringTheVideo) {
  const auto text = subtitle_playlist("en", 61.5);
  EXPECT_NE(text.find("#EXT-X-TARGETDURATION:62\n"), std::string::npos);
  EXPECT_NE(text.find("#EXTINF:61.5,\nen.vtt\n#EXT-X-ENDLIST\n"), std::string::npos);
}

TEST(HlsWebvtt, PinsCueTimeZeroToTheFirstFrame) {
  const auto text = hls_webvtt("WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n", 126000);
  EXPECT_EQ(text,
            "WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000\n\n00:00.000 --> "
            "00:01.000\nHi\n");
}

}  // namespace
}  // namespace sn::media
