#include "http/byte_ranges.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <random>

#include "core/text.hpp"

namespace sn::http {
namespace {

using Kind = RangeDecision::Kind;

// ---- Range header ---------------------------------------------------------------------------

// One range-spec as written: "first-last", "first-" or the suffix "-N".
struct RangeSpec {
  std::optional<std::uint64_t> first;  // absent for a suffix range
  std::optional<std::uint64_t> last;   // absent for "first-" and for a suffix range
  std::uint64_t suffix_length = 0;
};

// 1*DIGIT as an unsigned 64-bit number; nullopt when empty, not all digits, or too large.
std::optional<std::uint64_t> parse_digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  constexpr auto max = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::optional<RangeSpec> parse_range_spec(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto before = text.substr(0, dash);
  const auto after = text.substr(dash + 1);
  if (before.empty()) {
    const auto suffix = parse_digits(after);
    if (!suffix) return std::nullopt;
    return RangeSpec{std::nullopt, std::nullopt, *suffix};
  }
  const auto first = parse_digits(before);
  if (!first) return std::nullopt;
  if (after.empty()) return RangeSpec{first, std::nullopt, 0};
  const auto last = parse_digits(after);
  // RFC 9110 §14.1.1: last < first makes the whole range-set invalid.
  if (!last || *last < *first) return std::nullopt;
  return RangeSpec{first, last, 0};
}

// The bytes a spec selects in a representation of `length` bytes, or nullopt when it selects none.
std::optional<ByteRange> resolve(const RangeSpec& spec, std::uint64_t length) {
  if (length == 0) return std::nullopt;
  if (!spec.first) {
    if (spec.suffix_length == 0) return std::nullopt;
    const auto count = std::min(spec.suffix_length, length);
    return ByteRange{length - count, count};
  }
  if (*spec.first >= length) return std::nullopt;
  const auto last = std::min(spec.last.value_or(length - 1), length - 1);
  return ByteRange{*spec.first, last - *spec.first + 1};
}

// Sorted, with overlapping or touching ranges merged into one.
std::vector<ByteRange> coalesce(std::vector<ByteRange> ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const ByteRange& a, const ByteRange& b) { return a.first < b.first; });
  std::vector<ByteRange> merged;
  for (const auto& range : ranges) {
    if (!merged.empty() && range.first <= merged.back().first + merged.back().length) {
      auto& previous = merged.back();
      const auto end = std::max(previous.first + previous.length, range.first + range.length);
      previous.length = end - previous.first;
    } else {
      merged.push_back(range);
    }
  }
  return merged;
}

// The specs of a range-set, or nullopt when it is malformed, empty or too long to honour.
std::optional<std::vector<RangeSpec>> parse_range_set(std::string_view set) {
  std::vector<RangeSpec> specs;
  while (true) {
    const auto comma = set.find(',');
    const auto element = trim_blanks(set.substr(0, comma));
    if (!element.empty()) {  // empty list elements are allowed and ignored (RFC 9110 §5.6.1)
      if (specs.size() == max_ranges_per_request) return std::nullopt;
      const auto spec = parse_range_spec(element);
      if (!spec) return std::nullopt;
      specs.push_back(*spec);
    }
    if (comma == std::string_view::npos) break;
    set.remove_prefix(comma + 1);
  }
  if (specs.empty()) return std::nullopt;
  return specs;
}

// ---- HTTP-date ------------------------------------------------------------------------------

constexpr std::array<std::string_view, 7> short_day_names{"Sun", "Mon", "Tue", "Wed",
                                                          "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 7> long_day_names{
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Reads a fixed-layout date left to right. After the first mismatch every read fails, so a format
// is parsed as a straight sequence of reads followed by one check of `complete()`.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : rest_(text) {}

  void literal(std::string_view expected) {
    if (ok_ && rest_.starts_with(expected)) {
      rest_.remove_prefix(expected.size());
    } else {
      ok_ = false;
    }
  }

  // Exactly `count` digits.
  int number(std::size_t count) {
    if (!ok_ || rest_.size() < count) return fail();
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (rest_[i] < '0' || rest_[i] > '9') return fail();
      value = value * 10 + (rest_[i] - '0');
    }
    rest_.remove_prefix(count);
    return value;
  }

  // asctime's day: two digits, or a space and one digit.
  int padded_day() {
    if (ok_ && rest_.starts_with(' ')) {
      rest_.remove_prefix(1);
      return number(1);
    }
    return number(2);
  }

  // The index of the name that comes next (names are case-sensitive).
  template <std::size_t N>
  int one_of(const std::array<std::string_view, N>& names) {
    if (!ok_) return fail();
    for (std::size_t i = 0; i < N; ++i) {
      if (rest_.starts_with(names[i])) {
        rest_.remove_prefix(names[i].size());
        return static_cast<int>(i);
      }
    }
    return fail();
  }

  bool complete() const { return ok_ && rest_.empty(); }

 private:
  int fail() {
    ok_ = false;
    return 0;
  }

  std::string_view rest_;
  bool ok_ = true;
};

struct DateFields {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

void read_time_of_day(Scanner& in, DateFields& date) {
  date.hour = in.number(2);
  in.literal(":");
  date.minute = in.number(2);
  in.literal(":");
  date.second = in.number(2);
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
std::optional<DateFields> read_imf_fixdate(std::string_view text) {
  Scanner in(text);
  DateFields date;
  in.one_of(short_day_names);
  in.literal(", ");
  date.day = in.number(2);
  in.literal(" ");
  date.month = in.one_of(month_names) + 1;
  in.literal(" ");
  date.year = in.number(4);
  in.literal(" ");
  read_time_of_day(in, date);
  in.literal(" GMT");
  if (!in.complete()) return std::nullopt;
  return date;
}

// The year a two-digit RFC 850 year means: the one within 50 years of now (RFC 9110 §5.6.7).
int expand_two_digit_year(int two_digits, int current_year) {
  int year = current_year - current_year % 100 + two_digits;
  if (year > current_year + 50) year -= 100;
  if (year <= current_year - 50) year += 100;
  return year;
}

// "Sunday, 06-Nov-94 08:49:37 GMT"
std::optional<DateFields> read_rfc850_date(std::string_view text, int current_year) {
  Scanner in(text);
  DateFields date;
  in.one_of(long_day_names);
  in.literal(", ");
  date.day = in.number(2);
  in.literal("-");
  date.month = in.one_of(month_names) + 1;
  in.literal("-");
  date.year = expand_two_digit_year(in.number(2), current_year);
  in.literal(" ");
  read_time_of_day(in, date);
  in.literal(" GMT");
  if (!in.complete()) return std::nullopt;
  return date;
}

// "Sun Nov  6 08:49:37 1994"
std::optional<DateFields> read_asctime_date(std::string_view text) {
  Scanner in(text);
  DateFields date;
  in.one_of(short_day_names);
  in.literal(" ");
  date.month = in.one_of(month_names) + 1;
  in.literal(" ");
  date.day = in.padded_day();
  in.literal(" ");
  read_time_of_day(in, date);
  in.literal(" ");
  date.year = in.number(4);
  if (!in.complete()) return std::nullopt;
  return date;
}

std::optional<std::chrono::sys_seconds> to_sys_seconds(const DateFields& date) {
  using namespace std::chrono;
  const year_month_day calendar_date{year{date.year}, month{static_cast<unsigned>(date.month)},
                                     day{static_cast<unsigned>(date.day)}};
  // A leap second (":60") is refused: it cannot equal any Last-Modified we send.
  if (!calendar_date.ok() || date.hour > 23 || date.minute > 59 || date.second > 59) {
    return std::nullopt;
  }
  return sys_days{calendar_date} + hours{date.hour} + minutes{date.minute} + seconds{date.second};
}

int year_of(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  return static_cast<int>(year_month_day{floor<days>(when)}.year());
}

// ---- If-Range -------------------------------------------------------------------------------

// A strong entity tag: DQUOTE *etagc DQUOTE, with no W/ prefix.
bool is_strong_entity_tag(std::string_view tag) {
  return tag.size() >= 2 && tag.front() == '"' && tag.back() == '"' &&
         tag.substr(1, tag.size() - 2).find('"') == std::string_view::npos;
}

}  // namespace

RangeDecision evaluate_range(std::string_view range_header, std::uint64_t representation_length) {
  const auto header = trim_blanks(range_header);
  const auto equals = header.find('=');
  if (equals == std::string_view::npos || ascii_lower(header.substr(0, equals)) != "bytes") {
    return {Kind::full, {}};
  }
  const auto specs = parse_range_set(header.substr(equals + 1));
  if (!specs) return {Kind::full, {}};

  std::vector<ByteRange> satisfiable;
  for (const auto& spec : *specs) {
    if (const auto range = resolve(spec, representation_length)) satisfiable.push_back(*range);
  }
  if (satisfiable.empty()) return {Kind::unsatisfiable, {}};
  return {Kind::partial, coalesce(std::move(satisfiable))};
}

bool if_range_allows(std::string_view if_range_header, std::string_view strong_etag,
                     std::optional<std::chrono::system_clock::time_point> last_modified) {
  const auto value = trim_blanks(if_range_header);
  if (value.empty()) return true;
  if (value.starts_with("W/")) return false;  // weak tags never validate a range
  if (value.starts_with('"')) {
    return is_strong_entity_tag(value) && is_strong_entity_tag(strong_etag) && value == strong_etag;
  }
  const auto date = parse_http_date(value);
  return date && last_modified && *date == std::chrono::floor<std::chrono::seconds>(*last_modified);
}

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text,
                                                        std::chrono::system_clock::time_point now) {
  auto date = read_imf_fixdate(text);
  if (!date) date = read_rfc850_date(text, year_of(now));
  if (!date) date = read_asctime_date(text);
  if (!date) return std::nullopt;
  return to_sys_seconds(*date);
}

std::string format_http_date(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const auto midnight = floor<days>(when);
  const year_month_day date{midnight};
  const hh_mm_ss time{floor<seconds>(when - midnight)};
  char text[40];
  std::snprintf(text, sizeof text, "%.3s, %02u %.3s %04d %02d:%02d:%02d GMT",
                short_day_names[weekday{midnight}.c_encoding()].data(),
                static_cast<unsigned>(date.day()),
                month_names[static_cast<unsigned>(date.month()) - 1].data(),
                static_cast<int>(date.year()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return text;
}

std::string content_range(ByteRange range, std::uint64_t representation_length) {
  return "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last()) + "/" +
         std::to_string(representation_length);
}

std::string unsatisfied_content_range(std::uint64_t representation_length) {
  return "bytes */" + std::to_string(representation_length);
}

std::string multipart_boundary() {
  // Straight from the OS entropy source: a seeded PRNG's output could be predicted from earlier
  // boundaries, and then a crafted upload could forge parts.
  std::random_device entropy;
  std::string boundary;
  for (int i = 0; i < 4; ++i) {
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(entropy()));
    boundary += hex;
  }
  return boundary;
}

MultipartPlan plan_multipart(std::string_view boundary, std::string_view content_type,
                             const std::vector<ByteRange>& ranges,
                             std::uint64_t representation_length) {
  const std::string delimiter = "\r\n--" + std::string(boundary);
  MultipartPlan plan;
  for (const auto& range : ranges) {
    std::string preamble = delimiter + "\r\n";
    if (!content_type.empty()) preamble += "Content-Type: " + std::string(content_type) + "\r\n";
    preamble += "Content-Range: " + content_range(range, representation_length) + "\r\n\r\n";
    plan.content_length += preamble.size() + range.length;
    plan.preambles.push_back(std::move(preamble));
  }
  plan.epilogue = delimiter + "--\r\n";
  plan.content_length += plan.epilogue.size();
  return plan;
}

}  // namespace sn::http
