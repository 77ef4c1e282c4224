#include "fetch.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/write.hpp>
#include <stdexcept>

#include "http_response.hpp"

namespace sn::viewers {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

tcp::endpoint resolve_endpoint(const Url& url) {
  asio::io_context io;
  tcp::resolver resolver(io);
  const auto endpoints = resolver.resolve(url.host, url.port);
  if (endpoints.empty()) throw std::runtime_error("cannot resolve " + url.host);
  return endpoints.begin()->endpoint();
}

Fetched fetch(const tcp::endpoint& endpoint, const Url& url, bool keep_body) {
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect(endpoint, ec);
  if (ec) throw std::runtime_error("cannot connect to " + url.authority() + ": " + ec.message());
  const timeval timeout{10, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  const std::string request = "GET " + url.path + " HTTP/1.0\r\nHost: " + url.authority() +
                              "\r\nUser-Agent: skillnexus_viewers\r\nConnection: close\r\n\r\n";
  asio::write(socket, asio::buffer(request), ec);
  if (ec) throw std::runtime_error("GET " + url.text() + ": " + ec.message());

  sn::loadgen::ResponseParser parser;
  parser.reset();
  Fetched result;
  std::string received;  // the whole answer, when the body is kept
  char buffer[64 * 1024];
  while (!parser.done() && !parser.failed()) {
    const std::size_t n = socket.read_some(asio::buffer(buffer), ec);
    if (ec == asio::error::eof) {
      parser.end_of_stream();
      break;
    }
    if (ec) throw std::runtime_error("GET " + url.text() + ": " + ec.message());
    const std::size_t used = parser.feed(std::string_view(buffer, n));
    if (keep_body) received.append(buffer, used);
  }
  if (!parser.done())
    throw std::runtime_error("GET " + url.text() + ": " +
                             (parser.error().empty() ? "no complete answer" : parser.error()));
  result.status = parser.status();
  result.body_bytes = parser.body_bytes();
  // Never chunked (HTTP/1.0): the body is the last body_bytes of what the parser consumed.
  if (keep_body) result.body = received.substr(received.size() - result.body_bytes);
  return result;
}

}  // namespace sn::viewers
