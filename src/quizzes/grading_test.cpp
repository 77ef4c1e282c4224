#include "quizzes/grading.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"

namespace sn::quizzes {
namespace {

namespace json = boost::json;

Definition define(Kind kind, const char* options, const char* answer) {
  const auto o = json::parse(options);
  const auto a = json::parse(answer);
  return validate_definition(kind, &o, &a);
}

// The validation message, or "" when the definition is valid.
std::string problem(Kind kind, const char* options, const char* answer) {
  try {
    define(kind, options, answer);
    return "";
  } catch (const Error& e) {
    EXPECT_EQ(e.errc(), Errc::validation_failed);
    return std::string(e.detail());
  }
}

Grade grade(const Definition& d, const char* response, int points = 1, bool partial = false) {
  const auto r = json::parse(response);
  return grade_response(d.kind, d.answer, points, partial, &r);
}

constexpr const char* kAbc =
    R"([{"id":"a","text":"A"},{"id":"b","text":"B"},{"id":"c","text":"C"}])";
constexpr const char* kAbcd =
    R"([{"id":"a","text":"A"},{"id":"b","text":"B"},{"id":"c","text":"C"},{"id":"d","text":"D"}])";

TEST(QuizKinds, RoundTripThroughTheirNames) {
  for (auto kind : {Kind::single_choice, Kind::multiple_choice, Kind::true_false, Kind::short_text,
                    Kind::numeric}) {
    EXPECT_EQ(parse_kind(to_string(kind)), kind);
  }
  EXPECT_FALSE(parse_kind("essay"));
  EXPECT_TRUE(has_options(Kind::single_choice));
  EXPECT_FALSE(has_options(Kind::true_false));
}

TEST(QuizDefinition, ChoiceOptionsMustBeWellFormed) {
  EXPECT_EQ(problem(Kind::single_choice, kAbc, R"({"correct":["b"]})"), "");
  EXPECT_NE(problem(Kind::single_choice, R"([{"id":"a","text":"A"}])", R"({"correct":["a"]})")
                .find("\"options\" must have 2 to 20"),
            std::string::npos);
  EXPECT_NE(problem(Kind::single_choice, R"([{"id":"a","text":"A"},{"id":"a","text":"B"}])",
                    R"({"correct":["a"]})")
                .find("\"options[].id\" must be unique"),
            std::string::npos);
  EXPECT_NE(problem(Kind::single_choice, R"([{"id":" ","text":"A"},{"id":"b","text":"B"}])",
                    R"({"correct":["b"]})")
                .find("\"options[].id\""),
            std::string::npos);
  EXPECT_NE(problem(Kind::single_choice, R"([{"id":"a","text":""},{"id":"b","text":"B"}])",
                    R"({"correct":["b"]})")
                .find("\"options[].text\""),
            std::string::npos);
  EXPECT_NE(problem(Kind::single_choice, R"("ab")", R"({"correct":["b"]})").find("\"options\""),
            std::string::npos);
  EXPECT_NE(problem(Kind::single_choice, kAbc, R"({"correct":["z"]})").find("\"answer.correct\""),
            std::string::npos);
  EXPECT_NE(problem(Kind::single_choice, kAbc, R"({"correct":["a","b"]})").find("exactly one"),
            std::string::npos);
  EXPECT_NE(problem(Kind::single_choice, kAbc, R"({"correct":[]})").find("exactly one"),
            std::string::npos);
  EXPECT_NE(problem(Kind::multiple_choice, kAbc, R"({"correct":[]})").find("at least one"),
            std::string::npos);
  EXPECT_NE(problem(Kind::multiple_choice, kAbc, R"([])").find("\"answer\""), std::string::npos);
}

TEST(QuizDefinition, NormalisesCorrectIdsIntoOptionOrderWithoutDuplicates) {
  const auto d = define(Kind::multiple_choice, kAbcd, R"({"correct":["d","a","d"]})");
  EXPECT_EQ(json::serialize(d.answer), R"({"correct":["a","d"]})");
  EXPECT_EQ(d.options.size(), 4u);
}

TEST(QuizDefinition, NonChoiceKindsTakeNoOptionsAndATypedKey) {
  EXPECT_EQ(problem(Kind::true_false, "[]", R"({"correct":false})"), "");
  EXPECT_EQ(problem(Kind::true_false, "null", R"({"correct":true})"), "");
  EXPECT_NE(
      problem(Kind::true_false, kAbc, R"({"correct":true})").find("\"options\" must be empty"),
      std::string::npos);
  EXPECT_NE(problem(Kind::true_false, "[]", R"({"correct":"yes"})").find("\"answer.correct\""),
            std::string::npos);
  EXPECT_NE(problem(Kind::short_text, "[]", R"({"accepted":[]})").find("\"answer.accepted\""),
            std::string::npos);
  EXPECT_NE(problem(Kind::short_text, "[]", R"({"accepted":["  "]})").find("\"answer.accepted\""),
            std::string::npos);
  EXPECT_NE(problem(Kind::short_text, "[]", R"({"accepted":["x"],"case_sensitive":1})")
                .find("\"answer.case_sensitive\""),
            std::string::npos);
  EXPECT_NE(problem(Kind::numeric, "[]", R"({"value":"3"})").find("\"answer.value\""),
            std::string::npos);
  EXPECT_NE(
      problem(Kind::numeric, "[]", R"({"value":3,"tolerance":-1})").find("\"answer.tolerance\""),
      std::string::npos);
  const auto text = define(Kind::short_text, "[]", R"({"accepted":["  New   York "]})");
  EXPECT_EQ(json::serialize(text.answer), R"({"accepted":["New York"],"case_sensitive":false})");
  const auto number = define(Kind::numeric, "[]", R"({"value":2})");
  EXPECT_EQ(number.answer.at("tolerance").as_double(), 0.0);
}

TEST(QuizGrading, SingleChoiceNeedsTheOneCorrectOption) {
  const auto d = define(Kind::single_choice, kAbc, R"({"correct":["b"]})");
  EXPECT_TRUE(grade(d, R"("b")", 3).correct);
  EXPECT_EQ(grade(d, R"("b")", 3).points, 3);
  EXPECT_EQ(grade(d, R"("a")", 3).points, 0);
  EXPECT_EQ(grade(d, R"(["b"])", 3).points, 0);  // wrong shape earns nothing
  EXPECT_EQ(grade(d, "null", 3).points, 0);
  EXPECT_EQ(grade_response(d.kind, d.answer, 3, false, nullptr).max_points, 3);
}

TEST(QuizGrading, MultipleChoiceIsAllOrNothingUnlessPartialCredit) {
  const auto d = define(Kind::multiple_choice, kAbcd, R"({"correct":["a","b","c"]})");
  EXPECT_EQ(grade(d, R"(["c","a","b"])", 6).points, 6);
  EXPECT_TRUE(grade(d, R"(["c","a","b","a"])", 6).correct);  // a repeat is one pick
  EXPECT_EQ(grade(d, R"(["a","b"])", 6).points, 0);
  EXPECT_EQ(grade(d, R"(["a","b","c","d"])", 6).points, 0);
  // Partial: (right − wrong) / correct, floored at 0.
  EXPECT_EQ(grade(d, R"(["a","b"])", 6, true).points, 4);
  EXPECT_FALSE(grade(d, R"(["a","b"])", 6, true).correct);
  EXPECT_EQ(grade(d, R"(["a","b","d"])", 6, true).points, 2);
  EXPECT_EQ(grade(d, R"(["a","b","c","d"])", 6, true).points, 4);
  EXPECT_EQ(grade(d, R"(["d"])", 6, true).points, 0);
  EXPECT_EQ(grade(d, R"(["a"])", 1, true).points, 0.33);
  EXPECT_EQ(grade(d, R"(["a","b","c"])", 6, true).points, 6);
  EXPECT_EQ(grade(d, R"("a")", 6, true).points, 0);
}

TEST(QuizGrading, TrueFalseComparesBooleans) {
  const auto d = define(Kind::true_false, "[]", R"({"correct":false})");
  EXPECT_TRUE(grade(d, "false").correct);
  EXPECT_FALSE(grade(d, "true").correct);
  EXPECT_FALSE(grade(d, R"("false")").correct);
}

TEST(QuizGrading, ShortTextTrimsCollapsesAndFoldsAsciiCaseUnlessSensitive) {
  const auto d = define(Kind::short_text, "[]", R"({"accepted":["New York","NYC"]})");
  EXPECT_TRUE(grade(d, R"("  new\t  york ")").correct);
  EXPECT_TRUE(grade(d, R"("nyc")").correct);
  EXPECT_FALSE(grade(d, R"("newyork")").correct);
  EXPECT_FALSE(grade(d, R"("")").correct);
  const auto sensitive =
      define(Kind::short_text, "[]", R"({"accepted":["Größe"],"case_sensitive":true})");
  EXPECT_TRUE(grade(sensitive, R"(" Größe ")").correct);
  EXPECT_FALSE(grade(sensitive, R"("größe")").correct);
  // Only ASCII letters fold: non-ASCII compares byte for byte.
  const auto insensitive = define(Kind::short_text, "[]", R"({"accepted":["Éclair"]})");
  EXPECT_TRUE(grade(insensitive, R"("éCLAIR")").correct == false);
  EXPECT_TRUE(grade(insensitive, R"("ÉCLAIR")").correct);
  EXPECT_EQ(normalise_text(" A \n\n b ", false), "a b");
}

TEST(QuizGrading, NumericWithinToleranceParsesStrictly) {
  const auto d = define(Kind::numeric, "[]", R"({"value":3.14,"tolerance":0.01})");
  EXPECT_TRUE(grade(d, R"("3.14")").correct);
  EXPECT_TRUE(grade(d, R"(" 3.15 ")").correct);
  EXPECT_TRUE(grade(d, "3.13").correct);
  EXPECT_FALSE(grade(d, R"("3.16")").correct);
  EXPECT_FALSE(grade(d, R"("3,14")").correct);
  EXPECT_FALSE(grade(d, R"("3.14abc")").correct);
  EXPECT_FALSE(grade(d, R"("")").correct);
  const auto exact = define(Kind::numeric, "[]", R"({"value":0.3})");
  EXPECT_TRUE(grade(exact, "0.30000000000000004").correct);
  EXPECT_TRUE(grade(exact, R"("3e-1")").correct);
  EXPECT_FALSE(grade(exact, R"("0.31")").correct);
  const auto integer = define(Kind::numeric, "[]", R"({"value":-42})");
  EXPECT_TRUE(grade(integer, R"("-42")").correct);
  EXPECT_TRUE(grade(integer, R"("+-42")").correct == false);
}

TEST(QuizGrading, ParseNumberRejectsAnythingButAPlainDecimal) {
  EXPECT_EQ(parse_number("12"), 12.0);
  EXPECT_EQ(parse_number("+12.5"), 12.5);
  EXPECT_EQ(parse_number("-.5"), -0.5);
  EXPECT_EQ(parse_number("1e3"), 1000.0);
  for (const char* bad : {"", " ", "inf", "nan", "-inf", "0x10", "1,5", "1.2.3", "3 apples", "--1",
                          "+", "-", "e5", "1e999"}) {
    EXPECT_FALSE(parse_number(bad)) << bad;
  }
}

TEST(QuizResponses, FitTheirKind) {
  EXPECT_TRUE(response_fits(Kind::single_choice, json::parse(R"("a")")));
  EXPECT_FALSE(response_fits(Kind::single_choice, json::parse("1")));
  EXPECT_TRUE(response_fits(Kind::multiple_choice, json::parse(R"(["a","b"])")));
  EXPECT_FALSE(response_fits(Kind::multiple_choice, json::parse(R"(["a",2])")));
  EXPECT_TRUE(response_fits(Kind::true_false, json::parse("true")));
  EXPECT_FALSE(response_fits(Kind::true_false, json::parse(R"("true")")));
  EXPECT_TRUE(response_fits(Kind::short_text, json::parse(R"("x")")));
  EXPECT_TRUE(response_fits(Kind::numeric, json::parse(R"("1.5")")));
  EXPECT_TRUE(response_fits(Kind::numeric, json::parse("1.5")));
  EXPECT_FALSE(response_fits(Kind::numeric, json::parse("[]")));
  EXPECT_TRUE(response_fits(Kind::numeric, json::parse("null")));
}

}  // namespace
}  // namespace sn::quizzes
