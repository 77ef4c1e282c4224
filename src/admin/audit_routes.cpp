// Admin: searching the append-only audit trail, newest first, a page at a time.

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <limits>

#include "admin/common.hpp"
#include "core/error.hpp"

namespace sn::admin {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;
using http::Role;

namespace {

boost::json::value event_row(const db::Result& rows, int r) {
  boost::system::error_code ec;
  auto detail = boost::json::parse(rows.text(r, "detail"), ec);
  if (ec) detail = boost::json::object();
  boost::json::object item{{"id", rows.integer(r, "id")},
                           {"occurred_at", rows.text(r, "occurred_at")},
                           {"event", rows.text(r, "event")},
                           {"detail", std::move(detail)}};
  for (const char* column : {"user_id", "user_email", "actor_id", "client_address"}) {
    auto value = rows.optional_text(r, column);
    item[column] = value ? boost::json::value(*value) : boost::json::value(nullptr);
  }
  return item;
}

constexpr db::Query kUserIdsByEmail{"admin.user_ids_by_email",
                                    "SELECT id FROM users WHERE lower(email) = lower($1)"};

// One statement per filter combination (event none/exact/prefix × users or not), each with an
// index plan: the event index for an event or prefix, the user index for users, else the time
// index. A prefix is a range (~>=~ / ~<~, the text_pattern_ops operators) rather than LIKE, so a
// generic plan still uses the index. Every variant takes the same eight parameters:
// $1 limit, $2/$3 cursor (occurred_at, id of the last row seen), $4 event or prefix, $5 user ids,
// $6 from, $7 to (both inclusive), $8 the end of the prefix range.
struct Variant {
  std::string name;
  std::string sql;
};
enum class EventFilter { none = 0, exact = 1, prefix = 2 };

const Variant& variant(EventFilter event, bool by_user) {
  static const std::array<Variant, 6> variants = [] {
    std::array<Variant, 6> out;
    for (int e = 0; e < 3; ++e) {
      for (int u = 0; u < 2; ++u) {
        std::string sql =
            "SELECT a.id, to_json(a.occurred_at) #>> '{}' AS occurred_at, a.event, a.user_id, "
            "u.email AS user_email, a.actor_id, host(a.client_address) AS client_address, "
            "a.detail::text AS detail "
            "FROM audit_events a LEFT JOIN users u ON u.id = a.user_id "
            "WHERE (a.occurred_at, a.id) < ($2::timestamptz, $3::bigint) "
            "AND a.occurred_at >= coalesce($6::timestamptz, '-infinity') "
            "AND a.occurred_at <= coalesce($7::timestamptz, 'infinity')";
        sql += e == 1   ? " AND a.event = $4 AND $8::text IS NULL"
               : e == 2 ? " AND a.event ~>=~ $4 AND a.event ~<~ $8"
                        : " AND $4::text IS NULL AND $8::text IS NULL";
        sql += u ? " AND a.user_id = ANY($5::uuid[])" : " AND $5::uuid[] IS NULL";
        sql += " ORDER BY a.occurred_at DESC, a.id DESC LIMIT $1";
        out[e * 2 + u] = {"admin.audit_search_" + std::to_string(e * 2 + u), std::move(sql)};
      }
    }
    return out;
  }();
  return variants[static_cast<int>(event) * 2 + (by_user ? 1 : 0)];
}

// Event names are lower-case words joined by dots ("sign_in.failed"); a trailing dot asks for
// every event under that prefix.
bool valid_event(std::string_view event) {
  if (event.empty() || event.size() > 100) return false;
  for (const char c : event) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
      return false;
    }
  }
  return true;
}

}  // namespace

void register_audit_routes(http::Router& router, identity::AuthContext& ctx) {
  router.get(
      "/api/v1/admin/audit", Access::role(Role::admin),
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto params = http::query_params(rc.request);
        const int limit = http::page_limit(params);
        std::string cursor_time = "infinity";
        std::string cursor_id = std::to_string(std::numeric_limits<std::int64_t>::max());
        if (auto cursor = http::param(params, "cursor")) {
          auto parts = http::decode_cursor(*cursor, 2);
          if (parts[1].empty() || parts[1].find_first_not_of("0123456789") != std::string::npos) {
            throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
          }
          cursor_time = parts[0];
          cursor_id = parts[1];
        }

        EventFilter event_filter = EventFilter::none;
        std::optional<std::string> event, prefix_end;
        if ((event = http::param(params, "event"))) {
          if (!valid_event(*event)) {
            throw Error(Errc::validation_failed,
                        "\"event\" must be an event name such as sign_in.failed, or a prefix "
                        "ending in a dot such as sign_in.");
          }
          if (event->back() == '.') {
            event_filter = EventFilter::prefix;
            prefix_end = *event;
            prefix_end->back() = '.' + 1;  // every name that starts with the prefix sorts below
          } else {
            event_filter = EventFilter::exact;
          }
        }

        // user_id and email both narrow to accounts; together they must agree.
        std::optional<std::vector<std::string>> user_ids;
        if (auto user_id = http::param(params, "user_id")) {
          if (!http::is_uuid(*user_id)) {
            throw Error(Errc::validation_failed, "\"user_id\" must be a user id.");
          }
          user_ids = std::vector<std::string>{*user_id};
        }
        if (auto email = http::param(params, "email")) {
          if (email->size() > 320) throw Error(Errc::validation_failed, "\"email\" is too long.");
          auto rows = co_await ctx.db.query(kUserIdsByEmail, *email);
          std::vector<std::string> found;
          for (int r = 0; r < rows.rows(); ++r) {
            std::string id(rows.text(r, 0));
            if (!user_ids || std::find(user_ids->begin(), user_ids->end(), id) != user_ids->end()) {
              found.push_back(std::move(id));
            }
          }
          user_ids = std::move(found);
        }
        if (user_ids && user_ids->empty()) {
          co_return http::json_response(
              http::Status::ok, {{"events", boost::json::array()}, {"next_cursor", nullptr}});
        }
        std::optional<std::string> users_array;
        if (user_ids) users_array = db::text_array(*user_ids);

        const auto& v = variant(event_filter, user_ids.has_value());
        db::Result rows;
        bool bad_time = false;
        try {
          rows = co_await ctx.db.query(
              db::Query{v.name.c_str(), v.sql.c_str()}, limit + 1, cursor_time, cursor_id, event,
              users_array, http::param(params, "from"), http::param(params, "to"), prefix_end);
        } catch (const db::QueryError& e) {
          // 22007 invalid_datetime_format, 22008 datetime_field_overflow: a bad from/to/cursor.
          if (!e.sqlstate().starts_with("22")) throw;
          bad_time = true;
        }
        if (bad_time) {
          throw Error(Errc::validation_failed,
                      "\"from\" and \"to\" must be ISO 8601 times, e.g. 2026-01-31T09:00:00Z.");
        }

        co_return http::json_response(
            http::Status::ok,
            http::keyset_page(rows, limit, "events", event_row, {"occurred_at", "id"}));
      });
}

}  // namespace sn::admin
