// skillnexus_loadgen: drives a weighted mix of HTTP requests at fixed arrival rates (open loop)
// and reports per request kind the latency from each request's scheduled send time, plus its
// own CPU use, so that a report can show the loader was not the bottleneck.
//
//   skillnexus_loadgen --target http://127.0.0.1:8080 --scenario mix.txt --data users.tsv
//       --rate 2000 --duration 10 [--warmup 2] [--connections 50] [--threads 1] [--json out.json]
//
// See bench/README.md, "Load generator", for the scenario and data formats.

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cli.hpp"
#include "runner.hpp"
#include "scenario.hpp"

namespace {

using namespace sn::loadgen;

// Each process may hold at most this many open files (a limit of the machines it runs on).
constexpr int kMaxOpenFiles = 20000;
constexpr int kSpareFiles = 64;  // stdio, the epoll and timer descriptors, the JSON file

constexpr const char* kUsage =
    R"(usage: skillnexus_loadgen --target http://HOST:PORT --scenario FILE --data FILE.tsv
                          --rate R[,R2,...] --duration S [options]
  --warmup S        seconds at the rate before measuring (2)
  --connections C   keep-alive connections; the rate is spread evenly over them (50)
  --threads T       threads, one io_context each; connections are split over them (1)
  --json OUT        also write every figure to OUT as JSON
  --seed N          seed of the request-kind and {rand}/{pick} choices (1)
  --timeout S       a response slower than this drops its connection and counts as an error (10)
  --late-ms MS      a send later than this after its slot counts as late, the loader's fault (10)
  --p99-max MS      with several rates: the highest rate whose p99 stays at or under MS; the
                    steps stop at the first rate above it
Scenario lines: NAME WEIGHT METHOD PATH [BODY]; placeholders {column} {tick} {tick*N} {tick*N%M+K} {rand:N}
{pick:column}. Data: TSV with a header row; connection i uses row i % rows; a 'cookie' column
is sent as the Cookie header.
)";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Options {
  std::string target, scenario, data, json;
  std::vector<double> rates;
  double duration = 0, warmup = 2, timeout = 10, late_ms = 10, p99_max = 0;
  int connections = 50, threads = 1;
  std::uint64_t seed = 1;
};

Options parse_options(int argc, char** argv) {
  Options o;
  for_each_flag(argc, argv, kUsage, [&o](const std::string& flag, const std::string& value) {
    if (flag == "--target") {
      o.target = value;
    } else if (flag == "--scenario") {
      o.scenario = value;
    } else if (flag == "--data") {
      o.data = value;
    } else if (flag == "--json") {
      o.json = value;
    } else if (flag == "--rate") {
      std::stringstream list(value);
      for (std::string item; std::getline(list, item, ',');)
        o.rates.push_back(parse_number(flag, item));
    } else if (flag == "--duration") {
      o.duration = parse_number(flag, value);
    } else if (flag == "--warmup") {
      o.warmup = parse_number(flag, value);
    } else if (flag == "--timeout") {
      o.timeout = parse_number(flag, value);
    } else if (flag == "--late-ms") {
      o.late_ms = parse_number(flag, value);
    } else if (flag == "--p99-max") {
      o.p99_max = parse_number(flag, value);
    } else if (flag == "--connections") {
      o.connections = static_cast<int>(parse_number(flag, value));
    } else if (flag == "--threads") {
      o.threads = static_cast<int>(parse_number(flag, value));
    } else if (flag == "--seed") {
      o.seed = static_cast<std::uint64_t>(parse_number(flag, value));
    } else {
      throw std::runtime_error("unknown option " + flag + "\n" + kUsage);
    }
  });
  if (o.target.empty() || o.scenario.empty() || o.data.empty() || o.rates.empty() ||
      o.duration <= 0)
    throw std::runtime_error(std::string("--target, --scenario, --data, --rate and --duration are "
                                         "required\n") +
                             kUsage);
  for (double r : o.rates)
    if (r <= 0) throw std::runtime_error("--rate: every rate must be positive");
  if (o.connections < 1) throw std::runtime_error("--connections must be at least 1");
  if (o.threads < 1) throw std::runtime_error("--threads must be at least 1");
  if (o.connections > kMaxOpenFiles - kSpareFiles)
    throw std::runtime_error("--connections: at most " +
                             std::to_string(kMaxOpenFiles - kSpareFiles) +
                             " (a process may hold 20,000 open files)");
  return o;
}

// Raises the soft open-file limit as far as the connections need (never past the hard one).
void ensure_open_files(int connections) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t needed = static_cast<rlim_t>(connections + kSpareFiles);
  if (limit.rlim_cur >= needed) return;
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed)
    throw std::runtime_error("--connections " + std::to_string(connections) + " needs " +
                             std::to_string(needed) + " open files; the hard limit is " +
                             std::to_string(limit.rlim_max));
  limit.rlim_cur = needed;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0)
    throw std::runtime_error("cannot raise the open-file limit to " + std::to_string(needed));
}

std::string json_number(double v);

double ms(std::uint64_t micros) {
  return static_cast<double>(micros) / 1000.0;
}

struct Run {
  double rate;
  Results results;
  double load_before = 0, load_after = 0;  // the machine's 1-minute load average
};

double cpu_share(const Results& r) {
  return r.window_seconds > 0 ? (r.cpu_user + r.cpu_sys) / r.window_seconds : 0;
}

double late_share(const Results& r) {
  return r.overall.scheduled ? static_cast<double>(r.late_sends) / r.overall.scheduled : 0;
}

bool loader_behind(const Results& r) {
  return late_share(r) > 0.01;
}

// A rate passes if the p99 is within the bound and under 1 % of the requests failed.
bool passes(const KindStats& k, double p99_max) {
  return ms(k.latency.percentile(99)) <= p99_max && k.scheduled > 0 &&
         static_cast<double>(k.errors()) < 0.01 * static_cast<double>(k.scheduled);
}
bool passes(const Results& r, double p99_max) {
  return passes(r.overall, p99_max);
}

// Per kind ("" for all of them), the highest rate at which it passed, with every lower rate run
// before; "null" if none.
std::map<std::string, std::string> max_rates(const Scenario& scenario, const std::vector<Run>& runs,
                                             double p99_max) {
  std::map<std::string, std::string> best;
  auto walk = [&](const std::string& name, auto stats_of) {
    best[name] = "null";
    for (const Run& run : runs) {
      if (!passes(stats_of(run.results), p99_max)) break;
      best[name] = json_number(run.rate);
    }
  };
  walk("", [](const Results& r) -> const KindStats& { return r.overall; });
  for (std::size_t k = 0; k < scenario.kinds.size(); ++k)
    walk(scenario.kinds[k].name, [k](const Results& r) -> const KindStats& { return r.kinds[k]; });
  return best;
}

void print_row(const std::string& name, const KindStats& k, double seconds) {
  const auto& h = k.latency;
  std::printf(
      "%-24s %9llu %9llu %7llu %9.1f %8.2f %8.2f %8.2f %8.2f %8.2f\n", name.c_str(),
      static_cast<unsigned long long>(k.scheduled), static_cast<unsigned long long>(k.responses),
      static_cast<unsigned long long>(k.errors()), k.responses / seconds, ms(h.percentile(50)),
      ms(h.percentile(90)), ms(h.percentile(99)), ms(h.percentile(99.9)), ms(h.max()));
}

std::string status_summary(const KindStats& k) {
  std::string s;
  for (const auto& [status, count] : k.statuses)
    s += (s.empty() ? "" : ", ") + std::to_string(status) + ": " + std::to_string(count);
  auto add = [&](const char* what, std::uint64_t n) {
    if (n) s += (s.empty() ? "" : ", ") + std::string(what) + ": " + std::to_string(n);
  };
  add("connect errors", k.connect_errors);
  add("I/O errors", k.io_errors);
  add("protocol errors", k.protocol_errors);
  add("timeouts", k.timeouts);
  add("unfinished", k.unfinished);
  add("retried on a new connection (not errors)", k.retries);
  return s.empty() ? "none" : s;
}

void print_run(const Options& o, const Scenario& scenario, const Run& run) {
  const Results& r = run.results;
  const double seconds = r.window_seconds;
  std::printf(
      "\n%.0f req/s requested over %d connections, %d thread(s); %.0f s measured after "
      "%.0f s of warm-up; %s\n",
      run.rate, o.connections, std::min(o.threads, o.connections), o.duration, o.warmup,
      o.target.c_str());
  std::printf("%-24s %9s %9s %7s %9s %8s %8s %8s %8s %8s\n", "kind", "sent", "answered", "errors",
              "req/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
  for (std::size_t i = 0; i < scenario.kinds.size(); ++i)
    print_row(scenario.kinds[i].name, r.kinds[i], seconds);
  print_row("all", r.overall, seconds);
  for (std::size_t i = 0; i < scenario.kinds.size(); ++i)
    std::printf("  %s: %s\n", scenario.kinds[i].name.c_str(), status_summary(r.kinds[i]).c_str());
  std::printf("achieved %.1f req/s of %.1f requested (%.1f %%); %llu connects\n",
              r.overall.responses / seconds, run.rate,
              run.rate > 0 ? 100.0 * r.overall.responses / seconds / run.rate : 0.0,
              static_cast<unsigned long long>(r.connects));
  std::printf(
      "send lateness (the loader's own): p50 %.3f ms, p99 %.3f ms, max %.3f ms; %llu "
      "sends (%.2f %%) later than %.0f ms\n",
      ms(r.send_lateness.percentile(50)), ms(r.send_lateness.percentile(99)),
      ms(r.send_lateness.max()), static_cast<unsigned long long>(r.late_sends),
      100.0 * late_share(r), o.late_ms);
  std::printf(
      "loader CPU over the measured window: %.2f s user + %.2f s sys in %.1f s = %.1f %% "
      "of one core (whole run: %.1f %%); preempted %ld times\n",
      r.cpu_user, r.cpu_sys, seconds, 100.0 * cpu_share(r),
      r.run_seconds > 0 ? 100.0 * (r.run_cpu_user + r.run_cpu_sys) / r.run_seconds : 0.0,
      r.involuntary_switches);
  std::printf("machine load average (1 min): %.2f before, %.2f after, on %u cores\n",
              run.load_before, run.load_after, std::thread::hardware_concurrency());
  if (loader_behind(r))
    std::printf(
        "WARNING: the loader fell behind its schedule (%.2f %% of sends more than %.0f ms "
        "late): the latencies include its own delays. With its CPU share near 100 %% per "
        "thread, add --threads or lower the rate; well under that, other processes had the "
        "cores (see 'preempted' and the load average)\n",
        100.0 * late_share(r), o.late_ms);
  std::fflush(stdout);
}

std::string json_number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", std::isfinite(v) ? v : 0.0);
  return text;
}

std::string json_kind(const KindStats& k, double seconds) {
  const auto& h = k.latency;
  std::string s = "{";
  auto field = [&](const char* name, const std::string& value) {
    if (s.size() > 1) s += ", ";
    s += json_string(name) + ": " + value;
  };
  auto count = [&](const char* name, std::uint64_t v) { field(name, std::to_string(v)); };
  count("count", k.responses);
  count("sent", k.scheduled);
  count("ok", k.ok);
  count("errors", k.errors());
  std::string statuses = "{";
  for (const auto& [status, n] : k.statuses)
    statuses += (statuses.size() > 1 ? ", " : "") + json_string(std::to_string(status)) + ": " +
                std::to_string(n);
  field("statuses", statuses + "}");
  count("connect_errors", k.connect_errors);
  count("io_errors", k.io_errors);
  count("protocol_errors", k.protocol_errors);
  count("timeouts", k.timeouts);
  count("unfinished", k.unfinished);
  count("retries", k.retries);
  count("body_bytes", k.body_bytes);
  field("rate", json_number(k.responses / seconds));
  field("p50", json_number(ms(h.percentile(50))));
  field("p90", json_number(ms(h.percentile(90))));
  field("p99", json_number(ms(h.percentile(99))));
  field("p999", json_number(ms(h.percentile(99.9))));
  field("max", json_number(ms(h.max())));
  field("mean", json_number(h.mean() / 1000.0));
  return s + "}";
}

void write_json(const Options& o, const Scenario& scenario, const std::vector<Run>& runs) {
  std::string s = "{\n  \"target\": " + json_string(o.target) +
                  ",\n  \"connections\": " + std::to_string(o.connections) +
                  ",\n  \"threads\": " + std::to_string(std::min(o.threads, o.connections)) +
                  ",\n  \"duration_s\": " + json_number(o.duration) +
                  ",\n  \"warmup_s\": " + json_number(o.warmup) +
                  ",\n  \"seed\": " + std::to_string(o.seed) +
                  ",\n  \"latency_unit\": \"ms\",\n  \"runs\": [";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Results& r = runs[i].results;
    s += i ? ",\n    {" : "\n    {";
    s += "\"rate\": " + json_number(runs[i].rate);
    s += ", \"achieved_rate\": " + json_number(r.overall.responses / r.window_seconds);
    s += ",\n     \"kinds\": {";
    for (std::size_t k = 0; k < scenario.kinds.size(); ++k)
      s += (k ? ",\n       " : "\n       ") + json_string(scenario.kinds[k].name) + ": " +
           json_kind(r.kinds[k], r.window_seconds);
    s += "},\n     \"overall\": " + json_kind(r.overall, r.window_seconds);
    s += ",\n     \"send_lateness\": {\"p50\": " + json_number(ms(r.send_lateness.percentile(50))) +
         ", \"p99\": " + json_number(ms(r.send_lateness.percentile(99))) +
         ", \"max\": " + json_number(ms(r.send_lateness.max())) +
         ", \"late\": " + std::to_string(r.late_sends) +
         ", \"late_ms\": " + json_number(o.late_ms) +
         ", \"loader_behind\": " + (loader_behind(r) ? "true" : "false") + "}";
    s += ",\n     \"loader_cpu\": {\"user_s\": " + json_number(r.cpu_user) +
         ", \"sys_s\": " + json_number(r.cpu_sys) +
         ", \"share_of_one_core\": " + json_number(cpu_share(r)) +
         ", \"involuntary_switches\": " + std::to_string(r.involuntary_switches) +
         ", \"whole_run_s\": " + json_number(r.run_seconds) +
         ", \"whole_run_cpu_s\": " + json_number(r.run_cpu_user + r.run_cpu_sys) + "}";
    s += ", \"connects\": " + std::to_string(r.connects);
    s += ", \"load_average\": [" + json_number(runs[i].load_before) + ", " +
         json_number(runs[i].load_after) + "]";
    if (o.p99_max > 0) s += ", \"passes\": " + std::string(passes(r, o.p99_max) ? "true" : "false");
    s += "}";
  }
  s += "\n  ]";
  if (o.p99_max > 0) {
    auto best = max_rates(scenario, runs, o.p99_max);
    s += ",\n  \"p99_max_ms\": " + json_number(o.p99_max) +
         ",\n  \"max_rate_under_p99\": " + best[""] + ",\n  \"max_rate_under_p99_by_kind\": {";
    for (std::size_t k = 0; k < scenario.kinds.size(); ++k)
      s += (k ? ", " : "") + json_string(scenario.kinds[k].name) + ": " +
           best[scenario.kinds[k].name];
    s += "}";
  }
  s += "\n}\n";
  std::ofstream out(o.json, std::ios::binary | std::ios::trunc);
  out << s;
  if (!out) throw std::runtime_error("cannot write " + o.json);
}

int main_impl(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  ensure_open_files(o.connections);
  const DataTable data = parse_tsv(read_file(o.data));
  if (data.rows.empty()) throw std::runtime_error(o.data + ": no rows after the header");
  const Scenario scenario = parse_scenario(read_file(o.scenario), data);

  Config config;
  config.target = parse_target(o.target);
  config.scenario = &scenario;
  config.data = &data;
  config.duration = o.duration;
  config.warmup = o.warmup;
  config.connections = o.connections;
  config.threads = o.threads;
  config.seed = o.seed;
  config.timeout = o.timeout;
  config.late_ms = o.late_ms;

  std::vector<Run> runs;
  for (const double rate : o.rates) {
    config.rate = rate;
    const double load_before = load_average();
    runs.push_back({rate, run(config), load_before, load_average()});
    print_run(o, scenario, runs.back());
    // Past the first failing rate the server is saturated: higher ones would only take longer.
    if (o.p99_max > 0 && !passes(runs.back().results, o.p99_max)) break;
  }
  if (o.p99_max > 0) {
    auto best = max_rates(scenario, runs, o.p99_max);
    auto show = [](const std::string& rate) { return rate == "null" ? "none" : rate + " req/s"; };
    std::printf("\nhighest rate with p99 <= %.1f ms and under 1 %% errors: %s", o.p99_max,
                show(best[""]).c_str());
    for (const auto& kind : scenario.kinds)
      std::printf("; %s %s", kind.name.c_str(), show(best[kind.name]).c_str());
    std::printf("\n");
  }
  if (!o.json.empty()) write_json(o, scenario, runs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return main_impl(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "skillnexus_loadgen: " << e.what() << "\n";
    return 2;
  }
}
