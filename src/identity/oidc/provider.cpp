#include "identity/oidc/provider.hpp"

#include <openssl/sha.h>

#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "core/log.hpp"

namespace sn::identity::oidc {
namespace asio = boost::asio;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

std::string member(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::object json_object(const HttpResult& result, std::string_view what) {
  if (result.status != 200) {
    throw ProviderError(std::string(what) + " answered HTTP " + std::to_string(result.status));
  }
  boost::system::error_code ec;
  auto value = json::parse(result.body, ec);
  if (ec || !value.is_object()) throw ProviderError(std::string(what) + " is not a JSON object");
  return std::move(value.as_object());
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string pkce_challenge(std::string_view verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest);
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

Provider::Provider(Settings settings) : settings_(std::move(settings)) {}

asio::awaitable<Discovery> Provider::discovery() {
  {
    std::lock_guard lock(mutex_);
    if (discovery_ && Clock::now() - discovery_at_ < kCacheLifetime) co_return *discovery_;
  }
  std::string base = settings_.issuer;
  while (!base.empty() && base.back() == '/')
    base.pop_back();
  Discovery found;
  std::string failure;
  try {
    auto answer = co_await http_.get(base + "/.well-known/openid-configuration");
    const auto doc = json_object(answer, "the discovery document");
    // OpenID Connect Discovery 4.3: the document must name exactly the configured issuer.
    if (member(doc, "issuer") != settings_.issuer) {
      throw ProviderError("the discovery document names another issuer");
    }
    found.authorization_endpoint = member(doc, "authorization_endpoint");
    found.token_endpoint = member(doc, "token_endpoint");
    found.jwks_uri = member(doc, "jwks_uri");
    for (const auto* url :
         {&found.authorization_endpoint, &found.token_endpoint, &found.jwks_uri}) {
      if (!allowed_provider_url(*url)) {
        throw ProviderError("the discovery document lacks an endpoint or names a non-https one");
      }
    }
  } catch (const std::exception& e) {
    failure = e.what();
  }
  std::lock_guard lock(mutex_);
  if (!failure.empty()) {
    // A stale document beats none while the provider is briefly unreachable.
    if (discovery_) co_return *discovery_;
    throw ProviderError(failure);
  }
  discovery_ = found;
  discovery_at_ = Clock::now();
  co_return found;
}

asio::awaitable<std::string> Provider::authorization_url(std::string redirect_uri,
                                                         std::string state, std::string nonce,
                                                         std::string code_challenge) {
  const auto endpoints = co_await discovery();
  boost::urls::url url(endpoints.authorization_endpoint);
  auto params = url.params();
  params.append({"response_type", "code"});
  params.append({"client_id", settings_.client_id});
  params.append({"redirect_uri", redirect_uri});
  params.append({"scope", settings_.scopes});
  params.append({"state", state});
  params.append({"nonce", nonce});
  params.append({"code_challenge", code_challenge});
  params.append({"code_challenge_method", "S256"});
  co_return std::string(url.buffer());
}

asio::awaitable<std::string> Provider::exchange_code(std::string redirect_uri, std::string code,
                                                     std::string code_verifier) {
  const auto endpoints = co_await discovery();
  const std::string form = "grant_type=authorization_code&code=" + form_encode(code) +
                           "&redirect_uri=" + form_encode(redirect_uri) +
                           "&code_verifier=" + form_encode(code_verifier);
  HttpResult answer;
  try {
    answer = co_await http_.post_form(endpoints.token_endpoint, form, settings_.client_id,
                                      settings_.client_secret);
  } catch (const std::exception& e) {
    throw ProviderError(e.what());
  }
  if (answer.status != 200) {
    // The error code (RFC 6749 5.2) is safe to log; the rest of the body is not ours to echo.
    boost::system::error_code ec;
    auto value = json::parse(answer.body, ec);
    std::string error = !ec && value.is_object() ? member(value.as_object(), "error") : "";
    if (error.size() > 64) error.resize(64);
    throw ProviderError("the token endpoint answered HTTP " + std::to_string(answer.status) +
                        (error.empty() ? "" : " (" + error + ")"));
  }
  const auto tokens = json_object(answer, "the token response");
  auto id_token = member(tokens, "id_token");
  if (id_token.empty()) throw ProviderError("the token response holds no id_token");
  co_return id_token;
}

asio::awaitable<std::shared_ptr<const KeySet>> Provider::keys(bool unknown_kid) {
  {
    std::lock_guard lock(mutex_);
    const auto age = Clock::now() - keys_at_;
    if (keys_ && !unknown_kid && age < kCacheLifetime) co_return keys_;
    // Rate limit: a token with an unknown kid gets one fresh look at the JWKS per interval.
    if (keys_ && unknown_kid && age < kRefetchInterval) co_return nullptr;
    keys_at_ = Clock::now();  // reserved before fetching, so concurrent callers do not pile on
  }
  const auto endpoints = co_await discovery();
  std::shared_ptr<const KeySet> fresh;
  std::string failure;
  try {
    auto answer = co_await http_.get(endpoints.jwks_uri);
    json_object(answer, "the JWKS");  // status and shape
    fresh = std::make_shared<const KeySet>(KeySet::parse(answer.body));
    if (fresh->size() == 0) failure = "the JWKS holds no RS256 signing key";
  } catch (const std::exception& e) {
    failure = e.what();
  }
  std::lock_guard lock(mutex_);
  if (!failure.empty()) {
    log::warn("cannot fetch the provider's signing keys", {{"error", failure}});
    if (keys_) co_return keys_;
    throw ProviderError(failure);
  }
  keys_ = fresh;
  co_return fresh;
}

asio::awaitable<JwtResult> Provider::verify(std::string token, bool id_token, std::string nonce) {
  auto check = [&](const KeySet& set) {
    return id_token ? oidc::verify_id_token(
                          token, set, {settings_.issuer, settings_.client_id, nonce, unix_now()})
                    : oidc::verify_access_token(
                          token, set, {settings_.issuer, settings_.client_id, unix_now()});
  };
  auto set = co_await keys(false);
  auto result = check(*set);
  if (result.error == JwtError::unknown_kid) {
    // The provider may have rotated its keys since we fetched them.
    auto fresh = co_await keys(true);
    if (fresh) result = check(*fresh);
  }
  co_return result;
}

asio::awaitable<JwtResult> Provider::verify_id_token(std::string token, std::string nonce) {
  co_return co_await verify(std::move(token), true, std::move(nonce));
}

asio::awaitable<JwtResult> Provider::verify_access_token(std::string token) {
  co_return co_await verify(std::move(token), false, {});
}

}  // namespace sn::identity::oidc
