#pragma once
// Passwords: the policy (ASVS 2.1: at least 8 characters, long ones welcome, no composition rules,
// no truncation, not one of the commonly used ones) and argon2id hashing through libsodium.
//
// Hashing costs tens of milliseconds of CPU by design, so it runs on a small thread pool of its
// own, never on an I/O thread.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace sn::identity {

struct PasswordPolicy {
  static constexpr std::size_t kMinCharacters = 8;
  static constexpr std::size_t kMaxCharacters = 1024;  // far above 64; bounds the hashing input

  // Why `password` is refused, or nullopt when it is acceptable.
  std::optional<std::string> problem(std::string_view password) const;

  // Loaded from the compiled-in list of the most common passwords.
  std::unordered_set<std::string> common;
};

const PasswordPolicy& default_password_policy();

// Unicode code points in valid UTF-8 (a malformed string counts each stray byte).
std::size_t count_characters(std::string_view utf8);

struct Argon2Params {
  // OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (libsodium's only parallelism).
  unsigned long long opslimit = 2;
  std::size_t memlimit = 19 * 1024 * 1024;
};

class PasswordHasher {
 public:
  explicit PasswordHasher(unsigned threads, Argon2Params params = {});
  ~PasswordHasher();

  // "$argon2id$v=19$m=19456,t=2,p=1$…": parameters and salt travel inside the string.
  boost::asio::awaitable<std::string> hash(std::string password);
  boost::asio::awaitable<bool> verify(std::string stored, std::string password);
  // True when `stored` was made with other parameters and should be replaced on next sign-in.
  bool needs_rehash(const std::string& stored) const;

  // Synchronous versions, for the command line and tests.
  std::string hash_now(std::string_view password) const;
  bool verify_now(const std::string& stored, std::string_view password) const;

  const Argon2Params& params() const { return params_; }

 private:
  Argon2Params params_;
  boost::asio::thread_pool pool_;
};

}  // namespace sn::identity
