#include "http/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "core/log.hpp"
#include "http/server.hpp"

namespace sn::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

constexpr std::size_t kBufferSlack = 16 * 1024;

bool client_went_away(const boost::system::error_code& ec) {
  return ec == beast::error::timeout || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
         ec == asio::error::bad_descriptor || ec == beast_http::error::end_of_stream;
}

}  // namespace

Session::Session(asio::ip::tcp::socket socket, Server& server, std::uint64_t id)
    : stream_(std::move(socket)),
      // Bounded: a whole header must fit, but nothing a client sends (long chunk extensions or
      // trailers, which the parser does not cap) may grow it further.
      buffer_(server.limits().header_bytes + kBufferSlack),
      server_(server),
      id_(id) {
  boost::system::error_code ec;
  peer_ = stream_.socket().remote_endpoint(ec).address();
}

asio::awaitable<void> Session::run() {
  auto self = shared_from_this();
  auto& metrics = server_.metrics();
  metrics.open_connections.fetch_add(1, std::memory_order_relaxed);
  try {
    while (co_await serve_one()) {
    }
  } catch (const std::exception& e) {
    log::error("connection failed", {{"error", e.what()}});
  }
  boost::system::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  stream_.socket().close(ec);
  metrics.open_connections.fetch_sub(1, std::memory_order_relaxed);
  server_.remove(id_);
}

void Session::close_if_idle() {
  if (idle_) stream_.cancel();
}

// Reads and answers one request; false when the connection should close.
asio::awaitable<bool> Session::serve_one() {
  const auto& limits = server_.limits();

  // Idle: wait for the first byte of the next request under the keep-alive timeout; while
  // draining, only briefly, for a request the client may already have sent.
  if (buffer_.size() == 0) {
    idle_ = true;
    stream_.expires_after(server_.draining() ? limits.drain_idle_grace : limits.idle_timeout);
    auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(4096), use_tuple);
    idle_ = false;
    if (ec) co_return false;
    buffer_.commit(n);
  }
  idle_ = false;

  // The whole request, header and body, must arrive within the read timeout: a client that
  // trickles bytes is cut off.
  stream_.expires_after(limits.read_timeout);
  beast_http::request_parser<beast_http::empty_body> header_parser;
  header_parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes));
  header_parser.body_limit(boost::none);  // the route decides, once the header is known
  {
    auto [ec, n] =
        co_await beast_http::async_read_header(stream_, buffer_, header_parser, use_tuple);
    if (ec == beast_http::error::header_limit || ec == beast_http::error::buffer_overflow) {
      co_await reject(
          Errc::header_too_large,
          "The request header is larger than " + std::to_string(limits.header_bytes) + " bytes.",
          header_parser.get());
      co_return false;
    }
    if (ec) {
      if (!client_went_away(ec)) {
        co_await reject(Errc::bad_request, "The request could not be parsed as HTTP/1.1.",
                        header_parser.get());
      }
      co_return false;
    }
  }

  const auto& head = header_parser.get();
  auto match = server_.pipeline().router().match(head.method(), head.target());
  const std::size_t body_limit =
      match.route ? match.route->options.body_limit : limits.unrouted_body_bytes;
  if (auto length = header_parser.content_length(); length && *length > body_limit) {
    co_await reject(
        Errc::payload_too_large,
        "This route accepts bodies of at most " + std::to_string(body_limit) + " bytes.", head);
    co_return false;
  }

  beast_http::request_parser<beast_http::string_body> parser(std::move(header_parser));
  parser.body_limit(body_limit);
  {
    auto [ec, n] = co_await beast_http::async_read(stream_, buffer_, parser, use_tuple);
    if (ec == beast_http::error::buffer_overflow) {
      co_await reject(Errc::bad_request, "A chunk header or trailer is too long.", parser.get());
      co_return false;
    }
    if (ec == beast_http::error::body_limit) {
      co_await reject(
          Errc::payload_too_large,
          "This route accepts bodies of at most " + std::to_string(body_limit) + " bytes.",
          parser.get());
      co_return false;
    }
    if (ec) {
      if (!client_went_away(ec)) {
        co_await reject(Errc::bad_request, "The request body could not be read.", parser.get());
      }
      co_return false;
    }
  }

  Request request = parser.release();
  const bool head_only = request.method() == beast_http::verb::head;
  Response res = co_await server_.pipeline().handle(request, std::move(match), peer_, Clock::now());
  res.keep_alive(request.keep_alive() && res.keep_alive() && !server_.draining());
  co_await write(res, head_only);
  co_return res.keep_alive();
}

asio::awaitable<void> Session::write(Response& res, bool head_only) {
  if (head_only) {
    const auto size = res.body().size();
    res.body().clear();
    res.content_length(size);
  } else {
    res.prepare_payload();
  }
  stream_.expires_after(server_.limits().write_timeout);
  auto [ec, n] = co_await beast_http::async_write(stream_, res, use_tuple);
  if (ec) res.keep_alive(false);
}

asio::awaitable<void> Session::reject(Errc errc, std::string detail,
                                      const beast_http::request_header<>& header) {
  Response res = server_.pipeline().reject(errc, std::move(detail), header, peer_, Clock::now());
  co_await write(res, false);
  co_await linger_and_close();
}

// After refusing a request whose body we did not read, half-close and drain what the client is
// still sending for a moment, so it reads our answer instead of a connection reset.
asio::awaitable<void> Session::linger_and_close() {
  boost::system::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  stream_.expires_after(std::chrono::seconds(2));
  std::array<char, 16 * 1024> sink;
  std::size_t drained = 0;
  while (drained < 8 * 1024 * 1024) {
    auto [rec, n] = co_await stream_.async_read_some(asio::buffer(sink), use_tuple);
    if (rec) break;
    drained += n;
  }
}

}  // namespace sn::http
