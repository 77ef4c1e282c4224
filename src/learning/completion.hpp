#pragma once
// Completing a lesson, the one way every lesson kind completes (a video past its threshold, an
// article read or marked, a quiz passed). Inside the caller's transaction it records the lesson,
// recounts the enrolment's progress and, when the last required lesson is done, completes the
// course, issues its certificate and advances the learner's learning paths: all or nothing.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace sn::learning {

struct CompletionOutcome {
  bool lesson_completed_now = false;  // false: it was already complete (a retry changes nothing)
  bool course_completed_now = false;
  int progress_percent = 0;                     // the course's, after this change
  std::optional<std::string> certificate_code;  // issued now
};

// The caller has checked that the learner may take the lesson (enrolled, not locked). `result`
// goes into the learning event (a quiz's score, a video's watched share).
boost::asio::awaitable<CompletionOutcome> complete_lesson(
    db::Transaction& tx, std::string user_id, std::string course_id, std::string lesson_id,
    std::optional<boost::json::object> result = std::nullopt);

// Recounts one learner's progress in a course (after lessons were added or removed, or a lesson
// completed) inside `tx`. Completes the course when every required lesson is done.
boost::asio::awaitable<CompletionOutcome> recount_course(db::Transaction& tx, std::string user_id,
                                                         std::string course_id);

// Recounts every enrolment of a course after its required lessons changed (a lesson added,
// removed or made optional), inside the editing transaction: one statement for all learners.
// Learners whom the change leaves with every required lesson done complete the course (with its
// certificate and learning paths) as if they had just finished it.
boost::asio::awaitable<void> recount_enrolments(db::Transaction& tx, std::string course_id);

}  // namespace sn::learning
