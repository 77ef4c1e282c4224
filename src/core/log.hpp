#pragma once
// Structured logs: one JSON object per line on stdout, written with a single write(2) so lines
// from different threads never interleave.

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

namespace sn::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

std::optional<Level> parse_level(std::string_view text);
void set_level(Level level);
bool enabled(Level level);

// Writes {"time":…, "level":…, "msg":…, …fields}. Never pass secrets in fields.
void write(Level level, std::string_view msg, boost::json::object fields = {});

inline void debug(std::string_view msg, boost::json::object fields = {}) {
  if (enabled(Level::debug)) write(Level::debug, msg, std::move(fields));
}
inline void info(std::string_view msg, boost::json::object fields = {}) {
  if (enabled(Level::info)) write(Level::info, msg, std::move(fields));
}
inline void warn(std::string_view msg, boost::json::object fields = {}) {
  if (enabled(Level::warn)) write(Level::warn, msg, std::move(fields));
}
inline void error(std::string_view msg, boost::json::object fields = {}) {
  write(Level::error, msg, std::move(fields));
}

}  // namespace sn::log
