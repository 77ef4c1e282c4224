#include "identity/sessions.hpp"

#include "identity/tokens.hpp"

namespace sn::identity {
namespace asio = boost::asio;

namespace {

// Admin routes need a session that was signed in with a second factor: our TOTP (at sign-in,
// or enrolled during this session), or the identity provider's own. An older password-only
// session of an account that enrols later does not qualify.
#define SECOND_FACTOR "(s.auth_method IN ('password+totp', 'oidc'))"

constexpr db::Query kCreate{
    "sessions.create",
    "INSERT INTO sessions (token_hash, user_id, expires_at, client_address, user_agent, "
    "auth_method) VALUES ($1, $2, now() + make_interval(secs => $3), $4::inet, $5, $6)"};

// One indexed lookup per request (token_hash is unique).
constexpr db::Query kLookup{
    "sessions.lookup",
    "SELECT s.id, u.id, u.role, " SECOND_FACTOR
    ", "
    "s.last_seen_at < now() - interval '1 minute' AS stale, "
    "extract(epoch FROM least(s.expires_at, s.last_seen_at + make_interval(secs => $2)) - now())"
    "::int8 AS remaining_seconds "
    "FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() "
    "AND s.last_seen_at > now() - make_interval(secs => $2) AND u.status = 'active'"};

// Written at most once a minute per session, not on every request.
constexpr db::Query kTouch{"sessions.touch",
                           "UPDATE sessions SET last_seen_at = now() WHERE id = $1"};

constexpr db::Query kRevoke{
    "sessions.revoke",
    "UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL"};

constexpr db::Query kCreateApi{
    "sessions.create_api",
    "INSERT INTO sessions (token_hash, user_id, expires_at, client_address, user_agent, kind, "
    "auth_method) VALUES ($1, $2, now() + make_interval(secs => $3), $4::inet, $5, 'api', $6) "
    "RETURNING id"};
constexpr db::Query kIssueAccess{"sessions.issue_access",
                                 "INSERT INTO access_tokens (token_hash, session_id, expires_at) "
                                 "VALUES ($1, $2, now() + make_interval(secs => $3))"};
constexpr db::Query kIssueRefresh{"sessions.issue_refresh",
                                  "INSERT INTO refresh_tokens (token_hash, session_id, expires_at) "
                                  "SELECT $1, id, expires_at FROM sessions WHERE id = $2"};
// Single use: the token is spent by the statement that checks it.
constexpr db::Query kUseRefresh{
    "sessions.use_refresh",
    "UPDATE refresh_tokens r SET used_at = now() FROM sessions s, users u "
    "WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() "
    "AND s.id = r.session_id AND s.revoked_at IS NULL AND s.expires_at > now() "
    "AND u.id = s.user_id AND u.status = 'active' RETURNING r.session_id"};
// A spent token presented again: revoke its family.
constexpr db::Query kRevokeReusedFamily{
    "sessions.revoke_reused_family",
    "UPDATE sessions s SET revoked_at = coalesce(s.revoked_at, now()) FROM refresh_tokens r "
    "WHERE r.token_hash = $1 AND r.used_at IS NOT NULL AND s.id = r.session_id "
    "RETURNING s.user_id"};
constexpr db::Query kBearer{
    "sessions.bearer", "SELECT s.id, u.id, u.role, " SECOND_FACTOR
                       " FROM access_tokens a "
                       "JOIN sessions s ON s.id = a.session_id JOIN users u ON u.id = s.user_id "
                       "WHERE a.token_hash = $1 AND a.expires_at > now() AND s.revoked_at IS NULL "
                       "AND s.expires_at > now() AND u.status = 'active'"};

std::int64_t seconds_of(auto duration) {
  return std::chrono::duration_cast<std::chrono::seconds>(duration).count();
}

// Columns 0..3 of the lookups: session id, user id, role, second factor.
http::Principal principal_from(const db::Result& rows, bool via_cookie) {
  http::Principal principal;
  principal.session_id = std::string(rows.text(0, 0));
  principal.user_id = std::string(rows.text(0, 1));
  principal.role = http::parse_role(rows.text(0, 2)).value_or(http::Role::learner);
  principal.second_factor = rows.boolean(0, 3);
  principal.via_cookie = via_cookie;
  return principal;
}

}  // namespace

asio::awaitable<SessionStore::TokenPair> SessionStore::issue_pair(const std::string& session_id) {
  auto access = issue_token();
  auto refresh = issue_token();
  auto tx = co_await db_.begin();
  co_await tx.execute(kIssueAccess, access.hash, session_id, seconds_of(options_.access_token));
  co_await tx.execute(kIssueRefresh, refresh.hash, session_id);
  co_await tx.commit();
  co_return TokenPair{access.token, refresh.token,
                      std::chrono::seconds(seconds_of(options_.access_token))};
}

asio::awaitable<SessionStore::TokenPair> SessionStore::create_api(std::string user_id,
                                                                  std::string client,
                                                                  std::string user_agent,
                                                                  std::string auth_method) {
  // The session row's own token is never handed out: the family is reached through its tokens.
  auto rows =
      co_await db_.query(kCreateApi, issue_token().hash, user_id, seconds_of(options_.api_session),
                         client, user_agent.substr(0, 512), auth_method);
  co_return co_await issue_pair(std::string(rows.text(0, 0)));
}

asio::awaitable<SessionStore::RefreshOutcome> SessionStore::refresh(std::string refresh_token) {
  const auto hash = token_hash(refresh_token);
  auto used = co_await db_.query(kUseRefresh, hash);
  // Filled in step by step, not `co_return Outcome{co_await …}`: GCC 12 destroys the temporaries
  // of a co_await inside an aggregate initializer twice (a double free, seen here).
  RefreshOutcome outcome;
  if (!used.empty()) {
    outcome.pair = co_await issue_pair(std::string(used.text(0, 0)));
    co_return outcome;
  }
  auto reused = co_await db_.query(kRevokeReusedFamily, hash);
  if (!reused.empty()) outcome.reused_by_user = std::string(reused.text(0, 0));
  co_return outcome;
}

asio::awaitable<std::optional<http::Principal>> SessionStore::authenticate_bearer(
    std::string token) {
  auto rows = co_await db_.query(kBearer, token_hash(token));
  if (rows.empty()) co_return std::nullopt;
  co_return principal_from(rows, false);
}

std::optional<std::string> SessionStore::bearer_from(const http::Request& request) {
  std::string_view value = request[boost::beast::http::field::authorization];
  if (value.size() < 7 || !(value.starts_with("Bearer ") || value.starts_with("bearer "))) {
    return std::nullopt;
  }
  value.remove_prefix(7);
  if (value.size() < 40 || value.size() > 64) return std::nullopt;
  return std::string(value);
}

asio::awaitable<std::string> SessionStore::create(std::string user_id, std::string client,
                                                  std::string user_agent, std::string auth_method) {
  auto issued = issue_token();
  co_await db_.query(kCreate, issued.hash, user_id, seconds_of(options_.absolute), client,
                     user_agent.substr(0, 512), auth_method);
  co_return issued.token;
}

SessionStore::SessionStore(db::Database& db, SessionOptions options,
                           db::Invalidations* invalidations)
    : db_(db), options_(options) {
  if (invalidations) {
    cache_ = std::make_unique<db::InvalidatedCache<http::Principal>>(
        *invalidations, "sessions", "session", kCachedSessions, kCachedSessionTtl);
  }
}

SessionStore::~SessionStore() = default;

asio::awaitable<std::optional<http::Principal>> SessionStore::authenticate(std::string token) {
  auto hash = token_hash(token);
  if (cache_) {
    if (auto principal = cache_->get(hash)) co_return principal;
  }
  const auto ticket = cache_ ? cache_->ticket() : db::InvalidatedCache<http::Principal>::Ticket{};
  auto rows = co_await db_.query(kLookup, hash, seconds_of(options_.idle));
  if (rows.empty()) co_return std::nullopt;
  auto principal = principal_from(rows, true);
  if (rows.boolean(0, 4)) co_await db_.query(kTouch, principal.session_id);
  if (cache_) {
    // Never past the session's own end (absolute, or idle as of this lookup).
    const auto remaining = std::chrono::seconds(rows.integer(0, 5));
    if (remaining.count() > 1) cache_->put(hash, principal, ticket, remaining);
  }
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
