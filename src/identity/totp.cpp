#include "identity/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <boost/url/url.hpp>
#include <cctype>

namespace sn::identity::totp {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Compares without an early exit, so timing says nothing about how much of a code was right.
bool equal_codes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::vector<std::uint8_t> new_secret() {
  std::vector<std::uint8_t> secret(kSecretBytes);
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string base32_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (auto byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text) {
  std::vector<std::uint8_t> out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ' || c == '=' || c == '-') continue;
    const auto at = kAlphabet.find(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (at == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(at);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>(buffer >> (bits - 8)));
      bits -= 8;
    }
  }
  return out;
}

std::int64_t step_at(std::int64_t unix_seconds) {
  return unix_seconds / kStepSeconds;
}

std::string code_at_step(std::span<const std::uint8_t> secret, std::int64_t step, int digits) {
  std::uint8_t counter[8];
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<std::uint8_t>(step & 0xff);
    step >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter, sizeof counter, mac,
       &mac_size);
  // RFC 4226 §5.3 dynamic truncation.
  const int offset = mac[mac_size - 1] & 0x0f;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i)
    modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::optional<std::int64_t> match(std::span<const std::uint8_t> secret, std::string_view code,
                                  std::int64_t unix_seconds,
                                  std::optional<std::int64_t> last_used_step) {
  if (code.size() != static_cast<std::size_t>(kDigits)) return std::nullopt;
  const auto now = step_at(unix_seconds);
  std::optional<std::int64_t> found;
  // Every candidate is computed, so the time taken does not depend on which one matched.
  for (std::int64_t step = now - 1; step <= now + 1; ++step) {
    const bool fresh = !last_used_step || step > *last_used_step;
    if (equal_codes(code_at_step(secret, step), code) && fresh && !found) found = step;
  }
  return found;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::span<const std::uint8_t> secret) {
  boost::urls::url url;
  url.set_scheme("otpauth");
  url.set_encoded_host("totp");
  url.set_path("/" + std::string(issuer) + ":" + std::string(account));
  auto params = url.params();
  params.append({"secret", base32_encode(secret)});
  params.append({"issuer", issuer});
  params.append({"algorithm", "SHA1"});
  params.append({"digits", std::to_string(kDigits)});
  params.append({"period", std::to_string(kStepSeconds)});
  return std::string(url.buffer());
}

}  // namespace sn::identity::totp
