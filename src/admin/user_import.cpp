#include "admin/user_import.hpp"

#include <csv.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>

#include "core/text.hpp"
#include "identity/email_address.hpp"

namespace sn::admin {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

// What libcsv's callbacks fill in. A record's line is where its first field starts: marked when
// a non-blank line begins outside a record (a quoted first field may end lines later).
struct Collector {
  std::vector<CsvRecord> records;
  CsvRecord current;
  std::size_t line = 0;  // the physical line being fed
  bool in_record = false;
};

void on_field(void* data, std::size_t length, void* context) {
  auto& c = *static_cast<Collector*>(context);
  if (!c.in_record) {
    c.in_record = true;
    c.current.line = c.line;
  }
  // libcsv may pass a null buffer for an empty field.
  c.current.fields.emplace_back(length ? std::string(static_cast<const char*>(data), length)
                                       : std::string());
}

void on_record(int, void* context) {
  auto& c = *static_cast<Collector*>(context);
  c.records.push_back(std::move(c.current));
  c.current = {};
  c.in_record = false;
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string quoted(std::string_view value) {
  constexpr std::size_t kShown = 80;  // enough to recognise the value, short enough to read
  if (value.size() <= kShown) return "\"" + std::string(value) + "\"";
  return "\"" + std::string(value.substr(0, kShown)) + "…\"";
}

constexpr std::array kColumns{std::string_view("email"), std::string_view("name"),
                              std::string_view("role"), std::string_view("groups")};
constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxGroupName = 100;

}  // namespace

CsvParse parse_csv(std::string_view text, std::size_t max_records) {
  CsvParse result;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // spreadsheet exports add a BOM

  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
  std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, csv_free);
  Collector c;

  std::size_t start = 0;
  while (start < text.size()) {
    const auto newline = text.find('\n', start);
    const auto end = newline == std::string_view::npos ? text.size() : newline + 1;
    const auto line = text.substr(start, end - start);
    start = end;
    ++c.line;
    if (!c.in_record && !blank(line)) {
      c.in_record = true;
      c.current.line = c.line;
    }
    if (csv_parse(&parser, line.data(), line.size(), on_field, on_record, &c) != line.size()) {
      result.error = RowError{c.line,
                              "The file is not valid CSV: a quote inside a field must be doubled "
                              "(\"\") and the field must be quoted."};
      break;
    }
    if (c.records.size() > max_records) {
      result.error = RowError{c.records[max_records].line,
                              "The file has more than " + std::to_string(max_records - 1) +
                                  " rows; split it into smaller files."};
      c.records.resize(max_records);
      break;
    }
  }
  if (!result.error) {
    const auto opened_at = c.current.line;
    const bool was_in_record = c.in_record;
    if (csv_fini(&parser, on_field, on_record, &c) != 0) {
      result.error = RowError{opened_at ? opened_at : c.line,
                              "The file is not valid CSV: a quoted field is never closed."};
    } else if (was_in_record && c.records.size() > max_records) {
      result.error = RowError{c.records[max_records].line,
                              "The file has more than " + std::to_string(max_records - 1) +
                                  " rows; split it into smaller files."};
      c.records.resize(max_records);
    }
  }
  result.records = std::move(c.records);
  return result;
}

ImportPlan plan_import(std::string_view csv, std::size_t max_rows) {
  ImportPlan plan;
  auto parsed = parse_csv(csv, max_rows + 1);
  const auto fail = [&plan](RowError error) {
    plan.file_error = true;
    plan.rows.clear();
    plan.errors.push_back(std::move(error));
    std::stable_sort(plan.errors.begin(), plan.errors.end(),
                     [](const RowError& a, const RowError& b) { return a.line < b.line; });
  };
  if (parsed.records.empty()) {
    fail({1, parsed.error ? parsed.error->message
                          : "The file is empty: the first line must be the header "
                            "email,name,role,groups."});
    return plan;
  }

  // Header: which field holds which column.
  const auto& header = parsed.records.front();
  std::map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const auto name = ascii_lower(trim(header.fields[i]));
    const auto known = std::find(kColumns.begin(), kColumns.end(), name);
    if (known == kColumns.end()) {
      fail({header.line, "Unknown column " + quoted(name) +
                             " in the header: the columns are email, name, role and groups."});
      return plan;
    }
    if (!index.emplace(*known, i).second) {
      fail({header.line, "The column \"" + name + "\" appears twice in the header."});
      return plan;
    }
  }
  if (!index.contains("email")) {
    fail({header.line,
          "The header has no email column: the first line must name the columns, "
          "e.g. email,name,role,groups."});
    return plan;
  }
  const auto field = [&index](const CsvRecord& record, std::string_view column) {
    auto it = index.find(column);
    return it == index.end() ? std::string_view() : trim(record.fields[it->second]);
  };

  std::map<std::string, std::size_t> first_line_of;  // lower-cased email → line
  for (std::size_t r = 1; r < parsed.records.size(); ++r) {
    const auto& record = parsed.records[r];
    ++plan.total_rows;
    if (record.fields.size() != header.fields.size()) {
      plan.errors.push_back({record.line, "Expected " + std::to_string(header.fields.size()) +
                                              " fields as in the header, found " +
                                              std::to_string(record.fields.size()) + "."});
      continue;
    }
    std::vector<std::string> problems;
    ImportRow row;
    row.line = record.line;
    row.email = std::string(field(record, "email"));
    if (auto problem = identity::email_problem(row.email)) {
      problems.push_back("Invalid email address " + quoted(row.email) + ": " + *problem + ".");
    } else if (auto [it, fresh] = first_line_of.emplace(ascii_lower(row.email), row.line); !fresh) {
      problems.push_back(quoted(row.email) + " is already on line " + std::to_string(it->second) +
                         " of this file.");
    }
    row.name = std::string(field(record, "name"));
    if (row.name.size() > kMaxName) {
      problems.push_back("The name is longer than " + std::to_string(kMaxName) + " characters.");
    }
    row.role = ascii_lower(field(record, "role"));
    if (row.role.empty()) row.role = "learner";
    if (row.role != "learner" && row.role != "instructor" && row.role != "admin") {
      problems.push_back("Unknown role " + quoted(field(record, "role")) +
                         ": use learner, instructor or admin.");
    }
    std::set<std::string> seen;
    std::string_view groups = field(record, "groups");
    while (!groups.empty()) {
      const auto semi = groups.find(';');
      const auto group = trim(groups.substr(0, semi));
      groups = semi == std::string_view::npos ? std::string_view() : groups.substr(semi + 1);
      if (group.empty()) continue;
      if (group.size() > kMaxGroupName) {
        problems.push_back("The group name " + quoted(group) + " is longer than " +
                           std::to_string(kMaxGroupName) + " characters.");
      } else if (seen.insert(ascii_lower(group)).second) {
        row.groups.emplace_back(group);
      }
    }
    if (problems.empty()) {
      plan.rows.push_back(std::move(row));
      continue;
    }
    std::string message = problems.front();
    for (std::size_t i = 1; i < problems.size(); ++i)
      message += " " + problems[i];
    plan.errors.push_back({record.line, std::move(message)});
  }
  if (parsed.error) fail(std::move(*parsed.error));
  return plan;
}

void reject_taken(ImportPlan& plan, const std::set<std::string>& taken) {
  if (taken.empty()) return;
  std::vector<ImportRow> kept;
  for (auto& row : plan.rows) {
    if (taken.contains(row.email)) {
      plan.errors.push_back(
          {row.line, "An account with the address " + quoted(row.email) + " already exists."});
    } else {
      kept.push_back(std::move(row));
    }
  }
  plan.rows = std::move(kept);
  std::stable_sort(plan.errors.begin(), plan.errors.end(),
                   [](const RowError& a, const RowError& b) { return a.line < b.line; });
}

}  // namespace sn::admin
