#pragma once
// A QR code as a small SVG document (libqrencode makes the matrix), for the otpauth:// link an
// authenticator app scans during MFA enrolment. Rendered on the server so the page needs no
// script library and the secret never leaves the response it was created for.

#include <string>
#include <string_view>

namespace sn::identity {

// Throws std::runtime_error if the text does not fit in a QR code.
std::string qr_svg(std::string_view text);

}  // namespace sn::identity
