// The run's outcome: a human summary and one line of flat JSON (for scripts: bench/media reads
// it with jq), both on stdout, the JSON last.

#pragma once

#include <string>

#include "plan.hpp"
#include "stats.hpp"

namespace sn::viewers {

struct Usage {  // the loader's own CPU, from getrusage over wall-clock spans
  double user = 0, sys = 0, seconds = 0;      // the whole run (preflight excluded)
  double steady_cpu = 0, steady_seconds = 0;  // after the ramp, until the end
  long involuntary_switches = 0;              // preempted by other processes, over the whole run
  double share() const { return seconds > 0 ? (user + sys) / seconds : 0; }
  double steady_share() const { return steady_seconds > 0 ? steady_cpu / steady_seconds : 0; }
};

struct Report {
  const Plan* plan = nullptr;
  Stats stats;
  Usage usage;
  int threads = 1;
  std::string bodies;             // "drop" or "read" (--bodies)
  double duration = 0, ramp = 0;  // seconds
  double p99_max_ms = 50;
  double load_before = 0, load_after = 0;
  unsigned cores = 0;

  double ttfb_p99_ms() const;
  // p99 under the bound, no starved viewer, no error, and something measured.
  bool passes() const;
  std::string summary() const;
  std::string json() const;
};

}  // namespace sn::viewers
