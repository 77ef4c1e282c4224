#pragma once
// Web sessions: an opaque token in a cookie, its hash in `sessions`. Idle and absolute timeouts;
// revocation is a database row. Live sessions are cached in memory for up to half a minute, so
// most requests need no lookup; a trigger announces every revocation (db/invalidations.hpp), which
// drops the entry on this instance before the revoking statement returns and on the others
// within a round trip. Without a live invalidation listener nothing is cached.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "db/invalidated_cache.hpp"
#include "http/access.hpp"
#include "http/types.hpp"

namespace sn::identity {

struct SessionOptions {
  std::chrono::minutes idle{30};
  std::chrono::hours absolute{12};
  std::chrono::minutes access_token{15};
  std::chrono::hours api_session{24 * 30};  // a refresh-token family lives at most this long
  bool secure_cookie = true;                // false only for plain-http loopback (development)
};

class SessionStore {
 public:
  // With `invalidations`, live sessions are cached (see above).
  SessionStore(db::Database& db, SessionOptions options,
               db::Invalidations* invalidations = nullptr);
  ~SessionStore();

  // A new session for `user_id`; returns the token for the cookie. `auth_method` is how the
  // user proved who they are: "password", "password+totp" or "oidc".
  boost::asio::awaitable<std::string> create(std::string user_id, std::string client,
                                             std::string user_agent,
                                             std::string auth_method = "password");
  // The caller behind a session token, if it is live and its user active.
  boost::asio::awaitable<std::optional<http::Principal>> authenticate(std::string token);
  boost::asio::awaitable<void> revoke(std::string session_id);

  // Mobile and API clients: a session of kind 'api' holding a short-lived access token and a
  // single-use refresh token.
  struct TokenPair {
    std::string access_token;
    std::string refresh_token;
    std::chrono::seconds expires_in;
  };
  boost::asio::awaitable<TokenPair> create_api(std::string user_id, std::string client,
                                               std::string user_agent,
                                               std::string auth_method = "password");
  // Trades a refresh token for a new pair. A refresh token used a second time means it was
  // stolen: the whole family (session) is revoked. nullopt for anything not usable; the reuse
  // case also returns the user whose family was revoked, for the audit trail.
  struct RefreshOutcome {
    std::optional<TokenPair> pair;
    std::optional<std::string> reused_by_user;
  };
  boost::asio::awaitable<RefreshOutcome> refresh(std::string refresh_token);
  boost::asio::awaitable<std::optional<http::Principal>> authenticate_bearer(std::string token);

  // The cookie's name: browsers insist on Secure for the __Host- prefix.
  std::string cookie_name() const;
  std::string set_cookie(const std::string& token) const;
  std::string clear_cookie() const;
  // The bearer token in a request's Authorization header, if any.
  static std::optional<std::string> bearer_from(const http::Request& request);
  // The session token in a request's Cookie header, if any.
  std::optional<std::string> token_from(const http::Request& request) const;

 private:
  boost::asio::awaitable<TokenPair> issue_pair(const std::string& session_id);

  static constexpr std::size_t kCachedSessions = 100000;
  static constexpr std::chrono::seconds kCachedSessionTtl{30};

  db::Database& db_;
  SessionOptions options_;
  std::unique_ptr<db::InvalidatedCache<http::Principal>> cache_;
};

}  // namespace sn::identity
