#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>

namespace sn::app {
namespace {

ConfigResult load(std::map<std::string, std::string> env) {
  return load_config([env](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
}

std::string joined(const std::vector<std::string>& errors) {
  std::string all;
  for (const auto& e : errors)
    all += e + "\n";
  return all;
}

TEST(Config, DefaultsNeedNoEnvironment) {
  auto result = load({});
  EXPECT_TRUE(result.errors.empty()) << joined(result.errors);
  EXPECT_EQ(result.config.listen_host, "127.0.0.1");
  EXPECT_EQ(result.config.listen_port, 8080);
  EXPECT_EQ(result.config.data_dir, "./var");
  EXPECT_FALSE(result.config.database_url);
  EXPECT_EQ(result.config.drain, std::chrono::seconds(20));
  EXPECT_TRUE(result.config.caches);
}

TEST(Config, ParsesEveryKindOfValue) {
  auto result = load({{"SKILLNEXUS_LISTEN", "[::]:9000"},
                      {"SKILLNEXUS_DATABASE_URL", "postgresql://app@db.internal/skillnexus"},
                      {"SKILLNEXUS_REPLICA_URLS", "postgresql://r1/sn,host=r2 dbname=sn"},
                      {"SKILLNEXUS_SECRET_KEY", std::string(40, 'k')},
                      {"SKILLNEXUS_PUBLIC_URL", "https://learn.example.com/"},
                      {"SKILLNEXUS_TRUSTED_PROXIES", "10.0.0.0/8"},
                      {"SKILLNEXUS_DRAIN_SECONDS", "5"},
                      {"SKILLNEXUS_CACHES", "0"},
                      {"SKILLNEXUS_LOG_LEVEL", "debug"}});
  ASSERT_TRUE(result.errors.empty()) << joined(result.errors);
  EXPECT_EQ(result.config.listen_host, "::");
  EXPECT_EQ(result.config.listen_port, 9000);
  EXPECT_EQ(result.config.replica_urls.size(), 2u);
  EXPECT_EQ(result.config.public_url, "https://learn.example.com");
  EXPECT_EQ(result.config.drain, std::chrono::seconds(5));
  EXPECT_EQ(result.config.log_level, log::Level::debug);
  EXPECT_FALSE(result.config.caches);
}

TEST(Config, ReportsOneLinePerBadValue) {
  auto result = load({{"SKILLNEXUS_LISTEN", "nowhere"},
                      {"SKILLNEXUS_LOG_LEVEL", "loud"},
                      {"SKILLNEXUS_DRAIN_SECONDS", "-1"},
                      {"SKILLNEXUS_PUBLIC_URL", "ftp://x"},
                      {"SKILLNEXUS_TRUSTED_PROXIES", "banana"}});
  ASSERT_EQ(result.errors.size(), 5u) << joined(result.errors);
  EXPECT_NE(joined(result.errors).find("SKILLNEXUS_LISTEN: expected host:port"), std::string::npos);
  EXPECT_NE(joined(result.errors).find("SKILLNEXUS_LOG_LEVEL"), std::string::npos);
}

TEST(Config, NeverEchoesSecrets) {
  const std::string password = "hunter2-very-secret";
  auto result = load({{"SKILLNEXUS_DATABASE_URL", "postgresql://u:" + password + "@h/db?x=%zz"},
                      {"SKILLNEXUS_SECRET_KEY", password}});
  ASSERT_EQ(result.errors.size(), 2u) << joined(result.errors);
  EXPECT_EQ(joined(result.errors).find(password), std::string::npos) << joined(result.errors);
}

TEST(Config, ReadsSecretsFromFiles) {
  const std::string path = testing::TempDir() + "/secret_key";
  std::ofstream(path) << std::string(48, 's') << "\n";
  auto result = load({{"SKILLNEXUS_SECRET_KEY_FILE", path}});
  ASSERT_TRUE(result.errors.empty()) << joined(result.errors);
  EXPECT_EQ(result.config.secret_key, std::string(48, 's'));

  auto both =
      load({{"SKILLNEXUS_SECRET_KEY_FILE", path}, {"SKILLNEXUS_SECRET_KEY", std::string(48, 'x')}});
  EXPECT_EQ(both.errors.size(), 1u);
  std::remove(path.c_str());
}

TEST(Config, ExternalDatabaseNeedsASharedSecretKey) {
  auto result = load({{"SKILLNEXUS_DATABASE_URL", "postgresql:///sn"}});
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].find("SKILLNEXUS_SECRET_KEY"), std::string::npos);
}

TEST(Config, MailSettings) {
  const std::string path = testing::TempDir() + "/smtp_password";
  std::ofstream(path) << "smtp secret\n";
  auto result = load({{"SKILLNEXUS_SMTP_URL", "smtp://mail.example.com:587"},
                      {"SKILLNEXUS_SMTP_USER", "sn"},
                      {"SKILLNEXUS_SMTP_PASSWORD_FILE", path},
                      {"SKILLNEXUS_MAIL_FROM", "Learning <learn@example.com>"},
                      {"SKILLNEXUS_MAIL_RETRY_SECONDS", "2"},
                      {"SKILLNEXUS_MAIL_MAX_ATTEMPTS", "3"}});
  std::remove(path.c_str());
  ASSERT_TRUE(result.errors.empty()) << joined(result.errors);
  EXPECT_EQ(result.config.smtp_url, "smtp://mail.example.com:587");
  EXPECT_EQ(result.config.smtp_user, "sn");
  EXPECT_EQ(result.config.smtp_password, "smtp secret");
  EXPECT_EQ(result.config.mail_from, "Learning <learn@example.com>");
  EXPECT_EQ(result.config.mail_retry, std::chrono::seconds(2));
  EXPECT_EQ(result.config.mail_max_attempts, 3u);

  // A password inside the URL would be printed with it; a sender must be one line.
  const std::string secret = "p4ss-in-url";
  auto bad = load({{"SKILLNEXUS_SMTP_URL", "smtp://u:" + secret + "@mail.example.com"},
                   {"SKILLNEXUS_MAIL_FROM", "a@b\r\nBcc: x@y"},
                   {"SKILLNEXUS_MAIL_MAX_ATTEMPTS", "0"}});
  ASSERT_EQ(bad.errors.size(), 3u) << joined(bad.errors);
  EXPECT_EQ(joined(bad.errors).find(secret), std::string::npos);
  EXPECT_EQ(load({{"SKILLNEXUS_SMTP_URL", "http://mail.example.com"}}).errors.size(), 1u);
  EXPECT_EQ(load({{"SKILLNEXUS_SMTP_PASSWORD", "x"}}).errors.size(), 1u);  // without a URL
}

TEST(Config, HelpListsEveryVariable) {
  auto help = environment_help();
  for (auto name :
       {"SKILLNEXUS_LISTEN", "SKILLNEXUS_DATA_DIR", "SKILLNEXUS_DATABASE_URL",
        "SKILLNEXUS_REPLICA_URLS", "SKILLNEXUS_PUBLIC_URL", "SKILLNEXUS_LOG_LEVEL",
        "SKILLNEXUS_SECRET_KEY", "SKILLNEXUS_TRUSTED_PROXIES", "SKILLNEXUS_DRAIN_SECONDS",
        "SKILLNEXUS_OIDC_ISSUER", "SKILLNEXUS_OIDC_CLIENT_SECRET", "SKILLNEXUS_OIDC_ROLE_MAP",
        "SKILLNEXUS_SMTP_URL", "SKILLNEXUS_SMTP_PASSWORD", "SKILLNEXUS_MAIL_FROM",
        "SKILLNEXUS_HOUSEKEEPING_SECONDS"}) {
    EXPECT_NE(help.find(name), std::string::npos) << name;
  }
}

TEST(Config, SingleSignOnIsOffUntilAnIssuerIsSet) {
  EXPECT_FALSE(load({}).config.oidc);
  auto result = load({{"SKILLNEXUS_OIDC_CLIENT_ID", "abc"}});
  ASSERT_EQ(result.errors.size(), 1u) << joined(result.errors);
  EXPECT_NE(result.errors[0].find("SKILLNEXUS_OIDC_ISSUER"), std::string::npos);
}

TEST(Config, ReadsSingleSignOnSettings) {
  const std::string secret = "cognito-client-secret-value";
  auto result =
      load({{"SKILLNEXUS_OIDC_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X"},
            {"SKILLNEXUS_OIDC_CLIENT_ID", "client"},
            {"SKILLNEXUS_OIDC_CLIENT_SECRET", secret},
            {"SKILLNEXUS_OIDC_ROLE_MAP", "admins=admin, teachers=instructor"},
            {"SKILLNEXUS_OIDC_NAME", "Company login"}});
  ASSERT_TRUE(result.errors.empty()) << joined(result.errors);
  ASSERT_TRUE(result.config.oidc);
  const auto& oidc = *result.config.oidc;
  EXPECT_EQ(oidc.client_secret, secret);
  EXPECT_EQ(oidc.scopes, "openid email profile");
  EXPECT_EQ(oidc.role_claim, "cognito:groups");
  ASSERT_EQ(oidc.role_map.size(), 2u);
  EXPECT_EQ(oidc.role_map[1].first, "teachers");
  EXPECT_EQ(oidc.role_map[1].second, http::Role::instructor);
  EXPECT_EQ(oidc.name, "Company login");
}

TEST(Config, RefusesUnsafeSingleSignOnSettingsWithoutEchoingTheSecret) {
  const std::string secret = "do-not-print-this-secret";
  auto result = load({{"SKILLNEXUS_OIDC_ISSUER", "http://idp.example.com"},
                      {"SKILLNEXUS_OIDC_CLIENT_SECRET", secret},
                      {"SKILLNEXUS_OIDC_SCOPES", "email profile"},
                      {"SKILLNEXUS_OIDC_ROLE_MAP", "admins=root"}});
  // http off loopback, no client id, no openid scope, an unknown role.
  EXPECT_EQ(result.errors.size(), 4u) << joined(result.errors);
  EXPECT_EQ(joined(result.errors).find(secret), std::string::npos);
  EXPECT_TRUE(load({{"SKILLNEXUS_OIDC_ISSUER", "http://127.0.0.1:9999"},
                    {"SKILLNEXUS_OIDC_CLIENT_ID", "c"},
                    {"SKILLNEXUS_OIDC_CLIENT_SECRET", "s"}})
                  .errors.empty());
}

}  // namespace
}  // namespace sn::app
