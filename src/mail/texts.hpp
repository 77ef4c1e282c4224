#pragma once
// Every message the server writes, in one place: wording, subject and link shape. Links carry
// their token in the fragment (#token=…), which browsers never send, so it stays out of logs.

#include <string>

#include "mail/mailer.hpp"

namespace sn::mail::texts {

// `base` is the public URL without a trailing slash; `token` the single-use secret.
std::string link(const std::string& base, const std::string& page, const std::string& token);

Message verify_email(const std::string& to, const std::string& link);
// Sign-up with an address that already has an account: no second account, a way back in.
Message already_registered(const std::string& to, const std::string& reset_link);
Message password_reset(const std::string& to, const std::string& link);
// Sent to the new address; the change happens when the link is followed.
Message confirm_new_email(const std::string& to, const std::string& link);
// Sent to the old address once the change is done.
Message email_changed(const std::string& old_address, const std::string& new_address);

}  // namespace sn::mail::texts
