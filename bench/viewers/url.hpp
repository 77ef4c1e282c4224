// An http:// URL split into what a request needs (no TLS, no user info), and the resolution of
// a playlist's segment URIs against the playlist's URL (RFC 3986 section 5.2).

#pragma once

#include <string>
#include <string_view>

namespace sn::viewers {

struct Url {
  std::string host;  // without brackets for IPv6 literals
  std::string port;  // "80" when absent
  std::string path;  // the request target: "/..." with the query, without the fragment

  // "host:port" as the Host header wants it.
  std::string authority() const;
  std::string text() const { return "http://" + authority() + path; }
};

// Parses "http://host[:port][/path][?query]"; throws std::runtime_error otherwise.
Url parse_url(std::string_view text);

// A URI from a playlist (absolute "http://...", absolute-path "/..." or relative "a/b.ts")
// resolved against the playlist's URL. A reference to another host or port is refused
// (std::runtime_error): each viewer has one connection, to the playlist's server.
Url resolve(const Url& base, std::string_view reference);

}  // namespace sn::viewers
