#pragma once
// Who may call a route. Every route declares its rule next to its handler (RouteOptions::access);
// the pipeline checks it on the server before the handler runs. Ownership rules ("only the
// course's instructors") are checked inside the handler on top of a role rule.

#include <optional>
#include <string>
#include <string_view>

namespace sn::http {

// Ordered: each role may do what the ones before it may.
enum class Role { learner = 0, instructor = 1, admin = 2 };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

// The signed-in caller, as the authenticator found it.
struct Principal {
  std::string user_id;
  Role role = Role::learner;
  std::string session_id;  // empty for bearer tokens from an identity provider
  // Enrolled in two-factor authentication, or signed in through an identity provider (which
  // answers for its own second factor). Admin routes require it.
  bool second_factor = false;
  bool via_cookie = false;  // cookie-borne credentials need the cross-site request check
};

class Access {
 public:
  static Access anyone() { return Access(Kind::anyone, Role::learner); }
  // Open to anyone, and the caller is identified when the request carries credentials (a page
  // that shows more to signed-in users). Invalid credentials make an anonymous caller, not a 401.
  static Access anyone_identified() { return Access(Kind::anyone_identified, Role::learner); }
  static Access signed_in() { return Access(Kind::signed_in, Role::learner); }
  // Open to whoever holds a link this server signed (media URLs a CDN may cache): no session is
  // looked up; the handler checks the link's signature and refuses every other caller alike.
  static Access signed_link() { return Access(Kind::signed_link, Role::learner); }
  static Access role(Role at_least) { return Access(Kind::role, at_least); }

  enum class Verdict { allowed, unauthenticated, forbidden, needs_second_factor };
  Verdict check(const std::optional<Principal>& caller) const;

  bool is_public() const {
    return kind_ == Kind::anyone || kind_ == Kind::anyone_identified || kind_ == Kind::signed_link;
  }
  // Whether the pipeline looks up the caller before the handler runs.
  bool wants_caller() const { return kind_ != Kind::anyone && kind_ != Kind::signed_link; }
  // "anyone", "anyone, identified", "signed link", "signed in", "instructor"
  std::string describe() const;

 private:
  enum class Kind { anyone, anyone_identified, signed_link, signed_in, role };
  Access(Kind kind, Role role) : kind_(kind), role_(role) {}
  Kind kind_;
  Role role_;
};

}  // namespace sn::http
