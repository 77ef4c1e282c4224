#pragma once
// Two-factor authentication: TOTP enrolment with a QR code, single-use recovery codes, and the
// second step of a password sign-in. Every route of the feature is registered here.

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "identity/auth_routes.hpp"

namespace sn::identity {

void register_mfa_routes(http::Router& router, AuthContext& ctx);

enum class SecondFactor { rejected, totp, recovery_code };

// Checks `code` (a TOTP code or a recovery code) for `user_id` and spends it: a code that
// matched once never matches again, on any instance.
boost::asio::awaitable<SecondFactor> verify_second_factor(AuthContext& ctx, std::string user_id,
                                                          std::string code);

// Ten fresh codes, 50 bits each, grouped for reading ("k7q2m-x9fd3"); the caller stores them.
std::vector<std::string> new_recovery_codes();
// Lower case without separators, as stored and compared.
std::string normalize_recovery_code(std::string_view code);

}  // namespace sn::identity
