#include "identity/secret_box.hpp"

#include <gtest/gtest.h>

#include "identity/qr_svg.hpp"

namespace sn::identity {
namespace {

TEST(SecretBox, OpensWhatItSealedAndNothingElse) {
  SecretBox box("server secret of forty-odd characters ......", "totp");
  const std::vector<std::uint8_t> plain{1, 2, 3, 4, 5};
  auto sealed = box.seal(plain);
  EXPECT_NE(sealed, box.seal(plain));  // a fresh nonce each time
  EXPECT_EQ(box.open(sealed), plain);

  SecretBox other_key("another server secret ......................", "totp");
  EXPECT_FALSE(other_key.open(sealed));
  SecretBox other_purpose("server secret of forty-odd characters ......", "oidc");
  EXPECT_FALSE(other_purpose.open(sealed));
  sealed.back() ^= 1;
  EXPECT_FALSE(box.open(sealed));
  EXPECT_FALSE(box.open(std::vector<std::uint8_t>(10)));

  EXPECT_EQ(box.open_text(box.seal_text(plain)), plain);
  EXPECT_FALSE(box.open_text("not base64 at all!"));
}

TEST(QrSvg, IsASquareSvgWithModules) {
  const auto svg = qr_svg("otpauth://totp/SkillNexus:ada@example.com?secret=ABC");
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_NE(svg.find("h1v1h-1z"), std::string::npos);
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_NE(qr_svg("a"), qr_svg("b"));
}

}  // namespace
}  // namespace sn::identity
