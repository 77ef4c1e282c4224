#include "identity/password.hpp"

#include <sodium.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <stdexcept>

#include "core/text.hpp"

namespace sn::identity {
namespace asio = boost::asio;

// The ranked list from @zxcvbn-ts/language-common (npm), embedded at build time.
extern const std::string_view kCommonPasswordsJson;

namespace {}  // namespace

std::size_t count_characters(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8)
    n += (c & 0xC0) != 0x80;
  return n;
}

std::optional<std::string> PasswordPolicy::problem(std::string_view password) const {
  const auto n = count_characters(password);
  if (n < kMinCharacters) {
    return "Use at least " + std::to_string(kMinCharacters) + " characters.";
  }
  if (n > kMaxCharacters) {
    return "Use at most " + std::to_string(kMaxCharacters) + " characters.";
  }
  if (common.contains(ascii_lower(password))) {
    return "This password is one of the most commonly used ones; choose another.";
  }
  return std::nullopt;
}

const PasswordPolicy& default_password_policy() {
  static const PasswordPolicy policy = [] {
    PasswordPolicy p;
    const auto list = boost::json::parse(kCommonPasswordsJson);
    for (const auto& entry : list.as_array()) {
      p.common.insert(ascii_lower(entry.as_string()));
    }
    return p;
  }();
  return policy;
}

PasswordHasher::PasswordHasher(unsigned threads, Argon2Params params)
    : params_(params), pool_(threads) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

PasswordHasher::~PasswordHasher() {
  pool_.join();
}

std::string PasswordHasher::hash_now(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params_.opslimit,
                            params_.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool PasswordHasher::verify_now(const std::string& stored, std::string_view password) const {
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(const std::string& stored) const {
  return crypto_pwhash_str_needs_rehash(stored.c_str(), params_.opslimit, params_.memlimit) != 0;
}

namespace {

// Plain functions with by-value parameters (copied into the coroutine frame), not capturing
// lambdas: the frame must not refer to a closure that co_spawn may have moved or destroyed.
asio::awaitable<std::string> hash_task(const PasswordHasher* hasher, std::string password) {
  co_return hasher->hash_now(password);
}

asio::awaitable<bool> verify_task(const PasswordHasher* hasher, std::string stored,
                                  std::string password) {
  co_return hasher->verify_now(stored, password);
}

}  // namespace

// While the pool works, the caller's io_context must not run out of work and return.
asio::awaitable<std::string> PasswordHasher::hash(std::string password) {
  auto keep_running = asio::make_work_guard(co_await asio::this_coro::executor);
  co_return co_await asio::co_spawn(pool_, hash_task(this, std::move(password)),
                                    asio::use_awaitable);
}

asio::awaitable<bool> PasswordHasher::verify(std::string stored, std::string password) {
  auto keep_running = asio::make_work_guard(co_await asio::this_coro::executor);
  co_return co_await asio::co_spawn(
      pool_, verify_task(this, std::move(stored), std::move(password)), asio::use_awaitable);
}

}  // namespace sn::identity
