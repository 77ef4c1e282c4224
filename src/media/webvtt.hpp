#pragma once
// Checks an uploaded WebVTT captions file (https://www.w3.org/TR/webvtt1/) before it is stored and
// offered to players, and the language tag it is labelled with. Errors name the line, in words a
// teacher can act on.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sn::media {

struct WebVttOptions {
  std::size_t max_bytes = 0;   // required: larger files are refused before anything else
  bool allow_no_cues = false;  // a file of only a header and notes is valid WebVTT, but an
                               // upload like that is almost always a mistake
};

struct WebVttResult {
  bool ok = false;
  std::string error;   // "line 7: cue end 00:00:01.000 is before its start 00:00:02.000"
  int error_line = 0;  // 1-based; 0 when the fault is the whole file (size, no cues)

  std::string normalized;  // on success: no BOM, LF line endings, ending with a newline
  int cue_count = 0;
};

// Accepts: an optional UTF-8 BOM; "WEBVTT" alone or followed by a space or tab and text; header
// lines up to the first blank line; blocks separated by blank lines: NOTE comments anywhere,
// STYLE and REGION blocks before the first cue, and cues (an optional identifier line, then
// "[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt" with optional settings, then text). Minutes and seconds are
// below 60, a cue ends after it starts and starts no earlier than the cue before it, and no block
// but a cue's timing line contains "-->". The file must be valid UTF-8 without NUL bytes; lines
// may end in CRLF, LF or CR.
WebVttResult validate_webvtt(std::string_view bytes, const WebVttOptions& options);

// A caption language: a 2-3 letter language, then optionally a 4-letter script and/or a region of
// 2 letters or 3 digits ("en", "pt-BR", "zh-Hant", "zh-Hant-TW", "es-419"). Returns the tag in
// canonical case ("PT-br" → "pt-BR"), or nullopt for anything else (extlangs, variants, private
// use, "_" separators).
std::optional<std::string> normalize_language_tag(std::string_view tag);

}  // namespace sn::media
