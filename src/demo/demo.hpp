#pragma once
// Demo data: the small demo organisation `make run` shows on an empty database, and large
// generated data sets for benchmarks (`skillnexus demo seed`).

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"
#include "identity/password.hpp"

namespace sn::demo {

struct DemoAccount {
  std::string email;
  std::string role;
};

struct DemoOrganisation {
  bool created = false;  // false: the database already had users, nothing was added
  std::string password;  // shared by every demo account
  std::vector<DemoAccount> accounts;
};

// Makes a video lesson's video: returns the media id (the media feature's add_demo_video).
using DemoVideoMaker = std::function<boost::asio::awaitable<std::string>(
    db::Transaction& tx, std::string owner_id, std::string title, int seconds)>;

// Seeds skills, published courses with articles, quizzes and (with `videos`) video lessons, a
// learning path, an admin, an instructor and learners (some enrolled, one with a completed course
// and its certificate), in one transaction, but only into a database without users.
boost::asio::awaitable<DemoOrganisation> seed_demo_organisation(
    db::Database& db, const identity::PasswordHasher& hasher, DemoVideoMaker videos = nullptr);

struct BulkSeedOptions {
  std::int64_t users = 100000;
  std::int64_t courses = 1000;
  std::int64_t enrolments_per_user = 5;  // each with two lessons in progress or done
  std::string password;                  // every generated account's; empty: random
};

struct BulkSeedReport {
  std::string password;
  std::int64_t users = 0, courses = 0, lessons = 0, enrolments = 0, progress_rows = 0;
  double seconds = 0;
  std::vector<std::pair<std::string, double>> steps;  // seconds per table, slowest first
};

// Generates a large data set set-based inside PostgreSQL (generate_series, one statement per
// table), so 100,000 users take seconds: every account shares one password hash. Adds to what is
// there; names are numbered from the current count, so it can run more than once.
boost::asio::awaitable<BulkSeedReport> seed_bulk(db::Database& db,
                                                 const identity::PasswordHasher& hasher,
                                                 BulkSeedOptions options);

// A password for demo accounts: four groups of lower-case letters and digits.
std::string random_password();

}  // namespace sn::demo
