#pragma once
// Pure rules behind the learner routes, kept apart from I/O so they are unit-tested: which
// sections are locked, which part of a heartbeat counts as watched, when a progress event is
// worth recording, and how a learners export writes a CSV cell.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "learning/watched_intervals.hpp"

namespace sn::learning {

struct SectionProgress {
  bool requires_previous = false;
  int required_lessons = 0;    // required lessons in the section
  int required_completed = 0;  // of those, completed by the learner
};

// For each section in outline order: locked when it requires the previous section and that
// section still has a required lesson to complete. The first section is never locked.
std::vector<bool> section_locks(const std::vector<SectionProgress>& sections);

// The part of a heartbeat's span that counts towards watched time: clipped to the video, and
// empty when it could not have been played in `elapsed_ms` at `playback_rate` (a made-up span).
// `plausible` says which of the two happened.
struct CountedSpan {
  Span span;
  bool plausible = true;
};
CountedSpan counted_span(Span played, std::int64_t duration_ms, std::int64_t elapsed_ms,
                         double playback_rate);

// Progress events are recorded when watched time crosses a quarter of the video (25, 50, 75 %),
// not per heartbeat: at most three rows per learner and video, however long they watch. Returns
// the highest quarter crossed from `before_ms` to `after_ms` (1..3), or nullopt.
std::optional<int> quarter_crossed(std::int64_t before_ms, std::int64_t after_ms,
                                   std::int64_t duration_ms);

// Share watched, whole percent, 0..100.
int percent_of(std::int64_t part, std::int64_t whole);

// One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF; a cell a spreadsheet
// would run as a formula (starting with = + - @, tab or CR) gets a leading single quote first.
std::string csv_cell(std::string_view value);

}  // namespace sn::learning
