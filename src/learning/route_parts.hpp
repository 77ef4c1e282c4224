#pragma once
// The learning routes, split by job; learning_routes.cpp registers them all. Also what several
// of them share: reading ids and timestamps from a request.

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "http/router.hpp"
#include "learning/context.hpp"

namespace sn::learning {

void register_enrolment_routes(http::Router& router, LearningContext& ctx);
void register_lesson_routes(http::Router& router, LearningContext& ctx);
void register_dashboard_routes(http::Router& router, LearningContext& ctx);
void register_learners_routes(http::Router& router, LearningContext& ctx);

// A path parameter that must be a uuid: 404 with `what` ("No such lesson.") otherwise.
std::string uuid_param(const http::RequestContext& rc, std::string_view name,
                       std::string_view not_found);

// Whether `text` looks like an RFC 3339 date-time with an offset (2026-05-01T17:00:00Z). Calendar
// validity beyond ranges (30 February) is left to PostgreSQL's cast, mapped to 422 by callers.
bool is_rfc3339(std::string_view text);

// The optional field `key` as an RFC 3339 timestamp: absent or null → nullopt, else 422 unless
// valid.
std::optional<std::string> optional_timestamp(const boost::json::object& body,
                                              std::string_view key);

// PostgreSQL refused a value's format or range (22xxx: a date like 2026-02-30).
bool bad_value(const std::exception& e);

}  // namespace sn::learning
