#include "core/error.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sn {
namespace {

TEST(ErrorTable, EveryCodeIsUniqueAndMapsToAnErrorStatus) {
  std::set<std::string_view> codes;
  for (int i = 0; i <= static_cast<int>(Errc::upload_busy); ++i) {
    const auto& info = error_info(static_cast<Errc>(i));
    EXPECT_TRUE(codes.insert(info.code).second) << "duplicate code " << info.code;
    EXPECT_GE(static_cast<int>(info.status), 400);
    EXPECT_FALSE(info.title.empty());
  }
}

TEST(ErrorTable, MapsTypicalErrors) {
  EXPECT_EQ(Error(Errc::not_found, "x").info().status, boost::beast::http::status::not_found);
  EXPECT_EQ(Error(Errc::invalid_json, "x").info().code, "invalid_json");
  EXPECT_EQ(Error(Errc::database_unavailable, "x").info().status,
            boost::beast::http::status::service_unavailable);
}

}  // namespace
}  // namespace sn
