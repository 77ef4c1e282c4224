#pragma once
// JSON Web Tokens from an OpenID provider: RS256 signatures only (RFC 7515/7518), keys from the
// provider's JWKS (RFC 7517) picked by `kid`, then the claim checks for an id_token (OpenID
// Connect Core 3.1.3.7) or for an access token in resource-server mode (Cognito's profile:
// token_use = access, client_id or aud). Pure functions over a key set and a clock, so every
// rule is unit-tested; fetching the keys is provider.hpp's job.

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

using EVP_PKEY = struct evp_pkey_st;

namespace sn::identity::oidc {

// RFC 4648 base64url without padding, as JOSE uses it; nullopt for anything else.
std::optional<std::string> base64url_decode(std::string_view text);
std::string base64url_encode(std::string_view bytes);

// The RSA signing keys of a JWKS document, by kid. Keys that are not RSA, are meant for
// encryption, name another algorithm or are shorter than 2048 bits are left out.
class KeySet {
 public:
  static KeySet parse(std::string_view jwks_json);
  const EVP_PKEY* find(std::string_view kid) const;
  std::size_t size() const { return keys_.size(); }

 private:
  std::map<std::string, std::shared_ptr<EVP_PKEY>, std::less<>> keys_;
};

enum class JwtError {
  none,
  malformed,        // not three base64url parts of JSON objects
  unsupported_alg,  // anything but RS256, `none` and HS256 included
  unknown_kid,      // no key with that kid: the caller may refetch the JWKS once
  bad_signature,
  wrong_issuer,
  wrong_audience,  // aud/azp (id_token), client_id/aud (access token)
  expired,
  not_yet_valid,  // iat or nbf in the future
  wrong_nonce,
  wrong_token_use,
};
std::string_view to_string(JwtError error);

struct JwtResult {
  JwtError error = JwtError::none;
  boost::json::object claims;  // the payload, when error is none
  std::string kid;             // the header's kid, also on unknown_kid
  explicit operator bool() const { return error == JwtError::none; }
};

// Clock skew allowed on exp, nbf and iat.
inline constexpr std::int64_t kLeewaySeconds = 60;

struct IdTokenCheck {
  std::string issuer;
  std::string client_id;
  std::string nonce;
  std::int64_t now = 0;  // seconds since the epoch
};

struct AccessTokenCheck {
  std::string issuer;
  std::string client_id;
  std::int64_t now = 0;
};

// True when `token` looks like a compact JWS (three non-empty dot-separated parts).
bool looks_like_jwt(std::string_view token);

JwtResult verify_id_token(std::string_view token, const KeySet& keys, const IdTokenCheck& check);
JwtResult verify_access_token(std::string_view token, const KeySet& keys,
                              const AccessTokenCheck& check);

}  // namespace sn::identity::oidc
