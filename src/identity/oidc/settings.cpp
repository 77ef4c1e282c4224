#include "identity/oidc/settings.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>

namespace sn::identity::oidc {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<RoleMap> parse_role_map(std::string_view text, std::string& error) {
  RoleMap map;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto entry = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (entry.empty()) continue;
    const auto equals = entry.rfind('=');
    const auto group = equals == std::string_view::npos ? entry : trim(entry.substr(0, equals));
    const auto role =
        equals == std::string_view::npos ? std::string_view{} : trim(entry.substr(equals + 1));
    auto parsed = http::parse_role(role);
    if (group.empty() || !parsed) {
      error =
          "expected group=role pairs such as admins=admin,teachers=instructor (roles: learner, "
          "instructor, admin), got '" +
          std::string(entry) + "'";
      return std::nullopt;
    }
    map.emplace_back(std::string(group), *parsed);
  }
  return map;
}

http::Role map_role(const boost::json::value* claim, const RoleMap& map) {
  http::Role role = http::Role::learner;
  auto consider = [&](const boost::json::value& value) {
    if (!value.is_string()) return;
    for (const auto& [group, mapped] : map) {
      if (value.as_string() == group && mapped > role) role = mapped;
    }
  };
  if (!claim) return role;
  if (claim->is_array()) {
    for (const auto& value : claim->as_array())
      consider(value);
  } else {
    consider(*claim);
  }
  return role;
}

bool allowed_provider_url(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || parsed->host().empty() || parsed->has_userinfo()) return false;
  if (parsed->scheme() == "https") return true;
  if (parsed->scheme() != "http") return false;
  std::string host(parsed->host());
  if (host == "localhost") return true;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

}  // namespace sn::identity::oidc
