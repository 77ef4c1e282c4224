#pragma once
// Bulk user import from CSV: parsing (RFC 4180, via libcsv) and row validation, with no database
// and no I/O, so every rule is unit-tested. The route adds the checks that need the database
// (addresses that already have an account) and does the writing.

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sn::admin {

// One record of a CSV file and the physical line (1-based) it starts on, which is what a person
// sees in an editor even when a quoted field spans lines.
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

struct RowError {
  std::size_t line = 0;
  std::string message;
  friend bool operator==(const RowError&, const RowError&) = default;
};

struct CsvParse {
  std::vector<CsvRecord> records;
  // Set when the file is not well-formed CSV (a stray or unterminated quote): nothing after the
  // error can be trusted, so the import stops there.
  std::optional<RowError> error;
};

// Parses `text` (UTF-8, optional BOM, LF or CRLF line ends, blank lines skipped). Stops with an
// error after `max_records` records; the header counts as one, so the message says
// `max_records - 1` rows.
CsvParse parse_csv(std::string_view text, std::size_t max_records);

struct ImportRow {
  std::size_t line = 0;
  std::string email;
  std::string name;
  std::string role;                 // learner, instructor or admin
  std::vector<std::string> groups;  // by name, de-duplicated case-insensitively
};

struct ImportPlan {
  std::vector<ImportRow> rows;   // the good rows, in file order
  std::vector<RowError> errors;  // every bad row, in line order
  std::size_t total_rows = 0;    // data rows in the file (header excluded)
  // The file as a whole is unusable (no header, malformed CSV, too many rows): import nothing.
  bool file_error = false;
};

inline constexpr std::size_t kMaxImportRows = 10'000;

// Header (any order of email, name, role, groups; email required), then one user per row.
ImportPlan plan_import(std::string_view csv, std::size_t max_rows = kMaxImportRows);

// Moves the rows whose email (lower-cased) is in `taken` to the errors, keeping line order.
void reject_taken(ImportPlan& plan, const std::set<std::string>& taken);

}  // namespace sn::admin
