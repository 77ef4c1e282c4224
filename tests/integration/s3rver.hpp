#pragma once
// s3rver (npm), a real S3-compatible server, in a child process on loopback
// (tests/peers/s3rver.mjs): it reports each connection and each request it answers as a JSON
// line, so tests can see what went over the wire. It checks the access key id (S3RVER), not the
// signature.

#include <signal.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <chrono>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/process.hpp"
#include "harness.hpp"

namespace sn::test {

// s3rver in a child process, killed with its data when this goes.
class S3rver {
 public:
  // `tls`: a key and certificate file to serve HTTPS with.
  S3rver(std::chrono::milliseconds keep_alive, const std::vector<std::string>& buckets,
         std::optional<std::pair<fs::path, fs::path>> tls = std::nullopt)
      : dir_(make_temp_dir("sn-s3rver")) {
    std::vector<std::string> args = {"--keep-alive-ms", std::to_string(keep_alive.count())};
    if (tls) {
      args.insert(args.end(),
                  {"--tls-key", tls->first.string(), "--tls-cert", tls->second.string()});
    }
    args.push_back((dir_ / "data").string());
    for (const auto& name : buckets)
      args.push_back(name);
    pid_ = process::spawn(
        {"/bin/sh", "-c", node_command("s3rver.mjs", args, {"--openssl-legacy-provider"})},
        {.output_file = (dir_ / "out.txt").string(),
         .error_file = (dir_ / "err.txt").string(),
         .parent_death_signal = SIGKILL});
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (port_ == 0) {
      if (const auto lines = events(); !lines.empty()) {
        port_ = static_cast<std::uint16_t>(lines.front().at("port").to_number<int>());
      } else if (process::wait_for(pid_, 50ms) || std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error(
            "s3rver did not start (scripts/bootstrap installs node and "
            "web/node_modules): " +
            read_whole_file(dir_ / "err.txt"));
      }
    }
  }
  ~S3rver() {
    ::kill(pid_, SIGKILL);
    process::wait_for(pid_, 10s);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::uint16_t port() const { return port_; }

  // What it has reported so far, one JSON object a line.
  std::vector<boost::json::object> events() const {
    auto text = read_whole_file(dir_ / "out.txt");
    text.erase(text.rfind('\n') + 1);  // not a line still being written
    std::vector<boost::json::object> out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) out.push_back(boost::json::parse(line).as_object());
    }
    return out;
  }
  int connections() const {
    int n = 0;
    for (const auto& event : events())
      n += event.contains("connection");
    return n;
  }
  // "METHOD /bucket/key?query status" for each request answered, in order. s3rver may report a
  // request just after its answer has gone out: see requests_after.
  std::vector<std::string> requests() const {
    std::vector<std::string> out;
    for (const auto& event : events()) {
      if (!event.contains("request")) continue;
      out.push_back(std::string(event.at("request").as_string()) + " " +
                    std::to_string(event.at("status").to_number<int>()));
    }
    return out;
  }
  // The keys of the objects in `bucket`, read from s3rver's directory (<key>._S3rver_object).
  std::vector<std::string> objects(const std::string& bucket) const {
    constexpr std::string_view kSuffix = "._S3rver_object";
    std::vector<std::string> out;
    const auto root = dir_ / "data" / bucket;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      const auto key = fs::relative(entry.path(), root).string();
      if (entry.is_regular_file() && key.ends_with(kSuffix) && !key.starts_with(kUploadsDir)) {
        out.push_back(key.substr(0, key.size() - kSuffix.size()));
      }
    }
    return out;
  }
  // An object's bytes.
  std::string object(const std::string& bucket, const std::string& key) const {
    return read_whole_file(dir_ / "data" / bucket / (key + "._S3rver_object"));
  }
  // How many multipart uploads in `bucket` are neither completed nor aborted.
  std::size_t multipart_uploads(const std::string& bucket) const {
    const auto dir = dir_ / "data" / bucket / kUploadsDir;
    if (!fs::exists(dir)) return 0;
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
  }

  // The requests after the first `skip`, once there are at least `count` of them.
  std::vector<std::string> requests_after(std::size_t skip, std::size_t count) const {
    std::vector<std::string> all;
    eventually([&] { return (all = requests()).size() >= skip + count; });
    all.erase(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(skip, all.size())));
    return all;
  }

 private:
  static constexpr std::string_view kUploadsDir = "._S3rver_uploads";
  fs::path dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace sn::test
