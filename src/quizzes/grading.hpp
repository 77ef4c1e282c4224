#pragma once
// Questions and their grading, as pure functions (no database, no HTTP): what a valid question
// definition is, what shape a learner's response may take, and how many points it earns. The
// routes store definitions only after validate_definition and grade with grade_response.
//
// Shapes (as stored in quiz_questions.options / .answer and sent by learners):
//   single_choice    options [{"id","text"}…], answer {"correct": ["a"]},      response "a"
//   multiple_choice  options [{"id","text"}…], answer {"correct": ["a","c"]},  response ["a","c"]
//   true_false       no options,               answer {"correct": true},       response true
//   short_text       no options, answer {"accepted": ["Paris"], "case_sensitive": false},
//                                                                              response "paris"
//   numeric          no options, answer {"value": 3.14, "tolerance": 0.01},    response "3.14"
//   or 3.14

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sn::quizzes {

enum class Kind { single_choice, multiple_choice, true_false, short_text, numeric };

std::optional<Kind> parse_kind(std::string_view text);
std::string_view to_string(Kind kind);
// Choice questions carry options (and their order may be shuffled per attempt).
bool has_options(Kind kind);

// A question definition as an editor sends it. Throws sn::Error(validation_failed) naming the
// field ("options", "answer.correct", …). Returns the definition normalised for storage: options
// trimmed, correct ids de-duplicated in option order, accepted answers trimmed, defaults filled.
struct Definition {
  Kind kind;
  boost::json::array options;
  boost::json::object answer;
};
Definition validate_definition(Kind kind, const boost::json::value* options,
                               const boost::json::value* answer);

// Whether a learner's response has the shape the question kind takes (a string for single
// choice, a list of strings for multiple choice, …). Null means "no answer" and always fits.
bool response_fits(Kind kind, const boost::json::value& response);

struct Grade {
  double points = 0;  // earned, rounded to 2 decimals
  int max_points = 0;
  bool correct = false;  // full marks
};

// Grades one response (nullptr: not answered) against a stored answer key. Never throws for a
// malformed response: it simply earns nothing.
Grade grade_response(Kind kind, const boost::json::object& answer_key, int points,
                     bool partial_credit, const boost::json::value* response);

// short_text: trims, collapses runs of whitespace to one space and, unless case-sensitive,
// lower-cases ASCII letters (other characters compare as they are).
std::string normalise_text(std::string_view text, bool case_sensitive);

// numeric: a learner's number, strictly: an optional sign, digits, an optional fraction and
// exponent, surrounding blanks allowed; nothing else ("1,5", "0x10", "inf", "3 apples" fail).
std::optional<double> parse_number(std::string_view text);

}  // namespace sn::quizzes
