// Streaming a ready video's files over real HTTP: signed, expiring links; ETags and 304; byte
// ranges (206, multipart, 416, If-Range); HEAD; large bodies written with sendfile on a keep-alive
// connection that then carries the next request.

#include <gtest/gtest.h>

#include <fstream>

#include "core/hash.hpp"
#include "media/url_signer.hpp"
#include "server_fixture.hpp"

namespace sn::test {
namespace {

const std::string kSecret(40, 'm');
const std::string kVideo = "6f1c2d3e-4a5b-4c6d-8e9f-a0b1c2d3e4f5";

class MediaStreaming : public ServerFixture {
 protected:
  static void SetUpTestSuite() {
    storage_ = new fs::path(make_temp_dir("sn-media-store"));
    start_server(
        {{"SKILLNEXUS_SECRET_KEY", kSecret}, {"SKILLNEXUS_STORAGE_DIR", storage_->string()}});
    // What a finished transcode leaves in the videos bucket, written where the local store keeps
    // it.
    put("master.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000\n360p/index.m3u8\n");
    put("360p/index.m3u8", "#EXTM3U\n#EXTINF:4.0,\nseg_00000.ts\n#EXT-X-ENDLIST\n");
    std::string segment(6 * 1024 * 1024 + 123, '\0');
    for (std::size_t i = 0; i < segment.size(); ++i)
      segment[i] = static_cast<char>((i * 131) >> 3);
    put("360p/seg_00000.ts", segment);
    segment_ = new std::string(std::move(segment));
  }
  static void TearDownTestSuite() {
    ServerFixture::TearDownTestSuite();
    fs::remove_all(*storage_);
    delete storage_;
    delete segment_;
  }

  static void put(const std::string& name, const std::string& bytes) {
    const auto path = *storage_ / "videos" / kVideo / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
  }

  static std::string prefix(std::chrono::seconds from_now = 3600s) {
    media::HmacUrlSigner signer(kSecret, "");
    return signer.signed_prefix(kVideo, std::chrono::system_clock::now() + from_now);
  }

  static inline fs::path* storage_ = nullptr;
  static inline std::string* segment_ = nullptr;
};

TEST_F(MediaStreaming, PlaylistsAndSegmentsWithTheirTypesAndCacheHeaders) {
  auto master = http_get(port(), prefix() + "master.m3u8");
  ASSERT_EQ(master.status, 200) << master.body;
  EXPECT_EQ(master.header("content-type"), "application/vnd.apple.mpegurl");
  EXPECT_TRUE(master.body.starts_with("#EXTM3U"));
  EXPECT_EQ(master.header("accept-ranges"), "bytes");
  EXPECT_EQ(master.header("access-control-allow-origin"), "*");
  EXPECT_TRUE(master.header("cache-control").starts_with("public, max-age="))
      << master.header("cache-control");
  EXPECT_FALSE(master.header("etag").empty());
  EXPECT_FALSE(master.header("last-modified").empty());

  // One keep-alive connection: the large body goes out with sendfile, then the next request.
  HttpConnection connection(port());
  auto segment = connection.request("GET", prefix() + "360p/seg_00000.ts");
  ASSERT_EQ(segment.status, 200);
  EXPECT_EQ(segment.header("content-type"), "video/mp2t");
  EXPECT_EQ(segment.body.size(), segment_->size());
  EXPECT_EQ(sha256_hex(segment.body), sha256_hex(*segment_));
  // The access log counts the streamed body's bytes.
  const auto logged = server().wait_for_log("request", 10s, "360p/seg_00000.ts");
  EXPECT_EQ(logged.at("bytes").to_number<std::uint64_t>(), segment_->size());
  auto playlist = connection.request("GET", prefix() + "360p/index.m3u8");
  EXPECT_EQ(playlist.status, 200);
  EXPECT_TRUE(playlist.body.ends_with("#EXT-X-ENDLIST\n"));

  auto head = connection.request("HEAD", prefix() + "360p/seg_00000.ts");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), std::to_string(segment_->size()));
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(connection.request("GET", "/healthz").status, 200);
}

TEST_F(MediaStreaming, ViewersWhoHangUpMidSegmentDoNotHurtTheServer) {
  const auto url = prefix() + "360p/seg_00000.ts";
  for (int i = 0; i < 5; ++i) {
    HttpConnection conn(port());
    conn.send_raw("GET " + url + " HTTP/1.1\r\nHost: x\r\n\r\n");
    // Gone before the 6 MB body is through: the server's sendfile meets a closed socket.
  }
  std::this_thread::sleep_for(200ms);
  auto whole = http_get(port(), url);
  EXPECT_EQ(whole.status, 200);
  EXPECT_EQ(whole.body.size(), segment_->size());
}

TEST_F(MediaStreaming, ConditionalRequestsAndRanges) {
  const auto url = prefix() + "360p/seg_00000.ts";
  const auto etag = http_get(port(), url, {{"Range", "bytes=0-0"}}).header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(http_get(port(), url, {{"If-None-Match", etag}}).status, 304);

  auto first = http_get(port(), url, {{"Range", "bytes=100-199"}});
  EXPECT_EQ(first.status, 206);
  EXPECT_EQ(first.header("content-range"), "bytes 100-199/" + std::to_string(segment_->size()));
  EXPECT_EQ(first.body, segment_->substr(100, 100));

  auto suffix = http_get(port(), url, {{"Range", "bytes=-50"}});
  EXPECT_EQ(suffix.status, 206);
  EXPECT_EQ(suffix.body, segment_->substr(segment_->size() - 50));

  auto open_ended = http_get(port(), url, {{"Range", "bytes=6291000-"}});
  EXPECT_EQ(open_ended.status, 206);
  EXPECT_EQ(open_ended.body, segment_->substr(6291000));

  auto several = http_get(port(), url, {{"Range", "bytes=0-9, 5-14, 1000-1009"}});
  EXPECT_EQ(several.status, 206);
  const auto type = several.header("content-type");
  ASSERT_TRUE(type.starts_with("multipart/byteranges; boundary=")) << type;
  const auto boundary = type.substr(type.find('=') + 1);
  EXPECT_EQ(several.header("content-length"), std::to_string(several.body.size()));
  EXPECT_NE(several.body.find("Content-Range: bytes 0-14/"), std::string::npos);  // coalesced
  EXPECT_NE(several.body.find("\r\n\r\n" + segment_->substr(0, 15) + "\r\n--" + boundary),
            std::string::npos);
  EXPECT_NE(several.body.find("\r\n\r\n" + segment_->substr(1000, 10) + "\r\n--" + boundary + "--"),
            std::string::npos);

  auto past_end = http_get(port(), url, {{"Range", "bytes=99999999-"}});
  EXPECT_EQ(past_end.status, 416);
  EXPECT_EQ(past_end.header("content-range"), "bytes */" + std::to_string(segment_->size()));
  EXPECT_EQ(past_end.header("content-type"), "application/problem+json");
  EXPECT_EQ(past_end.json().at("code").as_string(), "range_not_satisfiable");

  // If-Range with another entity tag: the whole, current representation.
  auto changed = http_get(port(), url, {{"Range", "bytes=0-9"}, {"If-Range", "\"other\""}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.body.size(), segment_->size());
  auto same = http_get(port(), url, {{"Range", "bytes=0-9"}, {"If-Range", etag}});
  EXPECT_EQ(same.status, 206);
  // Malformed ranges are ignored, as RFC 9110 says.
  EXPECT_EQ(http_get(port(), url, {{"Range", "bytes=9-2"}}).status, 200);
}

TEST_F(MediaStreaming, LinksThatWereNotIssuedOrHaveExpiredAreRefused) {
  const auto good = prefix();
  auto tampered = good;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  auto refused = http_get(port(), tampered + "master.m3u8");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json().at("code").as_string(), "media_link_invalid");

  auto expired = http_get(port(), prefix(-10s) + "master.m3u8");
  EXPECT_EQ(expired.status, 403);
  EXPECT_EQ(expired.json().at("code").as_string(), "media_link_expired");

  // Another video's id under this signature.
  auto other = good;
  other.replace(other.find(kVideo), kVideo.size(), "6f1c2d3e-4a5b-4c6d-8e9f-a0b1c2d3e4f6");
  EXPECT_EQ(http_get(port(), other + "master.m3u8").status, 403);

  EXPECT_EQ(http_get(port(), good + "missing.m3u8").status, 404);
  EXPECT_EQ(http_get(port(), good + "360p/seg_99999.ts").status, 404);
  EXPECT_EQ(http_get(port(), good + "..%2f..%2fsecret_key.ts").status, 404);
  EXPECT_EQ(http_get(port(), good + "360p/index.exe").status, 404);
  // The server keeps serving.
  EXPECT_EQ(http_get(port(), good + "master.m3u8").status, 200);
}

}  // namespace
}  // namespace sn::test
