// skillnexus_viewers: plays N concurrent HLS viewers of one media playlist at real-time pace and
// reports the segments' time to first byte, the stalls, and its own CPU share (see
// bench/viewers/README.md, and viewer.hpp for what a viewer does).
//
//   skillnexus_viewers --url http://127.0.0.1:PORT/prefix/360p/index.m3u8 --viewers N
//       --duration 60s [--ramp 10s] [--threads 1] [--timeout 10s] [--seed 1] [--p99-max 50]
//       [--bodies drop|read]

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cli.hpp"
#include "plan.hpp"
#include "report.hpp"
#include "worker.hpp"

namespace {

using namespace sn::viewers;
using sn::loadgen::for_each_flag;
using sn::loadgen::load_average;
using sn::loadgen::parse_number;

// Each process may hold at most 20,000 open files (a limit of the machines this runs on); a
// viewer holds one socket, and the process needs a few more descriptors of its own.
constexpr std::uint64_t kMaxOpenFiles = 20000;
constexpr std::uint64_t kMaxViewers = 19000;
constexpr std::uint64_t kSpareFiles = 64;

constexpr const char* kUsage =
    R"(usage: skillnexus_viewers --url http://HOST:PORT/PATH/index.m3u8 --viewers N --duration T
                          [options]
Plays N viewers of an HLS media playlist at real-time pace, each on its own keep-alive
connection, and reports the segments' time to first byte, the stalls and its own CPU share.
  --ramp T        viewer i starts at T * i / N; the run lasts ramp + duration. A whole number
                  of segment durations spreads the requests evenly over time (default: 3 times
                  the longest segment, 12s for 4 s segments)
  --threads K     threads, one io_context each; viewers are split over them (1)
  --timeout T     a request not fully answered this long after its due time fails (10s)
  --seed S        seed of each viewer's random first segment (1)
  --p99-max MS    the pass bound on the segments' TTFB p99 (50)
  --bodies MODE   drop: the kernel drops body bytes as they arrive (recv with MSG_TRUNC), so the
                  loader spends no CPU copying them; read: bodies are read into a fixed buffer
                  per thread and overwritten, as a client that looked at them would (drop)
Times take s, ms or m (plain numbers are seconds). At most 19000 viewers per process.
Prints a summary, then one line of JSON.
)";

double parse_seconds(const std::string& flag, std::string value) {
  double scale = 1;
  if (value.ends_with("ms")) {
    scale = 0.001;
    value.resize(value.size() - 2);
  } else if (value.ends_with('s')) {
    value.pop_back();
  } else if (value.ends_with('m')) {
    scale = 60;
    value.pop_back();
  }
  return parse_number(flag, value) * scale;
}

struct Options {
  std::string url;
  std::uint64_t viewers = 0;
  double duration = 0, ramp = -1, timeout = 10, p99_max = 50;  // ramp < 0: 3 segments
  int threads = 1;
  std::uint64_t seed = 1;
  std::string bodies = "drop";
};

Options parse_options(int argc, char** argv) {
  Options o;
  for_each_flag(argc, argv, kUsage, [&o](const std::string& flag, const std::string& value) {
    if (flag == "--url") {
      o.url = value;
    } else if (flag == "--viewers") {
      o.viewers = static_cast<std::uint64_t>(parse_number(flag, value));
    } else if (flag == "--duration") {
      o.duration = parse_seconds(flag, value);
    } else if (flag == "--ramp") {
      o.ramp = parse_seconds(flag, value);
    } else if (flag == "--timeout") {
      o.timeout = parse_seconds(flag, value);
    } else if (flag == "--threads") {
      o.threads = static_cast<int>(parse_number(flag, value));
    } else if (flag == "--seed") {
      o.seed = static_cast<std::uint64_t>(parse_number(flag, value));
    } else if (flag == "--p99-max") {
      o.p99_max = parse_number(flag, value);
    } else if (flag == "--bodies") {
      if (value != "drop" && value != "read")
        throw std::runtime_error("--bodies is drop or read, not '" + value + "'");
      o.bodies = value;
    } else {
      throw std::runtime_error("unknown option " + flag + "\n" + kUsage);
    }
  });
  if (o.url.empty() || o.viewers == 0 || o.duration <= 0)
    throw std::runtime_error(std::string("--url, --viewers and --duration are required\n") +
                             kUsage);
  if (o.threads < 1) throw std::runtime_error("--threads must be at least 1");
  if (o.timeout <= 0) throw std::runtime_error("--timeout must be positive");
  if (o.viewers > kMaxViewers)
    throw std::runtime_error(
        "--viewers " + std::to_string(o.viewers) + ": at most " + std::to_string(kMaxViewers) +
        " per process (one socket each, and a process may hold " + std::to_string(kMaxOpenFiles) +
        " open files); run several processes for more");
  return o;
}

// Raises the soft open-file limit as far as the viewers need (never past the hard one).
void ensure_open_files(std::uint64_t viewers) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t needed = static_cast<rlim_t>(viewers + kSpareFiles);
  if (limit.rlim_cur >= needed) return;
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed)
    throw std::runtime_error(std::to_string(viewers) + " viewers need " + std::to_string(needed) +
                             " open files; the hard limit (ulimit -Hn) is " +
                             std::to_string(limit.rlim_max));
  limit.rlim_cur = needed;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
    throw std::runtime_error("cannot raise the open-file limit to " + std::to_string(needed));
}

struct CpuSample {
  double user = 0, sys = 0;
  long involuntary_switches = 0;
  double total() const { return user + sys; }
};

CpuSample cpu_now() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_nivcsw};
}

Clock::duration seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

int main_impl(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  ensure_open_files(o.viewers);

  Plan plan = prepare(parse_url(o.url));
  double ramp = o.ramp;
  if (ramp < 0) {
    Clock::duration longest{};
    for (const auto& s : plan.segments)
      longest = std::max(longest, s.duration);
    ramp = 3 * std::chrono::duration<double>(longest).count();
  }
  std::fprintf(stderr,
               "skillnexus_viewers: %s: %zu segments, %.1f s, %.2f Mbit/s; %llu viewers, "
               "%.0f s ramp + %.0f s\n",
               plan.playlist_url.text().c_str(), plan.segments.size(), plan.seconds(),
               plan.bits_per_second() / 1e6, static_cast<unsigned long long>(o.viewers), ramp,
               o.duration);
  plan.viewers = o.viewers;
  plan.seed = o.seed;
  plan.ramp = seconds(ramp);
  plan.timeout = seconds(o.timeout);

  const auto threads = static_cast<std::uint64_t>(
      std::min<std::uint64_t>(static_cast<std::uint64_t>(o.threads), o.viewers));
  std::vector<std::unique_ptr<Worker>> workers;
  for (std::uint64_t t = 0; t < threads; ++t) {
    workers.push_back(std::make_unique<Worker>(plan));
    workers.back()->drop_bodies = o.bodies == "drop";
  }
  for (std::uint64_t i = 0; i < o.viewers; ++i)
    workers[i % threads]->add(i);

  // A moment for the threads to start before the first viewer.
  plan.t0 = Clock::now() + std::chrono::milliseconds(100);
  plan.end = plan.t0 + plan.ramp + seconds(o.duration);

  Report report;
  report.load_before = load_average();
  const auto run_start = Clock::now();
  const CpuSample cpu_start = cpu_now();
  std::vector<std::thread> pool;
  for (auto& w : workers)
    pool.emplace_back([&w] { w->run(); });
  std::this_thread::sleep_until(plan.t0 + plan.ramp);
  const CpuSample cpu_ramped = cpu_now();
  const auto ramped_at = Clock::now();
  std::this_thread::sleep_until(plan.end);
  const CpuSample cpu_ended = cpu_now();
  const auto ended_at = Clock::now();
  for (auto& t : pool)
    t.join();
  const CpuSample cpu_done = cpu_now();
  report.load_after = load_average();

  report.plan = &plan;
  for (const auto& w : workers)
    report.stats.merge(w->stats);
  report.usage.user = cpu_done.user - cpu_start.user;
  report.usage.sys = cpu_done.sys - cpu_start.sys;
  report.usage.seconds = std::chrono::duration<double>(Clock::now() - run_start).count();
  report.usage.steady_cpu = cpu_ended.total() - cpu_ramped.total();
  report.usage.steady_seconds = std::chrono::duration<double>(ended_at - ramped_at).count();
  report.usage.involuntary_switches =
      cpu_done.involuntary_switches - cpu_start.involuntary_switches;
  report.threads = static_cast<int>(threads);
  report.bodies = o.bodies;
  report.duration = o.duration;
  report.ramp = ramp;
  report.p99_max_ms = o.p99_max;
  report.cores = std::thread::hardware_concurrency();
  std::fputs(report.summary().c_str(), stdout);
  std::printf("%s\n", report.json().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return main_impl(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "skillnexus_viewers: " << e.what() << "\n";
    return 2;
  }
}
