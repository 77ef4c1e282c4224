#include "identity/email_address.hpp"

namespace sn::identity {

std::optional<std::string> email_problem(std::string_view email) {
  if (email.empty()) return "the email is empty";
  if (email.size() > 254) return "it is longer than 254 characters";
  for (const char ch : email) {
    const auto u = static_cast<unsigned char>(ch);
    if (u <= 0x20 || u == 0x7f ||
        std::string_view("\"(),:;<>[\\]").find(ch) != std::string_view::npos) {
      return "it contains a space or a character that addresses cannot have";
    }
  }
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return "it must contain exactly one @";
  }
  const auto local = email.substr(0, at);
  const auto domain = email.substr(at + 1);
  if (local.empty() || local.size() > 64) return "the part before @ must be 1 to 64 characters";
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.front() == '-' || domain.find("..") != std::string_view::npos) {
    return "the domain after @ is not valid";
  }
  return std::nullopt;
}

}  // namespace sn::identity
