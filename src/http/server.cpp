#include "http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/serialize.hpp>

#include "core/log.hpp"
#include "http/session.hpp"

namespace sn::http {
namespace asio = boost::asio;
using asio::ip::tcp;

Server::Server(asio::io_context& ioc, Pipeline& pipeline, Metrics& metrics, ServerLimits limits)
    : ioc_(ioc),
      pipeline_(pipeline),
      metrics_(metrics),
      limits_(limits),
      acceptor_(asio::make_strand(ioc)),
      drain_timer_(acceptor_.get_executor()) {}

Server::~Server() = default;

tcp::endpoint Server::listen(const std::string& host, std::uint16_t port) {
  tcp::endpoint endpoint(asio::ip::make_address(host), port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  return acceptor_.local_endpoint();
}

void Server::start() {
  asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached);
}

asio::awaitable<void> Server::accept_loop() {
  while (acceptor_.is_open()) {
    // Each connection gets its own strand: its coroutine never runs on two threads at once.
    auto [ec, accepted] = co_await acceptor_.async_accept(asio::make_strand(ioc_),
                                                          asio::as_tuple(asio::use_awaitable));
    tcp::socket socket(std::move(accepted));
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
      // Out of file descriptors or similar: back off instead of spinning.
      log::warn("accept failed", {{"error", ec.message()}});
      asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    metrics_.accepted_connections.fetch_add(1, std::memory_order_relaxed);
    if (metrics_.open_connections.load(std::memory_order_relaxed) >=
        static_cast<std::int64_t>(limits_.max_connections)) {
      reject_at_capacity(socket);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    const auto id = next_session_id_.fetch_add(1, std::memory_order_relaxed);
    auto session = std::make_shared<Session>(std::move(socket), *this, id);
    add(id, session);
    // The spawned function owns the session until its coroutine ends; the server keeps only
    // a weak reference, for the drain.
    asio::co_spawn(
        session->executor(), [session] { return session->run(); }, asio::detached);
  }
}

void Server::reject_at_capacity(tcp::socket& socket) {
  metrics_.rejected_connections.fetch_add(1, std::memory_order_relaxed);
  const auto& info = error_info(Errc::too_many_connections);
  static const std::string body = boost::json::serialize(
      boost::json::object{{"type", "urn:skillnexus:problem:too_many_connections"},
                          {"title", info.title},
                          {"status", 503},
                          {"code", info.code}});
  static const std::string response =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
      "X-Content-Type-Options: nosniff\r\nRetry-After: 1\r\nConnection: close\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  // A best-effort answer that fits in the socket buffer; never wait on a client here.
  boost::system::error_code ec;
  socket.non_blocking(true, ec);
  socket.write_some(asio::buffer(response), ec);
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
}

void Server::begin_drain() {
  if (draining_.exchange(true, std::memory_order_acq_rel)) return;
  asio::post(acceptor_.get_executor(), [this] {
    boost::system::error_code ec;
    acceptor_.close(ec);
    drain_timer_.expires_after(limits_.drain_idle_grace);
    drain_timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) close_idle_sessions();
    });
  });
}

void Server::close_idle_sessions() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex_);
    for (auto& [id, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (auto& session : live) {
    asio::post(session->executor(), [session] { session->close_if_idle(); });
  }
  if (!live.empty()) {
    // Requests that were mid-read at the first pass close themselves; check again shortly.
    drain_timer_.expires_after(std::chrono::milliseconds(250));
    drain_timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) close_idle_sessions();
    });
  }
}

std::size_t Server::open_sessions() const {
  std::lock_guard lock(sessions_mutex_);
  return sessions_.size();
}

void Server::add(std::uint64_t id, std::weak_ptr<Session> session) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.emplace(id, std::move(session));
}

void Server::remove(std::uint64_t id) {
  std::lock_guard lock(sessions_mutex_);
  sessions_.erase(id);
}

}  // namespace sn::http
