#include "identity/secret_box.hpp"

#include <stdexcept>

namespace sn::identity {

void derive_key(std::string_view server_secret, std::string_view purpose,
                std::span<unsigned char> key) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::array<unsigned char, crypto_generichash_KEYBYTES_MAX> derivation_key{};
  crypto_generichash(derivation_key.data(), derivation_key.size(),
                     reinterpret_cast<const unsigned char*>(server_secret.data()),
                     server_secret.size(), nullptr, 0);
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(purpose.data()),
                     purpose.size(), derivation_key.data(), derivation_key.size());
  sodium_memzero(derivation_key.data(), derivation_key.size());
}

SecretBox::SecretBox(std::string_view server_secret, std::string_view purpose) {
  derive_key(server_secret, purpose, key_);
}

SecretBox::~SecretBox() {
  sodium_memzero(key_.data(), key_.size());
}

std::vector<std::uint8_t> SecretBox::seal(std::span<const std::uint8_t> plain) const {
  std::vector<std::uint8_t> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                plain.size());
  randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES, plain.data(), plain.size(),
                        out.data(), key_.data());
  return out;
}

std::optional<std::vector<std::uint8_t>> SecretBox::open(
    std::span<const std::uint8_t> sealed) const {
  if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  std::vector<std::uint8_t> plain(sealed.size() - crypto_secretbox_NONCEBYTES -
                                  crypto_secretbox_MACBYTES);
  if (crypto_secretbox_open_easy(plain.data(), sealed.data() + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, sealed.data(),
                                 key_.data()) != 0) {
    return std::nullopt;
  }
  return plain;
}

std::string SecretBox::seal_text(std::span<const std::uint8_t> plain) const {
  const auto sealed = seal(plain);
  std::string out(sodium_base64_encoded_len(sealed.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), sealed.data(), sealed.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::vector<std::uint8_t>> SecretBox::open_text(std::string_view sealed) const {
  std::vector<std::uint8_t> bytes(sealed.size());
  std::size_t length = 0;
  if (sodium_base642bin(bytes.data(), bytes.size(), sealed.data(), sealed.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  bytes.resize(length);
  return open(bytes);
}

}  // namespace sn::identity
