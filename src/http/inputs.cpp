#include "http/inputs.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>

#include "core/error.hpp"
#include "core/text.hpp"

namespace sn::http {

const boost::json::object& object_body(const boost::json::value& body) {
  if (!body.is_object()) throw Error(Errc::validation_failed, "Send a JSON object.");
  return body.as_object();
}

std::string required_string(const boost::json::object& body, std::string_view key,
                            std::size_t max_bytes) {
  const auto* value = body.if_contains(key);
  if (!value || !value->is_string() || value->as_string().empty()) {
    throw Error(Errc::validation_failed, "\"" + std::string(key) + "\" is required.");
  }
  if (value->as_string().size() > max_bytes) {
    throw Error(Errc::validation_failed, "\"" + std::string(key) + "\" is too long.");
  }
  return std::string(value->as_string());
}

std::optional<std::string> optional_string(const boost::json::object& body, std::string_view key,
                                           std::size_t max_bytes) {
  const auto* value = body.if_contains(key);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_string()) {
    throw Error(Errc::validation_failed, "\"" + std::string(key) + "\" must be a string.");
  }
  if (value->as_string().size() > max_bytes) {
    throw Error(Errc::validation_failed, "\"" + std::string(key) + "\" is too long.");
  }
  return std::string(value->as_string());
}

QueryParams query_params(const Request& request) {
  QueryParams out;
  auto parsed = boost::urls::parse_origin_form(request.target());
  if (!parsed) throw Error(Errc::bad_request, "The query string is not valid.");
  for (auto p : parsed->params())
    out[std::string(p.key)] = std::string(p.value);
  return out;
}

std::optional<std::string> param(const QueryParams& params, const std::string& name) {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

int page_limit(const QueryParams& params) {
  auto text = param(params, "limit");
  if (!text) return 50;
  int value = 0;
  for (const char c : *text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) || value > 1000) {
      throw Error(Errc::validation_failed, "\"limit\" must be a number from 1 to 200.");
    }
    value = value * 10 + (c - '0');
  }
  if (value < 1 || value > 200) {
    throw Error(Errc::validation_failed, "\"limit\" must be a number from 1 to 200.");
  }
  return value;
}

namespace {
constexpr char kSeparator = '\x1f';  // ASCII unit separator: in no sort key
constexpr int kBase64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr std::string_view kVersion = "c1";  // tells our cursors from arbitrary base64

}  // namespace

std::string encode_cursor(const std::vector<std::string>& parts) {
  std::string raw(kVersion);
  for (const auto& part : parts) {
    raw += kSeparator;
    raw += part;
  }
  std::string out(sodium_base64_encoded_len(raw.size(), kBase64), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), kBase64);
  out.resize(out.find('\0'));
  return out;
}

std::vector<std::string> decode_cursor(std::string_view cursor, std::size_t parts) {
  const Error invalid(Errc::validation_failed,
                      "\"cursor\" is not valid: pass next_cursor from the previous page.");
  if (cursor.size() > 2048) throw invalid;
  std::string raw(cursor.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), cursor.data(),
                        cursor.size(), nullptr, &length, nullptr, kBase64) != 0) {
    throw invalid;
  }
  raw.resize(length);
  if (!raw.starts_with(std::string(kVersion) + kSeparator) || !valid_utf8(raw)) throw invalid;
  std::vector<std::string> out;
  std::size_t start = kVersion.size() + 1;
  while (true) {
    const auto sep = raw.find(kSeparator, start);
    out.push_back(raw.substr(start, sep == std::string::npos ? std::string::npos : sep - start));
    if (sep == std::string::npos) break;
    start = sep + 1;
  }
  if (out.size() != parts) throw invalid;
  return out;
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

boost::json::object keyset_page(const db::Result& rows, int limit, std::string_view list,
                                RowToJson item,
                                std::initializer_list<std::string_view> key_columns) {
  boost::json::array items;
  const int shown = std::min(rows.rows(), limit);
  for (int r = 0; r < shown; ++r)
    items.push_back(item(rows, r));
  boost::json::value next = nullptr;
  if (rows.rows() > limit) {
    std::vector<std::string> key;
    for (auto column : key_columns)
      key.emplace_back(rows.text(shown - 1, column));
    next = encode_cursor(key);
  }
  return {{list, std::move(items)}, {"next_cursor", std::move(next)}};
}

CsvImportRequest csv_import_request(const Request& request) {
  const auto params = query_params(request);
  CsvImportRequest parsed;
  parsed.mode = param(params, "mode").value_or("all_or_nothing");
  if (parsed.mode != "all_or_nothing" && parsed.mode != "valid_rows") {
    throw Error(Errc::validation_failed, "\"mode\" must be all_or_nothing or valid_rows.");
  }
  const auto dry_run = param(params, "dry_run").value_or("false");
  if (dry_run != "true" && dry_run != "false") {
    throw Error(Errc::validation_failed, "\"dry_run\" must be true or false.");
  }
  parsed.dry_run = dry_run == "true";
  if (!ascii_lower(request[beast_http::field::content_type]).starts_with("text/csv")) {
    throw Error(Errc::unsupported_media_type, "Send the file as text/csv.");
  }
  return parsed;
}

}  // namespace sn::http
