#pragma once
// What the load tools (skillnexus_loadgen, skillnexus_viewers) share on their command lines and
// in their reports: flags, numbers, JSON strings and the machine's load.

#include <functional>
#include <string>
#include <string_view>

namespace sn::loadgen {

// Calls `apply(flag, value)` for every "--flag value" or "--flag=value" on the command line;
// prints `usage` and exits 0 for -h/--help; throws std::runtime_error for a flag without value.
void for_each_flag(
    int argc, char** argv, std::string_view usage,
    const std::function<void(const std::string& flag, const std::string& value)>& apply);

// A non-negative decimal number, or std::runtime_error naming the flag.
double parse_number(const std::string& flag, const std::string& value);

// `s` as a JSON string literal, quotes included.
std::string json_string(const std::string& s);

// The 1-minute load average: runnable threads on the machine. Above the core count every thread,
// the loader's too, gets only a share of a core, so both loader and server fall behind.
double load_average();

}  // namespace sn::loadgen
