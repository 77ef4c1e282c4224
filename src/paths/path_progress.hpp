#pragma once
// Learning-path progress follows course completions: called by the completion step inside its
// transaction.

#include <boost/asio/awaitable.hpp>
#include <string>

#include "db/database.hpp"

namespace sn::paths {

// Recounts the learner's enrolled paths that contain `course_id`; a path whose every course is
// now complete is completed and its certificate issued.
boost::asio::awaitable<void> course_completed(db::Transaction& tx, std::string user_id,
                                              std::string course_id);

// Recounts one path of the learner (after they enrol in it): if every course of it is already
// complete, the path completes now and its certificate is issued. Returns whether it completed now.
boost::asio::awaitable<bool> recount_path(db::Transaction& tx, std::string user_id,
                                          std::string path_id);

// A path's courses are about to become `course_ids` (a uuid[] literal): enrols everyone in the
// path in its published courses that are new to it. Call before the list is stored.
boost::asio::awaitable<void> enrol_path_learners_in_new_courses(db::Transaction& tx,
                                                                std::string path_id,
                                                                std::string course_ids);

// After a path's courses changed: recounts every learner of the path in one statement; those the
// change leaves with every course complete complete the path (event and certificate). A path
// once completed stays completed.
boost::asio::awaitable<void> recount_path_learners(db::Transaction& tx, std::string path_id);

}  // namespace sn::paths
