#pragma once
// What the quiz route files share: their registration functions and small readers of request
// fields and stored JSON.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "http/router.hpp"
#include "learning/context.hpp"

namespace sn::quizzes {

// The course's question bank and each quiz's settings (owners and admins).
void register_bank_routes(http::Router& router, learning::LearningContext& ctx);
// Learners taking quizzes: attempts, saved answers, submission and grading.
void register_attempt_routes(http::Router& router, learning::LearningContext& ctx);

// `{name}` as an id, or 404 with `what` ("No such question.").
std::string id_param(const http::RequestContext& rc, std::string_view name, const char* what);

// Absent or null → nullopt; otherwise a whole number in [min, max] or 422 naming the field.
std::optional<int> optional_int(const boost::json::object& body, std::string_view key, int min,
                                int max);
// Absent or null → nullopt; otherwise true/false or 422 naming the field.
std::optional<bool> optional_bool(const boost::json::object& body, std::string_view key);

// JSON the database produced (a jsonb column as text).
boost::json::value parse_stored(std::string_view text);
// A numeric column's text as a JSON number (null when SQL NULL).
boost::json::value stored_number(std::optional<std::string> text);

}  // namespace sn::quizzes
