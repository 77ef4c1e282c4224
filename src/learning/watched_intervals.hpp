#pragma once
// Which parts of a video a learner has really watched. The player's heartbeat reports the span
// it played since the last beat; the server keeps the union of those spans, so percent watched
// counts distinct seconds: replaying a part adds nothing, and seeking ahead skips what was not
// played. Times are whole milliseconds (no rounding drift); spans are half-open [start, end).
// Pure functions, so the rules are tested without a database or a clock.

#include <cstdint>
#include <optional>
#include <vector>

namespace sn::learning {

struct Span {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;  // exclusive
  friend bool operator==(const Span&, const Span&) = default;
};

// The union of `watched` (sorted, disjoint, not touching) and `played`, clipped to
// [0, duration_ms), in the same normal form. An empty or inverted span changes nothing, so a
// duplicate or out-of-order heartbeat is harmless.
std::vector<Span> merge_watched(const std::vector<Span>& watched, Span played,
                                std::int64_t duration_ms);

std::int64_t watched_ms(const std::vector<Span>& watched);

// Whether a heartbeat's span could have been played in the time since the previous beat at the
// reported playback rate (with `slack_ms` for timer jitter and network delay). Rejects spans a
// client made up to mark a video watched without playing it.
bool plausible(Span played, std::int64_t since_last_beat_ms, double playback_rate,
               std::int64_t slack_ms = 2000);

// Complete once the distinct seconds watched reach `threshold` of the duration (default 90 %).
bool reached_threshold(std::int64_t watched, std::int64_t duration_ms, double threshold = 0.9);
// The fewest milliseconds watched that reach the threshold (what SQL compares against).
std::int64_t completing_ms(std::int64_t duration_ms, double threshold = 0.9);

}  // namespace sn::learning
