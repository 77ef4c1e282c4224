#include "identity/oidc/jwt.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace sn::identity::oidc {
namespace json = boost::json;

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out(text.size() * 3 / 4 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

namespace {

std::optional<json::object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

std::string_view string_member(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->as_string()) : std::string_view{};
}

struct BnDeleter {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using Bn = std::unique_ptr<BIGNUM, BnDeleter>;

// EVP_PKEY from the JWK's modulus and exponent (OpenSSL 3: OSSL_PARAM, no deprecated RSA_*).
std::shared_ptr<EVP_PKEY> rsa_key(std::string_view n64, std::string_view e64) {
  auto n = base64url_decode(n64);
  auto e = base64url_decode(e64);
  if (!n || !e || n->empty() || e->empty() || e->size() > 8) return nullptr;
  Bn bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()), int(n->size()), nullptr));
  Bn bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()), int(e->size()), nullptr));
  if (!bn_n || !bn_e || BN_num_bits(bn_n.get()) < 2048 || BN_num_bits(bn_n.get()) > 8192) {
    return nullptr;
  }
  OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
  if (!builder) return nullptr;
  OSSL_PARAM* params = nullptr;
  if (OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, bn_n.get()) == 1 &&
      OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, bn_e.get()) == 1) {
    params = OSSL_PARAM_BLD_to_param(builder);
  }
  OSSL_PARAM_BLD_free(builder);
  if (!params) return nullptr;
  EVP_PKEY* key = nullptr;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  if (ctx && EVP_PKEY_fromdata_init(ctx) == 1) {
    EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params);
  }
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  if (!key) return nullptr;
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

bool rs256_valid(const EVP_PKEY* key, std::string_view signing_input, std::string_view signature) {
  // PKCS #1 v1.5 signatures are exactly as long as the modulus.
  if (static_cast<int>(signature.size()) != EVP_PKEY_get_size(key)) return false;
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  if (!md) return false;
  bool ok =
      EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, const_cast<EVP_PKEY*>(key)) == 1 &&
      EVP_DigestVerify(
          md, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
          reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) == 1;
  EVP_MD_CTX_free(md);
  return ok;
}

std::optional<std::int64_t> seconds_claim(const json::object& claims, std::string_view key) {
  const auto* v = claims.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() < (1ULL << 62)) return std::int64_t(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  return std::nullopt;
}

bool audience_contains(const json::object& claims, std::string_view client_id) {
  const auto* aud = claims.if_contains("aud");
  if (!aud) return false;
  if (aud->is_string()) return aud->as_string() == client_id;
  if (!aud->is_array()) return false;
  for (const auto& entry : aud->as_array()) {
    if (entry.is_string() && entry.as_string() == client_id) return true;
  }
  return false;
}

// Signature and the checks common to both kinds of token: alg, kid, signature, iss, exp, nbf.
JwtResult verify_common(std::string_view token, const KeySet& keys, std::string_view issuer,
                        std::int64_t now) {
  JwtResult result;
  result.error = JwtError::malformed;
  if (!looks_like_jwt(token)) return result;
  const auto dot1 = token.find('.');
  const auto dot2 = token.find('.', dot1 + 1);
  auto header_text = base64url_decode(token.substr(0, dot1));
  auto payload_text = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = base64url_decode(token.substr(dot2 + 1));
  if (!header_text || !payload_text || !signature) return result;
  auto header = parse_object(*header_text);
  if (!header) return result;
  // Exactly RS256: the algorithm is fixed by us, never chosen by the token (no `none`, no
  // HS256 keyed with the public key).
  if (string_member(*header, "alg") != "RS256") {
    result.error = JwtError::unsupported_alg;
    return result;
  }
  if (header->contains("crit")) return result;  // no extensions are understood
  result.kid = std::string(string_member(*header, "kid"));
  const EVP_PKEY* key = result.kid.empty() ? nullptr : keys.find(result.kid);
  if (!key) {
    result.error = JwtError::unknown_kid;
    return result;
  }
  if (!rs256_valid(key, token.substr(0, dot2), *signature)) {
    result.error = JwtError::bad_signature;
    return result;
  }
  auto claims = parse_object(*payload_text);
  if (!claims) return result;
  if (issuer.empty() || string_member(*claims, "iss") != issuer) {
    result.error = JwtError::wrong_issuer;
    return result;
  }
  const auto exp = seconds_claim(*claims, "exp");
  if (!exp || *exp + kLeewaySeconds <= now) {
    result.error = JwtError::expired;
    return result;
  }
  for (const auto* key_name : {"nbf", "iat"}) {
    const auto* present = claims->if_contains(key_name);
    if (!present) continue;
    const auto at = seconds_claim(*claims, key_name);
    if (!at || *at - kLeewaySeconds > now) {
      result.error = JwtError::not_yet_valid;
      return result;
    }
  }
  if (string_member(*claims, "sub").empty()) return result;
  result.claims = std::move(*claims);
  result.error = JwtError::none;
  return result;
}

JwtResult fail(JwtResult result, JwtError error) {
  result.error = error;
  result.claims = {};
  return result;
}

}  // namespace

KeySet KeySet::parse(std::string_view jwks_json) {
  KeySet set;
  auto doc = parse_object(jwks_json);
  if (!doc) return set;
  const auto* keys = doc->if_contains("keys");
  if (!keys || !keys->is_array()) return set;
  for (const auto& entry : keys->as_array()) {
    if (!entry.is_object()) continue;
    const auto& jwk = entry.as_object();
    const auto kid = string_member(jwk, "kid");
    if (kid.empty() || string_member(jwk, "kty") != "RSA") continue;
    if (jwk.contains("use") && string_member(jwk, "use") != "sig") continue;
    if (jwk.contains("alg") && string_member(jwk, "alg") != "RS256") continue;
    if (auto key = rsa_key(string_member(jwk, "n"), string_member(jwk, "e"))) {
      set.keys_.emplace(std::string(kid), std::move(key));
    }
  }
  return set;
}

const EVP_PKEY* KeySet::find(std::string_view kid) const {
  auto it = keys_.find(kid);
  return it == keys_.end() ? nullptr : it->second.get();
}

std::string_view to_string(JwtError error) {
  switch (error) {
    case JwtError::none:
      return "none";
    case JwtError::malformed:
      return "malformed";
    case JwtError::unsupported_alg:
      return "unsupported_alg";
    case JwtError::unknown_kid:
      return "unknown_kid";
    case JwtError::bad_signature:
      return "bad_signature";
    case JwtError::wrong_issuer:
      return "wrong_issuer";
    case JwtError::wrong_audience:
      return "wrong_audience";
    case JwtError::expired:
      return "expired";
    case JwtError::not_yet_valid:
      return "not_yet_valid";
    case JwtError::wrong_nonce:
      return "wrong_nonce";
    case JwtError::wrong_token_use:
      return "wrong_token_use";
  }
  return "unknown";
}

bool looks_like_jwt(std::string_view token) {
  if (token.size() > 16 * 1024) return false;
  const auto dot1 = token.find('.');
  if (dot1 == std::string_view::npos || dot1 == 0) return false;
  const auto dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || dot2 == dot1 + 1 || dot2 + 1 == token.size()) return false;
  return token.find('.', dot2 + 1) == std::string_view::npos;
}

JwtResult verify_id_token(std::string_view token, const KeySet& keys, const IdTokenCheck& check) {
  auto result = verify_common(token, keys, check.issuer, check.now);
  if (!result) return result;
  const auto& claims = result.claims;
  if (!audience_contains(claims, check.client_id)) return fail(result, JwtError::wrong_audience);
  // With several audiences the token must say which one it was issued to (Core 3.1.3.7 #4-5).
  const auto* aud = claims.if_contains("aud");
  const bool several = aud->is_array() && aud->as_array().size() > 1;
  if ((several || claims.contains("azp")) && string_member(claims, "azp") != check.client_id) {
    return fail(result, JwtError::wrong_audience);
  }
  if (!claims.contains("iat")) return fail(result, JwtError::malformed);
  if (check.nonce.empty() || string_member(claims, "nonce") != check.nonce) {
    return fail(result, JwtError::wrong_nonce);
  }
  // Cognito marks its tokens; an access token must not pass as an id_token either.
  if (claims.contains("token_use") && string_member(claims, "token_use") != "id") {
    return fail(result, JwtError::wrong_token_use);
  }
  return result;
}

JwtResult verify_access_token(std::string_view token, const KeySet& keys,
                              const AccessTokenCheck& check) {
  auto result = verify_common(token, keys, check.issuer, check.now);
  if (!result) return result;
  const auto& claims = result.claims;
  if (string_member(claims, "token_use") != "access") {
    return fail(result, JwtError::wrong_token_use);
  }
  if (string_member(claims, "client_id") != check.client_id &&
      !audience_contains(claims, check.client_id)) {
    return fail(result, JwtError::wrong_audience);
  }
  return result;
}

}  // namespace sn::identity::oidc
