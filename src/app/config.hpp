#pragma once
// Configuration comes from SKILLNEXUS_* environment variables only (twelve-factor), validated as a
// whole at start: every bad value gets one clear error line, and secrets are never echoed.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/log.hpp"
#include "http/client_address.hpp"
#include "identity/oidc/settings.hpp"

namespace sn::app {

struct Config {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  std::filesystem::path data_dir = "./var";
  std::optional<std::string> database_url;  // secret: unset means the embedded cluster
  std::vector<std::string> replica_urls;    // secret
  std::string public_url;                   // empty: derived from the listen address
  std::string storage = "local";            // or "s3"
  std::filesystem::path storage_dir;        // empty: <data_dir>/objects
  std::string s3_endpoint;                  // set when storage is s3
  std::string s3_region;
  bool s3_path_style = false;
  unsigned s3_part_mb = 8;  // multipart part size, also of uploads staged in S3
  std::map<std::string, std::string> s3_buckets{{"videos", "skillnexus-videos"},
                                                {"assets", "skillnexus-assets"},
                                                {"uploads", "skillnexus-uploads"}};
  // Where the S3 keys come from: SKILLNEXUS_S3_ACCESS_KEY_ID and friends if set; otherwise the
  // platform's temporary keys, refreshed before they expire: the ECS task role (the container
  // credentials endpoint, when ECS sets AWS_CONTAINER_CREDENTIALS_*), else the EC2 instance
  // profile (IMDSv2, unless AWS_EC2_METADATA_DISABLED=true).
  enum class S3Credentials { keys, container, instance };
  S3Credentials s3_credentials = S3Credentials::keys;
  std::string s3_access_key_id;
  std::optional<std::string> s3_secret_access_key;  // secret
  std::optional<std::string> s3_session_token;      // secret
  std::string s3_container_credentials_url;         // container
  std::optional<std::string>
      s3_container_authorization;               // secret: AWS_CONTAINER_AUTHORIZATION_TOKEN
  std::string s3_container_authorization_file;  // AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
  std::string s3_imds_endpoint;                 // instance: AWS_EC2_METADATA_SERVICE_ENDPOINT
  std::string media_base_url;                   // empty: media URLs are relative to the web app
  std::chrono::hours media_link_ttl{4};
  log::Level log_level = log::Level::info;
  std::optional<std::string> secret_key;  // secret: unset means generated (embedded mode only)
  http::TrustedProxies trusted_proxies;
  std::chrono::seconds drain{20};
  unsigned threads = 0;  // 0: one per core
  unsigned max_connections = 10000;
  unsigned db_pool_size = 16;
  std::chrono::milliseconds statement_timeout{5000};
  std::chrono::seconds read_timeout{10};
  std::chrono::seconds idle_timeout{75};
  std::filesystem::path web_dir;  // empty: next to the binary, then ./web/dist
  std::chrono::minutes session_idle{30};
  std::chrono::hours session_absolute{12};
  std::chrono::seconds housekeeping{300};
  unsigned video_completion_percent = 90;  // share of a video's distinct seconds that completes it
  bool demo_content = false;               // seed the demo organisation into an empty database
  // Keep live sessions and catalog answers in memory, kept right by LISTEN/NOTIFY. Off behind a
  // transaction-mode connection pooler, which does not carry notifications.
  bool caches = true;
  std::optional<identity::oidc::Settings> oidc;  // single sign-on; unset: off
  std::string smtp_url;  // empty: mail becomes .eml files under the data dir
  std::string smtp_user;
  std::optional<std::string> smtp_password;  // secret
  std::string mail_from;                     // empty: SkillNexus <no-reply@HOST of the public URL>
  std::chrono::seconds mail_retry{30};       // the first retry delay; doubles per failure
  unsigned mail_max_attempts = 8;
  std::map<std::string, std::uint64_t> upload_max_mb{
      {"video", 4096}, {"image", 20}, {"attachment", 200}, {"caption", 2}};
  std::uint64_t upload_quota_mb = 51200;
  bool worker = true;  // serve also runs transcoding jobs
  unsigned worker_concurrency = 1;
  std::chrono::seconds job_lease{60};
};

struct ConfigResult {
  Config config;
  std::vector<std::string> errors;  // one line per bad variable
};

using Getenv = std::function<std::optional<std::string>(const std::string& name)>;

ConfigResult load_config(const Getenv& getenv);
Getenv process_environment();

// The text of `skillnexus --help`'s environment section.
std::string environment_help();

}  // namespace sn::app
