#include "url.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sn::viewers {
namespace {

TEST(Url, ParsesHostPortAndPath) {
  const Url url = parse_url("http://127.0.0.1:8080/media/abc/360p/index.m3u8?sig=x#frag");
  EXPECT_EQ(url.host, "127.0.0.1");
  EXPECT_EQ(url.port, "8080");
  EXPECT_EQ(url.path, "/media/abc/360p/index.m3u8?sig=x");
  EXPECT_EQ(url.authority(), "127.0.0.1:8080");
}

TEST(Url, DefaultsAndIpv6) {
  EXPECT_EQ(parse_url("http://example.com").port, "80");
  EXPECT_EQ(parse_url("http://example.com").path, "/");
  EXPECT_EQ(parse_url("http://example.com?x=1").path, "/?x=1");
  const Url v6 = parse_url("http://[::1]:9000/a");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.authority(), "[::1]:9000");
}

TEST(Url, RefusesWhatItCannotServe) {
  EXPECT_THROW(parse_url("https://example.com/a"), std::runtime_error);
  EXPECT_THROW(parse_url("http://:80/a"), std::runtime_error);
  EXPECT_THROW(parse_url("http://host:x/a"), std::runtime_error);
  EXPECT_THROW(parse_url("http://user@host/a"), std::runtime_error);
}

TEST(Url, ResolvesRelativeSegments) {
  const Url base = parse_url("http://h:1/m/t0k3n/360p/index.m3u8?sig=abc");
  EXPECT_EQ(resolve(base, "seg_001.ts").path, "/m/t0k3n/360p/seg_001.ts");
  EXPECT_EQ(resolve(base, "seg_001.ts?sig=def").path, "/m/t0k3n/360p/seg_001.ts?sig=def");
  EXPECT_EQ(resolve(base, "./a/../seg.ts").path, "/m/t0k3n/360p/seg.ts");
  EXPECT_EQ(resolve(base, "../720p/seg.ts").path, "/m/t0k3n/720p/seg.ts");
  EXPECT_EQ(resolve(base, "/other/seg.ts").path, "/other/seg.ts");
  EXPECT_EQ(resolve(base, "http://h:1/abs/seg.ts").path, "/abs/seg.ts");
  EXPECT_EQ(resolve(base, "?q").path, "/m/t0k3n/360p/index.m3u8?q");
  EXPECT_EQ(resolve(parse_url("http://h/index.m3u8"), "seg.ts").path, "/seg.ts");
}

TEST(Url, RefusesSegmentsElsewhere) {
  const Url base = parse_url("http://h:1/360p/index.m3u8");
  EXPECT_THROW(resolve(base, "http://other:1/seg.ts"), std::runtime_error);
  EXPECT_THROW(resolve(base, "http://h:2/seg.ts"), std::runtime_error);
  EXPECT_THROW(resolve(base, "https://h:1/seg.ts"), std::runtime_error);
  EXPECT_THROW(resolve(base, "//h:1/seg.ts"), std::runtime_error);
}

}  // namespace
}  // namespace sn::viewers
