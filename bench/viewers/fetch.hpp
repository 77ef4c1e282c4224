// The preflight's blocking GET: one request on a fresh connection, before any viewer starts.
// It reads the playlist the viewers will play and the size of every segment, which the viewers
// then check each answer against.

#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>

#include "url.hpp"

namespace sn::viewers {

// The first address the URL's host resolves to; throws std::runtime_error if none.
boost::asio::ip::tcp::endpoint resolve_endpoint(const Url& url);

struct Fetched {
  int status = 0;
  std::uint64_t body_bytes = 0;
  std::string body;  // only with keep_body
};

// GET over HTTP/1.0 (so the body is never chunked: what follows the headers is the body) with a
// 10 s receive timeout; throws std::runtime_error if there is no complete answer.
Fetched fetch(const boost::asio::ip::tcp::endpoint& endpoint, const Url& url, bool keep_body);

}  // namespace sn::viewers
