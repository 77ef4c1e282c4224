#include "storage/local_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <cstring>
#include <fstream>

#include "core/hash.hpp"
#include "core/random.hpp"

namespace sn::storage {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;

template <typename T>
T run(asio::awaitable<T> task) {
  asio::io_context ioc;
  auto future = asio::co_spawn(ioc, std::move(task), asio::use_future);
  ioc.run();
  return future.get();
}

// Yields `text` in pieces of `piece` bytes, then throws if `fail_after` pieces were given.
ReadSome pieces_of(std::string text, std::size_t piece, int fail_after = -1) {
  auto state = std::make_shared<std::pair<std::string, std::size_t>>(std::move(text), 0);
  auto given = std::make_shared<int>(0);
  return
      [state, piece, fail_after, given](asio::mutable_buffer into) -> asio::awaitable<std::size_t> {
        if (fail_after >= 0 && (*given)++ == fail_after) throw std::runtime_error("connection cut");
        auto& [bytes, at] = *state;
        const auto n = std::min({piece, into.size(), bytes.size() - at});
        std::memcpy(into.data(), bytes.data() + at, n);
        at += n;
        co_return n;
      };
}

std::string read_all(const http::StreamedBody::Piece& piece) {
  const auto& span = std::get<http::FileSpan>(piece);
  std::string out(span.length, '\0');
  EXPECT_EQ(::pread(span.file->fd(), out.data(), out.size(), static_cast<off_t>(span.offset)),
            static_cast<ssize_t>(span.length));
  return out;
}

std::size_t temp_files(const fs::path& root, Bucket bucket) {
  std::size_t n = 0;
  for ([[maybe_unused]] auto& entry : fs::directory_iterator(root / to_string(bucket) / ".tmp"))
    ++n;
  return n;
}

class LocalStoreTest : public ::testing::Test {
 protected:
  fs::path root = fs::temp_directory_path() / ("sn-store-" + random_hex(6));
  LocalStore store{root};
  ~LocalStoreTest() override { fs::remove_all(root); }
};

TEST_F(LocalStoreTest, PutThenHeadAndReadARange) {
  const std::string text = "0123456789abcdefghij";
  auto info = run(store.put(Bucket::videos, "v1/360p/seg_00001.ts", pieces_of(text, 3),
                            "video/mp2t", std::nullopt));
  EXPECT_EQ(info.size, text.size());
  EXPECT_EQ(info.sha256, sha256_hex(text));
  EXPECT_FALSE(info.etag.empty());

  auto head = run(store.head(Bucket::videos, "v1/360p/seg_00001.ts"));
  ASSERT_TRUE(head);
  EXPECT_EQ(head->size, text.size());
  EXPECT_EQ(head->sha256, sha256_hex(text));
  EXPECT_EQ(head->content_type, "video/mp2t");
  EXPECT_EQ(head->etag, info.etag);

  auto reader = run(store.open(Bucket::videos, "v1/360p/seg_00001.ts"));
  EXPECT_EQ(reader->info().etag, info.etag);
  EXPECT_EQ(reader->info().size, text.size());
  EXPECT_EQ(read_all(reader->range(5, 10)), "56789abcde");
  EXPECT_EQ(read_all(reader->range(0, 2)), "01");
  EXPECT_THROW(reader->range(15, 6), std::out_of_range);
  EXPECT_EQ(temp_files(root, Bucket::videos), 0u);
}

TEST_F(LocalStoreTest, AReplacedObjectGetsANewEntityTag) {
  auto first = run(store.put(Bucket::assets, "a/file.bin", pieces_of("one", 8), "x/y", {}));
  auto second = run(store.put(Bucket::assets, "a/file.bin", pieces_of("two", 8), "x/y", {}));
  EXPECT_NE(first.etag, second.etag);
  EXPECT_EQ(read_all(run(store.open(Bucket::assets, "a/file.bin"))->range(0, 3)), "two");
}

TEST_F(LocalStoreTest, TooLargeOrInterruptedPutsLeaveNothing) {
  EXPECT_THROW(run(store.put(Bucket::uploads, "u/big", pieces_of(std::string(100, 'x'), 10),
                             "application/octet-stream", 64)),
               std::length_error);
  EXPECT_THROW(run(store.put(Bucket::uploads, "u/cut", pieces_of(std::string(100, 'x'), 10, 4),
                             "application/octet-stream", {})),
               std::runtime_error);
  EXPECT_FALSE(run(store.head(Bucket::uploads, "u/big")));
  EXPECT_FALSE(run(store.head(Bucket::uploads, "u/cut")));
  EXPECT_EQ(temp_files(root, Bucket::uploads), 0u);
}

TEST_F(LocalStoreTest, KeysAreTheServersOwn) {
  for (const char* bad : {"", "../etc/passwd", "a/../../b", "/abs", "a//b", "a/", ".meta/x",
                          "a/.hidden", "UPPER", "sp ace", "a\\b", "caf\xc3\xa9"}) {
    EXPECT_FALSE(valid_key(bad)) << bad;
    EXPECT_THROW(run(store.put(Bucket::assets, bad, pieces_of("x", 1), "x/y", {})),
                 std::invalid_argument)
        << bad;
  }
  EXPECT_TRUE(valid_key("videos-1/720p/seg_00012.ts"));
  EXPECT_FALSE(valid_key(std::string(513, 'a')));
}

TEST_F(LocalStoreTest, MissingObjectsAndRemoval) {
  EXPECT_THROW(run(store.open(Bucket::videos, "nope/x.ts")), ObjectNotFound);
  run(store.put(Bucket::videos, "m1/master.m3u8", pieces_of("#EXTM3U\n", 4), "a/b", {}));
  run(store.put(Bucket::videos, "m1/360p/index.m3u8", pieces_of("#EXTM3U\n", 4), "a/b", {}));
  run(store.put(Bucket::videos, "m2/master.m3u8", pieces_of("#EXTM3U\n", 4), "a/b", {}));
  run(store.remove_prefix(Bucket::videos, "m1"));
  EXPECT_FALSE(run(store.head(Bucket::videos, "m1/master.m3u8")));
  EXPECT_FALSE(run(store.head(Bucket::videos, "m1/360p/index.m3u8")));
  EXPECT_TRUE(run(store.head(Bucket::videos, "m2/master.m3u8")));
  run(store.remove(Bucket::videos, "m2/master.m3u8"));
  run(store.remove(Bucket::videos, "m2/master.m3u8"));  // again: not an error
  EXPECT_FALSE(run(store.head(Bucket::videos, "m2/master.m3u8")));
  EXPECT_THROW(run(store.open(Bucket::videos, "m2/master.m3u8")), ObjectNotFound);
}

TEST_F(LocalStoreTest, FilesGoInAndComeOut) {
  const auto source = root / "source.bin";
  std::string text(700 * 1024, 'q');
  text[12345] = 'z';
  std::ofstream(source, std::ios::binary) << text;
  auto info = run(store.put_file(Bucket::videos, "f1/poster.jpg", source, "image/jpeg"));
  EXPECT_EQ(info.sha256, sha256_hex(text));
  EXPECT_EQ(*store.local_path(Bucket::videos, "f1/poster.jpg"), root / "videos/f1/poster.jpg");
  const auto copy = root / "copy.bin";
  run(store.download(Bucket::videos, "f1/poster.jpg", copy));
  std::ifstream in(copy, std::ios::binary);
  std::string back((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(back, text);
  EXPECT_THROW(run(store.download(Bucket::videos, "f1/none.jpg", copy)), ObjectNotFound);
}

}  // namespace
}  // namespace sn::storage
