#include "identity/oidc/jwt.hpp"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <boost/json/serialize.hpp>

#include "identity/oidc/oidc_routes.hpp"
#include "identity/oidc/provider.hpp"
#include "identity/oidc/settings.hpp"

namespace sn::identity::oidc {
namespace {
namespace json = boost::json;

constexpr std::int64_t kNow = 1'800'000'000;
constexpr const char* kIssuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Test";
constexpr const char* kClient = "app-client";

// An RSA key made here by OpenSSL, with its JWK.
struct TestKey {
  std::shared_ptr<EVP_PKEY> key;
  std::string kid;

  TestKey(std::string id, int bits = 2048) : key(EVP_RSA_gen(bits), EVP_PKEY_free), kid(id) {}

  json::object jwk() const {
    return {{"kty", "RSA"},
            {"kid", kid},
            {"use", "sig"},
            {"alg", "RS256"},
            {"n", number(OSSL_PKEY_PARAM_RSA_N)},
            {"e", number(OSSL_PKEY_PARAM_RSA_E)}};
  }
  std::string number(const char* name) const {
    BIGNUM* bn = nullptr;
    EVP_PKEY_get_bn_param(key.get(), name, &bn);
    std::string bytes(BN_num_bytes(bn), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(bn);
    return base64url_encode(bytes);
  }
  std::string sign(std::string_view input) const {
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    std::size_t length = 0;
    EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, key.get());
    EVP_DigestSign(md, nullptr, &length, reinterpret_cast<const unsigned char*>(input.data()),
                   input.size());
    std::string signature(length, '\0');
    EVP_DigestSign(md, reinterpret_cast<unsigned char*>(signature.data()), &length,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    EVP_MD_CTX_free(md);
    signature.resize(length);
    return signature;
  }
};

const TestKey& provider_key() {
  static const TestKey key("key-1");
  return key;
}
const TestKey& attacker_key() {
  static const TestKey key("key-1");  // same kid, other key
  return key;
}

KeySet keys() {
  json::array list{provider_key().jwk()};
  return KeySet::parse(json::serialize(json::object{{"keys", list}}));
}

std::string encode_json(const json::object& o) {
  return base64url_encode(json::serialize(o));
}

std::string make_token(const json::object& claims, const TestKey& signer = provider_key(),
                       json::object header = {}) {
  if (header.empty()) header = {{"alg", "RS256"}, {"kid", signer.kid}, {"typ", "JWT"}};
  const auto input = encode_json(header) + "." + encode_json(claims);
  return input + "." + base64url_encode(signer.sign(input));
}

json::object id_claims() {
  return {{"iss", kIssuer},           {"sub", "user-123"},  {"aud", kClient},
          {"iat", kNow - 5},          {"exp", kNow + 3600}, {"nonce", "n-0S6_WzA2Mj"},
          {"email", "a@example.com"}, {"token_use", "id"}};
}

json::object access_claims() {
  return {{"iss", kIssuer},         {"sub", "user-123"}, {"client_id", kClient},
          {"token_use", "access"},  {"iat", kNow - 5},   {"exp", kNow + 3600},
          {"scope", "openid email"}};
}

JwtResult check_id(const std::string& token, std::string nonce = "n-0S6_WzA2Mj") {
  return verify_id_token(token, keys(), {kIssuer, kClient, std::move(nonce), kNow});
}

JwtResult check_access(const std::string& token) {
  return verify_access_token(token, keys(), {kIssuer, kClient, kNow});
}

TEST(Jwt, AcceptsAGoodIdToken) {
  auto result = check_id(make_token(id_claims()));
  ASSERT_TRUE(result) << to_string(result.error);
  EXPECT_EQ(result.claims.at("sub").as_string(), "user-123");
  EXPECT_EQ(result.kid, "key-1");
}

TEST(Jwt, RefusesAlgNoneWithOrWithoutASignature) {
  const auto input =
      encode_json({{"alg", "none"}, {"kid", "key-1"}}) + "." + encode_json(id_claims());
  EXPECT_EQ(check_id(input + ".").error, JwtError::malformed);
  EXPECT_EQ(check_id(input + "." + base64url_encode("x")).error, JwtError::unsupported_alg);
  const auto upper =
      encode_json({{"alg", "NONE"}, {"kid", "key-1"}}) + "." + encode_json(id_claims()) + ".AAAA";
  EXPECT_EQ(check_id(upper).error, JwtError::unsupported_alg);
}

TEST(Jwt, RefusesHs256SignedWithThePublicKey) {
  // The classic confusion attack: HMAC keyed with the (public) modulus.
  const auto input =
      encode_json({{"alg", "HS256"}, {"kid", "key-1"}}) + "." + encode_json(id_claims());
  const auto secret = provider_key().number(OSSL_PKEY_PARAM_RSA_N);
  unsigned char mac[32];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), int(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  const auto token =
      input + "." + base64url_encode(std::string_view(reinterpret_cast<char*>(mac), length));
  EXPECT_EQ(check_id(token).error, JwtError::unsupported_alg);
  EXPECT_EQ(check_access(token).error, JwtError::unsupported_alg);
}

TEST(Jwt, ReportsAnUnknownKidSoTheCallerCanRefetch) {
  const TestKey other("key-2");
  auto result = check_id(make_token(id_claims(), other));
  EXPECT_EQ(result.error, JwtError::unknown_kid);
  EXPECT_EQ(result.kid, "key-2");
  EXPECT_EQ(check_id(make_token(id_claims(), provider_key(), {{"alg", "RS256"}})).error,
            JwtError::unknown_kid);  // no kid at all
}

TEST(Jwt, RefusesABadSignature) {
  EXPECT_EQ(check_id(make_token(id_claims(), attacker_key())).error, JwtError::bad_signature);
  // A valid token whose payload was edited afterwards.
  auto token = make_token(id_claims());
  const auto dot1 = token.find('.');
  const auto dot2 = token.find('.', dot1 + 1);
  auto claims = id_claims();
  claims["sub"] = "admin";
  token = token.substr(0, dot1 + 1) + encode_json(claims) + token.substr(dot2);
  EXPECT_EQ(check_id(token).error, JwtError::bad_signature);
}

TEST(Jwt, RefusesAnExpiredToken) {
  auto claims = id_claims();
  claims["exp"] = kNow - kLeewaySeconds - 1;
  EXPECT_EQ(check_id(make_token(claims)).error, JwtError::expired);
  claims["exp"] = kNow - 10;  // within the clock-skew allowance
  EXPECT_TRUE(check_id(make_token(claims)));
  claims.erase("exp");
  EXPECT_EQ(check_id(make_token(claims)).error, JwtError::expired);
  auto future = id_claims();
  future["iat"] = kNow + 3600;
  EXPECT_EQ(check_id(make_token(future)).error, JwtError::not_yet_valid);
}

TEST(Jwt, RefusesAnotherIssuer) {
  auto claims = id_claims();
  claims["iss"] = std::string(kIssuer) + "/";
  EXPECT_EQ(check_id(make_token(claims)).error, JwtError::wrong_issuer);
  EXPECT_EQ(check_access(make_token(access_claims())).error, JwtError::none);
  auto access = access_claims();
  access["iss"] = "https://evil.example.com";
  EXPECT_EQ(check_access(make_token(access)).error, JwtError::wrong_issuer);
}

TEST(Jwt, RefusesAnIdTokenForAnotherAudience) {
  auto claims = id_claims();
  claims["aud"] = "another-client";
  EXPECT_EQ(check_id(make_token(claims)).error, JwtError::wrong_audience);
  claims["aud"] = json::array{"another-client", kClient};  // several: azp must name us
  EXPECT_EQ(check_id(make_token(claims)).error, JwtError::wrong_audience);
  claims["azp"] = kClient;
  EXPECT_TRUE(check_id(make_token(claims)));
  claims["azp"] = "another-client";
  EXPECT_EQ(check_id(make_token(claims)).error, JwtError::wrong_audience);
}

TEST(Jwt, RefusesTheWrongNonce) {
  EXPECT_EQ(check_id(make_token(id_claims()), "another-nonce").error, JwtError::wrong_nonce);
  auto claims = id_claims();
  claims.erase("nonce");
  EXPECT_EQ(check_id(make_token(claims)).error, JwtError::wrong_nonce);
  EXPECT_EQ(check_id(make_token(claims), "").error, JwtError::wrong_nonce);
}

TEST(Jwt, TellsIdTokensAndAccessTokensApart) {
  EXPECT_EQ(check_access(make_token(id_claims())).error, JwtError::wrong_token_use);
  EXPECT_EQ(check_id(make_token(access_claims())).error, JwtError::wrong_audience);
  auto access_with_aud = access_claims();
  access_with_aud["aud"] = kClient;
  access_with_aud["nonce"] = "n-0S6_WzA2Mj";
  EXPECT_EQ(check_id(make_token(access_with_aud)).error, JwtError::wrong_token_use);
}

TEST(Jwt, AcceptsAnAccessTokenForThisClientByClientIdOrAudience) {
  EXPECT_TRUE(check_access(make_token(access_claims())));
  auto claims = access_claims();
  claims["client_id"] = "another-client";
  EXPECT_EQ(check_access(make_token(claims)).error, JwtError::wrong_audience);
  claims["aud"] = json::array{"https://api.example.com", kClient};
  EXPECT_TRUE(check_access(make_token(claims)));
  claims.erase("token_use");
  EXPECT_EQ(check_access(make_token(claims)).error, JwtError::wrong_token_use);
}

TEST(Jwt, KeySetKeepsOnlyRsaSigningKeysOfAtLeast2048Bits) {
  const TestKey small("small", 1024);
  auto enc = provider_key().jwk();
  enc["kid"] = "enc";
  enc["use"] = "enc";
  auto hs = provider_key().jwk();
  hs["kid"] = "hs";
  hs["alg"] = "HS256";
  json::object ec{{"kty", "EC"}, {"kid", "ec"}, {"crv", "P-256"}, {"x", "AA"}, {"y", "AA"}};
  json::array list{provider_key().jwk(), small.jwk(), enc, hs, ec};
  const auto set = KeySet::parse(json::serialize(json::object{{"keys", list}}));
  EXPECT_EQ(set.size(), 1u);
  EXPECT_NE(set.find("key-1"), nullptr);
  EXPECT_EQ(KeySet::parse("not json").size(), 0u);
}

TEST(Jwt, RecognisesTheShapeOfACompactJws) {
  EXPECT_TRUE(looks_like_jwt("a.b.c"));
  EXPECT_FALSE(looks_like_jwt("abc"));
  EXPECT_FALSE(looks_like_jwt("a..c"));
  EXPECT_FALSE(looks_like_jwt("a.b.c.d"));
  EXPECT_FALSE(looks_like_jwt(".b.c"));
}

TEST(Oidc, PkceChallengeIsS256OfTheVerifier) {
  // RFC 7636, appendix B.
  EXPECT_EQ(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Oidc, MapsTheGroupClaimToTheHighestRole) {
  std::string error;
  const auto map = parse_role_map("admins=admin,teachers=instructor", error);
  ASSERT_TRUE(map) << error;
  const json::value groups = json::array{"staff", "teachers"};
  EXPECT_EQ(map_role(&groups, *map), http::Role::instructor);
  const json::value both = json::array{"teachers", "admins"};
  EXPECT_EQ(map_role(&both, *map), http::Role::admin);
  const json::value single = "admins";
  EXPECT_EQ(map_role(&single, *map), http::Role::admin);
  const json::value unmapped = json::array{"Admins"};
  EXPECT_EQ(map_role(&unmapped, *map), http::Role::learner);
  EXPECT_EQ(map_role(nullptr, *map), http::Role::learner);
  EXPECT_FALSE(parse_role_map("admins=root", error));
  EXPECT_FALSE(parse_role_map("=admin", error));
}

TEST(Oidc, ReturnsOnlyToPathsOnThisSite) {
  EXPECT_EQ(safe_return_to("/courses/1?tab=2"), "/courses/1?tab=2");
  EXPECT_EQ(safe_return_to("//evil.example.com/"), "/");
  EXPECT_EQ(safe_return_to("/\\evil.example.com"), "/");
  EXPECT_EQ(safe_return_to("https://evil.example.com/"), "/");
  EXPECT_EQ(safe_return_to("/a\r\nSet-Cookie: x=y"), "/");
  EXPECT_EQ(safe_return_to(""), "/");
}

TEST(Oidc, AllowsPlainHttpOnlyForLoopbackProviders) {
  EXPECT_TRUE(allowed_provider_url("https://idp.example.com/x"));
  EXPECT_TRUE(allowed_provider_url("http://127.0.0.1:9000/"));
  EXPECT_TRUE(allowed_provider_url("http://[::1]:9000/"));
  EXPECT_TRUE(allowed_provider_url("http://localhost:9000/"));
  EXPECT_FALSE(allowed_provider_url("http://idp.example.com/"));
  EXPECT_FALSE(allowed_provider_url("http://127.0.0.1.nip.io/"));
  EXPECT_FALSE(allowed_provider_url("file:///etc/passwd"));
  EXPECT_FALSE(allowed_provider_url("https://user:pw@idp.example.com/"));
}

}  // namespace
}  // namespace sn::identity::oidc
