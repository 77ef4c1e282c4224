#include "core/hash.hpp"

#include <openssl/evp.h>

#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace sn {
namespace {

std::string to_hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 0xF]);
  }
  return hex;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

struct Digest::State {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~State() { EVP_MD_CTX_free(ctx); }
};

Digest::Digest(std::string_view algorithm) : state_(std::make_unique<State>()) {
  const EVP_MD* md = algorithm == "sha256" ? EVP_sha256()
                     : algorithm == "sha1" ? EVP_sha1()
                                           : nullptr;
  if (!md) throw std::invalid_argument("unsupported digest algorithm");
  if (!state_->ctx || EVP_DigestInit_ex(state_->ctx, md, nullptr) != 1) {
    throw std::runtime_error("the digest is not available");
  }
}
Digest::~Digest() = default;
Digest::Digest(Digest&&) noexcept = default;
Digest& Digest::operator=(Digest&&) noexcept = default;

void Digest::update(std::string_view bytes) {
  EVP_DigestUpdate(state_->ctx, bytes.data(), bytes.size());
}

std::string Digest::finish() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(state_->ctx, digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Digest::hex_digest() {
  return to_hex(finish());
}

std::string sha256_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::system_error(errno, std::generic_category(), "open " + path.string());
  Digest digest;
  std::string buffer(1 << 20, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    digest.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) throw std::system_error(errno, std::generic_category(), "read " + path.string());
  return digest.hex_digest();
}

}  // namespace sn
