#include "identity/password.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace sn::identity {
namespace {

TEST(PasswordPolicy, LengthInCharactersNotBytes) {
  const auto& policy = default_password_policy();
  EXPECT_TRUE(policy.problem("short7!"));
  EXPECT_FALSE(policy.problem("plum tree 42"));
  // Eight characters, sixteen bytes: accepted.
  EXPECT_FALSE(policy.problem("ÄÖÜäöüßé"));
  EXPECT_EQ(count_characters("ÄÖÜäöüßé"), 8u);
  EXPECT_FALSE(policy.problem(std::string(200, 'x') + "a long passphrase"));
  EXPECT_TRUE(policy.problem(std::string(1025, 'y')));
}

TEST(PasswordPolicy, RejectsCommonPasswordsWhateverTheCase) {
  const auto& policy = default_password_policy();
  EXPECT_GT(policy.common.size(), 10000u);
  for (auto common : {"password", "PASSWORD", "12345678", "baseball", "iloveyou"}) {
    EXPECT_TRUE(policy.problem(common)) << common;
  }
  EXPECT_FALSE(policy.problem("correct horse battery staple"));
}

TEST(PasswordHasher, Argon2idRoundTripWithSaltAndParameters) {
  PasswordHasher hasher(1, {.opslimit = 2, .memlimit = 8 * 1024 * 1024});
  const auto a = hasher.hash_now("plum tree 42");
  const auto b = hasher.hash_now("plum tree 42");
  EXPECT_TRUE(a.starts_with("$argon2id$v=19$m=8192,t=2,p=1$")) << a;
  EXPECT_NE(a, b);  // salted
  EXPECT_TRUE(hasher.verify_now(a, "plum tree 42"));
  EXPECT_FALSE(hasher.verify_now(a, "plum tree 43"));
  // No truncation: a difference at character 100 matters.
  const std::string long_one(120, 'q');
  auto other = long_one;
  other[100] = 'r';
  EXPECT_FALSE(hasher.verify_now(hasher.hash_now(long_one), other));
  EXPECT_FALSE(hasher.needs_rehash(a));
  PasswordHasher stronger(1, {.opslimit = 3, .memlimit = 8 * 1024 * 1024});
  EXPECT_TRUE(stronger.needs_rehash(a));
}

TEST(PasswordHasher, HashesOffTheCallingThread) {
  PasswordHasher hasher(1, {.opslimit = 1, .memlimit = 8 * 1024 * 1024});
  boost::asio::io_context ioc;
  auto caller = std::this_thread::get_id();
  auto result = boost::asio::co_spawn(
      ioc,
      [&]() -> boost::asio::awaitable<bool> {
        auto stored = co_await hasher.hash("plum tree 42");
        EXPECT_TRUE(std::this_thread::get_id() == caller);  // resumed where it started
        co_return co_await hasher.verify(stored, "plum tree 42");
      },
      boost::asio::use_future);
  ioc.run();
  EXPECT_TRUE(result.get());
}

}  // namespace
}  // namespace sn::identity
