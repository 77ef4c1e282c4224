#pragma once
// Issuing certificates, called from the completion step inside its transaction.

#include <boost/asio/awaitable.hpp>
#include <string>

#include "db/database.hpp"

namespace sn::certificates {

// A fresh verification code: "SN-" and four groups of four Crockford base32 characters from 80
// random bits, e.g. SN-7K2M-9QXD-4TRB-W8HF (no I, L, O or U to misread).
std::string new_code();

// The learner's certificate for the course, issued now unless they already hold one (a course
// completed twice keeps its first certificate). Returns its code.
boost::asio::awaitable<std::string> issue_for_course(db::Transaction& tx, std::string user_id,
                                                     std::string course_id);
// The same for a learning path.
boost::asio::awaitable<std::string> issue_for_path(db::Transaction& tx, std::string user_id,
                                                   std::string path_id);

}  // namespace sn::certificates
