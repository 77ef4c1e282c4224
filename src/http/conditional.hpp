#pragma once
// Conditional requests (RFC 9110 §13): ETags that let clients and CDNs revalidate with
// If-None-Match (304), and optimistic concurrency for edits with If-Match (412), so two people
// editing one course cannot silently overwrite each other.

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/types.hpp"

namespace sn::http {

// Whether a list of entity tags (If-None-Match / If-Match syntax, or "*") names `etag`. Weak
// comparison: W/ prefixes are ignored on both sides.
bool etag_matches(std::string_view header, std::string_view etag);

// A strong ETag for a versioned row: "\"v42\"".
std::string version_etag(std::int64_t version);

// Edits of a versioned resource: without If-Match → 428 precondition_required; when it does not
// name `current_etag` → 412 precondition_failed. Call it inside the transaction that holds the
// row locked, with the version read there.
void require_if_match(const RequestContext& rc, std::string_view current_etag);

// A serialized JSON answer with its strong ETag (over the bytes): what response caches keep.
struct JsonEntity {
  std::string bytes;
  std::string etag;
};
JsonEntity json_entity(const boost::json::value& body);

// A 200 JSON response with an ETag over its bytes, or a bodiless 304 when the request's
// If-None-Match already names that ETag. `cache_control` says who may keep it: "public, max-age=60"
// for anonymous catalog pages, "private, no-cache" for anything that depends on the caller.
Response cacheable_json(const RequestContext& rc, const boost::json::value& body,
                        std::string_view cache_control);
Response cacheable_json(const RequestContext& rc, const JsonEntity& entity,
                        std::string_view cache_control);

}  // namespace sn::http
