#pragma once
// Runs the real `skillnexus` binary as a child process (embedded PostgreSQL, its own data dir, a
// free port) and talks HTTP to it over loopback.

#include <sys/types.h>

#include <boost/json/object.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sn::test {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// A fresh folder under /tmp that the unprivileged postgres user may traverse.
fs::path make_temp_dir(const std::string& prefix);

// The checkout these tests are in (CMake compiles them by their absolute paths).
fs::path repo_root();
// A file's whole contents; "" when it cannot be read.
std::string read_whole_file(const fs::path& path);
// `text` as a single word for /bin/sh.
std::string shell_quote(const std::string& text);
// A /bin/sh command that runs tests/peers/<script> with node from PATH (scripts/bootstrap installs
// node and web/node_modules, where the peers find their packages), `node_flags` going to node
// itself; append redirections to it.
std::string node_command(const std::string& script, const std::vector<std::string>& args = {},
                         const std::vector<std::string>& node_flags = {});

class ServerProcess {
 public:
  struct Options {
    std::string command = "serve";
    fs::path data_dir;  // empty: a fresh temp dir, removed afterwards
    std::map<std::string, std::string> env;
    bool wait_listening = true;  // start() returns once the server listens (serve only)
  };

  explicit ServerProcess(Options options);
  ServerProcess() : ServerProcess(Options{}) {}
  ~ServerProcess();

  // Starts and waits for the "listening" log line (serve) — not yet for readiness.
  void start();
  // Starts `skillnexus <command> <args…>` (commands that take arguments, such as admin).
  void start_with_args(std::vector<std::string> args);
  void wait_ready(std::chrono::seconds timeout = 120s);
  // Sends `signal` and waits for the exit status.
  int stop(int signal = 15, std::chrono::seconds timeout = 60s);
  // Waits for the process to exit by itself.
  int wait_exit(std::chrono::seconds timeout = 120s);
  pid_t pid() const { return pid_; }

  // The first log line whose "msg" is `msg` (and that holds `contains`, if given), waiting.
  boost::json::object wait_for_log(const std::string& msg, std::chrono::seconds timeout = 120s,
                                   const std::string& contains = "");
  std::vector<std::string> output() const;
  std::size_t count_log(const std::string& msg) const;

  std::uint16_t port() const { return port_; }
  const fs::path& data_dir() const { return data_dir_; }

 private:
  void read_output(int fd);

  Options options_;
  std::vector<std::string> args_;
  fs::path data_dir_;
  bool own_data_dir_ = false;
  pid_t pid_ = -1;
  std::optional<int> exit_status_;
  std::uint16_t port_ = 0;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> lines_;
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& name) const;
  boost::json::value json() const;
};

// One keep-alive connection.
class HttpConnection {
 public:
  explicit HttpConnection(std::uint16_t port);
  ~HttpConnection();
  void send_raw(std::string_view bytes);
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers = {},
                       const std::string& body = "");
  // Reads one response (after send_raw); `head_request` when the request was HEAD.
  HttpResponse read_response(bool head_request = false);
  // True if the server closed the connection within `timeout` (reads until EOF).
  bool closed_by_server(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
  std::string buffer_;
};

HttpResponse http_get(std::uint16_t port, const std::string& target,
                      const std::map<std::string, std::string>& headers = {});

// Output lines as one text, for failure messages.
std::string joined(const std::vector<std::string>& lines);

// Polls `condition` every few milliseconds until it holds or `timeout` passes; its last answer.
// For what another process reports asynchronously (a notification between two servers).
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 5s);

}  // namespace sn::test
