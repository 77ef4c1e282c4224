#pragma once
// Where the S3 store's AWS credentials come from: fixed keys from the configuration, or temporary
// keys from the platform (an ECS task role through the container credentials endpoint, an EC2
// instance profile through IMDSv2) that expire and are fetched again before they do.
//
// Secrets never appear in an error message or a log line: those name the source, the host and
// the HTTP status, and at most the access key id.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "storage/sigv4.hpp"

namespace boost::asio::ip {
class address;
}

namespace sn::storage::aws {

using Clock = std::function<std::chrono::system_clock::time_point()>;

// No usable credentials: the source failed, or answered something that is not credentials.
class CredentialsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Keys that stop working at `expiration`.
struct TemporaryCredentials {
  sigv4::Credentials keys;
  std::chrono::system_clock::time_point expiration;
};

// The keys to sign the next request with.
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Throws CredentialsError when there are none that are valid.
  virtual boost::asio::awaitable<sigv4::Credentials> current() = 0;
};

// Today's configuration: keys that never change.
class StaticCredentials final : public CredentialsProvider {
 public:
  explicit StaticCredentials(sigv4::Credentials keys) : keys_(std::move(keys)) {}
  boost::asio::awaitable<sigv4::Credentials> current() override;

 private:
  sigv4::Credentials keys_;
};

// One fetch of temporary credentials from a metadata service.
class CredentialsSource {
 public:
  virtual ~CredentialsSource() = default;
  // Throws CredentialsError.
  virtual boost::asio::awaitable<TemporaryCredentials> fetch() = 0;
  // "the ECS container credentials endpoint", for messages.
  virtual std::string describe() const = 0;
};

// The answer both metadata services give: {"AccessKeyId", "SecretAccessKey", "Token",
// "Expiration"} (IMDS adds "Code": "Success"). Throws CredentialsError naming what is wrong.
TemporaryCredentials parse_credentials(std::string_view json);

// An AWS time, "2026-11-26T23:15:00Z" (fractions of a second and offsets such as "+00:00"
// allowed): credentials' Expiration, S3's LastModified.
std::optional<std::chrono::system_clock::time_point> parse_utc_time(std::string_view text);
// The same form, in whole seconds: "2026-11-26T23:15:00Z".
std::string format_utc_time(std::chrono::system_clock::time_point time);

// ---------------------------------------------------------------------------------------------
// ECS (and EKS Pod Identity): GET the credentials URL, with an Authorization header if given.

inline constexpr std::string_view kContainerHost = "http://169.254.170.2";

// Whether plain http may go to `address`: loopback, the ECS endpoint 169.254.170.2 and the EKS
// Pod Identity agent (169.254.170.23, fd00:ec2::23). Anything else needs https.
bool container_address_allowed(const boost::asio::ip::address& address);

// Throws std::invalid_argument unless `url` is https, or http to a host that is an allowed address
// or "localhost". (A host name over http is also checked when it is resolved.)
void check_container_url(std::string_view url);

struct ContainerSettings {
  std::string url;  // http://169.254.170.2 + AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, or FULL_URI
  std::string authorization;  // AWS_CONTAINER_AUTHORIZATION_TOKEN, if any
  // AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: read at every fetch (EKS rotates it), and it wins
  // over `authorization`.
  std::string authorization_file;
  std::chrono::milliseconds timeout{2000};
};

class ContainerCredentialsSource final : public CredentialsSource {
 public:
  // Throws std::invalid_argument for a URL check_container_url refuses.
  explicit ContainerCredentialsSource(ContainerSettings settings);
  boost::asio::awaitable<TemporaryCredentials> fetch() override;
  std::string describe() const override { return "the ECS container credentials endpoint"; }

 private:
  ContainerSettings settings_;
};

// ---------------------------------------------------------------------------------------------
// EC2 IMDSv2: PUT /latest/api/token, then the role name and its credentials with that token.

inline constexpr std::string_view kImdsEndpoint = "http://169.254.169.254";

struct ImdsSettings {
  std::string endpoint = std::string(kImdsEndpoint);  // AWS_EC2_METADATA_SERVICE_ENDPOINT
  std::chrono::milliseconds timeout{1000};            // for each of the three requests
};

class ImdsCredentialsSource final : public CredentialsSource {
 public:
  explicit ImdsCredentialsSource(ImdsSettings settings);
  boost::asio::awaitable<TemporaryCredentials> fetch() override;
  std::string describe() const override { return "the EC2 instance metadata service"; }

 private:
  ImdsSettings settings_;
};

// ---------------------------------------------------------------------------------------------

struct RefreshPolicy {
  // Fetch again this long before the keys expire (at most half their lifetime, so short-lived
  // keys are refreshed well before they end).
  std::chrono::seconds ahead{300};
  // After a failed fetch, wait this long before the next, doubling up to max_backoff.
  std::chrono::milliseconds first_backoff{1000};
  std::chrono::milliseconds max_backoff{30000};
};

// Keys from a source, kept until they are due for refresh. A caller who finds them due but still
// valid gets them at once and starts a refresh in the background; a caller who finds none, or
// expired ones, waits for a fetch. At most one fetch is under way: concurrent callers share it.
// A failed fetch keeps the old keys while they last and is retried with backoff; without valid
// keys, a caller within the backoff fails at once with the last fetch's error.
class RefreshingCredentials final : public CredentialsProvider,
                                    public std::enable_shared_from_this<RefreshingCredentials> {
 public:
  // Fetches run on `executor` (an io_context's); the clock is the system clock but in tests.
  static std::shared_ptr<RefreshingCredentials> make(boost::asio::any_io_executor executor,
                                                     std::unique_ptr<CredentialsSource> source,
                                                     RefreshPolicy policy = {}, Clock clock = {});

  boost::asio::awaitable<sigv4::Credentials> current() override;
  // How many fetches have been started (for tests).
  int fetches() const;

 private:
  struct Flight;
  struct Cached {
    TemporaryCredentials credentials;
    std::chrono::system_clock::time_point refresh_after;
  };
  RefreshingCredentials(boost::asio::any_io_executor executor,
                        std::unique_ptr<CredentialsSource> source, RefreshPolicy policy,
                        Clock clock);
  // These run on the strand, which owns the fetch state.
  boost::asio::awaitable<sigv4::Credentials> current_on_strand();
  void start_fetch();
  boost::asio::awaitable<void> fetch_and_store(std::shared_ptr<Flight> flight);
  CredentialsError unavailable() const;

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  std::unique_ptr<CredentialsSource> source_;
  RefreshPolicy policy_;
  Clock clock_;

  mutable std::mutex mutex_;  // cached_ and fetches_, read without the strand on the fast path
  std::optional<Cached> cached_;
  int fetches_ = 0;

  // On the strand only.
  std::shared_ptr<Flight> flight_;  // the fetch under way, which callers without keys wait for
  std::chrono::system_clock::time_point retry_after_{};
  std::chrono::milliseconds backoff_{0};
  std::string last_error_;
};

}  // namespace sn::storage::aws
