#include "mail/texts.hpp"

namespace sn::mail::texts {
namespace {

const char* const kSignature =
    "\n-- \nSkillNexus. This message was sent automatically; replies are not read.\n";

// No names in the text: anyone can sign up with any address, and a name they chose must not
// turn our mail into their message.
std::string greeting() {
  return "Hello,\n\n";
}

}  // namespace

std::string link(const std::string& base, const std::string& page, const std::string& token) {
  return base + "/" + page + "#token=" + token;
}

Message verify_email(const std::string& to, const std::string& link) {
  return {.to = to,
          .subject = "Confirm your email address",
          .text = greeting() +
                  "Please confirm that this is your email address, so that you can sign in to "
                  "SkillNexus:\n\n  " +
                  link +
                  "\n\nThe link works once, within 24 hours. If you did not sign up, ignore this "
                  "message: no account will be usable without this link.\n" +
                  kSignature,
          .link = link};
}

Message already_registered(const std::string& to, const std::string& reset_link) {
  return {.to = to,
          .subject = "You already have a SkillNexus account",
          .text = greeting() +
                  "Someone, probably you, tried to sign up with this address, but it already "
                  "belongs to an account. No second account was created.\n\nIf you forgot your "
                  "password, choose a new one here (the link works once, within 1 hour):\n\n  " +
                  reset_link + "\n\nOtherwise you can ignore this message.\n" + kSignature,
          .link = reset_link};
}

Message password_reset(const std::string& to, const std::string& link) {
  return {.to = to,
          .subject = "Reset your SkillNexus password",
          .text = greeting() + "Choose a new password for your account here:\n\n  " + link +
                  "\n\nThe link works once, within 1 hour. Setting a new password signs you out "
                  "everywhere. If you did not ask for this, ignore this message: your password "
                  "stays as it is.\n" +
                  kSignature,
          .link = link};
}

Message confirm_new_email(const std::string& to, const std::string& link) {
  return {.to = to,
          .subject = "Confirm your new email address",
          .text = greeting() +
                  "Please confirm that you want to use this address to sign in to SkillNexus:"
                  "\n\n  " +
                  link +
                  "\n\nThe link works once, within 24 hours. Until then your account keeps its "
                  "current address. If you did not ask for this, ignore this message.\n" +
                  kSignature,
          .link = link};
}

Message email_changed(const std::string& old_address, const std::string& new_address) {
  return {.to = old_address,
          .subject = "Your SkillNexus email address was changed",
          .text = greeting() + "The address you use to sign in to SkillNexus was changed from " +
                  old_address + " to " + new_address +
                  ". Messages about your account now go to the new address.\n\nIf you did not do "
                  "this, contact your SkillNexus administrator at once.\n" +
                  kSignature,
          .link = {}};
}

}  // namespace sn::mail::texts
