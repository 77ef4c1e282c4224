#include "media/url_signer.hpp"

#include <charconv>

#include "identity/oidc/jwt.hpp"
#include "identity/secret_box.hpp"

namespace sn::media {
namespace {

constexpr std::size_t kSignatureBytes = 16;

std::string signed_path(std::string_view media_id, std::string_view expires) {
  std::string path = "/media/v/";
  path.append(media_id).append("/").append(expires).append("/");
  return path;
}

}  // namespace

HmacUrlSigner::HmacUrlSigner(std::string_view server_secret, std::string base_url)
    : base_url_(std::move(base_url)) {
  identity::derive_key(server_secret, "media urls", key_);
  while (base_url_.ends_with('/'))
    base_url_.pop_back();
}

HmacUrlSigner::~HmacUrlSigner() {
  sodium_memzero(key_.data(), key_.size());
}

std::string HmacUrlSigner::signature(std::string_view media_id, std::string_view expires) const {
  const auto path = signed_path(media_id, expires);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(path.data()), path.size(),
                         key_.data());
  return identity::oidc::base64url_encode(
      std::string_view(reinterpret_cast<const char*>(mac), kSignatureBytes));
}

std::string HmacUrlSigner::signed_prefix(std::string_view media_id,
                                         SystemClock::time_point expires) const {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(expires.time_since_epoch()).count();
  const auto expiry = std::to_string(seconds);
  return base_url_ + signed_path(media_id, expiry) + signature(media_id, expiry) + "/";
}

HmacUrlSigner::Verdict HmacUrlSigner::verify(std::string_view media_id, std::string_view expires,
                                             std::string_view given,
                                             SystemClock::time_point now) const {
  std::int64_t seconds = 0;
  const auto [end, ec] = std::from_chars(expires.data(), expires.data() + expires.size(), seconds);
  if (ec != std::errc() || end != expires.data() + expires.size() || expires.size() > 12) {
    return Verdict::invalid;
  }
  const auto expected = signature(media_id, expires);
  if (given.size() != expected.size() ||
      sodium_memcmp(given.data(), expected.data(), expected.size()) != 0) {
    return Verdict::invalid;
  }
  const auto now_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return now_seconds < seconds ? Verdict::valid : Verdict::expired;
}

SystemClock::time_point shared_expiry(SystemClock::time_point now, std::chrono::seconds ttl) {
  using std::chrono::hours;
  const auto at_least = now + ttl;
  const auto floor = std::chrono::floor<hours>(at_least);
  return floor == at_least ? floor : floor + hours(1);
}

}  // namespace sn::media
