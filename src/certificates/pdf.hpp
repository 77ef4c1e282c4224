#pragma once
// The certificate as a PDF: one A4 landscape page drawn with cairo, its text laid out by pango (any
// script, wrapped to the page), rendered in memory.

#include <string>

namespace sn::certificates {

struct CertificateContent {
  std::string learner_name;
  std::string title;       // the course's or the path's, as copied at issue
  std::string kind;        // course or path
  std::string issued_on;   // the date as printed, e.g. "26 November 2026"
  std::string code;        // the verification code
  std::string verify_url;  // <public_url>/verify/<code>
  bool revoked = false;    // printed across the page, so a saved copy cannot pass as valid
};

// The PDF's bytes. Throws std::runtime_error if cairo fails.
std::string render_pdf(const CertificateContent& content);

}  // namespace sn::certificates
