#pragma once
// What the operator configures for single sign-on (SKILLNEXUS_OIDC_*), and the mapping from the
// provider's group claim to a SkillNexus role.

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/access.hpp"

namespace sn::identity::oidc {

using RoleMap = std::vector<std::pair<std::string, http::Role>>;

struct Settings {
  std::string issuer;  // exactly as the provider's tokens carry it in `iss`
  std::string client_id;
  std::string client_secret;  // secret
  std::string scopes = "openid email profile";
  std::string role_claim = "cognito:groups";
  RoleMap role_map;                     // group → role; a user in none of them is a learner
  std::string name = "Single sign-on";  // the button's label
};

// "admins=admin,teachers=instructor" → map; nullopt with `error` set for a bad entry.
std::optional<RoleMap> parse_role_map(std::string_view text, std::string& error);

// The highest role any value of the claim (a string or an array of strings) maps to; learner
// when the claim is missing or nothing maps.
http::Role map_role(const boost::json::value* claim, const RoleMap& map);

// https anywhere; plain http only for a loopback host (a provider on the same machine, tests).
bool allowed_provider_url(std::string_view url);

}  // namespace sn::identity::oidc
