#include "http/client_address.hpp"

#include <boost/algorithm/string/trim.hpp>

namespace sn::http {
namespace ip = boost::asio::ip;

namespace {

std::optional<ip::address> parse_address(std::string_view text) {
  boost::system::error_code ec;
  auto address = ip::make_address(text, ec);
  if (ec) return std::nullopt;
  // An IPv4-mapped IPv6 peer (dual-stack socket) is the IPv4 client.
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

std::vector<std::string_view> split_commas(std::string_view list) {
  std::vector<std::string_view> parts;
  while (!list.empty()) {
    auto comma = list.find(',');
    auto part = list.substr(0, comma);
    while (!part.empty() && part.front() == ' ')
      part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ')
      part.remove_suffix(1);
    if (!part.empty()) parts.push_back(part);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return parts;
}

}  // namespace

std::optional<TrustedProxies> TrustedProxies::parse(std::string_view list, std::string& error) {
  TrustedProxies result;
  for (auto entry : split_commas(list)) {
    boost::system::error_code ec;
    std::string text(entry);
    if (text.find('/') == std::string::npos) {
      auto address = parse_address(text);
      if (!address) {
        error = "'" + text + "' is not an IP address or CIDR network";
        return std::nullopt;
      }
      text += address->is_v4() ? "/32" : "/128";
    }
    if (text.find(':') == std::string::npos) {
      auto net = ip::make_network_v4(text, ec);
      if (!ec) {
        result.networks_.emplace_back(net.canonical());
        continue;
      }
    } else {
      auto net = ip::make_network_v6(text, ec);
      if (!ec) {
        result.networks_.emplace_back(net.canonical());
        continue;
      }
    }
    error = "'" + std::string(entry) + "' is not an IP address or CIDR network";
    return std::nullopt;
  }
  return result;
}

bool TrustedProxies::contains(const ip::address& raw) const {
  auto address = parse_address(raw.to_string()).value_or(raw);
  for (const auto& network : networks_) {
    if (auto* v4 = std::get_if<ip::network_v4>(&network); v4 && address.is_v4()) {
      auto one = ip::network_v4(address.to_v4(), 32);
      if (one.is_subnet_of(*v4) || one == *v4) return true;
    } else if (auto* v6 = std::get_if<ip::network_v6>(&network); v6 && address.is_v6()) {
      auto one = ip::network_v6(address.to_v6(), 128);
      if (one.is_subnet_of(*v6) || one == *v6) return true;
    }
  }
  return false;
}

ip::address client_address(const ip::address& peer, std::string_view forwarded_for,
                           const TrustedProxies& trusted) {
  auto client = parse_address(peer.to_string()).value_or(peer);
  if (forwarded_for.empty() || !trusted.contains(client)) return client;
  auto hops = split_commas(forwarded_for);
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    auto hop = parse_address(*it);
    if (!hop) return client;  // a garbled entry: trust nothing left of it
    client = *hop;
    if (!trusted.contains(client)) return client;
  }
  return client;
}

}  // namespace sn::http
