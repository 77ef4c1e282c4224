#include "webapp/static_assets.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.hpp"

namespace sn::webapp {
namespace {

namespace fs = std::filesystem;
using boost::beast::http::field;

TEST(ChooseEncoding, PrefersBrotliThenGzipAndHonoursQZero) {
  EXPECT_EQ(choose_encoding("gzip, deflate, br", true, true), Encoding::brotli);
  EXPECT_EQ(choose_encoding("gzip, br;q=0", true, true), Encoding::gzip);
  EXPECT_EQ(choose_encoding("gzip;q=0.8, br;q=0.5", true, true), Encoding::gzip);
  EXPECT_EQ(choose_encoding("br", false, true), Encoding::identity);
  EXPECT_EQ(choose_encoding("", true, true), Encoding::identity);
  EXPECT_EQ(choose_encoding("*", true, true), Encoding::brotli);
  EXPECT_EQ(choose_encoding("identity", true, true), Encoding::identity);
}

class StaticAssetsTest : public testing::Test {
 protected:
  void SetUp() override {
    // ctest runs each test as its own process, in parallel: one folder per test.
    dir_ = fs::path(testing::TempDir()) /
           ("static_assets_" +
            std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "assets");
    std::ofstream(dir_ / "index.html") << "<!doctype html><title>x</title>";
    std::ofstream(dir_ / "assets" / "app-1a2b.js") << "console.log(1)";
    std::ofstream(dir_ / "assets" / "app-1a2b.js.gz") << "GZIP-BYTES";
    std::ofstream(dir_ / "assets" / "app-1a2b.js.br") << "BR-BYTES";
    assets_ = StaticAssets::load(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  http::Response get(std::string_view path, std::string_view accept = "",
                     std::string_view if_none_match = "") {
    http::Request req{http::Verb::get, path, 11};
    if (!accept.empty()) req.set(field::accept_encoding, accept);
    if (!if_none_match.empty()) req.set(field::if_none_match, if_none_match);
    return assets_.serve(req, path);
  }

  fs::path dir_;
  StaticAssets assets_;
};

TEST_F(StaticAssetsTest, HashedAssetsAreImmutableAndPrecompressed) {
  auto res = get("/assets/app-1a2b.js", "gzip, br");
  EXPECT_EQ(res.result(), http::Status::ok);
  EXPECT_EQ(res[field::cache_control], "public, max-age=31536000, immutable");
  EXPECT_EQ(res[field::content_encoding], "br");
  EXPECT_EQ(res.body(), "BR-BYTES");
  EXPECT_EQ(res[field::vary], "Accept-Encoding");
  EXPECT_EQ(get("/assets/app-1a2b.js", "gzip").body(), "GZIP-BYTES");
  EXPECT_EQ(get("/assets/app-1a2b.js").body(), "console.log(1)");
  EXPECT_NE(get("/assets/app-1a2b.js", "gzip")[field::etag],
            get("/assets/app-1a2b.js")[field::etag]);
}

TEST_F(StaticAssetsTest, IfNoneMatchGivesNotModified) {
  auto etag = std::string(get("/assets/app-1a2b.js", "br")[field::etag]);
  auto res = get("/assets/app-1a2b.js", "br", "\"other\", " + etag);
  EXPECT_EQ(res.result(), http::Status::not_modified);
  EXPECT_TRUE(res.body().empty());
  EXPECT_EQ(get("/assets/app-1a2b.js", "gzip", etag).result(), http::Status::ok);
}

TEST_F(StaticAssetsTest, ClientRoutesGetIndexButMissingFilesAndApiAre404) {
  auto page = get("/courses/intro/lesson-1");
  EXPECT_EQ(page.result(), http::Status::ok);
  EXPECT_EQ(page[field::cache_control], "no-cache");
  EXPECT_EQ(page.body(), "<!doctype html><title>x</title>");
  EXPECT_THROW(get("/assets/missing-0000.js"), Error);
  EXPECT_THROW(get("/api/v1/nothing"), Error);
}

}  // namespace
}  // namespace sn::webapp
