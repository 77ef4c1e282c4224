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

// Counting (starting over after an hour of quiet): past the key's threshold ($2), a count
// blocks the key for 2^(failures - threshold) seconds, at most 15 minutes.
#define SN_FAILURES \
  "(CASE WHEN t.last_failure_at < now() - interval '1 hour' THEN 1 ELSE t.failures + 1 END)"
#define SN_THRESHOLD "$2::int"
// Counts one attempt against one key, unless the key is blocked already (then no row comes
// back). Row locks make parallel attempts take their counts one after another.
constexpr db::Query kCount{"throttle.count",
                           "INSERT INTO sign_in_throttle AS t (key, failures, last_failure_at) "
                           "VALUES ($1, 1, now()) "
                           "ON CONFLICT (key) DO UPDATE SET "
                           "  failures = " SN_FAILURES
                           ", "
                           "  last_failure_at = now(), "
                           "  blocked_until = CASE WHEN " SN_FAILURES " >= " SN_THRESHOLD
                           "    THEN now() + make_interval(secs => least(900, power(2, " SN_FAILURES
                           " - " SN_THRESHOLD
                           "))) ELSE t.blocked_until END "
                           "WHERE t.blocked_until IS NULL OR t.blocked_until <= now() "
                           "RETURNING coalesce(blocked_until > now(), false)"};
#undef SN_FAILURES
#undef SN_THRESHOLD

constexpr db::Query kIsBlocked{
    "throttle.is_blocked",
    "SELECT 1 FROM sign_in_throttle WHERE key = $1 AND blocked_until > now()"};

constexpr db::Query kSucceeded{"throttle.succeeded", "DELETE FROM sign_in_throttle WHERE key = $1"};

}  // namespace

asio::awaitable<std::optional<std::chrono::seconds>> SignInThrottle::begin(std::string account,
                                                                           std::string client) {
  const auto key = account_key(account);
  auto waiting = co_await db_.query(kBlocked, key, client_key(client));
  if (waiting.empty() || waiting.is_null(0, 0)) {
    auto counted = co_await db_.query(kCount, key, kAccountThreshold);
    if (!counted.empty()) co_return std::nullopt;
    // Blocked by an attempt that ran meanwhile.
    waiting = co_await db_.query(kBlocked, key, client_key(client));
    if (waiting.empty() || waiting.is_null(0, 0)) co_return std::chrono::seconds(1);
  }
  co_return std::chrono::seconds(std::max<std::int64_t>(1, waiting.integer(0, 0)));
}

asio::awaitable<bool> SignInThrottle::failed(std::string account, std::string client) {
  auto counted = co_await db_.query(kCount, client_key(client), kClientThreshold);
  const bool client_blocked = !counted.empty() && counted.boolean(0, 0);
  auto account_blocked = co_await db_.query(kIsBlocked, account_key(account));
  co_return client_blocked || !account_blocked.empty();
}

asio::awaitable<void> SignInThrottle::succeeded(std::string account) {
  co_await db_.query(kSucceeded, account_key(account));
}

}  // namespace sn::identity
