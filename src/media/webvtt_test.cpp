#include "media/webvtt.hpp"

#include <gtest/gtest.h>

namespace sn::media {
namespace {

WebVttResult check(std::string_view text, std::size_t max_bytes = 64 * 1024) {
  return validate_webvtt(text, WebVttOptions{.max_bytes = max_bytes});
}

// The error, or "ok" — one string to compare.
std::string verdict(std::string_view text) {
  const WebVttResult r = check(text);
  return r.ok ? "ok" : r.error;
}

constexpr std::string_view kTwoCues =
    "WEBVTT\n"
    "\n"
    "00:00:01.000 --> 00:00:04.000\n"
    "Hello, class.\n"
    "\n"
    "intro-2\n"
    "00:00:04.500 --> 00:00:07.250 align:start line:90%\n"
    "Today: <i>photosynthesis</i>.\n"
    "Two lines of text.\n";

// ---- accepted ----

TEST(ValidateWebVtt, AcceptsAPlainFile) {
  const WebVttResult r = check(kTwoCues);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.cue_count, 2);
  EXPECT_EQ(r.normalized, kTwoCues);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.error_line, 0);
}

TEST(ValidateWebVtt, RemovesTheBomAndNormalizesLineEndings) {
  const std::string crlf =
      "\xEF\xBB\xBFWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nCRLF\r\n\r\n"
      "00:02.000 --> 00:03.000\rCR\r\r00:03.000 --> 00:04.000\nLF";
  const WebVttResult r = check(crlf);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.cue_count, 3);
  EXPECT_EQ(r.normalized,
            "WEBVTT\n\n00:01.000 --> 00:02.000\nCRLF\n\n"
            "00:02.000 --> 00:03.000\nCR\n\n00:03.000 --> 00:04.000\nLF\n");
}

TEST(ValidateWebVtt, SignatureMayCarryTextAfterASpaceOrTab) {
  EXPECT_EQ(verdict("WEBVTT - lecture 3\n\n00:01.000 --> 00:02.000\nx\n"), "ok");
  EXPECT_EQ(verdict("WEBVTT\tKind: captions\nLanguage: en\n\n00:01.000 --> 00:02.000\nx\n"), "ok");
}

TEST(ValidateWebVtt, HoursAreOptionalAndMayBeLong) {
  EXPECT_EQ(verdict("WEBVTT\n\n59:59.999 --> 01:00:00.000\nx\n"), "ok");
  EXPECT_EQ(verdict("WEBVTT\n\n100:00:00.000 --> 100:00:01.000\nx\n"), "ok");
  // The spec's parser reads a one-digit field before two colons as hours.
  EXPECT_EQ(verdict("WEBVTT\n\n1:00:00.000 --> 1:00:01.000\nx\n"), "ok");
}

TEST(ValidateWebVtt, NoteStyleAndRegionBlocks) {
  EXPECT_EQ(verdict("WEBVTT\n\n"
                    "STYLE\n::cue { color: yellow }\n\n"
                    "REGION\nid:speaker width:40%\n\n"
                    "NOTE written by the teacher\n\n"
                    "00:01.000 --> 00:02.000 region:speaker\nx\n\n"
                    "NOTE\nnotes may follow cues\non several lines\n\n"
                    "00:03.000 --> 00:04.000\ny\n"),
            "ok");
}

TEST(ValidateWebVtt, EmptyCueTextAndManyBlankLines) {
  const WebVttResult r = check("WEBVTT\n\n\n\n00:01.000 --> 00:02.000\n\n\n\n");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.cue_count, 1);
}

TEST(ValidateWebVtt, OverlappingCuesAndEqualStartsAreFine) {
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.000 --> 00:05.000\na\n\n00:01.000 --> 00:02.000\nb\n\n"
                    "00:03.000 --> 00:04.000\nc\n"),
            "ok");
}

TEST(ValidateWebVtt, UnicodeText) {
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.000 --> 00:02.000\nçà 日本語 😀\n"), "ok");
}

TEST(ValidateWebVtt, NoCuesOnlyWhenAllowed) {
  EXPECT_EQ(verdict("WEBVTT\n\nNOTE nothing yet\n"), "the file has no cues");
  EXPECT_TRUE(validate_webvtt("WEBVTT\n", {.max_bytes = 100, .allow_no_cues = true}).ok);
}

// ---- refused: the file as a whole ----

TEST(ValidateWebVtt, SizeLimit) {
  const WebVttResult r = check(kTwoCues, 10);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "the file is larger than the limit of 10 bytes");
  EXPECT_EQ(r.error_line, 0);
  EXPECT_TRUE(check(kTwoCues, kTwoCues.size()).ok);
}

TEST(ValidateWebVtt, Empty) {
  EXPECT_EQ(verdict(""), "the file is empty");
}

TEST(ValidateWebVtt, NulByte) {
  constexpr char kWithNul[] = "WEBVTT\n\n00:01.000 --> 00:02.000\na\0b\n";
  const WebVttResult r = check(std::string_view(kWithNul, sizeof kWithNul - 1));
  EXPECT_EQ(r.error, "line 4: contains a NUL byte");
  EXPECT_EQ(r.error_line, 4);
}

TEST(ValidateWebVtt, InvalidUtf8) {
  const char* prefix = "WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\n";
  EXPECT_EQ(verdict(std::string(prefix) + "caf\xE9\n"),  // Latin-1 é
            "line 4: is not valid UTF-8 (save the file as UTF-8)");
  EXPECT_NE(verdict(std::string(prefix) + "\xC0\xAF\n"), "ok");          // overlong "/"
  EXPECT_NE(verdict(std::string(prefix) + "\xED\xA0\x80\n"), "ok");      // a surrogate
  EXPECT_NE(verdict(std::string(prefix) + "\xF4\x90\x80\x80\n"), "ok");  // past U+10FFFF
  EXPECT_NE(verdict(std::string(prefix) + "\xE6\x97"), "ok");            // cut short
}

// ---- refused: the signature and header ----

TEST(ValidateWebVtt, MissingSignature) {
  EXPECT_EQ(verdict("1\n00:00:01,000 --> 00:00:02,000\nan SRT file\n"),
            "line 1: a WebVTT file must start with the line \"WEBVTT\"");
  EXPECT_EQ(verdict("WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n"),
            "line 1: a WebVTT file must start with the line \"WEBVTT\"");
  EXPECT_EQ(verdict("webvtt\n"), "line 1: a WebVTT file must start with the line \"WEBVTT\"");
  EXPECT_EQ(verdict("\nWEBVTT\n"), "line 1: a WebVTT file must start with the line \"WEBVTT\"");
  // A BOM is allowed once, not twice.
  EXPECT_NE(verdict("\xEF\xBB\xBF\xEF\xBB\xBFWEBVTT\n\n00:01.000 --> 00:02.000\nx\n"), "ok");
}

TEST(ValidateWebVtt, CueRightAfterTheSignature) {
  EXPECT_EQ(verdict("WEBVTT\n00:01.000 --> 00:02.000\nx\n"),
            "line 2: a blank line must separate the WEBVTT line from the first cue");
}

// ---- refused: cue timings ----

TEST(ValidateWebVtt, EndBeforeStart) {
  const WebVttResult r =
      check("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na\n\n00:00:02.000 --> 00:00:01.000\nb\n");
  EXPECT_EQ(r.error, "line 6: cue end 00:00:01.000 is before its start 00:00:02.000");
  EXPECT_EQ(r.error_line, 6);
}

TEST(ValidateWebVtt, EndEqualToStart) {
  EXPECT_EQ(verdict("WEBVTT\n\n00:02.000 --> 00:02.000\nb\n"),
            "line 3: cue end 00:00:02.000 is the same as its start");
}

TEST(ValidateWebVtt, CuesOutOfOrder) {
  EXPECT_EQ(verdict("WEBVTT\n\n00:05.000 --> 00:06.000\na\n\n00:01.000 --> 00:02.000\nb\n"),
            "line 6: cue starts at 00:00:01.000, before the cue above it (00:00:05.000); cues "
            "must be in time order");
}

TEST(ValidateWebVtt, MinutesAndSecondsBelowSixty) {
  EXPECT_EQ(verdict("WEBVTT\n\n00:60.000 --> 01:02.000\nx\n"),
            "line 3: seconds above 59 in the cue timing; write it like "
            "\"00:00:01.000 --> 00:00:04.000\"");
  EXPECT_EQ(verdict("WEBVTT\n\n00:60:00.000 --> 01:02:00.000\nx\n"),
            "line 3: minutes above 59 in the cue timing; write it like "
            "\"00:00:01.000 --> 00:00:04.000\"");
}

TEST(ValidateWebVtt, MalformedTimestamps) {
  const std::string malformed =
      "line 3: a malformed time in the cue timing; write it like \"00:00:01.000 --> "
      "00:00:04.000\"";
  const std::string millis =
      "line 3: a time without exactly 3 digits of milliseconds in the cue timing; write it like "
      "\"00:00:01.000 --> 00:00:04.000\"";
  EXPECT_EQ(verdict("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nSRT commas\n"), millis);
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.00 --> 00:02.000\nx\n"), millis);
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.0000 --> 00:02.000\nx\n"), millis);
  EXPECT_EQ(verdict("WEBVTT\n\n1:02.000 --> 00:03.000\nx\n"), malformed);  // hours need mm:ss
  EXPECT_EQ(verdict("WEBVTT\n\n00:1.000 --> 00:03.000\nx\n"), malformed);
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.000 --> \nx\n"), malformed);
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.000 -> 00:02.000 -->\nx\n"),
            "line 3: expected \"-->\" between the start and end times, as in \"00:00:01.000 "
            "--> 00:00:04.000\"");
}

TEST(ValidateWebVtt, Settings) {
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.000 --> 00:02.000 vertical:rl line:0 position:10% "
                    "size:50% align:center \nx\n"),
            "ok");
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.000 --> 00:02.000 colour:red\nx\n"),
            "line 3: unknown cue setting \"colour:red\" (allowed: vertical, line, position, "
            "size, align, region, as name:value)");
  EXPECT_NE(verdict("WEBVTT\n\n00:01.000 --> 00:02.000 align\nx\n"), "ok");
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.000 --> 00:02.000align:start\nx\n"),
            "line 3: unexpected text right after the end time");
}

// ---- refused: blocks ----

TEST(ValidateWebVtt, MissingTimingLine) {
  EXPECT_EQ(verdict("WEBVTT\n\nid\nHello\n"),
            "line 4: expected cue timings like \"00:00:01.000 --> 00:00:04.000\" (a blank line "
            "inside a cue's text ends the cue)");
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.000 --> 00:02.000\nfirst paragraph\n\nsecond paragraph\n"),
            "line 6: expected cue timings like \"00:00:01.000 --> 00:00:04.000\" (a blank line "
            "inside a cue's text ends the cue)");
}

TEST(ValidateWebVtt, ArrowInCueText) {
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.000 --> 00:02.000\na\n00:02.000 --> 00:03.000\nb\n"),
            "line 5: cue text must not contain \"-->\" (is a blank line missing before a cue?)");
}

TEST(ValidateWebVtt, ArrowInANote) {
  EXPECT_EQ(verdict("WEBVTT\n\nNOTE\n00:01.000 --> 00:02.000\nx\n"),
            "line 4: a NOTE must not contain \"-->\" (is a blank line missing before a cue?)");
}

TEST(ValidateWebVtt, StyleAfterACue) {
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.000 --> 00:02.000\nx\n\nSTYLE\n::cue { color: red }\n"),
            "line 6: STYLE blocks must come before the first cue");
  EXPECT_EQ(verdict("WEBVTT\n\n00:01.000 --> 00:02.000\nx\n\nREGION\nid:a\n"),
            "line 6: REGION blocks must come before the first cue");
}

TEST(ValidateWebVtt, WordsThatOnlyStartLikeKeywordsAreCueIdentifiers) {
  EXPECT_EQ(verdict("WEBVTT\n\nNOTES\n00:01.000 --> 00:02.000\nx\n"), "ok");
  EXPECT_EQ(verdict("WEBVTT\n\nSTYLES\n00:01.000 --> 00:02.000\nx\n"), "ok");
}

TEST(ValidateWebVtt, LineNumbersCountCrlfOnce) {
  EXPECT_EQ(verdict("WEBVTT\r\n\r\n00:02.000 --> 00:01.000\r\nx\r\n"),
            "line 3: cue end 00:00:01.000 is before its start 00:00:02.000");
  EXPECT_EQ(verdict("WEBVTT\r\rNOTE\r00:01.000 --> 00:02.000\r"),
            "line 4: a NOTE must not contain \"-->\" (is a blank line missing before a cue?)");
}

// ---- language tags ----

TEST(NormalizeLanguageTag, AcceptsLanguageScriptRegion) {
  EXPECT_EQ(normalize_language_tag("en"), "en");
  EXPECT_EQ(normalize_language_tag("pt-BR"), "pt-BR");
  EXPECT_EQ(normalize_language_tag("zh-Hant"), "zh-Hant");
  EXPECT_EQ(normalize_language_tag("zh-Hant-TW"), "zh-Hant-TW");
  EXPECT_EQ(normalize_language_tag("es-419"), "es-419");
  EXPECT_EQ(normalize_language_tag("fil"), "fil");
  EXPECT_EQ(normalize_language_tag("sr-Latn"), "sr-Latn");
}

TEST(NormalizeLanguageTag, CanonicalCase) {
  EXPECT_EQ(normalize_language_tag("PT-br"), "pt-BR");
  EXPECT_EQ(normalize_language_tag("ZH-HANT-tw"), "zh-Hant-TW");
  EXPECT_EQ(normalize_language_tag("EN"), "en");
}

TEST(NormalizeLanguageTag, RejectsEverythingElse) {
  for (std::string_view bad :
       {"",           "e",      "english",    "en_US",     "en-",          "-en",
        "en--US",     "en-U",   "en-USA",     "en-1234",   "en-Latn-US-x", "zh-Hant-TW-1",
        "en-US-Latn", "zh-yue", "de-CH-1901", "x-klingon", "i-navajo",     "en-GB-oed",
        "en US",      "e1",     "ru-Cyrl-",   "é"}) {
    EXPECT_EQ(normalize_language_tag(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace sn::media
