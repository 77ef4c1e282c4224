#pragma once
// Growing delays after failed sign-ins, as Cognito does: from the 5th failure on an account,
// 2^(n-5) seconds, at most 15 minutes. A client address gets the same curve from its 25th
// failure: a whole company may sign in from one address, and one typo-prone colleague must not
// block everybody. Counts start over an hour after the last failure.
//
// An attempt on an account is counted before its password is checked and forgiven when it
// succeeds: parallel guesses each take a count, so a burst cannot slip many tries past the
// check (what keeps six-digit codes from being brute-forced once a password is known).

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "db/database.hpp"

namespace sn::identity {

class SignInThrottle {
 public:
  static constexpr int kAccountThreshold = 5;
  static constexpr int kClientThreshold = 25;

  explicit SignInThrottle(db::Database& db) : db_(db) {}

  // Starts an attempt: how long the caller must wait first, if blocked; otherwise the attempt
  // is counted against `account` (an email, or another key such as "reauth:<user id>").
  boost::asio::awaitable<std::optional<std::chrono::seconds>> begin(std::string account,
                                                                    std::string client);
  // The attempt failed: counts it against the client address too; returns true when the
  // account or the address is now blocked (worth an audit event).
  boost::asio::awaitable<bool> failed(std::string account, std::string client);
  // The attempt succeeded: clears the account's count (not the address's).
  boost::asio::awaitable<void> succeeded(std::string account);

 private:
  db::Database& db_;
};

}  // namespace sn::identity
