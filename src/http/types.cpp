#include "http/types.hpp"

#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"

namespace sn::http {

std::string_view RequestContext::param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  throw Error(Errc::not_found, "No such resource.");
}

boost::json::value RequestContext::json_body() const {
  auto type = request[beast_http::field::content_type];
  if (!type.starts_with("application/json") && !type.starts_with("application/merge-patch+json")) {
    throw Error(Errc::unsupported_media_type, "Send the body as application/json.");
  }
  boost::system::error_code ec;
  auto value = boost::json::parse(request.body(), ec);
  if (ec) throw Error(Errc::invalid_json, "The body is not valid JSON: " + ec.message() + ".");
  return value;
}

BodyReader& RequestContext::body_reader() const {
  if (!streams || !streams->request_body) throw Error(Errc::internal, "");
  return *streams->request_body;
}

void RequestContext::stream_response(StreamedBody body) const {
  if (!streams) throw Error(Errc::internal, "");
  streams->response_body = std::move(body);
}

OpenFile::~OpenFile() {
  if (fd_ >= 0) ::close(fd_);
}

Response json_response(Status status, const boost::json::value& body) {
  return text_response(status, boost::json::serialize(body), "application/json");
}

Response text_response(Status status, std::string body, std::string_view content_type) {
  Response res{status, 11};
  res.set(beast_http::field::content_type, content_type);
  res.body() = std::move(body);
  return res;
}

}  // namespace sn::http
