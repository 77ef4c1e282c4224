#include "http/inputs.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/error.hpp"

namespace sn::http {
namespace {

Errc errc_of(auto&& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.errc();
  }
  return Errc::internal;  // "did not throw"
}

TEST(Inputs, BodyFieldsAreCheckedForTypeAndSize) {
  const auto body = boost::json::parse(R"({"name": "Ada", "empty": "", "number": 3})");
  const auto& fields = object_body(body);
  EXPECT_EQ(required_string(fields, "name", 10), "Ada");
  EXPECT_EQ(errc_of([&] { required_string(fields, "name", 2); }), Errc::validation_failed);
  EXPECT_EQ(errc_of([&] { required_string(fields, "empty", 10); }), Errc::validation_failed);
  EXPECT_EQ(errc_of([&] { required_string(fields, "missing", 10); }), Errc::validation_failed);
  EXPECT_EQ(optional_string(fields, "missing", 10), std::nullopt);
  EXPECT_EQ(errc_of([&] { optional_string(fields, "number", 10); }), Errc::validation_failed);
  EXPECT_EQ(errc_of([&] { object_body(boost::json::parse("[1]")); }), Errc::validation_failed);
}

TEST(Inputs, PageLimitHasADefaultAndBounds) {
  EXPECT_EQ(page_limit({}), 50);
  EXPECT_EQ(page_limit({{"limit", "200"}}), 200);
  for (const char* bad : {"0", "201", "-1", "ten", "99999999999"}) {
    EXPECT_EQ(errc_of([&] { page_limit({{"limit", bad}}); }), Errc::validation_failed) << bad;
  }
}

TEST(Inputs, CursorsRoundTripAndRejectTampering) {
  const std::vector<std::string> key{"ada@example.com", "0b5c…", ""};
  const auto cursor = encode_cursor(key);
  EXPECT_EQ(decode_cursor(cursor, 3), key);
  EXPECT_EQ(errc_of([&] { decode_cursor(cursor, 2); }), Errc::validation_failed);
  EXPECT_EQ(errc_of([&] { decode_cursor("not a cursor!", 3); }), Errc::validation_failed);
  EXPECT_EQ(errc_of([&] { decode_cursor("YWJj", 1); }), Errc::validation_failed);  // "abc"
}

TEST(Inputs, UuidShape) {
  EXPECT_TRUE(is_uuid("00000000-0000-4000-8000-000000000000"));
  EXPECT_FALSE(is_uuid("00000000-0000-4000-8000-00000000000"));
  EXPECT_FALSE(is_uuid("00000000x0000-4000-8000-000000000000"));
  EXPECT_FALSE(is_uuid("g0000000-0000-4000-8000-000000000000"));
}

}  // namespace
}  // namespace sn::http
