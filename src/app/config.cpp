#include "app/config.hpp"

#include <libpq-fe.h>

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/text.hpp"
#include "storage/aws_credentials.hpp"
#include "storage/metadata_http.hpp"

namespace sn::app {
namespace {

constexpr const char* kPrefix = "SKILLNEXUS_";

struct Option {
  const char* name;  // without the prefix
  const char* value_hint;
  const char* help;
  bool secret;  // may be given as NAME_FILE; never echoed
};

// The one list of variables: --help prints it, load_config reads it.
constexpr Option kOptions[] = {
    {"LISTEN", "host:port", "address to serve HTTP on (default 127.0.0.1:8080; port 0 picks one)",
     false},
    {"DATA_DIR", "path",
     "embedded database, local object store and generated secrets (default ./var)", false},
    {"DATABASE_URL", "url", "PostgreSQL primary (unset: a private cluster under the data dir)",
     true},
    {"REPLICA_URLS", "url,url", "PostgreSQL read replicas for reads that may lag (optional)", true},
    {"PUBLIC_URL", "url", "the URL users reach (default http://LISTEN); https turns on HSTS",
     false},
    {"STORAGE", "local|s3", "where media and files are kept (default local: STORAGE_DIR)", false},
    {"S3_ENDPOINT", "url",
     "S3 API endpoint (default https://s3.S3_REGION.amazonaws.com; any S3-compatible service)",
     false},
    {"S3_REGION", "name", "the buckets' region, for signatures (required with STORAGE=s3)", false},
    {"S3_BUCKETS", "kind=name,...",
     "bucket names (default videos=skillnexus-videos,assets=skillnexus-assets,"
     "uploads=skillnexus-uploads)",
     false},
    {"S3_PATH_STYLE", "0|1",
     "1: endpoint/bucket/key URLs, as MinIO and other local services want (default: 1 with a "
     "custom endpoint)",
     false},
    {"S3_PART_MB", "n",
     "MiB per multipart part (5-512, default 8): uploads in progress hold one part in memory per "
     "request",
     false},
    {"S3_ACCESS_KEY_ID", "id",
     "fixed S3 keys (optional: without them, the ECS task role through the container credentials "
     "endpoint, or else the EC2 instance profile through IMDSv2, is used and refreshed before it "
     "expires)",
     false},
    {"S3_SECRET_ACCESS_KEY", "text", "the fixed keys' secret (required with S3_ACCESS_KEY_ID)",
     true},
    {"S3_SESSION_TOKEN", "text", "the fixed keys' session token, if they are temporary (optional)",
     true},
    {"STORAGE_DIR", "path",
     "local object store: videos, assets, uploads (default DATA_DIR/objects)", false},
    {"MEDIA_BASE_URL", "url",
     "where signed media URLs point, e.g. a CDN in front of this server (default: PUBLIC_URL)",
     false},
    {"MEDIA_LINK_HOURS", "n", "signed media links stay valid at least this long (default 4)",
     false},
    {"UPLOAD_MAX_MB", "kind=n,...",
     "largest upload per kind, in MiB (default video=4096,image=20,attachment=200,caption=2)",
     false},
    {"UPLOAD_QUOTA_MB", "n", "what one instructor may store in all, in MiB (default 51200)", false},
    {"WORKER", "0|1", "0: this serve process runs no transcoding jobs (default 1)", false},
    {"WORKER_CONCURRENCY", "n", "jobs a worker runs at once (default 1)", false},
    {"JOB_LEASE_SECONDS", "n",
     "a job whose worker stops answering for this long is run again (default 60)", false},
    {"LOG_LEVEL", "level", "debug, info, warn or error (default info)", false},
    {"SECRET_KEY", "text", "32+ characters signing cookies and URLs (generated in embedded mode)",
     true},
    {"TRUSTED_PROXIES", "cidr,cidr", "peers whose X-Forwarded-For is believed (default none)",
     false},
    {"DRAIN_SECONDS", "n", "grace period for in-flight requests on SIGTERM (default 20)", false},
    {"THREADS", "n", "I/O threads (default one per core)", false},
    {"MAX_CONNECTIONS", "n", "open client connections at most (default 10000)", false},
    {"DB_POOL_SIZE", "n", "connections per database pool (default 16)", false},
    {"STATEMENT_TIMEOUT_MS", "n", "PostgreSQL statement_timeout (default 5000)", false},
    {"READ_TIMEOUT_SECONDS", "n", "time allowed to send one whole request (default 10)", false},
    {"IDLE_TIMEOUT_SECONDS", "n", "keep-alive idle time before closing (default 75)", false},
    {"WEB_DIR", "path", "built web app (default: web/dist beside the source tree)", false},
    {"SESSION_IDLE_MINUTES", "n", "web sessions end after this long unused (default 30)", false},
    {"SESSION_ABSOLUTE_HOURS", "n", "web sessions end this long after sign-in (default 12)", false},
    {"HOUSEKEEPING_SECONDS", "n",
     "how often expired sessions, tokens and counters are deleted (default 300)", false},
    {"DEMO_CONTENT", "0|1",
     "1: on a database without users, add the demo organisation (make run sets it)", false},
    {"CACHES", "0|1",
     "0: keep no sessions or catalog answers in memory (behind a transaction-mode pooler, which "
     "does not carry LISTEN/NOTIFY; default 1)",
     false},
    {"VIDEO_COMPLETION_PERCENT", "n",
     "a video lesson completes when this share of it was watched (default 90)", false},
    {"OIDC_ISSUER", "url",
     "OpenID provider for single sign-on (unset: off); https, or http on loopback", false},
    {"OIDC_CLIENT_ID", "id", "this app's client id at the OpenID provider", false},
    {"OIDC_CLIENT_SECRET", "text", "this app's client secret at the OpenID provider", true},
    {"OIDC_SCOPES", "scopes", "scopes asked for (default \"openid email profile\")", false},
    {"OIDC_ROLE_CLAIM", "claim",
     "id_token claim holding the user's groups (default cognito:groups)", false},
    {"OIDC_ROLE_MAP", "group=role,...",
     "groups that grant roles, e.g. admins=admin,teachers=instructor "
     "(others: learner)",
     false},
    {"OIDC_NAME", "text", "label of the sign-in button (default \"Single sign-on\")", false},
    {"SMTP_URL", "url",
     "smtp://host:587 (STARTTLS) or smtps://host:465 (unset: mail is written to DATA_DIR/mail)",
     false},
    {"SMTP_USER", "name", "SMTP user name (optional)", false},
    {"SMTP_PASSWORD", "text", "SMTP password (optional)", true},
    {"MAIL_FROM", "text", "sender, e.g. 'SkillNexus <no-reply@example.com>' (default: public host)",
     false},
    {"MAIL_RETRY_SECONDS", "n",
     "wait before retrying a failed message, doubled each time (default 30)", false},
    {"MAIL_MAX_ATTEMPTS", "n", "delivery attempts before a message is dropped (default 8)", false},
};

class Reader {
 public:
  explicit Reader(const Getenv& getenv) : getenv_(getenv) {}

  // The value of SKILLNEXUS_<name>, or of the file named by SKILLNEXUS_<name>_FILE for secrets.
  std::optional<std::string> get(const Option& option) {
    const std::string name = std::string(kPrefix) + option.name;
    auto direct = getenv_(name);
    if (direct && direct->empty()) direct.reset();
    if (!option.secret) return direct;
    auto file = getenv_(name + "_FILE");
    if (!file || file->empty()) return direct;
    if (direct) {
      errors.push_back(name + ": set either " + name + " or " + name + "_FILE, not both");
      return std::nullopt;
    }
    std::ifstream in(*file, std::ios::binary);
    if (!in) {
      errors.push_back(name + "_FILE: cannot read '" + *file + "'");
      return std::nullopt;
    }
    std::stringstream content;
    content << in.rdbuf();
    std::string value = content.str();
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r'))
      value.pop_back();
    if (value.empty()) {
      errors.push_back(name + "_FILE: '" + *file + "' is empty");
      return std::nullopt;
    }
    return value;
  }

  // A variable outside SKILLNEXUS_*, such as the AWS_* ones the platform sets; unset if empty.
  std::optional<std::string> other(const std::string& name) {
    auto value = getenv_(name);
    if (value && value->empty()) value.reset();
    return value;
  }

  void fail(const Option& option, const std::string& why) {
    errors.push_back(std::string(kPrefix) + option.name + ": " + why);
  }

  std::vector<std::string> errors;

 private:
  const Getenv& getenv_;
};

const Option& option(std::string_view name) {
  for (const auto& o : kOptions) {
    if (name == o.name) return o;
  }
  std::abort();  // a typo in this file
}

template <typename T>
void read_number(Reader& reader, std::string_view name, T& out, long long min, long long max) {
  const auto& opt = option(name);
  auto text = reader.get(opt);
  if (!text) return;
  long long value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < min || value > max) {
    reader.fail(opt, "expected a whole number from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", got '" + *text + "'");
    return;
  }
  out = static_cast<T>(value);
}

bool valid_conninfo(const std::string& text) {
  char* err = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(text.c_str(), &err);
  if (err) PQfreemem(err);
  if (!parsed) return false;
  PQconninfoFree(parsed);
  return true;
}

void read_listen(Reader& reader, Config& config) {
  const auto& opt = option("LISTEN");
  auto text = reader.get(opt);
  if (!text) return;
  auto colon = text->rfind(':');
  std::string host = colon == std::string::npos ? "" : text->substr(0, colon);
  std::string port = colon == std::string::npos ? "" : text->substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost") host = "127.0.0.1";
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  unsigned port_number = 0;
  auto [end, perr] = std::from_chars(port.data(), port.data() + port.size(), port_number);
  if (host.empty() || ec || port.empty() || perr != std::errc{} ||
      end != port.data() + port.size() || port_number > 65535) {
    reader.fail(opt, "expected host:port such as 127.0.0.1:8080 or [::]:8080, got '" + *text + "'");
    return;
  }
  config.listen_host = host;
  config.listen_port = static_cast<std::uint16_t>(port_number);
}

// An http(s) base URL without query, fragment or user info, its trailing slashes removed.
void read_base_url(Reader& reader, const char* name, std::string& into) {
  const auto& opt = option(name);
  auto text = reader.get(opt);
  if (!text) return;
  auto url = boost::urls::parse_absolute_uri(*text);
  if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->host().empty() ||
      url->has_query() || url->has_fragment() || url->has_userinfo()) {
    reader.fail(opt,
                "expected an http(s) URL such as https://learn.example.com, got '" + *text + "'");
    return;
  }
  into = *text;
  while (into.size() > 1 && into.back() == '/')
    into.pop_back();
}

void read_oidc(Reader& reader, Config& config) {
  auto issuer = reader.get(option("OIDC_ISSUER"));
  auto client_id = reader.get(option("OIDC_CLIENT_ID"));
  auto client_secret = reader.get(option("OIDC_CLIENT_SECRET"));
  auto scopes = reader.get(option("OIDC_SCOPES"));
  auto role_claim = reader.get(option("OIDC_ROLE_CLAIM"));
  auto role_map = reader.get(option("OIDC_ROLE_MAP"));
  auto name = reader.get(option("OIDC_NAME"));
  if (!issuer) {
    if (client_id || client_secret || scopes || role_claim || role_map || name) {
      reader.fail(option("OIDC_ISSUER"), "required when any other SKILLNEXUS_OIDC_* is set");
    }
    return;
  }
  identity::oidc::Settings settings;
  auto url = boost::urls::parse_absolute_uri(*issuer);
  if (!url || !identity::oidc::allowed_provider_url(*issuer) || url->has_query() ||
      url->has_fragment()) {
    reader.fail(option("OIDC_ISSUER"),
                "expected an https URL such as https://cognito-idp.eu-west-1.amazonaws.com/"
                "eu-west-1_AbC123 (http only on loopback), got '" +
                    *issuer + "'");
  }
  settings.issuer = *issuer;
  if (!client_id) reader.fail(option("OIDC_CLIENT_ID"), "required for single sign-on");
  if (!client_secret) reader.fail(option("OIDC_CLIENT_SECRET"), "required for single sign-on");
  settings.client_id = client_id.value_or("");
  settings.client_secret = client_secret.value_or("");
  if (scopes) {
    if (std::string(" " + *scopes + " ").find(" openid ") == std::string::npos) {
      reader.fail(option("OIDC_SCOPES"), "must include openid, got '" + *scopes + "'");
    }
    settings.scopes = *scopes;
  }
  if (role_claim) settings.role_claim = *role_claim;
  if (role_map) {
    std::string error;
    if (auto parsed = identity::oidc::parse_role_map(*role_map, error)) {
      settings.role_map = std::move(*parsed);
    } else {
      reader.fail(option("OIDC_ROLE_MAP"), error);
    }
  }
  if (name) {
    if (name->size() > 100) reader.fail(option("OIDC_NAME"), "at most 100 characters");
    settings.name = *name;
  }
  config.oidc = std::move(settings);
}

void read_upload_limits(Reader& reader, Config& config) {
  const auto& opt = option("UPLOAD_MAX_MB");
  auto text = reader.get(opt);
  if (!text) return;
  std::stringstream list(*text);
  std::string entry;
  while (std::getline(list, entry, ',')) {
    const auto eq = entry.find('=');
    const auto kind = entry.substr(0, eq);
    long long mib = 0;
    const auto value = eq == std::string::npos ? std::string() : entry.substr(eq + 1);
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), mib);
    auto it = config.upload_max_mb.find(kind);
    if (it == config.upload_max_mb.end() || ec != std::errc{} ||
        end != value.data() + value.size() || mib < 1 || mib > 1024 * 1024) {
      reader.fail(opt, "expected kind=MiB pairs for video, image, attachment or caption, got '" +
                           entry + "'");
      continue;
    }
    it->second = static_cast<std::uint64_t>(mib);
  }
}

// The chain the AWS SDKs follow, less what does not apply to a server: fixed keys, then the ECS
// container credentials endpoint, then IMDSv2. Returns false after reporting why none can work.
bool read_s3_credentials(Reader& reader, Config& config, const std::optional<std::string>& key_id,
                         const std::optional<std::string>& secret,
                         const std::optional<std::string>& token) {
  if (key_id || secret || token) {
    if (!key_id || !secret) {
      reader.fail(option("S3_ACCESS_KEY_ID"),
                  "SKILLNEXUS_S3_ACCESS_KEY_ID and SKILLNEXUS_S3_SECRET_ACCESS_KEY go together");
      return false;
    }
    config.s3_credentials = Config::S3Credentials::keys;
    config.s3_access_key_id = *key_id;
    config.s3_secret_access_key = *secret;
    config.s3_session_token = token;
    return true;
  }
  const auto relative = reader.other("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  const auto full = reader.other("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (relative || full) {
    config.s3_credentials = Config::S3Credentials::container;
    if (relative) {  // ECS sets this one; it wins over FULL_URI, as in the AWS SDKs
      if (!relative->starts_with('/')) {
        reader.errors.push_back("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: expected a path");
        return false;
      }
      config.s3_container_credentials_url = std::string(storage::aws::kContainerHost) + *relative;
    } else {
      try {
        storage::aws::check_container_url(*full);
      } catch (const std::invalid_argument& e) {
        reader.errors.push_back("AWS_CONTAINER_CREDENTIALS_FULL_URI: " + std::string(e.what()));
        return false;
      }
      config.s3_container_credentials_url = *full;
    }
    config.s3_container_authorization = reader.other("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    config.s3_container_authorization_file =
        reader.other("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE").value_or("");
    return true;
  }
  if (ascii_lower(reader.other("AWS_EC2_METADATA_DISABLED").value_or("")) == "true") {
    reader.fail(option("S3_ACCESS_KEY_ID"),
                "no S3 credentials: set SKILLNEXUS_S3_ACCESS_KEY_ID and "
                "SKILLNEXUS_S3_SECRET_ACCESS_KEY, or run with an ECS task role or an EC2 instance "
                "profile (AWS_EC2_METADATA_DISABLED=true rules out the instance metadata service)");
    return false;
  }
  config.s3_credentials = Config::S3Credentials::instance;
  config.s3_imds_endpoint = reader.other("AWS_EC2_METADATA_SERVICE_ENDPOINT")
                                .value_or(std::string(storage::aws::kImdsEndpoint));
  try {
    storage::metadata::parse_url(config.s3_imds_endpoint);
  } catch (const std::invalid_argument& e) {
    reader.errors.push_back("AWS_EC2_METADATA_SERVICE_ENDPOINT: " + std::string(e.what()));
    return false;
  }
  return true;
}

void read_storage(Reader& reader, Config& config) {
  if (auto kind = reader.get(option("STORAGE"))) {
    if (*kind != "local" && *kind != "s3") {
      reader.fail(option("STORAGE"), "expected local or s3, got '" + *kind + "'");
    } else {
      config.storage = *kind;
    }
  }
  auto endpoint = reader.get(option("S3_ENDPOINT"));
  auto region = reader.get(option("S3_REGION"));
  auto key_id = reader.get(option("S3_ACCESS_KEY_ID"));
  auto secret = reader.get(option("S3_SECRET_ACCESS_KEY"));
  auto token = reader.get(option("S3_SESSION_TOKEN"));
  if (auto names = reader.get(option("S3_BUCKETS"))) {
    std::stringstream list(*names);
    std::string entry;
    while (std::getline(list, entry, ',')) {
      const auto eq = entry.find('=');
      const auto kind = entry.substr(0, eq);
      const auto name = eq == std::string::npos ? std::string() : entry.substr(eq + 1);
      auto it = config.s3_buckets.find(kind);
      // S3 bucket names: 3-63 of a-z, 0-9, '.', '-'.
      const bool valid_name =
          name.size() >= 3 && name.size() <= 63 &&
          name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") == std::string::npos;
      if (it == config.s3_buckets.end() || !valid_name) {
        reader.fail(
            option("S3_BUCKETS"),
            "expected kind=bucket pairs for videos, assets and uploads, got '" + entry + "'");
        continue;
      }
      it->second = name;
    }
  }
  unsigned path_style = 2;
  read_number(reader, "S3_PATH_STYLE", path_style, 0, 1);
  read_number(reader, "S3_PART_MB", config.s3_part_mb, 5, 512);
  if (config.storage != "s3") return;
  if (!region) reader.fail(option("S3_REGION"), "required with SKILLNEXUS_STORAGE=s3");
  const bool credentials_ok = read_s3_credentials(reader, config, key_id, secret, token);
  if (!region || !credentials_ok) return;
  config.s3_region = *region;
  if (endpoint) {
    auto url = boost::urls::parse_absolute_uri(*endpoint);
    if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->host().empty() ||
        url->has_query() || url->has_userinfo() || !(url->path().empty() || url->path() == "/")) {
      reader.fail(option("S3_ENDPOINT"),
                  "expected an http(s) URL without a path, got '" + *endpoint + "'");
      return;
    }
    config.s3_endpoint = *endpoint;
    while (config.s3_endpoint.ends_with('/'))
      config.s3_endpoint.pop_back();
  } else {
    config.s3_endpoint = "https://s3." + *region + ".amazonaws.com";
  }
  config.s3_path_style = path_style == 2 ? endpoint.has_value() : path_style == 1;
}

void read_mail(Reader& reader, Config& config) {
  if (auto text = reader.get(option("SMTP_URL"))) {
    auto url = boost::urls::parse_absolute_uri(*text);
    // Credentials go in SMTP_USER / SMTP_PASSWORD, never in a URL that may be printed.
    if (!url || (url->scheme() != "smtp" && url->scheme() != "smtps") || url->host().empty() ||
        url->has_userinfo() || url->has_query() || url->has_fragment()) {
      reader.fail(option("SMTP_URL"),
                  "expected smtp://host[:port] or smtps://host[:port] without user or password");
    } else {
      config.smtp_url = *text;
    }
  }
  if (auto user = reader.get(option("SMTP_USER"))) config.smtp_user = *user;
  config.smtp_password = reader.get(option("SMTP_PASSWORD"));
  if ((!config.smtp_user.empty() || config.smtp_password) && config.smtp_url.empty()) {
    reader.fail(option("SMTP_URL"), "required when SKILLNEXUS_SMTP_USER or _PASSWORD is set");
  }
  if (auto from = reader.get(option("MAIL_FROM"))) {
    const auto at = from->find('@');
    if (from->find_first_of("\r\n") != std::string::npos || at == std::string::npos || at == 0 ||
        at + 1 == from->size()) {
      reader.fail(option("MAIL_FROM"),
                  "expected an address such as 'SkillNexus <no-reply@example.com>'");
    } else {
      config.mail_from = *from;
    }
  }
  long long seconds = config.mail_retry.count();
  read_number(reader, "MAIL_RETRY_SECONDS", seconds, 1, 24 * 3600);
  config.mail_retry = std::chrono::seconds(seconds);
  read_number(reader, "MAIL_MAX_ATTEMPTS", config.mail_max_attempts, 1, 100);
}

}  // namespace

ConfigResult load_config(const Getenv& getenv) {
  Reader reader(getenv);
  Config config;

  read_listen(reader, config);
  if (auto dir = reader.get(option("DATA_DIR"))) config.data_dir = *dir;

  if (auto url = reader.get(option("DATABASE_URL"))) {
    if (valid_conninfo(*url)) {
      config.database_url = *url;
    } else {
      reader.fail(option("DATABASE_URL"),
                  "not a valid PostgreSQL URL (postgresql://user@host/db) or key=value string");
    }
  }
  if (auto urls = reader.get(option("REPLICA_URLS"))) {
    std::stringstream list(*urls);
    std::string url;
    int position = 0;
    while (std::getline(list, url, ',')) {
      ++position;
      if (url.empty()) continue;
      if (!valid_conninfo(url)) {
        reader.fail(option("REPLICA_URLS"),
                    "entry " + std::to_string(position) + " is not a valid PostgreSQL URL");
        continue;
      }
      config.replica_urls.push_back(url);
    }
  }

  read_base_url(reader, "PUBLIC_URL", config.public_url);
  read_base_url(reader, "MEDIA_BASE_URL", config.media_base_url);
  if (auto dir = reader.get(option("STORAGE_DIR"))) config.storage_dir = *dir;
  long long link_hours = config.media_link_ttl.count();
  read_number(reader, "MEDIA_LINK_HOURS", link_hours, 1, 7 * 24);
  config.media_link_ttl = std::chrono::hours(link_hours);

  if (auto level = reader.get(option("LOG_LEVEL"))) {
    if (auto parsed = log::parse_level(*level)) {
      config.log_level = *parsed;
    } else {
      reader.fail(option("LOG_LEVEL"), "expected debug, info, warn or error, got '" + *level + "'");
    }
  }

  if (auto key = reader.get(option("SECRET_KEY"))) {
    if (key->size() < 32) {
      reader.fail(option("SECRET_KEY"), "must be at least 32 characters long");
    } else {
      config.secret_key = *key;
    }
  }
  if (config.database_url && !config.secret_key) {
    reader.fail(option("SECRET_KEY"),
                "required when SKILLNEXUS_DATABASE_URL is set, so that every instance shares it");
  }

  if (auto list = reader.get(option("TRUSTED_PROXIES"))) {
    std::string error;
    if (auto parsed = http::TrustedProxies::parse(*list, error)) {
      config.trusted_proxies = *parsed;
    } else {
      reader.fail(option("TRUSTED_PROXIES"), error);
    }
  }

  long long seconds = config.drain.count();
  read_number(reader, "DRAIN_SECONDS", seconds, 0, 3600);
  config.drain = std::chrono::seconds(seconds);
  read_number(reader, "THREADS", config.threads, 1, 256);
  read_number(reader, "MAX_CONNECTIONS", config.max_connections, 1, 1'000'000);
  read_number(reader, "DB_POOL_SIZE", config.db_pool_size, 1, 1000);
  long long ms = config.statement_timeout.count();
  read_number(reader, "STATEMENT_TIMEOUT_MS", ms, 1, 3'600'000);
  config.statement_timeout = std::chrono::milliseconds(ms);
  seconds = config.read_timeout.count();
  read_number(reader, "READ_TIMEOUT_SECONDS", seconds, 1, 3600);
  config.read_timeout = std::chrono::seconds(seconds);
  seconds = config.idle_timeout.count();
  read_number(reader, "IDLE_TIMEOUT_SECONDS", seconds, 1, 3600);
  config.idle_timeout = std::chrono::seconds(seconds);

  if (auto dir = reader.get(option("WEB_DIR"))) config.web_dir = *dir;

  long long minutes = config.session_idle.count();
  read_number(reader, "SESSION_IDLE_MINUTES", minutes, 1, 24 * 60);
  config.session_idle = std::chrono::minutes(minutes);
  long long hours = config.session_absolute.count();
  read_number(reader, "SESSION_ABSOLUTE_HOURS", hours, 1, 24 * 30);
  config.session_absolute = std::chrono::hours(hours);
  seconds = config.housekeeping.count();
  read_number(reader, "HOUSEKEEPING_SECONDS", seconds, 1, 24 * 3600);
  config.housekeeping = std::chrono::seconds(seconds);
  read_number(reader, "VIDEO_COMPLETION_PERCENT", config.video_completion_percent, 1, 100);
  unsigned demo = 0;
  read_number(reader, "DEMO_CONTENT", demo, 0, 1);
  config.demo_content = demo == 1;
  unsigned caches = 1;
  read_number(reader, "CACHES", caches, 0, 1);
  config.caches = caches == 1;

  read_oidc(reader, config);

  read_mail(reader, config);

  read_storage(reader, config);
  read_upload_limits(reader, config);
  read_number(reader, "UPLOAD_QUOTA_MB", config.upload_quota_mb, 1, 1LL << 30);
  unsigned worker = 1;
  read_number(reader, "WORKER", worker, 0, 1);
  config.worker = worker == 1;
  read_number(reader, "WORKER_CONCURRENCY", config.worker_concurrency, 1, 64);
  seconds = config.job_lease.count();
  read_number(reader, "JOB_LEASE_SECONDS", seconds, 3, 3600);
  config.job_lease = std::chrono::seconds(seconds);

  return {std::move(config), std::move(reader.errors)};
}

Getenv process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

std::string environment_help() {
  std::string text;
  for (const auto& o : kOptions) {
    std::string left = std::string("  ") + kPrefix + o.name + "=" + o.value_hint;
    if (left.size() < 44) left.resize(44, ' ');
    text += left + " " + o.help + "\n";
  }
  text +=
      "\nSecrets (DATABASE_URL, REPLICA_URLS, SECRET_KEY, OIDC_CLIENT_SECRET, SMTP_PASSWORD) may\n"
      "instead be read from a file named by the same variable with _FILE appended, e.g. "
      "SKILLNEXUS_SECRET_KEY_FILE=/run/secrets/key.\n"
      "\nWith STORAGE=s3 and no S3_ACCESS_KEY_ID, what the platform sets is read as the AWS SDKs\n"
      "read it: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI with\n"
      "AWS_CONTAINER_AUTHORIZATION_TOKEN[_FILE] (an ECS task role), else IMDSv2 (an EC2 instance\n"
      "profile; AWS_EC2_METADATA_SERVICE_ENDPOINT, AWS_EC2_METADATA_DISABLED=true).\n";
  return text;
}

}  // namespace sn::app
