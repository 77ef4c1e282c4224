#include "cli.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace sn::loadgen {

void for_each_flag(int argc, char** argv, std::string_view usage,
                   const std::function<void(const std::string&, const std::string&)>& apply) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    if (flag == "-h" || flag == "--help") {
      std::cout << usage;
      std::exit(0);
    }
    if (const auto eq = flag.find('='); eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      throw std::runtime_error(flag + " needs a value");
    }
    apply(flag, value);
  }
}

double parse_number(const std::string& flag, const std::string& value) {
  std::size_t end = 0;
  double v = 0;
  try {
    v = std::stod(value, &end);
  } catch (const std::exception&) {
    end = 0;
  }
  if (end != value.size() || !std::isfinite(v) || v < 0)
    throw std::runtime_error(flag + ": not a non-negative number: '" + value + "'");
  return v;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

double load_average() {
  std::ifstream in("/proc/loadavg");
  double load = 0;
  in >> load;
  return load;
}

}  // namespace sn::loadgen
