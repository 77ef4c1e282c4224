#include "quizzes/grading.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <vector>

#include "core/error.hpp"

namespace sn::quizzes {
namespace {

constexpr std::size_t kMaxOptions = 20;
constexpr std::size_t kMaxOptionId = 40;
constexpr std::size_t kMaxOptionText = 1000;
constexpr std::size_t kMaxAccepted = 50;
constexpr std::size_t kMaxAcceptedText = 500;
// Responses are bounded too: they are saved in the attempt row.
constexpr std::size_t kMaxResponseText = 1000;

[[noreturn]] void invalid(std::string message) {
  throw Error(Errc::validation_failed, std::move(message));
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back()))
    text.remove_suffix(1);
  return text;
}

double round2(double value) {
  return std::round(value * 100.0) / 100.0;
}

std::optional<double> number_of(const boost::json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  if (v.is_double()) return v.as_double();
  return std::nullopt;
}

// The option ids of a validated options array, in order.
std::vector<std::string> option_ids(const boost::json::array& options) {
  std::vector<std::string> ids;
  for (const auto& o : options)
    ids.emplace_back(o.as_object().at("id").as_string());
  return ids;
}

boost::json::array validate_options(const boost::json::value* options) {
  if (!options || !options->is_array()) invalid("\"options\" must be a list of options.");
  const auto& list = options->as_array();
  if (list.size() < 2 || list.size() > kMaxOptions) {
    invalid("\"options\" must have 2 to 20 options.");
  }
  boost::json::array out;
  std::set<std::string, std::less<>> seen;
  for (const auto& item : list) {
    if (!item.is_object()) invalid("\"options\" must be a list of {\"id\", \"text\"} objects.");
    const auto& o = item.as_object();
    const auto* id = o.if_contains("id");
    if (!id || !id->is_string()) invalid("\"options[].id\" must be a string.");
    const auto trimmed_id = trim(id->as_string());
    if (trimmed_id.empty() || trimmed_id.size() > kMaxOptionId) {
      invalid("\"options[].id\" must be 1 to 40 characters.");
    }
    if (!seen.emplace(trimmed_id).second) invalid("\"options[].id\" must be unique.");
    const auto* text = o.if_contains("text");
    if (!text || !text->is_string()) invalid("\"options[].text\" must be a string.");
    const auto trimmed_text = trim(text->as_string());
    if (trimmed_text.empty() || trimmed_text.size() > kMaxOptionText) {
      invalid("\"options[].text\" must be 1 to 1000 characters.");
    }
    out.push_back(boost::json::object{{"id", trimmed_id}, {"text", trimmed_text}});
  }
  return out;
}

// The correct option ids, in option order, each naming an option.
boost::json::array validate_correct_ids(const boost::json::object& answer,
                                        const boost::json::array& options) {
  const auto* correct = answer.if_contains("correct");
  if (!correct || !correct->is_array()) {
    invalid("\"answer.correct\" must be a list of option ids.");
  }
  std::set<std::string, std::less<>> picked;
  for (const auto& v : correct->as_array()) {
    if (!v.is_string()) invalid("\"answer.correct\" must be a list of option ids.");
    picked.emplace(trim(v.as_string()));
  }
  const auto ids = option_ids(options);
  for (const auto& id : picked) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      invalid("\"answer.correct\" names an option that does not exist: \"" + id + "\".");
    }
  }
  boost::json::array out;
  for (const auto& id : ids) {
    if (picked.count(id)) out.push_back(boost::json::string(id));
  }
  return out;
}

bool no_options(const boost::json::value* options) {
  return !options || options->is_null() || (options->is_array() && options->as_array().empty());
}

}  // namespace

std::optional<Kind> parse_kind(std::string_view text) {
  if (text == "single_choice") return Kind::single_choice;
  if (text == "multiple_choice") return Kind::multiple_choice;
  if (text == "true_false") return Kind::true_false;
  if (text == "short_text") return Kind::short_text;
  if (text == "numeric") return Kind::numeric;
  return std::nullopt;
}

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::single_choice:
      return "single_choice";
    case Kind::multiple_choice:
      return "multiple_choice";
    case Kind::true_false:
      return "true_false";
    case Kind::short_text:
      return "short_text";
    case Kind::numeric:
      return "numeric";
  }
  return "single_choice";
}

bool has_options(Kind kind) {
  return kind == Kind::single_choice || kind == Kind::multiple_choice;
}

Definition validate_definition(Kind kind, const boost::json::value* options,
                               const boost::json::value* answer) {
  Definition out{kind, {}, {}};
  if (!answer || !answer->is_object()) invalid("\"answer\" must be an object.");
  const auto& key = answer->as_object();
  if (has_options(kind)) {
    out.options = validate_options(options);
    auto correct = validate_correct_ids(key, out.options);
    if (kind == Kind::single_choice && correct.size() != 1) {
      invalid("\"answer.correct\" must name exactly one option for a single-choice question.");
    }
    if (kind == Kind::multiple_choice && correct.empty()) {
      invalid("\"answer.correct\" must name at least one option.");
    }
    out.answer = {{"correct", std::move(correct)}};
    return out;
  }
  if (!no_options(options)) invalid("\"options\" must be empty for this kind of question.");
  switch (kind) {
    case Kind::true_false: {
      const auto* correct = key.if_contains("correct");
      if (!correct || !correct->is_bool()) invalid("\"answer.correct\" must be true or false.");
      out.answer = {{"correct", correct->as_bool()}};
      break;
    }
    case Kind::short_text: {
      const auto* accepted = key.if_contains("accepted");
      if (!accepted || !accepted->is_array() || accepted->as_array().empty() ||
          accepted->as_array().size() > kMaxAccepted) {
        invalid("\"answer.accepted\" must be a list of 1 to 50 accepted answers.");
      }
      boost::json::array list;
      for (const auto& v : accepted->as_array()) {
        if (!v.is_string()) invalid("\"answer.accepted\" must be a list of strings.");
        const auto text = normalise_text(v.as_string(), true);
        if (text.empty() || text.size() > kMaxAcceptedText) {
          invalid("\"answer.accepted\" entries must be 1 to 500 characters.");
        }
        list.push_back(boost::json::string(text));
      }
      bool case_sensitive = false;
      if (const auto* cs = key.if_contains("case_sensitive"); cs && !cs->is_null()) {
        if (!cs->is_bool()) invalid("\"answer.case_sensitive\" must be true or false.");
        case_sensitive = cs->as_bool();
      }
      out.answer = {{"accepted", std::move(list)}, {"case_sensitive", case_sensitive}};
      break;
    }
    case Kind::numeric: {
      const auto* value = key.if_contains("value");
      const auto number = value ? number_of(*value) : std::nullopt;
      if (!number || !std::isfinite(*number)) invalid("\"answer.value\" must be a number.");
      double tolerance = 0;
      if (const auto* t = key.if_contains("tolerance"); t && !t->is_null()) {
        const auto tol = number_of(*t);
        if (!tol || !std::isfinite(*tol) || *tol < 0) {
          invalid("\"answer.tolerance\" must be a number of 0 or more.");
        }
        tolerance = *tol;
      }
      out.answer = {{"value", *number}, {"tolerance", tolerance}};
      break;
    }
    default:
      break;
  }
  return out;
}

bool response_fits(Kind kind, const boost::json::value& response) {
  if (response.is_null()) return true;
  switch (kind) {
    case Kind::single_choice:
      return response.is_string() && response.as_string().size() <= kMaxOptionId;
    case Kind::multiple_choice: {
      if (!response.is_array() || response.as_array().size() > kMaxOptions) return false;
      return std::all_of(response.as_array().begin(), response.as_array().end(), [](auto& v) {
        return v.is_string() && v.as_string().size() <= kMaxOptionId;
      });
    }
    case Kind::true_false:
      return response.is_bool();
    case Kind::short_text:
      return response.is_string() && response.as_string().size() <= kMaxResponseText;
    case Kind::numeric:
      return (response.is_string() && response.as_string().size() <= 100) ||
             number_of(response).has_value();
  }
  return false;
}

std::string normalise_text(std::string_view text, bool case_sensitive) {
  std::string out;
  bool pending_space = false;
  for (char c : trim(text)) {
    if (is_blank(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    if (!case_sensitive && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  return out;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // from_chars takes no leading '+', and with `general` accepts only decimal digits, '.', and an
  // exponent, never "inf", "nan" or hex, which is the strictness we want.
  if (text.front() == '+') {
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-') return std::nullopt;
  }
  const auto first_digit = text.front() == '-' ? 1u : 0u;
  if (text.size() <= first_digit ||
      !(std::isdigit(static_cast<unsigned char>(text[first_digit])) || text[first_digit] == '.')) {
    return std::nullopt;
  }
  double value = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

Grade grade_response(Kind kind, const boost::json::object& answer_key, int points,
                     bool partial_credit, const boost::json::value* response) {
  Grade grade{0, points, false};
  if (!response || response->is_null()) return grade;
  double share = 0;
  switch (kind) {
    case Kind::single_choice: {
      const auto& correct = answer_key.at("correct").as_array();
      share = response->is_string() && correct.size() == 1 &&
                      correct[0].as_string() == response->as_string()
                  ? 1
                  : 0;
      break;
    }
    case Kind::multiple_choice: {
      if (!response->is_array()) break;
      std::set<std::string, std::less<>> correct;
      for (const auto& v : answer_key.at("correct").as_array())
        correct.emplace(v.as_string());
      std::set<std::string, std::less<>> picked;
      for (const auto& v : response->as_array()) {
        if (v.is_string()) picked.emplace(v.as_string());
      }
      int right = 0, wrong = 0;
      for (const auto& id : picked)
        (correct.count(id) ? right : wrong) += 1;
      if (right == static_cast<int>(correct.size()) && wrong == 0) {
        share = 1;
      } else if (partial_credit && !correct.empty()) {
        share = std::max(0.0, static_cast<double>(right - wrong) / correct.size());
      }
      break;
    }
    case Kind::true_false:
      share = response->is_bool() && response->as_bool() == answer_key.at("correct").as_bool();
      break;
    case Kind::short_text: {
      if (!response->is_string()) break;
      const bool case_sensitive = answer_key.at("case_sensitive").as_bool();
      const auto given = normalise_text(response->as_string(), case_sensitive);
      if (given.empty()) break;
      for (const auto& v : answer_key.at("accepted").as_array()) {
        if (normalise_text(v.as_string(), case_sensitive) == given) share = 1;
      }
      break;
    }
    case Kind::numeric: {
      std::optional<double> given =
          response->is_string() ? parse_number(response->as_string()) : number_of(*response);
      const auto value = number_of(answer_key.at("value"));
      const auto tolerance = number_of(answer_key.at("tolerance")).value_or(0);
      if (!given || !value || !std::isfinite(*given)) break;
      // A little slack for binary fractions: 0.1 + 0.2 must match 0.3 with a zero tolerance.
      const double slack = 1e-9 * std::max(1.0, std::fabs(*value));
      share = std::fabs(*given - *value) <= tolerance + slack ? 1 : 0;
      break;
    }
  }
  grade.points = round2(share * points);
  grade.correct = share >= 1;
  return grade;
}

}  // namespace sn::quizzes
