#include "http/pipeline.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>

namespace sn::http {
namespace {

namespace asio = boost::asio;
using boost::beast::http::field;

TEST(RequestId, AcceptsWellFormedAndReplacesTheRest) {
  EXPECT_EQ(accept_or_generate_request_id("abc-123_x.y:z"), "abc-123_x.y:z");
  EXPECT_EQ(accept_or_generate_request_id("").size(), 32u);
  EXPECT_EQ(accept_or_generate_request_id("bad id").size(), 32u);
  EXPECT_EQ(accept_or_generate_request_id("line\r\nInjected: 1").size(), 32u);
  EXPECT_EQ(accept_or_generate_request_id(std::string(129, 'a')).size(), 32u);
  EXPECT_NE(accept_or_generate_request_id(""), accept_or_generate_request_id(""));
}

TEST(ProblemResponse, CarriesExtensionMembersButNeverLetsThemReplaceTheStandardOnes) {
  const auto res = problem_response(error_info(Errc::course_incomplete), "Fix them.", "/x", "r1",
                                    R"({"problems": [{"field": "summary"}], "code": "other"})");
  EXPECT_EQ(res.result(), boost::beast::http::status::unprocessable_entity);
  EXPECT_EQ(res[field::content_type], "application/problem+json");
  const auto body = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(body.at("code").as_string(), "course_incomplete");
  EXPECT_EQ(body.at("detail").as_string(), "Fix them.");
  EXPECT_EQ(body.at("problems").as_array().at(0).at("field").as_string(), "summary");
  const auto plain = problem_response(error_info(Errc::not_found), "", "/x", "r1");
  EXPECT_FALSE(boost::json::parse(plain.body()).as_object().contains("problems"));
}

TEST(ForwardedFor, JoinsEveryHeaderLineInOrder) {
  Request req{Verb::get, "/", 11};
  req.insert("X-Forwarded-For", "6.6.6.6");       // the client's own line
  req.insert("X-Forwarded-For", "198.51.100.4");  // appended by the proxy
  EXPECT_EQ(forwarded_for(req), "6.6.6.6, 198.51.100.4");
  TrustedProxies trusted;
  std::string error;
  trusted = *TrustedProxies::parse("10.0.0.1", error);
  EXPECT_EQ(
      client_address(asio::ip::make_address("10.0.0.1"), forwarded_for(req), trusted).to_string(),
      "198.51.100.4");
}

TEST(SecurityHeaders, MediaFromACdnIsAllowedWhereThePlayerNeedsIt) {
  const auto own = content_security_policy("");
  EXPECT_NE(own.find("media-src 'self' blob:;"), std::string::npos) << own;
  EXPECT_NE(own.find("worker-src 'self' blob:"), std::string::npos);
  const auto cdn = content_security_policy("https://cdn.example.com");
  EXPECT_NE(cdn.find("media-src 'self' blob: https://cdn.example.com;"), std::string::npos) << cdn;
  EXPECT_NE(cdn.find("connect-src 'self' https://cdn.example.com;"), std::string::npos);
  EXPECT_NE(cdn.find("script-src 'self';"), std::string::npos);  // never scripts from it
}

TEST(SecurityHeaders, HstsOnlyForHttps) {
  Response plain;
  apply_security_headers(plain, false, content_security_policy(""));
  EXPECT_EQ(plain.find(field::strict_transport_security), plain.end());
  EXPECT_EQ(plain[field::cache_control], "no-store");
  Response secure;
  secure.set(field::cache_control, "public, max-age=60");
  apply_security_headers(secure, true, content_security_policy(""));
  EXPECT_EQ(secure[field::strict_transport_security], "max-age=31536000; includeSubDomains");
  EXPECT_EQ(secure[field::cache_control], "public, max-age=60");  // the handler's choice stays
}

class PipelineTest : public testing::Test {
 protected:
  Response handle(Verb method, std::string target, std::string role = "") {
    Request req{method, target, 11};
    if (!role.empty()) req.set("X-Test-Role", role);
    auto match = router_.match(method, target);
    asio::io_context ioc;
    auto future = asio::co_spawn(
        ioc,
        pipeline_->handle(req, std::move(match), asio::ip::make_address("127.0.0.1"), Clock::now()),
        asio::use_future);
    ioc.run();
    return future.get();
  }

  PipelineTest() {
    router_.get("/boom", Access::anyone(), [](RequestContext&) -> asio::awaitable<Response> {
      throw std::runtime_error("secret internal detail: password=hunter2");
      co_return Response{};
    });
    router_.get("/conflict", Access::anyone(), [](RequestContext&) -> asio::awaitable<Response> {
      throw Error(Errc::conflict, "That slug is taken.");
      co_return Response{};
    });
    router_.get("/mine", Access::signed_in(), [](RequestContext& ctx) -> asio::awaitable<Response> {
      co_return text_response(Status::ok, ctx.principal->user_id, "text/plain");
    });
    router_.get("/greeting", Access::anyone_identified(),
                [](RequestContext& ctx) -> asio::awaitable<Response> {
                  co_return text_response(
                      Status::ok, ctx.principal ? "hello " + ctx.principal->user_id : "hello",
                      "text/plain");
                });
    router_.get("/admin-only", Access::role(Role::admin),
                [](RequestContext&) -> asio::awaitable<Response> {
                  co_return text_response(Status::ok, "secret", "text/plain");
                });
    metrics_ = std::make_unique<Metrics>(router_);
    PipelineOptions options;
    // Stands in for the identity feature's session lookup: the caller named by a header.
    options.authenticate = [this](const Request& req) -> asio::awaitable<std::optional<Principal>> {
      ++lookups_;
      auto role = parse_role(req["X-Test-Role"]);
      if (!role) co_return std::nullopt;
      co_return Principal{"user-" + std::string(to_string(*role)), *role, "session", true};
    };
    pipeline_ = std::make_unique<Pipeline>(router_, *metrics_, std::move(options));
  }

  Router router_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<Pipeline> pipeline_;
  int lookups_ = 0;  // how often the authenticator ran
};

TEST_F(PipelineTest, TypedErrorsBecomeProblemsWithTheirCode) {
  auto res = handle(Verb::get, "/conflict?x=1");
  EXPECT_EQ(res.result(), Status::conflict);
  EXPECT_EQ(res[field::content_type], "application/problem+json");
  auto body = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(body.at("code").as_string(), "conflict");
  EXPECT_EQ(body.at("detail").as_string(), "That slug is taken.");
  EXPECT_EQ(body.at("instance").as_string(), "/conflict");
  EXPECT_EQ(body.at("request_id").as_string(), res["X-Request-Id"]);
}

TEST_F(PipelineTest, UnknownExceptionsAre500WithoutInternals) {
  auto res = handle(Verb::get, "/boom");
  EXPECT_EQ(res.result(), Status::internal_server_error);
  EXPECT_EQ(res.body().find("hunter2"), std::string::npos);
  EXPECT_EQ(res.body().find("secret"), std::string::npos);
  EXPECT_EQ(boost::json::parse(res.body()).at("code").as_string(), "internal");
}

TEST_F(PipelineTest, EnforcesEachRoutesDeclaredAccess) {
  auto anonymous = handle(Verb::get, "/mine");
  EXPECT_EQ(anonymous.result(), Status::unauthorized);
  EXPECT_EQ(boost::json::parse(anonymous.body()).at("code").as_string(), "unauthenticated");
  auto mine = handle(Verb::get, "/mine", "learner");
  EXPECT_EQ(mine.result(), Status::ok);
  EXPECT_EQ(mine.body(), "user-learner");  // the handler sees who called

  auto learner = handle(Verb::get, "/admin-only", "learner");
  EXPECT_EQ(learner.result(), Status::forbidden);
  EXPECT_EQ(learner.body().find("secret"), std::string::npos);
  EXPECT_EQ(handle(Verb::get, "/admin-only", "instructor").result(), Status::forbidden);
  EXPECT_EQ(handle(Verb::get, "/admin-only").result(), Status::unauthorized);
  EXPECT_EQ(handle(Verb::get, "/admin-only", "admin").result(), Status::ok);
}

TEST_F(PipelineTest, PublicRoutesCostNoCredentialLookup) {
  EXPECT_EQ(handle(Verb::get, "/conflict", "admin").result(), Status::conflict);
  EXPECT_EQ(lookups_, 0);
  EXPECT_EQ(handle(Verb::get, "/mine", "admin").result(), Status::ok);
  EXPECT_EQ(lookups_, 1);
}

TEST_F(PipelineTest, IdentifiedPublicRoutesKnowTheCallerButAdmitEveryone) {
  EXPECT_EQ(handle(Verb::get, "/greeting").body(), "hello");
  EXPECT_EQ(handle(Verb::get, "/greeting", "learner").body(), "hello user-learner");
  EXPECT_EQ(handle(Verb::get, "/greeting", "no such role").result(), Status::ok);
  EXPECT_EQ(lookups_, 3);
}

}  // namespace
}  // namespace sn::http
