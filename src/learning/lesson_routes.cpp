// Taking a course: the learner's outline (statuses, locks, resume point), opening a lesson,
// video heartbeats and completing articles and files.

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>

#include "core/error.hpp"
#include "courses/course_access.hpp"
#include "db/invalidated_cache.hpp"
#include "http/inputs.hpp"
#include "learning/completion.hpp"
#include "learning/events.hpp"
#include "learning/progress_rules.hpp"
#include "learning/route_parts.hpp"
#include "learning/section_lock.hpp"
#include "media/object_response.hpp"
#include "media/playback.hpp"

namespace sn::learning {
namespace asio = boost::asio;
using http::Access;
using http::RequestContext;
using http::Response;

namespace {

// One lesson as the caller sees it: the course, their enrolment, whether the lesson's section is
// locked for them (its previous section still has a required lesson to complete) and their
// progress. Index lookups only: lessons' primary key, the previous section by
// (course_id, position), its lessons by (section_id, position), progress by its primary key.
#define SN_LESSON_CONTEXT_SELECT(extra) \
  "SELECT l.id, l.course_id, l.section_id, l.title, l.kind, l.required, l.media_id, "           \
  "l.duration_seconds, l.file_name, l.file_size, " extra                                        \
  "c.title AS course_title, c.status AS course_status, s.title AS section_title, "              \
  "e.status AS enrolment_status, coalesce(e.progress_percent, 0) AS progress_percent, "         \
  "EXISTS (SELECT 1 FROM course_owners o WHERE o.course_id = l.course_id "                      \
  "  AND o.user_id = $2::uuid) AS owner, "                                                      \
  SN_SECTION_LOCKED_SQL("l", "s", "$2::uuid") " AS locked, "                                    \
  "p.status AS progress_status, coalesce(p.position_ms, 0) AS position_ms, "                    \
  "coalesce(p.watched_ms, 0) AS watched_ms, "                                                   \
  "(extract(epoch FROM now() - p.updated_at) * 1000)::int8 AS since_update_ms "                 \
  "FROM lessons l JOIN courses c ON c.id = l.course_id "                                        \
  "JOIN course_sections s ON s.id = l.section_id "                                              \
  "LEFT JOIN enrolments e ON e.user_id = $2::uuid AND e.course_id = l.course_id "               \
  "LEFT JOIN lesson_progress p ON p.user_id = $2::uuid AND p.course_id = l.course_id "          \
  "AND p.lesson_id = l.id WHERE l.id = $1::uuid"

// The lesson page also says what the player needs: the video's state and, once it is ready, its
// ladder and captions (one primary-key lookup, only for video lessons).
constexpr db::Query kLessonView{
    "learning.lesson_view",
    SN_LESSON_CONTEXT_SELECT(
        "l.body_html, (SELECT json_build_object('status', m.status, 'hls', m.hls, 'captions', "
        "(SELECT coalesce(json_agg(json_build_object('language', c.language, 'label', c.label) "
        "ORDER BY c.created_at, c.language), '[]') FROM media_captions c "
        "WHERE c.media_id = m.id)) FROM media m WHERE m.id = l.media_id AND l.kind = "
        "'video')::text "
        "AS media, ")};
// A file lesson's download: the lesson as the caller sees it, and its attachment.
constexpr db::Query kLessonFileView{"learning.lesson_file_view",
                                    SN_LESSON_CONTEXT_SELECT("l.file_key, ")};
constexpr db::Query kLessonAttachment{
    "learning.lesson_attachment",
    "SELECT object_key, content_type, file_name FROM media WHERE id = $1::uuid "
    "AND kind IN ('attachment', 'image') AND status = 'ready' AND object_key IS NOT NULL"};
// The heartbeat's and completion's read: the same without the article body.
constexpr db::Query kLessonContext{"learning.lesson_context", SN_LESSON_CONTEXT_SELECT("")};

constexpr db::Query kNeighbours{
    "learning.lesson_neighbours",
    "SELECT previous_id, next_id FROM (SELECT l.id, lag(l.id) OVER w AS previous_id, "
    "lead(l.id) OVER w AS next_id FROM lessons l JOIN course_sections s ON s.id = l.section_id "
    "WHERE l.course_id = $2::uuid WINDOW w AS (ORDER BY s.position, l.position)) x "
    "WHERE id = $1::uuid"};

// Opening a lesson, as one statement: progress starts (in_progress) unless it exists, the
// enrolment remembers it for "continue", and the launch is recorded.
constexpr db::Query kLaunch{
    "learning.launch",
    "WITH progress AS (INSERT INTO lesson_progress (user_id, course_id, lesson_id) "
    "  VALUES ($1::uuid, $2::uuid, $3::uuid) ON CONFLICT DO NOTHING), "
    "enrolment AS (UPDATE enrolments SET last_lesson_id = $3::uuid, last_activity_at = now() "
    "  WHERE user_id = $1::uuid AND course_id = $2::uuid) "
    "INSERT INTO learning_events (actor_id, verb, object_type, object_id, course_id, context) "
    "VALUES ($1::uuid, 'launched', 'lesson', $3::uuid, $2::uuid, "
    "jsonb_build_object('kind', $4::text))"};

// A heartbeat's write: the counted span joins the union of watched spans (union is idempotent
// and order-free, so a duplicate or late beat adds nothing), watched_ms is recounted from the
// union, and the resume position is stored unless the beat is older than the one that stored it
// (same playback, lower sequence: see 0012_heartbeat_order.sql). Empty span ($4 = $5): position
// only. `source` is the VALUES or SELECT that supplies the row (SN_BEAT_ROW).
#define SN_BEAT_IS_NEWER                                                                 \
  "(EXCLUDED.position_playback IS NULL OR p.position_playback IS NULL "                  \
  "OR p.position_playback <> EXCLUDED.position_playback OR p.position_sequence IS NULL " \
  "OR EXCLUDED.position_sequence > p.position_sequence)"
#define SN_BEAT_UPSERT(source)                                                             \
  "INSERT INTO lesson_progress AS p (user_id, course_id, lesson_id, watched, watched_ms, " \
  "position_ms, position_playback, position_sequence) " source                             \
  " ON CONFLICT (user_id, course_id, lesson_id) DO UPDATE SET "                            \
  "watched = p.watched + EXCLUDED.watched, "                                               \
  "watched_ms = (SELECT coalesce(sum(upper(r) - lower(r)), 0) "                            \
  "  FROM unnest(p.watched + EXCLUDED.watched) AS r), "                                    \
  "position_ms = CASE WHEN " SN_BEAT_IS_NEWER                                              \
  " THEN EXCLUDED.position_ms ELSE p.position_ms END, "                                    \
  "position_playback = CASE WHEN " SN_BEAT_IS_NEWER                                        \
  " THEN EXCLUDED.position_playback ELSE p.position_playback END, "                        \
  "position_sequence = CASE WHEN " SN_BEAT_IS_NEWER                                        \
  " THEN EXCLUDED.position_sequence ELSE p.position_sequence END, "                        \
  "updated_at = now() "                                                                    \
  "RETURNING p.watched_ms, p.status, p.position_ms"
// $1 user, $2 course, $3 lesson, $4/$5 the counted span, $6 position, then the playback and
// sequence placeholders given.
#define SN_BEAT_ROW(playback, sequence)                                                \
  "$1::uuid, $2::uuid, $3::uuid, CASE WHEN $4::int8 < $5::int8 "                       \
  "THEN int8multirange(int8range($4::int8, $5::int8)) ELSE '{}'::int8multirange END, " \
  "greatest($5::int8 - $4::int8, 0), $6::int8, " playback "::uuid, " sequence "::int8"

constexpr db::Query kBeat{"learning.heartbeat",
                          SN_BEAT_UPSERT("VALUES (" SN_BEAT_ROW("$7", "$8") ")")};

// The common heartbeat as one statement: the access rules of check_lesson_access for an
// enrolled learner (enrolled, section not locked), the video's length as the caller assumed it
// ($8), and the guarantee that this beat cannot complete the lesson ($7: the milliseconds that
// would) are checked in the same statement that writes. No row back: nothing was written, and
// the caller takes the full path (which says why, or completes the lesson in a transaction).
constexpr db::Query kQuickBeat{
    "learning.heartbeat_quick",
    "WITH ctx AS (SELECT coalesce(p.watched_ms, 0) AS watched_before, p.status, "
    SN_SECTION_LOCKED_SQL("l", "s", "$1::uuid") " AS locked "
    "FROM lessons l JOIN course_sections s ON s.id = l.section_id "
    "JOIN enrolments e ON e.user_id = $1::uuid AND e.course_id = l.course_id "
    "AND e.status <> 'withdrawn' "
    "LEFT JOIN lesson_progress p ON p.user_id = $1::uuid AND p.course_id = l.course_id "
    "AND p.lesson_id = l.id "
    "WHERE l.id = $3::uuid AND l.course_id = $2::uuid AND l.kind = 'video' "
    "AND l.duration_seconds::int8 * 1000 = $8::int8), "
    "beat AS (" SN_BEAT_UPSERT("SELECT " SN_BEAT_ROW("$9", "$10") " FROM ctx WHERE NOT ctx.locked "
    "AND (ctx.status IS NOT DISTINCT FROM 'completed' "
    "OR ctx.watched_before + greatest($5::int8 - $4::int8, 0) < $7::int8)") ") "
    "SELECT ctx.watched_before, beat.watched_ms, beat.status, beat.position_ms "
    "FROM ctx JOIN beat ON true"};

constexpr db::Query kProgressed{
    "learning.progressed_event",
    "INSERT INTO learning_events (actor_id, verb, object_type, object_id, course_id, result) "
    "VALUES ($1::uuid, 'progressed', 'lesson', $3::uuid, $2::uuid, $4::jsonb)"};

constexpr db::Query kTouchEnrolment{
    "learning.touch_enrolment",
    "UPDATE enrolments SET last_lesson_id = $3::uuid, last_activity_at = now() "
    "WHERE user_id = $1::uuid AND course_id = $2::uuid"};

constexpr db::Query kOutlineCourse{
    "learning.outline_course",
    "SELECT c.id, c.slug, c.title, c.status, e.status AS enrolment_status, "
    "coalesce(e.progress_percent, 0) AS progress_percent, "
    "coalesce(e.completed_lessons, 0) AS completed_lessons, "
    "coalesce(e.required_lessons, 0) AS required_lessons, to_json(e.due_at) #>> '{}' AS due_at, "
    "e.last_lesson_id, EXISTS (SELECT 1 FROM course_owners o WHERE o.course_id = c.id "
    "AND o.user_id = $2::uuid) AS owner FROM courses c "
    "LEFT JOIN enrolments e ON e.user_id = $2::uuid AND e.course_id = c.id WHERE c.id = $1::uuid"};

constexpr db::Query kOutlineLessons{
    "learning.outline_lessons",
    "SELECT s.id AS section_id, s.title AS section_title, s.requires_previous, l.id, l.title, "
    "l.kind, l.required, l.duration_seconds, p.status, coalesce(p.position_ms, 0) AS position_ms, "
    "coalesce(p.watched_ms, 0) AS watched_ms, p.best_score::text AS best_score "
    "FROM course_sections s LEFT JOIN lessons l ON l.section_id = s.id "
    "LEFT JOIN lesson_progress p ON p.user_id = $2::uuid AND p.course_id = $1::uuid "
    "AND p.lesson_id = l.id WHERE s.course_id = $1::uuid ORDER BY s.position, l.position"};

constexpr std::int64_t kMaxMs = 100LL * 3600 * 1000;    // a day-long video is already unusual
constexpr std::int64_t kEndToleranceMs = 2000;          // players report a little past the end
constexpr std::int64_t kMaxSequence = (1LL << 53) - 1;  // what a JavaScript number holds exactly

struct Caller {
  bool enrolled = false;
  bool editor = false;
};

// 404 unknown lesson (or a draft course to a non-editor), 403 not_enrolled, 403 lesson_locked.
Caller check_lesson_access(const RequestContext& rc, const db::Result& lesson,
                           bool needs_enrolment) {
  if (lesson.empty()) throw Error(Errc::not_found, "No such lesson.");
  Caller caller;
  const auto enrolment = lesson.optional_text(0, "enrolment_status");
  caller.enrolled = enrolment && *enrolment != "withdrawn";
  caller.editor = courses::is_admin(rc) || lesson.boolean(0, lesson.column("owner"));
  if (!caller.enrolled && !caller.editor) {
    if (lesson.text(0, "course_status") == "draft") throw Error(Errc::not_found, "No such lesson.");
    throw Error(Errc::not_enrolled, "Enrol in the course to open its lessons.");
  }
  if (needs_enrolment && !caller.enrolled) {
    throw Error(Errc::not_enrolled, "Only enrolled learners record progress: enrol first.");
  }
  if (caller.enrolled && !caller.editor && lesson.boolean(0, lesson.column("locked"))) {
    throw Error(Errc::lesson_locked,
                "This lesson's section opens once every required lesson of the previous section "
                "is complete.");
  }
  return caller;
}

std::int64_t integer_field(const boost::json::object& body, std::string_view key, std::int64_t low,
                           std::int64_t high, bool required = true) {
  const auto* value = body.if_contains(key);
  if (!value || value->is_null()) {
    if (required) throw Error(Errc::validation_failed, "\"" + std::string(key) + "\" is required.");
    return -1;
  }
  std::int64_t number = 0;
  if (value->is_int64()) {
    number = value->as_int64();
  } else if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(high)) {
    number = static_cast<std::int64_t>(value->as_uint64());
  } else if (value->is_double() && std::floor(value->as_double()) == value->as_double() &&
             std::abs(value->as_double()) < 1e15) {
    number = static_cast<std::int64_t>(value->as_double());
  } else {
    throw Error(Errc::validation_failed,
                "\"" + std::string(key) + "\" must be a whole number of milliseconds.");
  }
  if (number < low || number > high) {
    throw Error(Errc::validation_failed, "\"" + std::string(key) + "\" must be " +
                                             std::to_string(low) + " to " + std::to_string(high) +
                                             ".");
  }
  return number;
}

boost::json::object outcome_json(const CompletionOutcome& outcome, int progress_percent) {
  return {
      {"lesson_completed", true},
      {"lesson_completed_now", outcome.lesson_completed_now},
      {"course_completed_now", outcome.course_completed_now},
      {"progress_percent", progress_percent},
      {"certificate_code", outcome.certificate_code ? boost::json::value(*outcome.certificate_code)
                                                    : boost::json::value(nullptr)}};
}

boost::json::value nullable(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return boost::json::string(*text);
}

// What the heartbeat needs to know about a video lesson before reading anything per learner;
// cached per instance (lessons' changes reach it as "catalog" invalidations).
struct VideoFacts {
  std::string course_id;
  std::int64_t duration_ms = 0;
};
constexpr std::size_t kCachedVideos = 100000;
constexpr std::chrono::minutes kVideoFactsTtl{10};

// A heartbeat's body, checked against the video's length. since_last_ms is -1 when the player
// did not say; `counted` then assumes no time passed, and the caller recounts it with the
// server's own measure.
struct BeatInput {
  std::int64_t position_ms = 0;
  double playback_rate = 1;
  Span played;
  std::int64_t since_last_ms = -1;
  CountedSpan counted;
  // Which playback the beat belongs to and its number in it: a beat older than the stored one
  // does not move the resume point. Both or neither.
  std::optional<std::string> playback_id;
  std::optional<std::int64_t> sequence;
};

BeatInput beat_input(RequestContext& rc, std::int64_t duration_ms) {
  const auto body = rc.json_body();
  const auto& fields = http::object_body(body);
  BeatInput input;
  input.position_ms =
      std::min(integer_field(fields, "position_ms", 0, duration_ms + kEndToleranceMs), duration_ms);
  const auto* rate_value = fields.if_contains("playback_rate");
  if (!rate_value || !rate_value->is_number()) {
    throw Error(Errc::validation_failed, "\"playback_rate\" must be a number.");
  }
  input.playback_rate = rate_value->to_number<double>();
  if (!(input.playback_rate >= 0.25 && input.playback_rate <= 4)) {
    throw Error(Errc::validation_failed, "\"playback_rate\" must be 0.25 to 4.");
  }
  const auto* played_value = fields.if_contains("played");
  if (!played_value || !played_value->is_object()) {
    throw Error(Errc::validation_failed,
                "\"played\" must be an object with \"from_ms\" and \"to_ms\".");
  }
  const auto& played = played_value->as_object();
  input.played.start_ms = integer_field(played, "from_ms", 0, duration_ms + kEndToleranceMs);
  input.played.end_ms = integer_field(played, "to_ms", 0, duration_ms + kEndToleranceMs);
  if (input.played.end_ms < input.played.start_ms) {
    throw Error(Errc::validation_failed, "\"played.to_ms\" must not be before \"from_ms\".");
  }
  input.since_last_ms = integer_field(fields, "since_last_ms", 0, kMaxMs, false);
  const auto* playback = fields.if_contains("playback_id");
  if (playback && !playback->is_null()) {
    if (!playback->is_string() || !http::is_uuid(playback->as_string())) {
      throw Error(Errc::validation_failed, "\"playback_id\" must be a UUID.");
    }
    input.playback_id = std::string(playback->as_string());
  }
  const auto sequence = integer_field(fields, "sequence", 0, kMaxSequence, false);
  if (sequence >= 0) input.sequence = sequence;
  if (input.playback_id.has_value() != input.sequence.has_value()) {
    throw Error(Errc::validation_failed,
                "\"playback_id\" and \"sequence\" go together: send both or neither.");
  }
  input.counted = counted_span(input.played, duration_ms,
                               std::max<std::int64_t>(0, input.since_last_ms), input.playback_rate);
  return input;
}

// The video's state for the player and, when it is ready, signed URLs for this caller (whose
// right to watch was checked with the lesson).
boost::json::object playback(const LearningContext& ctx, const db::Result& lesson) {
  const auto media = lesson.optional_text(0, "media");
  if (!media) return {{"status", "missing"}};
  const auto facts = boost::json::parse(*media).as_object();
  boost::json::object answer{{"status", facts.at("status")}};
  if (facts.at("status") == "ready" && ctx.media_urls) {
    auto urls = media::playback_urls(*ctx.media_urls, lesson.text(0, "media_id"),
                                     facts.at("hls").as_object(), facts.at("captions").as_array(),
                                     ctx.media_link_ttl);
    for (auto& [key, value] : urls)
      answer[key] = std::move(value);
  }
  return answer;
}

}  // namespace

void register_lesson_routes(http::Router& router, LearningContext& ctx) {
  const auto signed_in = Access::signed_in();

  router.get(
      "/api/v1/learn/courses/{id}", signed_in,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto course_id = courses::course_id_param(rc);
        const auto& user_id = rc.principal->user_id;
        auto course = co_await ctx.db.query(kOutlineCourse, course_id, user_id);
        if (course.empty()) throw Error(Errc::not_found, "No such course.");
        const auto enrolment = course.optional_text(0, "enrolment_status");
        const bool enrolled = enrolment && *enrolment != "withdrawn";
        const bool editor = courses::is_admin(rc) || course.boolean(0, course.column("owner"));
        if (!enrolled && !editor) {
          if (course.text(0, "status") == "draft") throw Error(Errc::not_found, "No such course.");
          throw Error(Errc::not_enrolled, "Enrol in the course to see your progress.");
        }
        auto rows = co_await ctx.db.query(kOutlineLessons, course_id, user_id);

        // Sections in order, with their required lessons counted for the locks.
        std::vector<SectionProgress> progress;
        std::vector<int> section_of_row(rows.rows());
        for (int r = 0; r < rows.rows(); ++r) {
          if (r == 0 || rows.text(r, "section_id") != rows.text(r - 1, "section_id")) {
            progress.push_back({rows.boolean(r, rows.column("requires_previous")), 0, 0});
          }
          section_of_row[r] = static_cast<int>(progress.size()) - 1;
          if (rows.is_null(r, rows.column("id")) || !rows.boolean(r, rows.column("required"))) {
            continue;
          }
          ++progress.back().required_lessons;
          if (rows.optional_text(r, "status") == "completed") ++progress.back().required_completed;
        }
        const auto locks = section_locks(progress);

        const auto last_lesson = course.optional_text(0, "last_lesson_id");
        boost::json::value resume = nullptr;
        boost::json::array sections;
        for (int r = 0; r < rows.rows(); ++r) {
          const int s = section_of_row[r];
          if (r == 0 || section_of_row[r - 1] != s) {
            sections.push_back({{"id", rows.text(r, "section_id")},
                                {"title", rows.text(r, "section_title")},
                                {"requires_previous", progress[s].requires_previous},
                                {"locked", static_cast<bool>(locks[s])},
                                {"lessons", boost::json::array()}});
          }
          if (rows.is_null(r, rows.column("id"))) continue;
          const auto duration_ms = rows.is_null(r, rows.column("duration_seconds"))
                                       ? 0
                                       : rows.integer(r, "duration_seconds") * 1000;
          const auto status = rows.optional_text(r, "status").value_or("not_started");
          boost::json::object lesson{
              {"id", rows.text(r, "id")},
              {"title", rows.text(r, "title")},
              {"kind", rows.text(r, "kind")},
              {"required", rows.boolean(r, rows.column("required"))},
              {"status", status},
              {"locked", static_cast<bool>(locks[s])},
              {"position_ms", rows.integer(r, "position_ms")},
              {"watched_percent", percent_of(rows.integer(r, "watched_ms"), duration_ms)},
              {"best_score", nullable(rows.optional_text(r, "best_score"))}};
          const auto id = rows.text(r, "id");
          if (last_lesson && *last_lesson == id) {
            resume = boost::json::object{{"lesson_id", id},
                                         {"lesson_title", rows.text(r, "title")},
                                         {"position_ms", rows.integer(r, "position_ms")}};
          }
          sections.back().as_object()["lessons"].as_array().push_back(std::move(lesson));
        }
        // Never opened a lesson: start at the first one.
        if (resume.is_null()) {
          for (int r = 0; r < rows.rows(); ++r) {
            if (rows.is_null(r, rows.column("id"))) continue;
            resume = boost::json::object{{"lesson_id", rows.text(r, "id")},
                                         {"lesson_title", rows.text(r, "title")},
                                         {"position_ms", rows.integer(r, "position_ms")}};
            break;
          }
        }
        boost::json::object answer{
            {"course",
             {{"id", course_id},
              {"slug", course.text(0, "slug")},
              {"title", course.text(0, "title")},
              {"status", course.text(0, "status")}}},
            {"enrolment_status", enrolled ? boost::json::value(*enrolment) : nullptr},
            {"editor", editor},
            {"progress_percent", course.integer(0, "progress_percent")},
            {"completed_lessons", course.integer(0, "completed_lessons")},
            {"required_lessons", course.integer(0, "required_lessons")},
            {"due_at", nullable(course.optional_text(0, "due_at"))},
            {"resume", std::move(resume)},
            {"sections", std::move(sections)}};
        co_return http::json_response(http::Status::ok, answer);
      });

  router.get(
      "/api/v1/learn/lessons/{lesson_id}", signed_in,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto lesson_id = uuid_param(rc, "lesson_id", "No such lesson.");
        const auto& user_id = rc.principal->user_id;
        auto lesson = co_await ctx.db.query(kLessonView, lesson_id, user_id);
        const auto caller = check_lesson_access(rc, lesson, false);
        const std::string course_id(lesson.text(0, "course_id"));
        const std::string kind(lesson.text(0, "kind"));
        if (caller.enrolled) co_await ctx.db.query(kLaunch, user_id, course_id, lesson_id, kind);
        auto neighbours = co_await ctx.db.query(kNeighbours, lesson_id, course_id);

        const auto duration_ms = lesson.is_null(0, lesson.column("duration_seconds"))
                                     ? 0
                                     : lesson.integer(0, "duration_seconds") * 1000;
        // A video watched past the threshold whose completing beat was lost (the server
        // stopped between the beat's upsert and its completion) completes on the next visit.
        auto progress_status = lesson.optional_text(0, "progress_status");
        if (caller.enrolled && kind == "video" && progress_status != "completed" &&
            reached_threshold(lesson.integer(0, "watched_ms"), duration_ms, ctx.video_completion)) {
          auto tx = co_await ctx.db.begin();
          std::optional<boost::json::object> result = boost::json::object{
              {"watched_ms", lesson.integer(0, "watched_ms")},
              {"watched_percent", percent_of(lesson.integer(0, "watched_ms"), duration_ms)}};
          co_await complete_lesson(tx, user_id, course_id, lesson_id, std::move(result));
          co_await tx.commit();
          progress_status = "completed";
        }
        const auto status =
            progress_status.value_or(caller.enrolled ? "in_progress" : "not_started");
        boost::json::object answer{
            {"id", lesson_id},
            {"course_id", course_id},
            {"course_title", lesson.text(0, "course_title")},
            {"section_id", lesson.text(0, "section_id")},
            {"section_title", lesson.text(0, "section_title")},
            {"title", lesson.text(0, "title")},
            {"kind", kind},
            {"required", lesson.boolean(0, lesson.column("required"))},
            {"status", status},
            {"enrolled", caller.enrolled},
            {"previous_lesson_id", nullable(neighbours.optional_text(0, "previous_id"))},
            {"next_lesson_id", nullable(neighbours.optional_text(0, "next_id"))}};
        if (kind == "article") {
          answer["body_html"] = lesson.text(0, "body_html");
        } else if (kind == "video") {
          answer["media_id"] = nullable(lesson.optional_text(0, "media_id"));
          answer["playback"] = playback(ctx, lesson);
          answer["duration_seconds"] =
              duration_ms ? boost::json::value(duration_ms / 1000) : boost::json::value(nullptr);
          answer["position_ms"] = lesson.integer(0, "position_ms");
          answer["watched_ms"] = lesson.integer(0, "watched_ms");
          answer["watched_percent"] = percent_of(lesson.integer(0, "watched_ms"), duration_ms);
        } else if (kind == "file") {
          answer["file_name"] = nullable(lesson.optional_text(0, "file_name"));
          answer["file_size"] = lesson.is_null(0, lesson.column("file_size"))
                                    ? boost::json::value(nullptr)
                                    : boost::json::value(lesson.integer(0, "file_size"));
        } else if (kind == "quiz") {
          answer["quiz_lesson_id"] = lesson_id;  // the quizzes routes serve the quiz itself
        }
        co_return http::json_response(http::Status::ok, answer);
      });

  // A file lesson's attachment, for whoever may open the lesson: a download, never rendered.
  router.get(
      "/api/v1/learn/lessons/{lesson_id}/file", signed_in,
      [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
        const auto lesson_id = uuid_param(rc, "lesson_id", "No such lesson.");
        auto lesson = co_await ctx.db.query(kLessonFileView, lesson_id, rc.principal->user_id);
        check_lesson_access(rc, lesson, false);
        const auto key = lesson.optional_text(0, "file_key");
        if (lesson.text(0, "kind") != "file" || !key || !http::is_uuid(*key) || !ctx.store) {
          throw Error(Errc::not_found, "This lesson has no file.");
        }
        auto file = co_await ctx.db.query(kLessonAttachment, *key);
        if (file.empty()) throw Error(Errc::not_found, "This lesson's file is missing.");
        const auto name =
            lesson.optional_text(0, "file_name").value_or(std::string(file.text(0, "file_name")));
        std::string object_key(file.text(0, "object_key"));
        std::string type(file.text(0, "content_type"));
        co_return co_await media::download_response(rc, *ctx.store, storage::Bucket::assets,
                                                    std::move(object_key), std::move(type), name);
      });

  // The video player's heartbeat. Common case: one statement (kQuickBeat) for a video whose
  // facts this instance knows, from a player that says how long it played. Otherwise the full
  // path: the context read (which answers 404/403/422 in the documented order), then the write;
  // a beat that may reach the completion threshold runs in a transaction so the progress and
  // the completion commit together.
  auto videos = ctx.invalidations
                    ? std::make_shared<db::InvalidatedCache<VideoFacts>>(
                          *ctx.invalidations, "videos", "catalog", kCachedVideos, kVideoFactsTtl)
                    : nullptr;
  router.post(
      "/api/v1/learn/lessons/{lesson_id}/heartbeat", signed_in,
      [&ctx, videos](RequestContext& rc) -> asio::awaitable<Response> {
        const auto lesson_id = uuid_param(rc, "lesson_id", "No such lesson.");
        const auto& user_id = rc.principal->user_id;
        std::optional<VideoFacts> video;
        std::optional<BeatInput> input;
        std::optional<db::Result> quick;
        if (videos) video = videos->get(lesson_id);
        if (video) {
          try {
            input = beat_input(rc, video->duration_ms);
          } catch (const Error&) {
            // Whether the caller may even ask comes first: the full path says which it is.
          }
        }
        if (input && input->since_last_ms >= 0) {
          quick = co_await ctx.db.query(kQuickBeat, user_id, video->course_id, lesson_id,
                                        input->counted.span.start_ms, input->counted.span.end_ms,
                                        input->position_ms,
                                        completing_ms(video->duration_ms, ctx.video_completion),
                                        video->duration_ms, input->playback_id, input->sequence);
          if (quick->empty()) quick.reset();
        }

        std::int64_t watched_before = 0;
        std::int64_t watched_after = 0;
        std::int64_t position_after = 0;  // the stored resume point (a late beat keeps it)
        bool completed = false;
        std::optional<CompletionOutcome> outcome;
        if (quick) {
          watched_before = quick->integer(0, "watched_before");
          watched_after = quick->integer(0, "watched_ms");
          position_after = quick->integer(0, "position_ms");
          completed = quick->text(0, "status") == "completed";
        } else {
          const auto ticket =
              videos ? videos->ticket() : db::InvalidatedCache<VideoFacts>::Ticket{};
          auto lesson = co_await ctx.db.query(kLessonContext, lesson_id, user_id);
          check_lesson_access(rc, lesson, true);
          if (lesson.text(0, "kind") != "video") {
            throw Error(Errc::validation_failed, "Heartbeats are for video lessons only.");
          }
          if (lesson.is_null(0, lesson.column("duration_seconds"))) {
            throw Error(Errc::conflict,
                        "This video is not ready yet (its length is unknown): try again later.");
          }
          video = VideoFacts{std::string(lesson.text(0, "course_id")),
                             lesson.integer(0, "duration_seconds") * 1000};
          if (videos) videos->put(lesson_id, *video, ticket);
          input = beat_input(rc, video->duration_ms);
          // Without the client's measure, the server's: time since this progress row last
          // changed.
          if (input->since_last_ms < 0) {
            const auto since_update = lesson.is_null(0, lesson.column("since_update_ms"))
                                          ? 0
                                          : lesson.integer(0, "since_update_ms");
            input->counted =
                counted_span(input->played, video->duration_ms, since_update, input->playback_rate);
          }
          watched_before = lesson.integer(0, "watched_ms");
          completed = lesson.optional_text(0, "progress_status") == "completed";
          const auto span_ms = input->counted.span.end_ms - input->counted.span.start_ms;
          const bool may_complete =
              !completed &&
              reached_threshold(watched_before + span_ms, video->duration_ms, ctx.video_completion);
          if (!may_complete) {
            auto beat =
                co_await ctx.db.query(kBeat, user_id, video->course_id, lesson_id,
                                      input->counted.span.start_ms, input->counted.span.end_ms,
                                      input->position_ms, input->playback_id, input->sequence);
            watched_after = beat.integer(0, "watched_ms");
            position_after = beat.integer(0, "position_ms");
            completed = completed || beat.text(0, "status") == "completed";
          } else {
            auto tx = co_await ctx.db.begin();
            auto beat =
                co_await tx.execute(kBeat, user_id, video->course_id, lesson_id,
                                    input->counted.span.start_ms, input->counted.span.end_ms,
                                    input->position_ms, input->playback_id, input->sequence);
            watched_after = beat.integer(0, "watched_ms");
            position_after = beat.integer(0, "position_ms");
            completed = beat.text(0, "status") == "completed";
            if (!completed &&
                reached_threshold(watched_after, video->duration_ms, ctx.video_completion)) {
              std::optional<boost::json::object> result = boost::json::object{
                  {"watched_ms", watched_after},
                  {"watched_percent", percent_of(watched_after, video->duration_ms)}};
              auto done = co_await complete_lesson(tx, user_id, video->course_id, lesson_id,
                                                   std::move(result));
              outcome = std::move(done);
              co_await tx.execute(kTouchEnrolment, user_id, video->course_id, lesson_id);
              completed = true;
            }
            co_await tx.commit();
          }
        }
        const auto duration_ms = video->duration_ms;
        if (!outcome) {
          // Concurrent beats can cross the threshold together without either predicting it.
          if (!completed && reached_threshold(watched_after, duration_ms, ctx.video_completion)) {
            auto tx = co_await ctx.db.begin();
            std::optional<boost::json::object> result =
                boost::json::object{{"watched_ms", watched_after},
                                    {"watched_percent", percent_of(watched_after, duration_ms)}};
            auto done = co_await complete_lesson(tx, user_id, video->course_id, lesson_id,
                                                 std::move(result));
            outcome = std::move(done);
            co_await tx.commit();
            completed = true;
          } else if (auto quarter = quarter_crossed(watched_before, watched_after, duration_ms)) {
            const auto result = boost::json::serialize(
                boost::json::object{{"watched_ms", watched_after},
                                    {"watched_percent", percent_of(watched_after, duration_ms)},
                                    {"progress", *quarter * 25}});
            co_await ctx.db.query(kProgressed, user_id, video->course_id, lesson_id, result);
          }
        }
        boost::json::object answer{{"position_ms", position_after},
                                   {"watched_ms", watched_after},
                                   {"watched_percent", percent_of(watched_after, duration_ms)},
                                   {"completed", completed},
                                   {"span_counted", input->counted.plausible}};
        if (!input->counted.plausible) {
          answer["note"] =
              "The played span is longer than the time since the last heartbeat allows, so it "
              "did not count as watched; the position was saved.";
        }
        if (outcome) {
          answer["course_completed_now"] = outcome->course_completed_now;
          answer["progress_percent"] = outcome->progress_percent;
          answer["certificate_code"] = outcome->certificate_code
                                           ? boost::json::value(*outcome->certificate_code)
                                           : boost::json::value(nullptr);
        }
        co_return http::json_response(http::Status::ok, answer);
      },
      {.body_limit = 4 * 1024});

  // Articles (read to the end, or marked) and files complete here; videos complete by watching
  // and quizzes by passing, so they are refused. Idempotent.
  router.post("/api/v1/learn/lessons/{lesson_id}/complete", signed_in,
              [&ctx](RequestContext& rc) -> asio::awaitable<Response> {
                const auto lesson_id = uuid_param(rc, "lesson_id", "No such lesson.");
                const auto& user_id = rc.principal->user_id;
                auto lesson = co_await ctx.db.query(kLessonContext, lesson_id, user_id);
                check_lesson_access(rc, lesson, true);
                const auto kind = lesson.text(0, "kind");
                if (kind != "article" && kind != "file") {
                  throw Error(Errc::validation_failed,
                              kind == "video" ? "A video lesson completes by watching it."
                                              : "A quiz lesson completes by passing the quiz.");
                }
                const std::string course_id(lesson.text(0, "course_id"));
                auto tx = co_await ctx.db.begin();
                std::optional<boost::json::object> no_result;
                auto outcome = co_await complete_lesson(tx, user_id, course_id, lesson_id,
                                                        std::move(no_result));
                co_await tx.execute(kTouchEnrolment, user_id, course_id, lesson_id);
                co_await tx.commit();
                const int progress = outcome.lesson_completed_now
                                         ? outcome.progress_percent
                                         : static_cast<int>(lesson.integer(0, "progress_percent"));
                co_return http::json_response(http::Status::ok, outcome_json(outcome, progress));
              },
              {.body_limit = 1024});
}

}  // namespace sn::learning
