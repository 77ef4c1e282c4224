#pragma once
// The HTTP/1.1 server: a listener accepting connections and one Session (session.hpp) per
// connection. It owns the explicit limits and the graceful drain a load balancer needs.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "http/metrics.hpp"
#include "http/pipeline.hpp"

namespace sn::http {

struct ServerLimits {
  std::size_t header_bytes = 16 * 1024;              // more: 431
  std::size_t unrouted_body_bytes = 64 * 1024;       // body limit when no route matched
  std::chrono::seconds read_timeout{10};             // one whole request, first byte to last
  std::chrono::seconds idle_timeout{75};             // keep-alive wait (above ALB's 60 s)
  std::chrono::seconds write_timeout{30};            // one whole response
  std::chrono::milliseconds drain_idle_grace{1000};  // idle keep-alive kept this long on drain
  unsigned max_connections = 10000;
};

class Session;

class Server {
 public:
  Server(boost::asio::io_context& ioc, Pipeline& pipeline, Metrics& metrics, ServerLimits limits);
  ~Server();

  // Binds and listens; returns the bound endpoint (port 0 picks a free one).
  boost::asio::ip::tcp::endpoint listen(const std::string& host, std::uint16_t port);
  void start();

  // Stop accepting; every response from now on closes its connection; idle keep-alive
  // connections are closed after drain_idle_grace. Thread-safe, idempotent.
  void begin_drain();
  bool draining() const { return draining_.load(std::memory_order_acquire); }
  std::size_t open_sessions() const;

  Pipeline& pipeline() { return pipeline_; }
  Metrics& metrics() { return metrics_; }
  const ServerLimits& limits() const { return limits_; }

 private:
  friend class Session;
  boost::asio::awaitable<void> accept_loop();
  void reject_at_capacity(boost::asio::ip::tcp::socket& socket);
  void close_idle_sessions();
  void add(std::uint64_t id, std::weak_ptr<Session> session);
  void remove(std::uint64_t id);

  boost::asio::io_context& ioc_;
  Pipeline& pipeline_;
  Metrics& metrics_;
  ServerLimits limits_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer drain_timer_;
  std::atomic<bool> draining_{false};
  std::atomic<std::uint64_t> next_session_id_{1};
  mutable std::mutex sessions_mutex_;
  std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions_;
};

}  // namespace sn::http
