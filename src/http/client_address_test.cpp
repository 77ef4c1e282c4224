#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace sn::http {
namespace {

namespace ip = boost::asio::ip;

TrustedProxies proxies(std::string_view list) {
  std::string error;
  auto parsed = TrustedProxies::parse(list, error);
  EXPECT_TRUE(parsed) << error;
  return parsed.value_or(TrustedProxies{});
}

TEST(TrustedProxies, ParsesAddressesAndNetworks) {
  auto trusted = proxies("10.0.0.0/8, 192.168.1.7 ,::1");
  EXPECT_TRUE(trusted.contains(ip::make_address("10.1.2.3")));
  EXPECT_TRUE(trusted.contains(ip::make_address("192.168.1.7")));
  EXPECT_FALSE(trusted.contains(ip::make_address("192.168.1.8")));
  EXPECT_TRUE(trusted.contains(ip::make_address("::1")));
  EXPECT_TRUE(trusted.contains(ip::make_address("::ffff:10.9.9.9")));
}

TEST(TrustedProxies, RejectsGarbage) {
  std::string error;
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.0/8,not-an-ip", error));
  EXPECT_NE(error.find("not-an-ip"), std::string::npos);
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.0/33", error));
}

TEST(ClientAddress, IgnoresForwardedForFromUntrustedPeer) {
  auto trusted = proxies("10.0.0.1");
  auto peer = ip::make_address("203.0.113.9");
  EXPECT_EQ(client_address(peer, "1.2.3.4", trusted).to_string(), "203.0.113.9");
}

TEST(ClientAddress, TakesRightmostUntrustedHopBehindTrustedProxies) {
  auto trusted = proxies("10.0.0.0/8");
  auto peer = ip::make_address("10.0.0.1");
  EXPECT_EQ(client_address(peer, "6.6.6.6, 198.51.100.4, 10.0.0.2", trusted).to_string(),
            "198.51.100.4");
  EXPECT_EQ(client_address(peer, "", trusted).to_string(), "10.0.0.1");
  EXPECT_EQ(client_address(peer, "garbage", trusted).to_string(), "10.0.0.1");
}

}  // namespace
}  // namespace sn::http
