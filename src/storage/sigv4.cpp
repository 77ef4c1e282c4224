#include "storage/sigv4.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <ctime>
#include <stdexcept>

#include "core/text.hpp"

namespace sn::storage::sigv4 {
namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

bool upper_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

std::string hex(std::string_view bytes) {
  static constexpr char kHexLower[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const unsigned char c : bytes) {
    out.push_back(kHexLower[c >> 4]);
    out.push_back(kHexLower[c & 0xF]);
  }
  return out;
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length)) {
    throw std::runtime_error("sigv4: HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

// RFC 3986 section 5.2.4 for the generic rules: drops empty and "." segments and lets ".." remove
// the one before it; a trailing slash survives.
std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const auto segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string out = "/";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += '/';
    out += segments[i];
  }
  if (!segments.empty() && path.ends_with('/')) out += '/';
  return out;
}

// Trimmed, with each run of spaces and tabs inside made one space.
std::string canonical_header_value(std::string_view value) {
  value = trim_blanks(value);
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    const bool blank = c == ' ' || c == '\t';
    if (blank && !out.empty() && out.back() == ' ') continue;
    out.push_back(blank ? ' ' : c);
  }
  return out;
}

// Lower-cased names with their canonical values, sorted by name; values of a repeated name are
// joined in the order given (a stable sort keeps it).
Pairs canonical_headers(const Request& request) {
  Pairs headers;
  headers.reserve(request.headers.size() + 1);
  headers.emplace_back("host", canonical_header_value(request.host));
  for (const auto& [name, value] : request.headers) {
    auto lower = ascii_lower(name);
    if (lower == "host") {
      throw std::invalid_argument("sigv4: Host comes from Request::host, not the headers");
    }
    if (lower.empty() || lower.find_first_of("\r\n:") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      throw std::invalid_argument("sigv4: malformed header " + name);
    }
    headers.emplace_back(std::move(lower), canonical_header_value(value));
  }
  std::stable_sort(headers.begin(), headers.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Pairs joined;
  for (auto& [name, value] : headers) {
    if (!joined.empty() && joined.back().first == name) {
      joined.back().second += ',' + value;
    } else {
      joined.emplace_back(std::move(name), std::move(value));
    }
  }
  return joined;
}

bool has_header(const Pairs& headers, std::string_view lower_name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& header) { return ascii_lower(header.first) == lower_name; });
}

std::string credential_scope(std::string_view date, const Scope& scope) {
  return std::string(date) + '/' + scope.region + '/' + scope.service + "/aws4_request";
}

std::string sign_string(const Credentials& credentials, const Scope& scope, std::string_view date,
                        std::string_view string_to_sign) {
  return signature(signing_key(credentials.secret_access_key, date, scope.region, scope.service),
                   string_to_sign);
}

}  // namespace

std::string uri_encode(std::string_view text, bool encode_slash) {
  std::string out;
  out.reserve(text.size());
  for (const unsigned char c : text) {
    if (unreserved(c) || (c == '/' && !encode_slash)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHexUpper[c >> 4]);
      out.push_back(kHexUpper[c & 0xF]);
    }
  }
  return out;
}

std::string encode_path(std::string_view decoded_path) {
  return uri_encode(decoded_path, /*encode_slash=*/false);
}

std::string canonical_query(const Pairs& query) {
  Pairs encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query)
    encoded.emplace_back(uri_encode(name), uri_encode(value));
  std::sort(encoded.begin(), encoded.end());  // by encoded name, then encoded value
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name + '=' + value;
  }
  return out;
}

std::string amz_date(std::chrono::system_clock::time_point time) {
  const std::time_t seconds =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(time));
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

std::string canonical_uri(const Request& request) {
  std::string_view path = request.path;
  if (path.empty()) path = "/";
  if (path.front() != '/') throw std::invalid_argument("sigv4: the path must start with '/'");
  if (request.double_encode_path) return uri_encode(normalize_path(path), false);
  // S3 signs the path as sent, so it must already be in the one form S3 computes for it.
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '%' && i + 2 < path.size() && upper_hex_digit(path[i + 1]) &&
        upper_hex_digit(path[i + 2])) {
      i += 2;
    } else if (!unreserved(static_cast<unsigned char>(c)) && c != '/') {
      throw std::invalid_argument("sigv4: the S3 path is not percent-encoded (use encode_path): " +
                                  std::string(path));
    }
  }
  return std::string(path);
}

std::string signed_headers(const Request& request) {
  std::string out;
  for (const auto& [name, value] : canonical_headers(request)) {
    if (!out.empty()) out += ';';
    out += name;
  }
  return out;
}

std::string canonical_request(const Request& request) {
  const auto headers = canonical_headers(request);
  std::string out =
      request.method + '\n' + canonical_uri(request) + '\n' + canonical_query(request.query) + '\n';
  std::string names;
  for (const auto& [name, value] : headers) {
    out += name + ':' + value + '\n';
    names += (names.empty() ? "" : ";") + name;
  }
  out += '\n' + names + '\n' + request.payload_hash;
  return out;
}

std::string string_to_sign(std::string_view amz_date, const Scope& scope,
                           std::string_view canonical_request) {
  return std::string(kAlgorithm) + '\n' + std::string(amz_date) + '\n' +
         credential_scope(amz_date.substr(0, 8), scope) + '\n' + sha256_hex(canonical_request);
}

std::string signing_key(std::string_view secret_access_key, std::string_view date,
                        std::string_view region, std::string_view service) {
  auto key = hmac_sha256("AWS4" + std::string(secret_access_key), date);
  key = hmac_sha256(key, region);
  key = hmac_sha256(key, service);
  return hmac_sha256(key, "aws4_request");
}

std::string signature(std::string_view signing_key, std::string_view string_to_sign) {
  return hex(hmac_sha256(signing_key, string_to_sign));
}

Pairs sign(const Request& request, const Credentials& credentials, const Scope& scope,
           std::chrono::system_clock::time_point time) {
  const bool s3 = scope.service == "s3";
  for (const std::string_view name :
       {"authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"}) {
    if ((name != "x-amz-content-sha256" || s3) && has_header(request.headers, name)) {
      throw std::invalid_argument("sigv4: sign() sets " + std::string(name) + " itself");
    }
  }
  const auto date_time = amz_date(time);
  Pairs added{{"X-Amz-Date", date_time}};
  if (s3) added.emplace_back("X-Amz-Content-Sha256", request.payload_hash);
  if (!credentials.session_token.empty()) {
    added.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }

  Request signed_request = request;
  signed_request.headers.insert(signed_request.headers.end(), added.begin(), added.end());
  const auto to_sign = string_to_sign(date_time, scope, canonical_request(signed_request));
  const auto date = date_time.substr(0, 8);
  Pairs out{{"Authorization", std::string(kAlgorithm) + " Credential=" + credentials.access_key_id +
                                  '/' + credential_scope(date, scope) +
                                  ", SignedHeaders=" + signed_headers(signed_request) +
                                  ", Signature=" + sign_string(credentials, scope, date, to_sign)}};
  out.insert(out.end(), added.begin(), added.end());
  return out;
}

std::string presign(const Request& request, const Credentials& credentials, const Scope& scope,
                    std::chrono::system_clock::time_point time, std::chrono::seconds expires) {
  if (expires < std::chrono::seconds(1) || expires > kMaxPresignExpiry) {
    throw std::invalid_argument("sigv4: a presigned URL expires after 1 to 604800 seconds");
  }
  // Ours to set; other x-amz-* parameters (x-amz-acl, say) are the caller's and get signed.
  for (const auto& [name, value] : request.query) {
    const auto lower = ascii_lower(name);
    for (const std::string_view own :
         {"x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires",
          "x-amz-signedheaders", "x-amz-security-token", "x-amz-signature"}) {
      if (lower == own) throw std::invalid_argument("sigv4: presign() sets " + name + " itself");
    }
  }
  const auto date_time = amz_date(time);
  const auto date = date_time.substr(0, 8);

  Request signed_request = request;
  signed_request.payload_hash = std::string(kUnsignedPayload);
  auto& query = signed_request.query;
  query.emplace_back("X-Amz-Algorithm", std::string(kAlgorithm));
  query.emplace_back("X-Amz-Credential",
                     credentials.access_key_id + '/' + credential_scope(date, scope));
  query.emplace_back("X-Amz-Date", date_time);
  query.emplace_back("X-Amz-Expires", std::to_string(expires.count()));
  query.emplace_back("X-Amz-SignedHeaders", signed_headers(signed_request));
  if (!credentials.session_token.empty()) {
    query.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  const auto to_sign = string_to_sign(date_time, scope, canonical_request(signed_request));
  return canonical_query(query) +
         "&X-Amz-Signature=" + sign_string(credentials, scope, date, to_sign);
}

}  // namespace sn::storage::sigv4
