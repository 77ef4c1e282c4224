#include "identity/tokens.hpp"

#include <sodium.h>

#include "core/hash.hpp"

namespace sn::identity {

IssuedToken issue_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  IssuedToken issued{text, ""};
  issued.hash = token_hash(issued.token);
  return issued;
}

std::string token_hash(std::string_view token) {
  return sha256_hex(token);
}

}  // namespace sn::identity
