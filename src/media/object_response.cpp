#include "media/object_response.hpp"

#include "core/error.hpp"
#include "http/byte_ranges.hpp"
#include "http/conditional.hpp"

namespace sn::media {

using http::beast_http::field;

http::Response object_response(const http::RequestContext& ctx, const storage::ObjectReader& object,
                               std::string_view content_type, std::string_view cache_control) {
  const auto& info = object.info();
  const auto last_modified = http::format_http_date(info.modified);
  http::Response res{http::Status::ok, 11};
  res.set(field::etag, info.etag);
  res.set(field::last_modified, last_modified);
  res.set(field::cache_control, cache_control);
  res.set(field::accept_ranges, "bytes");

  const auto& request = ctx.request;
  if (auto tags = request[field::if_none_match];
      !tags.empty() && http::etag_matches(tags, info.etag)) {
    res.result(http::Status::not_modified);
    return res;
  }

  http::RangeDecision decision;
  if (auto range = request[field::range];
      !range.empty() && request.method() == http::Verb::get &&
      http::if_range_allows(request[field::if_range], info.etag, info.modified)) {
    decision = http::evaluate_range(range, info.size);
  }

  http::StreamedBody body;
  switch (decision.kind) {
    case http::RangeDecision::Kind::unsatisfiable:
      throw Error(Errc::range_not_satisfiable,
                  "The object has " + std::to_string(info.size) + " bytes.",
                  {{"Content-Range", http::unsatisfied_content_range(info.size)}});
    case http::RangeDecision::Kind::full:
      res.set(field::content_type, content_type);
      if (info.size > 0) body.pieces.push_back(object.range(0, info.size));
      body.length = info.size;
      break;
    case http::RangeDecision::Kind::partial:
      res.result(http::Status::partial_content);
      if (decision.ranges.size() == 1) {
        const auto& range = decision.ranges.front();
        res.set(field::content_type, content_type);
        res.set(field::content_range, http::content_range(range, info.size));
        body.pieces.push_back(object.range(range.first, range.length));
        body.length = range.length;
      } else {
        const auto boundary = http::multipart_boundary();
        auto plan = http::plan_multipart(boundary, content_type, decision.ranges, info.size);
        res.set(field::content_type, "multipart/byteranges; boundary=" + boundary);
        for (std::size_t i = 0; i < decision.ranges.size(); ++i) {
          body.pieces.emplace_back(std::move(plan.preambles[i]));
          body.pieces.push_back(object.range(decision.ranges[i].first, decision.ranges[i].length));
        }
        body.pieces.emplace_back(std::move(plan.epilogue));
        body.length = plan.content_length;
      }
      break;
  }
  ctx.stream_response(std::move(body));
  return res;
}

namespace {

// filename="ascii fallback"; filename*=UTF-8''percent-encoded (RFC 6266, RFC 8187).
std::string content_disposition(std::string_view file_name) {
  std::string ascii;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : file_name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_';
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xF];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

boost::asio::awaitable<http::Response> download_response(const http::RequestContext& ctx,
                                                         storage::ObjectStore& store,
                                                         storage::Bucket bucket, std::string key,
                                                         std::string content_type,
                                                         std::string file_name) {
  std::shared_ptr<const storage::ObjectReader> object;
  try {
    object = co_await store.open(bucket, key);
  } catch (const storage::ObjectNotFound&) {
    throw Error(Errc::not_found, "The file is missing.");
  }
  auto res = object_response(ctx, *object, content_type, "private, max-age=0, must-revalidate");
  res.set(field::content_disposition, content_disposition(file_name));
  co_return res;
}

}  // namespace sn::media
