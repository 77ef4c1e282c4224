#include "media/url_signer.hpp"

#include <gtest/gtest.h>

namespace sn::media {
namespace {

using namespace std::chrono_literals;

struct Parts {
  std::string id, expires, signature, rest;
};

// "/media/v/<id>/<expires>/<signature>/<rest>" split as the streaming route does.
Parts split(std::string_view url) {
  const auto at = url.find("/media/v/");
  url.remove_prefix(at + 9);
  Parts parts;
  std::string* fields[] = {&parts.id, &parts.expires, &parts.signature};
  for (auto* field : fields) {
    const auto slash = url.find('/');
    *field = std::string(url.substr(0, slash));
    url.remove_prefix(slash + 1);
  }
  parts.rest = std::string(url);
  return parts;
}

const auto kNow = SystemClock::time_point(1'800'000'000s);

TEST(HmacUrlSigner, ASignedPrefixVerifiesUntilItExpires) {
  HmacUrlSigner signer(std::string(40, 's'), "");
  const auto prefix = signer.signed_prefix("0b6f4c1e-1111-4222-8333-944445555666", kNow + 3600s);
  EXPECT_TRUE(prefix.starts_with("/media/v/0b6f4c1e-1111-4222-8333-944445555666/1800003600/"));
  EXPECT_TRUE(prefix.ends_with("/"));
  const auto p = split(prefix + "360p/seg_00001.ts");
  EXPECT_EQ(p.rest, "360p/seg_00001.ts");
  EXPECT_EQ(signer.verify(p.id, p.expires, p.signature, kNow), HmacUrlSigner::Verdict::valid);
  EXPECT_EQ(signer.verify(p.id, p.expires, p.signature, kNow + 3599s),
            HmacUrlSigner::Verdict::valid);
  EXPECT_EQ(signer.verify(p.id, p.expires, p.signature, kNow + 3600s),
            HmacUrlSigner::Verdict::expired);
}

TEST(HmacUrlSigner, TamperingIsRefused) {
  HmacUrlSigner signer(std::string(40, 's'), "https://cdn.example.com/");
  const auto prefix = signer.signed_prefix("aaaa", kNow + 60s);
  EXPECT_TRUE(prefix.starts_with("https://cdn.example.com/media/v/aaaa/")) << prefix;
  const auto p = split(prefix);
  using V = HmacUrlSigner::Verdict;
  EXPECT_EQ(signer.verify("aaab", p.expires, p.signature, kNow), V::invalid);  // other video
  EXPECT_EQ(signer.verify(p.id, std::to_string(std::stoll(p.expires) + 86400), p.signature, kNow),
            V::invalid);  // extended expiry
  auto flipped = p.signature;
  flipped[0] = flipped[0] == 'A' ? 'B' : 'A';
  EXPECT_EQ(signer.verify(p.id, p.expires, flipped, kNow), V::invalid);
  EXPECT_EQ(signer.verify(p.id, p.expires, "", kNow), V::invalid);
  EXPECT_EQ(signer.verify(p.id, p.expires, p.signature.substr(1), kNow), V::invalid);
  EXPECT_EQ(signer.verify(p.id, "12x", p.signature, kNow), V::invalid);
  EXPECT_EQ(signer.verify(p.id, "", p.signature, kNow), V::invalid);
  // Another server secret signs differently.
  HmacUrlSigner other(std::string(40, 't'), "");
  EXPECT_EQ(other.verify(p.id, p.expires, p.signature, kNow), V::invalid);
}

TEST(SharedExpiry, RoundsUpToTheHourSoViewersShareUrls) {
  const auto a = shared_expiry(kNow + 10s, 4h);
  const auto b = shared_expiry(kNow + 1500s, 4h);
  EXPECT_EQ(a, b);
  EXPECT_GE(a, kNow + 10s + 4h);
  EXPECT_LT(a, kNow + 10s + 5h);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(a.time_since_epoch()).count() % 3600,
            0);
}

}  // namespace
}  // namespace sn::media
