#include "db/invalidations.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log.hpp"
#include "db/connection.hpp"

namespace sn::db {
namespace asio = boost::asio;

void Invalidations::subscribe(std::string topic, std::function<void(std::string_view)> on_key,
                              std::function<void()> on_reset) {
  subscribers_.push_back({std::move(topic), std::move(on_key), std::move(on_reset)});
}

void Invalidations::dispatch(std::string_view payload) const {
  const auto colon = payload.find(':');
  const auto topic = payload.substr(0, colon);
  for (const auto& s : subscribers_) {
    if (s.topic != topic) continue;
    if (colon == std::string_view::npos) {
      s.on_reset();
    } else {
      s.on_key(payload.substr(colon + 1));
    }
  }
}

void Invalidations::add_cache(std::string name, std::function<CacheStats()> stats) {
  caches_.emplace_back(std::move(name), std::move(stats));
}

void Invalidations::render_metrics(std::string& out) const {
  out +=
      "# HELP skillnexus_cache_listener_up Whether the cache invalidation listener is connected "
      "(caches serve only then).\n"
      "# TYPE skillnexus_cache_listener_up gauge\n"
      "skillnexus_cache_listener_up " +
      std::string(live() ? "1" : "0") + "\n";
  std::vector<std::pair<std::string, CacheStats>> all;
  for (const auto& [name, stats] : caches_)
    all.emplace_back(name, stats());
  const auto family = [&](const char* metric, const char* type, const char* help, auto value) {
    out += std::string("# HELP ") + metric + " " + help + "\n# TYPE " + metric + " " + type + "\n";
    for (const auto& [name, stats] : all)
      out +=
          std::string(metric) + "{cache=\"" + name + "\"} " + std::to_string(value(stats)) + "\n";
  };
  family("skillnexus_cache_hits_total", "counter", "Answers served from an in-process cache.",
         [](const CacheStats& s) { return s.hits; });
  family("skillnexus_cache_misses_total", "counter", "Cache lookups that went to the database.",
         [](const CacheStats& s) { return s.misses; });
  family("skillnexus_cache_entries", "gauge", "Entries held by an in-process cache.",
         [](const CacheStats& s) { return s.entries; });
}

void Invalidations::reset_all() const {
  for (const auto& s : subscribers_)
    s.on_reset();
}

asio::awaitable<void> Invalidations::listen(std::string conninfo, ConnectOptions options) {
  options.invalidations = this;
  options.statement_timeout = std::chrono::milliseconds(0);
  options.application_name += " invalidations";
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer backoff(executor);
  auto delay = std::chrono::milliseconds(250);
  for (;;) {
    try {
      auto conn = co_await Connection::connect(executor, conninfo, options);
      // Whatever changed while nobody listened is unknown: start from empty caches.
      reset_all();
      live_.store(true, std::memory_order_release);
      log::info("listening for cache invalidations", {});
      delay = std::chrono::milliseconds(250);
      for (;;)
        co_await conn->wait_for_notifications();
    } catch (const std::exception& e) {
      if (live_.exchange(false)) {
        log::warn("cache invalidation listener lost; caches off until it is back",
                  {{"error", e.what()}});
      }
      reset_all();
    }
    backoff.expires_after(delay);
    co_await backoff.async_wait(asio::use_awaitable);
    delay = std::min(delay * 2, std::chrono::milliseconds(10000));
  }
}

}  // namespace sn::db
