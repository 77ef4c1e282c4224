#include "learning/watched_intervals.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sn::learning {

std::vector<Span> merge_watched(const std::vector<Span>& watched, Span played,
                                std::int64_t duration_ms) {
  played.start_ms = std::max<std::int64_t>(0, played.start_ms);
  played.end_ms = std::min(played.end_ms, duration_ms);
  if (played.end_ms <= played.start_ms) return watched;

  std::vector<Span> merged;
  merged.reserve(watched.size() + 1);
  bool placed = false;
  for (const auto& span : watched) {
    if (span.end_ms < played.start_ms) {
      merged.push_back(span);  // wholly before, not touching
    } else if (played.end_ms < span.start_ms) {
      if (!placed) {
        merged.push_back(played);
        placed = true;
      }
      merged.push_back(span);  // wholly after, not touching
    } else {
      // Overlapping or touching: grow the played span to cover both.
      played.start_ms = std::min(played.start_ms, span.start_ms);
      played.end_ms = std::max(played.end_ms, span.end_ms);
    }
  }
  if (!placed) merged.push_back(played);
  return merged;
}

std::int64_t watched_ms(const std::vector<Span>& watched) {
  std::int64_t total = 0;
  for (const auto& span : watched)
    total += span.end_ms - span.start_ms;
  return total;
}

bool plausible(Span played, std::int64_t since_last_beat_ms, double playback_rate,
               std::int64_t slack_ms) {
  if (played.end_ms < played.start_ms || since_last_beat_ms < 0) return false;
  if (playback_rate <= 0 || playback_rate > 4) return false;  // players offer 0.25x to 4x
  const auto length = played.end_ms - played.start_ms;
  return static_cast<double>(length) <=
         static_cast<double>(since_last_beat_ms) * playback_rate + static_cast<double>(slack_ms);
}

std::int64_t completing_ms(std::int64_t duration_ms, double threshold) {
  if (duration_ms <= 0) return std::numeric_limits<std::int64_t>::max();
  return static_cast<std::int64_t>(std::ceil(threshold * static_cast<double>(duration_ms)));
}

bool reached_threshold(std::int64_t watched, std::int64_t duration_ms, double threshold) {
  return watched >= completing_ms(duration_ms, threshold);
}

}  // namespace sn::learning
