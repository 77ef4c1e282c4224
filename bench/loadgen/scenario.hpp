// What skillnexus_loadgen sends: the data file (TSV rows, one per simulated user), the request
// templates that draw on it, and the scenario (the weighted mix of request kinds).

#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace sn::loadgen {

// Tab-separated values with a header row naming the columns. Fields hold ready values (no quoting,
// no escapes, no URL encoding). Empty lines are skipped; every row has as many fields as the
// header.
struct DataTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;

  // The index of a column, or -1.
  int column(std::string_view name) const;
};

// Throws std::runtime_error naming the line on malformed input.
DataTable parse_tsv(std::string_view text);

// The per-connection PRNG: cheap, deterministic across platforms for a given seed (unlike the
// standard distributions, whose algorithms are implementation-defined).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();  // splitmix64
  // Uniform in [0, n); n > 0.
  std::uint64_t below(std::uint64_t n);
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// A path or body with placeholders, parsed once against the data table's columns:
//   {column}       the value of that column in the connection's own row
//   {tick}         the connection's request counter (0, 1, 2, ...)
//   {tick*N}       the counter times the integer N
//   {tick*N%M+K}   (counter × N) mod M, plus K (the +K part is optional): a video position
//   {rand:N}       uniform in 0..N-1
//   {pick:column}  the value of that column in a random row (any connection's)
// Only "{word}" (letters, digits, _ : * - .) is a placeholder, and one naming no column or form
// is an error, so that typos do not go out as literals. Other braces are literal, so JSON bodies
// need no escaping; "{{" stands for a literal "{" where one would read as a placeholder.
class Template {
 public:
  // Throws std::runtime_error on an unknown column or a malformed placeholder.
  Template(std::string_view text, const DataTable& data);

  struct Context {
    const DataTable& data;
    std::size_t row;  // this connection's row
    std::uint64_t tick;
    Rng& rng;
  };
  // Appends the expansion to out.
  void expand(const Context& context, std::string& out) const;

  bool empty() const { return parts_.empty(); }

 private:
  enum class Kind { literal, column, tick, rand, pick };
  struct Part {
    Kind kind;
    std::string text;           // literal
    std::uint64_t value = 0;    // column index, tick multiplier, rand bound
    std::uint64_t modulus = 0;  // tick: wrap here (0: never)
    std::uint64_t offset = 0;   // tick: added after wrapping
  };
  std::vector<Part> parts_;
};

struct RequestKind {
  std::string name;
  double weight = 0;
  std::string method;
  Template path;
  bool has_body = false;
  Template body;
};

struct Scenario {
  std::vector<RequestKind> kinds;
  std::vector<double> cumulative;  // running sum of the weights, for pick()

  // A kind chosen by weight: u uniform in [0, 1).
  std::size_t pick(double u) const;
};

// One request kind per line: NAME WEIGHT METHOD PATH [BODY], separated by blanks; BODY is the rest
// of the line (may hold blanks). '#' starts a comment line. Throws std::runtime_error naming the
// line on malformed input, an unknown column, or no kinds at all.
Scenario parse_scenario(std::string_view text, const DataTable& data);

}  // namespace sn::loadgen
