#include "report.hpp"

#include <cmath>
#include <cstdio>

#include "cli.hpp"

namespace sn::viewers {

using loadgen::json_string;

namespace {

double ms(std::uint64_t micros) {
  return static_cast<double>(micros) / 1000.0;
}

std::string format(const char* fmt, auto... args) {
  char text[512];
  std::snprintf(text, sizeof text, fmt, args...);
  return text;
}

std::string json_number(double v) {
  return format("%.6g", std::isfinite(v) ? v : 0.0);
}

}  // namespace

double Report::ttfb_p99_ms() const {
  return ms(stats.ttfb.percentile(99));
}

bool Report::passes() const {
  return stats.segments > 0 && ttfb_p99_ms() < p99_max_ms && stats.starved_viewers == 0 &&
         stats.errors() == 0;
}

std::string Report::summary() const {
  const Stats& s = stats;
  const double mbit =
      duration > 0 ? 8.0 * static_cast<double>(s.steady_body_bytes) / duration / 1e6 : 0;
  const double expected = static_cast<double>(plan->viewers) * plan->bits_per_second() / 1e6;
  std::string out;
  out += format(
      "%llu viewers of %s: %zu segments, %.1f s, %.2f Mbit/s; %.0f s ramp + %.0f s; "
      "%d thread(s), bodies: %s\n",
      static_cast<unsigned long long>(plan->viewers), plan->playlist_url.text().c_str(),
      plan->segments.size(), plan->seconds(), plan->bits_per_second() / 1e6, ramp, duration,
      threads, bodies.c_str());
  out += format(
      "segments: %llu answered, %.2f GB; after the ramp %.1f Mbit/s (all viewers at "
      "pace: %.1f)\n",
      static_cast<unsigned long long>(s.segments), static_cast<double>(s.body_bytes) / 1e9, mbit,
      expected);
  out += format(
      "segment time to first byte: p50 %.2f ms, p90 %.2f, p99 %.2f, p99.9 %.2f, max "
      "%.2f; playlist p99 %.2f ms; startup (playlist + first segment) p50 %.1f ms, p99 "
      "%.1f\n",
      ms(s.ttfb.percentile(50)), ms(s.ttfb.percentile(90)), ttfb_p99_ms(),
      ms(s.ttfb.percentile(99.9)), ms(s.ttfb.max()), ms(s.playlist_ttfb.percentile(99)),
      ms(s.startup.percentile(50)), ms(s.startup.percentile(99)));
  out += format("stalls: %llu (%.1f s waited); starved viewers: %llu of %llu\n",
                static_cast<unsigned long long>(s.stalls), static_cast<double>(s.stall_us) / 1e6,
                static_cast<unsigned long long>(s.starved_viewers),
                static_cast<unsigned long long>(plan->viewers));
  out += format(
      "errors: %llu (connect %llu, I/O %llu, protocol %llu, status %llu, length %llu, "
      "timeout %llu, unfinished %llu); %llu connects, %llu retries, %llu closed by the "
      "server\n",
      static_cast<unsigned long long>(s.errors()),
      static_cast<unsigned long long>(s.connect_errors),
      static_cast<unsigned long long>(s.io_errors),
      static_cast<unsigned long long>(s.protocol_errors),
      static_cast<unsigned long long>(s.status_errors),
      static_cast<unsigned long long>(s.length_errors), static_cast<unsigned long long>(s.timeouts),
      static_cast<unsigned long long>(s.unfinished), static_cast<unsigned long long>(s.connects),
      static_cast<unsigned long long>(s.retries), static_cast<unsigned long long>(s.server_closes));
  const double per_1000 =
      plan->viewers ? 100.0 * usage.steady_share() * 1000.0 / static_cast<double>(plan->viewers)
                    : 0;
  out += format(
      "loader: %.1f %% of one core over the run (%.2f s user + %.2f s sys in %.1f s), "
      "%.1f %% after the ramp (%.2f %% per 1000 viewers); timer lateness p99 %.2f ms, "
      "max %.2f; preempted %ld times\n",
      100.0 * usage.share(), usage.user, usage.sys, usage.seconds, 100.0 * usage.steady_share(),
      per_1000, ms(s.lateness.percentile(99)), ms(s.lateness.max()), usage.involuntary_switches);
  out += format("machine: load average (1 min) %.2f before, %.2f after, on %u cores\n", load_before,
                load_after, cores);
  out += format("%s: segment TTFB p99 %.2f ms %s %.0f ms, %llu starved, %llu errors\n",
                passes() ? "PASS" : "FAIL", ttfb_p99_ms(),
                ttfb_p99_ms() < p99_max_ms ? "<" : ">=", p99_max_ms,
                static_cast<unsigned long long>(s.starved_viewers),
                static_cast<unsigned long long>(s.errors()));
  return out;
}

std::string Report::json() const {
  const Stats& s = stats;
  std::string out = "{";
  auto field = [&](const char* name, const std::string& value) {
    if (out.size() > 1) out += ",";
    out += json_string(name) + ":" + value;
  };
  auto count = [&](const char* name, std::uint64_t v) { field(name, std::to_string(v)); };
  auto number = [&](const char* name, double v) { field(name, json_number(v)); };
  field("url", json_string(plan->playlist_url.text()));
  count("viewers", plan->viewers);
  number("threads", threads);
  field("bodies", json_string(bodies));
  number("duration_s", duration);
  number("ramp_s", ramp);
  count("playlist_segments", plan->segments.size());
  number("playlist_s", plan->seconds());
  number("stream_mbit_s", plan->bits_per_second() / 1e6);
  count("segments", s.segments);
  count("playlists", s.playlists);
  count("bytes", s.body_bytes);
  number("mbit_s",
         duration > 0 ? 8.0 * static_cast<double>(s.steady_body_bytes) / duration / 1e6 : 0);
  number("expected_mbit_s", static_cast<double>(plan->viewers) * plan->bits_per_second() / 1e6);
  number("ttfb_p50_ms", ms(s.ttfb.percentile(50)));
  number("ttfb_p90_ms", ms(s.ttfb.percentile(90)));
  number("ttfb_p99_ms", ttfb_p99_ms());
  number("ttfb_p999_ms", ms(s.ttfb.percentile(99.9)));
  number("ttfb_max_ms", ms(s.ttfb.max()));
  number("playlist_ttfb_p99_ms", ms(s.playlist_ttfb.percentile(99)));
  number("startup_p50_ms", ms(s.startup.percentile(50)));
  number("startup_p99_ms", ms(s.startup.percentile(99)));
  count("stalls", s.stalls);
  number("stall_s", static_cast<double>(s.stall_us) / 1e6);
  count("starved_viewers", s.starved_viewers);
  count("errors", s.errors());
  count("connect_errors", s.connect_errors);
  count("io_errors", s.io_errors);
  count("protocol_errors", s.protocol_errors);
  count("status_errors", s.status_errors);
  count("length_errors", s.length_errors);
  count("timeouts", s.timeouts);
  count("unfinished", s.unfinished);
  count("connects", s.connects);
  count("retries", s.retries);
  count("server_closes", s.server_closes);
  number("lateness_p99_ms", ms(s.lateness.percentile(99)));
  number("lateness_max_ms", ms(s.lateness.max()));
  number("cpu_user_s", usage.user);
  number("cpu_sys_s", usage.sys);
  number("cpu_pct", 100.0 * usage.share());
  number("cpu_pct_steady", 100.0 * usage.steady_share());
  count("involuntary_switches", static_cast<std::uint64_t>(usage.involuntary_switches));
  number("load_before", load_before);
  number("load_after", load_after);
  count("cores", cores);
  number("p99_max_ms", p99_max_ms);
  field("pass", passes() ? "true" : "false");
  return out + "}";
}

}  // namespace sn::viewers
