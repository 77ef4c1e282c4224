#include "identity/mfa.hpp"

#include <sodium.h>

#include <boost/json/array.hpp>
#include <cctype>
#include <chrono>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/text.hpp"
#include "http/inputs.hpp"
#include "identity/qr_svg.hpp"
#include "identity/totp.hpp"

namespace sn::identity {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;

namespace {

constexpr db::Query kTotpState{
    "mfa.totp_state",
    "SELECT totp_secret, totp_last_step, totp_enabled_at IS NOT NULL FROM users WHERE id = $1"};
// Spends the step: a concurrent second use of the same code finds last_step already there.
constexpr db::Query kSpendStep{"mfa.spend_step",
                               "UPDATE users SET totp_last_step = $2 WHERE id = $1 "
                               "AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id"};
constexpr db::Query kUnusedRecoveryCodes{
    "mfa.unused_recovery_codes",
    "SELECT salt, code_hash FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL"};
constexpr db::Query kSpendRecoveryCode{
    "mfa.spend_recovery_code",
    "UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 "
    "AND used_at IS NULL RETURNING user_id"};
constexpr db::Query kAccount{
    "mfa.account",
    "SELECT u.email, u.totp_enabled_at IS NOT NULL, "
    "coalesce((SELECT value->>'name' FROM settings WHERE key = 'platform'), 'SkillNexus') "
    "FROM users u WHERE u.id = $1"};
constexpr db::Query kSetPending{"mfa.set_pending",
                                "UPDATE users SET totp_pending_secret = $2 WHERE id = $1"};
constexpr db::Query kPending{
    "mfa.pending",
    "SELECT totp_pending_secret FROM users WHERE id = $1 AND totp_enabled_at IS NULL"};
constexpr db::Query kEnable{
    "mfa.enable",
    "UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, "
    "totp_enabled_at = now(), totp_last_step = $2, updated_at = now() "
    "WHERE id = $1 AND totp_pending_secret = $3 AND totp_enabled_at IS NULL RETURNING id"};
constexpr db::Query kDisable{
    "mfa.disable",
    "UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, "
    "totp_last_step = NULL, updated_at = now() WHERE id = $1 AND totp_enabled_at IS NOT NULL "
    "RETURNING id"};
// Enrolling upgrades the session it happens in and ends every other one: a session signed in
// with the password alone, perhaps by someone else, must not inherit the second factor.
constexpr db::Query kUpgradeSession{
    "mfa.upgrade_session",
    "UPDATE sessions SET auth_method = 'password+totp' WHERE id = nullif($1, '')::uuid"};
constexpr db::Query kEndOtherSessions{
    "mfa.end_other_sessions",
    "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 "
    "AND id IS DISTINCT FROM nullif($2, '')::uuid AND revoked_at IS NULL"};
// Turning it off takes the second factor away from the user's sessions too.
constexpr db::Query kDowngradeSessions{
    "mfa.downgrade_sessions",
    "UPDATE sessions SET auth_method = 'password' WHERE user_id = $1 "
    "AND auth_method = 'password+totp'"};
constexpr db::Query kDeleteRecoveryCodes{"mfa.delete_recovery_codes",
                                         "DELETE FROM recovery_codes WHERE user_id = $1"};
// All ten in one statement.
constexpr db::Query kInsertRecoveryCodes{
    "mfa.insert_recovery_codes",
    "INSERT INTO recovery_codes (user_id, salt, code_hash) "
    "SELECT $1, s, h FROM unnest($2::text[], $3::text[]) AS t(s, h)"};

constexpr std::string_view kRecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string salted_hash(std::string_view salt, std::string_view normalized_code) {
  return sha256_hex(std::string(salt) + ":" + std::string(normalized_code));
}

std::string random_salt() {
  unsigned char bytes[4];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

// Replaces the user's recovery codes inside `tx`; returns the new codes for the user to keep.
asio::awaitable<std::vector<std::string>> replace_recovery_codes(db::Transaction& tx,
                                                                 const std::string& user_id) {
  auto codes = new_recovery_codes();
  std::vector<std::string> salts, hashes;
  for (const auto& code : codes) {
    salts.push_back(random_salt());
    hashes.push_back(salted_hash(salts.back(), normalize_recovery_code(code)));
  }
  co_await tx.execute(kDeleteRecoveryCodes, user_id);
  co_await tx.execute(kInsertRecoveryCodes, user_id, db::text_array(salts), db::text_array(hashes));
  co_return codes;
}

Response recovery_codes_response(const std::vector<std::string>& codes) {
  boost::json::array list;
  for (const auto& code : codes)
    list.emplace_back(code);
  return http::json_response(http::Status::ok, {{"recovery_codes", std::move(list)}});
}

}  // namespace

std::vector<std::string> new_recovery_codes() {
  std::vector<std::string> codes;
  for (int i = 0; i < 10; ++i) {
    std::string code;
    for (int c = 0; c < 10; ++c) {
      if (c == 5) code += '-';
      code += kRecoveryAlphabet[randombytes_uniform(kRecoveryAlphabet.size())];
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalize_recovery_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

asio::awaitable<SecondFactor> verify_second_factor(AuthContext& ctx, std::string user_id,
                                                   std::string code) {
  const auto normalized = normalize_recovery_code(code);
  if (normalized.size() == static_cast<std::size_t>(totp::kDigits)) {
    auto state = co_await ctx.db.query(kTotpState, user_id);
    if (state.empty() || state.is_null(0, 0)) co_return SecondFactor::rejected;
    const auto secret = ctx.totp_box.open_text(state.text(0, 0));
    if (!secret) co_return SecondFactor::rejected;
    std::optional<std::int64_t> last_step;
    if (!state.is_null(0, 1)) last_step = state.integer(0, 1);
    const auto step = totp::match(*secret, normalized, unix_now(), last_step);
    if (!step) co_return SecondFactor::rejected;
    auto spent = co_await ctx.db.query(kSpendStep, user_id, *step);
    co_return spent.empty() ? SecondFactor::rejected : SecondFactor::totp;
  }
  auto unused = co_await ctx.db.query(kUnusedRecoveryCodes, user_id);
  for (int r = 0; r < unused.rows(); ++r) {
    const auto expected = salted_hash(unused.text(r, 0), normalized);
    const std::string stored(unused.text(r, 1));
    if (expected.size() == stored.size() &&
        sodium_memcmp(expected.data(), stored.data(), stored.size()) == 0) {
      auto spent = co_await ctx.db.query(kSpendRecoveryCode, user_id, stored);
      co_return spent.empty() ? SecondFactor::rejected : SecondFactor::recovery_code;
    }
  }
  co_return SecondFactor::rejected;
}

// Every change to the second factor asks for the password again: {"current_password"}.
asio::awaitable<void> reauthenticate(AuthContext& ctx, const RequestContext& rc) {
  const auto body = rc.json_body();
  auto password = http::required_string(http::object_body(body), "current_password", 4096);
  co_await verify_current_password(ctx, rc, std::move(password));
}

void register_mfa_routes(http::Router& router, AuthContext& ctx) {
  // Start enrolment: {current_password} → a new secret, its otpauth:// link and that link as a
  // QR code. Nothing changes for sign-in until a code from the app confirms it.
  router.post("/api/v1/me/mfa/totp", Access::signed_in(),
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto& user_id = rc.principal->user_id;
                co_await reauthenticate(ctx, rc);
                auto account = co_await ctx.db.query(kAccount, user_id);
                if (account.boolean(0, 1)) {
                  throw Error(Errc::conflict,
                              "Two-factor authentication is already on. Turn it off first.");
                }
                const auto secret = totp::new_secret();
                co_await ctx.db.query(kSetPending, user_id, ctx.totp_box.seal_text(secret));
                const auto uri = totp::otpauth_uri(account.text(0, 2), account.text(0, 0), secret);
                co_await audit(ctx.db, "mfa.enrolment_started", user_id, rc.client.to_string());
                co_return http::json_response(http::Status::ok,
                                              {{"secret", totp::base32_encode(secret)},
                                               {"otpauth_uri", uri},
                                               {"qr_svg", qr_svg(uri)}});
              },
              {.body_limit = 8 * 1024});

  // Finish enrolment with a code from the app: {code} → the ten recovery codes, shown once.
  router.post("/api/v1/me/mfa/totp/confirm", Access::signed_in(),
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto body = rc.json_body();
                const auto code = http::required_string(http::object_body(body), "code", 4096);
                const auto& user_id = rc.principal->user_id;
                auto pending = co_await ctx.db.query(kPending, user_id);
                if (pending.empty() || pending.is_null(0, 0)) {
                  throw Error(Errc::conflict,
                              "Start the set-up again: there is nothing to confirm.");
                }
                const std::string sealed(pending.text(0, 0));
                const auto secret = ctx.totp_box.open_text(sealed);
                const auto step = secret ? totp::match(*secret, code, unix_now(), std::nullopt)
                                         : std::optional<std::int64_t>{};
                if (!step) {
                  throw Error(Errc::validation_failed,
                              "That code does not match. Check the time on your phone and try the "
                              "newest code.");
                }
                auto tx = co_await ctx.db.begin();
                auto enabled = co_await tx.execute(kEnable, user_id, *step, sealed);
                if (enabled.empty()) throw Error(Errc::conflict, "Start the set-up again.");
                auto codes = co_await replace_recovery_codes(tx, user_id);
                co_await tx.execute(kUpgradeSession, rc.principal->session_id);
                co_await tx.execute(kEndOtherSessions, user_id, rc.principal->session_id);
                co_await tx.execute(kAudit, "mfa.enabled", user_id, rc.client.to_string(), "{}");
                co_await tx.commit();
                co_return recovery_codes_response(codes);
              },
              {.body_limit = 8 * 1024});

  // Turn it off: {current_password}.
  router.add(http::Verb::delete_, "/api/v1/me/mfa/totp", Access::signed_in(),
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto& user_id = rc.principal->user_id;
               co_await reauthenticate(ctx, rc);
               auto tx = co_await ctx.db.begin();
               auto disabled = co_await tx.execute(kDisable, user_id);
               if (disabled.empty())
                 throw Error(Errc::conflict, "Two-factor authentication is off.");
               co_await tx.execute(kDeleteRecoveryCodes, user_id);
               co_await tx.execute(kDowngradeSessions, user_id);
               co_await tx.execute(kAudit, "mfa.disabled", user_id, rc.client.to_string(), "{}");
               co_await tx.commit();
               co_return Response{http::Status::no_content, 11};
             },
             {.body_limit = 8 * 1024});

  // New recovery codes (the old ones stop working): {current_password}.
  router.post("/api/v1/me/mfa/recovery-codes", Access::signed_in(),
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto& user_id = rc.principal->user_id;
                co_await reauthenticate(ctx, rc);
                auto account = co_await ctx.db.query(kAccount, user_id);
                if (!account.boolean(0, 1)) {
                  throw Error(Errc::conflict, "Turn on two-factor authentication first.");
                }
                auto tx = co_await ctx.db.begin();
                auto codes = co_await replace_recovery_codes(tx, user_id);
                co_await tx.execute(kAudit, "mfa.recovery_codes_replaced", user_id,
                                    rc.client.to_string(), "{}");
                co_await tx.commit();
                co_return recovery_codes_response(codes);
              },
              {.body_limit = 8 * 1024});
}

}  // namespace sn::identity
