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

// S3 keys: fixed ones when given, else the ECS task role, else the EC2 instance profile (IMDSv2).
std::map<std::string, std::string> s3_env(std::map<std::string, std::string> more) {
  more.emplace("SKILLNEXUS_STORAGE", "s3");
  more.emplace("SKILLNEXUS_S3_REGION", "eu-west-1");
  return more;
}

TEST(Config, FixedS3KeysComeFirst) {
  auto result = load(s3_env({{"SKILLNEXUS_S3_ACCESS_KEY_ID", "AKIAFIXED"},
                             {"SKILLNEXUS_S3_SECRET_ACCESS_KEY", "fixed-secret"},
                             {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/x"}}));
  ASSERT_TRUE(result.errors.empty()) << joined(result.errors);
  EXPECT_EQ(result.config.s3_credentials, Config::S3Credentials::keys);
  EXPECT_EQ(result.config.s3_access_key_id, "AKIAFIXED");
  EXPECT_EQ(result.config.s3_secret_access_key, "fixed-secret");

  // Half a pair is a mistake, not a reason to look elsewhere.
  result = load(s3_env({{"SKILLNEXUS_S3_ACCESS_KEY_ID", "AKIAFIXED"}}));
  ASSERT_EQ(result.errors.size(), 1u) << joined(result.errors);
  EXPECT_NE(result.errors[0].find("go together"), std::string::npos) << result.errors[0];
  result = load(s3_env({{"SKILLNEXUS_S3_SECRET_ACCESS_KEY", "lonely-secret"}}));
  ASSERT_EQ(result.errors.size(), 1u) << joined(result.errors);
  EXPECT_EQ(joined(result.errors).find("lonely-secret"), std::string::npos);
}

TEST(Config, OnEcsTheTaskRoleIsUsed) {
  auto result = load(s3_env({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"},
                             {"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/ignored"},
                             {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "token-from-env"}}));
  ASSERT_TRUE(result.errors.empty()) << joined(result.errors);
  EXPECT_EQ(result.config.s3_credentials, Config::S3Credentials::container);
  EXPECT_EQ(result.config.s3_container_credentials_url, "http://169.254.170.2/v2/credentials/abc");
  EXPECT_EQ(result.config.s3_container_authorization, "token-from-env");

  result = load(s3_env({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/creds"},
                        {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/var/run/token"}}));
  ASSERT_TRUE(result.errors.empty()) << joined(result.errors);
  EXPECT_EQ(result.config.s3_container_credentials_url, "http://169.254.170.23/v1/creds");
  EXPECT_EQ(result.config.s3_container_authorization_file, "/var/run/token");
  EXPECT_FALSE(result.config.s3_container_authorization);

  // Plain http elsewhere would carry the token and the keys across the network.
  result = load(s3_env({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://10.1.2.3/creds"},
                        {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "token-from-env"}}));
  ASSERT_EQ(result.errors.size(), 1u) << joined(result.errors);
  EXPECT_TRUE(result.errors[0].starts_with("AWS_CONTAINER_CREDENTIALS_FULL_URI: plain http"))
      << result.errors[0];
  EXPECT_EQ(joined(result.errors).find("token-from-env"), std::string::npos);
  EXPECT_TRUE(load(s3_env({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "https://creds.internal/x"}}))
                  .errors.empty());
  EXPECT_EQ(load(s3_env({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "v2/no-slash"}})).errors.size(),
            1u);
}

TEST(Config, ElsewhereTheInstanceProfileIsUsedUnlessDisabled) {
  auto result = load(s3_env({}));
  ASSERT_TRUE(result.errors.empty()) << joined(result.errors);
  EXPECT_EQ(result.config.s3_credentials, Config::S3Credentials::instance);
  EXPECT_EQ(result.config.s3_imds_endpoint, "http://169.254.169.254");

  result = load(s3_env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:8111/"}}));
  ASSERT_TRUE(result.errors.empty()) << joined(result.errors);
  EXPECT_EQ(result.config.s3_imds_endpoint, "http://127.0.0.1:8111/");
  EXPECT_EQ(load(s3_env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "nowhere"}})).errors.size(), 1u);

  // Nothing left to try: a clear error at start, as before.
  result = load(s3_env({{"AWS_EC2_METADATA_DISABLED", "TRUE"}}));
  ASSERT_EQ(result.errors.size(), 1u) << joined(result.errors);
  EXPECT_NE(result.errors[0].find("no S3 credentials"), std::string::npos) << result.errors[0];
  // The local store needs none of it.
  EXPECT_TRUE(load({{"AWS_EC2_METADATA_DISABLED", "true"}}).errors.empty());
}

}  // namespace
}  // namespace sn::app
