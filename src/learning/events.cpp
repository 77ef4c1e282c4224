#include "learning/events.hpp"

#include <boost/json/serialize.hpp>

namespace sn::learning {

namespace {

constexpr db::Query kRecord{
    "learning.record_event",
    "INSERT INTO learning_events (actor_id, verb, object_type, object_id, course_id, result, "
    "context) VALUES ($1::uuid, $2, $3, $4::uuid, $5::uuid, $6::jsonb, $7::jsonb)"};

std::optional<std::string> json_text(const std::optional<boost::json::object>& value) {
  if (!value) return std::nullopt;
  return boost::json::serialize(*value);
}

}  // namespace

boost::asio::awaitable<void> record(db::Transaction& tx, Statement s) {
  co_await tx.execute(kRecord, s.actor_id, s.verb, s.object_type, s.object_id, s.course_id,
                      json_text(s.result), json_text(s.context));
}

}  // namespace sn::learning
