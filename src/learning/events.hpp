#pragma once
// The learning-event stream: every learning action is appended to `learning_events` as an
// xAPI-shaped statement (actor, verb, object, result, context, timestamp, id), in the transaction
// of the change it records, so the stream and the state never disagree. Analytics reads it.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace sn::learning {

struct Statement {
  std::string actor_id;     // the learner
  std::string verb;         // enrolled, withdrawn, launched, progressed, completed, attempted,
                            // passed, failed, earned, …
  std::string object_type;  // course, lesson, quiz, certificate, path
  std::string object_id;
  std::optional<std::string> course_id;       // context: the course, when there is one
  std::optional<boost::json::object> result;  // {"score": {"scaled": 0.8}, "success": true, …}
  std::optional<boost::json::object> context;
};

boost::asio::awaitable<void> record(db::Transaction& tx, Statement statement);

}  // namespace sn::learning
