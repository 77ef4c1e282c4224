#pragma once
// Web sessions: an opaque token in a cookie, its hash in `sessions`. Idle and absolute timeouts;
// revocation is a database row, so every instance sees it at the next request.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "http/access.hpp"
#include "http/types.hpp"

namespace sn::identity {

struct SessionOptions {
  std::chrono::minutes idle{30};
  std::chrono::hours absolute{12};
  bool secure_cookie = true;  // false only for plain-http loopback (development)
};

class SessionStore {
 public:
  SessionStore(db::Database& db, SessionOptions options) : db_(db), options_(options) {}

  // A new session for `user_id`; returns the token for the cookie.
  boost::asio::awaitable<std::string> create(std::string user_id, std::string client,
                                             std::string user_agent);
  // The caller behind a session token, if it is live and its user active.
  boost::asio::awaitable<std::optional<http::Principal>> authenticate(std::string token);
  boost::asio::awaitable<void> revoke(std::string session_id);

  // The cookie's name: browsers insist on Secure for the __Host- prefix.
  std::string cookie_name() const;
  std::string set_cookie(const std::string& token) const;
  std::string clear_cookie() const;
  // The session token in a request's Cookie header, if any.
  std::optional<std::string> token_from(const http::Request& request) const;

 private:
  db::Database& db_;
  SessionOptions options_;
};

}  // namespace sn::identity
