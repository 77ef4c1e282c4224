#include "media/webvtt.hpp"

#include <cstdint>
#include <cstdio>
#include <vector>

namespace sn::media {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kArrow = "-->";
constexpr std::string_view kTimingExample = "\"00:00:01.000 --> 00:00:04.000\"";

// Thrown inside the validator only; validate_webvtt turns it into a result.
struct Invalid {
  int line;
  std::string reason;
};

bool is_line_break(char c) {
  return c == '\n' || c == '\r';
}
bool is_space(char c) {
  return c == ' ' || c == '\t';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Line number of byte `at`, counting CRLF as one break as the splitter below does.
int line_at(std::string_view text, std::size_t at) {
  int line = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
    }
  }
  return line;
}

// Length of the UTF-8 sequence at `at`, or 0 if it is malformed (overlong forms, surrogates and
// code points past U+10FFFF included).
std::size_t utf8_sequence_length(std::string_view s, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(s[i]); };
  const std::uint8_t b0 = byte(at);
  if (b0 < 0x80) return 1;
  std::size_t length;
  std::uint8_t low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;   // overlong
    if (b0 == 0xED) high = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;   // overlong
    if (b0 == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (at + length > s.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  return length;
}

void check_bytes(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\0') throw Invalid{line_at(text, i), "contains a NUL byte"};
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      throw Invalid{line_at(text, i), "is not valid UTF-8 (save the file as UTF-8)"};
    }
    i += length;
  }
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_line_break(text[i])) continue;
    lines.push_back(text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// `word` alone or followed by a space or tab: "NOTE", "NOTE this", but not "NOTES".
bool starts_with_word(std::string_view line, std::string_view word) {
  return line.starts_with(word) && (line.size() == word.size() || is_space(line[word.size()]));
}

bool contains_arrow(std::string_view line) {
  return line.find(kArrow) != std::string_view::npos;
}

std::size_t digits_at(std::string_view s, std::size_t at) {
  std::size_t n = 0;
  while (at + n < s.size() && is_digit(s[at + n]))
    ++n;
  return n;
}

long long number(std::string_view digits) {
  long long n = 0;
  for (char c : digits)
    n = n * 10 + (c - '0');
  return n;
}

std::string format_timestamp(long long ms) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%03lld", ms / 3'600'000, ms / 60'000 % 60,
                ms / 1000 % 60, ms % 1000);
  return buf;
}

// A timestamp at `pos` ("mm:ss.ttt" or "h…h:mm:ss.ttt", as the spec's parser reads them), in
// milliseconds; advances `pos` past it.
long long read_timestamp(std::string_view line, std::size_t& pos, int line_number) {
  const auto fail = [&](const std::string& what) -> long long {
    throw Invalid{line_number,
                  what + " in the cue timing; write it like " + std::string(kTimingExample)};
  };
  const std::size_t first = digits_at(line, pos);
  if (first == 0 || first > 9) return fail("a malformed time");
  const bool has_hours_by_width = first != 2;
  const long long a = number(line.substr(pos, first));
  pos += first;
  if (pos >= line.size() || line[pos] != ':' || digits_at(line, pos + 1) != 2) {
    return fail("a malformed time");
  }
  const long long b = number(line.substr(pos + 1, 2));
  pos += 3;
  long long hours = 0, minutes = a, seconds = b;
  if (has_hours_by_width || (pos < line.size() && line[pos] == ':')) {
    if (pos >= line.size() || line[pos] != ':' || digits_at(line, pos + 1) != 2) {
      return fail("a malformed time");
    }
    hours = a;
    minutes = b;
    seconds = number(line.substr(pos + 1, 2));
    pos += 3;
  }
  if (pos >= line.size() || line[pos] != '.' || digits_at(line, pos + 1) != 3) {
    return fail("a time without exactly 3 digits of milliseconds");
  }
  const long long millis = number(line.substr(pos + 1, 3));
  pos += 4;
  if (minutes > 59) return fail("minutes above 59");
  if (seconds > 59) return fail("seconds above 59");
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

void skip_spaces(std::string_view line, std::size_t& pos) {
  while (pos < line.size() && is_space(line[pos]))
    ++pos;
}

bool is_known_setting(std::string_view name) {
  for (std::string_view known : {"vertical", "line", "position", "size", "align", "region"})
    if (name == known) return true;
  return false;
}

// Settings: space-separated name:value pairs with the spec's names ("align:start line:90%").
void check_settings(std::string_view settings, int line_number) {
  for (std::size_t pos = 0;;) {
    skip_spaces(settings, pos);
    if (pos == settings.size()) return;
    std::size_t end = pos;
    while (end < settings.size() && !is_space(settings[end]))
      ++end;
    const std::string_view token = settings.substr(pos, end - pos);
    const auto colon = token.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == token.size() ||
        !is_known_setting(token.substr(0, colon))) {
      throw Invalid{line_number, "unknown cue setting \"" + std::string(token) +
                                     "\" (allowed: vertical, line, position, size, align, "
                                     "region, as name:value)"};
    }
    pos = end;
  }
}

struct Timing {
  long long start_ms;
  long long end_ms;
};

Timing read_timing_line(std::string_view line, int line_number) {
  std::size_t pos = 0;
  skip_spaces(line, pos);
  const long long start = read_timestamp(line, pos, line_number);
  skip_spaces(line, pos);
  if (line.substr(pos, kArrow.size()) != kArrow) {
    throw Invalid{line_number, "expected \"-->\" between the start and end times, as in " +
                                   std::string(kTimingExample)};
  }
  pos += kArrow.size();
  skip_spaces(line, pos);
  const long long end = read_timestamp(line, pos, line_number);
  if (pos < line.size()) {
    if (!is_space(line[pos])) {
      throw Invalid{line_number, "unexpected text right after the end time"};
    }
    check_settings(line.substr(pos), line_number);
  }
  if (end < start) {
    throw Invalid{line_number, "cue end " + format_timestamp(end) + " is before its start " +
                                   format_timestamp(start)};
  }
  if (end == start) {
    throw Invalid{line_number, "cue end " + format_timestamp(end) + " is the same as its start"};
  }
  return {start, end};
}

// Reads the blocks of the file in order, keeping what later blocks are checked against.
class BlockChecker {
 public:
  explicit BlockChecker(const std::vector<std::string_view>& lines) : lines_(lines) {}

  // Returns the number of cues.
  int check_all() {
    std::size_t i = check_header();
    while (i < lines_.size()) {
      if (lines_[i].empty()) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < lines_.size() && !lines_[end].empty())
        ++end;
      check_block(i, end);
      i = end;
    }
    return cues_;
  }

 private:
  int line_number(std::size_t index) const { return static_cast<int>(index) + 1; }

  // The signature line, then header lines up to the first blank line. Returns the next index.
  std::size_t check_header() {
    if (lines_.empty() || !starts_with_word(lines_[0], "WEBVTT")) {
      throw Invalid{1, "a WebVTT file must start with the line \"WEBVTT\""};
    }
    std::size_t i = 1;
    for (; i < lines_.size() && !lines_[i].empty(); ++i) {
      if (contains_arrow(lines_[i])) {
        throw Invalid{line_number(i),
                      "a blank line must separate the WEBVTT line from the "
                      "first cue"};
      }
    }
    return i;
  }

  void check_block(std::size_t begin, std::size_t end) {
    const std::string_view first = lines_[begin];
    if (starts_with_word(first, "NOTE")) return check_no_arrow(begin, end, "a NOTE");
    for (std::string_view kind : {"STYLE", "REGION"}) {
      if (!starts_with_word(first, kind)) continue;
      if (cues_ > 0) {
        throw Invalid{line_number(begin), std::string(kind) +
                                              " blocks must come before the "
                                              "first cue"};
      }
      return check_no_arrow(begin, end, "a " + std::string(kind) + " block");
    }
    check_cue(begin, end);
  }

  void check_no_arrow(std::size_t begin, std::size_t end, const std::string& what) {
    for (std::size_t i = begin; i < end; ++i) {
      if (contains_arrow(lines_[i])) {
        throw Invalid{line_number(i), what +
                                          " must not contain \"-->\" (is a blank line "
                                          "missing before a cue?)"};
      }
    }
  }

  void check_cue(std::size_t begin, std::size_t end) {
    std::size_t timing = begin;
    if (!contains_arrow(lines_[begin])) timing = begin + 1;  // the first line is an identifier
    if (timing >= end || !contains_arrow(lines_[timing])) {
      const std::size_t at = timing < end ? timing : begin;
      throw Invalid{line_number(at), "expected cue timings like " + std::string(kTimingExample) +
                                         " (a blank line inside a cue's text ends the cue)"};
    }
    const Timing t = read_timing_line(lines_[timing], line_number(timing));
    if (cues_ > 0 && t.start_ms < previous_start_ms_) {
      throw Invalid{line_number(timing), "cue starts at " + format_timestamp(t.start_ms) +
                                             ", before the cue above it (" +
                                             format_timestamp(previous_start_ms_) +
                                             "); cues must be in time order"};
    }
    check_no_arrow(timing + 1, end, "cue text");
    previous_start_ms_ = t.start_ms;
    ++cues_;
  }

  const std::vector<std::string_view>& lines_;
  int cues_ = 0;
  long long previous_start_ms_ = 0;
};

std::string joined_with_lf(const std::vector<std::string_view>& lines) {
  std::string out;
  for (std::string_view line : lines) {
    out.append(line);
    out += '\n';
  }
  return out;
}

WebVttResult failure(int line, const std::string& reason) {
  WebVttResult r;
  r.error_line = line;
  r.error = line > 0 ? "line " + std::to_string(line) + ": " + reason : reason;
  return r;
}

bool all_of(std::string_view s, bool (*predicate)(char)) {
  for (char c : s)
    if (!predicate(c)) return false;
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::vector<std::string_view> split_on_hyphen(std::string_view tag) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto dash = tag.find('-');
    parts.push_back(tag.substr(0, dash));
    if (dash == std::string_view::npos) return parts;
    tag.remove_prefix(dash + 1);
  }
}

}  // namespace

WebVttResult validate_webvtt(std::string_view bytes, const WebVttOptions& options) {
  if (bytes.size() > options.max_bytes) {
    return failure(
        0, "the file is larger than the limit of " + std::to_string(options.max_bytes) + " bytes");
  }
  if (bytes.empty()) return failure(0, "the file is empty");
  try {
    check_bytes(bytes);
    std::string_view text = bytes;
    if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
    const std::vector<std::string_view> lines = split_lines(text);
    const int cues = BlockChecker(lines).check_all();
    if (cues == 0 && !options.allow_no_cues) return failure(0, "the file has no cues");
    WebVttResult result;
    result.ok = true;
    result.normalized = joined_with_lf(lines);
    result.cue_count = cues;
    return result;
  } catch (const Invalid& e) {
    return failure(e.line, e.reason);
  }
}

std::optional<std::string> normalize_language_tag(std::string_view tag) {
  const std::vector<std::string_view> parts = split_on_hyphen(tag);
  if (parts.size() > 3) return std::nullopt;
  const std::string_view language = parts[0];
  if (language.size() < 2 || language.size() > 3 || !all_of(language, is_alpha)) {
    return std::nullopt;
  }
  std::string out = lower(language);
  std::size_t next = 1;
  if (next < parts.size() && parts[next].size() == 4 && all_of(parts[next], is_alpha)) {
    out += '-' + upper(parts[next].substr(0, 1)) + lower(parts[next].substr(1));
    ++next;
  }
  if (next < parts.size()) {
    const std::string_view region = parts[next];
    const bool letters = region.size() == 2 && all_of(region, is_alpha);
    const bool digits = region.size() == 3 && all_of(region, is_digit);
    if (!letters && !digits) return std::nullopt;
    out += '-' + upper(region);
    ++next;
  }
  if (next != parts.size()) return std::nullopt;
  return out;
}

}  // namespace sn::media
