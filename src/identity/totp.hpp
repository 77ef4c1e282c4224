#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps,
// 6 digits, the form every authenticator app reads from an otpauth:// link. Pure functions of a
// secret and a time, so tests pin the clock.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sn::identity::totp {

constexpr std::int64_t kStepSeconds = 30;
constexpr int kDigits = 6;
constexpr std::size_t kSecretBytes = 20;  // 160 bits, as RFC 4226 recommends

std::vector<std::uint8_t> new_secret();

// RFC 4648 base32 without padding (what authenticator apps expect).
std::string base32_encode(std::span<const std::uint8_t> bytes);
// Accepts lower case, spaces and padding; nullopt for anything else.
std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text);

std::int64_t step_at(std::int64_t unix_seconds);
// The code for one time step, zero-padded to `digits`.
std::string code_at_step(std::span<const std::uint8_t> secret, std::int64_t step,
                         int digits = kDigits);

// The step whose code equals `code`, looking one step either side of `unix_seconds` for clock
// drift; steps at or before `last_used_step` never match, so each code works once.
std::optional<std::int64_t> match(std::span<const std::uint8_t> secret, std::string_view code,
                                  std::int64_t unix_seconds,
                                  std::optional<std::int64_t> last_used_step);

// otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::span<const std::uint8_t> secret);

}  // namespace sn::identity::totp
