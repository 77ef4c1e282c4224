#pragma once
// Typed errors that handlers throw. Each carries an Errc; kErrorTable in error.cpp is the one place
// that maps an Errc to its HTTP status and stable problem code.

#include <boost/beast/http/status.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sn {

enum class Errc {
  bad_request,
  invalid_json,
  validation_failed,
  unauthenticated,
  forbidden,
  not_found,
  method_not_allowed,
  conflict,
  payload_too_large,
  unsupported_media_type,
  header_too_large,
  rate_limited,
  internal,
  database_unavailable,
  not_ready,
  too_many_connections,
  invalid_credentials,
  invalid_token,
  cross_site_request,
  mfa_required,
  mfa_enrolment_required,
  signup_closed,
  email_not_verified,
  mail_unavailable,
  identity_provider_error,
  precondition_failed,
  precondition_required,
  course_incomplete,
  prerequisites_not_met,
  enrolment_closed,
  not_enrolled,
  lesson_locked,
  attempts_exhausted,
  attempt_closed,
  media_link_invalid,
  media_link_expired,
  range_not_satisfiable,
  quota_exceeded,
  upload_rejected,
  checksum_mismatch,
  upload_busy,
};

struct ErrorInfo {
  boost::beast::http::status status;
  std::string_view code;   // stable, machine-readable; part of the API contract
  std::string_view title;  // short human summary; the same for every occurrence
};

const ErrorInfo& error_info(Errc errc);

// An error that becomes an RFC 9457 problem response. `detail` is shown to the client, so it must
// never hold internals (SQL, paths, secrets).
class Error : public std::runtime_error {
 public:
  using Header = std::pair<std::string, std::string>;

  Error(Errc errc, std::string detail, std::vector<Header> headers = {})
      : std::runtime_error(detail), errc_(errc), headers_(std::move(headers)) {}

  // Extension members of the problem document beside the standard ones, as the text of a JSON
  // object: `throw Error(…).with_members(R"({"problems": […]})")`.
  Error& with_members(std::string json_object) {
    members_ = std::move(json_object);
    return *this;
  }

  Errc errc() const { return errc_; }
  const ErrorInfo& info() const { return error_info(errc_); }
  std::string_view detail() const { return what(); }
  const std::vector<Header>& headers() const { return headers_; }
  const std::string& members() const { return members_; }

 private:
  Errc errc_;
  std::vector<Header> headers_;
  std::string members_;
};

}  // namespace sn
