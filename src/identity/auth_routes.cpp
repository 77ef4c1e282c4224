#include "identity/auth_routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cctype>

#include "core/error.hpp"
#include "core/log.hpp"
#include "http/inputs.hpp"
#include "identity/mfa.hpp"
#include "identity/tokens.hpp"

namespace sn::identity {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;

namespace {

constexpr db::Query kUserByEmail{"auth.user_by_email",
                                 "SELECT id, password_hash, status, totp_enabled_at IS NOT NULL, "
                                 "email_verified_at IS NOT NULL FROM users "
                                 "WHERE lower(email) = lower($1)"};
constexpr db::Query kMe{"auth.me",
                        "SELECT id, email, name, role, email_verified_at IS NOT NULL AS verified, "
                        "totp_enabled_at IS NOT NULL AS mfa FROM users WHERE id = $1"};
constexpr db::Query kCreateAdmin{
    "auth.create_admin",
    "INSERT INTO users (email, name, role, status) VALUES ($1, $2, 'admin', 'active') "
    "ON CONFLICT DO NOTHING RETURNING id"};
constexpr db::Query kCreateToken{
    "auth.create_token",
    "INSERT INTO user_tokens (token_hash, user_id, purpose, expires_at) "
    "VALUES ($1, $2, $3, now() + make_interval(secs => $4))"};
// Looked up before the (deliberately slow) password hash, so made-up tokens cost no hashing.
constexpr db::Query kTokenIsLive{
    "auth.token_is_live",
    "SELECT 1 FROM user_tokens WHERE token_hash = $1 AND used_at IS NULL "
    "AND expires_at > now() AND purpose IN ('password_set', 'password_reset')"};
// Consumes the token in the same statement that checks it: it works once.
constexpr db::Query kUseToken{
    "auth.use_token",
    "UPDATE user_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL "
    "AND expires_at > now() AND purpose IN ('password_set', 'password_reset') RETURNING user_id"};
constexpr db::Query kSetPassword{
    "auth.set_password", "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1"};
// A link mailed to the account was followed: the mailbox is proven, an invitation accepted.
constexpr db::Query kMailboxProven{
    "auth.mailbox_proven",
    "UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), "
    "status = CASE WHEN status = 'invited' THEN 'active' ELSE status END WHERE id = $1"};
constexpr db::Query kListSessions{
    "auth.list_sessions",
    "SELECT id, created_at, last_seen_at, host(client_address) AS client, user_agent "
    "FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() "
    "ORDER BY last_seen_at DESC LIMIT 100"};
constexpr db::Query kRevokeOwn{
    "auth.revoke_own_session",
    "UPDATE sessions SET revoked_at = now() WHERE id = $1::uuid AND user_id = $2 "
    "AND revoked_at IS NULL RETURNING id"};
constexpr db::Query kRevokeOthers{
    "auth.revoke_other_sessions",
    "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 "
    "AND id IS DISTINCT FROM nullif($2, '')::uuid AND revoked_at IS NULL"};
constexpr db::Query kPasswordHash{"auth.password_hash",
                                  "SELECT password_hash FROM users WHERE id = $1"};
constexpr db::Query kRevokeAll{
    "auth.revoke_all_sessions",
    "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL"};

// Compared against when the email is unknown, so the answer takes as long either way.
const std::string& decoy_hash(PasswordHasher& hasher) {
  static const std::string hash = hasher.hash_now("decoy password, never valid");
  return hash;
}

}  // namespace

asio::awaitable<void> audit(db::Database& db, std::string_view event,
                            std::optional<std::string> user_id, std::string client,
                            std::string detail_json) {
  co_await db.query(kAudit, event, user_id, client, detail_json);
}

struct SignedIn {
  std::string user_id;
  std::string method;  // "password" or "password+totp", recorded on the session
};

// The checks every password sign-in goes through: throttle, password (equal work for unknown
// emails), account status, then the second factor when the account has one; failures audited
// and counted, so guessing codes is throttled like guessing passwords.
asio::awaitable<SignedIn> sign_in_with_password(AuthContext& ctx, const RequestContext& rc,
                                                const boost::json::object& fields) {
  const auto email = http::required_string(fields, "email", 320);
  const auto password = http::required_string(fields, "password", 4096);
  const std::string client = rc.client.to_string();
  if (auto wait = co_await ctx.throttle.begin(email, client)) {
    throw Error(
        Errc::rate_limited,
        "Too many failed sign-ins. Try again in " + std::to_string(wait->count()) + " seconds.",
        {{"Retry-After", std::to_string(wait->count())}});
  }
  auto rows = co_await ctx.db.query(kUserByEmail, email);
  const bool known = !rows.empty() && !rows.is_null(0, 1);
  const std::string stored = known ? std::string(rows.text(0, 1)) : decoy_hash(ctx.hasher);
  const bool matches = co_await ctx.hasher.verify(stored, password);
  const bool active = known && rows.text(0, 2) == "active";
  std::optional<std::string> user_id;
  if (!rows.empty()) user_id = std::string(rows.text(0, 0));
  auto fail = [&](std::string reason) -> asio::awaitable<void> {
    co_await audit(ctx.db, "sign_in.failed", user_id, client, R"({"reason": ")" + reason + R"("})");
    if (co_await ctx.throttle.failed(email, client)) {
      co_await audit(ctx.db, "sign_in.locked", user_id, client);
    }
  };
  if (!matches || !active) {
    co_await fail(matches ? "account not active" : "password");
    throw Error(Errc::invalid_credentials, "Check the email and password and try again.");
  }
  // Self-registered accounts sign in only once the link sent to the address was followed.
  if (!rows.boolean(0, 4)) {
    co_await audit(ctx.db, "sign_in.failed", user_id, client,
                   R"({"reason": "email not verified"})");
    throw Error(Errc::email_not_verified,
                "Confirm your email address with the link we sent you, then sign in.");
  }
  SignedIn result{*user_id, "password"};
  if (rows.boolean(0, 3)) {
    const auto* code = fields.if_contains("code");
    if (!code || !code->is_string() || code->as_string().empty()) {
      throw Error(Errc::mfa_required,
                  "Enter the 6-digit code from your authenticator app, or a recovery code.");
    }
    const std::string given(std::string_view(code->as_string()).substr(0, 64));
    const auto factor = co_await verify_second_factor(ctx, *user_id, given);
    if (factor == SecondFactor::rejected) {
      co_await fail("second factor");
      throw Error(Errc::invalid_credentials, "That code is wrong or was already used.");
    }
    if (factor == SecondFactor::recovery_code) {
      co_await audit(ctx.db, "mfa.recovery_code_used", user_id, client);
    }
    result.method = "password+totp";
  }
  co_await ctx.throttle.succeeded(email);
  if (ctx.hasher.needs_rehash(stored)) {
    auto upgraded = co_await ctx.hasher.hash(password);
    co_await ctx.db.query(kSetPassword, *user_id, upgraded);
  }
  co_return result;
}

boost::json::object token_response(const SessionStore::TokenPair& pair) {
  return {{"access_token", pair.access_token},
          {"token_type", "Bearer"},
          {"expires_in", pair.expires_in.count()},
          {"refresh_token", pair.refresh_token}};
}

asio::awaitable<void> verify_current_password(AuthContext& ctx, const RequestContext& rc,
                                              std::string password) {
  // Throttled like sign-in: a stolen session must not become a way to guess the password and
  // then turn off MFA or move the account to another address.
  const std::string user_id = rc.principal->user_id;
  const std::string client = rc.client.to_string();
  const std::string key = "reauth:" + user_id;
  if (auto wait = co_await ctx.throttle.begin(key, client)) {
    throw Error(
        Errc::rate_limited,
        "Too many wrong passwords. Try again in " + std::to_string(wait->count()) + " seconds.",
        {{"Retry-After", std::to_string(wait->count())}});
  }
  auto rows = co_await ctx.db.query(kPasswordHash, user_id);
  const bool has_password = !rows.empty() && !rows.is_null(0, 0);
  const std::string stored = has_password ? std::string(rows.text(0, 0)) : decoy_hash(ctx.hasher);
  const bool matches = co_await ctx.hasher.verify(stored, password);
  if (!matches || !has_password) {
    co_await audit(ctx.db, "reauth.failed", user_id, client);
    if (co_await ctx.throttle.failed(key, client)) {
      co_await audit(ctx.db, "reauth.locked", user_id, client);
    }
    throw Error(Errc::validation_failed, "The current password is wrong.");
  }
  co_await ctx.throttle.succeeded(key);
}

namespace {

// A compact JWS: three non-empty parts separated by dots (opaque tokens are base64url: no dots).
bool is_jwt(std::string_view token) {
  const auto dot1 = token.find('.');
  const auto dot2 = token.find('.', dot1 == std::string_view::npos ? dot1 : dot1 + 1);
  return dot1 != std::string_view::npos && dot1 > 0 && dot2 != std::string_view::npos &&
         dot2 > dot1 + 1 && dot2 + 1 < token.size() &&
         token.find('.', dot2 + 1) == std::string_view::npos;
}

}  // namespace

http::Authenticator session_authenticator(SessionStore& sessions, JwtAuthenticator jwt) {
  return [&sessions, jwt = std::move(jwt)](
             const http::Request& req) -> asio::awaitable<std::optional<http::Principal>> {
    std::string_view authorization = req[boost::beast::http::field::authorization];
    if (authorization.starts_with("Bearer ") || authorization.starts_with("bearer ")) {
      const auto token = authorization.substr(7);
      if (is_jwt(token)) {
        if (!jwt) co_return std::nullopt;
        co_return co_await jwt(std::string(token));
      }
    }
    if (auto bearer = SessionStore::bearer_from(req)) {
      co_return co_await sessions.authenticate_bearer(std::move(*bearer));
    }
    auto token = sessions.token_from(req);
    if (!token) co_return std::nullopt;
    co_return co_await sessions.authenticate(std::move(*token));
  };
}

asio::awaitable<std::string> create_admin(db::Database& db, std::string email, std::string name) {
  auto tx = co_await db.begin();
  auto created = co_await tx.execute(kCreateAdmin, email, name);
  if (created.empty()) throw std::runtime_error("an account with that email already exists");
  const std::string user_id(created.text(0, 0));
  auto issued = issue_token();
  co_await tx.execute(kCreateToken, issued.hash, user_id, "password_set", 24 * 3600);
  co_await tx.execute(kAudit, "account.created", user_id, std::nullopt,
                      R"({"role": "admin", "by": "command line"})");
  co_await tx.commit();
  co_return issued.token;
}

void register_routes(http::Router& router, AuthContext& ctx) {
  // Sign in: {"email", "password"} → session cookie. One answer for every failure, so it never
  // tells whether the email exists.
  router.post(
      "/api/v1/auth/sessions", Access::anyone(),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto body = rc.json_body();
        const auto signed_in = co_await sign_in_with_password(ctx, rc, http::object_body(body));
        const std::string client = rc.client.to_string();
        auto token = co_await ctx.sessions.create(
            signed_in.user_id, client,
            std::string(rc.request[boost::beast::http::field::user_agent]), signed_in.method);
        co_await audit(ctx.db, "sign_in.ok", signed_in.user_id, client,
                       R"({"method": ")" + signed_in.method + R"("})");
        auto res = http::json_response(http::Status::created, {{"user_id", signed_in.user_id}});
        res.set(boost::beast::http::field::set_cookie, ctx.sessions.set_cookie(token));
        co_return res;
      },
      {.body_limit = 8 * 1024});

  // Mobile and API clients (OAuth-style, JSON): {"email", "password"} signs in,
  // {"refresh_token"} renews. Refresh tokens rotate; one used twice revokes its whole family.
  router.post(
      "/api/v1/auth/token", Access::anyone(),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);
        const std::string client = rc.client.to_string();
        if (fields.contains("refresh_token")) {
          auto outcome =
              co_await ctx.sessions.refresh(http::required_string(fields, "refresh_token", 128));
          if (outcome.reused_by_user) {
            co_await audit(ctx.db, "session.revoked", outcome.reused_by_user, client,
                           R"({"reason": "refresh token reused"})");
          }
          if (!outcome.pair) {
            throw Error(Errc::invalid_credentials,
                        "Sign in again: this refresh token is not valid.");
          }
          co_return http::json_response(http::Status::ok, token_response(*outcome.pair));
        }
        const auto signed_in = co_await sign_in_with_password(ctx, rc, fields);
        auto pair = co_await ctx.sessions.create_api(
            signed_in.user_id, client,
            std::string(rc.request[boost::beast::http::field::user_agent]), signed_in.method);
        co_await audit(ctx.db, "sign_in.ok", signed_in.user_id, client,
                       R"({"client": "api", "method": ")" + signed_in.method + R"("})");
        co_return http::json_response(http::Status::ok, token_response(pair));
      },
      {.body_limit = 8 * 1024});

  // Sign out: this session ends on every instance at once.
  router.add(http::Verb::delete_, "/api/v1/auth/sessions/current", Access::signed_in(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               // A provider's bearer token has no session here: it ends when it expires.
               if (rc.principal->session_id.empty())
                 co_return Response{http::Status::no_content, 11};
               co_await ctx.sessions.revoke(rc.principal->session_id);
               co_await audit(ctx.db, "session.revoked", rc.principal->user_id,
                              rc.client.to_string(), R"({"reason": "sign out"})");
               Response res{http::Status::no_content, 11};
               res.set(boost::beast::http::field::set_cookie, ctx.sessions.clear_cookie());
               co_return res;
             });

  // The caller's live sessions, for "where am I signed in".
  router.get("/api/v1/auth/sessions", Access::signed_in(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               auto rows = co_await ctx.db.query(kListSessions, rc.principal->user_id);
               boost::json::array sessions;
               for (int r = 0; r < rows.rows(); ++r) {
                 sessions.push_back({{"id", rows.text(r, "id")},
                                     {"created_at", rows.text(r, "created_at")},
                                     {"last_seen_at", rows.text(r, "last_seen_at")},
                                     {"client", rows.optional_text(r, "client").value_or("")},
                                     {"user_agent", rows.text(r, "user_agent")},
                                     {"current", rows.text(r, "id") == rc.principal->session_id}});
               }
               co_return http::json_response(http::Status::ok, {{"sessions", std::move(sessions)}});
             });

  // Sign out everywhere, this browser included.
  router.add(http::Verb::delete_, "/api/v1/auth/sessions", Access::signed_in(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               co_await ctx.db.query(kRevokeAll, rc.principal->user_id);
               co_await audit(ctx.db, "session.revoked", rc.principal->user_id,
                              rc.client.to_string(), R"({"reason": "sign out everywhere"})");
               Response res{http::Status::no_content, 11};
               res.set(boost::beast::http::field::set_cookie, ctx.sessions.clear_cookie());
               co_return res;
             });

  // End one of the caller's other sessions. Someone else's is "not found", not "forbidden".
  router.add(http::Verb::delete_, "/api/v1/auth/sessions/{id}", Access::signed_in(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = rc.param("id");
               if (!http::is_uuid(id)) throw Error(Errc::not_found, "No such session.");
               auto rows = co_await ctx.db.query(kRevokeOwn, id, rc.principal->user_id);
               if (rows.empty()) throw Error(Errc::not_found, "No such session.");
               co_await audit(ctx.db, "session.revoked", rc.principal->user_id,
                              rc.client.to_string(), R"({"reason": "ended by the user"})");
               co_return Response{http::Status::no_content, 11};
             });

  // Change the password: the current one is asked again; every other session ends.
  router.post("/api/v1/me/password", Access::signed_in(),
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto body = rc.json_body();
                const auto& fields = http::object_body(body);
                const auto current = http::required_string(fields, "current_password", 4096);
                const auto next = http::required_string(fields, "new_password", 4096);
                co_await verify_current_password(ctx, rc, current);
                if (auto problem = default_password_policy().problem(next)) {
                  throw Error(Errc::validation_failed, *problem);
                }
                auto hash = co_await ctx.hasher.hash(next);
                auto tx = co_await ctx.db.begin();
                co_await tx.execute(kSetPassword, rc.principal->user_id, hash);
                co_await tx.execute(kRevokeOthers, rc.principal->user_id, rc.principal->session_id);
                co_await tx.execute(kAudit, "password.changed", rc.principal->user_id,
                                    rc.client.to_string(), R"({"via": "settings"})");
                co_await tx.commit();
                co_return Response{http::Status::no_content, 11};
              },
              {.body_limit = 16 * 1024});

  router.get(
      "/api/v1/me", Access::signed_in(), [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        auto rows = co_await ctx.db.query(kMe, rc.principal->user_id);
        if (rows.empty()) throw Error(Errc::unauthenticated, "Sign in to continue.");
        co_return http::json_response(http::Status::ok, {{"id", rows.text(0, "id")},
                                                         {"email", rows.text(0, "email")},
                                                         {"name", rows.text(0, "name")},
                                                         {"role", rows.text(0, "role")},
                                                         {"email_verified", rows.boolean(0, 4)},
                                                         {"mfa_enabled", rows.boolean(0, 5)}});
      });

  // Set a password with a single-use link's token: {"token", "password"}. Ends every session.
  router.post("/api/v1/auth/password", Access::anyone(),
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto body = rc.json_body();
                const auto& fields = http::object_body(body);
                const auto token = http::required_string(fields, "token", 128);
                const auto password = http::required_string(fields, "password", 4096);
                if (auto problem = default_password_policy().problem(password)) {
                  throw Error(Errc::validation_failed, *problem);
                }
                const Error spent(Errc::invalid_token,
                                  "Ask for a new link: this one is used or expired.");
                auto live = co_await ctx.db.query(kTokenIsLive, token_hash(token));
                if (live.empty()) throw spent;
                auto hash = co_await ctx.hasher.hash(password);
                auto tx = co_await ctx.db.begin();
                auto used = co_await tx.execute(kUseToken, token_hash(token));
                if (used.empty()) throw spent;  // spent by a concurrent request meanwhile
                const std::string user_id(used.text(0, 0));
                co_await tx.execute(kSetPassword, user_id, hash);
                co_await tx.execute(kMailboxProven, user_id);
                co_await tx.execute(kRevokeAll, user_id);
                co_await tx.execute(kAudit, "password.changed", user_id, rc.client.to_string(),
                                    R"({"via": "link"})");
                co_await tx.commit();
                co_return Response{http::Status::no_content, 11};
              },
              {.body_limit = 8 * 1024});
}

}  // namespace sn::identity
