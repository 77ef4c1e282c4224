#pragma once
// The private PostgreSQL cluster used when no SKILLNEXUS_DATABASE_URL is given: created under the
// data dir on first start with Debian's server binaries, reachable only through a Unix socket in a
// private directory, stopped when SkillNexus stops, reused on the next start.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

#include "core/process.hpp"

namespace sn::db {

class EmbeddedPostgres {
 public:
  explicit EmbeddedPostgres(std::filesystem::path data_dir);
  ~EmbeddedPostgres();
  EmbeddedPostgres(const EmbeddedPostgres&) = delete;
  EmbeddedPostgres& operator=(const EmbeddedPostgres&) = delete;

  // Blocking (seconds on first run): initdb if needed, start, wait until it accepts connections,
  // create the database. Returns the connection string. Throws std::runtime_error with the reason.
  // If a server of ours already runs this cluster (a command next to `serve`), it is used as it
  // is, and left running by stop().
  std::string start();
  // Fast shutdown; blocking until the server has exited.
  void stop();

  const std::string& socket_dir() const { return socket_dir_; }

 private:
  void init_cluster();
  std::optional<std::string> running_socket_dir() const;
  void make_traversable(const std::filesystem::path& dir);
  std::string log_tail() const;

  std::filesystem::path data_dir_;
  std::filesystem::path cluster_dir_;
  std::filesystem::path bin_dir_;
  std::optional<process::User> user_;
  std::string socket_dir_;
  pid_t pid_ = -1;
  bool attached_ = false;
};

// The newest /usr/lib/postgresql/<major>/bin that has a postgres binary.
std::filesystem::path find_postgres_bin_dir();

}  // namespace sn::db
