#include "identity/oidc/settings.hpp"

#include <algorithm>
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
  if (!parsed) return false;
  // The authority is cut out by hand: Boost.URL 1.81 reads "http://127.0.0.1.nip.io/" as host
  // 127.0.0.1 with a path, while curl would resolve the whole name.
  const bool https = url.starts_with("https://");
  if (!https && !url.starts_with("http://")) return false;
  auto authority = url.substr(https ? 8 : 7);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string_view::npos) return false;
  if (https) return true;
  std::string_view host = authority;
  if (host.starts_with('[')) {
    host = host.substr(0, host.find(']') + 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  if (host == "localhost" || host == "[::1]") return true;
  if (!host.starts_with("127.") || host.find_first_not_of("0123456789.") != std::string::npos) {
    return false;
  }
  return std::count(host.begin(), host.end(), '.') == 3;
}

}  // namespace sn::identity::oidc
