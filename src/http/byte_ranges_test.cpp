#include "http/byte_ranges.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sn::http {
namespace {

using Kind = RangeDecision::Kind;
using Ranges = std::vector<ByteRange>;
using namespace std::chrono;

void expect_partial(std::string_view header, std::uint64_t length, const Ranges& expected) {
  const auto decision = evaluate_range(header, length);
  EXPECT_EQ(decision.kind, Kind::partial) << header;
  EXPECT_EQ(decision.ranges, expected) << header;
}

void expect_full(std::string_view header, std::uint64_t length = 1000) {
  const auto decision = evaluate_range(header, length);
  EXPECT_EQ(decision.kind, Kind::full) << header;
  EXPECT_TRUE(decision.ranges.empty()) << header;
}

void expect_unsatisfiable(std::string_view header, std::uint64_t length) {
  const auto decision = evaluate_range(header, length);
  EXPECT_EQ(decision.kind, Kind::unsatisfiable) << header;
  EXPECT_TRUE(decision.ranges.empty()) << header;
}

// ---- evaluate_range -------------------------------------------------------------------------

TEST(EvaluateRange, ClosedRange) {
  expect_partial("bytes=0-99", 1000, {{0, 100}});
  expect_partial("bytes=500-500", 1000, {{500, 1}});
  expect_partial("bytes=999-999", 1000, {{999, 1}});
}

TEST(EvaluateRange, OpenRangeRunsToTheEnd) {
  expect_partial("bytes=100-", 1000, {{100, 900}});
  expect_partial("bytes=0-", 1000, {{0, 1000}});
  expect_partial("bytes=999-", 1000, {{999, 1}});
}

TEST(EvaluateRange, SuffixRangeTakesTheLastBytes) {
  expect_partial("bytes=-1", 1000, {{999, 1}});
  expect_partial("bytes=-100", 1000, {{900, 100}});
  expect_partial("bytes=-1000", 1000, {{0, 1000}});
}

TEST(EvaluateRange, SuffixLongerThanTheRepresentationMeansAllOfIt) {
  expect_partial("bytes=-5000", 1000, {{0, 1000}});
  expect_partial("bytes=-18446744073709551615", 10, {{0, 10}});
}

TEST(EvaluateRange, SuffixOfZeroIsUnsatisfiable) {
  expect_unsatisfiable("bytes=-0", 1000);
  expect_partial("bytes=-0, 0-0", 1000, {{0, 1}});  // only that spec is dropped
}

TEST(EvaluateRange, LastPastTheEndIsClipped) {
  expect_partial("bytes=900-5000", 1000, {{900, 100}});
  expect_partial("bytes=0-18446744073709551615", 1000, {{0, 1000}});
}

TEST(EvaluateRange, FirstAtOrPastTheEndIsDropped) {
  expect_unsatisfiable("bytes=1000-", 1000);
  expect_unsatisfiable("bytes=1000-1005", 1000);
  expect_unsatisfiable("bytes=5000-6000, 1000-", 1000);
  expect_partial("bytes=5000-6000, 0-9", 1000, {{0, 10}});
}

TEST(EvaluateRange, ZeroLengthRepresentationSatisfiesNothing) {
  expect_unsatisfiable("bytes=0-", 0);
  expect_unsatisfiable("bytes=0-0", 0);
  expect_unsatisfiable("bytes=-1", 0);
  expect_unsatisfiable("bytes=-0", 0);
  expect_full("items=0-1", 0);  // still ignored, not 416: we do not understand it
}

TEST(EvaluateRange, MultipleDisjointRangesAreKeptInOrder) {
  expect_partial("bytes=0-9,20-29,40-", 50, {{0, 10}, {20, 10}, {40, 10}});
  expect_partial("bytes=0-0,-1", 1000, {{0, 1}, {999, 1}});
}

TEST(EvaluateRange, RangesAreSorted) {
  expect_partial("bytes=40-49, 0-9, 20-29", 100, {{0, 10}, {20, 10}, {40, 10}});
  expect_partial("bytes=-10, 0-0", 100, {{0, 1}, {90, 10}});
}

TEST(EvaluateRange, OverlappingRangesAreMerged) {
  expect_partial("bytes=0-50, 25-75", 1000, {{0, 76}});
  expect_partial("bytes=0-99, 10-20", 1000, {{0, 100}});  // contained
  expect_partial("bytes=0-99, 0-99, 0-99", 1000, {{0, 100}});
  expect_partial("bytes=500-, -600", 1000, {{400, 600}});
}

TEST(EvaluateRange, AdjacentRangesAreMerged) {
  expect_partial("bytes=0-9,10-19", 100, {{0, 20}});
  expect_partial("bytes=10-19,0-9,20-", 100, {{0, 100}});
  expect_partial("bytes=0-9,11-19", 100, {{0, 10}, {11, 9}});  // a one-byte gap stays
}

TEST(EvaluateRange, ManySmallOverlappingRangesCollapse) {
  std::string header = "bytes=";
  for (int i = 0; i < 100; ++i)
    header += std::to_string(i) + "-" + std::to_string(i + 5) + ",";
  expect_partial(header, 1000, {{0, 105}});
}

TEST(EvaluateRange, MoreThanAHundredRangesAreIgnored) {
  std::string header = "bytes=0-0";
  for (int i = 1; i < 100; ++i)
    header += "," + std::to_string(i * 2) + "-" + std::to_string(i * 2);
  EXPECT_EQ(evaluate_range(header, 1000).ranges.size(), 100u);  // exactly 100: honoured
  expect_full(header + ",998-998");                             // 101: ignored
}

TEST(EvaluateRange, EmptyListElementsDoNotCountAsRanges) {
  std::string header = "bytes=0-0";
  for (int i = 1; i < 100; ++i)
    header += ",," + std::to_string(i * 2) + "-" + std::to_string(i * 2);
  EXPECT_EQ(evaluate_range(header, 1000).ranges.size(), 100u);
}

TEST(EvaluateRange, EmptyListElementsAreSkipped) {
  expect_partial("bytes=0-1,,2-3", 100, {{0, 4}});
  expect_partial("bytes=,0-1", 100, {{0, 2}});
  expect_partial("bytes=0-1,", 100, {{0, 2}});
  expect_partial("bytes=0-1, ,5-6", 100, {{0, 2}, {5, 2}});
}

TEST(EvaluateRange, OptionalWhitespaceAroundElementsIsTolerated) {
  expect_partial("bytes=0-1 , 5-6", 100, {{0, 2}, {5, 2}});
  expect_partial("bytes=0-1,\t5-6", 100, {{0, 2}, {5, 2}});
  expect_partial("bytes= 0-1", 100, {{0, 2}});  // as nginx does
  expect_partial("  bytes=0-1  ", 100, {{0, 2}});
}

TEST(EvaluateRange, UnitIsCaseInsensitive) {
  expect_partial("Bytes=0-1", 100, {{0, 2}});
  expect_partial("BYTES=0-1", 100, {{0, 2}});
}

TEST(EvaluateRange, EmptyHeaderIsIgnored) {
  expect_full("");
  expect_full("   ");
}

TEST(EvaluateRange, OtherUnitsAreIgnored) {
  expect_full("items=0-1");
  expect_full("bytesx=0-1");
  expect_full("=0-1");
  expect_full("none");
}

TEST(EvaluateRange, SyntaxErrorsAreIgnored) {
  for (const auto* header :
       {"bytes=",        "bytes=-",       "bytes=,",       "bytes= , ",   "bytes=abc",
        "bytes=5-2",     "bytes=0-1,5-2", "bytes=0-1,abc", "bytes=1",     "bytes=0-1-2",
        "bytes=--1",     "bytes=0 -1",    "bytes=0- 1",    "bytes=- 1",   "bytes=+1-2",
        "bytes=0x10-20", "bytes=1.5-2",   "bytes =0-1",    "bytes=0-1;x", "bytes==0-1",
        "bytes=-1-"}) {
    expect_full(header);
  }
}

TEST(EvaluateRange, NumbersThatOverflowAreSyntaxErrors) {
  expect_full("bytes=18446744073709551616-");
  expect_full("bytes=0-18446744073709551616");
  expect_full("bytes=-18446744073709551616");
  expect_full("bytes=99999999999999999999999-");
  expect_partial("bytes=00000000000000000000000000001-2", 100, {{1, 2}});  // long, not large
}

TEST(EvaluateRange, HugeRepresentations) {
  constexpr std::uint64_t huge = 18446744073709551615u;  // max; the last byte is huge - 1
  expect_partial("bytes=-1", huge, {{huge - 1, 1}});
  expect_partial("bytes=0-", huge, {{0, huge}});
  expect_partial("bytes=18446744073709551614-", huge, {{huge - 1, 1}});
  expect_unsatisfiable("bytes=18446744073709551615-", huge);
}

// ---- If-Range -------------------------------------------------------------------------------

const auto last_modified = sys_days{year{2024} / 3 / 15} + hours{12} + minutes{30} + seconds{45};
constexpr auto last_modified_text = "Fri, 15 Mar 2024 12:30:45 GMT";

TEST(IfRange, AbsentOrEmptyAllowsTheRange) {
  EXPECT_TRUE(if_range_allows("", "\"a\"", last_modified));
  EXPECT_TRUE(if_range_allows("  ", "\"a\"", std::nullopt));
}

TEST(IfRange, StrongEtagMustMatchExactly) {
  EXPECT_TRUE(if_range_allows("\"abc\"", "\"abc\"", std::nullopt));
  EXPECT_TRUE(if_range_allows(" \"abc\" ", "\"abc\"", std::nullopt));
  EXPECT_FALSE(if_range_allows("\"abd\"", "\"abc\"", last_modified));
  EXPECT_FALSE(if_range_allows("\"ABC\"", "\"abc\"", last_modified));  // case-sensitive
  EXPECT_FALSE(if_range_allows("\"abc\"", "", last_modified));
}

TEST(IfRange, WeakTagsNeverMatch) {
  EXPECT_FALSE(if_range_allows("W/\"abc\"", "\"abc\"", last_modified));
  EXPECT_FALSE(if_range_allows("W/\"abc\"", "W/\"abc\"", last_modified));
  EXPECT_FALSE(if_range_allows("\"abc\"", "W/\"abc\"", last_modified));
}

TEST(IfRange, MalformedTagsNeverMatch) {
  EXPECT_FALSE(if_range_allows("\"abc", "\"abc", std::nullopt));
  EXPECT_FALSE(if_range_allows("\"a\"b\"", "\"a\"b\"", std::nullopt));
  EXPECT_FALSE(if_range_allows("\"a\", \"b\"", "\"a\"", std::nullopt));  // one tag, not a list
  EXPECT_FALSE(if_range_allows("*", "\"a\"", std::nullopt));
}

TEST(IfRange, DateMustEqualLastModifiedToTheSecond) {
  EXPECT_TRUE(if_range_allows(last_modified_text, "\"abc\"", last_modified));
  // Sub-second precision of the file time does not matter: Last-Modified was sent in seconds.
  EXPECT_TRUE(if_range_allows(last_modified_text, "", last_modified + milliseconds{999}));
  EXPECT_FALSE(if_range_allows(last_modified_text, "", last_modified + seconds{1}));
  EXPECT_FALSE(if_range_allows(last_modified_text, "", last_modified - seconds{1}));
  EXPECT_FALSE(if_range_allows("Fri, 15 Mar 2024 12:30:46 GMT", "", last_modified));
  EXPECT_FALSE(if_range_allows(last_modified_text, "\"abc\"", std::nullopt));
}

TEST(IfRange, ObsoleteDateFormatsAreAccepted) {
  EXPECT_TRUE(if_range_allows("Friday, 15-Mar-24 12:30:45 GMT", "", last_modified));
  EXPECT_TRUE(if_range_allows("Fri Mar 15 12:30:45 2024", "", last_modified));
}

TEST(IfRange, GarbageNeverMatches) {
  for (const auto* value :
       {"yesterday", "Fri, 15 Mar 2024 12:30:45", "Fri, 15 Mar 2024 12:30:45 UTC",
        "Fri, 15 Mar 2024 12:30:45 GMT x", "Fri, 15 Mar 2024 12:30 GMT", "1710505845", "abc\""}) {
    EXPECT_FALSE(if_range_allows(value, "\"abc\"", last_modified)) << value;
  }
}

// ---- HTTP-date ------------------------------------------------------------------------------

const auto rfc_example = sys_days{year{1994} / 11 / 6} + hours{8} + minutes{49} + seconds{37};

TEST(HttpDate, ParsesTheThreeFormatsOfTheRfcExample) {
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), rfc_example);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), rfc_example);
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), rfc_example);
  EXPECT_EQ(parse_http_date("Sun Nov 06 08:49:37 1994"), rfc_example);
}

TEST(HttpDate, TwoDigitYearsStayWithinFiftyYearsOfNow) {
  const auto now = sys_days{year{2024} / 1 / 1};
  const auto year_of = [&](std::string_view text) {
    return static_cast<int>(year_month_day{floor<days>(*parse_http_date(text, now))}.year());
  };
  EXPECT_EQ(year_of("Sunday, 06-Nov-94 08:49:37 GMT"), 1994);
  EXPECT_EQ(year_of("Sunday, 06-Nov-74 08:49:37 GMT"), 2074);
  EXPECT_EQ(year_of("Sunday, 06-Nov-75 08:49:37 GMT"), 1975);
  EXPECT_EQ(year_of("Sunday, 06-Nov-24 08:49:37 GMT"), 2024);
}

TEST(HttpDate, RejectsImpossibleDates) {
  for (const auto* text : {"Sun, 31 Feb 2024 08:49:37 GMT", "Sun, 00 Nov 1994 08:49:37 GMT",
                           "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT",
                           "Sun, 06 Nov 1994 08:49:60 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                           "Xyz, 06 Nov 1994 08:49:37 GMT", "sun, 06 nov 1994 08:49:37 gmt",
                           "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT", ""}) {
    EXPECT_FALSE(parse_http_date(text)) << text;
  }
  EXPECT_TRUE(parse_http_date("Thu, 29 Feb 2024 00:00:00 GMT"));
}

TEST(HttpDate, FormatsImfFixdateAndRoundTrips) {
  EXPECT_EQ(format_http_date(rfc_example), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(format_http_date(last_modified + milliseconds{999}), last_modified_text);
  EXPECT_EQ(format_http_date(sys_days{year{1970} / 1 / 1}), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(parse_http_date(format_http_date(last_modified)), last_modified);
}

// ---- Content-Range --------------------------------------------------------------------------

TEST(ContentRange, FormatsFirstLastAndLength) {
  EXPECT_EQ(content_range({0, 100}, 1000), "bytes 0-99/1000");
  EXPECT_EQ(content_range({999, 1}, 1000), "bytes 999-999/1000");
  EXPECT_EQ(unsatisfied_content_range(1000), "bytes */1000");
  EXPECT_EQ(unsatisfied_content_range(0), "bytes */0");
}

// ---- multipart/byteranges -------------------------------------------------------------------

TEST(MultipartBoundary, IsLongRandomHex) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const auto boundary = multipart_boundary();
    EXPECT_EQ(boundary.size(), 32u);
    EXPECT_EQ(boundary.find_first_not_of("0123456789abcdef"), std::string::npos) << boundary;
    seen.insert(boundary);
  }
  EXPECT_EQ(seen.size(), 50u);
}

// The whole body as the caller would stream it, with the file bytes taken from `representation`.
std::string assemble(const MultipartPlan& plan, const Ranges& ranges,
                     std::string_view representation) {
  std::string body;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    body += plan.preambles[i];
    body += representation.substr(ranges[i].first, ranges[i].length);
  }
  return body + plan.epilogue;
}

TEST(PlanMultipart, FollowsTheRfcLayoutExactly) {
  const std::string representation = "0123456789abcdefghijklmnopqrstuvwxyz";
  const Ranges ranges{{0, 5}, {30, 6}};
  const auto plan = plan_multipart("THIS_STRING_SEPARATES", "text/plain", ranges, 36);
  ASSERT_EQ(plan.preambles.size(), 2u);
  EXPECT_EQ(assemble(plan, ranges, representation),
            "\r\n--THIS_STRING_SEPARATES\r\n"
            "Content-Type: text/plain\r\n"
            "Content-Range: bytes 0-4/36\r\n"
            "\r\n"
            "01234"
            "\r\n--THIS_STRING_SEPARATES\r\n"
            "Content-Type: text/plain\r\n"
            "Content-Range: bytes 30-35/36\r\n"
            "\r\n"
            "uvwxyz"
            "\r\n--THIS_STRING_SEPARATES--\r\n");
}

TEST(PlanMultipart, ContentLengthIsExact) {
  std::string representation;
  for (int i = 0; i < 5000; ++i)
    representation += static_cast<char>('a' + i % 26);
  const auto decision = evaluate_range("bytes=4000-4999, 0-0, 10-19, 3000-, -7", 5000);
  ASSERT_EQ(decision.kind, Kind::partial);
  ASSERT_EQ(decision.ranges.size(), 3u);
  const auto plan = plan_multipart(multipart_boundary(), "video/mp4", decision.ranges, 5000);
  EXPECT_EQ(plan.content_length, assemble(plan, decision.ranges, representation).size());
}

TEST(PlanMultipart, OmitsContentTypeWhenThereIsNone) {
  const Ranges ranges{{0, 1}, {2, 1}};
  const auto plan = plan_multipart("b", "", ranges, 3);
  EXPECT_EQ(plan.preambles[0], "\r\n--b\r\nContent-Range: bytes 0-0/3\r\n\r\n");
  EXPECT_EQ(plan.epilogue, "\r\n--b--\r\n");
  EXPECT_EQ(plan.content_length, assemble(plan, ranges, "xyz").size());
}

}  // namespace
}  // namespace sn::http
