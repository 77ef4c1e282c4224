#pragma once
// Whether a learner may not yet open lessons of a section: its course's rule is that a section
// with `requires_previous` stays locked until every required lesson of the section before it is
// complete. Kept here, small and local, until the learning slice's shared helper lands; then the
// quiz routes should call that one instead.

#include <boost/asio/awaitable.hpp>
#include <string>

#include "db/database.hpp"

namespace sn::quizzes {

boost::asio::awaitable<bool> section_locked(db::Transaction& tx, std::string user_id,
                                            std::string section_id);

}  // namespace sn::quizzes
