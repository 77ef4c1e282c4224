#include "app/app.hpp"

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/url/parse.hpp>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "admin/common.hpp"
#include "certificates/certificate_routes.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "courses/course_routes.hpp"
#include "db/database.hpp"
#include "db/embedded_postgres.hpp"
#include "db/migrations.hpp"
#include "demo/demo.hpp"
#include "http/server.hpp"
#include "identity/auth_routes.hpp"
#include "identity/mfa.hpp"
#include "identity/oidc/oidc_routes.hpp"
#include "identity/retention.hpp"
#include "identity/signup_routes.hpp"
#include "jobs/job_queue.hpp"
#include "learning/learning_routes.hpp"
#include "mail/mailer.hpp"
#include "mail/outbox.hpp"
#include "media/demo_videos.hpp"
#include "media/file_upload_staging.hpp"
#include "media/media_routes.hpp"
#include "media/s3_upload_staging.hpp"
#include "media/transcode_job.hpp"
#include "ops/client_timings.hpp"
#include "ops/ops_routes.hpp"
#include "paths/path_routes.hpp"
#include "quizzes/quiz_routes.hpp"
#include "settings/settings_routes.hpp"
#include "storage/aws_credentials.hpp"
#include "storage/local_store.hpp"
#include "storage/s3_store.hpp"
#include "webapp/static_assets.hpp"

namespace sn::app {
namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace {

// An io_context whose pending handlers can be destroyed on purpose (shutdown()) while the objects
// they reference, such as database pools, still exist. Plain destruction would do both at once.
class IoContext : public asio::io_context {
 public:
  using asio::io_context::io_context;
  using asio::io_context::shutdown;
};

// The embedded cluster when no database URL is configured; owns its lifetime.
struct DatabaseTarget {
  std::unique_ptr<db::EmbeddedPostgres> embedded;
  std::string primary;
};

DatabaseTarget open_database_target(const Config& config) {
  DatabaseTarget target;
  if (config.database_url) {
    target.primary = *config.database_url;
  } else {
    target.embedded = std::make_unique<db::EmbeddedPostgres>(config.data_dir);
    target.primary = target.embedded->start();
  }
  return target;
}

// In embedded mode the secret key is generated once into the data dir (mode 0600).
std::string embedded_secret_key(const fs::path& data_dir) {
  const auto path = data_dir / "secret_key";
  if (std::ifstream in{path}; in) {
    std::string key;
    std::getline(in, key);
    if (key.size() >= 32) return key;
  }
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  const auto old_mask = ::umask(077);
  std::ofstream(path) << hex << "\n";
  ::umask(old_mask);
  log::info("generated a secret key", {{"file", path.string()}});
  return hex;
}

// The S3 store's keys: fixed ones from the configuration, or the platform's temporary ones.
std::shared_ptr<storage::aws::CredentialsProvider> make_s3_credentials(
    const Config& config, asio::any_io_executor executor) {
  namespace aws = storage::aws;
  switch (config.s3_credentials) {
    case Config::S3Credentials::keys:
      return std::make_shared<aws::StaticCredentials>(storage::sigv4::Credentials{
          config.s3_access_key_id, config.s3_secret_access_key.value_or(""),
          config.s3_session_token.value_or("")});
    case Config::S3Credentials::container:
      return aws::RefreshingCredentials::make(
          std::move(executor),
          std::make_unique<aws::ContainerCredentialsSource>(aws::ContainerSettings{
              .url = config.s3_container_credentials_url,
              .authorization = config.s3_container_authorization.value_or(""),
              .authorization_file = config.s3_container_authorization_file}));
    case Config::S3Credentials::instance:
      return aws::RefreshingCredentials::make(
          std::move(executor), std::make_unique<aws::ImdsCredentialsSource>(
                                   aws::ImdsSettings{.endpoint = config.s3_imds_endpoint}));
  }
  std::abort();
}

std::unique_ptr<storage::ObjectStore> make_object_store(
    const Config& config, const fs::path& storage_root, asio::any_io_executor executor,
    std::shared_ptr<storage::aws::CredentialsProvider> credentials) {
  if (config.storage != "s3") return std::make_unique<storage::LocalStore>(storage_root);
  storage::S3Settings settings;
  settings.endpoint = config.s3_endpoint;
  settings.region = config.s3_region;
  settings.path_style = config.s3_path_style;
  settings.credentials_provider = std::move(credentials);
  settings.part_size = std::uint64_t{config.s3_part_mb} * 1024 * 1024;
  settings.bucket_names = {{storage::Bucket::videos, config.s3_buckets.at("videos")},
                           {storage::Bucket::assets, config.s3_buckets.at("assets")},
                           {storage::Bucket::uploads, config.s3_buckets.at("uploads")}};
  return std::make_unique<storage::S3Store>(std::move(executor), std::move(settings));
}

// Where uploads in progress collect: with S3 in S3 itself and PostgreSQL, so that any instance
// can take an upload's next chunk; with the local store in files beside it.
std::unique_ptr<media::UploadStaging> make_upload_staging(const Config& config,
                                                          const fs::path& storage_root,
                                                          db::Database& db,
                                                          storage::ObjectStore& store) {
  if (config.storage == "s3") {
    return std::make_unique<media::S3UploadStaging>(db, dynamic_cast<storage::S3Store&>(store),
                                                    config.data_dir / "uploads-checking");
  }
  return std::make_unique<media::FileUploadStaging>(storage_root / "uploads" / ".partial", store);
}

media::UploadLimits upload_limits(const Config& config) {
  media::UploadLimits limits;
  for (const auto& [kind, mib] : config.upload_max_mb)
    limits.max_bytes[kind] = mib * 1024 * 1024;
  limits.quota_bytes = config.upload_quota_mb * 1024 * 1024;
  return limits;
}

// host:pid: which process holds a job, in the jobs table and the logs.
std::string worker_id() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(::getpid());
}

db::PoolOptions pool_options(const Config& config) {
  db::PoolOptions options;
  options.size = config.db_pool_size;
  options.connect.statement_timeout = config.statement_timeout;
  return options;
}

// Applies migrations on a connection of its own (no statement timeout: a migration may be long),
// retrying while the database is unreachable. Throws on anything else.
asio::awaitable<void> run_migrations(std::string conninfo) {
  const auto migrations = db::parse_migrations(db::embedded_migrations());
  db::ConnectOptions options;
  options.statement_timeout = std::chrono::milliseconds(0);
  options.application_name = "skillnexus-migrate";
  auto executor = co_await asio::this_coro::executor;
  for (int attempt = 1;; ++attempt) {
    std::unique_ptr<db::Connection> conn;
    try {
      conn = co_await db::Connection::connect(executor, conninfo, options);
    } catch (const Error&) {
      log::warn("database unreachable; retrying migrations", {{"attempt", attempt}});
    }
    if (conn) {
      auto applied = co_await db::apply_migrations(*conn, migrations);
      log::info("schema up to date",
                {{"version", migrations.empty() ? 0 : migrations.back().version},
                 {"applied_now", applied.size()}});
      co_return;
    }
    asio::steady_timer pause(executor, std::chrono::seconds(2));
    co_await pause.async_wait(asio::use_awaitable);
  }
}

// The origin (scheme://host[:port]) of a URL such as the public URL.
std::string origin_of(const std::string& url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return url;
  return std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host_and_port());
}

// Secure cookies everywhere except plain http on loopback, where browsers would drop them.
bool secure_cookies(const Config& config) {
  if (config.public_url.starts_with("https://")) return true;
  if (!config.public_url.empty()) {
    auto parsed = boost::urls::parse_absolute_uri(config.public_url);
    const auto host = parsed ? std::string(parsed->host()) : "";
    return !(host == "localhost" || host.starts_with("127.") || host == "[::1]");
  }
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(config.listen_host, ec);
  return ec || !address.is_loopback();
}

std::string url_for(const Config& config, const std::string& address) {
  return config.public_url.empty() ? "http://" + address : config.public_url;
}

// SkillNexus <no-reply@HOST of the public URL>, or the configured sender.
std::string mail_from(const Config& config) {
  if (!config.mail_from.empty()) return config.mail_from;
  std::string host = "localhost";
  if (auto parsed = boost::urls::parse_absolute_uri(config.public_url)) {
    boost::system::error_code ec;
    asio::ip::make_address(std::string(parsed->host()), ec);
    if (ec && !parsed->host().empty()) host = std::string(parsed->host());  // a name, not an IP
  }
  return "SkillNexus <no-reply@" + host + ">";
}

// SMTP when configured; otherwise .eml files a developer can open.
std::unique_ptr<mail::Transport> mail_transport(const Config& config) {
  if (config.smtp_url.empty()) {
    const bool development = !secure_cookies(config);  // plain http on loopback
    if (!development) {
      log::warn("no SMTP server configured: mail is only written to files",
                {{"dir", (config.data_dir / "mail").string()}});
    }
    return mail::make_file_transport(config.data_dir / "mail", mail_from(config), development);
  }
  return mail::make_smtp_transport({.url = config.smtp_url,
                                    .user = config.smtp_user,
                                    .password = config.smtp_password,
                                    .from = mail_from(config)});
}

mail::OutboxOptions mail_options(const Config& config) {
  mail::OutboxOptions options;
  options.retry_base = config.mail_retry;
  options.max_attempts = static_cast<int>(config.mail_max_attempts);
  // Retries are due no sooner than retry_base: looking more often than that finds nothing.
  options.poll = std::min<std::chrono::milliseconds>(options.poll, config.mail_retry);
  return options;
}

// The demo organisation, added on the first start of an empty database; its sign-in details go
// to the terminal and to a file only the owner may read.
asio::awaitable<void> announce_demo(db::Database& db, const identity::PasswordHasher& hasher,
                                    storage::ObjectStore& store, fs::path data_dir,
                                    std::string url) {
  // Named: a lambda converted in a coroutine call's arguments is destroyed twice by GCC 12.
  demo::DemoVideoMaker videos = [&store, work = data_dir / "work"](db::Transaction& tx,
                                                                   std::string owner,
                                                                   std::string title, int seconds) {
    return media::add_demo_video(tx, store, work, std::move(owner), std::move(title), seconds);
  };
  auto org = co_await demo::seed_demo_organisation(db, hasher, std::move(videos));
  if (!org.created) co_return;
  std::string text = "Demo organisation ready at " + url + ". Sign in as:\n";
  for (const auto& account : org.accounts)
    text += "  " + account.email + " (" + account.role + ")\n";
  text += "Password for every demo account: " + org.password + "\n";
  text += "Demo videos are being transcoded in the background; they play within a few minutes.\n";
  const auto file = data_dir / "demo-accounts.txt";
  const auto old_mask = ::umask(077);
  std::ofstream(file) << text;
  ::umask(old_mask);
  std::fprintf(stderr, "\n%s(also in %s)\n\n", text.c_str(), file.string().c_str());
  log::info("demo organisation created", {{"accounts", org.accounts.size()}});
}

}  // namespace

int serve(const Config& config, bool worker_only) {
  log::set_level(config.log_level);
  // sendfile(2) has no MSG_NOSIGNAL: a viewer that hangs up mid-segment must not end the process.
  std::signal(SIGPIPE, SIG_IGN);
  DatabaseTarget target;
  std::string secret_key;
  try {
    target = open_database_target(config);
    secret_key = config.secret_key ? *config.secret_key : embedded_secret_key(config.data_dir);
  } catch (const std::exception& e) {
    log::error("cannot start the database", {{"error", e.what()}});
    return 1;
  }

  const unsigned threads =
      config.threads ? config.threads : std::max(1u, std::thread::hardware_concurrency());
  IoContext ioc(static_cast<int>(threads));
  db::Invalidations invalidations;
  db::Invalidations* caches = config.caches ? &invalidations : nullptr;
  db::Database db(target.primary, config.replica_urls, pool_options(config), caches);

  ops::Readiness readiness;
  http::Router router;
  // A worker process serves only health and metrics: the app's routes go nowhere.
  http::Router unserved;
  http::Router& app_routes = worker_only ? unserved : router;
  ops::OpsContext ops_context{readiness, db};
  ops::register_routes(router, ops_context);
  settings::register_routes(app_routes, db);
  identity::PasswordHasher hasher(threads);
  identity::SessionStore sessions(db,
                                  {.idle = config.session_idle,
                                   .absolute = config.session_absolute,
                                   .secure_cookie = secure_cookies(config)},
                                  caches);
  identity::SignInThrottle throttle(db);
  mail::Outbox outbox(db, mail_transport(config), mail_options(config));
  const identity::SecretBox totp_box(secret_key, "totp seeds");
  identity::AuthContext auth{db, sessions, hasher, throttle, outbox, totp_box, config.public_url};
  identity::register_routes(app_routes, auth);
  identity::register_mfa_routes(app_routes, auth);
  identity::SignupContext signup{auth, outbox};
  identity::register_signup_routes(app_routes, signup);
  settings::register_admin_routes(app_routes, db);
  admin::register_routes(app_routes, auth);
  const auto storage_root =
      config.storage_dir.empty() ? config.data_dir / "objects" : config.storage_dir;
  const auto s3_credentials =
      config.storage == "s3" ? make_s3_credentials(config, ioc.get_executor()) : nullptr;
  const auto store = make_object_store(config, storage_root, ioc.get_executor(), s3_credentials);
  storage::ObjectStore& object_store = *store;
  const media::HmacUrlSigner media_urls(secret_key, config.media_base_url);
  const auto staging = make_upload_staging(config, storage_root, db, object_store);
  media::UploadStaging& upload_staging = *staging;
  asio::thread_pool media_blocking(2);
  media::MediaContext media_ctx{db,
                                object_store,
                                media_urls,
                                upload_staging,
                                upload_limits(config),
                                config.media_link_ttl,
                                media_blocking};
  learning::LearningContext learning_ctx{
      db,           config.public_url, config.video_completion_percent / 100.0,
      caches,       &media_urls,       config.media_link_ttl,
      &object_store};
  courses::register_routes(app_routes, learning_ctx);
  learning::register_routes(app_routes, learning_ctx);
  quizzes::register_routes(app_routes, learning_ctx);
  certificates::register_routes(app_routes, learning_ctx);
  paths::register_routes(app_routes, learning_ctx);
  media::register_upload_routes(app_routes, media_ctx);
  media::register_library_routes(app_routes, media_ctx);
  media::register_streaming_routes(app_routes, media_ctx);
  jobs::Worker worker(db, {.worker_id = worker_id(),
                           .lease = config.job_lease,
                           .concurrency = config.worker_concurrency});
  media::TranscodeContext transcode_ctx{db, object_store, config.data_dir / "work"};
  media::add_transcode_job(worker, transcode_ctx);
  ops::Housekeeping housekeeping(db, config.housekeeping);
  identity::add_retention_jobs(housekeeping);
  quizzes::add_housekeeping(housekeeping);
  media::add_upload_housekeeping(housekeeping, db, upload_staging);
  std::unique_ptr<identity::oidc::Provider> oidc_provider;
  if (config.oidc) oidc_provider = std::make_unique<identity::oidc::Provider>(*config.oidc);
  identity::oidc::OidcContext oidc{db, sessions, oidc_provider.get(), config.public_url,
                                   secure_cookies(config)};
  identity::oidc::register_routes(app_routes, oidc);
  ops::ClientTimings client_timings;
  client_timings.register_routes(app_routes);
  const auto assets = webapp::StaticAssets::load(config.web_dir.empty() ? webapp::default_web_dir()
                                                                        : config.web_dir);
  assets.register_routes(app_routes);

  http::Metrics metrics(router);
  ops_context.metrics = &metrics;
  metrics.add_collector([&db](std::string& out) { db.render_metrics(out); });
  metrics.add_collector([&invalidations](std::string& out) { invalidations.render_metrics(out); });
  metrics.add_collector([&client_timings](std::string& out) { client_timings.render(out); });
  metrics.add_collector([&outbox](std::string& out) { outbox.render_metrics(out); });

  const bool https = config.public_url.starts_with("https://");
  http::Pipeline pipeline(
      router, metrics,
      {config.trusted_proxies, https,
       identity::session_authenticator(
           sessions, oidc_provider ? identity::oidc::access_token_authenticator(db, *oidc_provider)
                                   : identity::JwtAuthenticator{}),
       config.media_base_url.empty() ? std::string() : origin_of(config.media_base_url)});
  http::ServerLimits limits;
  limits.read_timeout = config.read_timeout;
  limits.idle_timeout = config.idle_timeout;
  limits.max_connections = config.max_connections;
  http::Server server(ioc, pipeline, metrics, limits);

  asio::ip::tcp::endpoint endpoint;
  try {
    endpoint = server.listen(config.listen_host, config.listen_port);
  } catch (const std::exception& e) {
    log::error("cannot listen",
               {{"address", config.listen_host + ":" + std::to_string(config.listen_port)},
                {"error", e.what()}});
    return 1;
  }
  const std::string address =
      endpoint.address().is_v6()
          ? "[" + endpoint.address().to_string() + "]:" + std::to_string(endpoint.port())
          : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  const std::string url = url_for(config, address);
  pipeline.set_public_origin(origin_of(url));
  auth.public_url = url;
  oidc.public_url = url;
  learning_ctx.public_url = url;
  server.start();
  log::info("listening", {{"address", address}, {"url", url}, {"threads", threads}});
  std::fprintf(stderr, "SkillNexus is serving at %s (Ctrl-C to stop)\n", url.c_str());

  int exit_code = 0;
  auto stop_after_drain = [&](int code) {
    if (readiness.draining.exchange(true)) return;
    exit_code = code;
    server.begin_drain();
    log::info("draining", {{"grace_seconds", config.drain.count()},
                           {"open_connections", server.open_sessions()}});
    asio::co_spawn(
        asio::make_strand(ioc),
        [&]() -> asio::awaitable<void> {
          const auto deadline = std::chrono::steady_clock::now() + config.drain;
          asio::steady_timer tick(co_await asio::this_coro::executor);
          while (server.open_sessions() > 0 && std::chrono::steady_clock::now() < deadline) {
            tick.expires_after(std::chrono::milliseconds(20));
            co_await tick.async_wait(asio::use_awaitable);
          }
          if (auto left = server.open_sessions()) {
            log::warn("drain grace period over; closing connections", {{"open", left}});
          }
          ioc.stop();
        },
        asio::detached);
  };

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  std::function<void(boost::system::error_code, int)> on_signal = [&](boost::system::error_code ec,
                                                                      int signal) {
    if (ec) return;
    if (readiness.draining.load()) {
      log::warn("second signal: stopping now", {{"signal", signal}});
      ioc.stop();
      return;
    }
    log::info("signal received", {{"signal", signal}});
    stop_after_drain(0);
    signals.async_wait(on_signal);
  };
  signals.async_wait(on_signal);

  asio::co_spawn(
      asio::make_strand(ioc),
      [&]() -> asio::awaitable<void> {
        // Temporary S3 keys are fetched first (and cached), so that an instance without a role
        // or a reachable metadata service stops now rather than at its first upload.
        if (s3_credentials) {
          try {
            co_await s3_credentials->current();
          } catch (const std::exception& e) {
            log::error("no S3 credentials; stopping",
                       {{"error", e.what()},
                        {"hint",
                         "set SKILLNEXUS_S3_ACCESS_KEY_ID and SKILLNEXUS_S3_SECRET_ACCESS_KEY, or "
                         "give the ECS task or the EC2 instance an IAM role"}});
            stop_after_drain(1);
            co_return;
          }
        }
        try {
          co_await run_migrations(target.primary);
          if (config.demo_content && !worker_only) {
            co_await announce_demo(db, hasher, object_store, config.data_dir, url);
          }
          readiness.migrated.store(true);
          housekeeping.start(ioc.get_executor());  // its tables exist from here on
          // Caches serve once this listens (every subscriber registered above).
          if (caches) {
            asio::co_spawn(ioc, invalidations.listen(target.primary, pool_options(config).connect),
                           asio::detached);
          }
          outbox.start(ioc.get_executor());
          if (config.worker || worker_only) worker.start(ioc.get_executor());
        } catch (const std::exception& e) {
          log::error("migrations failed; stopping", {{"error", e.what()}});
          stop_after_drain(1);
        }
      },
      asio::detached);

  std::vector<std::jthread> workers;
  for (unsigned i = 1; i < threads; ++i)
    workers.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& w : workers)
    w.join();
  // Before shutdown: a delivery finishing now still posts its completion to the io_context.
  outbox.stop();

  // Destroy whatever is still pending (connections cut off at the deadline) while the pools they
  // may return connections to are alive; then stop the embedded cluster.
  ioc.shutdown();
  if (target.embedded) target.embedded->stop();
  log::info("stopped", {{"exit_code", exit_code}});
  return exit_code;
}

int print_media_url(const Config& config, const std::string& media_id) {
  const auto secret = config.secret_key ? *config.secret_key : embedded_secret_key(config.data_dir);
  const media::HmacUrlSigner signer(secret, config.media_base_url);
  std::printf("%s\n",
              signer
                  .signed_prefix(media_id, media::shared_expiry(std::chrono::system_clock::now(),
                                                                config.media_link_ttl))
                  .c_str());
  return 0;
}

namespace {

// The one-shot commands: open the database (attaching to a running embedded cluster), apply
// migrations, run `then` on a single thread. Returns 0, or 1 with the reason on stderr.
int run_command(const Config& config,
                const std::function<asio::awaitable<void>(db::Database&)>& then) {
  DatabaseTarget target;
  try {
    target = open_database_target(config);
  } catch (const std::exception& e) {
    log::error("cannot start the database", {{"error", e.what()}});
    return 1;
  }
  IoContext ioc(1);
  int exit_code = 0;
  {
    db::Database db(target.primary, {}, pool_options(config));
    asio::co_spawn(
        ioc,
        [&]() -> asio::awaitable<void> {
          try {
            co_await run_migrations(target.primary);
            co_await then(db);
          } catch (const std::exception& e) {
            std::cerr << "skillnexus: " << e.what() << "\n";
            exit_code = 1;
          }
        },
        asio::detached);
    ioc.run();
    ioc.shutdown();
  }
  return exit_code;
}

}  // namespace

int admin_create(const Config& config, const std::string& email, const std::string& name) {
  // The terminal should show the link, not progress lines.
  log::set_level(std::max(config.log_level, log::Level::warn));
  std::string token;
  const int exit_code = run_command(config, [&](db::Database& db) -> asio::awaitable<void> {
    token = co_await identity::create_admin(db, email, name);
  });
  if (exit_code == 0) {
    const auto address = config.listen_host + ":" + std::to_string(config.listen_port);
    // Printed once, to the operator's terminal only: whoever holds the link owns the account.
    std::cout << "Admin " << email << " created. Set the password within 24 hours at:\n  "
              << url_for(config, address) << "/set-password#token=" << token << "\n";
  }
  return exit_code;
}

int migrate(const Config& config) {
  log::set_level(config.log_level);
  return run_command(config, [](db::Database&) -> asio::awaitable<void> { co_return; });
}

int demo_seed(const Config& config, long long users, long long courses,
              const std::string& password) {
  log::set_level(std::max(config.log_level, log::Level::warn));
  Config unlimited = config;
  unlimited.statement_timeout = std::chrono::milliseconds(0);  // one statement fills a table
  identity::PasswordHasher hasher(1);
  demo::BulkSeedReport report;
  const int exit_code = run_command(unlimited, [&](db::Database& db) -> asio::awaitable<void> {
    // A named options object: GCC 12 destroys a braced temporary argument of a coroutine twice.
    demo::BulkSeedOptions options{.users = users, .courses = courses, .password = password};
    report = co_await demo::seed_bulk(db, hasher, std::move(options));
  });
  if (exit_code == 0) {
    std::printf(
        "Seeded %lld users, %lld courses (%lld lessons), %lld enrolments and %lld progress rows "
        "in %.1f s.\nEvery seeded account's password: %s\n",
        static_cast<long long>(report.users), static_cast<long long>(report.courses),
        static_cast<long long>(report.lessons), static_cast<long long>(report.enrolments),
        static_cast<long long>(report.progress_rows), report.seconds, report.password.c_str());
    for (const auto& [step, seconds] : report.steps)
      std::printf("  %-18s %6.1f s\n", step.c_str(), seconds);
  }
  return exit_code;
}

}  // namespace sn::app
