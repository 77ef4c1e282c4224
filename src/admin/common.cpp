#include "admin/common.hpp"

#include <sodium.h>

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <cctype>

#include "core/error.hpp"

namespace sn::admin {
namespace asio = boost::asio;

std::map<std::string, std::string> query_params(const http::Request& request) {
  std::map<std::string, std::string> out;
  auto parsed = boost::urls::parse_origin_form(request.target());
  if (!parsed) throw Error(Errc::bad_request, "The query string is not valid.");
  for (auto p : parsed->params())
    out[std::string(p.key)] = std::string(p.value);
  return out;
}

std::optional<std::string> param(const std::map<std::string, std::string>& params,
                                 const std::string& name) {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

int page_limit(const std::map<std::string, std::string>& params) {
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

// Sort keys go back to PostgreSQL as text: invalid UTF-8 would be a database error, not a 422.
bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0x80           ? 1
                          : (c >> 5) == 0x6  ? 2
                          : (c >> 4) == 0xe  ? 3
                          : (c >> 3) == 0x1e ? 4
                                             : 0;
    if (n == 0 || i + n > text.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
    }
    i += n;
  }
  return true;
}
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

std::string pg_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (const char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
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

std::string_view trim_view(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

std::string contains_pattern(std::string_view text) {
  std::string out = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

asio::awaitable<void> audit_by(db::Database& db, std::string_view event,
                               std::optional<std::string> user_id, const http::RequestContext& rc,
                               const boost::json::object& detail) {
  const std::string actor = rc.principal ? rc.principal->user_id : std::string();
  const std::string client = rc.client.to_string();
  const std::string detail_json = boost::json::serialize(detail);
  co_await db.query(kAuditBy, event, user_id, actor, client, detail_json);
}

boost::json::object user_json(const db::Result& rows, int row) {
  boost::json::object user{{"id", rows.text(row, "id")},
                           {"email", rows.text(row, "email")},
                           {"name", rows.text(row, "name")},
                           {"role", rows.text(row, "role")},
                           {"status", rows.text(row, "status")},
                           {"email_verified", rows.boolean(row, rows.column("email_verified"))},
                           {"mfa_enabled", rows.boolean(row, rows.column("mfa_enabled"))},
                           {"created_at", rows.text(row, "created_at")}};
  if (auto at = rows.optional_text(row, "last_sign_in_at")) {
    user["last_sign_in_at"] = *at;
  } else {
    user["last_sign_in_at"] = nullptr;
  }
  return user;
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

const boost::json::object& object_body(const boost::json::value& body) {
  if (!body.is_object()) throw Error(Errc::validation_failed, "Send a JSON object.");
  return body.as_object();
}

}  // namespace sn::admin
