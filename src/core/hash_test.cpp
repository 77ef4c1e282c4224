#include "core/hash.hpp"

#include <gtest/gtest.h>

namespace sn {
namespace {

TEST(Sha256Hex, MatchesKnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace sn

namespace sn {
namespace {

TEST(Digest, PiecesHashLikeTheWhole) {
  const std::string text = "The quick brown fox jumps over the lazy dog, in several pieces.";
  Digest hasher;
  for (std::size_t at = 0; at < text.size(); at += 7)
    hasher.update(std::string_view(text).substr(at, 7));
  EXPECT_EQ(hasher.hex_digest(), sha256_hex(text));
}

TEST(Digest, Sha1ForTusChecksumsAndNothingElse) {
  Digest sha1("sha1");
  sha1.update("abc");
  EXPECT_EQ(sha1.hex_digest(), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_THROW(Digest("md5"), std::invalid_argument);
}

}  // namespace
}  // namespace sn
