// Uploads over tus 1.0 against the real server: discovery, limits and quota before any byte is
// stored, offsets (409), a cut connection resumed, checksums (460), rejected content that never
// becomes visible, and an accepted video transcoded by the worker into a ladder that streams.

#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/json/serialize.hpp>
#include <fstream>
#include <iostream>
#include <random>

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
    for (const auto& [name, value] : more)
      env[name] = value;
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

  std::map<std::string, std::string> tus(std::map<std::string, std::string> more = {},
                                         std::uint16_t on = 0) {
    more["Cookie"] = cookie_;
    more["Origin"] = "http://127.0.0.1:" + std::to_string(on ? on : port());
    more["Tus-Resumable"] = "1.0.0";
    return more;
  }

  // POST /api/v1/uploads; the upload's path. Requests go to `on` (another instance), or the
  // suite's server.
  std::string create(const std::string& kind, const std::string& name, std::size_t length,
                     std::uint16_t on = 0) {
    HttpConnection conn(on ? on : port());
    auto res =
        conn.request("POST", "/api/v1/uploads",
                     tus({{"Upload-Length", std::to_string(length)},
                          {"Upload-Metadata", "filename " + b64(name) + ",kind " + b64(kind)}},
                         on));
    EXPECT_EQ(res.status, 201) << res.body;
    EXPECT_EQ(res.header("tus-resumable"), "1.0.0");
    return res.header("location");
  }

  HttpResponse patch(const std::string& path, std::size_t offset, std::string_view bytes,
                     std::map<std::string, std::string> more = {}, std::uint16_t on = 0) {
    more["Upload-Offset"] = std::to_string(offset);
    more["Content-Type"] = "application/offset+octet-stream";
    HttpConnection conn(on ? on : port());
    return conn.request("PATCH", path, tus(more, on), std::string(bytes));
  }

  std::size_t offset_of(const std::string& path, std::uint16_t on = 0) {
    HttpConnection conn(on ? on : port());
    auto res = conn.request("HEAD", path, tus({}, on));
    EXPECT_EQ(res.status, 200);
    EXPECT_EQ(res.header("cache-control"), "no-store");
    return std::stoull(res.header("upload-offset"));
  }

  // Uploads in one PATCH; the final answer.
  HttpResponse upload(const std::string& kind, const std::string& name, const std::string& bytes) {
    const auto path = create(kind, name, bytes.size());
    return patch(path, 0, bytes);
  }

  // The head of a PATCH whose body of `length` bytes is sent with send_raw (to cut it short).
  std::string patch_head(const std::string& path, std::size_t offset, std::size_t length) {
    return "PATCH " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie_ +
           "\r\nOrigin: " + origin() +
           "\r\nTus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream"
           "\r\nUpload-Offset: " +
           std::to_string(offset) + "\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n";
  }

  boost::json::object media(const std::string& id) {
    HttpConnection conn(port());
    auto res = conn.request("GET", "/api/v1/media/" + id, {{"Cookie", cookie_}});
    EXPECT_EQ(res.status, 200) << res.body;
    return res.json().as_object();
  }

  // The suite's tests, on either backend.
  void discovery_and_refusals();
  void video_resumes_and_streams();
  void content_decides();

  std::string cookie_ = session_cookie(*instructor_);
  static inline fs::path* scratch_ = nullptr;
  static inline std::string* clip_ = nullptr;
  static inline std::string* instructor_ = nullptr;
};

void MediaUploads::discovery_and_refusals() {
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

void MediaUploads::video_resumes_and_streams() {
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
    conn.send_raw(patch_head(path, third, third) + clip.substr(third, third / 2));
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

void MediaUploads::content_decides() {
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

TEST_F(MediaUploads, DiscoveryAndWhatIsRefusedBeforeAnyByteIsStored) {
  discovery_and_refusals();
}
TEST_F(MediaUploads, AVideoResumesAfterACutConnectionAndBecomesAStreamableLadder) {
  video_resumes_and_streams();
}
TEST_F(MediaUploads, ContentDecidesNotTheNameAndRejectedFilesNeverAppear) {
  content_decides();
}

// Terminating an upload while a PATCH still writes it would pull the bytes from under that
// request: the DELETE is refused like a second PATCH, and works once the writer is done.
// A DELETE sent right after the last chunk meets it at any step (the write, the check, the copy,
// the media item): either the upload becomes a media item and the DELETE is refused, or it is
// terminated and nothing of it stays. Never a media item for an upload reported deleted.
TEST_F(MediaUploads, ADeleteRacingTheLastChunkEndsOneWayOrTheOther) {
  const auto& clip = *clip_;
  int accepted = 0;
  for (int round = 0; round < 4; ++round) {
    const auto path = create("video", "raced.mp4", clip.size());
    const auto id = path.substr(path.rfind('/') + 1);
    ASSERT_EQ(patch(path, 0, std::string_view(clip).substr(0, clip.size() - 1)).status, 204);
    HttpConnection last(port());
    last.send_raw(patch_head(path, clip.size() - 1, 1) + clip.substr(clip.size() - 1));
    // Most rounds: the DELETE once the last byte is written, while the file is checked and stored.
    if (round > 0) {
      const auto staged = server().data_dir() / "objects" / "uploads" / ".partial" / id;
      std::error_code ec;
      EXPECT_TRUE(eventually([&] { return fs::file_size(staged, ec) == clip.size() || ec; }));
    }
    HttpConnection conn(port());
    HttpResponse deleted;
    ASSERT_TRUE(eventually([&] {
      deleted = conn.request("DELETE", path, tus());
      return deleted.status != 423;
    }));
    const auto finished = last.read_response();
    const auto item = conn.request("GET", "/api/v1/media/" + id, {{"Cookie", cookie_}});
    if (finished.status == 204) {
      ++accepted;
      EXPECT_EQ(finished.header("upload-media-id"), id);
      EXPECT_EQ(deleted.status, 409) << deleted.body;
      EXPECT_EQ(item.status, 200);
      EXPECT_EQ(
          conn.request("DELETE", "/api/v1/media/" + id, {{"Cookie", cookie_}, {"Origin", origin()}})
              .status,
          204);
    } else {
      EXPECT_EQ(deleted.status, 204) << deleted.body;
      EXPECT_TRUE(finished.status == 404 || finished.status == 423)
          << finished.status << " " << finished.body;
      EXPECT_EQ(finished.header("content-type"), "application/problem+json");
      EXPECT_EQ(item.status, 404) << item.body;
      EXPECT_FALSE(fs::exists(server().data_dir() / "objects" / "uploads" / id));
      EXPECT_EQ(conn.request("HEAD", path, tus()).status, 404);
    }
  }
  std::cout << "accepted before the DELETE in " << accepted << " of 4 rounds\n";
}

TEST_F(MediaUploads, ADeleteWhileAPatchWritesIsRefusedUntilItEnds) {
  const std::string bytes(512 * 1024, 'x');
  const auto path = create("attachment", "held.bin", bytes.size());
  const auto staged =
      server().data_dir() / "objects" / "uploads" / ".partial" / path.substr(path.rfind('/') + 1);
  const std::size_t chunk = bytes.size() / 2;
  HttpConnection writer(port());
  writer.send_raw(patch_head(path, 0, chunk) + bytes.substr(0, chunk / 2));
  ASSERT_TRUE(eventually([&] { return offset_of(path) == chunk / 2; }));

  HttpConnection conn(port());
  auto refused = conn.request("DELETE", path, tus());
  EXPECT_EQ(refused.status, 423) << refused.body;
  EXPECT_EQ(refused.header("content-type"), "application/problem+json");
  EXPECT_EQ(refused.json().at("code").as_string(), "upload_busy");
  EXPECT_EQ(refused.header("tus-resumable"), "1.0.0");

  writer.send_raw(bytes.substr(chunk / 2, chunk - chunk / 2));
  auto written = writer.read_response();
  ASSERT_EQ(written.status, 204) << written.body;
  EXPECT_EQ(written.header("upload-offset"), std::to_string(chunk));
  EXPECT_EQ(fs::file_size(staged), chunk);

  EXPECT_EQ(conn.request("DELETE", path, tus()).status, 204);
  EXPECT_FALSE(fs::exists(staged));
  EXPECT_EQ(conn.request("HEAD", path, tus()).status, 404);
  EXPECT_EQ(patch(path, chunk, std::string_view(bytes).substr(chunk)).status, 404);
}

// The environment of a server on the S3 backend (s3rver on loopback).
std::map<std::string, std::string> s3_env(const S3rver& s3) {
  return {{"SKILLNEXUS_STORAGE", "s3"},
          {"SKILLNEXUS_S3_ENDPOINT", "http://127.0.0.1:" + std::to_string(s3.port())},
          {"SKILLNEXUS_S3_REGION", "us-east-1"},
          {"SKILLNEXUS_S3_ACCESS_KEY_ID", "S3RVER"},
          {"SKILLNEXUS_S3_SECRET_ACCESS_KEY", "S3RVER"},
          {"SKILLNEXUS_S3_BUCKETS", "videos=sn-videos,assets=sn-assets,uploads=sn-uploads"}};
}

// The same server on the S3 backend: the upload (staged in S3), the transcoder's input and
// output, and streaming all go through S3, and nothing lands in the local store.
class MediaUploadsOnS3 : public MediaUploads {
 protected:
  static void SetUpTestSuite() {
    s3_ = new S3rver(5000ms, {"sn-videos", "sn-assets", "sn-uploads"});
    start(s3_env(*s3_));
  }
  static void TearDownTestSuite() {
    MediaUploads::TearDownTestSuite();
    delete s3_;
  }
  static inline S3rver* s3_ = nullptr;
};

TEST_F(MediaUploadsOnS3, DiscoveryAndWhatIsRefusedBeforeAnyByteIsStored) {
  discovery_and_refusals();
}
TEST_F(MediaUploadsOnS3, AVideoResumesAfterACutConnectionAndBecomesAStreamableLadder) {
  video_resumes_and_streams();
}
TEST_F(MediaUploadsOnS3, ContentDecidesNotTheNameAndRejectedFilesNeverAppear) {
  content_decides();
}

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

// Uploads staged in S3 with real 5 MiB parts, on two instances that share the database and the
// buckets as behind a load balancer: any instance takes an upload's next PATCH.
class UploadsStagedInS3 : public MediaUploads {
 protected:
  static constexpr std::size_t kMiB = 1024 * 1024;

  static void SetUpTestSuite() {
    s3_ = new S3rver(5000ms, {"sn-videos", "sn-assets", "sn-uploads"});
    auto env = s3_env(*s3_);
    env["SKILLNEXUS_S3_PART_MB"] = "5";
    env["SKILLNEXUS_UPLOAD_MAX_MB"] = "video=3,image=1,attachment=40,caption=1";
    env["SKILLNEXUS_UPLOAD_QUOTA_MB"] = "1000";
    // A test keeps a PATCH half-sent while it waits for housekeeping on the other instance.
    env["SKILLNEXUS_READ_TIMEOUT_SECONDS"] = "60";
    start(env);
    env["SKILLNEXUS_DATABASE_URL"] = conninfo();
    env["SKILLNEXUS_SECRET_KEY"] = std::string(40, 'k');
    env["SKILLNEXUS_WORKER"] = "0";
    env["SKILLNEXUS_HOUSEKEEPING_SECONDS"] = "1";
    second_ = new ServerProcess({.env = env});
    second_->start();
    second_->wait_ready();
  }
  static void TearDownTestSuite() {
    delete second_;
    MediaUploads::TearDownTestSuite();
    delete s3_;
  }

  // `size` bytes no two uploads share, which libmagic calls data (an attachment).
  static std::string bytes_of(std::size_t size, unsigned seed) {
    std::mt19937_64 random(seed);
    std::string out(size, '\0');
    for (auto& c : out)
      c = static_cast<char>(random());
    return out;
  }
  static std::string id_of(const std::string& path) { return path.substr(path.rfind('/') + 1); }
  // The upload's staging keys in the uploads bucket.
  static std::vector<std::string> staged(const std::string& id) {
    std::vector<std::string> keys;
    for (const auto& key : s3_->objects("sn-uploads")) {
      if (key.starts_with(id + "/")) keys.push_back(key);
    }
    return keys;
  }
  static std::string recorded(const std::string& id, const std::string& what) {
    return pg().scalar("SELECT " + what + " FROM uploads WHERE id = '" + id + "'");
  }
  static std::string parts_of(const std::string& id) {
    return pg().scalar("SELECT count(*) FROM upload_parts WHERE upload_id = '" + id + "'");
  }
  // The finished upload's media item holds exactly `bytes`, and nothing is left staged.
  void expect_stored(const HttpResponse& last, const std::string& id, const std::string& bytes) {
    ASSERT_EQ(last.status, 204) << last.body << joined(server().output());
    ASSERT_EQ(last.header("upload-media-id"), id);
    EXPECT_TRUE(s3_->object("sn-assets", id + "/original") == bytes);
    auto item = media(id);
    EXPECT_EQ(item.at("sha256").as_string(), sha256_hex(bytes));
    EXPECT_EQ(item.at("size_bytes").as_int64(), static_cast<std::int64_t>(bytes.size()));
    EXPECT_TRUE(staged(id).empty());
    EXPECT_EQ(parts_of(id), "0");
  }

  static std::uint16_t second_port() { return second_->port(); }
  static inline S3rver* s3_ = nullptr;
  static inline ServerProcess* second_ = nullptr;
};

TEST_F(UploadsStagedInS3, ChunksSmallerAndLargerThanAPartMakeTheFileByteForByte) {
  const auto file = bytes_of(13 * kMiB, 1);
  const auto path = create("attachment", "data.bin", file.size());
  const auto id = id_of(path);
  EXPECT_EQ(s3_->multipart_uploads("sn-uploads"), 1u);

  // 1 MiB: a tail only.
  ASSERT_EQ(patch(path, 0, std::string_view(file).substr(0, kMiB)).status, 204);
  EXPECT_EQ(parts_of(id), "0");
  EXPECT_EQ(recorded(id, "tail_size"), std::to_string(kMiB));
  // 6 MiB after it: one part of 5 MiB, a tail of 2.
  ASSERT_EQ(patch(path, kMiB, std::string_view(file).substr(kMiB, 6 * kMiB)).status, 204);
  EXPECT_EQ(parts_of(id), "1");
  EXPECT_EQ(recorded(id, "tail_size"), std::to_string(2 * kMiB));
  EXPECT_EQ(staged(id).size(), 1u);  // the new tail; the old one is gone
  // 3 MiB: exactly a second part, no tail.
  ASSERT_EQ(patch(path, 7 * kMiB, std::string_view(file).substr(7 * kMiB, 3 * kMiB)).status, 204);
  EXPECT_EQ(parts_of(id), "2");
  EXPECT_EQ(recorded(id, "tail_size"), "0");
  EXPECT_TRUE(staged(id).empty());
  EXPECT_EQ(offset_of(path), 10 * kMiB);
  // The last 3 MiB: a tail, sent as the last part when the upload completes.
  auto last = patch(path, 10 * kMiB, std::string_view(file).substr(10 * kMiB));
  expect_stored(last, id, file);
  EXPECT_EQ(s3_->multipart_uploads("sn-uploads"), 0u);
}

// The point of staging in S3: no instance holds an upload, so a load balancer may send each
// request anywhere.
TEST_F(UploadsStagedInS3, PatchesAlternatingBetweenTwoInstancesCompleteTheUpload) {
  const auto file = bytes_of(12 * kMiB + 123, 2);
  const auto path = create("attachment", "shared.bin", file.size(), second_port());
  const auto id = id_of(path);
  const std::size_t chunk = 2 * kMiB + 7;  // parts fill across requests and instances
  HttpResponse last;
  for (std::size_t at = 0, n = 0; at < file.size(); at += chunk, ++n) {
    const auto on = n % 2 == 0 ? port() : second_port();
    const auto other = n % 2 == 0 ? second_port() : port();
    last = patch(path, at, std::string_view(file).substr(at, chunk), {}, on);
    if (at + chunk >= file.size()) break;
    ASSERT_EQ(last.status, 204) << last.body;
    // The other instance knows where it stands.
    EXPECT_EQ(offset_of(path, other), at + chunk);
  }
  expect_stored(last, id, file);
}

TEST_F(UploadsStagedInS3, ACutPatchKeepsWhatArrivedAndResumesOnAnotherInstance) {
  const auto file = bytes_of(9 * kMiB, 3);
  const auto path = create("attachment", "cut.bin", file.size());
  const auto id = id_of(path);
  // 6 MiB of 9 arrive before the connection is cut: a part and a tail of 1 MiB are kept.
  {
    HttpConnection conn(port());
    conn.send_raw(patch_head(path, 0, file.size()) + file.substr(0, 6 * kMiB));
    std::this_thread::sleep_for(500ms);
  }
  std::size_t resumed_at = 0;
  ASSERT_TRUE(eventually([&] { return (resumed_at = offset_of(path, second_port())) > 0; }, 10s));
  EXPECT_EQ(resumed_at, 6 * kMiB);
  EXPECT_EQ(parts_of(id), "1");
  auto last = patch(path, resumed_at, std::string_view(file).substr(resumed_at), {}, second_port());
  expect_stored(last, id, file);
}

TEST_F(UploadsStagedInS3, AChunkWhoseChecksumFailsRecordsNothing) {
  const auto file = bytes_of(11 * kMiB, 4);
  const auto path = create("attachment", "checked.bin", file.size());
  const auto id = id_of(path);
  ASSERT_EQ(patch(path, 0, std::string_view(file).substr(0, 2 * kMiB)).status, 204);
  const auto tail = staged(id);
  ASSERT_EQ(tail.size(), 1u);

  // 6 MiB more would make a part and a new tail: refused, neither is recorded or kept.
  const auto chunk = file.substr(2 * kMiB, 6 * kMiB);
  auto bad =
      patch(path, 2 * kMiB, chunk, {{"Upload-Checksum", "sha1 " + b64("not the digest!!!!!!")}});
  EXPECT_EQ(bad.status, 460);
  EXPECT_EQ(bad.header("content-type"), "application/problem+json");
  EXPECT_EQ(bad.json().at("code").as_string(), "checksum_mismatch");
  EXPECT_EQ(offset_of(path, second_port()), 2 * kMiB);
  EXPECT_EQ(parts_of(id), "0");
  EXPECT_EQ(staged(id), tail);

  // Sent again with its digest: its part takes the same number and replaces the refused one.
  Digest sha1("sha1");
  sha1.update(chunk);
  auto good = patch(path, 2 * kMiB, chunk, {{"Upload-Checksum", "sha1 " + b64(sha1.finish())}},
                    second_port());
  ASSERT_EQ(good.status, 204) << good.body;
  EXPECT_EQ(parts_of(id), "1");
  auto last = patch(path, 8 * kMiB, std::string_view(file).substr(8 * kMiB));
  expect_stored(last, id, file);
}

TEST_F(UploadsStagedInS3, TerminationAndExpiryLeaveNoObjectsAndNoMultipartUpload) {
  const auto before = s3_->multipart_uploads("sn-uploads");
  const auto file = bytes_of(8 * kMiB, 5);
  const auto path = create("attachment", "dropped.bin", file.size());
  const auto id = id_of(path);
  ASSERT_EQ(patch(path, 0, std::string_view(file).substr(0, 6 * kMiB)).status, 204);
  EXPECT_EQ(s3_->multipart_uploads("sn-uploads"), before + 1);
  EXPECT_EQ(staged(id).size(), 1u);
  HttpConnection conn(second_port());
  EXPECT_EQ(conn.request("DELETE", path, tus({}, second_port())).status, 204);
  EXPECT_TRUE(staged(id).empty());
  EXPECT_EQ(s3_->multipart_uploads("sn-uploads"), before);
  EXPECT_EQ(conn.request("HEAD", path, tus({}, second_port())).status, 404);

  // Housekeeping (every second on the second instance) does the same for an abandoned upload.
  const auto abandoned = create("attachment", "abandoned.bin", file.size());
  const auto abandoned_id = id_of(abandoned);
  ASSERT_EQ(patch(abandoned, 0, std::string_view(file).substr(0, 6 * kMiB)).status, 204);
  EXPECT_EQ(s3_->multipart_uploads("sn-uploads"), before + 1);
  pg().scalar("UPDATE uploads SET expires_at = now() - interval '1 second' WHERE id = '" +
              abandoned_id + "' RETURNING 1");
  // The row goes first, then the bytes.
  EXPECT_TRUE(eventually(
      [&] {
        return pg().scalar("SELECT count(*) FROM uploads WHERE id = '" + abandoned_id + "'") ==
                   "0" &&
               staged(abandoned_id).empty() && s3_->multipart_uploads("sn-uploads") == before;
      },
      20s));
  EXPECT_TRUE(staged(abandoned_id).empty());
  EXPECT_EQ(s3_->multipart_uploads("sn-uploads"), before);
}

TEST_F(UploadsStagedInS3, WhileAPatchWritesAnotherInstanceNeitherWritesNorTerminates) {
  const auto file = bytes_of(3 * kMiB, 6);
  const auto path = create("attachment", "busy.bin", file.size());
  // The first request has sent half its body and waits for the rest.
  HttpConnection first(port());
  first.send_raw(patch_head(path, 0, file.size()) + file.substr(0, file.size() / 2));
  ASSERT_TRUE(eventually([&] { return recorded(id_of(path), "writer IS NOT NULL") == "t"; }));
  auto busy = patch(path, 0, file, {}, second_port());
  EXPECT_EQ(busy.status, 423) << busy.body;
  EXPECT_EQ(busy.header("content-type"), "application/problem+json");
  EXPECT_EQ(busy.json().at("code").as_string(), "upload_busy");
  // Nor may another instance terminate the upload under it.
  HttpConnection other(second_port());
  auto no_delete = other.request("DELETE", path, tus({}, second_port()));
  EXPECT_EQ(no_delete.status, 423) << no_delete.body;
  EXPECT_EQ(no_delete.json().at("code").as_string(), "upload_busy");
  // Nor does housekeeping (every second on the second instance) expire it: an upload that expired
  // after it goes, and it stays.
  const auto idle = id_of(create("attachment", "idle.bin", 1024));
  const auto expire = [](const std::string& id, const std::string& when) {
    pg().scalar("UPDATE uploads SET expires_at = " + when + " WHERE id = '" + id + "' RETURNING 1");
  };
  const auto exists = [](const std::string& id) {
    return pg().scalar("SELECT count(*) FROM uploads WHERE id = '" + id + "'") == "1";
  };
  expire(id_of(path), "now() - interval '2 seconds'");
  expire(idle, "now() - interval '1 second'");
  ASSERT_TRUE(eventually([&] { return !exists(idle); }, 20s));
  EXPECT_TRUE(exists(id_of(path)));
  expire(id_of(path), "now() + interval '1 hour'");
  // The first one ends: what it sent is kept, and the upload can be finished.
  first.send_raw(file.substr(file.size() / 2));
  auto done = first.read_response();
  EXPECT_EQ(done.status, 204) << done.body;
  expect_stored(done, id_of(path), file);
}

}  // namespace
}  // namespace sn::test
