#include "identity/totp.hpp"

#include <gtest/gtest.h>

namespace sn::identity::totp {
namespace {

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const std::string kSeed = "12345678901234567890";
std::span<const std::uint8_t> seed() {
  return {reinterpret_cast<const std::uint8_t*>(kSeed.data()), kSeed.size()};
}

TEST(Totp, MatchesRfc6238TestVectors) {
  EXPECT_EQ(code_at_step(seed(), step_at(59), 8), "94287082");
  EXPECT_EQ(code_at_step(seed(), step_at(1111111109), 8), "07081804");
  EXPECT_EQ(code_at_step(seed(), step_at(1111111111), 8), "14050471");
  EXPECT_EQ(code_at_step(seed(), step_at(1234567890), 8), "89005924");
  EXPECT_EQ(code_at_step(seed(), step_at(2000000000), 8), "69279037");
  EXPECT_EQ(code_at_step(seed(), step_at(20000000000), 8), "65353130");
  EXPECT_EQ(code_at_step(seed(), step_at(59)), "287082");  // six digits: the low end of the same
}

TEST(Totp, AcceptsOneStepOfDriftEitherWayAndNoMore) {
  const std::int64_t now = 1'700'000'000;
  const auto step = step_at(now);
  EXPECT_EQ(match(seed(), code_at_step(seed(), step), now, std::nullopt), step);
  EXPECT_EQ(match(seed(), code_at_step(seed(), step - 1), now, std::nullopt), step - 1);
  EXPECT_EQ(match(seed(), code_at_step(seed(), step + 1), now, std::nullopt), step + 1);
  EXPECT_FALSE(match(seed(), code_at_step(seed(), step - 2), now, std::nullopt));
  EXPECT_FALSE(match(seed(), code_at_step(seed(), step + 2), now, std::nullopt));
}

TEST(Totp, ACodeWorksOnlyOnce) {
  const std::int64_t now = 1'700'000'000;
  const auto step = step_at(now);
  const auto code = code_at_step(seed(), step);
  ASSERT_EQ(match(seed(), code, now, step - 1), step);
  EXPECT_FALSE(match(seed(), code, now, step));       // replay in the same step
  EXPECT_FALSE(match(seed(), code, now + 30, step));  // nor in the next one
  EXPECT_FALSE(match(seed(), code_at_step(seed(), step - 1), now, step));  // older codes neither
}

TEST(Totp, RejectsMalformedCodes) {
  const std::int64_t now = 1'700'000'000;
  const auto code = code_at_step(seed(), step_at(now));
  EXPECT_FALSE(match(seed(), code + "0", now, std::nullopt));
  EXPECT_FALSE(match(seed(), code.substr(1), now, std::nullopt));
  EXPECT_FALSE(match(seed(), "", now, std::nullopt));
}

TEST(Totp, Base32RoundTripsAndReadsWhatUsersType) {
  EXPECT_EQ(base32_encode(seed()), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  auto decoded = base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(std::string(decoded->begin(), decoded->end()), kSeed);
  EXPECT_FALSE(base32_decode("not base32!"));
  const auto secret = new_secret();
  EXPECT_EQ(secret.size(), kSecretBytes);
  EXPECT_EQ(base32_decode(base32_encode(secret)), secret);
}

TEST(Totp, OtpauthUriCarriesIssuerAccountAndSecret) {
  const auto uri = otpauth_uri("SkillNexus", "ada@example.com", seed());
  EXPECT_EQ(uri,
            "otpauth://totp/SkillNexus:ada@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=SkillNexus&algorithm=SHA1&digits=6&period=30");
  EXPECT_NE(otpauth_uri("Acme Learning", "a b@example.com", seed()).find("Acme%20Learning:a%20b"),
            std::string::npos);
}

}  // namespace
}  // namespace sn::identity::totp
