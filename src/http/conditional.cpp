#include "http/conditional.hpp"

#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/text.hpp"

namespace sn::http {
namespace {

std::string_view opaque_tag(std::string_view tag) {
  tag = trim_blanks(tag);
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  return tag;
}

}  // namespace

bool etag_matches(std::string_view header, std::string_view etag) {
  if (trim_blanks(header) == "*") return true;
  etag = opaque_tag(etag);
  while (!header.empty()) {
    const auto comma = header.find(',');
    if (opaque_tag(header.substr(0, comma)) == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

std::string version_etag(std::int64_t version) {
  return "\"v" + std::to_string(version) + "\"";
}

void require_if_match(const RequestContext& rc, std::string_view current_etag) {
  const auto header = rc.request[beast_http::field::if_match];
  if (header.empty()) {
    throw Error(Errc::precondition_required,
                "Send If-Match with the ETag from your last read of this resource.");
  }
  if (!etag_matches(header, current_etag)) {
    throw Error(Errc::precondition_failed,
                "This was changed since you loaded it: reload, then apply your change again.",
                {{"ETag", std::string(current_etag)}});
  }
}

JsonEntity json_entity(const boost::json::value& body) {
  JsonEntity entity{boost::json::serialize(body), {}};
  entity.etag = "\"" + sha256_hex(entity.bytes).substr(0, 32) + "\"";
  return entity;
}

Response cacheable_json(const RequestContext& rc, const boost::json::value& body,
                        std::string_view cache_control) {
  return cacheable_json(rc, json_entity(body), cache_control);
}

Response cacheable_json(const RequestContext& rc, const JsonEntity& entity,
                        std::string_view cache_control) {
  const auto if_none_match = rc.request[beast_http::field::if_none_match];
  Response res;
  if (!if_none_match.empty() && etag_matches(if_none_match, entity.etag)) {
    res = Response{Status::not_modified, rc.request.version()};
  } else {
    res = text_response(Status::ok, entity.bytes, "application/json");
  }
  res.set(beast_http::field::etag, entity.etag);
  res.set(beast_http::field::cache_control, cache_control);
  // Caches must keep signed-in and anonymous answers apart.
  res.set(beast_http::field::vary, "Cookie, Authorization");
  return res;
}

}  // namespace sn::http
