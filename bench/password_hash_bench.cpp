// The reference for bench/run's sign-in row: how many argon2id verifications of one password a
// core does, with exactly the parameters the server uses (PasswordHasher's defaults, which
// `skillnexus serve` constructs its hasher with), called the same way (verify_now, libsodium's
// crypto_pwhash_str_verify on a "$argon2id$v=19$m=…,t=…,p=1$…" string).
//
//   skillnexus_benchmarks                           # verifies/s on one thread, then on every core
//   skillnexus_benchmarks --benchmark_filter=verify/threads:1$ --benchmark_format=json
//
// Counters: items_per_second (verifications per second, over wall time, summed over threads),
// opslimit and memlimit_MiB (the parameters measured).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <thread>

#include "identity/password.hpp"

namespace {

// Any acceptable password: argon2id's cost does not depend on its length (it is hashed once
// into the initial block; the passes over memory dominate).
constexpr std::string_view kPassword = "bench pass phrase 1";

// Averaged over threads, not summed (the default): every thread uses the same parameters.
void add_params(benchmark::State& state, const sn::identity::Argon2Params& params) {
  using benchmark::Counter;
  state.counters["opslimit"] = Counter(static_cast<double>(params.opslimit), Counter::kAvgThreads);
  state.counters["memlimit_MiB"] =
      Counter(static_cast<double>(params.memlimit) / (1024.0 * 1024.0), Counter::kAvgThreads);
}

// One correct password against its stored hash, as a successful sign-in does.
void verify(benchmark::State& state) {
  // Constructed like the server's (default parameters); one pool thread, unused here: verify_now
  // runs on the calling thread, so each benchmark thread is one core's worth of hashing.
  const sn::identity::PasswordHasher hasher(1);
  const std::string stored = hasher.hash_now(kPassword);
  if (!hasher.verify_now(stored, kPassword)) throw std::runtime_error("verify_now failed");
  for (auto _ : state) {
    benchmark::DoNotOptimize(hasher.verify_now(stored, kPassword));
  }
  state.SetItemsProcessed(state.iterations());
  add_params(state, hasher.params());
  state.SetLabel(stored.substr(0, stored.find('$', stored.find("$m=") + 1)));
}

// Hashing (setting a password) costs the same as verifying; measured for completeness.
void hash(benchmark::State& state) {
  const sn::identity::PasswordHasher hasher(1);
  for (auto _ : state) {
    benchmark::DoNotOptimize(hasher.hash_now(kPassword));
  }
  state.SetItemsProcessed(state.iterations());
  add_params(state, hasher.params());
}

// Real time, so that with N threads items_per_second is what the N cores deliver together (and
// shows whether argon2id's memory traffic lets them scale).
[[maybe_unused]] const bool registered = [] {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto verify_on = [](int threads) {
    benchmark::RegisterBenchmark("argon2id/verify", verify)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Threads(threads);
  };
  verify_on(1);
  if (cores > 1) verify_on(cores);
  benchmark::RegisterBenchmark("argon2id/hash", hash)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Threads(1);
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
