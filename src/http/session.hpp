#pragma once
// One client connection: reads requests in order (pipelined requests wait in the read buffer and
// are answered one by one, in order), runs each through the Pipeline, writes the answers.

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <chrono>
#include <memory>

#include "core/error.hpp"
#include "http/router.hpp"
#include "http/types.hpp"

namespace sn::http {

class Server;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, Server& server, std::uint64_t id);

  boost::asio::awaitable<void> run();
  // Called on the session's strand during a drain: closes the connection if it waits for a request.
  void close_if_idle();
  boost::asio::any_io_executor executor() { return stream_.get_executor(); }

 private:
  boost::asio::awaitable<bool> serve_one();
  boost::asio::awaitable<bool> serve_streamed(
      boost::beast::http::request_parser<boost::beast::http::buffer_body>& parser, Match match);
  // The answer: `res` as it is, or its header followed by `streamed`.
  boost::asio::awaitable<void> write(Response& res, bool head, StreamedBody* streamed = nullptr);
  boost::asio::awaitable<void> write_streamed(Response& res, StreamedBody& body, bool head);
  boost::asio::awaitable<bool> write_bytes(const std::string& bytes, std::uint64_t& sent,
                                           std::chrono::seconds timeout);
  void prepare_for_sendfile();
  boost::asio::awaitable<std::uint64_t> send_file(const FileSpan& span,
                                                  std::chrono::seconds timeout);
  boost::asio::awaitable<void> reject(Errc errc, std::string detail,
                                      const beast_http::request_header<>& header);
  boost::asio::awaitable<void> linger_and_close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  Server& server_;
  std::uint64_t id_;
  boost::asio::ip::address peer_;
  bool idle_ = true;
  bool sendfile_ready_ = false;  // see prepare_for_sendfile
};

}  // namespace sn::http
