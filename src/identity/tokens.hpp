#pragma once
// Opaque secrets handed to users (session cookies, single-use links): 256 bits from the OS
// CSPRNG, base64url. The database keeps only their SHA-256, so a leaked table opens nothing.

#include <string>
#include <string_view>

namespace sn::identity {

struct IssuedToken {
  std::string token;  // goes to the user, once
  std::string hash;   // goes to the database
};

IssuedToken issue_token();
std::string token_hash(std::string_view token);

}  // namespace sn::identity
