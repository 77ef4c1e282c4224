#include "http/conditional.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace sn::http {
namespace {

TEST(EtagMatches, ComparesWeaklyAcrossAList) {
  EXPECT_TRUE(etag_matches("\"a\"", "\"a\""));
  EXPECT_TRUE(etag_matches("\"x\", W/\"a\"", "\"a\""));
  EXPECT_TRUE(etag_matches("\"a\"", "W/\"a\""));
  EXPECT_TRUE(etag_matches(" * ", "\"a\""));
  EXPECT_FALSE(etag_matches("\"ab\"", "\"a\""));
  EXPECT_FALSE(etag_matches("a", "\"a\""));  // unquoted is another tag
  EXPECT_FALSE(etag_matches("", "\"a\""));
}

struct Fixture : ::testing::Test {
  Request request{Verb::patch, "/x", 11};
  RequestContext rc{request, {}, "/x", "id", {}, std::nullopt};
};

TEST_F(Fixture, IfMatchIsRequiredAndMustNameTheCurrentVersion) {
  try {
    require_if_match(rc, version_etag(3));
    FAIL() << "no If-Match accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.errc(), Errc::precondition_required);
  }
  request.set(beast_http::field::if_match, version_etag(2));
  try {
    require_if_match(rc, version_etag(3));
    FAIL() << "a stale If-Match accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.errc(), Errc::precondition_failed);
    ASSERT_EQ(e.headers().size(), 1u);
    EXPECT_EQ(e.headers()[0].second, "\"v3\"");
  }
  request.set(beast_http::field::if_match, "\"v2\", \"v3\"");
  EXPECT_NO_THROW(require_if_match(rc, version_etag(3)));
}

TEST_F(Fixture, CacheableJsonAnswers304WhenTheClientHasTheSameBytes) {
  request.method(Verb::get);
  const boost::json::object body{{"a", 1}};
  const auto first = cacheable_json(rc, body, "public, max-age=60");
  EXPECT_EQ(first.result(), Status::ok);
  const auto etag = std::string(first[beast_http::field::etag]);
  ASSERT_FALSE(etag.empty());
  request.set(beast_http::field::if_none_match, etag);
  const auto again = cacheable_json(rc, body, "public, max-age=60");
  EXPECT_EQ(again.result(), Status::not_modified);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(again[beast_http::field::etag], etag);
  const auto changed = cacheable_json(rc, boost::json::object{{"a", 2}}, "public, max-age=60");
  EXPECT_EQ(changed.result(), Status::ok);
  EXPECT_NE(changed[beast_http::field::etag], etag);
}

}  // namespace
}  // namespace sn::http
