#include "core/process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace sn::process {

std::optional<User> unprivileged_user_if_root(const std::string& name) {
  if (geteuid() != 0) return std::nullopt;
  struct passwd* pw = getpwnam(name.c_str());
  if (!pw) {
    throw std::runtime_error("running as root, but there is no '" + name +
                             "' user to run PostgreSQL as (install postgresql-15)");
  }
  return User{pw->pw_uid, pw->pw_gid, name};
}

pid_t spawn(const std::vector<std::string>& argv, const SpawnOptions& options) {
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const std::string out = options.output_file.empty() ? "/dev/null" : options.output_file;
  const int out_fd =
      ::open(out.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0640);
  if (out_fd < 0) throw std::runtime_error("cannot open " + out + ": " + std::strerror(errno));
  int err_fd = out_fd;
  if (!options.error_file.empty()) {
    err_fd = ::open(options.error_file.c_str(),
                    O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0640);
    if (err_fd < 0) {
      ::close(out_fd);
      throw std::runtime_error("cannot open " + options.error_file + ": " + std::strerror(errno));
    }
  }
  if (options.as_user) {
    if (fchown(out_fd, options.as_user->uid, options.as_user->gid) != 0) {
      // Not fatal: the child writes through the inherited descriptor anyway.
    }
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    ::close(out_fd);
    if (err_fd != out_fd) ::close(err_fd);
    throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls from here to exec.
    const int null_fd = ::open("/dev/null", O_RDONLY);
    dup2(null_fd, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    setsid();
    if (options.as_user) {
      // setgroups, not initgroups: the latter reads /etc/group, unsafe after fork in a
      // threaded program.
      const gid_t group = options.as_user->gid;
      if (setgroups(1, &group) != 0 || setgid(options.as_user->gid) != 0 ||
          setuid(options.as_user->uid) != 0) {
        _exit(126);
      }
    }
    // Set after the credential change, which clears it.
    if (options.parent_death_signal) {
      prctl(PR_SET_PDEATHSIG, options.parent_death_signal);
      if (getppid() != parent) _exit(125);
    }
    execv(args[0], args.data());
    _exit(127);
  }
  ::close(out_fd);
  if (err_fd != out_fd) ::close(err_fd);
  return pid;
}

std::optional<int> wait_for(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
      return 1;
    }
    if (r < 0 && errno != EINTR) return 1;  // not our child any more
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::optional<int> run_for(const std::vector<std::string>& argv, const SpawnOptions& options,
                           std::chrono::milliseconds timeout) {
  const pid_t pid = spawn(argv, options);
  if (auto status = wait_for(pid, timeout)) return status;
  ::kill(-pid, SIGKILL);  // spawn made it a process group leader
  wait_for(pid, std::chrono::seconds(5));
  return std::nullopt;
}

int run(const std::vector<std::string>& argv, const SpawnOptions& options) {
  const pid_t pid = spawn(argv, options);
  return *wait_for(pid, std::chrono::hours(24 * 365));
}

}  // namespace sn::process
