#pragma once
// Self-service accounts by email: sign-up (when the platform is open), address verification,
// password reset, and changing the address. Every message goes through the outbox in the same
// transaction as the token its link carries.

#include "http/router.hpp"
#include "identity/auth_routes.hpp"
#include "mail/outbox.hpp"

namespace sn::identity {

struct SignupContext {
  AuthContext& auth;     // database, hasher and the public URL for links
  mail::Outbox& outbox;  // woken after a commit that queued mail
};

void register_signup_routes(http::Router& router, SignupContext& ctx);

// Limits for requests that mail an address someone typed in. Answers stay 202 when an address
// is over its limit (no enumeration); a client over its limit gets 429.
struct MailRequestLimits {
  static constexpr int kPerAddressPerHour = 3;
  static constexpr int kPerClientPerHour = 60;  // a whole office may share one address
  static constexpr int kPerUserPerHour = 3;     // address changes by a signed-in user
};

}  // namespace sn::identity
