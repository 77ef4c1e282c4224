#include "server_fixture.hpp"

#include <boost/json/serialize.hpp>
#include <regex>

#include "identity/password.hpp"

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

std::string ServerFixture::admin_session(const std::string& email) {
  create_user(email, "admin", "admin pass phrase 1");
  return sign_in(email, "admin pass phrase 1");
}

std::map<std::string, std::string> ServerFixture::cookie_headers(const std::string& cookie) {
  return {{"Cookie", cookie}, {"Origin", origin()}, {"Content-Type", "application/json"}};
}

}  // namespace sn::test
