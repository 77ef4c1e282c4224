#include "quizzes/quiz_routes.hpp"

#include <boost/json/parse.hpp>
#include <cstdlib>

#include "core/error.hpp"
#include "http/inputs.hpp"
#include "quizzes/quiz_common.hpp"

namespace sn::quizzes {

void register_routes(http::Router& router, learning::LearningContext& ctx) {
  register_bank_routes(router, ctx);
  register_attempt_routes(router, ctx);
}

std::string id_param(const http::RequestContext& rc, std::string_view name, const char* what) {
  const auto id = rc.param(name);
  if (!http::is_uuid(id)) throw Error(Errc::not_found, what);
  return std::string(id);
}

std::optional<int> optional_int(const boost::json::object& body, std::string_view key, int min,
                                int max) {
  const auto* value = body.if_contains(key);
  if (!value || value->is_null()) return std::nullopt;
  std::optional<std::int64_t> number;
  if (value->is_int64()) number = value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(max)) {
    number = static_cast<std::int64_t>(value->as_uint64());
  }
  if (!number || *number < min || *number > max) {
    throw Error(Errc::validation_failed,
                "\"" + std::string(key) + "\" must be a whole number from " + std::to_string(min) +
                    " to " + std::to_string(max) + ".");
  }
  return static_cast<int>(*number);
}

std::optional<bool> optional_bool(const boost::json::object& body, std::string_view key) {
  const auto* value = body.if_contains(key);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_bool()) {
    throw Error(Errc::validation_failed, "\"" + std::string(key) + "\" must be true or false.");
  }
  return value->as_bool();
}

boost::json::value parse_stored(std::string_view text) {
  return boost::json::parse(text);
}

boost::json::value stored_number(std::optional<std::string> text) {
  if (!text) return nullptr;
  return std::strtod(text->c_str(), nullptr);
}

}  // namespace sn::quizzes
