#include "identity/retention.hpp"

namespace sn::identity {
namespace {

// Each deletes one batch ($1 rows at most) found through an index, and counts it.
// A day of grace after expiry keeps "why was I signed out" answerable from the rows.
constexpr db::Query kExpiredSessions{
    "retention.expired_sessions",
    "WITH gone AS (DELETE FROM sessions WHERE id IN (SELECT id FROM sessions "
    "WHERE expires_at < now() - interval '1 day' LIMIT $1) RETURNING 1) "
    "SELECT count(*) FROM gone"};
constexpr db::Query kRevokedSessions{
    "retention.revoked_sessions",
    "WITH gone AS (DELETE FROM sessions WHERE id IN (SELECT id FROM sessions "
    "WHERE revoked_at < now() - interval '1 day' LIMIT $1) RETURNING 1) "
    "SELECT count(*) FROM gone"};
constexpr db::Query kExpiredAccessTokens{
    "retention.expired_access_tokens",
    "WITH gone AS (DELETE FROM access_tokens WHERE token_hash IN (SELECT token_hash FROM "
    "access_tokens WHERE expires_at < now() LIMIT $1) RETURNING 1) SELECT count(*) FROM gone"};
constexpr db::Query kExpiredLinks{
    "retention.expired_links",
    "WITH gone AS (DELETE FROM user_tokens WHERE token_hash IN (SELECT token_hash FROM "
    "user_tokens WHERE expires_at < now() - interval '1 day' LIMIT $1) RETURNING 1) "
    "SELECT count(*) FROM gone"};
// Counters of failures long past and not blocking anyone: forgiven.
constexpr db::Query kOldThrottleRows{
    "retention.old_throttle_rows",
    "WITH gone AS (DELETE FROM sign_in_throttle WHERE key IN (SELECT key FROM sign_in_throttle "
    "WHERE last_failure_at < now() - interval '1 day' "
    "AND (blocked_until IS NULL OR blocked_until < now()) LIMIT $1) RETURNING 1) "
    "SELECT count(*) FROM gone"};

// Sign-up and reset request counters in windows long closed.
constexpr db::Query kOldMailCounters{
    "retention.old_mail_counters",
    "WITH gone AS (DELETE FROM mail_throttle WHERE key IN (SELECT key FROM mail_throttle "
    "WHERE window_start < now() - interval '1 day' LIMIT $1) RETURNING 1) "
    "SELECT count(*) FROM gone"};
// Single sign-on flows started and never finished.
constexpr db::Query kAbandonedSsoLogins{
    "retention.abandoned_sso_logins",
    "WITH gone AS (DELETE FROM oidc_logins WHERE state_hash IN (SELECT state_hash FROM "
    "oidc_logins WHERE expires_at < now() LIMIT $1) RETURNING 1) SELECT count(*) FROM gone"};

}  // namespace

void add_retention_jobs(ops::Housekeeping& housekeeping) {
  housekeeping.add("expired sessions", kExpiredSessions);
  housekeeping.add("revoked sessions", kRevokedSessions);
  housekeeping.add("expired access tokens", kExpiredAccessTokens);
  housekeeping.add("expired links", kExpiredLinks);
  housekeeping.add("old sign-in throttle rows", kOldThrottleRows);
  housekeeping.add("old mail request counters", kOldMailCounters);
  housekeeping.add("abandoned single sign-on logins", kAbandonedSsoLogins);
}

}  // namespace sn::identity
