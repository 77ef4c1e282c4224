// The paced, open-loop run: C keep-alive connections, each with its own schedule of send times,
// spread over T threads (one io_context each). Latency counts from a request's scheduled send
// time, so a slow answer delays the requests queued behind it and they show it (no coordinated
// omission, as in wrk2).

#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "histogram.hpp"
#include "scenario.hpp"

namespace sn::loadgen {

struct Target {
  std::string host;
  std::string port;
  std::string origin;  // "http://host:port", the Origin header
};

// Parses "http://host[:port][/]"; throws std::runtime_error otherwise.
Target parse_target(std::string_view url);

struct Config {
  Target target;
  const Scenario* scenario = nullptr;
  const DataTable* data = nullptr;
  double rate = 0;      // requests per second, all connections together
  double duration = 0;  // seconds measured
  double warmup = 0;    // seconds before, not measured
  int connections = 1;
  int threads = 1;
  std::uint64_t seed = 1;
  double timeout = 10;  // seconds a response may take before its connection is dropped
  double late_ms = 10;  // a send this late after its slot counts as late (the loader's fault)
};

struct KindStats {
  std::uint64_t scheduled = 0;  // slots in the measured window
  std::uint64_t responses = 0;  // answered, any status
  std::uint64_t ok = 0;         // 2xx and 3xx
  std::map<int, std::uint64_t> statuses;
  std::uint64_t connect_errors = 0;
  std::uint64_t io_errors = 0;  // reset, closed mid-response, write failed
  std::uint64_t protocol_errors = 0;
  std::uint64_t timeouts = 0;
  std::uint64_t unfinished = 0;  // still queued or in flight when the run ended
  std::uint64_t retries = 0;     // sent again: the server had closed the kept-alive connection
  std::uint64_t body_bytes = 0;
  Histogram latency;  // µs from the scheduled send to the response's last byte; every response

  std::uint64_t errors() const {
    return (responses - ok) + connect_errors + io_errors + protocol_errors + timeouts + unfinished;
  }
  void merge(const KindStats& other);
};

struct Results {
  std::vector<KindStats> kinds;  // in scenario order
  KindStats overall;
  Histogram send_lateness;  // µs between a slot's time and the loader acting on it
  std::uint64_t late_sends = 0;
  double window_seconds = 0;         // the measured window's length
  double cpu_user = 0, cpu_sys = 0;  // this process, over the measured window
  long involuntary_switches = 0;     // in the window: the loader's threads preempted by others
  double run_seconds = 0;            // warm-up, window and drain
  double run_cpu_user = 0, run_cpu_sys = 0;
  std::uint64_t connects = 0;  // successful connects, warm-up included
};

Results run(const Config& config);

}  // namespace sn::loadgen
