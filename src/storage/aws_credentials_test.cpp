// Temporary AWS credentials: parsing, the ECS container endpoint, IMDSv2, caching and refresh, and
// the S3 store signing with whatever the provider holds now.
//
// The real metadata services (169.254.170.2, 169.254.169.254) cannot run on a test machine, so a
// small HTTP server on loopback (StandIn below) plays them: it answers as each test says and
// records every request it gets. The same server also stands in for S3 in the last tests, so that
// they can see the X-Amz-Security-Token each request was signed with.

#include "storage/aws_credentials.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>

#include "core/random.hpp"
#include "storage/metadata_http.hpp"
#include "storage/s3_store.hpp"

namespace sn::storage::aws {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
using asio::ip::tcp;
using namespace std::chrono_literals;
using Request = bhttp::request<bhttp::string_body>;

struct Answer {
  unsigned status = 200;
  std::string body;
  std::chrono::milliseconds delay{0};  // before answering
};

// A loopback HTTP/1.1 server on a thread of its own, standing in for a metadata service (and, in
// the S3 tests, for S3).
class StandIn {
 public:
  using Handler = std::function<Answer(const Request&)>;

  explicit StandIn(Handler handler)
      : handler_(std::move(handler)), acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    asio::co_spawn(ioc_, accept(), asio::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~StandIn() {
    ioc_.stop();
    thread_.join();
  }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::string url(std::string_view path = "") const {
    return "http://127.0.0.1:" + std::to_string(port()) + std::string(path);
  }
  std::vector<Request> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::size_t count() const { return requests().size(); }

 private:
  asio::awaitable<void> accept() {
    for (;;) {
      auto socket = co_await acceptor_.async_accept(asio::use_awaitable);
      asio::co_spawn(ioc_, serve(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> serve(tcp::socket socket) {
    beast::flat_buffer buffer;
    try {
      for (;;) {
        Request request;
        co_await bhttp::async_read(socket, buffer, request, asio::use_awaitable);
        Answer answer;
        {
          std::lock_guard lock(mutex_);
          requests_.push_back(request);
          answer = handler_(request);
        }
        if (answer.delay.count() > 0) {
          asio::steady_timer wait(ioc_, answer.delay);
          co_await wait.async_wait(asio::use_awaitable);
        }
        bhttp::response<bhttp::string_body> response(static_cast<bhttp::status>(answer.status), 11);
        response.body() = answer.body;
        response.keep_alive(request.keep_alive());
        response.prepare_payload();
        co_await bhttp::async_write(socket, response, asio::use_awaitable);
        if (!request.keep_alive()) break;
      }
    } catch (const std::exception&) {
      // The client went away.
    }
  }

  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<Request> requests_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::thread thread_;
};

template <typename T>
T run(asio::io_context& ioc, asio::awaitable<T> task) {
  auto future = asio::co_spawn(ioc, std::move(task), asio::use_future);
  ioc.restart();
  ioc.run();
  return future.get();
}

template <typename T>
T run(asio::awaitable<T> task) {
  asio::io_context ioc;
  return run(ioc, std::move(task));
}

// The test clock's start: credentials expire relative to it.
const std::chrono::system_clock::time_point kStart =
    std::chrono::sys_days(std::chrono::year{2026} / 11 / 26) + 12h;

std::string credentials_json(const std::string& id, const std::string& secret,
                             const std::string& token,
                             std::chrono::system_clock::time_point expiration) {
  return R"({"RoleArn":"arn:aws:iam::123456789012:role/skillnexus","AccessKeyId":")" + id +
         R"(","SecretAccessKey":")" + secret + R"(","Token":")" + token + R"(","Expiration":")" +
         format_utc_time(expiration) + R"("})";
}

std::string header(const Request& request, std::string_view name) {
  return std::string(request[name]);
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const CredentialsError& e) {
    return e.what();
  }
  return "(no CredentialsError)";
}

// ---------------------------------------------------------------------------------------------
// Parsing

TEST(AwsCredentials, ParsesTheMetadataAnswer) {
  const auto parsed = parse_credentials(R"({"Code": "Success", "Type": "AWS-HMAC",
      "AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "s3cr3t", "Token": "tok",
      "Expiration": "2026-11-26T13:00:00Z", "LastUpdated": "2026-11-26T12:00:00Z"})");
  EXPECT_EQ(parsed.keys.access_key_id, "ASIAEXAMPLE");
  EXPECT_EQ(parsed.keys.secret_access_key, "s3cr3t");
  EXPECT_EQ(parsed.keys.session_token, "tok");
  EXPECT_EQ(parsed.expiration, kStart + 1h);
  // The container endpoint has no Code.
  EXPECT_EQ(parse_credentials(credentials_json("A", "S", "T", kStart)).expiration, kStart);
}

TEST(AwsCredentials, ParsesExpirationTimes) {
  EXPECT_EQ(parse_utc_time("2026-11-26T12:00:00Z"), kStart);
  EXPECT_EQ(format_utc_time(kStart + 1500ms), "2026-11-26T12:00:01Z");
  EXPECT_EQ(parse_utc_time(format_utc_time(kStart)), kStart);
  EXPECT_EQ(parse_utc_time("2026-11-26T12:00:00.123Z"), kStart);
  EXPECT_EQ(parse_utc_time("2026-11-26T13:30:00+01:30"), kStart);
  EXPECT_EQ(parse_utc_time("2026-11-26T10:00:00-02:00"), kStart);
  for (const auto* bad :
       {"", "2026-11-26", "2026-11-26T12:00:00", "2026-02-30T12:00:00Z", "2026-11-26T25:00:00Z",
        "2026-11-26 12:00:00Z", "2026-11-26T12:00:00.Z", "2026-11-26T12:00:00+0100", "tomorrow"}) {
    EXPECT_FALSE(parse_utc_time(bad)) << bad;
  }
}

TEST(AwsCredentials, RefusesAnswersThatAreNotCredentials) {
  const std::string good = credentials_json("AKID", "SECRETVALUE", "TOKENVALUE", kStart);
  const std::pair<std::string, std::string> cases[] = {
      {"not json", "not a JSON object"},
      {"[1, 2]", "not a JSON object"},
      {R"({"AccessKeyId":"AKID","Token":"TOKENVALUE","Expiration":"2026-11-26T12:00:00Z"})",
       "no SecretAccessKey"},
      {R"({"SecretAccessKey":"SECRETVALUE","Token":"T","Expiration":"2026-11-26T12:00:00Z"})",
       "no AccessKeyId"},
      {R"({"AccessKeyId":"AKID","SecretAccessKey":"SECRETVALUE","Expiration":"2026-11-26T12:00:00Z"})",
       "no Token"},
      {R"({"AccessKeyId":"AKID","SecretAccessKey":"SECRETVALUE","Token":"TOKENVALUE"})",
       "no Expiration"},
      {R"({"AccessKeyId":"","SecretAccessKey":"SECRETVALUE","Token":"T","Expiration":"2026-11-26T12:00:00Z"})",
       "no AccessKeyId"},
      {R"({"AccessKeyId":7,"SecretAccessKey":"SECRETVALUE","Token":"T","Expiration":"2026-11-26T12:00:00Z"})",
       "no AccessKeyId"},
      {R"({"AccessKeyId":"AKID","SecretAccessKey":"SECRETVALUE","Token":"TOKENVALUE","Expiration":"soon"})",
       "Expiration is not"},
      {R"({"Code":"AssumeRoleUnauthorizedAccess","AccessKeyId":"AKID","SecretAccessKey":"SECRETVALUE","Token":"TOKENVALUE","Expiration":"2026-11-26T12:00:00Z"})",
       "Code is not Success"},
  };
  for (const auto& [body, expected] : cases) {
    const auto message = error_of([&] { parse_credentials(body); });
    EXPECT_NE(message.find(expected), std::string::npos) << body << " -> " << message;
    EXPECT_EQ(message.find("SECRETVALUE"), std::string::npos) << message;
    EXPECT_EQ(message.find("TOKENVALUE"), std::string::npos) << message;
  }
  EXPECT_NO_THROW(parse_credentials(good));
}

// ---------------------------------------------------------------------------------------------
// Which container endpoints plain http may reach

TEST(AwsCredentials, ContainerEndpointHostsAreRestricted) {
  const auto address = [](const char* text) { return asio::ip::make_address(text); };
  for (const auto* allowed : {"127.0.0.1", "127.1.2.3", "::1", "169.254.170.2", "169.254.170.23",
                              "fd00:ec2::23", "::ffff:169.254.170.2"}) {
    EXPECT_TRUE(container_address_allowed(address(allowed))) << allowed;
  }
  for (const auto* refused : {"169.254.169.254", "169.254.170.3", "10.0.0.1", "8.8.8.8",
                              "fd00:ec2::24", "::ffff:10.0.0.1", "0.0.0.0"}) {
    EXPECT_FALSE(container_address_allowed(address(refused))) << refused;
  }

  for (const auto* ok :
       {"http://169.254.170.2/v2/credentials/abc", "http://169.254.170.23/v1/credentials",
        "http://[fd00:ec2::23]/v1/credentials", "http://127.0.0.1:8080/creds", "http://[::1]/creds",
        "http://localhost:9000/creds", "https://creds.example.com/x", "https://10.0.0.1/x"}) {
    EXPECT_NO_THROW(check_container_url(ok)) << ok;
  }
  for (const auto* bad :
       {"http://10.0.0.1/creds", "http://169.254.169.254/latest", "http://8.8.8.8/",
        "ftp://127.0.0.1/creds", "/v2/credentials", "http://user@127.0.0.1/creds"}) {
    EXPECT_THROW(check_container_url(bad), std::invalid_argument) << bad;
    EXPECT_THROW(ContainerCredentialsSource({.url = bad}), std::invalid_argument) << bad;
  }
}

TEST(AwsCredentials, AHostNameOverHttpMustResolveToAnAllowedAddress) {
  // localhost resolves to loopback: allowed. The same check refuses what it is told to refuse.
  StandIn stand_in([](const Request&) { return Answer{200, "{}"}; });
  const auto url = metadata::parse_url("http://localhost:" + std::to_string(stand_in.port()));
  metadata::Options options{.allowed_address = container_address_allowed};
  EXPECT_EQ(run(metadata::request(bhttp::verb::get, url, {}, options)).status, 200u);
  options.allowed_address = [](const asio::ip::address&) { return false; };
  EXPECT_THROW(run(metadata::request(bhttp::verb::get, url, {}, options)),
               metadata::TransportError);
  EXPECT_EQ(stand_in.count(), 1u);  // nothing was sent the second time
}

// ---------------------------------------------------------------------------------------------
// The ECS container credentials endpoint

TEST(AwsCredentials, ContainerSourceFetchesWithTheAuthorizationToken) {
  StandIn stand_in([](const Request& request) {
    if (request.target() != "/v2/credentials/task") return Answer{404, "{}"};
    return Answer{200, credentials_json("ASIA1", "secret1", "token1", kStart + 1h)};
  });
  ContainerCredentialsSource source(
      {.url = stand_in.url("/v2/credentials/task"), .authorization = "Bearer from-env"});
  const auto fetched = run(source.fetch());
  EXPECT_EQ(fetched.keys.access_key_id, "ASIA1");
  EXPECT_EQ(fetched.keys.secret_access_key, "secret1");
  EXPECT_EQ(fetched.keys.session_token, "token1");
  EXPECT_EQ(fetched.expiration, kStart + 1h);
  ASSERT_EQ(stand_in.count(), 1u);
  EXPECT_EQ(stand_in.requests()[0].method(), bhttp::verb::get);
  EXPECT_EQ(header(stand_in.requests()[0], "Authorization"), "Bearer from-env");

  // Without a token, no header at all.
  ContainerCredentialsSource anonymous({.url = stand_in.url("/v2/credentials/task")});
  run(anonymous.fetch());
  EXPECT_EQ(stand_in.requests()[1].count(bhttp::field::authorization), 0u);
}

TEST(AwsCredentials, TheTokenFileWinsAndIsReadAtEveryFetch) {
  StandIn stand_in([](const Request&) {
    return Answer{200, credentials_json("ASIA1", "secret1", "token1", kStart + 1h)};
  });
  const auto file = fs::temp_directory_path() / ("sn-token-" + random_hex(6));
  std::ofstream(file) << "first-token\n";
  ContainerCredentialsSource source({.url = stand_in.url("/creds"),
                                     .authorization = "from-env",
                                     .authorization_file = file.string()});
  run(source.fetch());
  std::ofstream(file) << "rotated-token";
  run(source.fetch());
  fs::remove(file);
  const auto message = error_of([&] { run(source.fetch()); });
  EXPECT_NE(message.find("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"), std::string::npos)
      << message;
  const auto seen = stand_in.requests();
  ASSERT_EQ(seen.size(), 2u);  // an unreadable file sends nothing
  EXPECT_EQ(header(seen[0], "Authorization"), "first-token");
  EXPECT_EQ(header(seen[1], "Authorization"), "rotated-token");
}

TEST(AwsCredentials, ContainerErrorsSayWhatWentWrongButNoSecret) {
  std::atomic<int> mode = 0;
  StandIn stand_in([&](const Request&) -> Answer {
    switch (mode.load()) {
      case 0:
        return {403, R"({"code":"AccessDenied","message":"no"})"};
      case 1:
        return {500, "oops"};
      case 2:
        return {200, "<html>not json</html>"};
      case 3:
        return {200, R"({"AccessKeyId":"ASIA1","SecretAccessKey":"SECRETVALUE"})"};
      case 4:
        return {200, std::string(100 * 1024, ' ')};
      default:
        return {200, credentials_json("ASIA1", "SECRETVALUE", "TOKENVALUE", kStart + 1h), 3000ms};
    }
  });
  ContainerCredentialsSource source(
      {.url = stand_in.url("/creds"), .authorization = "AUTHVALUE", .timeout = 300ms});
  const std::string expected[] = {"answered HTTP 403", "answered HTTP 500", "not a JSON object",
                                  "no Token",          "did not answer",    "no answer in time"};
  for (int i = 0; i < 6; ++i) {
    mode = i;
    const auto message = error_of([&] { run(source.fetch()); });
    EXPECT_NE(message.find(expected[i]), std::string::npos) << i << ": " << message;
    EXPECT_NE(message.find("ECS container credentials endpoint"), std::string::npos) << message;
    for (const auto* secret : {"SECRETVALUE", "TOKENVALUE", "AUTHVALUE"}) {
      EXPECT_EQ(message.find(secret), std::string::npos) << message;
    }
  }

  // Nobody listening.
  ContainerCredentialsSource closed({.url = "http://127.0.0.1:1/creds", .timeout = 300ms});
  EXPECT_NE(error_of([&] { run(closed.fetch()); }).find("did not answer"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// EC2 IMDSv2

// IMDSv2 as EC2 runs it: a session token from PUT, required by every GET.
Answer imds(const Request& request, const std::string& role, const std::string& keys_json) {
  constexpr std::string_view kToken = "imds-session-token";
  if (request.method() == bhttp::verb::put && request.target() == "/latest/api/token") {
    if (request["X-aws-ec2-metadata-token-ttl-seconds"].empty()) return {400, ""};
    return {200, std::string(kToken)};
  }
  if (request.method() != bhttp::verb::get) return {405, ""};
  if (request["X-aws-ec2-metadata-token"] != kToken) return {401, ""};
  if (request.target() == "/latest/meta-data/iam/security-credentials/") {
    return role.empty() ? Answer{404, ""} : Answer{200, role};
  }
  if (request.target() == "/latest/meta-data/iam/security-credentials/" + role) {
    return {200, keys_json};
  }
  return {404, ""};
}

TEST(AwsCredentials, ImdsTakesASessionTokenThenTheRoleThenItsKeys) {
  const auto keys =
      R"({"Code":"Success","LastUpdated":"2026-11-26T12:00:00Z","Type":"AWS-HMAC",)"
      R"("AccessKeyId":"ASIAIMDS","SecretAccessKey":"imds-secret","Token":"imds-tok",)"
      R"("Expiration":"2026-11-26T18:00:00Z"})";
  StandIn stand_in([&](const Request& request) { return imds(request, "skillnexus-role", keys); });
  ImdsCredentialsSource source({.endpoint = stand_in.url("/")});  // a trailing slash is fine
  const auto fetched = run(source.fetch());
  EXPECT_EQ(fetched.keys.access_key_id, "ASIAIMDS");
  EXPECT_EQ(fetched.keys.secret_access_key, "imds-secret");
  EXPECT_EQ(fetched.keys.session_token, "imds-tok");
  EXPECT_EQ(fetched.expiration, kStart + 6h);

  const auto seen = stand_in.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].method(), bhttp::verb::put);
  EXPECT_EQ(seen[0].target(), "/latest/api/token");
  EXPECT_EQ(header(seen[0], "X-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(seen[1].target(), "/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(seen[2].target(), "/latest/meta-data/iam/security-credentials/skillnexus-role");
  for (const auto i : {1, 2}) {
    EXPECT_EQ(seen[i].method(), bhttp::verb::get);
    EXPECT_EQ(header(seen[i], "X-aws-ec2-metadata-token"), "imds-session-token");
  }
}

TEST(AwsCredentials, ImdsErrorsNameTheStep) {
  std::string role;
  std::string keys = "{}";
  bool refuse_token = false;
  StandIn stand_in([&](const Request& request) {
    if (refuse_token) return Answer{403, ""};
    return imds(request, role, keys);
  });
  ImdsCredentialsSource source({.endpoint = stand_in.url()});
  EXPECT_NE(error_of([&] { run(source.fetch()); }).find("has no IAM role"), std::string::npos);
  role = "skillnexus-role";
  EXPECT_NE(error_of([&] { run(source.fetch()); }).find("no AccessKeyId"), std::string::npos);
  role = "../../user-data";
  EXPECT_NE(error_of([&] { run(source.fetch()); }).find("no usable role name"), std::string::npos);
  refuse_token = true;
  const auto message = error_of([&] { run(source.fetch()); });
  EXPECT_NE(message.find("instance metadata service answered HTTP 403 to PUT /latest/api/token"),
            std::string::npos)
      << message;
}

// ---------------------------------------------------------------------------------------------
// Caching and refresh

// A container endpoint whose answers the test changes, and a clock it moves.
class RefreshTest : public ::testing::Test {
 protected:
  RefreshTest()
      : stand_in_([this](const Request&) {
          std::lock_guard lock(mutex_);
          ++served_;
          return answer_;
        }) {
    set_keys("ASIA1", kStart + 1h);
  }

  void set_keys(const std::string& id, std::chrono::system_clock::time_point expiration,
                std::chrono::milliseconds delay = 0ms) {
    std::lock_guard lock(mutex_);
    answer_ = {200, credentials_json(id, "secret-of-" + id, "token-of-" + id, expiration), delay};
  }
  void set_failure(unsigned status) {
    std::lock_guard lock(mutex_);
    answer_ = {status, "{}"};
  }

  std::shared_ptr<RefreshingCredentials> make_provider() {
    return RefreshingCredentials::make(
        ioc_.get_executor(),
        std::make_unique<ContainerCredentialsSource>(
            ContainerSettings{.url = stand_in_.url("/creds"), .timeout = 1000ms}),
        {.ahead = 300s, .first_backoff = 10s, .max_backoff = 40s},
        [this] { return kStart + std::chrono::seconds(now_.load()); });
  }

  std::string current_id(RefreshingCredentials& provider) {
    return run(ioc_, provider.current()).access_key_id;
  }
  // Runs the io_context until a background fetch has ended (run() does so too: it returns once
  // the io_context is out of work), then checks how many there were.
  void settle(RefreshingCredentials& provider, int fetches) {
    ioc_.restart();
    ioc_.run();
    EXPECT_EQ(provider.fetches(), fetches);
  }
  void advance_to(std::chrono::seconds since_start) { now_ = since_start.count(); }

  asio::io_context ioc_;
  std::mutex mutex_;
  Answer answer_;
  int served_ = 0;
  std::atomic<long long> now_ = 0;
  StandIn stand_in_;
};

TEST_F(RefreshTest, ManyCallsMakeOneFetch) {
  auto provider = make_provider();
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(current_id(*provider), "ASIA1");
  EXPECT_EQ(stand_in_.count(), 1u);
  EXPECT_EQ(provider->fetches(), 1);
  const auto keys = run(ioc_, provider->current());
  EXPECT_EQ(keys.secret_access_key, "secret-of-ASIA1");
  EXPECT_EQ(keys.session_token, "token-of-ASIA1");
}

TEST_F(RefreshTest, ConcurrentCallersShareOneFetch) {
  set_keys("ASIA1", kStart + 1h, 200ms);  // slow, so that every caller arrives during the fetch
  auto provider = make_provider();
  std::vector<std::future<sigv4::Credentials>> results;
  for (int i = 0; i < 10; ++i)
    results.push_back(asio::co_spawn(ioc_, provider->current(), asio::use_future));
  // From two threads, as the server's io_context runs.
  std::thread other([this] { ioc_.run(); });
  ioc_.run();
  other.join();
  for (auto& result : results)
    EXPECT_EQ(result.get().access_key_id, "ASIA1");
  EXPECT_EQ(stand_in_.count(), 1u);
}

TEST_F(RefreshTest, KeysAreRefreshedBeforeTheyExpire) {
  auto provider = make_provider();
  EXPECT_EQ(current_id(*provider), "ASIA1");  // expires at +60 min: refreshed from +55 min
  set_keys("ASIA2", kStart + 2h);
  advance_to(54min);
  EXPECT_EQ(current_id(*provider), "ASIA1");
  EXPECT_EQ(stand_in_.count(), 1u);

  advance_to(56min);
  // Still valid: this caller gets them at once, and a fetch starts behind it.
  EXPECT_EQ(current_id(*provider), "ASIA1");
  settle(*provider, 2);
  EXPECT_EQ(current_id(*provider), "ASIA2");
  EXPECT_EQ(stand_in_.count(), 2u);

  // Short-lived keys are refreshed halfway through.
  set_keys("ASIA3", kStart + 120min);  // fetched at 116 min: 4 min to live
  advance_to(116min);                  // ASIA2 is due (2 h - 5 min = 115 min)
  EXPECT_EQ(current_id(*provider), "ASIA2");
  settle(*provider, 3);
  EXPECT_EQ(current_id(*provider), "ASIA3");
  set_keys("ASIA4", kStart + 3h);
  advance_to(116min + 110s);  // due halfway, at 118 min
  EXPECT_EQ(current_id(*provider), "ASIA3");
  EXPECT_EQ(provider->fetches(), 3);
  advance_to(118min + 10s);
  EXPECT_EQ(current_id(*provider), "ASIA3");
  settle(*provider, 4);
  EXPECT_EQ(current_id(*provider), "ASIA4");
}

TEST_F(RefreshTest, AFailedRefreshKeepsTheOldKeysAndRetriesWithBackoff) {
  auto provider = make_provider();
  EXPECT_EQ(current_id(*provider), "ASIA1");
  set_failure(500);
  advance_to(56min);
  EXPECT_EQ(current_id(*provider), "ASIA1");
  settle(*provider, 2);
  EXPECT_EQ(current_id(*provider), "ASIA1");  // the failure kept them
  advance_to(56min + 5s);                     // within the 10 s backoff: no new fetch
  EXPECT_EQ(current_id(*provider), "ASIA1");
  EXPECT_EQ(provider->fetches(), 2);
  advance_to(56min + 11s);
  EXPECT_EQ(current_id(*provider), "ASIA1");
  settle(*provider, 3);  // the retry, failed again: the next wait is 20 s
  advance_to(56min + 25s);
  EXPECT_EQ(current_id(*provider), "ASIA1");
  EXPECT_EQ(provider->fetches(), 3);

  // Past their expiry with the endpoint still failing: the call fails, and says why.
  advance_to(61min);
  const auto message = error_of([&] { run(ioc_, provider->current()); });
  EXPECT_NE(message.find("no valid AWS credentials"), std::string::npos) << message;
  EXPECT_NE(message.find("HTTP 500"), std::string::npos) << message;
  EXPECT_EQ(message.find("secret-of"), std::string::npos) << message;
  EXPECT_EQ(provider->fetches(), 4);
  // Within the backoff the next caller fails at once, without a fetch.
  advance_to(61min + 1s);
  EXPECT_NE(error_of([&] { run(ioc_, provider->current()); }).find("HTTP 500"), std::string::npos);
  EXPECT_EQ(provider->fetches(), 4);

  // The endpoint is back: the next fetch after the backoff succeeds.
  set_keys("ASIA2", kStart + 2h);
  advance_to(63min);
  EXPECT_EQ(current_id(*provider), "ASIA2");
  EXPECT_EQ(provider->fetches(), 5);
}

TEST_F(RefreshTest, KeysThatHaveExpiredAlreadyAreRefused) {
  set_keys("ASIA1", kStart - 1s);
  auto provider = make_provider();
  const auto message = error_of([&] { run(ioc_, provider->current()); });
  EXPECT_NE(message.find("expired already"), std::string::npos) << message;
}

// ---------------------------------------------------------------------------------------------
// The S3 store signs each request with the provider's current keys

TEST_F(RefreshTest, TheS3StoreSignsWithTheCurrentKeys) {
  // One stand-in plays the container endpoint (/creds) and S3 (everything else).
  std::atomic<int> keys_version = 1;
  StandIn both([&](const Request& request) {
    if (request.target() == "/creds") {
      const auto n = std::to_string(keys_version.load());
      return Answer{200, credentials_json("ASIA" + n, "secret-" + n, "token-" + n,
                                          kStart + 1h * keys_version.load())};
    }
    return Answer{204, ""};  // DeleteObject
  });
  auto provider = RefreshingCredentials::make(
      ioc_.get_executor(),
      std::make_unique<ContainerCredentialsSource>(ContainerSettings{.url = both.url("/creds")}),
      {}, [this] { return kStart + std::chrono::seconds(now_.load()); });
  S3Store store(ioc_.get_executor(), {.endpoint = both.url(),
                                      .region = "eu-west-1",
                                      .path_style = true,
                                      .credentials = {"STATIC-KEY-NEVER-USED", "x", ""},
                                      .credentials_provider = provider,
                                      .bucket_names = {{Bucket::videos, "sn-videos"},
                                                       {Bucket::assets, "sn-assets"},
                                                       {Bucket::uploads, "sn-uploads"}}});
  run(ioc_, store.remove(Bucket::assets, "a/b"));
  keys_version = 2;
  advance_to(58min);  // due: this request still goes with version 1, and a refresh starts
  run(ioc_, store.remove(Bucket::assets, "a/c"));
  settle(*provider, 2);
  run(ioc_, store.remove(Bucket::assets, "a/d"));

  std::vector<std::pair<std::string, std::string>> signed_with;  // (token, credential scope)
  for (const auto& request : both.requests()) {
    if (request.target() == "/creds") continue;
    const auto authorization = header(request, "Authorization");
    const auto credential = authorization.substr(authorization.find("Credential=") + 11);
    signed_with.emplace_back(header(request, "X-Amz-Security-Token"),
                             credential.substr(0, credential.find('/')));
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"token-1", "ASIA1"}, {"token-1", "ASIA1"}, {"token-2", "ASIA2"}};
  EXPECT_EQ(signed_with, expected);
}

TEST_F(RefreshTest, AnS3CallWithoutValidKeysFailsClearly) {
  set_failure(503);
  StandIn s3([](const Request&) { return Answer{204, ""}; });
  S3Store store(ioc_.get_executor(), {.endpoint = s3.url(),
                                      .region = "eu-west-1",
                                      .path_style = true,
                                      .credentials_provider = make_provider(),
                                      .bucket_names = {{Bucket::videos, "sn-videos"},
                                                       {Bucket::assets, "sn-assets"},
                                                       {Bucket::uploads, "sn-uploads"}}});
  const auto message = error_of([&] { run(ioc_, store.remove(Bucket::assets, "a/b")); });
  EXPECT_NE(message.find("S3 DELETE sn-assets/a/b: no valid AWS credentials"), std::string::npos)
      << message;
  EXPECT_NE(message.find("HTTP 503"), std::string::npos) << message;
  EXPECT_EQ(s3.count(), 0u);  // nothing unsigned went to S3
}

}  // namespace
}  // namespace sn::storage::aws
