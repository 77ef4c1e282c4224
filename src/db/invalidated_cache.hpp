#pragma once
// An in-process cache of answers read from the database, kept right by invalidations
// (db/invalidations.hpp): a "topic:key" notification drops that key, a bare "topic" drops all.
// Entries also expire after a time to live, for what no trigger reports (counters).
//
// A read that raced with an invalidation must not store what it read: take a ticket() before
// reading and pass it to put(); any invalidation in between (or a listener reconnect) voids it.
// While the listener is down, get() misses and put() stores nothing.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "db/invalidations.hpp"

namespace sn::db {

template <typename Value>
class InvalidatedCache {
 public:
  using Clock = std::chrono::steady_clock;
  struct Ticket {
    std::uint64_t generation;
  };

  // `name` labels its metrics; `topic` is what invalidates it.
  InvalidatedCache(Invalidations& invalidations, std::string name, std::string topic,
                   std::size_t max_entries, Clock::duration ttl)
      : invalidations_(invalidations), max_entries_(max_entries), ttl_(ttl) {
    invalidations.subscribe(
        std::move(topic), [this](std::string_view key) { erase(key); }, [this] { clear(); });
    invalidations.add_cache(std::move(name), [this] {
      std::lock_guard lock(mutex_);
      return Invalidations::CacheStats{hits_, misses_, entries_.size()};
    });
  }
  InvalidatedCache(const InvalidatedCache&) = delete;
  InvalidatedCache& operator=(const InvalidatedCache&) = delete;

  std::optional<Value> get(const std::string& key) {
    if (!invalidations_.live()) return std::nullopt;
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) {
      ++misses_;
      return std::nullopt;
    }
    if (it->second.expires <= Clock::now()) {
      entries_.erase(it);
      ++misses_;
      return std::nullopt;
    }
    ++hits_;
    return it->second.value;
  }

  Ticket ticket() const {
    std::lock_guard lock(mutex_);
    return {generation_};
  }

  // Stores `value` unless something was invalidated since `ticket`; `ttl` may shorten the
  // cache's own (a session that ends sooner).
  void put(const std::string& key, Value value, Ticket ticket,
           Clock::duration ttl = Clock::duration::max()) {
    if (!invalidations_.live()) return;
    const auto expires = Clock::now() + std::min(ttl, ttl_);
    std::lock_guard lock(mutex_);
    if (ticket.generation != generation_) return;
    if (entries_.size() >= max_entries_ && !entries_.contains(key)) evict();
    entries_.insert_or_assign(key, Entry{std::move(value), expires});
  }

  void erase(std::string_view key) {
    std::lock_guard lock(mutex_);
    ++generation_;
    entries_.erase(std::string(key));
  }

  void clear() {
    std::lock_guard lock(mutex_);
    ++generation_;
    entries_.clear();
  }

 private:
  struct Entry {
    Value value;
    Clock::time_point expires;
  };

  // Full: drop the expired entries, and if that freed nothing, a quarter of the rest (arbitrary
  // ones: cheaper than tracking recency, and a full cache is a sign its bound is too small).
  void evict() {
    const auto now = Clock::now();
    std::erase_if(entries_, [now](const auto& e) { return e.second.expires <= now; });
    if (entries_.size() < max_entries_) return;
    auto to_drop = entries_.size() / 4 + 1;
    for (auto it = entries_.begin(); it != entries_.end() && to_drop > 0; --to_drop)
      it = entries_.erase(it);
  }

  Invalidations& invalidations_;
  const std::size_t max_entries_;
  const Clock::duration ttl_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::uint64_t generation_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace sn::db
