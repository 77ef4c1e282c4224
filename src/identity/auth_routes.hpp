#pragma once
// Signing in and out with email and password, the caller's own account, and the single-use
// password-set link that the first admin (and later invited users) receive.

#include "db/database.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "identity/password.hpp"
#include "identity/secret_box.hpp"
#include "identity/sessions.hpp"
#include "identity/throttle.hpp"
#include "mail/mailer.hpp"

namespace sn::identity {

struct AuthContext {
  db::Database& db;
  SessionStore& sessions;
  PasswordHasher& hasher;
  SignInThrottle& throttle;
  mail::Mailer& mailer;
  const SecretBox& totp_box;  // seals TOTP seeds at rest
  // Where links in emails point: the public URL, or this server's address when there is none.
  std::string public_url;
};

void register_routes(http::Router& router, AuthContext& ctx);

// Checks a bearer JWT (three dot-separated parts) from a configured identity provider.
using JwtAuthenticator =
    std::function<boost::asio::awaitable<std::optional<http::Principal>>(std::string token)>;

// The pipeline's authenticator: a bearer token (a JWT goes to `jwt` when single sign-on is on,
// an opaque one to the session store), else the session cookie, if any.
http::Authenticator session_authenticator(SessionStore& sessions, JwtAuthenticator jwt = {});

// Appends to the audit trail (append-only table). kAudit is for use inside a transaction:
// (event, user_id, client address, detail JSON).
inline constexpr db::Query kAudit{
    "auth.audit",
    "INSERT INTO audit_events (event, user_id, client_address, detail) "
    "VALUES ($1, $2::uuid, $3::inet, $4::jsonb)"};
boost::asio::awaitable<void> audit(db::Database& db, std::string_view event,
                                   std::optional<std::string> user_id, std::string client,
                                   std::string detail_json = "{}");

// Asks for the current password again before a sensitive change (password, email, MFA). Throws
// a validation error when it is wrong (throttled and audited like sign-in); takes as long for
// accounts without a password.
boost::asio::awaitable<void> verify_current_password(AuthContext& ctx,
                                                     const http::RequestContext& rc,
                                                     std::string password);

// `skillnexus admin create`: a new admin without a password plus a single-use link (valid 24 h)
// to set one. Returns the token for the link. Throws std::runtime_error if the email is taken.
boost::asio::awaitable<std::string> create_admin(db::Database& db, std::string email,
                                                 std::string name);

}  // namespace sn::identity
