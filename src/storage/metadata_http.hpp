#pragma once
// The few HTTP/1.1 requests that fetch AWS credentials from a metadata service (the ECS container
// endpoint, EC2's instance metadata service): one request on a fresh connection, plain HTTP or
// TLS, on the caller's executor. Each request has one deadline for all of it (these services
// answer on the local network within milliseconds) and a small body limit; redirects are not
// followed.

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boost::asio::ip {
class address;
}

namespace sn::storage::metadata {

// An http or https URL split for a request.
struct Url {
  bool tls = false;
  std::string host;       // as the resolver takes it (no IPv6 brackets)
  std::string port;       // "80" unless given
  std::string authority;  // the Host header
  std::string target;     // path and query, "/" at least
};

// Throws std::invalid_argument unless `text` is an absolute http(s) URL without user info.
Url parse_url(std::string_view text);

struct Response {
  unsigned status = 0;
  std::string body;
};

// Whether a connection to `address` is allowed (the container endpoint's rule for plain HTTP).
using AddressCheck = std::function<bool(const boost::asio::ip::address&)>;

struct Options {
  std::chrono::milliseconds timeout{2000};  // resolve, connect, send and read, all of it
  std::size_t max_body = 64 * 1024;
  // When set, every address the host resolves to must pass it, or nothing is sent.
  AddressCheck allowed_address;
};

// A failure to get an answer at all: refused, timed out, too large, not HTTP. The message names
// the host, never a header.
class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Sends one request and reads the whole answer, whatever its status. Throws TransportError.
boost::asio::awaitable<Response> request(boost::beast::http::verb method, const Url& url,
                                         std::vector<std::pair<std::string, std::string>> headers,
                                         Options options);

}  // namespace sn::storage::metadata
