#pragma once
// What happens to every request between the session that read it and the session that writes the
// answer: request id, client address, routing (404/405), the handler, error → problem mapping,
// security headers, the access log line and metrics. One path for all of it, also for requests the
// session rejects before they reach a route (400, 413, 431).

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>

#include "core/error.hpp"
#include "http/client_address.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/types.hpp"

namespace sn::http {

// Finds the caller from the request's credentials (session cookie, bearer token); nullopt for
// none or invalid ones. Supplied by the identity feature.
using Authenticator =
    std::function<boost::asio::awaitable<std::optional<Principal>>(const Request&)>;

struct PipelineOptions {
  TrustedProxies trusted_proxies;
  bool hsts = false;           // the public URL is https
  Authenticator authenticate;  // unset: every caller is anonymous
  std::string media_origin;    // signed media URLs' origin when not this server's (a CDN)
};

using Clock = std::chrono::steady_clock;

// The Content-Security-Policy of every answer; `media_origin` ("https://cdn.example.com", or
// empty) is where signed media URLs point.
std::string content_security_policy(std::string_view media_origin);

class Pipeline {
 public:
  Pipeline(const Router& router, Metrics& metrics, PipelineOptions options)
      : router_(router),
        metrics_(metrics),
        options_(std::move(options)),
        csp_(content_security_policy(options_.media_origin)) {}

  const Router& router() const { return router_; }
  // "http://host:port" as users reach it; known once the server listens. Cookie-authenticated
  // requests that change state must come from it (Origin), or they are refused as cross-site.
  void set_public_origin(std::string origin) { public_origin_ = std::move(origin); }

  // `streams` carries a streamed request body in and a streamed response body out; a handler's
  // streamed response is dropped when the request fails.
  boost::asio::awaitable<Response> handle(Request& request, Match match,
                                          boost::asio::ip::address peer, Clock::time_point started,
                                          BodyStreams* streams = nullptr);

  // A request the session refused before routing; `header` may be partial or empty.
  Response reject(Errc errc, std::string detail, const beast_http::request_header<>& header,
                  const boost::asio::ip::address& peer, Clock::time_point started);

 private:
  void finish(Response& res, const beast_http::request_header<>& req, const Route* route,
              const std::string& request_id, const boost::asio::ip::address& client,
              Clock::time_point started, std::uint64_t bytes);

  const Router& router_;
  Metrics& metrics_;
  PipelineOptions options_;
  std::string csp_;
  std::string public_origin_;
};

// X-Request-Id: the caller's if it is 1-128 characters of [A-Za-z0-9._:-], else a new random one.
std::string accept_or_generate_request_id(std::string_view offered);

// All X-Forwarded-For lines of a request, joined with commas in order.
std::string forwarded_for(const beast_http::request_header<>& request);

// An RFC 9457 problem response; `members` (a JSON object's text, may be empty) adds extension
// members such as a failed publish's "problems".
Response problem_response(const ErrorInfo& info, std::string_view detail, std::string_view instance,
                          std::string_view request_id, std::string_view members = {});

void apply_security_headers(Response& res, bool hsts, std::string_view csp);

}  // namespace sn::http
