#include "learning/progress_rules.hpp"

#include <algorithm>

namespace sn::learning {

std::vector<bool> section_locks(const std::vector<SectionProgress>& sections) {
  std::vector<bool> locked(sections.size(), false);
  for (std::size_t i = 1; i < sections.size(); ++i) {
    const auto& previous = sections[i - 1];
    locked[i] =
        sections[i].requires_previous && previous.required_completed < previous.required_lessons;
  }
  return locked;
}

CountedSpan counted_span(Span played, std::int64_t duration_ms, std::int64_t elapsed_ms,
                         double playback_rate) {
  CountedSpan counted;
  counted.plausible = plausible(played, elapsed_ms, playback_rate);
  if (!counted.plausible) return counted;
  // merge_watched into nothing is the clip: the same rule as the stored union.
  const auto merged = merge_watched({}, played, duration_ms);
  if (!merged.empty()) counted.span = merged.front();
  return counted;
}

std::optional<int> quarter_crossed(std::int64_t before_ms, std::int64_t after_ms,
                                   std::int64_t duration_ms) {
  if (duration_ms <= 0 || after_ms <= before_ms) return std::nullopt;
  const auto quarter = [&](std::int64_t ms) {
    return static_cast<int>(std::min<std::int64_t>(4, ms * 4 / duration_ms));
  };
  const int now = std::min(quarter(after_ms), 3);
  if (now > quarter(before_ms)) return now;
  return std::nullopt;
}

int percent_of(std::int64_t part, std::int64_t whole) {
  if (whole <= 0 || part <= 0) return 0;
  return static_cast<int>(std::min<std::int64_t>(100, part * 100 / whole));
}

std::string csv_cell(std::string_view value) {
  std::string text;
  if (!value.empty() && (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
                         value.front() == '@' || value.front() == '\t' || value.front() == '\r')) {
    text += '\'';
  }
  text += value;
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace sn::learning
