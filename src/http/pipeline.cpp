#include "http/pipeline.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <random>

#include "core/log.hpp"

namespace sn::http {
namespace {

using beast_http::field;

}  // namespace

std::string content_security_policy(std::string_view media_origin) {
  // Media may come from a CDN's origin; hls.js feeds the video element from blob: URLs and
  // fetches playlists and segments with XHR.
  std::string media = "'self' blob:";
  std::string connect = "'self'";
  std::string images = "'self' data: blob:";
  if (!media_origin.empty()) {
    media.append(" ").append(media_origin);
    connect.append(" ").append(media_origin);
    images.append(" ").append(media_origin);
  }
  return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + images +
         "; media-src " + media + "; connect-src " + connect +
         "; worker-src 'self' blob:; font-src 'self'; object-src 'none'; base-uri 'none'; "
         "frame-ancestors 'none'; form-action 'self'";
}

namespace {

std::string random_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int half = 0; half < 2; ++half) {
    auto bits = rng();
    for (int i = 0; i < 16; ++i, bits >>= 4)
      id[half * 16 + i] = kHex[bits & 0xF];
  }
  return id;
}

std::string allow_header(const std::vector<Verb>& allowed) {
  std::string text;
  for (auto verb : allowed) {
    if (!text.empty()) text += ", ";
    text += std::string(beast_http::to_string(verb));
  }
  return text;
}

bool is_safe_method(Verb method) {
  return method == Verb::get || method == Verb::head || method == Verb::options;
}

// The browser says where a request comes from: Origin on every state-changing fetch, and
// Sec-Fetch-Site in current browsers. Either must say "this site".
bool same_origin(const Request& request, std::string_view public_origin) {
  const auto origin = request[field::origin];
  if (!origin.empty()) return !public_origin.empty() && origin == public_origin;
  return request["Sec-Fetch-Site"] == "same-origin";
}

}  // namespace

std::string forwarded_for(const beast_http::request_header<>& req) {
  // Every X-Forwarded-For line counts: a proxy may append its own line instead of extending the
  // client's, and the client's line must not be the one believed.
  std::string joined;
  auto [first, last] = req.equal_range("X-Forwarded-For");
  for (auto it = first; it != last; ++it) {
    if (!joined.empty()) joined += ", ";
    joined += std::string_view(it->value());
  }
  return joined;
}

std::string accept_or_generate_request_id(std::string_view offered) {
  if (offered.empty() || offered.size() > 128) return random_request_id();
  for (char c : offered) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return random_request_id();
  }
  return std::string(offered);
}

Response problem_response(const ErrorInfo& info, std::string_view detail, std::string_view instance,
                          std::string_view request_id, std::string_view members) {
  boost::json::object body;
  // The handler's extension members first: the standard ones below always win.
  if (!members.empty()) body = boost::json::parse(members).as_object();
  body["type"] = "urn:skillnexus:problem:" + std::string(info.code);
  body["title"] = info.title;
  body["status"] = static_cast<int>(info.status);
  body["detail"] = detail.empty() ? info.title : detail;
  body["code"] = info.code;
  if (!instance.empty()) body["instance"] = instance;
  if (!request_id.empty()) body["request_id"] = request_id;
  auto res = json_response(info.status, body);
  res.set(field::content_type, "application/problem+json");
  return res;
}

void apply_security_headers(Response& res, bool hsts, std::string_view csp) {
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "strict-origin-when-cross-origin");
  res.set("Content-Security-Policy", csp);
  res.set("X-Frame-Options", "DENY");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  if (hsts) res.set(field::strict_transport_security, "max-age=31536000; includeSubDomains");
  // API answers may be personal: no cache keeps them unless the handler says otherwise.
  if (res.find(field::cache_control) == res.end()) res.set(field::cache_control, "no-store");
}

boost::asio::awaitable<Response> Pipeline::handle(Request& request, Match match,
                                                  boost::asio::ip::address peer,
                                                  Clock::time_point started, BodyStreams* streams) {
  auto request_id = accept_or_generate_request_id(request["X-Request-Id"]);
  auto client = client_address(peer, forwarded_for(request), options_.trusted_proxies);
  const Route* route = match.route;
  Response res;
  try {
    if (!route) {
      if (!match.allowed.empty()) {
        throw Error(Errc::method_not_allowed,
                    "This resource does not support " +
                        std::string(beast_http::to_string(request.method())) + ".",
                    {{"Allow", allow_header(match.allowed)}});
      }
      throw Error(Errc::not_found, "There is nothing at this address.");
    }
    std::optional<Principal> principal;
    // Only where the rule wants a caller: a signed-in browser sends its cookie with every asset
    // and health check, and those must not cost a session lookup each.
    if (options_.authenticate && route->access.wants_caller()) {
      principal = co_await options_.authenticate(request);
    }
    if (principal && principal->via_cookie && !is_safe_method(request.method()) &&
        !same_origin(request, public_origin_)) {
      log::warn("cross-site request refused", {{"request_id", request_id},
                                               {"route", route->pattern},
                                               {"origin", request[field::origin]}});
      throw Error(Errc::cross_site_request,
                  "Requests that change something must come from this site's own pages.");
    }
    switch (route->access.check(principal)) {
      case Access::Verdict::allowed:
        break;
      case Access::Verdict::unauthenticated:
        throw Error(Errc::unauthenticated, "Sign in to continue.");
      case Access::Verdict::forbidden:
        log::warn("access denied", {{"request_id", request_id},
                                    {"route", route->pattern},
                                    {"user_id", principal->user_id},
                                    {"role", to_string(principal->role)},
                                    {"requires", route->access.describe()}});
        throw Error(Errc::forbidden, "Your role does not allow this.");
      case Access::Verdict::needs_second_factor:
        log::warn("access denied", {{"request_id", request_id},
                                    {"route", route->pattern},
                                    {"user_id", principal->user_id},
                                    {"requires", "two-factor authentication"}});
        throw Error(Errc::mfa_enrolment_required,
                    "Admin pages need two-factor authentication: set it up in your account.");
    }
    RequestContext ctx{request, std::move(match.params), route->pattern, request_id,
                       client,  std::move(principal),    streams};
    res = co_await route->handler(ctx);
  } catch (const Error& e) {
    if (streams) streams->response_body.reset();
    res =
        problem_response(e.info(), e.detail(), path_of(request.target()), request_id, e.members());
    for (const auto& [name, value] : e.headers())
      res.set(name, value);
    // A server-side failure is worth a warning; "not ready" is what a starting or draining
    // instance is supposed to say, many times a second to every health checker.
    if (e.info().status >= Status::internal_server_error && e.errc() != Errc::not_ready) {
      log::warn("request failed", {{"request_id", request_id}, {"code", e.info().code}});
    }
  } catch (const std::exception& e) {
    if (streams) streams->response_body.reset();
    // The cause goes to the log only; the client learns the request id to quote.
    log::error("unhandled exception", {{"request_id", request_id}, {"error", e.what()}});
    res = problem_response(error_info(Errc::internal), "", path_of(request.target()), request_id);
  }
  // A streamed body is not in `res`.
  const auto bytes =
      streams && streams->response_body ? streams->response_body->length : res.body().size();
  finish(res, request, route, request_id, client, started, bytes);
  co_return res;
}

Response Pipeline::reject(Errc errc, std::string detail, const beast_http::request_header<>& header,
                          const boost::asio::ip::address& peer, Clock::time_point started) {
  auto request_id = accept_or_generate_request_id(header["X-Request-Id"]);
  auto client = client_address(peer, forwarded_for(header), options_.trusted_proxies);
  auto res = problem_response(error_info(errc), detail, path_of(header.target()), request_id);
  res.keep_alive(false);
  finish(res, header, nullptr, request_id, client, started, res.body().size());
  return res;
}

void Pipeline::finish(Response& res, const beast_http::request_header<>& req, const Route* route,
                      const std::string& request_id, const boost::asio::ip::address& client,
                      Clock::time_point started, std::uint64_t bytes) {
  res.set("X-Request-Id", request_id);
  apply_security_headers(res, options_.hsts, csp_);
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const unsigned status = res.result_int();
  metrics_.observe(route ? route->id : 0, status, seconds);
  if (log::enabled(log::Level::info)) {
    log::write(log::Level::info, "request",
               {{"request_id", request_id},
                {"method", beast_http::to_string(req.method())},
                {"route", route ? std::string_view(route->pattern) : std::string_view("")},
                {"path", path_of(req.target())},
                {"status", status},
                {"duration_ms", seconds * 1000.0},
                {"bytes", bytes},
                {"client", client.to_string()}});
  }
}

}  // namespace sn::http
