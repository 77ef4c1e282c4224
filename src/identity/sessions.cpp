#include "identity/sessions.hpp"

#include "identity/tokens.hpp"

namespace sn::identity {
namespace asio = boost::asio;

namespace {

constexpr db::Query kCreate{
    "sessions.create",
    "INSERT INTO sessions (token_hash, user_id, expires_at, client_address, user_agent) "
    "VALUES ($1, $2, now() + make_interval(secs => $3), $4::inet, $5)"};

// One indexed lookup per request (token_hash is unique).
constexpr db::Query kLookup{
    "sessions.lookup",
    "SELECT s.id, u.id, u.role, s.last_seen_at < now() - interval '1 minute' AS stale "
    "FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() "
    "AND s.last_seen_at > now() - make_interval(secs => $2) AND u.status = 'active'"};

// Written at most once a minute per session, not on every request.
constexpr db::Query kTouch{"sessions.touch",
                           "UPDATE sessions SET last_seen_at = now() WHERE id = $1"};

constexpr db::Query kRevoke{
    "sessions.revoke",
    "UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL"};

}  // namespace

asio::awaitable<std::string> SessionStore::create(std::string user_id, std::string client,
                                                  std::string user_agent) {
  auto issued = issue_token();
  const auto absolute = std::chrono::duration_cast<std::chrono::seconds>(options_.absolute);
  co_await db_.query(kCreate, issued.hash, user_id, absolute.count(), client,
                     user_agent.substr(0, 512));
  co_return issued.token;
}

asio::awaitable<std::optional<http::Principal>> SessionStore::authenticate(std::string token) {
  const auto idle = std::chrono::duration_cast<std::chrono::seconds>(options_.idle);
  auto rows = co_await db_.query(kLookup, token_hash(token), idle.count());
  if (rows.empty()) co_return std::nullopt;
  http::Principal principal;
  principal.session_id = std::string(rows.text(0, 0));
  principal.user_id = std::string(rows.text(0, 1));
  principal.role = http::parse_role(rows.text(0, 2)).value_or(http::Role::learner);
  principal.via_cookie = true;
  if (rows.boolean(0, 3)) co_await db_.query(kTouch, principal.session_id);
  co_return principal;
}

asio::awaitable<void> SessionStore::revoke(std::string session_id) {
  co_await db_.query(kRevoke, session_id);
}

std::string SessionStore::cookie_name() const {
  return options_.secure_cookie ? "__Host-sn_session" : "sn_session";
}

std::string SessionStore::set_cookie(const std::string& token) const {
  // No Max-Age: the cookie ends with the browser; the server enforces the real limits.
  return cookie_name() + "=" + token + "; Path=/; HttpOnly; SameSite=Lax" +
         (options_.secure_cookie ? "; Secure" : "");
}

std::string SessionStore::clear_cookie() const {
  return cookie_name() + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
         (options_.secure_cookie ? "; Secure" : "");
}

std::optional<std::string> SessionStore::token_from(const http::Request& request) const {
  const auto name = cookie_name();
  auto [first, last] = request.equal_range(boost::beast::http::field::cookie);
  for (auto it = first; it != last; ++it) {
    std::string_view cookies = it->value();
    while (!cookies.empty()) {
      auto semi = cookies.find(';');
      auto pair = cookies.substr(0, semi);
      while (!pair.empty() && pair.front() == ' ')
        pair.remove_prefix(1);
      if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
        auto value = pair.substr(name.size() + 1);
        if (value.size() >= 40 && value.size() <= 64) return std::string(value);
        return std::nullopt;
      }
      if (semi == std::string_view::npos) break;
      cookies.remove_prefix(semi + 1);
    }
  }
  return std::nullopt;
}

}  // namespace sn::identity
