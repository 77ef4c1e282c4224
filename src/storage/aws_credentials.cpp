#include "storage/aws_credentials.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/json/parse.hpp>
#include <charconv>
#include <fstream>
#include <sstream>

#include "core/log.hpp"
#include "storage/metadata_http.hpp"

namespace sn::storage::aws {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using boost::beast::http::verb;
using std::chrono::system_clock;

// Enough for credentials (a session token is a few KB), small enough that a wrong endpoint
// cannot fill memory.
constexpr std::size_t kMaxAnswer = 64 * 1024;
constexpr std::string_view kImdsTokenTtlSeconds = "21600";

std::string trim(std::string text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.back()))
    text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && blank(text[start]))
    ++start;
  return text.substr(start);
}

// A value that may go into a header as it is.
bool header_safe(std::string_view value) {
  return value.find_first_of("\r\n") == std::string_view::npos;
}

std::string string_field(const json::object& object, std::string_view name) {
  const auto* value = object.if_contains(name);
  if (!value || !value->is_string() || value->as_string().empty()) {
    throw CredentialsError("the answer has no " + std::string(name));
  }
  return std::string(value->as_string());
}

// Digits at text[at, at+n) as a number, or -1.
int digits(std::string_view text, std::size_t at, std::size_t n) {
  if (at + n > text.size()) return -1;
  int value = 0;
  const auto* begin = text.data() + at;
  const auto [end, ec] = std::from_chars(begin, begin + n, value);
  return ec == std::errc() && end == begin + n ? value : -1;
}

// Sends one request to a metadata service; transport failures become CredentialsError.
asio::awaitable<metadata::Response> ask(const CredentialsSource& source, verb method,
                                        const metadata::Url& url,
                                        std::vector<std::pair<std::string, std::string>> headers,
                                        metadata::Options options) {
  try {
    co_return co_await metadata::request(method, url, std::move(headers), std::move(options));
  } catch (const metadata::TransportError& e) {
    throw CredentialsError(source.describe() + " did not answer: " + e.what());
  }
}

TemporaryCredentials parse_from(const CredentialsSource& source, std::string_view body) {
  try {
    return parse_credentials(body);
  } catch (const CredentialsError& e) {
    throw CredentialsError(source.describe() + ": " + e.what());
  }
}

[[noreturn]] void throw_status(const CredentialsSource& source, std::string_view step,
                               unsigned status) {
  throw CredentialsError(source.describe() + " answered HTTP " + std::to_string(status) + " to " +
                         std::string(step));
}

// Keys at hand, as an awaitable.
asio::awaitable<sigv4::Credentials> ready(sigv4::Credentials keys) {
  co_return keys;
}

}  // namespace

asio::awaitable<sigv4::Credentials> StaticCredentials::current() {
  co_return keys_;
}

std::string format_utc_time(system_clock::time_point time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date(day);
  const std::chrono::hh_mm_ss clock(seconds - day);
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(clock.hours().count()),
                int(clock.minutes().count()), int(clock.seconds().count()));
  return out;
}

std::optional<system_clock::time_point> parse_utc_time(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS
  const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  const int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':' || year < 0 ||
      month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
      second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  auto rest = text.substr(19);
  if (rest.starts_with('.')) {  // fractions of a second: dropped
    std::size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9')
      ++n;
    if (n == 1) return std::nullopt;
    rest.remove_prefix(n);
  }
  std::chrono::minutes offset{0};
  if (rest == "Z" || rest == "z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    const int h = digits(rest, 1, 2), m = digits(rest, 4, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
    offset = std::chrono::minutes(h * 60 + m) * (rest[0] == '+' ? 1 : -1);
  } else {
    return std::nullopt;
  }
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second) - offset;
}

TemporaryCredentials parse_credentials(std::string_view body) {
  boost::system::error_code error;
  const auto value = json::parse(body, error);
  if (error || !value.is_object()) throw CredentialsError("the answer is not a JSON object");
  const auto& object = value.as_object();
  // IMDS says whether it succeeded; the container endpoint reports errors as {code, message}.
  if (const auto* code = object.if_contains("Code");
      code && !(code->is_string() && code->as_string() == "Success")) {
    throw CredentialsError("the answer's Code is not Success");
  }
  TemporaryCredentials out;
  out.keys.access_key_id = string_field(object, "AccessKeyId");
  out.keys.secret_access_key = string_field(object, "SecretAccessKey");
  out.keys.session_token = string_field(object, "Token");
  const auto expiration = parse_utc_time(string_field(object, "Expiration"));
  if (!expiration) throw CredentialsError("the answer's Expiration is not an ISO 8601 time");
  out.expiration = *expiration;
  return out;
}

// ---------------------------------------------------------------------------------------------

bool container_address_allowed(const asio::ip::address& address) {
  if (address.is_loopback()) return true;
  if (address.is_v4()) {
    const auto bytes = address.to_v4().to_bytes();
    return bytes[0] == 169 && bytes[1] == 254 && bytes[2] == 170 &&
           (bytes[3] == 2 || bytes[3] == 23);
  }
  const auto v6 = address.to_v6();
  if (v6.is_v4_mapped()) {
    return container_address_allowed(asio::ip::make_address_v4(asio::ip::v4_mapped, v6));
  }
  return v6 == asio::ip::make_address_v6("fd00:ec2::23");
}

void check_container_url(std::string_view text) {
  const auto url = metadata::parse_url(text);
  if (url.tls) return;
  if (url.host == "localhost") return;
  boost::system::error_code not_an_address;
  const auto address = asio::ip::make_address(url.host, not_an_address);
  if (!not_an_address && !container_address_allowed(address)) {
    throw std::invalid_argument(
        "plain http may only go to loopback, 169.254.170.2, 169.254.170.23 or fd00:ec2::23; use "
        "https for any other host");
  }
}

ContainerCredentialsSource::ContainerCredentialsSource(ContainerSettings settings)
    : settings_(std::move(settings)) {
  check_container_url(settings_.url);
}

asio::awaitable<TemporaryCredentials> ContainerCredentialsSource::fetch() {
  const auto url = metadata::parse_url(settings_.url);
  std::string authorization = settings_.authorization;
  if (!settings_.authorization_file.empty()) {
    std::ifstream in(settings_.authorization_file, std::ios::binary);
    std::stringstream content;
    if (in) content << in.rdbuf();
    if (!in) throw CredentialsError("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    authorization = trim(content.str());
  }
  if (!header_safe(authorization)) {
    throw CredentialsError("the container authorization token holds a line break");
  }
  std::vector<std::pair<std::string, std::string>> headers = {{"Accept", "application/json"}};
  if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
  metadata::Options options{.timeout = settings_.timeout, .max_body = kMaxAnswer};
  // Over plain http the token and the keys may only travel on the host or to AWS's link-local
  // agents, also when a name resolves elsewhere.
  if (!url.tls) options.allowed_address = container_address_allowed;
  const auto answer = co_await ask(*this, verb::get, url, std::move(headers), std::move(options));
  if (answer.status != 200) throw_status(*this, "GET credentials", answer.status);
  co_return parse_from(*this, answer.body);
}

// ---------------------------------------------------------------------------------------------

ImdsCredentialsSource::ImdsCredentialsSource(ImdsSettings settings)
    : settings_(std::move(settings)) {
  while (settings_.endpoint.ends_with('/'))
    settings_.endpoint.pop_back();
  metadata::parse_url(settings_.endpoint);  // throws std::invalid_argument
}

asio::awaitable<TemporaryCredentials> ImdsCredentialsSource::fetch() {
  const metadata::Options options{.timeout = settings_.timeout, .max_body = kMaxAnswer};
  const auto at = [&](std::string_view path) {
    return metadata::parse_url(settings_.endpoint + std::string(path));
  };

  // Named, not a braced list in the co_await: GCC 12 cannot keep an initializer_list's array in
  // a coroutine frame.
  std::vector<std::pair<std::string, std::string>> ttl = {
      {"X-aws-ec2-metadata-token-ttl-seconds", std::string(kImdsTokenTtlSeconds)}};
  const auto token =
      co_await ask(*this, verb::put, at("/latest/api/token"), std::move(ttl), options);
  if (token.status != 200) throw_status(*this, "PUT /latest/api/token", token.status);
  const auto session = trim(token.body);
  if (session.empty() || !header_safe(session)) {
    throw CredentialsError(describe() + " gave an unusable session token");
  }
  const std::vector<std::pair<std::string, std::string>> with_token = {
      {"X-aws-ec2-metadata-token", session}};

  constexpr std::string_view kRoles = "/latest/meta-data/iam/security-credentials/";
  const auto roles = co_await ask(*this, verb::get, at(kRoles), with_token, options);
  if (roles.status == 404) {
    throw CredentialsError(describe() + ": this instance has no IAM role (instance profile)");
  }
  if (roles.status != 200) throw_status(*this, "GET the role name", roles.status);
  const auto role = trim(roles.body.substr(0, roles.body.find('\n')));
  // IAM role names: letters, digits and +=,.@_-
  if (role.empty() ||
      role.find_first_not_of(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=,.@_-") !=
          std::string::npos) {
    throw CredentialsError(describe() + " gave no usable role name");
  }

  const auto keys =
      co_await ask(*this, verb::get, at(std::string(kRoles) + role), with_token, options);
  if (keys.status != 200) throw_status(*this, "GET the role's credentials", keys.status);
  co_return parse_from(*this, keys.body);
}

// ---------------------------------------------------------------------------------------------

// A fetch under way. Callers that need its outcome wait on the timer, which the fetch cancels
// when it ends; timer and state live on the strand.
struct RefreshingCredentials::Flight {
  explicit Flight(const asio::strand<asio::any_io_executor>& strand)
      : done(strand, asio::steady_timer::time_point::max()) {}
  asio::steady_timer done;
};

std::shared_ptr<RefreshingCredentials> RefreshingCredentials::make(
    asio::any_io_executor executor, std::unique_ptr<CredentialsSource> source, RefreshPolicy policy,
    Clock clock) {
  return std::shared_ptr<RefreshingCredentials>(
      new RefreshingCredentials(std::move(executor), std::move(source), policy, std::move(clock)));
}

RefreshingCredentials::RefreshingCredentials(asio::any_io_executor executor,
                                             std::unique_ptr<CredentialsSource> source,
                                             RefreshPolicy policy, Clock clock)
    : strand_(asio::make_strand(std::move(executor))),
      source_(std::move(source)),
      policy_(policy),
      clock_(clock ? std::move(clock) : Clock([] { return system_clock::now(); })) {}

int RefreshingCredentials::fetches() const {
  std::lock_guard lock(mutex_);
  return fetches_;
}

asio::awaitable<sigv4::Credentials> RefreshingCredentials::current() {
  // Not a coroutine itself: GCC 12 loses track of `this` in a lambda capture inside one.
  {
    std::lock_guard lock(mutex_);
    if (cached_ && clock_() < cached_->refresh_after) return ready(cached_->credentials.keys);
  }
  return asio::co_spawn(
      strand_, [self = shared_from_this()] { return self->current_on_strand(); },
      asio::use_awaitable);
}

asio::awaitable<sigv4::Credentials> RefreshingCredentials::current_on_strand() {
  const auto now = clock_();
  std::optional<Cached> cached;
  {
    std::lock_guard lock(mutex_);
    cached = cached_;
  }
  if (cached && now < cached->credentials.expiration) {
    // Due for refresh but still good: the caller need not wait for the fetch.
    if (now >= cached->refresh_after && !flight_ && now >= retry_after_) start_fetch();
    co_return cached->credentials.keys;
  }
  if (!flight_) {
    if (now < retry_after_) throw unavailable();  // the last fetch failed a moment ago
    start_fetch();
  }
  const auto flight = flight_;
  co_await flight->done.async_wait(asio::as_tuple(asio::use_awaitable));
  {
    std::lock_guard lock(mutex_);
    if (cached_ && clock_() < cached_->credentials.expiration) co_return cached_->credentials.keys;
  }
  throw unavailable();
}

void RefreshingCredentials::start_fetch() {
  flight_ = std::make_shared<Flight>(strand_);
  {
    std::lock_guard lock(mutex_);
    ++fetches_;
  }
  asio::co_spawn(
      strand_,
      [self = shared_from_this(), flight = flight_] { return self->fetch_and_store(flight); },
      asio::detached);
}

asio::awaitable<void> RefreshingCredentials::fetch_and_store(std::shared_ptr<Flight> flight) {
  std::optional<TemporaryCredentials> fresh;
  std::string error;
  try {
    fresh = co_await source_->fetch();
  } catch (const CredentialsError& e) {
    error = e.what();
  } catch (const std::exception& e) {
    error = source_->describe() + ": " + e.what();
  }
  const auto now = clock_();
  if (fresh && fresh->expiration <= now) {
    error = source_->describe() + " gave credentials that have expired already";
    fresh.reset();
  }
  if (fresh) {
    const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(fresh->expiration - now);
    const auto ahead = std::min(policy_.ahead, lifetime / 2);
    const auto expiration = fresh->expiration;
    {
      std::lock_guard lock(mutex_);
      cached_ = Cached{std::move(*fresh), expiration - ahead};
    }
    backoff_ = {};
    retry_after_ = {};
    last_error_.clear();
    log::info("AWS credentials fetched",
              {{"source", source_->describe()}, {"expires", format_utc_time(expiration)}});
  } else {
    backoff_ =
        backoff_.count() == 0 ? policy_.first_backoff : std::min(backoff_ * 2, policy_.max_backoff);
    retry_after_ = now + backoff_;
    last_error_ = error;
    bool still_valid = false;
    {
      std::lock_guard lock(mutex_);
      still_valid = cached_ && now < cached_->credentials.expiration;
    }
    log::warn("AWS credentials could not be fetched", {{"error", error},
                                                       {"retry_in_ms", backoff_.count()},
                                                       {"keeping_valid_credentials", still_valid}});
  }
  flight->done.cancel();
  flight_.reset();
}

CredentialsError RefreshingCredentials::unavailable() const {
  return CredentialsError("no valid AWS credentials: " +
                          (last_error_.empty() ? source_->describe() + " gave none" : last_error_));
}

}  // namespace sn::storage::aws
