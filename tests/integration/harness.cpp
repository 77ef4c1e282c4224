#include "harness.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/parse.hpp>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace sn::test {
namespace http = boost::beast::http;

fs::path make_temp_dir(const std::string& prefix) {
  std::string tmpl = "/tmp/" + prefix + "-XXXXXX";
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  fs::permissions(tmpl, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec |
                            fs::perms::group_read | fs::perms::others_read);
  return tmpl;
}

fs::path repo_root() {
  return fs::path(__FILE__).parent_path().parent_path().parent_path();
}

std::string read_whole_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string node_command(const std::string& script, const std::vector<std::string>& args,
                         const std::vector<std::string>& node_flags) {
  std::string command = "exec node";
  for (const auto& flag : node_flags)
    command += " " + shell_quote(flag);
  command += " " + shell_quote((repo_root() / "tests" / "peers" / script).string());
  for (const auto& arg : args)
    command += " " + shell_quote(arg);
  return command;
}

ServerProcess::ServerProcess(Options options) : options_(std::move(options)) {
  data_dir_ = options_.data_dir;
  if (data_dir_.empty()) {
    data_dir_ = make_temp_dir("skillnexus-it") / "data";
    own_data_dir_ = true;
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && !exit_status_) {
    // Gracefully, so the embedded cluster stops and removes its socket folder; then by force.
    ::kill(pid_, SIGTERM);
    try {
      wait_exit(30s);
    } catch (const std::exception&) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  if (reader_.joinable()) reader_.join();
  if (own_data_dir_) {
    std::error_code ec;
    fs::remove_all(data_dir_.parent_path(), ec);
  }
}

void ServerProcess::start_with_args(std::vector<std::string> args) {
  args_ = std::move(args);
  start();
}

void ServerProcess::start() {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    if (std::strncmp(*e, "SKILLNEXUS_", 11) != 0) env_strings.emplace_back(*e);
  }
  std::map<std::string, std::string> env = {{"SKILLNEXUS_LISTEN", "127.0.0.1:0"},
                                            {"SKILLNEXUS_DATA_DIR", data_dir_.string()},
                                            {"SKILLNEXUS_LOG_LEVEL", "info"}};
  for (const auto& [k, v] : options_.env)
    env[k] = v;
  for (const auto& [k, v] : env)
    env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : env_strings)
    envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string bin = SKILLNEXUS_BIN;
  std::vector<char*> argv{bin.data(), options_.command.data()};
  for (auto& arg : args_)
    argv.push_back(arg.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a crashed test leaves no server behind
    if (::getppid() != parent) ::_exit(1);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  reader_ = std::thread([this, fd = pipe_fds[0]] { read_output(fd); });
  if (options_.command == "serve" && options_.wait_listening) {
    auto line = wait_for_log("listening");
    const std::string address(line.at("address").as_string());
    port_ = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
  }
}

void ServerProcess::read_output(int fd) {
  std::string pending;
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) break;
    pending.append(chunk, static_cast<std::size_t>(n));
    std::size_t nl;
    while ((nl = pending.find('\n')) != std::string::npos) {
      std::lock_guard lock(mutex_);
      lines_.push_back(pending.substr(0, nl));
      pending.erase(0, nl + 1);
      changed_.notify_all();
    }
  }
  ::close(fd);
  std::lock_guard lock(mutex_);
  if (!pending.empty()) lines_.push_back(pending);
  lines_.push_back("<eof>");
  changed_.notify_all();
}

boost::json::object ServerProcess::wait_for_log(const std::string& msg,
                                                std::chrono::seconds timeout,
                                                const std::string& contains) {
  std::unique_lock lock(mutex_);
  std::size_t seen = 0;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    for (; seen < lines_.size(); ++seen) {
      const auto& line = lines_[seen];
      if (line == "<eof>") {
        throw std::runtime_error("server exited before logging '" + msg + "'");
      }
      if (line.empty() || line.front() != '{') continue;
      if (!contains.empty() && line.find(contains) == std::string::npos) continue;
      boost::system::error_code ec;
      auto value = boost::json::parse(line, ec);
      if (!ec && value.is_object() && value.as_object().contains("msg") &&
          value.as_object().at("msg") == msg.c_str()) {
        return value.as_object();
      }
    }
    if (changed_.wait_until(lock, deadline) == std::cv_status::timeout) {
      throw std::runtime_error("timed out waiting for log '" + msg + "'");
    }
  }
}

std::vector<std::string> ServerProcess::output() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

std::size_t ServerProcess::count_log(const std::string& msg) const {
  const std::string needle = "\"msg\":\"" + msg + "\"";
  std::size_t n = 0;
  for (const auto& line : output())
    n += line.find(needle) != std::string::npos;
  return n;
}

void ServerProcess::wait_ready(std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      if (http_get(port_, "/readyz").status == 200) return;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(50ms);
  }
  throw std::runtime_error("server not ready in time");
}

int ServerProcess::wait_exit(std::chrono::seconds timeout) {
  if (exit_status_) return *exit_status_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      if (reader_.joinable()) reader_.join();
      return *exit_status_;
    }
    std::this_thread::sleep_for(20ms);
  }
  throw std::runtime_error("server did not exit in time");
}

int ServerProcess::stop(int signal, std::chrono::seconds timeout) {
  ::kill(pid_, signal);
  return wait_exit(timeout);
}

std::string HttpResponse::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

boost::json::value HttpResponse::json() const {
  return boost::json::parse(body);
}

HttpConnection::HttpConnection(std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    throw std::runtime_error("connect failed");
  }
}

HttpConnection::~HttpConnection() {
  if (fd_ >= 0) ::close(fd_);
}

void HttpConnection::send_raw(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("send failed");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

HttpResponse HttpConnection::read_response(bool head_request) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.skip(head_request);
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  for (;;) {
    if (!buffer_.empty()) {
      boost::system::error_code ec;
      const auto used = parser.put(boost::asio::buffer(buffer_), ec);
      buffer_.erase(0, used);
      if (ec && ec != http::error::need_more)
        throw std::runtime_error("bad response: " + ec.message());
      if (parser.is_done()) break;
      if (used > 0) continue;
    }
    pollfd pfd{fd_, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || ::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) {
      throw std::runtime_error("timed out reading a response");
    }
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      boost::system::error_code ec;
      parser.put_eof(ec);
      if (parser.is_done()) break;
      throw std::runtime_error("connection closed before a whole response");
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
  auto msg = parser.release();
  HttpResponse res;
  res.status = msg.result_int();
  for (const auto& field : msg) {
    std::string name(field.name_string());
    for (auto& c : name)
      c = static_cast<char>(std::tolower(c));
    res.headers[name] = std::string(field.value());
  }
  res.body = std::move(msg.body());
  return res;
}

HttpResponse HttpConnection::request(const std::string& method, const std::string& target,
                                     const std::map<std::string, std::string>& headers,
                                     const std::string& body) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [k, v] : headers)
    req += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") {
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n" + body;
  send_raw(req);
  return read_response(method == "HEAD");
}

bool HttpConnection::closed_by_server(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd pfd{fd_, POLLIN, 0};
    if (::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) return false;
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return true;  // EOF or reset
  }
}

HttpResponse http_get(std::uint16_t port, const std::string& target,
                      const std::map<std::string, std::string>& headers) {
  HttpConnection conn(port);
  return conn.request("GET", target, headers);
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return condition();
}

std::string joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const auto& line : lines)
    all += line + "\n";
  return all;
}

}  // namespace sn::test
