#pragma once
// Starting helper programs (PostgreSQL's initdb and postgres) as child processes, optionally as
// another user: PostgreSQL refuses to run as root.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sn::process {

struct User {
  uid_t uid;
  gid_t gid;
  std::string name;
};

// The user to run PostgreSQL as: nullopt when we are not root (it runs as us).
std::optional<User> unprivileged_user_if_root(const std::string& name);

struct SpawnOptions {
  std::optional<User> as_user;
  std::string output_file;      // stdout and stderr are appended here ("" = /dev/null)
  std::string error_file;       // if set, stderr is appended here instead (stdout stays apart)
  int parent_death_signal = 0;  // sent to the child if we die first
};

// Starts argv[0] (an absolute path) with argv; throws std::runtime_error if it cannot.
pid_t spawn(const std::vector<std::string>& argv, const SpawnOptions& options);

// Runs to completion; returns the exit status (128+signal if killed).
int run(const std::vector<std::string>& argv, const SpawnOptions& options);

// Runs to completion within `timeout`; nullopt when it did not finish in time (it is then killed
// with its process group). Blocking: for threads that may wait (a pool, a test).
std::optional<int> run_for(const std::vector<std::string>& argv, const SpawnOptions& options,
                           std::chrono::milliseconds timeout);

// Waits up to `timeout` for `pid`; returns its exit status, or nullopt if it is still running.
std::optional<int> wait_for(pid_t pid, std::chrono::milliseconds timeout);

}  // namespace sn::process
