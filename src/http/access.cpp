#include "http/access.hpp"

namespace sn::http {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::learner:
      return "learner";
    case Role::instructor:
      return "instructor";
    case Role::admin:
      return "admin";
  }
  return "learner";
}

std::optional<Role> parse_role(std::string_view text) {
  for (auto role : {Role::learner, Role::instructor, Role::admin}) {
    if (text == to_string(role)) return role;
  }
  return std::nullopt;
}

Access::Verdict Access::check(const std::optional<Principal>& caller) const {
  if (is_public()) return Verdict::allowed;
  if (!caller) return Verdict::unauthenticated;
  if (kind_ == Kind::signed_in) return Verdict::allowed;
  if (caller->role < role_) return Verdict::forbidden;
  // Admins must enrol in MFA before they reach admin routes (their own settings stay open).
  if (role_ == Role::admin && !caller->second_factor) return Verdict::needs_second_factor;
  return Verdict::allowed;
}

std::string Access::describe() const {
  switch (kind_) {
    case Kind::anyone:
      return "anyone";
    case Kind::anyone_identified:
      return "anyone, identified";
    case Kind::signed_link:
      return "signed link";
    case Kind::signed_in:
      return "signed in";
    case Kind::role:
      return std::string(to_string(role_));
  }
  return "anyone";
}

}  // namespace sn::http
