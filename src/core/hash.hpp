#pragma once

#include <string>
#include <string_view>

namespace sn {

// SHA-256 of `data` as 64 lower-case hex digits (OpenSSL).
std::string sha256_hex(std::string_view data);

}  // namespace sn
