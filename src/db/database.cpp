#include "db/database.hpp"

#include "core/error.hpp"
#include "core/log.hpp"

namespace sn::db {
namespace asio = boost::asio;

namespace {
constexpr std::chrono::seconds kReplicaRetryAfter{5};
}

asio::awaitable<void> Transaction::commit() {
  co_await lease_->run_script("COMMIT");
}

asio::awaitable<Result> Transaction::run(Query query, Params params) {
  pool_->count_query();
  co_return co_await lease_->execute(query, params);
}

namespace {
PoolOptions listening(PoolOptions options, Invalidations* invalidations) {
  options.connect.invalidations = invalidations;
  return options;
}
}  // namespace

Database::Database(const std::string& primary, const std::vector<std::string>& replicas,
                   const PoolOptions& options, Invalidations* invalidations)
    : primary_(std::make_unique<Pool>("primary", primary, listening(options, invalidations))) {
  for (std::size_t i = 0; i < replicas.size(); ++i) {
    replicas_.push_back(
        std::make_unique<Pool>("replica-" + std::to_string(i), replicas[i], options));
  }
}

asio::awaitable<Result> Database::run(Pool& pool, Query query, Params params) {
  auto lease = co_await pool.acquire();
  pool.count_query();
  co_return co_await lease->execute(query, params);
}

asio::awaitable<Result> Database::run_on_replica(Query query, Params params) {
  const auto n = replicas_.size();
  const unsigned start = next_replica_.fetch_add(1, std::memory_order_relaxed);
  for (std::size_t i = 0; i < n; ++i) {
    auto& replica = *replicas_[(start + i) % n];
    if (replica.is_down()) continue;
    try {
      co_return co_await run(replica, query, params);
    } catch (const ConnectionFailed&) {
      // Unreachable or lost: leave it alone for a while.
      replica.mark_down(kReplicaRetryAfter);
      log::warn("replica unavailable, reading elsewhere", {{"pool", replica.name()}});
    } catch (const Error& e) {
      // Busy or slow: read elsewhere this time, but keep using it.
      if (e.errc() != Errc::database_unavailable) throw;
    }
  }
  co_return co_await run(*primary_, query, params);
}

asio::awaitable<Transaction> Database::begin() {
  auto lease = co_await primary_->acquire();
  co_await lease->run_script("BEGIN");
  co_return Transaction(std::move(lease), *primary_);
}

void Database::render_metrics(std::string& out) const {
  std::vector<const Pool*> pools{primary_.get()};
  for (const auto& r : replicas_)
    pools.push_back(r.get());
  out +=
      "# HELP skillnexus_db_pool_connections Database connections by pool and state.\n"
      "# TYPE skillnexus_db_pool_connections gauge\n";
  for (const auto* pool : pools) {
    const auto s = pool->stats();
    out += "skillnexus_db_pool_connections{pool=\"" + pool->name() + "\",state=\"in_use\"} " +
           std::to_string(s.in_use) + "\n";
    out += "skillnexus_db_pool_connections{pool=\"" + pool->name() + "\",state=\"idle\"} " +
           std::to_string(s.idle) + "\n";
  }
  out +=
      "# HELP skillnexus_db_pool_waiting Requests waiting for a database connection.\n"
      "# TYPE skillnexus_db_pool_waiting gauge\n";
  for (const auto* pool : pools) {
    out += "skillnexus_db_pool_waiting{pool=\"" + pool->name() + "\"} " +
           std::to_string(pool->stats().waiting) + "\n";
  }
  out +=
      "# HELP skillnexus_db_queries_total Statements sent, by pool.\n"
      "# TYPE skillnexus_db_queries_total counter\n";
  for (const auto* pool : pools) {
    out += "skillnexus_db_queries_total{pool=\"" + pool->name() + "\"} " +
           std::to_string(pool->queries()) + "\n";
  }
  out +=
      "# HELP skillnexus_db_pool_failures_total Failed connects and acquire timeouts, by pool.\n"
      "# TYPE skillnexus_db_pool_failures_total counter\n";
  for (const auto* pool : pools) {
    out += "skillnexus_db_pool_failures_total{pool=\"" + pool->name() + "\"} " +
           std::to_string(pool->failures()) + "\n";
  }
}

}  // namespace sn::db
