#include "courses/course_common.hpp"

#include <gtest/gtest.h>

namespace sn::courses {
namespace {

TEST(SearchQuery, WordsAreAndedAndOnlyTheWordBeingTypedIsAPrefix) {
  EXPECT_EQ(search_query("kube"), "kube:*");
  EXPECT_EQ(search_query("Deep KUBE"), "deep & kube:*");
  EXPECT_EQ(search_query("deep kube "), "deep & kube");
  EXPECT_EQ(search_query("  "), std::nullopt);
  EXPECT_EQ(search_query(""), std::nullopt);
}

TEST(SearchQuery, TsqueryOperatorsNeverGetThrough) {
  EXPECT_EQ(search_query("a:* | !(b) & 'c' <-> d\\"), "a & b & c & d");
  EXPECT_EQ(search_query("!!!&|()"), std::nullopt);
  // Letters of other scripts stay words.
  EXPECT_EQ(search_query("café ñu"), "café & ñu:*");
}

TEST(SearchQuery, BoundsWordCountAndLength) {
  EXPECT_EQ(search_query("a b c d e f g h i j"), "a & b & c & d & e & f & g & h");
  EXPECT_EQ(search_query(std::string(100, 'x'))->size(), 60u + 2u);
}

TEST(Slugify, LowerCaseAsciiWordsJoinedByDashes) {
  EXPECT_EQ(slugify("  Rust for Beginners! ", 100, "course"), "rust-for-beginners");
  EXPECT_EQ(slugify("C++ & Qt -- 2nd edition", 100, "course"), "c-qt-2nd-edition");
  EXPECT_EQ(slugify("Éé", 100, "course"), "course");
  EXPECT_EQ(slugify("abc def ghi", 7, "course"), "abc-def");
  EXPECT_TRUE(valid_slug(slugify("Some -- title --", 100, "course"), 100));
}

TEST(ValidSlug, MatchesTheDatabaseCheck) {
  EXPECT_TRUE(valid_slug("a-b-1", 100));
  EXPECT_FALSE(valid_slug("a--b", 100));
  EXPECT_FALSE(valid_slug("-a", 100));
  EXPECT_FALSE(valid_slug("a-", 100));
  EXPECT_FALSE(valid_slug("A", 100));
  EXPECT_FALSE(valid_slug("", 100));
  EXPECT_FALSE(valid_slug("abc", 2));
}

TEST(ValidLanguage, TwoOrThreeLettersAndAnOptionalRegion) {
  EXPECT_TRUE(valid_language("en"));
  EXPECT_TRUE(valid_language("fil"));
  EXPECT_TRUE(valid_language("pt-BR"));
  EXPECT_FALSE(valid_language("english"));
  EXPECT_FALSE(valid_language("pt-br"));
  EXPECT_FALSE(valid_language("EN"));
  EXPECT_FALSE(valid_language("e"));
}

TEST(Utf8Length, CountsCodePoints) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("café"), 4u);
  EXPECT_EQ(utf8_length("日本"), 2u);
}

}  // namespace
}  // namespace sn::courses
