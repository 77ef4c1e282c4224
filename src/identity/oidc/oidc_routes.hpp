#pragma once
// Single sign-on with an OpenID provider (authorization code + PKCE, state, nonce), just-in-time
// accounts linked by issuer + subject, roles from a group claim; and the provider's JWT access
// tokens accepted as bearer credentials (resource-server mode).

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <optional>
#include <string>

#include "db/database.hpp"
#include "http/router.hpp"
#include "identity/oidc/provider.hpp"
#include "identity/sessions.hpp"

namespace sn::identity::oidc {

struct OidcContext {
  db::Database& db;
  SessionStore& sessions;
  Provider* provider;         // null: single sign-on is off
  std::string public_url;     // the redirect URI is built from it; set once the server listens
  bool secure_cookie = true;  // as for the session cookie: false only on plain-http loopback
};

void register_routes(http::Router& router, OidcContext& ctx);

// Verifies a bearer JWT against the provider and finds the local account linked to its subject;
// nullopt for a token that fails any check, an unknown subject or a disabled account.
using AccessTokenAuthenticator =
    std::function<boost::asio::awaitable<std::optional<http::Principal>>(std::string token)>;
AccessTokenAuthenticator access_token_authenticator(db::Database& db, Provider& provider);

// A same-site path to return to after sign-in: `text` if it is one, else "/".
std::string safe_return_to(std::string_view text);

}  // namespace sn::identity::oidc
