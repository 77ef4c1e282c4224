#pragma once
// One configured OpenID provider: its discovery document and signing keys (cached; the keys are
// fetched again when a token names a kid we do not know, at most once per kRefetchInterval, so
// junk tokens cannot make us hammer the provider), the authorization URL, the code exchange, and
// token verification.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "identity/oidc/http_client.hpp"
#include "identity/oidc/jwt.hpp"
#include "identity/oidc/settings.hpp"

namespace sn::identity::oidc {

struct Discovery {
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
};

// The provider could not be reached or answered nonsense. what() is fit for logs: it never holds
// a code, token or secret.
class ProviderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Provider {
 public:
  static constexpr std::chrono::seconds kRefetchInterval{30};
  static constexpr std::chrono::hours kCacheLifetime{12};

  explicit Provider(Settings settings);

  const Settings& settings() const { return settings_; }

  boost::asio::awaitable<Discovery> discovery();
  boost::asio::awaitable<std::string> authorization_url(std::string redirect_uri, std::string state,
                                                        std::string nonce,
                                                        std::string code_challenge);
  // Trades an authorization code (with the PKCE verifier and the client secret) for tokens;
  // returns the id_token.
  boost::asio::awaitable<std::string> exchange_code(std::string redirect_uri, std::string code,
                                                    std::string code_verifier);

  boost::asio::awaitable<JwtResult> verify_id_token(std::string token, std::string nonce);
  boost::asio::awaitable<JwtResult> verify_access_token(std::string token);

 private:
  boost::asio::awaitable<JwtResult> verify(std::string token, bool id_token, std::string nonce);
  boost::asio::awaitable<std::shared_ptr<const KeySet>> keys(bool unknown_kid);

  Settings settings_;
  HttpClient http_;
  std::mutex mutex_;
  std::optional<Discovery> discovery_;
  std::chrono::steady_clock::time_point discovery_at_;
  std::shared_ptr<const KeySet> keys_;
  std::chrono::steady_clock::time_point keys_at_;
};

// The S256 PKCE challenge of a verifier (RFC 7636 4.2).
std::string pkce_challenge(std::string_view verifier);

}  // namespace sn::identity::oidc
