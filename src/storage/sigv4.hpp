#pragma once
// AWS Signature Version 4 for the S3 object store: the Authorization header for a request and
// query-string authentication (presigned URLs). Each stage of the algorithm is its own function so
// that tests can hold it against AWS's published vectors step by step.
//
// Paths: Request::path is the path exactly as it goes on the request line, each segment already
// percent-encoded once (build it from a bucket and key with encode_path). S3 signs that path as it
// stands; the other AWS services normalize it and encode it a second time (double_encode_path).
// Query names and values, by contrast, are given decoded: the signer encodes them, and
// canonical_query() is also the query string to send.

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hash.hpp"

namespace sn::storage::sigv4 {

using Pairs = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
// SHA-256 of the empty string: the payload hash of a request without a body.
inline constexpr std::string_view kEmptyPayloadHash =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
// Presigned URLs live at most a week.
inline constexpr std::chrono::seconds kMaxPresignExpiry{604800};

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // temporary credentials only; empty for long-term keys
};

struct Scope {
  std::string region;   // "us-east-1"
  std::string service;  // "s3"
};

struct Request {
  std::string method = "GET";
  // Signed as the Host header: "bucket.s3.amazonaws.com", or "127.0.0.1:9000" with the port when
  // it is not the scheme's default. The HTTP client must send exactly this Host.
  std::string host;
  // Percent-encoded once, as sent (see the top of this file); "" means "/".
  std::string path = "/";
  Pairs query;    // decoded names and values, in any order; a name may repeat
  Pairs headers;  // further headers to sign (Range, Content-Type, ...), never Host
  // Hex SHA-256 of the body, or kUnsignedPayload.
  std::string payload_hash = std::string(kEmptyPayloadHash);
  // False for S3. True for the generic rules (and AWS's generic test suite): remove empty, "."
  // and ".." segments, then URI-encode the path again.
  bool double_encode_path = false;
};

// SHA-256 as 64 lower-case hex digits (the project's one implementation, re-exported here).
using sn::sha256_hex;

// RFC 3986 encoding as SigV4 wants it: every byte outside A-Z a-z 0-9 - _ . ~ becomes %XX with
// upper-case hex; '/' is kept as it is unless `encode_slash`.
std::string uri_encode(std::string_view text, bool encode_slash = true);

// A decoded path ("/bucket/photos/my cat+1.jpg") encoded once, segment by segment, as S3 wants it
// on the request line and in the signature ("/bucket/photos/my%20cat%2B1.jpg").
std::string encode_path(std::string_view decoded_path);

// The sorted, encoded query ("a=1&b=&c=x%20y"): the canonical form, and also what to send.
std::string canonical_query(const Pairs& query);

// `time` in UTC as YYYYMMDDTHHMMSSZ (the X-Amz-Date format); its first 8 characters are the date.
std::string amz_date(std::chrono::system_clock::time_point time);

// The second line of the canonical request. Throws std::invalid_argument for an S3 path that is
// not percent-encoded (a raw space, '$', or a lower-case escape would be signed differently by S3).
std::string canonical_uri(const Request& request);

// "host;range;x-amz-date": the sorted, lower-cased names of Host and request.headers.
std::string signed_headers(const Request& request);

// The canonical request for `request` as it stands: Host and its headers, nothing added. Header
// names are lower-cased and sorted, values trimmed with inner runs of blanks collapsed, and
// repeated names joined with commas in the order given. Throws std::invalid_argument for a header
// that holds CR or LF, or for a Host among the headers.
std::string canonical_request(const Request& request);

// AWS4-HMAC-SHA256 \n <amz_date> \n <date>/<region>/<service>/aws4_request \n hex(sha256(creq)).
std::string string_to_sign(std::string_view amz_date, const Scope& scope,
                           std::string_view canonical_request);

// The derived key (32 raw bytes) for a date (YYYYMMDD), region and service.
std::string signing_key(std::string_view secret_access_key, std::string_view date,
                        std::string_view region, std::string_view service);

// Hex HMAC-SHA256 of the string to sign under the signing key.
std::string signature(std::string_view signing_key, std::string_view string_to_sign);

// Header authentication: the headers to add to `request` before sending it, in this order:
// Authorization, X-Amz-Date, X-Amz-Content-Sha256 (service "s3" only: S3 requires it) and
// X-Amz-Security-Token when the credentials carry a session token. All but Authorization are
// signed. Throws std::invalid_argument if request.headers already holds one of them.
Pairs sign(const Request& request, const Credentials& credentials, const Scope& scope,
           std::chrono::system_clock::time_point time);

// Query-string authentication: the complete query string of a presigned URL, that is the
// request's own parameters with X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires,
// X-Amz-SignedHeaders and X-Amz-Security-Token (if any), sorted, then "&X-Amz-Signature=...".
// The payload is UNSIGNED-PAYLOAD whatever request.payload_hash says; request.headers are signed
// as headers, so the client must send them. Throws std::invalid_argument unless `expires` is
// 1..604800 seconds, or if request.query already holds one of the parameters named above.
std::string presign(const Request& request, const Credentials& credentials, const Scope& scope,
                    std::chrono::system_clock::time_point time, std::chrono::seconds expires);

}  // namespace sn::storage::sigv4
