#pragma once
// Byte-range requests (RFC 9110 §14): lets players seek in video segments and lets downloads
// resume, and lets CDNs fill their caches piecewise. Pure functions over already-read header
// values, so the session code only maps the decision onto 200 / 206 / 416 and streams the bytes.
//
// Typical use for a GET that would otherwise answer 200 with a file:
//   auto decision = RangeDecision{RangeDecision::Kind::full, {}};
//   if (if_range_allows(req[if_range], etag, last_modified))
//     decision = evaluate_range(req[range], file_size);
//   full          → 200, whole file (also send Accept-Ranges: bytes)
//   unsatisfiable → 416 with Content-Range: unsatisfied_content_range(file_size)
//   partial, 1    → 206 with Content-Range: content_range(range, file_size)
//   partial, many → 206 multipart/byteranges; see plan_multipart.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sn::http {

// A run of bytes inside the representation: never empty, never past its end.
struct ByteRange {
  std::uint64_t first = 0;
  std::uint64_t length = 0;

  std::uint64_t last() const { return first + length - 1; }
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

struct RangeDecision {
  enum class Kind {
    full,           // ignore the Range header: answer 200 with the whole representation
    partial,        // answer 206 with `ranges` (sorted, disjoint, non-adjacent)
    unsatisfiable,  // answer 416 with Content-Range: bytes */length
  };
  Kind kind = Kind::full;
  std::vector<ByteRange> ranges;  // only for `partial`; one or more
};

// More byte ranges than this in one header and the header is ignored (answered 200): no video
// player or download manager needs them, and each one costs a part in the answer.
inline constexpr std::size_t max_ranges_per_request = 100;

// Evaluates a Range header value against a representation of `representation_length` bytes.
// - Only the "bytes" unit (case-insensitive) is understood; another unit, an empty header or any
//   syntax error (including "5-2" and numbers that overflow 64 bits) means `full`.
// - "first-last", "first-" and suffix "-N" forms; OWS is tolerated around list elements (as
//   nginx does) and empty list elements are skipped (RFC 9110 §5.6.1), but there must be at least
//   one range.
// - Ranges that start at or past the end are dropped, "last" is clipped to the end, a suffix
//   longer than the representation means all of it, "-0" is unsatisfiable; nothing left → 416.
//   A zero-length representation satisfies no range.
// - The surviving ranges are sorted and overlapping or adjacent ones merged, which defeats the
//   "many small overlapping ranges" amplification attack.
RangeDecision evaluate_range(std::string_view range_header, std::uint64_t representation_length);

// Whether If-Range lets the Range be honoured (RFC 9110 §13.1.5). Absent or empty → true. An
// entity tag must match `strong_etag` by strong comparison: a weak tag on either side never
// matches. An HTTP-date must equal `last_modified` to the second (the caller must only pass a
// Last-Modified it considers strong, i.e. not within the last second). Anything else → false,
// which means: send the whole, current representation.
bool if_range_allows(std::string_view if_range_header, std::string_view strong_etag,
                     std::optional<std::chrono::system_clock::time_point> last_modified);

// An HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, or the obsolete RFC 850 and asctime forms. Two-digit
// RFC 850 years more than 50 years after `now` are taken to be in the previous century.
std::optional<std::chrono::sys_seconds> parse_http_date(
    std::string_view text,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT": for Last-Modified, which If-Range echoes.
std::string format_http_date(std::chrono::system_clock::time_point when);

// "bytes 0-99/1000", for a 206 answer or a multipart part.
std::string content_range(ByteRange range, std::uint64_t representation_length);
// "bytes */1000", for a 416 answer.
std::string unsatisfied_content_range(std::uint64_t representation_length);

// A fresh multipart boundary: 32 random hex digits, so a file's own bytes are very unlikely to
// contain it (and cannot be crafted to, since it is not predictable).
std::string multipart_boundary();

// What to write around the file bytes of a multipart/byteranges answer (RFC 9110 §14.6, RFC 2046
// §5.1.1). The body is: preambles[0], bytes of ranges[0], preambles[1], bytes of ranges[1], ...,
// epilogue. Each preamble is CRLF "--boundary" CRLF, then Content-Type (omitted when
// `content_type` is empty) and Content-Range lines, then an empty line; the epilogue is
// CRLF "--boundary--" CRLF. `content_length` is the exact body length, for Content-Length.
// The response's own Content-Type is "multipart/byteranges; boundary=" + boundary.
struct MultipartPlan {
  std::vector<std::string> preambles;  // one per range, in order
  std::string epilogue;
  std::uint64_t content_length = 0;
};
MultipartPlan plan_multipart(std::string_view boundary, std::string_view content_type,
                             const std::vector<ByteRange>& ranges,
                             std::uint64_t representation_length);

}  // namespace sn::http
