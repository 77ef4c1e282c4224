#pragma once
// Answers GET and HEAD for a stored object the way a CDN and a video player expect (RFC 9110):
// a strong ETag and Last-Modified, 304 for If-None-Match, byte ranges with 206 (one range) or
// multipart/byteranges (several), If-Range, and 416 (as problem+json) for ranges past the end.
// The bytes themselves are streamed after the header: sendfile for local files, chunks for S3.

#include <string_view>

#include "http/types.hpp"
#include "storage/object_store.hpp"

namespace sn::media {

http::Response object_response(const http::RequestContext& ctx, const storage::ObjectReader& object,
                               std::string_view content_type, std::string_view cache_control);

// An uploaded file offered for download and never rendered: Content-Disposition: attachment with
// the name it was uploaded under (RFC 6266 / 8187), private caching, and the safe type it was
// stored with (nosniff comes from the pipeline). 404 when the object is missing.
boost::asio::awaitable<http::Response> download_response(const http::RequestContext& ctx,
                                                         storage::ObjectStore& store,
                                                         storage::Bucket bucket, std::string key,
                                                         std::string content_type,
                                                         std::string file_name);

}  // namespace sn::media
