#pragma once
// What an email address must look like before we store it or send mail to it: one @, a local
// part of 1..64 characters, a dotted domain, no spaces, controls or characters that mean
// something in a header. Deliverability itself is what a mailed link proves.

#include <optional>
#include <string>
#include <string_view>

namespace sn::identity {

// Why `email` is not acceptable ("it must contain exactly one @"), or nullopt when it is.
std::optional<std::string> email_problem(std::string_view email);

}  // namespace sn::identity
