#include "identity/throttle.hpp"

#include "core/text.hpp"

namespace sn::identity {
namespace asio = boost::asio;

namespace {

std::string account_key(const std::string& email) {
  return "account:" + ascii_lower(email);
}

std::string client_key(const std::string& client) {
  return "client:" + client;
}

constexpr db::Query kBlocked{
    "throttle.blocked",
    "SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::bigint FROM sign_in_throttle "
    "WHERE key IN ($1, $2) AND blocked_until > now()"};

// One statement for both keys: count the failure (starting over after an hour of quiet) and,
// past the key's threshold, block for 2^(failures - threshold) seconds, at most 15 minutes.
#define SN_FAILURES \
  "(CASE WHEN t.last_failure_at < now() - interval '1 hour' THEN 1 ELSE t.failures + 1 END)"
#define SN_THRESHOLD "(CASE WHEN t.key LIKE 'client:%' THEN $4::int ELSE $3::int END)"
constexpr db::Query kFailed{
    "throttle.failed",
    "INSERT INTO sign_in_throttle AS t (key, failures, last_failure_at) "
    "VALUES ($1, 1, now()), ($2, 1, now()) "
    "ON CONFLICT (key) DO UPDATE SET "
    "  failures = " SN_FAILURES
    ", "
    "  last_failure_at = now(), "
    "  blocked_until = CASE WHEN " SN_FAILURES " >= " SN_THRESHOLD
    "    THEN now() + make_interval(secs => least(900, power(2, " SN_FAILURES " - " SN_THRESHOLD
    "))) ELSE t.blocked_until END "
    "RETURNING key, coalesce(blocked_until > now(), false)"};
#undef SN_FAILURES
#undef SN_THRESHOLD

constexpr db::Query kSucceeded{"throttle.succeeded", "DELETE FROM sign_in_throttle WHERE key = $1"};

}  // namespace

asio::awaitable<std::optional<std::chrono::seconds>> SignInThrottle::blocked(std::string email,
                                                                             std::string client) {
  auto rows = co_await db_.query(kBlocked, account_key(email), client_key(client));
  if (rows.empty() || rows.is_null(0, 0)) co_return std::nullopt;
  co_return std::chrono::seconds(std::max<std::int64_t>(1, rows.integer(0, 0)));
}

asio::awaitable<bool> SignInThrottle::failed(std::string email, std::string client) {
  auto rows = co_await db_.query(kFailed, account_key(email), client_key(client), kAccountThreshold,
                                 kClientThreshold);
  bool blocked_now = false;
  for (int r = 0; r < rows.rows(); ++r)
    blocked_now = blocked_now || rows.boolean(r, 1);
  co_return blocked_now;
}

asio::awaitable<void> SignInThrottle::succeeded(std::string email) {
  co_await db_.query(kSucceeded, account_key(email));
}

}  // namespace sn::identity
