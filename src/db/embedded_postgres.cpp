#include "db/embedded_postgres.hpp"

#include <libpq-fe.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>

#include "core/log.hpp"

namespace sn::db {
namespace fs = std::filesystem;

namespace {

constexpr const char* kDatabase = "skillnexus";
constexpr const char* kSuperuser = "skillnexus";

std::string conninfo(const std::string& socket_dir, const char* dbname) {
  return "host=" + socket_dir + " port=5432 user=" + kSuperuser + " dbname=" + dbname +
         " connect_timeout=5";
}

}  // namespace

fs::path find_postgres_bin_dir() {
  fs::path best;
  int best_major = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const int major = std::atoi(entry.path().filename().c_str());
    if (major > best_major && fs::exists(entry.path() / "bin" / "postgres")) {
      best_major = major;
      best = entry.path() / "bin";
    }
  }
  if (best.empty()) {
    throw std::runtime_error(
        "no PostgreSQL server under /usr/lib/postgresql (run scripts/bootstrap, or set "
        "SKILLNEXUS_DATABASE_URL)");
  }
  return best;
}

EmbeddedPostgres::EmbeddedPostgres(fs::path data_dir) : data_dir_(fs::absolute(data_dir)) {
  cluster_dir_ = data_dir_ / "postgres";
}

EmbeddedPostgres::~EmbeddedPostgres() {
  stop();
}

std::string EmbeddedPostgres::log_tail() const {
  std::ifstream in(data_dir_ / "postgres.log");
  std::string line, tail;
  std::vector<std::string> lines;
  while (std::getline(in, line))
    lines.push_back(line);
  for (std::size_t i = lines.size() > 5 ? lines.size() - 5 : 0; i < lines.size(); ++i) {
    tail += lines[i] + "\n";
  }
  return tail;
}

// As root, the cluster runs as `postgres`, which must be able to traverse every parent folder.
// Grant exactly that (an ACL entry for search permission only) where it is missing.
void EmbeddedPostgres::make_traversable(const fs::path& dir) {
  for (fs::path p = dir; !p.empty() && p != p.root_path(); p = p.parent_path()) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) continue;
    bool ok = (st.st_mode & S_IXOTH) != 0;
    if (st.st_uid == user_->uid)
      ok = (st.st_mode & S_IXUSR) != 0;
    else if (st.st_gid == user_->gid)
      ok = (st.st_mode & S_IXGRP) != 0;
    if (ok) continue;
    const int rc =
        process::run({"/usr/bin/setfacl", "-m", "u:" + user_->name + ":x", p.string()}, {});
    if (rc != 0) {
      throw std::runtime_error("the postgres user cannot enter " + p.string() +
                               "; allow it (chmod o+x) or choose another SKILLNEXUS_DATA_DIR");
    }
    log::info("granted the postgres user search permission", {{"dir", p.string()}});
  }
}

void EmbeddedPostgres::init_cluster() {
  fs::create_directories(cluster_dir_);
  fs::permissions(cluster_dir_, fs::perms::owner_all, fs::perm_options::replace);
  if (user_ && ::chown(cluster_dir_.c_str(), user_->uid, user_->gid) != 0) {
    throw std::runtime_error("cannot hand " + cluster_dir_.string() + " to the postgres user");
  }
  log::info("creating the embedded PostgreSQL cluster", {{"dir", cluster_dir_.string()}});
  const int rc = process::run(
      {(bin_dir_ / "initdb").string(), "-D", cluster_dir_.string(), "-U", kSuperuser, "-E", "UTF8",
       "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=reject", "--no-instructions"},
      {.as_user = user_, .output_file = (data_dir_ / "postgres.log").string()});
  if (rc != 0) {
    fs::remove_all(cluster_dir_);
    throw std::runtime_error("initdb failed (exit " + std::to_string(rc) + "):\n" + log_tail());
  }
}

std::optional<std::string> EmbeddedPostgres::running_socket_dir() const {
  // postmaster.pid: line 1 the pid, line 5 the socket directory.
  std::ifstream in(cluster_dir_ / "postmaster.pid");
  std::string pid_line, line, socket_dir;
  if (!std::getline(in, pid_line)) return std::nullopt;
  for (int i = 2; i <= 5 && std::getline(in, line); ++i) {
    if (i == 5) socket_dir = line;
  }
  const int pid = std::atoi(pid_line.c_str());
  if (pid <= 0 || ::kill(pid, 0) != 0 || socket_dir.empty()) return std::nullopt;
  if (PQping(conninfo(socket_dir, "postgres").c_str()) != PQPING_OK) return std::nullopt;
  return socket_dir;
}

namespace {

// PostgreSQL's default (128 MB) keeps little of a real data set in its own cache: every other
// page comes from the kernel's, a system call each. A sixteenth of the memory, from 128 MB to
// 1 GB, holds the hot set of 100,000 learners without crowding a laptop.
std::string shared_buffers_setting() {
  const auto pages = ::sysconf(_SC_PHYS_PAGES);
  const auto page_size = ::sysconf(_SC_PAGE_SIZE);
  long long mb = pages > 0 && page_size > 0
                     ? static_cast<long long>(pages) * page_size / 16 / (1024 * 1024)
                     : 128;
  mb = std::clamp(mb, 128LL, 1024LL);
  return std::to_string(mb) + "MB";
}

}  // namespace

std::string EmbeddedPostgres::start() {
  if (auto running = running_socket_dir()) {
    attached_ = true;
    log::info("using the embedded PostgreSQL that is already running", {{"socket_dir", *running}});
    return conninfo(*running, kDatabase);
  }
  bin_dir_ = find_postgres_bin_dir();
  user_ = process::unprivileged_user_if_root("postgres");
  fs::create_directories(data_dir_);
  if (user_) make_traversable(data_dir_);
  if (!fs::exists(cluster_dir_ / "PG_VERSION")) init_cluster();

  // The socket lives in a short private folder: a socket path holds at most 107 bytes, and the
  // data dir may be deep. Only our user (and root) can enter it; local connections trust that.
  char tmpl[] = "/tmp/skillnexus-pg-XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("cannot create a socket folder under /tmp");
  socket_dir_ = tmpl;
  if (user_ && ::chown(tmpl, user_->uid, user_->gid) != 0) {
    throw std::runtime_error("cannot hand the socket folder to the postgres user");
  }

  pid_ = process::spawn(
      {(bin_dir_ / "postgres").string(), "-D", cluster_dir_.string(), "-k", socket_dir_, "-c",
       "listen_addresses=", "-p", "5432", "-c", "max_connections=200", "-c",
       "unix_socket_permissions=0700", "-c", "shared_buffers=" + shared_buffers_setting()},
      {.as_user = user_,
       .output_file = (data_dir_ / "postgres.log").string(),
       .parent_death_signal = SIGINT});

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  const std::string admin = conninfo(socket_dir_, "postgres");
  while (PQping(admin.c_str()) != PQPING_OK) {
    if (auto status = process::wait_for(pid_, std::chrono::milliseconds(50))) {
      pid_ = -1;
      throw std::runtime_error("PostgreSQL exited while starting (status " +
                               std::to_string(*status) + "):\n" + log_tail());
    }
    if (std::chrono::steady_clock::now() > deadline) {
      stop();
      throw std::runtime_error("PostgreSQL did not accept connections within 60 s:\n" + log_tail());
    }
  }

  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(admin.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("cannot connect to the embedded cluster: ") +
                             PQerrorMessage(conn.get()));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> exists(
      PQexec(conn.get(), "SELECT 1 FROM pg_database WHERE datname = 'skillnexus'"), &PQclear);
  if (PQntuples(exists.get()) == 0) {
    std::unique_ptr<PGresult, decltype(&PQclear)> created(
        PQexec(conn.get(), "CREATE DATABASE skillnexus"), &PQclear);
    if (PQresultStatus(created.get()) != PGRES_COMMAND_OK) {
      throw std::runtime_error(std::string("cannot create the database: ") +
                               PQresultErrorMessage(created.get()));
    }
  }
  log::info("embedded PostgreSQL ready",
            {{"dir", cluster_dir_.string()}, {"socket_dir", socket_dir_}, {"pid", pid_}});
  return conninfo(socket_dir_, kDatabase);
}

void EmbeddedPostgres::stop() {
  if (attached_) return;  // not ours to stop
  if (pid_ > 0) {
    ::kill(pid_, SIGINT);  // fast shutdown: roll back open transactions, checkpoint, exit
    if (!process::wait_for(pid_, std::chrono::seconds(30))) {
      ::kill(pid_, SIGQUIT);
      process::wait_for(pid_, std::chrono::seconds(5));
    }
    log::info("embedded PostgreSQL stopped", {{"pid", pid_}});
    pid_ = -1;
  }
  if (!socket_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(socket_dir_, ec);
    socket_dir_.clear();
  }
}

}  // namespace sn::db
