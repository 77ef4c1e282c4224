#include "core/error.hpp"

#include <array>

namespace sn {
namespace {

using boost::beast::http::status;

struct Row {
  Errc errc;
  ErrorInfo info;
};

constexpr std::array kErrorTable{
    Row{Errc::bad_request, {status::bad_request, "bad_request", "Bad request"}},
    Row{Errc::invalid_json, {status::bad_request, "invalid_json", "The body is not valid JSON"}},
    Row{Errc::validation_failed,
        {status::unprocessable_entity, "validation_failed", "The request has invalid fields"}},
    Row{Errc::unauthenticated, {status::unauthorized, "unauthenticated", "Sign-in is required"}},
    Row{Errc::forbidden, {status::forbidden, "forbidden", "Not allowed"}},
    Row{Errc::not_found, {status::not_found, "not_found", "Not found"}},
    Row{Errc::method_not_allowed,
        {status::method_not_allowed, "method_not_allowed", "Method not allowed"}},
    Row{Errc::conflict, {status::conflict, "conflict", "Conflict"}},
    Row{Errc::payload_too_large,
        {status::payload_too_large, "payload_too_large", "The body is too large"}},
    Row{Errc::unsupported_media_type,
        {status::unsupported_media_type, "unsupported_media_type",
         "The body's media type is not accepted"}},
    Row{Errc::header_too_large,
        {status::request_header_fields_too_large, "header_too_large",
         "The request header is too large"}},
    Row{Errc::rate_limited, {status::too_many_requests, "rate_limited", "Too many requests"}},
    Row{Errc::internal, {status::internal_server_error, "internal", "Internal error"}},
    Row{Errc::database_unavailable,
        {status::service_unavailable, "database_unavailable", "The database is unavailable"}},
    Row{Errc::not_ready, {status::service_unavailable, "not_ready", "Not ready"}},
    Row{Errc::too_many_connections,
        {status::service_unavailable, "too_many_connections", "The server is at capacity"}},
    Row{Errc::invalid_credentials,
        {status::unauthorized, "invalid_credentials", "The email or password is wrong"}},
    Row{Errc::invalid_token,
        {status::bad_request, "invalid_token", "The link is invalid, used or expired"}},
    Row{Errc::cross_site_request,
        {status::forbidden, "cross_site_request", "The request did not come from this site"}},
    Row{Errc::mfa_required,
        {status::unauthorized, "mfa_required", "Enter the code from your authenticator app"}},
    Row{Errc::mfa_enrolment_required,
        {status::forbidden, "mfa_enrolment_required",
         "Set up two-factor authentication to continue"}},
    Row{Errc::signup_closed, {status::forbidden, "signup_closed", "Sign-up is by invitation"}},
    Row{Errc::email_not_verified,
        {status::forbidden, "email_not_verified", "Verify your email address first"}},
    Row{Errc::mail_unavailable,
        {status::service_unavailable, "mail_unavailable", "Email cannot be sent right now"}},
    Row{Errc::identity_provider_error,
        {status::bad_gateway, "identity_provider_error", "The sign-in provider did not answer"}},
    Row{Errc::precondition_failed,
        {status::precondition_failed, "precondition_failed",
         "Someone else changed this since you loaded it"}},
    Row{Errc::precondition_required,
        {status::precondition_required, "precondition_required",
         "Send If-Match with the ETag you last read"}},
    Row{Errc::course_incomplete,
        {status::unprocessable_entity, "course_incomplete", "The course is not ready to publish"}},
    Row{Errc::prerequisites_not_met,
        {status::conflict, "prerequisites_not_met", "Complete the required courses first"}},
    Row{Errc::enrolment_closed,
        {status::forbidden, "enrolment_closed", "This course is open by assignment only"}},
    Row{Errc::not_enrolled, {status::forbidden, "not_enrolled", "Enrol in the course first"}},
    Row{Errc::lesson_locked,
        {status::forbidden, "lesson_locked", "Finish the previous section first"}},
    Row{Errc::attempts_exhausted,
        {status::conflict, "attempts_exhausted", "No attempts left for this quiz"}},
    Row{Errc::attempt_closed,
        {status::conflict, "attempt_closed", "This attempt has already been submitted"}},
    Row{Errc::media_link_invalid,
        {status::forbidden, "media_link_invalid", "This media link is not valid"}},
    Row{Errc::media_link_expired,
        {status::forbidden, "media_link_expired", "This media link has expired"}},
    Row{Errc::range_not_satisfiable,
        {status::range_not_satisfiable, "range_not_satisfiable", "The range is not satisfiable"}},
    Row{Errc::quota_exceeded,
        {status::payload_too_large, "quota_exceeded", "Your storage quota would be exceeded"}},
    Row{Errc::upload_rejected,
        {status::unprocessable_entity, "upload_rejected", "The file was not accepted"}},
    // tus 1.0's checksum extension defines 460 for a chunk that does not match its checksum.
    Row{Errc::checksum_mismatch,
        {static_cast<status>(460), "checksum_mismatch", "The chunk does not match its checksum"}},
    Row{Errc::upload_busy,
        {status::locked, "upload_busy", "Another request is writing this upload"}},
};

}  // namespace

const ErrorInfo& error_info(Errc errc) {
  for (const auto& row : kErrorTable) {
    if (row.errc == errc) return row.info;
  }
  return error_info(Errc::internal);
}

}  // namespace sn
