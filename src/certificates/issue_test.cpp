#include "certificates/issue.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <regex>
#include <set>

namespace sn::certificates {
namespace {

TEST(CertificateCode, IsGroupedCrockfordBase32AndDoesNotRepeat) {
  ASSERT_GE(sodium_init(), 0);
  const std::regex shape("SN(-[0-9A-HJKMNP-TV-Z]{4}){4}");
  std::set<std::string> seen;
  std::set<char> characters;
  for (int i = 0; i < 2000; ++i) {
    const auto code = new_code();
    ASSERT_TRUE(std::regex_match(code, shape)) << code;
    EXPECT_TRUE(seen.insert(code).second) << "repeated " << code;
    characters.insert(code.begin(), code.end());
  }
  // Every one of the 32 symbols turns up: the bits are spread over the whole alphabet.
  // The 32 symbols (the prefix's S and N are among them) and the dash.
  EXPECT_EQ(characters.size(), 33u);
}

}  // namespace
}  // namespace sn::certificates
