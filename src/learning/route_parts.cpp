#include "learning/route_parts.hpp"

#include <cctype>

#include "core/error.hpp"
#include "db/result.hpp"
#include "http/inputs.hpp"

namespace sn::learning {
namespace {

bool digits(std::string_view text, std::size_t from, std::size_t count, int low, int high) {
  if (from + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    value = value * 10 + (text[i] - '0');
  }
  return value >= low && value <= high;
}

}  // namespace

std::string uuid_param(const http::RequestContext& rc, std::string_view name,
                       std::string_view not_found) {
  const auto id = rc.param(name);
  if (!http::is_uuid(id)) throw Error(Errc::not_found, std::string(not_found));
  return std::string(id);
}

bool is_rfc3339(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
  if (t.size() < 20 || t.size() > 40) return false;
  if (!digits(t, 0, 4, 1, 9999) || t[4] != '-' || !digits(t, 5, 2, 1, 12) || t[7] != '-' ||
      !digits(t, 8, 2, 1, 31) || (t[10] != 'T' && t[10] != 't') || !digits(t, 11, 2, 0, 23) ||
      t[13] != ':' || !digits(t, 14, 2, 0, 59) || t[16] != ':' || !digits(t, 17, 2, 0, 60)) {
    return false;
  }
  std::size_t i = 19;
  if (i < t.size() && t[i] == '.') {
    ++i;
    const auto start = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])))
      ++i;
    if (i == start || i - start > 9) return false;
  }
  if (i == t.size()) return false;
  if (t[i] == 'Z' || t[i] == 'z') return i + 1 == t.size();
  if (t[i] != '+' && t[i] != '-') return false;
  return t.size() == i + 6 && digits(t, i + 1, 2, 0, 23) && t[i + 3] == ':' &&
         digits(t, i + 4, 2, 0, 59);
}

std::optional<std::string> optional_timestamp(const boost::json::object& body,
                                              std::string_view key) {
  const auto* value = body.if_contains(key);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_string() || !is_rfc3339(value->as_string())) {
    throw Error(Errc::validation_failed, "\"" + std::string(key) +
                                             "\" must be an RFC 3339 date-time such as "
                                             "2026-05-01T17:00:00Z.");
  }
  return std::string(value->as_string());
}

bool bad_value(const std::exception& e) {
  const auto* query_error = dynamic_cast<const db::QueryError*>(&e);
  return query_error && query_error->sqlstate().starts_with("22");
}

}  // namespace sn::learning
