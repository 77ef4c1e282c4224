#include "http/session.hpp"

#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <cerrno>
#include <tuple>

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

// The request body a streamed_body route reads: beast's buffer_body parser pointed at the
// caller's buffer for each read.
class StreamedRequestBody final : public BodyReader {
 public:
  StreamedRequestBody(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                      beast_http::request_parser<beast_http::buffer_body>& parser,
                      std::chrono::seconds timeout)
      : stream_(stream), buffer_(buffer), parser_(parser), timeout_(timeout) {}

  std::optional<std::uint64_t> declared_length() const override {
    if (auto length = parser_.content_length()) return *length;
    return std::nullopt;
  }

  asio::awaitable<std::size_t> read_some(asio::mutable_buffer into) override {
    while (!parser_.is_done() && into.size() > 0) {
      auto& body = parser_.get().body();
      body.data = into.data();
      body.size = into.size();
      stream_.expires_after(timeout_);
      auto [ec, n] = co_await beast_http::async_read_some(stream_, buffer_, parser_, use_tuple);
      const std::size_t got = into.size() - body.size;
      body.data = nullptr;
      if (ec == beast_http::error::need_buffer) ec = {};
      if (ec) {
        failed_ = true;
        if (ec == beast_http::error::body_limit) {
          throw Error(Errc::payload_too_large, "The body is larger than this route accepts.");
        }
        throw Error(Errc::bad_request, "The request body could not be read: " + ec.message());
      }
      if (got > 0) co_return got;
    }
    co_return 0;
  }

  bool finished() const override { return parser_.is_done(); }
  bool failed() const { return failed_; }

 private:
  beast::tcp_stream& stream_;
  beast::flat_buffer& buffer_;
  beast_http::request_parser<beast_http::buffer_body>& parser_;
  std::chrono::seconds timeout_;
  bool failed_ = false;
};

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

  if (match.route && match.route->options.streamed_body) {
    beast_http::request_parser<beast_http::buffer_body> streamed(std::move(header_parser));
    streamed.body_limit(body_limit);
    co_return co_await serve_streamed(streamed, std::move(match));
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
  BodyStreams streams;
  Response res =
      co_await server_.pipeline().handle(request, std::move(match), peer_, Clock::now(), &streams);
  res.keep_alive(request.keep_alive() && res.keep_alive() && !server_.draining());
  co_await write(res, head_only, streams.response_body ? &*streams.response_body : nullptr);
  co_return res.keep_alive();
}

// A request whose route reads the body itself, as it arrives: each read under the read timeout,
// so an upload may take as long as it needs while it keeps moving.
asio::awaitable<bool> Session::serve_streamed(
    beast_http::request_parser<beast_http::buffer_body>& parser, Match match) {
  Request request(static_cast<const beast_http::request_header<>&>(parser.get()));
  StreamedRequestBody body(stream_, buffer_, parser, server_.limits().read_timeout);
  BodyStreams streams{.request_body = &body};
  Response res =
      co_await server_.pipeline().handle(request, std::move(match), peer_, Clock::now(), &streams);
  // A body the handler did not read to the end leaves the connection unusable for another request.
  const bool body_done = body.finished() || body.failed();
  res.keep_alive(request.keep_alive() && res.keep_alive() && body.finished() &&
                 !server_.draining());
  co_await write(res, false, streams.response_body ? &*streams.response_body : nullptr);
  if (!body_done) co_await linger_and_close();
  co_return res.keep_alive();
}

asio::awaitable<void> Session::write(Response& res, bool head_only, StreamedBody* streamed) {
  if (streamed) {
    co_await write_streamed(res, *streamed, head_only);
    co_return;
  }
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

namespace {

using HeaderSerializer = beast_http::response_serializer<beast_http::string_body>;

// Writes what it can of the header with MSG_MORE, the socket being non-blocking: the header then
// leaves in the body's first full packet rather than in a small packet of its own, which cost the
// client one more wakeup per segment (nginx's tcp_nopush does the same with TCP_CORK, two more
// system calls per answer). Stops early, without error, when the socket buffer is full.
void send_header_more(int fd, HeaderSerializer& serializer, boost::system::error_code& ec) {
  while (!ec && !serializer.is_header_done()) {
    std::size_t written = 0;
    bool full = false;
    serializer.next(ec, [&](boost::system::error_code& visit_ec, const auto& buffers) {
      std::array<iovec, 64> iov{};  // a header is a buffer per field
      std::size_t count = 0;
      for (const auto buffer : boost::beast::buffers_range_ref(buffers)) {
        if (count == iov.size()) break;
        iov[count++] = {const_cast<void*>(buffer.data()), buffer.size()};
      }
      msghdr message{};
      message.msg_iov = iov.data();
      message.msg_iovlen = count;
      const auto n = ::sendmsg(fd, &message, MSG_MORE | MSG_NOSIGNAL);
      if (n >= 0) {
        written = static_cast<std::size_t>(n);
      } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        full = true;
      } else if (errno != EINTR) {
        visit_ec.assign(errno, boost::system::system_category());
      }
    });
    if (ec) return;
    serializer.consume(written);
    if (full) return;
  }
}

}  // namespace

// The header, then each piece: literal bytes as they are, file spans with sendfile(2), chunks as
// the source yields them. The write timeout applies to each step, not the whole body, so a slow
// viewer of a long video is served while it keeps reading.
asio::awaitable<void> Session::write_streamed(Response& res, StreamedBody& body, bool head_only) {
  res.body().clear();
  res.content_length(body.length);
  const auto timeout = server_.limits().write_timeout;
  HeaderSerializer serializer(res);
  boost::system::error_code ec;
  if (!head_only && !body.pieces.empty() && std::holds_alternative<FileSpan>(body.pieces.front())) {
    prepare_for_sendfile();
    send_header_more(stream_.socket().native_handle(), serializer, ec);
  }
  if (!ec && !serializer.is_header_done()) {
    stream_.expires_after(timeout);
    std::tie(ec, std::ignore) =
        co_await beast_http::async_write_header(stream_, serializer, use_tuple);
  }
  if (ec) {
    res.keep_alive(false);
    co_return;
  }
  if (head_only) co_return;
  std::uint64_t sent = 0;
  bool ok = true;
  try {
    for (auto& piece : body.pieces) {
      if (auto* bytes = std::get_if<std::string>(&piece)) {
        ok = co_await write_bytes(*bytes, sent, timeout);
      } else if (auto* span = std::get_if<FileSpan>(&piece)) {
        const auto written = co_await send_file(*span, timeout);
        sent += written;
        ok = written == span->length;
      } else {
        auto& source = *std::get<std::shared_ptr<ChunkSource>>(piece);
        for (auto chunk = co_await source.next(); ok && !chunk.empty();
             chunk = co_await source.next()) {
          ok = co_await write_bytes(chunk, sent, timeout);
        }
      }
      if (!ok) break;
    }
  } catch (const std::exception& e) {
    // The header is out: the only way left to say "incomplete" is to close early.
    log::warn("streamed response failed", {{"error", e.what()}});
    ok = false;
  }
  if (!ok || sent != body.length) res.keep_alive(false);
}

asio::awaitable<bool> Session::write_bytes(const std::string& bytes, std::uint64_t& sent,
                                           std::chrono::seconds timeout) {
  stream_.expires_after(timeout);
  auto [ec, written] = co_await asio::async_write(stream_, asio::buffer(bytes), use_tuple);
  sent += written;
  co_return !ec;
}

namespace {

// Bounds the waits of one sendfile loop: a single timer for the whole body, armed on the first
// wait, which cancels the socket's wait only if no progress moved the deadline meanwhile. (A
// timer raced against every wait cost as much as the waits themselves.)
struct SendWatchdog {
  explicit SendWatchdog(asio::any_io_executor executor) : timer(std::move(executor)) {}
  asio::steady_timer timer;
  std::chrono::steady_clock::time_point deadline;
  bool finished = false;
  bool expired = false;
};

void arm(std::shared_ptr<SendWatchdog> dog, asio::ip::tcp::socket* socket) {
  dog->timer.expires_at(dog->deadline);
  dog->timer.async_wait([dog, socket](boost::system::error_code ec) {
    if (ec || dog->finished) return;
    if (std::chrono::steady_clock::now() < dog->deadline) return arm(dog, socket);
    dog->expired = true;
    boost::system::error_code ignored;
    socket->cancel(ignored);
  });
}

}  // namespace

// Once per connection (a keep-alive viewer asks for hundreds of segments): a non-blocking socket
// for our own system calls, and room for a whole segment in its buffer, so that a body takes
// fewer trips through the reactor.
void Session::prepare_for_sendfile() {
  if (sendfile_ready_) return;
  boost::system::error_code ignored;
  stream_.socket().non_blocking(true, ignored);
  stream_.socket().set_option(asio::socket_base::send_buffer_size(4 << 20), ignored);
  sendfile_ready_ = true;
}

// sendfile(2) on the non-blocking socket, waiting for room when the socket buffer is full; the
// count of bytes sent, short when the client stalls past `timeout` or goes away.
asio::awaitable<std::uint64_t> Session::send_file(const FileSpan& span,
                                                  std::chrono::seconds timeout) {
  auto& socket = stream_.socket();
  prepare_for_sendfile();
  off_t offset = static_cast<off_t>(span.offset);
  std::uint64_t sent = 0;
  std::shared_ptr<SendWatchdog> dog;
  while (sent < span.length) {
    constexpr std::uint64_t kMaxPerCall = 1 << 20;  // let other connections on this thread in
    const auto n = ::sendfile(socket.native_handle(), span.file->fd(), &offset,
                              static_cast<std::size_t>(std::min(span.length - sent, kMaxPerCall)));
    if (n > 0) {
      sent += static_cast<std::uint64_t>(n);
      continue;
    }
    if (n == 0) break;  // the file is shorter than promised
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) break;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    if (!dog) {
      dog = std::make_shared<SendWatchdog>(socket.get_executor());
      dog->deadline = deadline;
      arm(dog, &socket);
    }
    dog->deadline = deadline;
    auto [wait_error] = co_await socket.async_wait(asio::socket_base::wait_write, use_tuple);
    if (wait_error || dog->expired) break;
  }
  if (dog) {
    dog->finished = true;
    dog->timer.cancel();
  }
  co_return sent;
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
