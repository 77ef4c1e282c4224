// Uploads over tus 1.0 against the real server: discovery, limits and quota before any byte is
// stored, offsets (409), a cut connection resumed, checksums (460), rejected content that never
// becomes visible, and an accepted video transcoded by the worker into a ladder that streams.

#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/json/serialize.hpp>
#include <fstream>

#include "core/hash.hpp"
#include "s3rver.hpp"
#include "server_fixture.hpp"

namespace sn::test {
namespace {

std::string b64(std::string_view text) {
  std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                    text.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// A short clip made on the spot with ffmpeg's test sources.
std::string make_clip(const fs::path& dir, const std::string& size, int seconds) {
  const auto path = dir / ("clip-" + size + ".mp4");
  const std::string command =
      "/usr/bin/ffmpeg -nostdin -loglevel error -y -f lavfi -i testsrc2=size=" + size +
      ":rate=25:duration=" + std::to_string(seconds) +
      " -f lavfi -i sine=duration=" + std::to_string(seconds) +
      " -c:v libx264 -preset ultrafast -c:a aac -shortest " + path.string();
  EXPECT_EQ(std::system(command.c_str()), 0);
  return read_file(path);
}

class MediaUploads : public ServerFixture {
 protected:
  static void SetUpTestSuite() { start({}); }
  // The server with the suite's limits and `more` settings, a clip and an instructor.
  static void start(const std::map<std::string, std::string>& more) {
    std::map<std::string, std::string> env{
        {"SKILLNEXUS_UPLOAD_MAX_MB", "video=3,image=1,attachment=1,caption=1"},
        {"SKILLNEXUS_UPLOAD_QUOTA_MB", "6"}};
    env.insert(more.begin(), more.end());
    start_server(env);
    scratch_ = new fs::path(make_temp_dir("sn-media-uploads"));
    clip_ = new std::string(make_clip(*scratch_, "426x240", 3));
    instructor_ =
        new std::string(create_user("uploader@example.com", "instructor", "pass phrase 1"));
  }
  static void TearDownTestSuite() {
    ServerFixture::TearDownTestSuite();
    fs::remove_all(*scratch_);
    delete scratch_;
    delete clip_;
    delete instructor_;
  }

  std::map<std::string, std::string> tus(std::map<std::string, std::string> more = {}) {
    more["Cookie"] = cookie_;
    more["Origin"] = origin();
    more["Tus-Resumable"] = "1.0.0";
    return more;
  }

  // POST /api/v1/uploads; the upload's path.
  std::string create(const std::string& kind, const std::string& name, std::size_t length) {
    HttpConnection conn(port());
    auto res =
        conn.request("POST", "/api/v1/uploads",
                     tus({{"Upload-Length", std::to_string(length)},
                          {"Upload-Metadata", "filename " + b64(name) + ",kind " + b64(kind)}}));
    EXPECT_EQ(res.status, 201) << res.body;
    EXPECT_EQ(res.header("tus-resumable"), "1.0.0");
    return res.header("location");
  }

  HttpResponse patch(const std::string& path, std::size_t offset, std::string_view bytes,
                     std::map<std::string, std::string> more = {}) {
    more["Upload-Offset"] = std::to_string(offset);
    more["Content-Type"] = "application/offset+octet-stream";
    HttpConnection conn(port());
    return conn.request("PATCH", path, tus(more), std::string(bytes));
  }

  std::size_t offset_of(const std::string& path) {
    HttpConnection conn(port());
    auto res = conn.request("HEAD", path, tus());
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.header("cache-control"), "no-store");
    return std::stoull(res.header("upload-offset"));
  }

  // Uploads in one PATCH; the final answer.
  HttpResponse upload(const std::string& kind, const std::string& name, const std::string& bytes) {
    const auto path = create(kind, name, bytes.size());
    return patch(path, 0, bytes);
  }

  boost::json::object media(const std::string& id) {
    HttpConnection conn(port());
    auto res = conn.request("GET", "/api/v1/media/" + id, {{"Cookie", cookie_}});
    EXPECT_EQ(res.status, 200) << res.body;
    return res.json().as_object();
  }

  std::string cookie_ = session_cookie(*instructor_);
  static inline fs::path* scratch_ = nullptr;
  static inline std::string* clip_ = nullptr;
  static inline std::string* instructor_ = nullptr;
};

TEST_F(MediaUploads, DiscoveryAndWhatIsRefusedBeforeAnyByteIsStored) {
  HttpConnection conn(port());
  auto options = conn.request("OPTIONS", "/api/v1/uploads", {{"Cookie", cookie_}});
  EXPECT_EQ(options.status, 204);
  EXPECT_EQ(options.header("tus-version"), "1.0.0");
  EXPECT_EQ(options.header("tus-extension"), "creation,termination,checksum");
  EXPECT_EQ(options.header("tus-max-size"), std::to_string(3 * 1024 * 1024));

  const auto metadata = "filename " + b64("a.mp4") + ",kind " + b64("video");
  auto no_version = conn.request("POST", "/api/v1/uploads",
                                 {{"Cookie", cookie_},
                                  {"Origin", origin()},
                                  {"Upload-Length", "10"},
                                  {"Upload-Metadata", metadata}});
  EXPECT_EQ(no_version.status, 412);
  EXPECT_EQ(no_version.header("tus-version"), "1.0.0");

  auto bad_kind =
      conn.request("POST", "/api/v1/uploads",
                   tus({{"Upload-Length", "10"},
                        {"Upload-Metadata", "filename " + b64("a") + ",kind " + b64("exe")}}));
  EXPECT_EQ(bad_kind.status, 422);
  EXPECT_EQ(bad_kind.json().at("code").as_string(), "validation_failed");

  auto too_big = conn.request(
      "POST", "/api/v1/uploads",
      tus({{"Upload-Length", std::to_string(4 * 1024 * 1024)}, {"Upload-Metadata", metadata}}));
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(too_big.json().at("code").as_string(), "payload_too_large");

  // The quota (6 MiB) counts what is stored and what is still arriving.
  const auto first = create("video", "one.mp4", 3 * 1024 * 1024);
  const auto second = create("video", "two.mp4", 3 * 1024 * 1024);
  auto over = conn.request("POST", "/api/v1/uploads",
                           tus({{"Upload-Length", "1024"}, {"Upload-Metadata", metadata}}));
  EXPECT_EQ(over.status, 413);
  EXPECT_EQ(over.json().at("code").as_string(), "quota_exceeded");
  // Terminating an upload gives its share back.
  EXPECT_EQ(conn.request("DELETE", first, tus()).status, 204);
  EXPECT_EQ(conn.request("DELETE", second, tus()).status, 204);
  EXPECT_EQ(conn.request("HEAD", first, tus()).status, 404);

  // Learners do not upload.
  const auto learner =
      session_cookie(create_user("no-uploads@example.com", "learner", "pass phrase 1"));
  auto refused = conn.request("POST", "/api/v1/uploads",
                              {{"Cookie", learner},
                               {"Origin", origin()},
                               {"Tus-Resumable", "1.0.0"},
                               {"Upload-Length", "10"},
                               {"Upload-Metadata", metadata}});
  EXPECT_EQ(refused.status, 403);
}

TEST_F(MediaUploads, AVideoResumesAfterACutConnectionAndBecomesAStreamableLadder) {
  const auto& clip = *clip_;
  const auto path = create("video", "Lesson 1.mp4", clip.size());
  const std::size_t third = clip.size() / 3;

  auto first = patch(path, 0, std::string_view(clip).substr(0, third));
  ASSERT_EQ(first.status, 204) << first.body;
  EXPECT_EQ(first.header("upload-offset"), std::to_string(third));

  auto wrong_offset = patch(path, 0, "xyz");
  EXPECT_EQ(wrong_offset.status, 409);
  EXPECT_EQ(wrong_offset.header("upload-offset"), std::to_string(third));

  // The second third's request is cut half-way: what arrived is kept.
  {
    HttpConnection conn(port());
    std::string head =
        "PATCH " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie_ + "\r\nOrigin: " + origin() +
        "\r\nTus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream"
        "\r\nUpload-Offset: " +
        std::to_string(third) + "\r\nContent-Length: " + std::to_string(third) + "\r\n\r\n";
    conn.send_raw(head + clip.substr(third, third / 2));
    std::this_thread::sleep_for(300ms);
  }
  std::size_t resumed_at = 0;
  EXPECT_TRUE(eventually([&] {
    resumed_at = offset_of(path);
    return resumed_at == third + third / 2;
  })) << resumed_at;

  // A chunk whose checksum does not match is discarded.
  const auto rest = clip.substr(resumed_at);
  // The cut request may still hold the upload for a moment: 423 until it lets go.
  HttpResponse bad;
  ASSERT_TRUE(eventually([&] {
    bad =
        patch(path, resumed_at, rest, {{"Upload-Checksum", "sha1 " + b64("not the digest!!!!!!")}});
    return bad.status != 423;
  }));
  EXPECT_EQ(bad.status, 460);
  EXPECT_EQ(bad.json().at("code").as_string(), "checksum_mismatch");
  EXPECT_EQ(offset_of(path), resumed_at);

  Digest sha1("sha1");
  sha1.update(rest);
  auto last = patch(path, resumed_at, rest, {{"Upload-Checksum", "sha1 " + b64(sha1.finish())}});
  ASSERT_EQ(last.status, 204) << last.body << joined(server().output());
  const auto media_id = last.header("upload-media-id");
  ASSERT_FALSE(media_id.empty());

  auto item = media(media_id);
  EXPECT_EQ(item.at("kind").as_string(), "video");
  EXPECT_EQ(item.at("file_name").as_string(), "Lesson 1.mp4");
  EXPECT_EQ(item.at("sha256").as_string(), sha256_hex(clip));
  EXPECT_EQ(item.at("size_bytes").as_int64(), static_cast<std::int64_t>(clip.size()));

  // The worker transcodes it.
  ASSERT_TRUE(
      eventually([&] { return media(media_id).at("status").as_string() != "processing"; }, 120s));
  item = media(media_id);
  ASSERT_EQ(item.at("status").as_string(), "ready") << boost::json::serialize(item);
  EXPECT_EQ(item.at("height").as_int64(), 240);
  EXPECT_NEAR(static_cast<double>(item.at("duration_ms").as_int64()), 3000, 200);
  const auto& playback = item.at("playback").as_object();
  auto master = http_get(port(), std::string(playback.at("master_url").as_string()));
  ASSERT_EQ(master.status, 200);
  EXPECT_NE(master.body.find("#EXT-X-STREAM-INF"), std::string::npos) << master.body;
  const auto base = std::string(playback.at("master_url").as_string());
  const auto prefix = base.substr(0, base.size() - std::string("master.m3u8").size());
  auto variant = http_get(port(), prefix + "240p/index.m3u8");
  ASSERT_EQ(variant.status, 200) << master.body;
  EXPECT_NE(variant.body.find("#EXT-X-ENDLIST"), std::string::npos);
  // Fragmented MP4: the init section the playlist names, then segments.
  EXPECT_NE(variant.body.find("#EXT-X-MAP:URI=\"init"), std::string::npos) << variant.body;
  auto segment = http_get(port(), prefix + "240p/seg_00000.m4s");
  EXPECT_EQ(segment.status, 200);
  EXPECT_EQ(segment.header("content-type"), "video/iso.segment");
  EXPECT_GT(segment.body.size(), 1000u);
  EXPECT_EQ(http_get(port(), std::string(playback.at("poster_url").as_string())).status, 200);

  // The upload's bytes are gone from staging; a finished upload takes no more bytes.
  EXPECT_EQ(patch(path, clip.size(), "x").status, 409);

  // Captions: validated, then a subtitle rendition of the master playlist.
  HttpConnection conn(port());
  auto bad_vtt =
      conn.request("PUT", "/api/v1/media/" + media_id + "/captions/en",
                   {{"Cookie", cookie_}, {"Origin", origin()}, {"Content-Type", "text/vtt"}},
                   "WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nbackwards\n");
  EXPECT_EQ(bad_vtt.status, 422);
  EXPECT_NE(bad_vtt.json().at("detail").as_string().find("line 3"), std::string::npos)
      << bad_vtt.body;
  auto captions =
      conn.request("PUT", "/api/v1/media/" + media_id + "/captions/en?label=English",
                   {{"Cookie", cookie_}, {"Origin", origin()}, {"Content-Type", "text/vtt"}},
                   "WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nHello\n");
  ASSERT_EQ(captions.status, 200) << captions.body;
  master = http_get(port(), base);
  EXPECT_NE(master.body.find("TYPE=SUBTITLES"), std::string::npos) << master.body;
  auto vtt = http_get(port(), prefix + "captions/en.vtt");
  EXPECT_EQ(vtt.status, 200);
  EXPECT_NE(vtt.body.find("X-TIMESTAMP-MAP=MPEGTS:"), std::string::npos);
  EXPECT_EQ(http_get(port(), prefix + "captions/en.m3u8").status, 200);
}

TEST_F(MediaUploads, ContentDecidesNotTheNameAndRejectedFilesNeverAppear) {
  auto before = http_get(port(), "/api/v1/media?limit=200", {{"Cookie", cookie_}});
  const auto count = before.json().at("items").as_array().size();

  // A text file named like a video.
  auto text = upload("video", "movie.mp4", std::string(2000, 'a'));
  EXPECT_EQ(text.status, 422);
  EXPECT_EQ(text.json().at("code").as_string(), "upload_rejected");
  EXPECT_NE(text.json().at("detail").as_string().find("not a video"), std::string::npos)
      << text.body;

  // A truncated video: the container is there, the video is not.
  auto truncated = upload("video", "cut.mp4", clip_->substr(0, clip_->size() / 4));
  EXPECT_EQ(truncated.status, 422) << truncated.body;

  // A video offered as an image.
  auto mislabelled = upload("image", "photo.png", *clip_);
  EXPECT_EQ(mislabelled.status, 422);
  EXPECT_NE(mislabelled.json().at("detail").as_string().find("video/mp4"), std::string::npos)
      << mislabelled.body;

  auto after = http_get(port(), "/api/v1/media?limit=200", {{"Cookie", cookie_}});
  EXPECT_EQ(after.json().at("items").as_array().size(), count);

  // An HTML page as an attachment is stored, but never served as HTML.
  auto page =
      upload("attachment", "notes.html", "<!DOCTYPE html><html><script>alert(1)</script></html>");
  ASSERT_EQ(page.status, 204) << page.body;
  auto item = media(page.header("upload-media-id"));
  EXPECT_EQ(item.at("status").as_string(), "ready");
  EXPECT_EQ(item.at("content_type").as_string(), "application/octet-stream");
}

// The same server on the S3 backend (s3rver on loopback): the upload, the transcoder's input and
// output, and streaming all go through S3, and nothing lands in the local store.
class MediaUploadsOnS3 : public MediaUploads {
 protected:
  static void SetUpTestSuite() {
    s3_ = new S3rver(5000ms, {"sn-videos", "sn-assets", "sn-uploads"});
    start({{"SKILLNEXUS_STORAGE", "s3"},
           {"SKILLNEXUS_S3_ENDPOINT", "http://127.0.0.1:" + std::to_string(s3_->port())},
           {"SKILLNEXUS_S3_REGION", "us-east-1"},
           {"SKILLNEXUS_S3_ACCESS_KEY_ID", "S3RVER"},
           {"SKILLNEXUS_S3_SECRET_ACCESS_KEY", "S3RVER"},
           {"SKILLNEXUS_S3_BUCKETS", "videos=sn-videos,assets=sn-assets,uploads=sn-uploads"}});
  }
  static void TearDownTestSuite() {
    MediaUploads::TearDownTestSuite();
    delete s3_;
  }
  static inline S3rver* s3_ = nullptr;
};

TEST_F(MediaUploadsOnS3, AVideoIsStoredTranscodedAndStreamedThroughS3) {
  auto last = upload("video", "s3.mp4", *clip_);
  ASSERT_EQ(last.status, 204) << last.body;
  const auto media_id = last.header("upload-media-id");
  ASSERT_TRUE(
      eventually([&] { return media(media_id).at("status").as_string() != "processing"; }, 120s));
  auto item = media(media_id);
  ASSERT_EQ(item.at("status").as_string(), "ready") << boost::json::serialize(item);
  const auto master_url = std::string(item.at("playback").at("master_url").as_string());
  const auto prefix = master_url.substr(0, master_url.size() - std::string("master.m3u8").size());
  EXPECT_EQ(http_get(port(), master_url).status, 200);
  auto segment = http_get(port(), prefix + "240p/seg_00000.m4s");
  ASSERT_EQ(segment.status, 200);
  auto part = http_get(port(), prefix + "240p/seg_00000.m4s", {{"Range", "bytes=100-299"}});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, segment.body.substr(100, 200));
  // The bytes came from S3: the ladder is in the videos bucket, the local store holds none.
  bool in_bucket = false;
  for (const auto& request : s3_->requests()) {
    in_bucket |= request.starts_with("PUT /sn-videos/" + media_id + "/240p/seg_00000.m4s");
  }
  EXPECT_TRUE(in_bucket);
  EXPECT_FALSE(fs::exists(server().data_dir() / "objects" / "videos" / media_id));
}

}  // namespace
}  // namespace sn::test
