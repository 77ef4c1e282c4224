#include "scenario.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace sn::loadgen {

namespace {

// Splits text into lines, dropping a trailing '\r' (files edited on Windows).
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

bool is_placeholder_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == ':' || c == '*' || c == '-' || c == '.' || c == '%' || c == '+';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back()))
    s.remove_suffix(1);
  return s;
}

// The next blank-separated word of s, removed from s.
std::string_view next_word(std::string_view& s) {
  s = trim(s);
  std::size_t end = 0;
  while (end < s.size() && !is_blank(s[end]))
    ++end;
  const std::string_view word = s.substr(0, end);
  s.remove_prefix(end);
  return word;
}

std::uint64_t parse_uint(std::string_view s, std::string_view what) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty())
    throw std::runtime_error("not a non-negative integer in " + std::string(what) + ": '" +
                             std::string(s) + "'");
  return value;
}

std::string at_line(std::size_t number, const std::exception& e) {
  return "line " + std::to_string(number) + ": " + e.what();
}

}  // namespace

int DataTable::column(std::string_view name) const {
  const auto it = std::find(columns.begin(), columns.end(), name);
  return it == columns.end() ? -1 : static_cast<int>(it - columns.begin());
}

DataTable parse_tsv(std::string_view text) {
  DataTable table;
  std::size_t number = 0;
  for (const std::string_view line : lines_of(text)) {
    ++number;
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::string_view rest = line;
    while (true) {
      const auto tab = rest.find('\t');
      fields.emplace_back(rest.substr(0, tab));
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    if (table.columns.empty()) {
      for (const auto& name : fields) {
        if (name.empty()) throw std::runtime_error("data line 1: an empty column name");
        if (std::count(fields.begin(), fields.end(), name) > 1)
          throw std::runtime_error("data line 1: column '" + name + "' twice");
      }
      table.columns = std::move(fields);
    } else if (fields.size() != table.columns.size()) {
      throw std::runtime_error("data line " + std::to_string(number) + ": " +
                               std::to_string(fields.size()) + " fields, the header has " +
                               std::to_string(table.columns.size()));
    } else {
      table.rows.push_back(std::move(fields));
    }
  }
  if (table.columns.empty()) throw std::runtime_error("the data file has no header row");
  return table;
}

std::uint64_t Rng::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Lemire's multiply-shift: unbiased enough for load generation (bias < n / 2^64).
  __extension__ using u128 = unsigned __int128;  // GCC and Clang; -Wpedantic knows no __int128
  return static_cast<std::uint64_t>((static_cast<u128>(next()) * n) >> 64);
}

Template::Template(std::string_view text, const DataTable& data) {
  auto literal = [&](std::string_view s) {
    if (s.empty()) return;
    if (!parts_.empty() && parts_.back().kind == Kind::literal)
      parts_.back().text += s;
    else
      parts_.push_back({Kind::literal, std::string(s)});
  };
  auto column_of = [&](std::string_view name) {
    const int index = data.column(name);
    if (index < 0) throw std::runtime_error("no column '" + std::string(name) + "' in the data");
    return static_cast<std::uint64_t>(index);
  };
  while (!text.empty()) {
    const auto open = text.find('{');
    literal(text.substr(0, open));
    if (open == std::string_view::npos) break;
    text.remove_prefix(open);
    if (text.starts_with("{{")) {
      literal("{");
      text.remove_prefix(2);
      continue;
    }
    // Only "{word}" (letters, digits and _ : * - .) is a placeholder; any other brace is literal,
    // so JSON bodies need no escaping: {"a": 1} has a quote after its brace.
    std::size_t end = 1;
    while (end < text.size() && is_placeholder_char(text[end]))
      ++end;
    if (end == 1 || end == text.size() || text[end] != '}') {
      literal("{");
      text.remove_prefix(1);
      continue;
    }
    const std::string_view inner = text.substr(1, end - 1);
    text.remove_prefix(end + 1);
    if (inner == "tick") {
      parts_.push_back({Kind::tick, {}, 1});
    } else if (inner.starts_with("tick*")) {
      // {tick*N}, {tick*N%M} and {tick*N%M+K}: a position that advances N per request and wraps
      // at M (a video's length), plus K (the end of the span that started there).
      auto rest = inner.substr(5);
      Part part{Kind::tick, {}, 0};
      const auto percent = rest.find('%');
      part.value = parse_uint(rest.substr(0, percent), "{tick*N}");
      if (percent != std::string_view::npos) {
        rest.remove_prefix(percent + 1);
        const auto plus = rest.find('+');
        part.modulus = parse_uint(rest.substr(0, plus), "{tick*N%M}");
        if (part.modulus == 0) throw std::runtime_error("{tick*N%0}: the modulus must be positive");
        if (plus != std::string_view::npos)
          part.offset = parse_uint(rest.substr(plus + 1), "{tick*N%M+K}");
      }
      parts_.push_back(std::move(part));
    } else if (inner.starts_with("rand:")) {
      const auto bound = parse_uint(inner.substr(5), "{rand:N}");
      if (bound == 0) throw std::runtime_error("{rand:0}: the bound must be positive");
      parts_.push_back({Kind::rand, {}, bound});
    } else if (inner.starts_with("pick:")) {
      parts_.push_back({Kind::pick, {}, column_of(inner.substr(5))});
    } else if (inner.find_first_of(":*") == std::string_view::npos) {
      parts_.push_back({Kind::column, {}, column_of(inner)});
    } else {
      throw std::runtime_error("'{" + std::string(inner) +
                               "}' is no placeholder (write '{{' for a literal '{')");
    }
  }
}

void Template::expand(const Context& context, std::string& out) const {
  for (const Part& part : parts_) {
    switch (part.kind) {
      case Kind::literal:
        out += part.text;
        break;
      case Kind::column:
        out += context.data.rows[context.row][part.value];
        break;
      case Kind::tick: {
        auto value = context.tick * part.value;
        if (part.modulus) value = value % part.modulus + part.offset;
        out += std::to_string(value);
        break;
      } break;
      case Kind::rand:
        out += std::to_string(context.rng.below(part.value));
        break;
      case Kind::pick:
        out += context.data.rows[context.rng.below(context.data.rows.size())][part.value];
        break;
    }
  }
}

std::size_t Scenario::pick(double u) const {
  const double target = u * cumulative.back();
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), target);
  return std::min<std::size_t>(it - cumulative.begin(), kinds.size() - 1);
}

Scenario parse_scenario(std::string_view text, const DataTable& data) {
  Scenario scenario;
  std::size_t number = 0;
  for (const std::string_view raw : lines_of(text)) {
    ++number;
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    try {
      const std::string_view name = next_word(line);
      const std::string_view weight_text = next_word(line);
      const std::string_view method = next_word(line);
      const std::string_view path = next_word(line);
      const std::string_view body = trim(line);
      if (path.empty()) throw std::runtime_error("expected NAME WEIGHT METHOD PATH [BODY]");
      double weight = 0;
      const auto [end, ec] =
          std::from_chars(weight_text.data(), weight_text.data() + weight_text.size(), weight);
      if (ec != std::errc() || end != weight_text.data() + weight_text.size() || !(weight >= 0))
        throw std::runtime_error("the weight '" + std::string(weight_text) +
                                 "' is not a non-negative number");
      if (!std::all_of(method.begin(), method.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        throw std::runtime_error("the method '" + std::string(method) + "' is not upper case");
      if (path.front() != '/') throw std::runtime_error("the path must start with '/'");
      for (const auto& kind : scenario.kinds)
        if (kind.name == name) throw std::runtime_error("the name '" + kind.name + "' twice");
      scenario.kinds.push_back({std::string(name), weight, std::string(method),
                                Template(path, data), !body.empty(), Template(body, data)});
    } catch (const std::runtime_error& e) {
      throw std::runtime_error("scenario " + at_line(number, e));
    }
  }
  double sum = 0;
  for (const auto& kind : scenario.kinds)
    scenario.cumulative.push_back(sum += kind.weight);
  if (scenario.kinds.empty() || !(sum > 0))
    throw std::runtime_error("the scenario has no request kind with a positive weight");
  return scenario;
}

}  // namespace sn::loadgen
