#pragma once
// Reading what a request brings, with one set of rules and messages for every route: JSON body
// fields, query-string parameters, page sizes and opaque keyset cursors. Everything malformed
// becomes a 422 (or 400 for an unparsable query string) with a message the client can show.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/result.hpp"
#include "http/types.hpp"

namespace sn::http {

// The body as a JSON object, or 422.
const boost::json::object& object_body(const boost::json::value& body);
// A non-empty string field of at most `max_bytes`, or 422.
std::string required_string(const boost::json::object& body, std::string_view key,
                            std::size_t max_bytes);
// Absent or null → nullopt; present but not a string, or longer than `max_bytes` → 422.
std::optional<std::string> optional_string(const boost::json::object& body, std::string_view key,
                                           std::size_t max_bytes);

// The decoded query-string parameters; a repeated name keeps its last value.
using QueryParams = std::map<std::string, std::string>;
QueryParams query_params(const Request& request);
// A non-empty parameter, or nullopt.
std::optional<std::string> param(const QueryParams& params, const std::string& name);
// `limit`: default 50, 1..200, else 422.
int page_limit(const QueryParams& params);

// Keyset cursors are opaque to clients (base64url of the sort key's parts), so the sort key can
// change without breaking them as an API. decode_cursor throws 422 on anything malformed.
std::string encode_cursor(const std::vector<std::string>& parts);
std::vector<std::string> decode_cursor(std::string_view cursor, std::size_t parts);

// One page of a keyset listing whose query fetched `limit` + 1 rows (the extra row says whether
// there is more): {"<list>": [item(row) for the first `limit` rows], "next_cursor": the cursor
// of the last row shown, from `key_columns`, or null at the end}.
using RowToJson = boost::json::value (*)(const db::Result& rows, int row);
boost::json::object keyset_page(const db::Result& rows, int limit, std::string_view list,
                                RowToJson item,
                                std::initializer_list<std::string_view> key_columns);

// A CSV import's request: `mode` all_or_nothing (the default: any bad row imports nothing) or
// valid_rows, `dry_run` true or false (the default), and a text/csv body; else 422 or 415.
struct CsvImportRequest {
  std::string mode;
  bool dry_run = false;
};
CsvImportRequest csv_import_request(const Request& request);

// 8-4-4-4-12 hex digits: ids checked before they reach SQL, so a bad one is a 404, not a 500.
bool is_uuid(std::string_view text);

}  // namespace sn::http
