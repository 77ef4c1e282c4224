#pragma once
// Cache invalidation between instances over PostgreSQL's LISTEN/NOTIFY.
//
// Triggers (db/migrations/0011_cache_invalidation.sql) send `topic` or `topic:key` on the channel
// "skillnexus_invalidate" when a committed change makes cached answers wrong: a revoked session,
// an edited course. Every instance keeps one connection listening (listen()), and every primary
// pool connection listens too, so the instance that made a change has dropped its own stale
// entries before the statement that made it returns (a notification to oneself arrives before
// the statement's end), while the other instances hear of it within a round trip.
//
// A cache serves only while the listener is connected (live()); on losing it, and again on
// reconnecting, every subscriber is reset, since anything may have changed meanwhile.

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sn::db {

struct ConnectOptions;

class Invalidations {
 public:
  static constexpr const char* kChannel = "skillnexus_invalidate";

  // `on_key(key)` for "topic:key"; `on_reset()` for a bare "topic" and on every listener
  // (dis)connection. Subscribe before listen() starts; handlers must be cheap and thread-safe.
  void subscribe(std::string topic, std::function<void(std::string_view key)> on_key,
                 std::function<void()> on_reset);

  // One notification's payload, from whichever connection received it.
  void dispatch(std::string_view payload) const;

  // Caches report their counters here, for the Prometheus families of render_metrics().
  struct CacheStats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::size_t entries = 0;
  };
  void add_cache(std::string name, std::function<CacheStats()> stats);
  void render_metrics(std::string& out) const;

  // Whether caches may serve: the listener is connected and listening.
  bool live() const { return live_.load(std::memory_order_acquire); }

  // The listening loop: connects, LISTENs, delivers; reconnects with backoff after a failure.
  // Runs until the io_context stops.
  boost::asio::awaitable<void> listen(std::string conninfo, ConnectOptions options);

 private:
  struct Subscriber {
    std::string topic;
    std::function<void(std::string_view)> on_key;
    std::function<void()> on_reset;
  };
  void reset_all() const;

  std::vector<Subscriber> subscribers_;
  std::vector<std::pair<std::string, std::function<CacheStats()>>> caches_;
  std::atomic<bool> live_{false};
};

}  // namespace sn::db
