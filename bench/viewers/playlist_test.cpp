#include "playlist.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sn::viewers {
namespace {

TEST(Playlist, ParsesSegmentsAndDurations) {
  const auto p = parse_media_playlist(
      "#EXTM3U\r\n#EXT-X-VERSION:3\r\n#EXT-X-TARGETDURATION:4\r\n#EXT-X-MEDIA-SEQUENCE:0\r\n"
      "#EXT-X-PLAYLIST-TYPE:VOD\r\n#EXTINF:4.000000,\r\nseg_000.ts\r\n"
      "#EXTINF:3.5,title\n# a comment\n\nseg_001.ts?x=1\n#EXT-X-ENDLIST\n");
  ASSERT_EQ(p.segments.size(), 2u);
  EXPECT_EQ(p.segments[0].uri, "seg_000.ts");
  EXPECT_DOUBLE_EQ(p.segments[0].duration, 4.0);
  EXPECT_EQ(p.segments[1].uri, "seg_001.ts?x=1");
  EXPECT_DOUBLE_EQ(p.segments[1].duration, 3.5);
  EXPECT_DOUBLE_EQ(p.target_duration, 4.0);
  EXPECT_TRUE(p.ended);
  EXPECT_DOUBLE_EQ(p.total_duration(), 7.5);
}

TEST(Playlist, IntegerDurationsWithoutComma) {
  const auto p = parse_media_playlist("#EXTM3U\n#EXTINF:4\na.ts\n");
  ASSERT_EQ(p.segments.size(), 1u);
  EXPECT_DOUBLE_EQ(p.segments[0].duration, 4.0);
  EXPECT_FALSE(p.ended);
}

TEST(Playlist, RefusesMasterPlaylists) {
  try {
    parse_media_playlist(
        "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000000,RESOLUTION=640x360\n360p/index.m3u8\n");
    FAIL() << "a master playlist was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("360p/index.m3u8"), std::string::npos);
  }
}

TEST(Playlist, RefusesMalformedOnes) {
  EXPECT_THROW(parse_media_playlist(""), std::runtime_error);
  EXPECT_THROW(parse_media_playlist("<html>"), std::runtime_error);
  EXPECT_THROW(parse_media_playlist("#EXTM3U\n"), std::runtime_error);
  EXPECT_THROW(parse_media_playlist("#EXTM3U\nseg.ts\n"), std::runtime_error);
  EXPECT_THROW(parse_media_playlist("#EXTM3U\n#EXTINF:abc,\nseg.ts\n"), std::runtime_error);
  EXPECT_THROW(parse_media_playlist("#EXTM3U\n#EXTINF:0,\nseg.ts\n"), std::runtime_error);
}

}  // namespace
}  // namespace sn::viewers
