#pragma once
// Growing delays after failed sign-ins, as Cognito does: from the 5th failure on an account,
// 2^(n-5) seconds, at most 15 minutes. A client address gets the same curve from its 25th
// failure: a whole company may sign in from one address, and one typo-prone colleague must not
// block everybody. Counts start over an hour after the last failure.

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

  // How long the caller must wait before another attempt, if at all.
  boost::asio::awaitable<std::optional<std::chrono::seconds>> blocked(std::string email,
                                                                      std::string client);
  // Counts a failure; returns true when this failure started a block (worth an audit event).
  boost::asio::awaitable<bool> failed(std::string email, std::string client);
  // A correct password clears the account's count (not the address's).
  boost::asio::awaitable<void> succeeded(std::string email);

 private:
  db::Database& db_;
};

}  // namespace sn::identity
