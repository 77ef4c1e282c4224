#pragma once
// Encrypts small secrets kept in the database (TOTP seeds) with a key derived from the server's
// secret key (SKILLNEXUS_SECRET_KEY), so a copy of the database alone cannot mint codes.
// libsodium's secretbox: XSalsa20-Poly1305, a random nonce per message, tampering detected.

#include <sodium.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sn::identity {

// A key for one purpose, derived from the server's secret: BLAKE2b keyed by the secret, over the
// purpose. The same secret gives unrelated keys for unrelated uses.
void derive_key(std::string_view server_secret, std::string_view purpose,
                std::span<unsigned char> key);

class SecretBox {
 public:
  // `purpose` separates keys: the same server secret gives unrelated keys for unrelated uses.
  SecretBox(std::string_view server_secret, std::string_view purpose);
  ~SecretBox();
  SecretBox(const SecretBox&) = delete;
  SecretBox& operator=(const SecretBox&) = delete;

  std::vector<std::uint8_t> seal(std::span<const std::uint8_t> plain) const;
  // nullopt if the box was made with another key or altered.
  std::optional<std::vector<std::uint8_t>> open(std::span<const std::uint8_t> sealed) const;

  // The same as base64 text, for text columns.
  std::string seal_text(std::span<const std::uint8_t> plain) const;
  std::optional<std::vector<std::uint8_t>> open_text(std::string_view sealed) const;

 private:
  std::array<unsigned char, crypto_secretbox_KEYBYTES> key_;
};

}  // namespace sn::identity
