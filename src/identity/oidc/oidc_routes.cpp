#include "identity/oidc/oidc_routes.hpp"

#include <sodium.h>

#include <boost/beast/http/field.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include "core/error.hpp"
#include "core/log.hpp"
#include "identity/auth_routes.hpp"
#include "identity/tokens.hpp"

namespace sn::identity::oidc {
namespace asio = boost::asio;
namespace json = boost::json;
using http::Access;
using http::RequestContext;
using http::Response;

namespace {

constexpr int kLoginSeconds = 600;

constexpr db::Query kAudit{"oidc.audit",
                           "INSERT INTO audit_events (event, user_id, client_address, detail) "
                           "VALUES ($1, $2::uuid, $3::inet, $4::jsonb)"};
constexpr db::Query kStartLogin{
    "oidc.start_login",
    "INSERT INTO oidc_logins (state_hash, nonce, code_verifier, return_to, expires_at) "
    "VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))"};
// Bounded clean-up of abandoned sign-ins, piggybacked on new ones (served by the expiry index).
// Single use: the statement that finds the sign-in also ends it.
constexpr db::Query kFinishLogin{"oidc.finish_login",
                                 "DELETE FROM oidc_logins WHERE state_hash = $1 "
                                 "RETURNING nonce, code_verifier, return_to, expires_at > now()"};
constexpr db::Query kUserByIdentity{
    "oidc.user_by_identity",
    "SELECT u.id, u.status, u.role FROM user_identities i JOIN users u ON u.id = i.user_id "
    "WHERE i.issuer = $1 AND i.subject = $2 FOR UPDATE OF u"};
constexpr db::Query kUserByEmail{
    "oidc.user_by_email",
    "SELECT id, status, role FROM users WHERE lower(email) = lower($1) FOR UPDATE"};
constexpr db::Query kCreateUser{
    "oidc.create_user",
    "INSERT INTO users (email, name, role, status, email_verified_at) "
    "VALUES ($1, $2, $3, 'active', CASE WHEN $4::boolean THEN now() END) "
    "ON CONFLICT (lower(email)) DO NOTHING RETURNING id"};
constexpr db::Query kLinkIdentity{
    "oidc.link_identity",
    "INSERT INTO user_identities (issuer, subject, user_id) VALUES ($1, $2, $3) "
    "ON CONFLICT (issuer, subject) DO UPDATE SET last_sign_in_at = now() RETURNING user_id"};
// The role is the provider's to decide, at every sign-in; the provider has also proved the
// address, so an invitation still open is accepted.
constexpr db::Query kApplySignIn{
    "oidc.apply_sign_in",
    "UPDATE users SET role = $2, status = CASE WHEN status = 'invited' THEN 'active' ELSE status "
    "END, email_verified_at = coalesce(email_verified_at, CASE WHEN $3::boolean THEN now() END), "
    "updated_at = now() WHERE id = $1"};
// An account whose address nobody has proven (a self-registration never verified) may have
// been made by someone else in the owner's name: when the owner arrives through the provider,
// whatever that someone set up (password, TOTP, sessions) goes.
constexpr db::Query kClearUnprovenAccount{
    "oidc.clear_unproven_account",
    "WITH cleared AS (UPDATE users SET password_hash = NULL, totp_secret = NULL, "
    "totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL "
    "WHERE id = $1 AND email_verified_at IS NULL RETURNING id), "
    "codes AS (DELETE FROM recovery_codes WHERE user_id IN (SELECT id FROM cleared)), "
    "ended AS (UPDATE sessions SET revoked_at = now() WHERE user_id IN (SELECT id FROM cleared) "
    "AND revoked_at IS NULL) SELECT count(*) FROM cleared"};
constexpr db::Query kBearerUser{
    "oidc.bearer_user",
    "SELECT u.id, u.role FROM user_identities i JOIN users u ON u.id = i.user_id "
    "WHERE i.issuer = $1 AND i.subject = $2 AND u.status = 'active'"};

std::string random_text() {
  return issue_token().token;  // 256 bits, base64url: fine as state, nonce and PKCE verifier
}

std::string claim_text(const json::object& claims, std::string_view key) {
  const auto* v = claims.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// Some providers send "true" as a string.
bool claim_true(const json::object& claims, std::string_view key) {
  const auto* v = claims.if_contains(key);
  return v && ((v->is_bool() && v->as_bool()) || (v->is_string() && v->as_string() == "true"));
}

std::optional<std::string> query_param(const http::Request& request, std::string_view name) {
  auto target = boost::urls::parse_origin_form(request.target());
  if (!target) return std::nullopt;
  auto params = target->params();
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return std::string((*it).value);
}

std::string state_cookie_name(const OidcContext& ctx) {
  return ctx.secure_cookie ? "__Host-sn_oidc_state" : "sn_oidc_state";
}

std::string state_cookie(const OidcContext& ctx, std::string_view value, int max_age) {
  return state_cookie_name(ctx) + "=" + std::string(value) +
         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age) +
         (ctx.secure_cookie ? "; Secure" : "");
}

std::optional<std::string> state_from_cookie(const OidcContext& ctx, const http::Request& req) {
  const auto name = state_cookie_name(ctx);
  auto [first, last] = req.equal_range(boost::beast::http::field::cookie);
  for (auto it = first; it != last; ++it) {
    std::string_view cookies = it->value();
    while (!cookies.empty()) {
      const auto semi = cookies.find(';');
      auto pair = cookies.substr(0, semi);
      while (!pair.empty() && pair.front() == ' ')
        pair.remove_prefix(1);
      if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
        return std::string(pair.substr(name.size() + 1));
      }
      if (semi == std::string_view::npos) break;
      cookies.remove_prefix(semi + 1);
    }
  }
  return std::nullopt;
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Response redirect(std::string location) {
  Response res{http::Status::found, 11};
  res.set(boost::beast::http::field::location, location);
  res.set(boost::beast::http::field::cache_control, "no-store");
  return res;
}

std::string redirect_uri(const OidcContext& ctx) {
  return ctx.public_url + "/api/v1/auth/oidc/callback";
}

// What the callback found: a user to sign in, or why not (for the audit trail and the log,
// never for the browser, and never holding a token).
struct Outcome {
  std::optional<std::string> user_id;
  std::string failure;
  std::string return_to = "/";
};

struct AccountResult {
  std::optional<std::string> user_id;
  std::string failure;
};

// Finds or creates the account for verified id_token claims, in one transaction.
asio::awaitable<AccountResult> account_for(OidcContext& ctx, const json::object& claims,
                                           std::string client) {
  const auto& settings = ctx.provider->settings();
  const auto subject = claim_text(claims, "sub");
  const auto email = claim_text(claims, "email");
  const bool verified = claim_true(claims, "email_verified");
  const auto role = map_role(claims.if_contains(settings.role_claim), settings.role_map);
  const std::string role_name(http::to_string(role));
  AccountResult result;

  auto tx = co_await ctx.db.begin();
  auto rows = co_await tx.execute(kUserByIdentity, settings.issuer, subject);
  std::string previous_role;
  if (rows.empty()) {
    if (email.empty() || email.find('@') == std::string::npos || email.size() > 320) {
      result.failure = "the provider sent no usable email address";
      co_return result;
    }
    rows = co_await tx.execute(kUserByEmail, email);
    if (!rows.empty()) {
      // Only an address the provider vouches for may take over an existing account.
      if (!verified) {
        result.user_id = std::string(rows.text(0, 0));
        result.failure = "an account has this email and the provider has not verified it";
        co_return result;
      }
      auto cleared = co_await tx.execute(kClearUnprovenAccount, rows.text(0, 0));
      if (cleared.integer(0, 0) > 0) {
        co_await tx.execute(kAudit, "account.credentials_cleared", rows.text(0, 0), client,
                            R"({"reason": "unverified account claimed through single sign-on"})");
      }
      co_await tx.execute(kLinkIdentity, settings.issuer, subject, rows.text(0, 0));
      // Built before the co_await: GCC 12 cannot keep a braced list of literals across one.
      const auto detail =
          json::serialize(json::object{{"via", "oidc"}, {"issuer", settings.issuer}});
      co_await tx.execute(kAudit, "identity.linked", rows.text(0, 0), client, detail);
    } else {
      // A new account takes the address as its own: only one the provider vouches for.
      if (!verified) {
        result.failure = "the provider has not verified the email address";
        co_return result;
      }
      std::string name = claim_text(claims, "name");
      if (name.empty()) {
        name = claim_text(claims, "given_name");
        const auto family = claim_text(claims, "family_name");
        if (!family.empty()) name += (name.empty() ? "" : " ") + family;
      }
      if (name.size() > 200) name.resize(200);
      auto created = co_await tx.execute(kCreateUser, email, name, role_name, verified);
      if (created.empty()) {
        result.failure = "the account was created by a concurrent sign-in";
        co_return result;
      }
      const std::string user_id(created.text(0, 0));
      co_await tx.execute(kLinkIdentity, settings.issuer, subject, user_id);
      const auto detail = json::serialize(json::object{{"via", "oidc"}, {"role", role_name}});
      co_await tx.execute(kAudit, "account.created", user_id, client, detail);
      co_await tx.commit();
      result.user_id = user_id;
      co_return result;
    }
  } else {
    co_await tx.execute(kLinkIdentity, settings.issuer, subject, rows.text(0, 0));
  }
  const std::string user_id(rows.text(0, 0));
  result.user_id = user_id;
  if (rows.text(0, 1) == "disabled") {
    result.failure = "the account is disabled";
    co_return result;
  }
  previous_role = std::string(rows.text(0, 2));
  co_await tx.execute(kApplySignIn, user_id, role_name, verified);
  if (previous_role != role_name) {
    const auto detail =
        json::serialize(json::object{{"via", "oidc"}, {"from", previous_role}, {"to", role_name}});
    co_await tx.execute(kAudit, "role.changed", user_id, client, detail);
  }
  co_await tx.commit();
  co_return result;
}

// The callback's checks, in order. Expected failures come back as Outcome::failure.
asio::awaitable<Outcome> finish_sign_in(OidcContext& ctx, RequestContext& rc) {
  Outcome outcome;
  const auto state = query_param(rc.request, "state").value_or("");
  const auto cookie = state_from_cookie(ctx, rc.request).value_or("");
  // The browser that comes back must be the one that left: its cookie holds the same state.
  if (!same_secret(state, cookie)) {
    outcome.failure = "the state does not match this browser's";
    co_return outcome;
  }
  auto login = co_await ctx.db.query(kFinishLogin, token_hash(state));
  if (login.empty() || !login.boolean(0, 3)) {
    outcome.failure = "unknown, used or expired state";
    co_return outcome;
  }
  const std::string nonce(login.text(0, 0));
  const std::string verifier(login.text(0, 1));
  outcome.return_to = safe_return_to(login.text(0, 2));
  if (auto error = query_param(rc.request, "error")) {
    // RFC 6749 4.1.2.1 error codes are short ASCII words; anything else is not logged.
    bool plain = error->size() <= 64;
    for (char c : *error)
      plain = plain && ((c >= 'a' && c <= 'z') || c == '_');
    outcome.failure = "the provider refused: " + (plain ? *error : std::string("(unreadable)"));
    co_return outcome;
  }
  const auto code = query_param(rc.request, "code").value_or("");
  if (code.empty() || code.size() > 4096) {
    outcome.failure = "no authorization code";
    co_return outcome;
  }
  std::string id_token;
  try {
    id_token = co_await ctx.provider->exchange_code(redirect_uri(ctx), code, verifier);
  } catch (const ProviderError& e) {
    outcome.failure = e.what();
  }
  if (!outcome.failure.empty()) co_return outcome;
  JwtResult verified;
  try {
    verified = co_await ctx.provider->verify_id_token(id_token, nonce);
  } catch (const ProviderError& e) {
    outcome.failure = e.what();
  }
  if (!outcome.failure.empty()) co_return outcome;
  if (!verified) {
    outcome.failure = "the id_token failed verification: " + std::string(to_string(verified.error));
    co_return outcome;
  }
  auto account = co_await account_for(ctx, verified.claims, rc.client.to_string());
  outcome.user_id = account.user_id;
  outcome.failure = account.failure;
  co_return outcome;
}

}  // namespace

std::string safe_return_to(std::string_view text) {
  // A path on this site: "/x", never "//host" or "/\host" (browsers read both as another host).
  if (text.empty() || text.size() > 2048 || text.front() != '/') return "/";
  if (text.size() > 1 && (text[1] == '/' || text[1] == '\\')) return "/";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u == 0x7f || c == '\\') return "/";
  }
  return std::string(text);
}

void register_routes(http::Router& router, OidcContext& ctx) {
  // Whether the sign-in page shows the single sign-on button, and its label.
  router.get(
      "/api/v1/auth/oidc", Access::anyone(), [&ctx](RequestContext&) -> asio::awaitable<Response> {
        const bool enabled = ctx.provider != nullptr;
        co_return http::json_response(
            http::Status::ok, {{"enabled", enabled},
                               {"name", enabled ? ctx.provider->settings().name : std::string()}});
      });

  // Starts a sign-in: state, nonce and PKCE verifier kept in the database (any instance may get
  // the callback), the state also in a 10-minute cookie that binds the flow to this browser.
  router.get(
      "/api/v1/auth/oidc/start", Access::anyone(),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        if (!ctx.provider) throw Error(Errc::not_found, "Single sign-on is not configured.");
        const auto return_to = safe_return_to(query_param(rc.request, "return_to").value_or("/"));
        const auto state = issue_token();
        const auto nonce = random_text();
        const auto verifier = random_text();
        std::string location;
        std::string failure;
        try {
          location = co_await ctx.provider->authorization_url(redirect_uri(ctx), state.token, nonce,
                                                              pkce_challenge(verifier));
        } catch (const ProviderError& e) {
          failure = e.what();
        }
        if (!failure.empty()) {
          log::warn("single sign-on provider unavailable", {{"error", failure}});
          co_return redirect("/sign-in?error=sso_failed");
        }
        co_await ctx.db.query(kStartLogin, state.hash, nonce, verifier, return_to, kLoginSeconds);
        auto res = redirect(location);
        res.set(boost::beast::http::field::set_cookie,
                state_cookie(ctx, state.token, kLoginSeconds));
        co_return res;
      });

  // The provider sends the browser back here with a code (or an error).
  router.get("/api/v1/auth/oidc/callback", Access::anyone(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               if (!ctx.provider) throw Error(Errc::not_found, "Single sign-on is not configured.");
               const std::string client = rc.client.to_string();
               auto outcome = co_await finish_sign_in(ctx, rc);
               if (!outcome.failure.empty() || !outcome.user_id) {
                 log::info("single sign-on failed", {{"reason", outcome.failure}});
                 const auto detail =
                     json::serialize(json::object{{"via", "oidc"}, {"reason", outcome.failure}});
                 co_await identity::audit(ctx.db, "sign_in.failed", outcome.user_id, client,
                                          detail);
                 auto res = redirect("/sign-in?error=sso_failed");
                 res.set(boost::beast::http::field::set_cookie, state_cookie(ctx, "", 0));
                 co_return res;
               }
               auto token = co_await ctx.sessions.create(
                   *outcome.user_id, client,
                   std::string(rc.request[boost::beast::http::field::user_agent]), "oidc");
               co_await identity::audit(ctx.db, "sign_in.ok", outcome.user_id, client,
                                        R"({"via": "oidc"})");
               auto res = redirect(outcome.return_to);
               res.insert(boost::beast::http::field::set_cookie, ctx.sessions.set_cookie(token));
               res.insert(boost::beast::http::field::set_cookie, state_cookie(ctx, "", 0));
               co_return res;
             });
}

AccessTokenAuthenticator access_token_authenticator(db::Database& db, Provider& provider) {
  return [&db, &provider](std::string token) -> asio::awaitable<std::optional<http::Principal>> {
    JwtResult verified;
    bool unavailable = false;
    try {
      verified = co_await provider.verify_access_token(std::move(token));
    } catch (const ProviderError& e) {
      log::warn("cannot verify a bearer token: provider unavailable", {{"error", e.what()}});
      unavailable = true;
    }
    if (unavailable) co_return std::nullopt;
    if (!verified) {
      log::debug("bearer JWT refused", {{"reason", to_string(verified.error)}});
      co_return std::nullopt;
    }
    auto rows = co_await db.query(kBearerUser, provider.settings().issuer,
                                  claim_text(verified.claims, "sub"));
    if (rows.empty()) co_return std::nullopt;
    http::Principal principal;
    principal.user_id = std::string(rows.text(0, 0));
    principal.role = http::parse_role(rows.text(0, 1)).value_or(http::Role::learner);
    principal.second_factor = true;  // the provider answers for its own second factor
    co_return principal;             // session_id stays empty: no session behind a provider's token
  };
}

}  // namespace sn::identity::oidc
