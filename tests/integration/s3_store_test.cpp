// The S3 object store against a real S3-compatible server: s3rver (npm, run on loopback by
// tests/peers/s3rver.mjs), which reports each connection and each request it answers, so that
// the tests can see keep-alive, multipart uploads and their abort on the wire.
//
// s3rver 3.7.1 lacks AbortMultipartUpload (405) and ListMultipartUploads (501): a failed
// multipart put is checked for leaving no object and for sending the abort.

#include "storage/s3_store.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>
#include <boost/system/system_error.hpp>
#include <cstring>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>
#include <variant>

#include "core/hash.hpp"
#include "core/process.hpp"
#include "core/random.hpp"
#include "harness.hpp"
#include "s3rver.hpp"

namespace sn::test {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using storage::Bucket;
using storage::ObjectNotFound;

constexpr std::uint64_t kMiB = 1024 * 1024;
const std::map<Bucket, std::string> kBuckets = {
    {Bucket::videos, "sn-videos"}, {Bucket::assets, "sn-assets"}, {Bucket::uploads, "sn-uploads"}};
// The one account s3rver knows; it checks the key id, not the signature, so any secret passes.
constexpr const char* kSecret = "not-so-secret-S3RVER-key";

std::vector<std::string> bucket_names() {
  std::vector<std::string> names;
  for (const auto& [bucket, name] : kBuckets)
    names.push_back(name);
  return names;
}

// A key and a self-signed certificate for `name`, made with the openssl command.
struct Certificate {
  fs::path key;
  fs::path cert;
  Certificate(const fs::path& dir, const std::string& name)
      : key(dir / "key.pem"), cert(dir / "cert.pem") {
    const int status = process::run(
        {"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.string(), "-out", cert.string(),
         "-days", "2", "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name},
        {});
    if (status != 0) throw std::runtime_error("openssl req failed");
  }
};

// Yields `text` in pieces of at most `piece` bytes; throws once `cut_at` bytes have been given.
storage::ReadSome pieces_of(std::string text, std::size_t piece,
                            std::optional<std::size_t> cut_at = std::nullopt) {
  auto state = std::make_shared<std::pair<std::string, std::size_t>>(std::move(text), 0);
  return [state, piece, cut_at](asio::mutable_buffer into) -> asio::awaitable<std::size_t> {
    auto& [bytes, at] = *state;
    if (cut_at && at >= *cut_at) throw std::runtime_error("connection cut");
    const auto n = std::min({piece, into.size(), bytes.size() - at});
    std::memcpy(into.data(), bytes.data() + at, n);
    at += n;
    co_return n;
  };
}

// Bytes that differ from one offset to the next, so a misplaced range shows.
std::string pattern(std::size_t size, unsigned seed = 1) {
  std::string out(size, '\0');
  std::uint32_t x = seed * 2654435761u + 12345;
  for (auto& c : out) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

bool contains(const std::vector<std::string>& lines, const std::string& prefix) {
  for (const auto& line : lines) {
    if (line.starts_with(prefix)) return true;
  }
  return false;
}

class S3StoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    try {
      // Short, so a test can wait for the server to drop an idle connection (2 s later).
      server_ = new S3rver(1000ms, bucket_names());
    } catch (const std::exception& e) {
      setup_error_ = new std::string(e.what());
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete setup_error_;
    setup_error_ = nullptr;
  }
  void SetUp() override {
    if (setup_error_) GTEST_FAIL() << *setup_error_;
    store_ = std::make_unique<storage::S3Store>(ioc_.get_executor(), settings());
  }

  storage::S3Settings settings() const {
    return {.endpoint = "http://127.0.0.1:" + std::to_string(server_->port()),
            .region = "us-east-1",
            .path_style = true,
            .credentials = {"S3RVER", kSecret, ""},
            .bucket_names = kBuckets,
            .part_size = 5 * kMiB};
  }

  template <typename T>
  T run(asio::awaitable<T> task) {
    auto future = asio::co_spawn(ioc_, std::move(task), asio::use_future);
    ioc_.restart();
    ioc_.run();
    return future.get();
  }

  // All the bytes of a piece that a reader gave, checking that it streams in bounded chunks.
  std::string read_all(const http::StreamedBody::Piece& piece, std::size_t* chunks = nullptr) {
    if (const auto* text = std::get_if<std::string>(&piece)) return *text;
    auto& source = *std::get<std::shared_ptr<http::ChunkSource>>(piece);
    std::string out;
    for (auto chunk = run(source.next()); !chunk.empty(); chunk = run(source.next())) {
      EXPECT_LE(chunk.size(), 64 * 1024u);
      out += chunk;
      if (chunks) ++*chunks;
    }
    return out;
  }

  std::string key(const std::string& name) const { return prefix_ + "/" + name; }

  static S3rver* server_;
  static std::string* setup_error_;
  asio::io_context ioc_;  // before the store: it must outlive the store's connections
  std::unique_ptr<storage::S3Store> store_;
  const std::string prefix_ = random_hex(6);  // this test's keys
};

S3rver* S3StoreTest::server_ = nullptr;
std::string* S3StoreTest::setup_error_ = nullptr;

TEST_F(S3StoreTest, PutThenHeadAndReadRanges) {
  const auto text = pattern(1000);
  const auto info = run(store_->put(Bucket::videos, key("360p/seg_00001.ts"), pieces_of(text, 77),
                                    "video/mp2t", std::nullopt));
  EXPECT_EQ(info.size, text.size());
  EXPECT_EQ(info.sha256, sha256_hex(text));
  EXPECT_EQ(info.content_type, "video/mp2t");
  ASSERT_GE(info.etag.size(), 2u);
  EXPECT_EQ(info.etag.front(), '"');
  EXPECT_EQ(info.etag.back(), '"');

  const auto head = run(store_->head(Bucket::videos, key("360p/seg_00001.ts")));
  ASSERT_TRUE(head);
  EXPECT_EQ(head->size, text.size());
  EXPECT_EQ(head->etag, info.etag);
  EXPECT_EQ(head->sha256, sha256_hex(text));
  EXPECT_EQ(head->content_type, "video/mp2t");
  EXPECT_LE(std::chrono::abs(head->modified - std::chrono::system_clock::now()), 5min);

  const auto reader = run(store_->open(Bucket::videos, key("360p/seg_00001.ts")));
  EXPECT_EQ(reader->info().etag, info.etag);
  EXPECT_EQ(reader->info().size, text.size());
  EXPECT_EQ(read_all(reader->range(100, 250)), text.substr(100, 250));
  EXPECT_EQ(read_all(reader->range(0, 1)), text.substr(0, 1));
  EXPECT_EQ(read_all(reader->range(999, 1)), text.substr(999, 1));
  EXPECT_EQ(read_all(reader->range(0, 1000)), text);
  EXPECT_EQ(read_all(reader->range(100, 250)), text.substr(100, 250));  // again
  EXPECT_EQ(read_all(reader->range(1000, 0)), "");
  EXPECT_THROW(reader->range(990, 11), std::out_of_range);
  EXPECT_THROW(reader->range(1001, 0), std::out_of_range);
  EXPECT_FALSE(store_->local_path(Bucket::videos, key("360p/seg_00001.ts")));
}

TEST_F(S3StoreTest, MultipartPutStreamsPartsAndRangesCrossThem) {
  // Two parts of 5 MiB and a last one of 1 MiB and a bit, from pieces that do not divide them.
  const auto text = pattern(11 * kMiB + 4321, 2);
  const auto before = server_->requests().size();
  const auto info = run(store_->put(Bucket::uploads, key("source"), pieces_of(text, 300'000),
                                    "video/mp4", std::nullopt));
  EXPECT_EQ(info.size, text.size());
  EXPECT_EQ(info.sha256, sha256_hex(text));
  EXPECT_FALSE(info.etag.empty());

  const auto requests = server_->requests_after(before, 6);
  const std::string path = "/sn-uploads/" + key("source");
  ASSERT_EQ(requests.size(), 6u) << ::testing::PrintToString(requests);
  EXPECT_EQ(requests[0], "POST " + path + "?uploads= 200");
  for (int part = 1; part <= 3; ++part) {
    EXPECT_TRUE(requests[part].starts_with("PUT " + path + "?partNumber=" + std::to_string(part) +
                                           "&uploadId="))
        << requests[part];
  }
  EXPECT_TRUE(requests[4].starts_with("POST " + path + "?uploadId=")) << requests[4];
  EXPECT_EQ(requests[5], "PUT " + path + " 200");  // the copy that adds the digest

  const auto head = run(store_->head(Bucket::uploads, key("source")));
  ASSERT_TRUE(head);
  EXPECT_EQ(head->size, text.size());
  EXPECT_EQ(head->sha256, sha256_hex(text));
  EXPECT_EQ(head->content_type, "video/mp4");
  EXPECT_EQ(head->etag, info.etag);

  const auto reader = run(store_->open(Bucket::uploads, key("source")));
  const std::uint64_t boundary = 5 * kMiB;
  EXPECT_EQ(read_all(reader->range(boundary - 1000, 3000)), text.substr(boundary - 1000, 3000));
  EXPECT_EQ(read_all(reader->range(2 * boundary - 1, 2)), text.substr(2 * boundary - 1, 2));
  EXPECT_EQ(read_all(reader->range(text.size() - 1, 1)), text.substr(text.size() - 1));
  std::size_t chunks = 0;
  EXPECT_EQ(sha256_hex(read_all(reader->range(0, text.size()), &chunks)), sha256_hex(text));
  EXPECT_GE(chunks, text.size() / (64 * 1024));
}

TEST_F(S3StoreTest, FilesGoInAndComeOut) {
  const auto dir = make_temp_dir("sn-s3-files");
  for (const std::size_t size : {std::size_t{700 * 1024}, std::size_t{5 * kMiB + 10}}) {
    SCOPED_TRACE(size);
    const auto text = pattern(size, 3);
    std::ofstream(dir / "in.bin", std::ios::binary) << text;
    const auto name = key("file-" + std::to_string(size));
    const auto info = run(store_->put_file(Bucket::assets, name, dir / "in.bin", "image/jpeg"));
    EXPECT_EQ(info.size, text.size());
    EXPECT_EQ(info.sha256, sha256_hex(text));
    const auto head = run(store_->head(Bucket::assets, name));
    ASSERT_TRUE(head);
    EXPECT_EQ(head->sha256, sha256_hex(text));  // on the object from the start
    EXPECT_EQ(head->content_type, "image/jpeg");

    std::ofstream(dir / "out.bin", std::ios::binary) << "older and longer content than nothing";
    run(store_->download(Bucket::assets, name, dir / "out.bin"));
    EXPECT_EQ(read_whole_file(dir / "out.bin"), text);
  }
  EXPECT_THROW(run(store_->put_file(Bucket::assets, key("nofile"), dir / "missing", "a/b")),
               std::system_error);
  EXPECT_THROW(run(store_->download(Bucket::assets, key("nope"), dir / "nope.bin")),
               ObjectNotFound);
  EXPECT_FALSE(fs::exists(dir / "nope.bin"));
  fs::remove_all(dir);
}

TEST_F(S3StoreTest, AReplacedObjectGetsANewEntityTag) {
  const auto first = run(store_->put(Bucket::assets, key("a.txt"), pieces_of("one", 8), "x/y", {}));
  const auto second =
      run(store_->put(Bucket::assets, key("a.txt"), pieces_of("two!", 8), "x/z", {}));
  EXPECT_NE(first.etag, second.etag);
  const auto reader = run(store_->open(Bucket::assets, key("a.txt")));
  EXPECT_EQ(reader->info().etag, second.etag);
  EXPECT_EQ(reader->info().content_type, "x/z");
  EXPECT_EQ(read_all(reader->range(0, 4)), "two!");
}

TEST_F(S3StoreTest, ARangeOfAnObjectThatChangedFails) {
  const auto text = pattern(1000, 4);
  run(store_->put(Bucket::videos, key("seg.ts"), pieces_of(text, 1000), "video/mp2t", {}));
  const auto reader = run(store_->open(Bucket::videos, key("seg.ts")));
  // s3rver ignores If-Match, so the store's own checks are what is seen here.
  run(store_->put(Bucket::videos, key("seg.ts"), pieces_of("short", 5), "video/mp2t", {}));
  EXPECT_THROW(read_all(reader->range(0, 100)), std::runtime_error);  // 5 bytes come, not 100
  EXPECT_THROW(read_all(reader->range(500, 100)), storage::S3Error);  // 416 InvalidRange
  run(store_->remove(Bucket::videos, key("seg.ts")));
  EXPECT_THROW(read_all(reader->range(0, 100)), ObjectNotFound);
}

TEST_F(S3StoreTest, MissingObjectsAndRemoval) {
  EXPECT_FALSE(run(store_->head(Bucket::videos, key("nope.ts"))));
  EXPECT_THROW(run(store_->open(Bucket::videos, key("nope.ts"))), ObjectNotFound);
  run(store_->put(Bucket::videos, key("x.m3u8"), pieces_of("#EXTM3U\n", 4), "a/b", {}));
  run(store_->remove(Bucket::videos, key("x.m3u8")));
  run(store_->remove(Bucket::videos, key("x.m3u8")));  // again: not an error
  EXPECT_FALSE(run(store_->head(Bucket::videos, key("x.m3u8"))));
  EXPECT_THROW(run(store_->open(Bucket::videos, key("x.m3u8"))), ObjectNotFound);
}

TEST_F(S3StoreTest, RemovePrefixPagesThroughTheListing) {
  auto settings = this->settings();
  settings.list_page_size = 2;  // seven keys: four pages
  store_ = std::make_unique<storage::S3Store>(ioc_.get_executor(), settings);
  const std::vector<std::string> doomed = {
      "m1/master.m3u8",     "m1/360p/index.m3u8",   "m1/360p/seg_00001.ts", "m1/360p/seg_00002.ts",
      "m1/720p/index.m3u8", "m1/720p/seg_00001.ts", "m1/poster.jpg"};
  const std::vector<std::string> kept = {"m1", "m10/master.m3u8", "m2/master.m3u8"};
  for (const auto& name : doomed)
    run(store_->put(Bucket::videos, key(name), pieces_of(name, 100), "a/b", {}));
  for (const auto& name : kept)
    run(store_->put(Bucket::videos, key(name), pieces_of(name, 100), "a/b", {}));
  const auto before = server_->requests().size();
  run(store_->remove_prefix(Bucket::videos, key("m1")));
  for (const auto& name : doomed)
    EXPECT_FALSE(run(store_->head(Bucket::videos, key(name)))) << name;
  for (const auto& name : kept)
    EXPECT_TRUE(run(store_->head(Bucket::videos, key(name)))) << name;

  int lists = 0, batches = 0;
  for (const auto& request : server_->requests_after(before, 8 + 10)) {
    lists += request.starts_with("GET /sn-videos?");
    batches += request.starts_with("POST /sn-videos?delete= 200");
  }
  EXPECT_EQ(lists, 4);
  EXPECT_EQ(batches, 4);
  run(store_->remove_prefix(Bucket::videos, key("nothing-here")));  // an empty listing
}

TEST_F(S3StoreTest, AFailedPutLeavesNothing) {
  // Before any request: one part that never fills.
  EXPECT_THROW(run(store_->put(Bucket::uploads, key("cut-small"),
                               pieces_of(std::string(1000, 'x'), 100, 400), "a/b", {})),
               std::runtime_error);
  EXPECT_FALSE(run(store_->head(Bucket::uploads, key("cut-small"))));

  // In the middle of a multipart upload: after the first part is sent.
  const auto before = server_->requests().size();
  EXPECT_THROW(run(store_->put(Bucket::uploads, key("cut-big"),
                               pieces_of(pattern(8 * kMiB), kMiB, 6 * kMiB), "a/b", {})),
               std::runtime_error);
  EXPECT_FALSE(run(store_->head(Bucket::uploads, key("cut-big"))));
  // POST ?uploads, PUT part 1, DELETE ?uploadId, HEAD
  const auto requests = server_->requests_after(before, 4);
  const std::string path = "/sn-uploads/" + key("cut-big");
  EXPECT_TRUE(contains(requests, "POST " + path + "?uploads= 200"));
  EXPECT_TRUE(contains(requests, "PUT " + path + "?partNumber=1&uploadId="));
  // The abort is sent; s3rver answers it with 405 (not implemented), which the put survives.
  EXPECT_TRUE(contains(requests, "DELETE " + path + "?uploadId=")) << joined(requests);
  EXPECT_FALSE(contains(requests, "POST " + path + "?uploadId="));  // never completed
}

TEST_F(S3StoreTest, TooLargeForMaxBytesIsRefused) {
  run(store_->put(Bucket::uploads, key("kept"), pieces_of("the old one", 100), "a/b", {}));
  EXPECT_THROW(run(store_->put(Bucket::uploads, key("kept"), pieces_of(std::string(100, 'x'), 10),
                               "a/b", 99)),
               std::length_error);
  EXPECT_THROW(run(store_->put(Bucket::uploads, key("big"), pieces_of(pattern(7 * kMiB), kMiB),
                               "a/b", 6 * kMiB)),
               std::length_error);
  EXPECT_FALSE(run(store_->head(Bucket::uploads, key("big"))));
  const auto reader = run(store_->open(Bucket::uploads, key("kept")));
  EXPECT_EQ(read_all(reader->range(0, reader->info().size)), "the old one");
  // Exactly the limit is fine.
  EXPECT_EQ(run(store_->put(Bucket::uploads, key("exact"), pieces_of("12345", 2), "a/b", 5)).size,
            5u);
}

TEST_F(S3StoreTest, KeysAreTheServersOwn) {
  for (const char* bad : {"", "../etc/passwd", "a/../../b", "/abs", "a//b", "a/", ".meta/x",
                          "UPPER", "sp ace", "a?b", "caf\xc3\xa9"}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(run(store_->put(Bucket::assets, bad, pieces_of("x", 1), "x/y", {})),
                 std::invalid_argument);
    EXPECT_THROW(run(store_->put_file(Bucket::assets, bad, "/etc/hostname", "x/y")),
                 std::invalid_argument);
    EXPECT_THROW(run(store_->head(Bucket::assets, bad)), std::invalid_argument);
    EXPECT_THROW(run(store_->open(Bucket::assets, bad)), std::invalid_argument);
    EXPECT_THROW(run(store_->download(Bucket::assets, bad, "/tmp/never")), std::invalid_argument);
    EXPECT_THROW(run(store_->remove(Bucket::assets, bad)), std::invalid_argument);
    EXPECT_THROW(run(store_->remove_prefix(Bucket::assets, bad)), std::invalid_argument);
    EXPECT_THROW(store_->local_path(Bucket::assets, bad), std::invalid_argument);
  }
  EXPECT_FALSE(store_->local_path(Bucket::assets, "a/b.txt"));
}

TEST_F(S3StoreTest, ConnectionsAreKeptAlive) {
  const int before = server_->connections();
  for (int i = 0; i < 50; ++i) {
    const auto name = key("small-" + std::to_string(i));
    const auto text = "object number " + std::to_string(i);
    run(store_->put(Bucket::assets, name, pieces_of(text, 64), "text/plain", {}));
    const auto reader = run(store_->open(Bucket::assets, name));
    ASSERT_EQ(read_all(reader->range(0, text.size())), text);
  }
  EXPECT_EQ(server_->connections() - before, 1);  // 150 requests, one after another
}

TEST_F(S3StoreTest, ConcurrentRequestsShareThePool) {
  const int before = server_->connections();
  for (int round = 0; round < 3; ++round) {
    std::vector<std::future<storage::ObjectInfo>> puts;
    for (int i = 0; i < 6; ++i) {
      puts.push_back(asio::co_spawn(ioc_,
                                    store_->put(Bucket::assets, key("c-" + std::to_string(i)),
                                                pieces_of(pattern(100'000, i), 10'000), "a/b", {}),
                                    asio::use_future));
    }
    ioc_.restart();
    ioc_.run();
    for (auto& put : puts)
      EXPECT_EQ(put.get().size, 100'000u);
  }
  // Six at a time, on six connections that the later rounds reuse.
  EXPECT_EQ(server_->connections() - before, 6);
}

TEST_F(S3StoreTest, AConnectionTheServerClosedIsReplaced) {
  run(store_->put(Bucket::assets, key("idle"), pieces_of("still here", 100), "a/b", {}));
  const int before = server_->connections();
  std::this_thread::sleep_for(3s);  // Node closes connections idle for 1 + 1 s
  EXPECT_TRUE(run(store_->head(Bucket::assets, key("idle"))));
  EXPECT_EQ(server_->connections() - before, 1);
}

TEST_F(S3StoreTest, ErrorsNameTheS3CodeButNeverTheSecret) {
  auto settings = this->settings();
  settings.bucket_names[Bucket::assets] = "sn-no-such-bucket";
  storage::S3Store missing_bucket(ioc_.get_executor(), settings);
  try {
    run(missing_bucket.put(Bucket::assets, key("x"), pieces_of("x", 1), "a/b", {}));
    ADD_FAILURE() << "no error";
  } catch (const storage::S3Error& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(e.code(), "NoSuchBucket");
    EXPECT_NE(std::string(e.what()).find("404 NoSuchBucket"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find(kSecret), std::string::npos) << e.what();
  }

  settings = this->settings();
  settings.credentials.access_key_id = "AKIAUNKNOWN";
  storage::S3Store stranger(ioc_.get_executor(), settings);
  try {
    run(stranger.remove(Bucket::assets, key("x")));
    ADD_FAILURE() << "no error";
  } catch (const storage::S3Error& e) {
    EXPECT_EQ(e.status(), 403);
    EXPECT_EQ(e.code(), "InvalidAccessKeyId");
    EXPECT_EQ(std::string(e.what()).find(kSecret), std::string::npos) << e.what();
  }

  // TLS to a server that speaks plain HTTP: the handshake fails, and says so.
  settings = this->settings();
  settings.endpoint = "https://127.0.0.1:" + std::to_string(server_->port());
  storage::S3Store tls(ioc_.get_executor(), settings);
  EXPECT_THROW(run(tls.head(Bucket::assets, key("x"))), boost::system::system_error);
}

// Over TLS: the certificate must chain to a trusted root (OpenSSL's default paths, which
// SSL_CERT_FILE can point elsewhere) and name the host.
TEST_F(S3StoreTest, TlsConnectionsAreVerified) {
  const auto dir = make_temp_dir("sn-s3-tls");
  const Certificate certificate(dir, "localhost");
  const S3rver secure(1000ms, bucket_names(), std::pair(certificate.key, certificate.cert));
  auto settings = this->settings();
  settings.endpoint = "https://localhost:" + std::to_string(secure.port());

  const auto verify_error = [&](const storage::S3Settings& settings) -> std::string {
    storage::S3Store store(ioc_.get_executor(), settings);
    try {
      run(store.head(Bucket::assets, key("x")));
    } catch (const boost::system::system_error& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_NE(verify_error(settings).find("certificate verify failed"), std::string::npos);

  ::setenv("SSL_CERT_FILE", certificate.cert.c_str(), 1);
  const std::shared_ptr<void> unset(nullptr, [](void*) { ::unsetenv("SSL_CERT_FILE"); });
  {
    storage::S3Store store(ioc_.get_executor(), settings);
    const auto text = pattern(200'000, 5);
    run(store.put(Bucket::assets, key("secret.bin"), pieces_of(text, 50'000), "a/b", {}));
    const auto reader = run(store.open(Bucket::assets, key("secret.bin")));
    EXPECT_EQ(read_all(reader->range(1000, 150'000)), text.substr(1000, 150'000));
    EXPECT_EQ(read_all(reader->range(0, 1)), text.substr(0, 1));
    EXPECT_EQ(secure.connections(), 2);  // the failed handshake, then one for all requests
  }
  // The certificate names localhost, not the address.
  settings.endpoint = "https://127.0.0.1:" + std::to_string(secure.port());
  EXPECT_NE(verify_error(settings).find("certificate verify failed"), std::string::npos);
  fs::remove_all(dir);
}

TEST_F(S3StoreTest, SettingsAreChecked) {
  const auto rejected = [this](auto change) {
    auto settings = this->settings();
    change(settings);
    EXPECT_THROW(storage::S3Store(ioc_.get_executor(), settings), std::invalid_argument);
  };
  rejected([](storage::S3Settings& s) { s.endpoint = "ftp://127.0.0.1"; });
  rejected([](storage::S3Settings& s) { s.endpoint = "http://127.0.0.1:9000/base"; });
  rejected([](storage::S3Settings& s) { s.endpoint = "http://127.0.0.1:9000/?versioning"; });
  rejected([](storage::S3Settings& s) { s.endpoint = "http://127.0.0.1:9000/#top"; });
  rejected([](storage::S3Settings& s) { s.endpoint = "http://user@127.0.0.1:9000"; });
  rejected([](storage::S3Settings& s) { s.endpoint = "not a url"; });
  rejected([](storage::S3Settings& s) { s.part_size = 1 * kMiB; });
  rejected([](storage::S3Settings& s) { s.bucket_names.erase(Bucket::uploads); });
  rejected([](storage::S3Settings& s) { s.region.clear(); });
  rejected([](storage::S3Settings& s) { s.list_page_size = 0; });
}

}  // namespace
}  // namespace sn::test
