#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace sn {

// SHA-256 of `data` as 64 lower-case hex digits (OpenSSL).
std::string sha256_hex(std::string_view data);
// The same over a whole file, read in 1 MiB pieces (blocking: run it off the I/O threads).
// Throws std::system_error when the file cannot be read.
std::string sha256_file(const std::filesystem::path& path);

// A digest over bytes that arrive in pieces (an upload, a file being copied): SHA-256, or SHA-1
// where a protocol asks for it (tus checksums).
class Digest {
 public:
  // "sha256" or "sha1"; throws std::invalid_argument for anything else.
  explicit Digest(std::string_view algorithm = "sha256");
  ~Digest();
  Digest(Digest&&) noexcept;
  Digest& operator=(Digest&&) noexcept;
  void update(std::string_view bytes);
  // The raw digest bytes; the object is spent afterwards.
  std::string finish();
  // The same as lower-case hex.
  std::string hex_digest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sn
