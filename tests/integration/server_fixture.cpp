#include "server_fixture.hpp"

#include <boost/json/serialize.hpp>
#include <chrono>
#include <regex>

#include "identity/password.hpp"
#include "identity/tokens.hpp"
#include "identity/totp.hpp"

namespace sn::test {

std::string json(const boost::json::object& o) {
  return boost::json::serialize(o);
}

void ServerFixture::start_server(std::map<std::string, std::string> env) {
  server_ = new ServerProcess({.command = "serve", .data_dir = {}, .env = std::move(env)});
  server_->start();
  server_->wait_ready();
  socket_dir_ = new std::string(
      server_->wait_for_log("embedded PostgreSQL ready").at("socket_dir").as_string());
}

void ServerFixture::TearDownTestSuite() {
  delete server_;
  delete socket_dir_;
  server_ = nullptr;
  socket_dir_ = nullptr;
}

std::string ServerFixture::create_admin(const std::string& email) {
  ServerProcess cli(
      {.command = "admin", .data_dir = server_->data_dir(), .env = {}, .wait_listening = false});
  cli.start_with_args({"create", "--email", email, "--name", "First Admin"});
  EXPECT_EQ(cli.wait_exit(60s), 0);
  std::smatch match;
  for (const auto& line : cli.output()) {
    if (std::regex_search(line, match, std::regex("/set-password#token=([A-Za-z0-9_-]+)"))) {
      return match[1];
    }
  }
  ADD_FAILURE() << "no link printed";
  return "";
}

std::string ServerFixture::create_user(const std::string& email, const std::string& role,
                                       const std::string& password) {
  identity::PasswordHasher hasher(1);
  return pg().scalar("INSERT INTO users (email, role, password_hash, email_verified_at) VALUES ('" +
                     email + "', '" + role + "', '" + hasher.hash_now(password) +
                     "', now()) RETURNING id");
}

std::string ServerFixture::sign_in(const std::string& email, const std::string& password,
                                   const std::string& code) {
  boost::json::object body{{"email", email}, {"password", password}};
  if (!code.empty()) body["code"] = code;
  HttpConnection conn(port());
  auto res = conn.request("POST", "/api/v1/auth/sessions",
                          {{"Content-Type", "application/json"}, {"Origin", origin()}}, json(body));
  if (res.status != 201) return "";
  const auto cookie = res.header("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  return cookie.substr(0, cookie.find(';'));
}

std::vector<std::uint8_t> ServerFixture::enrol_totp(const std::string& cookie,
                                                    const std::string& password) {
  HttpConnection conn(port());
  auto started = conn.request("POST", "/api/v1/me/mfa/totp", cookie_headers(cookie),
                              json({{"current_password", password}}));
  EXPECT_EQ(started.status, 200) << started.body;
  if (started.status != 200) return {};
  auto secret = identity::totp::base32_decode(started.json().at("secret").as_string()).value();
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const auto code = identity::totp::code_at_step(secret, identity::totp::step_at(now));
  auto confirmed = conn.request("POST", "/api/v1/me/mfa/totp/confirm", cookie_headers(cookie),
                                json({{"code", code}}));
  EXPECT_EQ(confirmed.status, 200) << confirmed.body;
  return secret;
}

std::string ServerFixture::admin_session(const std::string& email) {
  create_user(email, "admin", "admin pass phrase 1");
  const auto cookie = sign_in(email, "admin pass phrase 1");
  enrol_totp(cookie, "admin pass phrase 1");
  return cookie;
}

std::string ServerFixture::session_cookie(const std::string& user_id,
                                          const std::string& auth_method) {
  const auto issued = identity::issue_token();
  pg().scalar("INSERT INTO sessions (token_hash, user_id, expires_at, auth_method) VALUES ('" +
              issued.hash + "', '" + user_id + "', now() + interval '1 hour', '" + auth_method +
              "') RETURNING id");
  return "sn_session=" + issued.token;
}

std::map<std::string, std::string> ServerFixture::cookie_headers(const std::string& cookie) {
  return {{"Cookie", cookie}, {"Origin", origin()}, {"Content-Type", "application/json"}};
}

}  // namespace sn::test
