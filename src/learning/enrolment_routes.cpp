// Enrolment: a learner's own (read, self-enrol, withdraw) and the course editors' (assign users
// and groups, change due dates, withdraw, CSV import). Every change records a learning event in
// its transaction; rows are never deleted, so re-enrolling reactivates the same row.

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <set>

#include "admin/user_import.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "courses/course_access.hpp"
#include "http/inputs.hpp"
#include "learning/completion.hpp"
#include "learning/events.hpp"
#include "learning/route_parts.hpp"

namespace sn::learning {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;
using http::Role;

namespace {

#define SN_ENROLMENT_COLUMNS                                                           \
  "e.user_id, e.course_id, e.status, e.source, to_json(e.due_at) #>> '{}' AS due_at, " \
  "to_json(e.enrolled_at) #>> '{}' AS enrolled_at, "                                   \
  "to_json(e.completed_at) #>> '{}' AS completed_at, "                                 \
  "to_json(e.withdrawn_at) #>> '{}' AS withdrawn_at, e.required_lessons, "             \
  "e.completed_lessons, e.progress_percent, e.last_lesson_id, "                        \
  "to_json(e.last_activity_at) #>> '{}' AS last_activity_at, "                         \
  "(e.due_at IS NOT NULL AND e.due_at < now() AND e.status = 'active') AS overdue "

constexpr db::Query kEnrolment{"learning.enrolment",
                               "SELECT " SN_ENROLMENT_COLUMNS
                               "FROM enrolments e WHERE e.user_id = $1::uuid AND "
                               "e.course_id = $2::uuid"};

constexpr db::Query kCourseForEnrolment{
    "learning.course_for_enrolment",
    "SELECT status, self_enrolment FROM courses WHERE id = $1::uuid"};

// Required courses the learner has not completed (completed_at stays set after withdrawal: a
// course once finished counts).
constexpr db::Query kMissingPrerequisites{
    "learning.missing_prerequisites",
    "SELECT c.id, c.slug, c.title FROM course_prerequisites p "
    "JOIN courses c ON c.id = p.required_course_id WHERE p.course_id = $1::uuid "
    "AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = $2::uuid "
    "AND e.course_id = p.required_course_id AND e.completed_at IS NOT NULL) ORDER BY c.title"};

// New row, or the withdrawn one back to active (completed when it was completed before). No row
// back: already enrolled.
constexpr db::Query kSelfEnrol{
    "learning.self_enrol",
    "INSERT INTO enrolments AS e (user_id, course_id, source, last_activity_at) "
    "VALUES ($1::uuid, $2::uuid, 'self', now()) ON CONFLICT (user_id, course_id) DO UPDATE SET "
    "status = CASE WHEN e.completed_at IS NOT NULL THEN 'completed' ELSE 'active' END, "
    "withdrawn_at = NULL, source = 'self', assigned_by = NULL, group_id = NULL, "
    "last_activity_at = now() WHERE e.status = 'withdrawn' RETURNING (xmax = 0) AS inserted"};

constexpr db::Query kWithdraw{
    "learning.withdraw",
    "UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() "
    "WHERE user_id = $1::uuid AND course_id = $2::uuid AND status <> 'withdrawn' RETURNING 1"};

constexpr db::Query kEnrolmentExists{
    "learning.enrolment_exists",
    "SELECT 1 FROM enrolments WHERE user_id = $1::uuid AND course_id = $2::uuid"};

// Assigning many learners at once, as one statement: the listed users (with a due date each)
// and every member of the listed groups, de-duplicated (a direct assignment wins over a group).
// New rows are inserted, withdrawn ones reactivated, current ones keep their status and take
// the new due date if one is given. The CTEs read the table as it was before the statement, so
// `before` tells which rows really changed; those get an `enrolled` event in the same statement.
constexpr db::Query kEnrolMany{
    "learning.enrol_many",
    "WITH targets AS ("
    "  SELECT t.user_id, NULLIF(t.due_at, '')::timestamptz AS due_at, t.source, NULL::uuid AS "
    "  group_id FROM unnest($3::uuid[], $4::text[], $5::text[]) AS t(user_id, due_at, source) "
    "  JOIN users u ON u.id = t.user_id AND u.status <> 'disabled' "
    "  UNION ALL "
    "  SELECT gm.user_id, $7::timestamptz, 'group', gm.group_id FROM group_members gm "
    "  JOIN users u ON u.id = gm.user_id AND u.status <> 'disabled' "
    "  WHERE gm.group_id = ANY($6::uuid[])), "
    "picked AS (SELECT DISTINCT ON (user_id) * FROM targets "
    "  ORDER BY user_id, (group_id IS NULL) DESC), "
    "before AS (SELECT e.user_id, e.status FROM enrolments e JOIN picked p USING (user_id) "
    "  WHERE e.course_id = $1::uuid), "
    "upserted AS ("
    "  INSERT INTO enrolments AS e (user_id, course_id, source, assigned_by, group_id, due_at) "
    "  SELECT user_id, $1::uuid, source, $2::uuid, group_id, due_at FROM picked "
    "  ON CONFLICT (user_id, course_id) DO UPDATE SET "
    "  status = CASE WHEN e.status <> 'withdrawn' THEN e.status "
    "    WHEN e.completed_at IS NOT NULL THEN 'completed' ELSE 'active' END, "
    "  withdrawn_at = NULL, "
    "  source = CASE WHEN e.status = 'withdrawn' THEN EXCLUDED.source ELSE e.source END, "
    "  assigned_by = CASE WHEN e.status = 'withdrawn' THEN EXCLUDED.assigned_by "
    "    ELSE e.assigned_by END, "
    "  group_id = CASE WHEN e.status = 'withdrawn' THEN EXCLUDED.group_id ELSE e.group_id END, "
    "  due_at = coalesce(EXCLUDED.due_at, e.due_at) "
    "  RETURNING e.user_id, e.source, e.group_id), "
    "changed AS (SELECT u.* FROM upserted u LEFT JOIN before b USING (user_id) "
    "  WHERE b.user_id IS NULL OR b.status = 'withdrawn'), "
    "events AS (INSERT INTO learning_events (actor_id, verb, object_type, object_id, course_id, "
    "  context) SELECT user_id, 'enrolled', 'course', $1::uuid, $1::uuid, "
    "  jsonb_build_object('source', source, 'assigned_by', $2::uuid, 'group_id', group_id) "
    "  FROM changed) "
    "SELECT (SELECT count(*) FROM changed) AS enrolled, "
    "(SELECT count(*) FROM upserted) - (SELECT count(*) FROM changed) AS already_enrolled, "
    "(SELECT coalesce(array_agg(user_id), '{}')::text FROM changed) AS changed_ids, "
    "(SELECT coalesce(array_agg(x), '{}')::text FROM unnest($3::uuid[]) x "
    "  WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = x AND u.status <> 'disabled')) "
    "  AS unknown_users, "
    "(SELECT coalesce(array_agg(x), '{}')::text FROM unnest($6::uuid[]) x "
    "  WHERE NOT EXISTS (SELECT 1 FROM groups g WHERE g.id = x)) AS unknown_groups"};

// The progress of many new enrolments at once (recount_course does one learner; this is its
// set-based twin for fresh or reactivated rows, which completed only if they were before).
constexpr db::Query kRecountMany{
    "learning.recount_many",
    "UPDATE enrolments e SET required_lessons = r.required, completed_lessons = d.done, "
    "progress_percent = CASE WHEN r.required = 0 THEN 0 ELSE 100 * d.done / r.required END "
    "FROM (SELECT count(*) AS required FROM lessons WHERE course_id = $1::uuid AND required) r, "
    "(SELECT u.user_id, (SELECT count(*) FROM lesson_progress p JOIN lessons l ON l.id = "
    "p.lesson_id AND l.required WHERE p.user_id = u.user_id AND p.course_id = $1::uuid AND "
    "p.status = 'completed') AS done FROM unnest($2::uuid[]) AS u(user_id)) d "
    "WHERE e.course_id = $1::uuid AND e.user_id = d.user_id"};

constexpr db::Query kSetDueAt{"learning.set_due_at",
                              "UPDATE enrolments e SET due_at = $3::timestamptz "
                              "WHERE e.user_id = $1::uuid AND e.course_id = $2::uuid "
                              "RETURNING " SN_ENROLMENT_COLUMNS};

constexpr db::Query kUsersByEmail{
    "learning.users_by_email",
    "SELECT lower(email), id, status FROM users WHERE lower(email) = ANY($1::text[])"};

constexpr std::size_t kMaxIdsPerRequest = 1000;
constexpr std::size_t kMaxImportRows = 10'000;

boost::json::object enrolment_json(const db::Result& rows, int row) {
  auto optional = [&](std::string_view col) -> boost::json::value {
    auto text = rows.optional_text(row, col);
    if (!text) return nullptr;
    return boost::json::string(*text);
  };
  return {{"user_id", rows.text(row, "user_id")},
          {"course_id", rows.text(row, "course_id")},
          {"status", rows.text(row, "status")},
          {"source", rows.text(row, "source")},
          {"due_at", optional("due_at")},
          {"overdue", rows.boolean(row, rows.column("overdue"))},
          {"enrolled_at", rows.text(row, "enrolled_at")},
          {"completed_at", optional("completed_at")},
          {"withdrawn_at", optional("withdrawn_at")},
          {"required_lessons", rows.integer(row, "required_lessons")},
          {"completed_lessons", rows.integer(row, "completed_lessons")},
          {"progress_percent", rows.integer(row, "progress_percent")},
          {"last_lesson_id", optional("last_lesson_id")},
          {"last_activity_at", optional("last_activity_at")}};
}

// 409 prerequisites_not_met, with the courses still to complete as an extension member so the
// page can link to them (sn::Error carries only a detail string).
// 409 prerequisites_not_met, naming the courses still to complete.
[[noreturn]] void throw_missing_prerequisites(const db::Result& missing) {
  boost::json::array courses;
  std::string titles;
  for (int r = 0; r < missing.rows(); ++r) {
    courses.push_back({{"id", missing.text(r, "id")},
                       {"slug", missing.text(r, "slug")},
                       {"title", missing.text(r, "title")}});
    if (r) titles += ", ";
    titles += missing.text(r, "title");
  }
  throw Error(Errc::prerequisites_not_met, "Complete these courses first: " + titles + ".")
      .with_members(
          boost::json::serialize(boost::json::object{{"missing_courses", std::move(courses)}}));
}

std::vector<std::string> uuid_list(const boost::json::object& body, std::string_view key) {
  std::vector<std::string> ids;
  const auto* value = body.if_contains(key);
  if (!value || value->is_null()) return ids;
  if (!value->is_array()) {
    throw Error(Errc::validation_failed, "\"" + std::string(key) + "\" must be a list of ids.");
  }
  std::set<std::string> seen;
  for (const auto& item : value->as_array()) {
    if (!item.is_string() || !http::is_uuid(item.as_string())) {
      throw Error(Errc::validation_failed,
                  "\"" + std::string(key) + "\" must hold only ids (UUIDs).");
    }
    auto id = ascii_lower(item.as_string());
    if (seen.insert(id).second) ids.push_back(std::move(id));
  }
  return ids;
}

struct EnrolManyResult {
  std::int64_t enrolled = 0;
  std::int64_t already_enrolled = 0;
  std::string unknown_users;   // uuid[] literal
  std::string unknown_groups;  // uuid[] literal
};

// One set-based enrolment plus the progress recount of the rows it changed, inside `tx`.
asio::awaitable<EnrolManyResult> enrol_many(db::Transaction& tx, std::string course_id,
                                            std::string assigned_by, std::string user_ids,
                                            std::string due_ats, std::string sources,
                                            std::string group_ids,
                                            std::optional<std::string> group_due_at) {
  auto rows = co_await tx.execute(kEnrolMany, course_id, assigned_by, user_ids, due_ats, sources,
                                  group_ids, group_due_at);
  EnrolManyResult result{rows.integer(0, "enrolled"), rows.integer(0, "already_enrolled"),
                         std::string(rows.text(0, "unknown_users")),
                         std::string(rows.text(0, "unknown_groups"))};
  if (result.enrolled > 0) {
    const std::string changed(rows.text(0, "changed_ids"));
    co_await tx.execute(kRecountMany, course_id, changed);
  }
  co_return result;
}

// "{a,b}" → ["a", "b"]: uuid[] text from PostgreSQL needs no unquoting.
boost::json::array uuid_array_json(std::string_view literal) {
  boost::json::array ids;
  if (literal.size() <= 2) return ids;
  literal = literal.substr(1, literal.size() - 2);
  std::size_t start = 0;
  while (start <= literal.size()) {
    const auto comma = literal.find(',', start);
    const auto end = comma == std::string_view::npos ? literal.size() : comma;
    ids.push_back(boost::json::string(literal.substr(start, end - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return ids;
}

}  // namespace

void register_enrolment_routes(http::Router& router, LearningContext& ctx) {
  const auto signed_in = Access::signed_in();
  const auto instructor = Access::role(Role::instructor);

  router.get("/api/v1/courses/{id}/enrolment", signed_in,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto course_id = courses::course_id_param(rc);
               auto rows = co_await ctx.db.query(kEnrolment, rc.principal->user_id, course_id);
               if (rows.empty())
                 throw Error(Errc::not_found, "You are not enrolled in this course.");
               co_return http::json_response(http::Status::ok, enrolment_json(rows, 0));
             });

  router.post(
      "/api/v1/courses/{id}/enrolment", signed_in,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto course_id = courses::course_id_param(rc);
        const auto& user_id = rc.principal->user_id;
        auto course = co_await ctx.db.query(kCourseForEnrolment, course_id);
        if (course.empty() || course.text(0, "status") != "published") {
          throw Error(Errc::not_found, "No such course.");
        }
        if (!course.boolean(0, course.column("self_enrolment"))) {
          auto current = co_await ctx.db.query(kEnrolment, user_id, course_id);
          if (!current.empty() && current.text(0, "status") != "withdrawn") {
            co_return http::json_response(http::Status::ok, enrolment_json(current, 0));
          }
          throw Error(Errc::enrolment_closed,
                      "This course is open by assignment only: ask its instructor to enrol you.");
        }
        auto missing = co_await ctx.db.query(kMissingPrerequisites, course_id, user_id);
        if (!missing.empty()) throw_missing_prerequisites(missing);

        auto tx = co_await ctx.db.begin();
        auto changed = co_await tx.execute(kSelfEnrol, user_id, course_id);
        const bool enrolled_now = !changed.empty();
        if (enrolled_now) {
          const bool reactivated = !changed.boolean(0, 0);
          Statement enrolled{
              .actor_id = user_id,
              .verb = "enrolled",
              .object_type = "course",
              .object_id = course_id,
              .course_id = course_id,
              .context = boost::json::object{{"source", "self"}, {"reenrolled", reactivated}}};
          co_await record(tx, std::move(enrolled));
          co_await recount_course(tx, user_id, course_id);
        }
        auto rows = co_await tx.execute(kEnrolment, user_id, course_id);
        co_await tx.commit();
        co_return http::json_response(enrolled_now ? http::Status::created : http::Status::ok,
                                      enrolment_json(rows, 0));
      },
      {.body_limit = 1024});

  router.add(http::Verb::delete_, "/api/v1/courses/{id}/enrolment", signed_in,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto course_id = courses::course_id_param(rc);
               const auto& user_id = rc.principal->user_id;
               auto tx = co_await ctx.db.begin();
               auto changed = co_await tx.execute(kWithdraw, user_id, course_id);
               if (changed.empty()) {
                 auto exists = co_await tx.execute(kEnrolmentExists, user_id, course_id);
                 if (exists.empty()) {
                   throw Error(Errc::not_found, "You are not enrolled in this course.");
                 }
                 co_return Response{http::Status::no_content, 11};  // already withdrawn
               }
               Statement withdrawn{.actor_id = user_id,
                                   .verb = "withdrawn",
                                   .object_type = "course",
                                   .object_id = course_id,
                                   .course_id = course_id,
                                   .context = boost::json::object{{"by", "self"}}};
               co_await record(tx, std::move(withdrawn));
               co_await tx.commit();
               co_return Response{http::Status::no_content, 11};
             });

  // Assign users and whole groups, up to 1000 ids per request, in one statement.
  router.post(
      "/api/v1/courses/{id}/enrolments", instructor,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto course_id = courses::course_id_param(rc);
        auto course = co_await courses::require_editor(ctx.db, rc, course_id);
        const auto body = rc.json_body();
        const auto& fields = http::object_body(body);
        const auto user_ids = uuid_list(fields, "user_ids");
        const auto group_ids = uuid_list(fields, "group_ids");
        const auto due_at = optional_timestamp(fields, "due_at");
        if (user_ids.empty() && group_ids.empty()) {
          throw Error(Errc::validation_failed, "Give \"user_ids\" or \"group_ids\" to enrol.");
        }
        if (user_ids.size() + group_ids.size() > kMaxIdsPerRequest) {
          throw Error(Errc::validation_failed,
                      "Send at most 1000 ids in \"user_ids\" and \"group_ids\" together.");
        }
        if (course.status != "published") {
          throw Error(Errc::validation_failed, "Publish the course before enrolling learners.");
        }
        const std::vector<std::string> due_ats(user_ids.size(), due_at.value_or(""));
        const std::vector<std::string> sources(user_ids.size(), "assigned");
        EnrolManyResult result;
        bool bad_date = false;
        try {
          auto tx = co_await ctx.db.begin();
          result = co_await enrol_many(tx, course_id, rc.principal->user_id,
                                       db::text_array(user_ids), db::text_array(due_ats),
                                       db::text_array(sources), db::text_array(group_ids), due_at);
          co_await tx.commit();
        } catch (const db::QueryError& e) {
          if (!bad_value(e)) throw;
          bad_date = true;
        }
        if (bad_date) throw Error(Errc::validation_failed, "\"due_at\" is not a valid date.");
        boost::json::object answer{{"enrolled", result.enrolled},
                                   {"already_enrolled", result.already_enrolled},
                                   {"unknown_user_ids", uuid_array_json(result.unknown_users)},
                                   {"unknown_group_ids", uuid_array_json(result.unknown_groups)}};
        co_return http::json_response(http::Status::ok, answer);
      },
      {.body_limit = 128 * 1024});

  router.add(http::Verb::patch, "/api/v1/courses/{id}/enrolments/{user_id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto course_id = courses::course_id_param(rc);
               const auto user_id = uuid_param(rc, "user_id", "This learner is not enrolled.");
               co_await courses::require_editor(ctx.db, rc, course_id);
               const auto body = rc.json_body();
               const auto& fields = http::object_body(body);
               if (!fields.contains("due_at")) {
                 throw Error(Errc::validation_failed, "\"due_at\" is required (null clears it).");
               }
               const auto due_at = optional_timestamp(fields, "due_at");
               db::Result rows;
               bool bad_date = false;
               try {
                 rows = co_await ctx.db.query(kSetDueAt, user_id, course_id, due_at);
               } catch (const db::QueryError& e) {
                 if (!bad_value(e)) throw;
                 bad_date = true;
               }
               if (bad_date)
                 throw Error(Errc::validation_failed, "\"due_at\" is not a valid date.");
               if (rows.empty()) throw Error(Errc::not_found, "This learner is not enrolled.");
               co_return http::json_response(http::Status::ok, enrolment_json(rows, 0));
             },
             {.body_limit = 1024});

  router.add(http::Verb::delete_, "/api/v1/courses/{id}/enrolments/{user_id}", instructor,
             [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
               const auto course_id = courses::course_id_param(rc);
               const auto user_id = uuid_param(rc, "user_id", "This learner is not enrolled.");
               co_await courses::require_editor(ctx.db, rc, course_id);
               auto tx = co_await ctx.db.begin();
               auto changed = co_await tx.execute(kWithdraw, user_id, course_id);
               if (changed.empty()) {
                 auto exists = co_await tx.execute(kEnrolmentExists, user_id, course_id);
                 if (exists.empty()) throw Error(Errc::not_found, "This learner is not enrolled.");
                 co_return Response{http::Status::no_content, 11};
               }
               Statement withdrawn{.actor_id = user_id,
                                   .verb = "withdrawn",
                                   .object_type = "course",
                                   .object_id = course_id,
                                   .course_id = course_id,
                                   .context = boost::json::object{{"by", rc.principal->user_id}}};
               co_await record(tx, std::move(withdrawn));
               co_await tx.commit();
               co_return Response{http::Status::no_content, 11};
             });

  // CSV import (columns email and, optionally, due_at): every bad row is reported with its
  // line; all_or_nothing writes nothing if any row is bad, valid_rows writes the good ones,
  // dry_run only reports. The same set-based statement as above, whatever the row count.
  router.post(
      "/api/v1/courses/{id}/enrolments/import", instructor,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto course_id = courses::course_id_param(rc);
        auto course = co_await courses::require_editor(ctx.db, rc, course_id);
        const auto [mode, dry_run] = http::csv_import_request(rc.request);
        if (course.status != "published") {
          throw Error(Errc::validation_failed, "Publish the course before enrolling learners.");
        }

        struct Row {
          std::size_t line;
          std::string email;
          std::string due_at;
        };
        std::vector<Row> rows;
        std::vector<admin::RowError> errors;
        bool file_error = false;
        std::size_t total_rows = 0;
        auto parsed = admin::parse_csv(rc.request.body(), kMaxImportRows + 1);
        if (parsed.records.empty() && !parsed.error) {
          errors.push_back({1, "The file is empty: the first line must name the columns."});
          file_error = true;
        }
        std::optional<std::size_t> email_col, due_col;
        if (!parsed.records.empty()) {
          const auto& header = parsed.records.front();
          for (std::size_t i = 0; i < header.fields.size(); ++i) {
            const auto name = ascii_lower(trim_blanks(header.fields[i]));
            if (name == "email")
              email_col = i;
            else if (name == "due_at")
              due_col = i;
            else {
              errors.push_back({header.line, "Unknown column \"" + name +
                                                 "\": use email and, optionally, due_at."});
              file_error = true;
            }
          }
          if (!email_col) {
            errors.push_back({header.line, "The first line must name an \"email\" column."});
            file_error = true;
          }
        }
        if (parsed.error) {
          errors.push_back(*parsed.error);
          file_error = true;
        }
        std::set<std::string> seen;
        if (!file_error) {
          for (std::size_t r = 1; r < parsed.records.size(); ++r) {
            const auto& record = parsed.records[r];
            ++total_rows;
            auto field = [&](std::optional<std::size_t> col) {
              if (!col || *col >= record.fields.size()) return std::string();
              return std::string(trim_blanks(record.fields[*col]));
            };
            auto email = ascii_lower(field(email_col));
            auto due = field(due_col);
            if (email.empty() || email.size() > 320 || email.find('@') == std::string::npos) {
              errors.push_back({record.line, "\"email\" must be an email address."});
            } else if (!due.empty() && !is_rfc3339(due)) {
              errors.push_back({record.line,
                                "\"due_at\" must be an RFC 3339 date-time such as "
                                "2026-05-01T17:00:00Z."});
            } else if (!seen.insert(email).second) {
              errors.push_back({record.line, email + " appears earlier in the file."});
            } else {
              rows.push_back({record.line, std::move(email), std::move(due)});
            }
          }
        }
        // Addresses without an (enabled) account.
        std::map<std::string, std::string> id_of;
        if (!rows.empty()) {
          std::vector<std::string> emails;
          for (const auto& row : rows)
            emails.push_back(row.email);
          auto found = co_await ctx.db.query(kUsersByEmail, db::text_array(emails));
          for (int r = 0; r < found.rows(); ++r) {
            if (found.text(r, 2) != "disabled") {
              id_of.emplace(std::string(found.text(r, 0)), std::string(found.text(r, 1)));
            }
          }
          std::vector<Row> known;
          for (auto& row : rows) {
            if (id_of.contains(row.email)) {
              known.push_back(std::move(row));
            } else {
              errors.push_back({row.line, "No active account has the address " + row.email + "."});
            }
          }
          rows = std::move(known);
        }
        std::stable_sort(errors.begin(), errors.end(),
                         [](const auto& a, const auto& b) { return a.line < b.line; });

        const std::size_t valid = rows.size();
        const bool importable = !file_error && (mode == "valid_rows" || errors.empty());
        EnrolManyResult result;
        bool bad_date = false;
        if (importable && !dry_run && !rows.empty()) {
          std::vector<std::string> user_ids, due_ats, sources;
          for (const auto& row : rows) {
            user_ids.push_back(id_of.at(row.email));
            due_ats.push_back(row.due_at);
            sources.push_back("import");
          }
          try {
            auto tx = co_await ctx.db.begin();
            result = co_await enrol_many(tx, course_id, rc.principal->user_id,
                                         db::text_array(user_ids), db::text_array(due_ats),
                                         db::text_array(sources), "{}", std::nullopt);
            co_await tx.commit();
          } catch (const db::QueryError& e) {
            if (!bad_value(e)) throw;
            bad_date = true;
          }
        }
        if (bad_date) {
          throw Error(Errc::validation_failed,
                      "A \"due_at\" in the file is not a valid date; nothing was imported.");
        }
        boost::json::array error_list;
        for (const auto& e : errors)
          error_list.push_back({{"line", e.line}, {"message", e.message}});
        boost::json::object report{{"dry_run", dry_run},
                                   {"mode", mode},
                                   {"total_rows", total_rows},
                                   {"valid_rows", valid},
                                   {"enrolled", result.enrolled},
                                   {"already_enrolled", result.already_enrolled},
                                   {"errors", std::move(error_list)}};
        if (dry_run) report["would_enrol"] = importable ? valid : 0;
        co_return http::json_response(http::Status::ok, report);
      },
      {.body_limit = 2 * 1024 * 1024});
}

}  // namespace sn::learning
