#pragma once
// A named SQL statement. Declare each one as a constant next to the feature that runs it; the
// connection prepares it on first use and reuses the plan after that.

#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sn::db {

struct Query {
  const char* name;  // unique across the program, e.g. "ops.latest_migration"
  const char* sql;   // $1, $2, … for parameters
};

// Parameters travel in text format; nullopt is SQL NULL.
using Param = std::optional<std::string>;
using Params = std::vector<Param>;

inline Param to_param(std::nullopt_t) {
  return std::nullopt;
}
inline Param to_param(bool value) {
  return std::string(value ? "t" : "f");
}
inline Param to_param(std::string value) {
  return value;
}
inline Param to_param(std::string_view value) {
  return std::string(value);
}
inline Param to_param(const char* value) {
  return std::string(value);
}
template <std::integral T>
requires(!std::same_as<T, bool>) Param to_param(T value) {
  return std::to_string(value);
}
template <typename T>
Param to_param(const std::optional<T>& value) {
  if (!value) return std::nullopt;
  return to_param(*value);
}

template <typename... Args>
Params make_params(Args&&... args) {
  Params params;
  params.reserve(sizeof...(Args));
  (params.push_back(to_param(std::forward<Args>(args))), ...);
  return params;
}

// A PostgreSQL array literal ({"a","b"}) for one text[] or uuid[] parameter: bulk statements
// take whole columns as arrays and unnest them, one statement instead of one per row.
std::string text_array(const std::vector<std::string>& values);
// A LIKE pattern that matches `text` anywhere, its own % _ and \ taken literally.
std::string like_contains(std::string_view text);

}  // namespace sn::db
