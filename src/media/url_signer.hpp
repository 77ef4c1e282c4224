#pragma once
// Media URLs that a CDN can cache in front of: the server signs a path prefix and an expiry, so
// one signature covers a master playlist and every relative URL in it (renditions, segments,
// captions), and serving a segment needs no database at all. A signature is issued only to a
// caller allowed to watch; a missing, altered or expired one is refused.
//
// All media URLs come from the MediaUrlSigner interface, so a CDN's own signer (CloudFront signed
// URLs or cookies) can replace this one; SKILLNEXUS_MEDIA_BASE_URL points the URLs at the CDN.

#include <sodium.h>

#include <array>
#include <chrono>
#include <string>
#include <string_view>

namespace sn::media {

using SystemClock = std::chrono::system_clock;

class MediaUrlSigner {
 public:
  virtual ~MediaUrlSigner() = default;
  // The URL, ending in '/', under which the files of `media_id` can be read until `expires`.
  virtual std::string signed_prefix(std::string_view media_id,
                                    SystemClock::time_point expires) const = 0;
};

// HMAC-SHA-256 (truncated to 128 bits, base64url) over "/media/v/<id>/<expires>/", keyed with a key
// derived from the server secret. URLs look like <base>/media/v/<id>/<expires>/<signature>/<file>.
class HmacUrlSigner final : public MediaUrlSigner {
 public:
  // `base_url`: empty for same-origin URLs, else the CDN's origin ("https://cdn.example.com").
  HmacUrlSigner(std::string_view server_secret, std::string base_url);
  ~HmacUrlSigner() override;

  std::string signed_prefix(std::string_view media_id,
                            SystemClock::time_point expires) const override;

  enum class Verdict { valid, expired, invalid };
  // Checks the parts of a request path; the signature comparison takes constant time.
  Verdict verify(std::string_view media_id, std::string_view expires, std::string_view signature,
                 SystemClock::time_point now) const;

 private:
  std::string signature(std::string_view media_id, std::string_view expires) const;

  std::array<unsigned char, crypto_auth_hmacsha256_KEYBYTES> key_{};
  std::string base_url_;
};

// The expiry to sign for a viewer: at least `ttl` from now, rounded up to the hour, so that every
// viewer of a video within one hour gets the same URLs and a CDN caches them once.
SystemClock::time_point shared_expiry(SystemClock::time_point now, std::chrono::seconds ttl);

}  // namespace sn::media
