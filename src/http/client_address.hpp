#pragma once
// Which address a request really came from. X-Forwarded-For is believed only when the TCP peer is
// one of the configured trusted proxies (the load balancer); otherwise anyone could forge it.

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sn::http {

class TrustedProxies {
 public:
  // "10.0.0.0/8, 192.168.1.7, ::1". Returns nullopt and sets `error` on a bad entry.
  static std::optional<TrustedProxies> parse(std::string_view list, std::string& error);

  bool contains(const boost::asio::ip::address& address) const;
  bool empty() const { return networks_.empty(); }

 private:
  std::vector<std::variant<boost::asio::ip::network_v4, boost::asio::ip::network_v6>> networks_;
};

// The client address: the peer, or, when the peer is a trusted proxy, the right-most address in
// X-Forwarded-For that is not itself a trusted proxy.
boost::asio::ip::address client_address(const boost::asio::ip::address& peer,
                                        std::string_view forwarded_for,
                                        const TrustedProxies& trusted);

}  // namespace sn::http
