#pragma once
// A test suite that shares one running server (with its own data dir and embedded database) and
// the account helpers every identity-related test needs: the first admin's link, users made
// directly in the database, and sign-in.

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <vector>

#include "harness.hpp"
#include "pg.hpp"

namespace sn::test {

std::string json(const boost::json::object& o);

class ServerFixture : public testing::Test {
 protected:
  static void SetUpTestSuite() { start_server({}); }
  static void TearDownTestSuite();
  // For suites that need settings (SMTP, OpenID Connect): call from their own SetUpTestSuite.
  static void start_server(std::map<std::string, std::string> env);

  static ServerProcess& server() { return *server_; }
  static std::uint16_t port() { return server_->port(); }
  static std::string origin() { return "http://127.0.0.1:" + std::to_string(port()); }
  static std::string conninfo() { return embedded_conninfo(*socket_dir_, "skillnexus"); }
  static Pg pg() { return Pg(conninfo()); }

  // `skillnexus admin create` next to the running server; returns the link's token.
  static std::string create_admin(const std::string& email);
  // A user made directly in the database (email verified), with a password hashed as the server
  // would. Returns the user's id.
  static std::string create_user(const std::string& email, const std::string& role,
                                 const std::string& password);
  // Signs in; returns the Cookie header value to send, or "" on failure. `code` is the second
  // factor, when the account has one.
  static std::string sign_in(const std::string& email, const std::string& password,
                             const std::string& code = "");
  // Turns on TOTP for the signed-in user (start + confirm over HTTP); returns the seed, from which
  // the test computes codes with identity::totp.
  static std::vector<std::uint8_t> enrol_totp(const std::string& cookie,
                                              const std::string& password);
  // A new admin account, signed in, with the second factor admin routes require: its Cookie.
  static std::string admin_session(const std::string& email);
  // A live web session for `user_id` made directly in the database (no sign-in, so no password
  // hashing and no second factor): its Cookie value. For tests that need many sessions.
  // `auth_method` as sign-in would record it: "password", "password+totp" or "oidc".
  static std::string session_cookie(const std::string& user_id,
                                    const std::string& auth_method = "password");
  // Headers for a state-changing request with a session cookie.
  static std::map<std::string, std::string> cookie_headers(const std::string& cookie);

 private:
  static inline ServerProcess* server_ = nullptr;
  static inline std::string* socket_dir_ = nullptr;
};

}  // namespace sn::test
