#pragma once
// The request and response types every handler sees. Kept small so feature code includes only this
// and router.hpp, never the session or listener machinery.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/access.hpp"
#include "http/body_streams.hpp"

namespace sn::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Verb = beast_http::verb;
using Status = beast_http::status;

struct RequestContext {
  Request& request;
  std::vector<std::pair<std::string, std::string>> params;  // from the route pattern
  std::string_view route;                                   // the matched pattern
  std::string request_id;
  boost::asio::ip::address client;
  std::optional<Principal> principal;  // the signed-in caller, if any
  BodyStreams* streams = nullptr;      // set by the session; null in unit tests of handlers

  // A path parameter; throws not_found if the route has none by that name (a programming error
  // that must not become a 500 with details).
  std::string_view param(std::string_view name) const;
  // The body parsed as JSON; throws Errc::invalid_json / unsupported_media_type.
  boost::json::value json_body() const;
  // The request body as it arrives; throws internal if the route was not declared streamed_body.
  BodyReader& body_reader() const;
  // Answers with `body` after the handler's header: the returned Response's body must be empty.
  void stream_response(StreamedBody body) const;
};

// The handler of one route: a coroutine, so it can co_await the database without blocking.
using Handler = std::function<boost::asio::awaitable<Response>(RequestContext&)>;

Response json_response(Status status, const boost::json::value& body);
Response text_response(Status status, std::string body, std::string_view content_type);

}  // namespace sn::http
