#include "identity/signup_routes.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "http/inputs.hpp"
#include "identity/email_address.hpp"
#include "identity/tokens.hpp"
#include "mail/texts.hpp"

namespace sn::identity {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;

namespace {

constexpr int kVerifySeconds = 24 * 3600;
constexpr int kResetSeconds = 3600;
constexpr int kEmailChangeSeconds = 24 * 3600;
constexpr int kHour = 3600;

constexpr db::Query kSignupMode{"signup.mode",
                                "SELECT value->>'signup' FROM settings WHERE key = 'platform'"};
constexpr db::Query kAccountByEmail{
    "signup.account_by_email",
    "SELECT id, email, status, email_verified_at IS NOT NULL AS verified FROM users "
    "WHERE lower(email) = lower($1)"};
// A self-registered learner: active, but unable to sign in until the address is verified.
constexpr db::Query kCreateUser{
    "signup.create_user",
    "INSERT INTO users (email, name, role, status, password_hash) "
    "VALUES ($1, $2, 'learner', 'active', $3) ON CONFLICT DO NOTHING RETURNING id"};
constexpr db::Query kCreateToken{
    "signup.create_token",
    "INSERT INTO user_tokens (token_hash, user_id, purpose, expires_at, email) "
    "VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5)"};
// Consumes the token in the statement that checks it, so it works once.
constexpr db::Query kUseEmailToken{
    "signup.use_email_token",
    "UPDATE user_tokens t SET used_at = now() FROM users u "
    "WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() "
    "AND t.purpose IN ('email_verify', 'email_change') AND u.id = t.user_id "
    "RETURNING t.user_id, t.purpose, t.email AS token_email, u.email AS current_email"};
constexpr db::Query kMarkVerified{
    "signup.mark_verified",
    "UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() "
    "WHERE id = $1"};
constexpr db::Query kChangeEmail{
    "signup.change_email",
    "UPDATE users SET email = $2, email_verified_at = now(), updated_at = now() WHERE id = $1"};
// Links mailed to the old address must not outlive the change.
constexpr db::Query kEndPendingLinks{
    "signup.end_pending_links",
    "UPDATE user_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL "
    "AND purpose IN ('password_reset', 'email_verify', 'email_change')"};
constexpr db::Query kOwnAccount{"signup.own_account", "SELECT email FROM users WHERE id = $1"};
constexpr db::Query kAddressTaken{"signup.address_taken",
                                  "SELECT 1 FROM users WHERE lower(email) = lower($1)"};
// Fixed windows: counts requests per key and says how many this window holds so far.
constexpr db::Query kCountRequest{
    "signup.count_request",
    "INSERT INTO mail_throttle AS t (key, window_start, requests) VALUES ($1, now(), 1) "
    "ON CONFLICT (key) DO UPDATE SET "
    "window_start = CASE WHEN t.window_start <= now() - make_interval(secs => $2) "
    "  THEN now() ELSE t.window_start END, "
    "requests = CASE WHEN t.window_start <= now() - make_interval(secs => $2) "
    "  THEN 1 ELSE t.requests + 1 END "
    "RETURNING requests, "
    "greatest(1, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now())))"
    "::bigint"};

bool has_control_characters(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// A deliverable-looking address; deliverability itself is what the link proves.
std::string email_field(const boost::json::object& body) {
  auto email = std::string(trim_blanks(http::required_string(body, "email", 320)));
  if (auto problem = email_problem(email)) {
    throw Error(Errc::validation_failed, "Enter a valid email address: " + *problem + ".");
  }
  return email;
}

std::string json_text(const boost::json::object& object) {
  return boost::json::serialize(object);
}

// Counts a request against `key`; true while the key stays within `limit` per `window_seconds`.
asio::awaitable<bool> within_limit(db::Database& db, std::string key, int limit,
                                   int window_seconds) {
  auto rows = co_await db.query(kCountRequest, key, window_seconds);
  co_return rows.integer(0, 0) <= limit;
}

// Every route here may mail someone; one client may not make it mail many.
asio::awaitable<void> limit_client(db::Database& db, const std::string& client) {
  auto rows = co_await db.query(kCountRequest, "client:" + client, kHour);
  if (rows.integer(0, 0) > MailRequestLimits::kPerClientPerHour) {
    const auto wait = std::to_string(rows.integer(0, 1));
    throw Error(Errc::rate_limited, "Too many requests. Try again in " + wait + " seconds.",
                {{"Retry-After", wait}});
  }
}

// Mails a password-reset link to an existing account (unless disabled or over its per-address
// limit) and audits `event`: "forgot password" and signing up with a taken address share it.
asio::awaitable<void> mail_reset_link(SignupContext& ctx, std::string user_id, std::string address,
                                      bool disabled, std::string client, std::string event,
                                      mail::Message (*text)(const std::string&,
                                                            const std::string&)) {
  auto& db = ctx.auth.db;
  bool allowed = false;
  if (!disabled) {
    allowed = co_await within_limit(db, "reset:" + ascii_lower(address),
                                    MailRequestLimits::kPerAddressPerHour, kHour);
  }
  auto tx = co_await db.begin();
  if (allowed) {
    auto issued = issue_token();
    co_await tx.execute(kCreateToken, issued.hash, user_id, "password_reset", kResetSeconds,
                        address);
    const auto link = mail::texts::link(ctx.auth.public_url, "reset-password", issued.token);
    co_await mail::enqueue(tx, text(address, link));
  }
  const auto detail = json_text({{"mailed", allowed}});
  co_await tx.execute(kAudit, event, user_id, client, detail);
  co_await tx.commit();
  if (allowed) ctx.outbox.wake();
}

Response accepted() {
  return http::json_response(http::Status::accepted, boost::json::object{});
}

}  // namespace

void register_signup_routes(http::Router& router, SignupContext& ctx) {
  // Sign up: {"email", "name", "password"} → 202, the same whether or not the address has an
  // account. A new account gets a verification link; an existing one a way back in.
  router.post(
      "/api/v1/auth/signup", Access::anyone(),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        auto& db = ctx.auth.db;
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);
        const auto email = email_field(fields);
        const auto name = std::string(trim_blanks(http::required_string(fields, "name", 200)));
        const auto password = http::required_string(fields, "password", 4096);
        if (name.empty() || has_control_characters(name)) {
          throw Error(Errc::validation_failed, "Enter your name.");
        }
        if (auto problem = default_password_policy().problem(password)) {
          throw Error(Errc::validation_failed, *problem);
        }
        auto mode = co_await db.query(kSignupMode);
        if (mode.empty() || mode.is_null(0, 0) || mode.text(0, 0) != "open") {
          throw Error(Errc::signup_closed, "Ask an administrator for an invitation.");
        }
        const std::string client = rc.client.to_string();
        co_await limit_client(db, client);
        // Hashed whether or not the account exists, so both answers take as long.
        auto hash = co_await ctx.auth.hasher.hash(password);
        auto existing = co_await db.query(kAccountByEmail, email);
        if (existing.empty()) {
          auto tx = co_await db.begin();
          auto created = co_await tx.execute(kCreateUser, email, name, hash);
          if (!created.empty()) {  // empty: the same address signed up a moment ago
            const std::string user_id(created.text(0, 0));
            auto issued = issue_token();
            co_await tx.execute(kCreateToken, issued.hash, user_id, "email_verify", kVerifySeconds,
                                email);
            const auto link = mail::texts::link(ctx.auth.public_url, "verify-email", issued.token);
            co_await mail::enqueue(tx, mail::texts::verify_email(email, link));
            co_await tx.execute(kAudit, "account.signed_up", user_id, client,
                                R"({"role": "learner"})");
            co_await tx.commit();
            ctx.outbox.wake();
          }
          co_return accepted();
        }
        co_await mail_reset_link(ctx, std::string(existing.text(0, "id")),
                                 std::string(existing.text(0, "email")),
                                 existing.text(0, "status") == "disabled", client,
                                 "account.signup_existing", &mail::texts::already_registered);
        co_return accepted();
      },
      {.body_limit = 8 * 1024});

  // Follow a link from an email: {"token"} → 204. Verifies the address, or, for an address
  // change, switches the account to the new address and tells the old one.
  router.post(
      "/api/v1/auth/email-verification", Access::anyone(),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto body = rc.json_body();
        const auto token = http::required_string(http::object_body(body), "token", 128);
        const std::string client = rc.client.to_string();
        auto tx = co_await ctx.auth.db.begin();
        auto used = co_await tx.execute(kUseEmailToken, token_hash(token));
        if (used.empty()) {
          throw Error(Errc::invalid_token, "Ask for a new link: this one is used or expired.");
        }
        const std::string user_id(used.text(0, "user_id"));
        const std::string current(used.text(0, "current_email"));
        const auto target = used.optional_text(0, "token_email");
        if (used.text(0, "purpose") == "email_verify") {
          // A link for an address the account no longer has proves nothing about the new one.
          if (target && ascii_lower(*target) != ascii_lower(current)) {
            throw Error(Errc::invalid_token, "Ask for a new link: the address has changed.");
          }
          co_await tx.execute(kMarkVerified, user_id);
          const auto detail = json_text({{"email", current}});
          co_await tx.execute(kAudit, "email.verified", user_id, client, detail);
          co_await tx.commit();
          co_return Response{http::Status::no_content, 11};
        }
        if (!target) throw Error(Errc::invalid_token, "Ask for a new link.");
        bool taken = false;
        try {
          co_await tx.execute(kChangeEmail, user_id, *target);
        } catch (const db::QueryError& e) {
          if (e.sqlstate() != "23505") throw;
          taken = true;
        }
        // Outside the handler: no co_await is allowed in a catch block. The transaction is
        // dropped unfinished, so the token stays unused.
        if (taken) throw Error(Errc::conflict, "That address now belongs to another account.");
        co_await tx.execute(kEndPendingLinks, user_id);
        co_await mail::enqueue(tx, mail::texts::email_changed(current, *target));
        const auto detail = json_text({{"from", current}, {"to", *target}});
        co_await tx.execute(kAudit, "email.changed", user_id, client, detail);
        co_await tx.commit();
        ctx.outbox.wake();
        co_return Response{http::Status::no_content, 11};
      },
      {.body_limit = 8 * 1024});

  // A new verification link for an account that is not verified yet: {"email"} → 202 always.
  router.post(
      "/api/v1/auth/email-verification/resend", Access::anyone(),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        auto& db = ctx.auth.db;
        const auto body = rc.json_body();
        const auto email =
            std::string(trim_blanks(http::required_string(http::object_body(body), "email", 320)));
        const std::string client = rc.client.to_string();
        co_await limit_client(db, client);
        auto rows = co_await db.query(kAccountByEmail, email);
        if (rows.empty() || rows.boolean(0, 3) || rows.text(0, "status") != "active") {
          co_return accepted();
        }
        const std::string user_id(rows.text(0, "id"));
        const std::string address(rows.text(0, "email"));
        const bool allowed = co_await within_limit(db, "verify:" + ascii_lower(address),
                                                   MailRequestLimits::kPerAddressPerHour, kHour);
        if (!allowed) co_return accepted();
        auto issued = issue_token();
        auto tx = co_await db.begin();
        co_await tx.execute(kCreateToken, issued.hash, user_id, "email_verify", kVerifySeconds,
                            address);
        const auto link = mail::texts::link(ctx.auth.public_url, "verify-email", issued.token);
        co_await mail::enqueue(tx, mail::texts::verify_email(address, link));
        co_await tx.execute(kAudit, "email.verification_resent", user_id, client, "{}");
        co_await tx.commit();
        ctx.outbox.wake();
        co_return accepted();
      },
      {.body_limit = 8 * 1024});

  // Forgotten password: {"email"} → 202 always. The link (1 hour, once) leads to
  // POST /api/v1/auth/password, which sets the password and ends every session but never signs
  // in, so it cannot get around a second factor.
  router.post("/api/v1/auth/password-reset", Access::anyone(),
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                auto& db = ctx.auth.db;
                const auto body = rc.json_body();
                const auto email = std::string(
                    trim_blanks(http::required_string(http::object_body(body), "email", 320)));
                const std::string client = rc.client.to_string();
                co_await limit_client(db, client);
                auto rows = co_await db.query(kAccountByEmail, email);
                if (rows.empty()) {
                  const auto detail = json_text({{"email", email}, {"mailed", false}});
                  co_await audit(db, "password.reset_requested", std::nullopt, client, detail);
                  co_return accepted();
                }
                co_await mail_reset_link(ctx, std::string(rows.text(0, "id")),
                                         std::string(rows.text(0, "email")),
                                         rows.text(0, "status") == "disabled", client,
                                         "password.reset_requested", &mail::texts::password_reset);
                co_return accepted();
              },
              {.body_limit = 8 * 1024});

  // Change the sign-in address: {"current_password", "email"} → 202. A link goes to the new
  // address; nothing changes until it is followed.
  router.post(
      "/api/v1/me/email", Access::signed_in(),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        auto& db = ctx.auth.db;
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);
        const auto current_password = http::required_string(fields, "current_password", 4096);
        const auto email = email_field(fields);
        const std::string& user_id = rc.principal->user_id;
        const std::string client = rc.client.to_string();
        co_await verify_current_password(ctx.auth, rc, current_password);
        auto own = co_await db.query(kOwnAccount, user_id);
        if (own.empty()) throw Error(Errc::unauthenticated, "Sign in to continue.");
        const std::string current(own.text(0, 0));
        if (ascii_lower(current) == ascii_lower(email)) {
          throw Error(Errc::validation_failed, "That is already your address.");
        }
        const bool allowed = co_await within_limit(db, "email_change:" + user_id,
                                                   MailRequestLimits::kPerUserPerHour, kHour);
        if (!allowed) {
          throw Error(Errc::rate_limited, "Too many address changes. Try again later.",
                      {{"Retry-After", std::to_string(kHour)}});
        }
        auto taken = co_await db.query(kAddressTaken, email);
        auto tx = co_await db.begin();
        if (taken.empty()) {
          auto issued = issue_token();
          co_await tx.execute(kCreateToken, issued.hash, user_id, "email_change",
                              kEmailChangeSeconds, email);
          const auto link = mail::texts::link(ctx.auth.public_url, "verify-email", issued.token);
          co_await mail::enqueue(tx, mail::texts::confirm_new_email(email, link));
        }
        // The same answer when the address has an account: this route must not tell.
        const auto detail = json_text({{"to", email}, {"mailed", taken.empty()}});
        co_await tx.execute(kAudit, "email.change_requested", user_id, client, detail);
        co_await tx.commit();
        if (taken.empty()) ctx.outbox.wake();
        co_return accepted();
      },
      {.body_limit = 16 * 1024});
}

}  // namespace sn::identity
