// An instructor's media library: the items they uploaded with their state (a video's transcoding
// progress, or why it failed), retrying a failed video, deleting what no lesson uses, and the
// captions of a video (WebVTT per language, subtitle renditions of its master playlist).

#include <boost/json/parse.hpp>

#include "core/error.hpp"
#include "core/log.hpp"
#include "courses/course_access.hpp"
#include "http/inputs.hpp"
#include "jobs/job_queue.hpp"
#include "media/media_routes.hpp"
#include "media/object_response.hpp"
#include "media/playback.hpp"
#include "media/playlist_store.hpp"
#include "media/playlists.hpp"
#include "media/webvtt.hpp"

namespace sn::media {
namespace {

namespace asio = boost::asio;
using http::RequestContext;
using http::Response;

#define SN_MEDIA_COLUMNS                                                                          \
  "m.id, m.owner_id, m.kind, m.status, m.file_name, m.content_type, m.size_bytes, m.sha256, "     \
  "m.duration_ms, m.width, m.height, m.progress, m.failure, m.hls::text AS hls, m.object_key, "   \
  "to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS created_at, " \
  "(SELECT coalesce(json_agg(json_build_object('language', c.language, 'label', c.label) "        \
  "  ORDER BY c.created_at, c.language), '[]') FROM media_captions c "                            \
  "  WHERE c.media_id = m.id)::text AS captions "

// Newest first by (created_at, id): the owner index serves every page.
constexpr db::Query kListMine{
    "media.list_mine",
    "SELECT " SN_MEDIA_COLUMNS
    ", m.created_at::text || '|' || m.id AS sort_key "
    "FROM media m WHERE m.owner_id = $1 AND ($3::text IS NULL OR m.kind = $3) "
    "AND ($4::timestamptz IS NULL OR (m.created_at, m.id) < ($4::timestamptz, $5::uuid)) "
    "ORDER BY m.created_at DESC, m.id DESC LIMIT $2"};
constexpr db::Query kGet{"media.get", "SELECT " SN_MEDIA_COLUMNS " FROM media m WHERE m.id = $1"};
constexpr db::Query kLockItem{"media.lock",
                              "SELECT owner_id, kind, status, hls::text AS hls, duration_ms "
                              "FROM media WHERE id = $1 FOR UPDATE"};
constexpr db::Query kRetry{
    "media.retry",
    "UPDATE media SET status = 'processing', progress = 0, failure = NULL, updated_at = now() "
    "WHERE id = $1"};
constexpr db::Query kUsedBy{"media.used_by",
                            "SELECT l.id, l.title, c.title AS course_title FROM lessons l "
                            "JOIN courses c ON c.id = l.course_id WHERE l.media_id = $1 LIMIT 5"};
constexpr db::Query kCancelJobs{
    "media.cancel_jobs",
    "UPDATE jobs SET status = 'failed', last_error = 'the media item was deleted', "
    "  updated_at = now() WHERE payload ->> 'subject' = $1 AND status = 'queued'"};
constexpr db::Query kDelete{"media.delete", "DELETE FROM media WHERE id = $1"};
constexpr db::Query kUpsertCaption{
    "media.upsert_caption",
    "INSERT INTO media_captions (media_id, language, label, object_key, cue_count) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (media_id, language) DO UPDATE "
    "SET label = EXCLUDED.label, object_key = EXCLUDED.object_key, cue_count = EXCLUDED.cue_count"};
constexpr db::Query kDeleteCaption{
    "media.delete_caption",
    "DELETE FROM media_captions WHERE media_id = $1 AND language = $2 RETURNING object_key"};

boost::json::value nullable_integer(const db::Result& r, int row, std::string_view column) {
  return r.is_null(row, r.column(column)) ? boost::json::value(nullptr)
                                          : boost::json::value(r.integer(row, column));
}

boost::json::object item_json(const db::Result& r, int row) {
  boost::json::object item{{"id", r.text(row, "id")},
                           {"kind", r.text(row, "kind")},
                           {"status", r.text(row, "status")},
                           {"file_name", r.text(row, "file_name")},
                           {"content_type", r.text(row, "content_type")},
                           {"size_bytes", r.integer(row, "size_bytes")},
                           {"sha256", r.text(row, "sha256")},
                           {"duration_ms", nullable_integer(r, row, "duration_ms")},
                           {"width", nullable_integer(r, row, "width")},
                           {"height", nullable_integer(r, row, "height")},
                           {"progress", std::stod(std::string(r.text(row, "progress")))},
                           {"created_at", r.text(row, "created_at")},
                           {"captions", boost::json::parse(r.text(row, "captions"))}};
  item["failure"] = r.is_null(row, r.column("failure"))
                        ? boost::json::value(nullptr)
                        : boost::json::value(r.text(row, "failure"));
  return item;
}

// The item with, for a ready video, signed URLs to preview it.
boost::json::object item_with_preview(const MediaContext& media, const db::Result& r, int row) {
  auto item = item_json(r, row);
  if (r.text(row, "kind") == "video" && r.text(row, "status") == "ready") {
    item["playback"] = playback_urls(media.signer, r.text(row, "id"),
                                     boost::json::parse(r.text(row, "hls")).as_object(),
                                     item["captions"].as_array(), media.link_ttl);
  }
  return item;
}

// The item, when the caller owns it or is an admin; 404 otherwise (ids of other people's media
// are nobody's business).
std::string media_id_param(const RequestContext& rc) {
  const auto id = std::string(rc.param("id"));
  if (!http::is_uuid(id)) throw Error(Errc::not_found, "There is no such media item.");
  return id;
}

void require_owner(const RequestContext& rc, const db::Result& r) {
  if (r.empty() ||
      (!courses::is_admin(rc) && r.optional_text(0, "owner_id") != rc.principal->user_id)) {
    throw Error(Errc::not_found, "There is no such media item.");
  }
}

}  // namespace

void register_library_routes(http::Router& router, MediaContext& media) {
  const auto instructor = http::Access::role(http::Role::instructor);

  router.get(
      "/api/v1/media", instructor, [&media](RequestContext& rc) -> asio::awaitable<Response> {
        const auto params = http::query_params(rc.request);
        const int limit = http::page_limit(params);
        const auto kind = http::param(params, "kind");
        if (kind && *kind != "video" && *kind != "image" && *kind != "attachment") {
          throw Error(Errc::validation_failed, "\"kind\" must be video, image or attachment.");
        }
        std::optional<std::string> after_time, after_id;
        if (auto cursor = http::param(params, "cursor")) {
          auto parts = http::decode_cursor(*cursor, 1);
          const auto bar = parts[0].find('|');
          if (bar == std::string::npos || !http::is_uuid(parts[0].substr(bar + 1))) {
            throw Error(Errc::validation_failed, "\"cursor\" is not valid.");
          }
          after_time = parts[0].substr(0, bar);
          after_id = parts[0].substr(bar + 1);
        }
        auto rows = co_await media.db.query(kListMine, rc.principal->user_id, limit + 1, kind,
                                            after_time, after_id);
        co_return http::json_response(
            http::Status::ok,
            http::keyset_page(rows, limit, "items",
                              [](const db::Result& r, int row) -> boost::json::value {
                                return item_json(r, row);
                              },
                              {"sort_key"}));
      });

  router.get("/api/v1/media/{id}", instructor,
             [&media](RequestContext& rc) -> asio::awaitable<Response> {
               auto rows = co_await media.db.query(kGet, media_id_param(rc));
               require_owner(rc, rows);
               co_return http::json_response(http::Status::ok, item_with_preview(media, rows, 0));
             });

  // The owner's copy of an image or attachment, as a download.
  router.get("/api/v1/media/{id}/file", instructor,
             [&media](RequestContext& rc) -> asio::awaitable<Response> {
               auto rows = co_await media.db.query(kGet, media_id_param(rc));
               require_owner(rc, rows);
               if (rows.text(0, "kind") == "video" || rows.is_null(0, rows.column("object_key"))) {
                 throw Error(Errc::not_found, "Videos are watched, not downloaded.");
               }
               std::string key(rows.text(0, "object_key"));
               std::string type(rows.text(0, "content_type"));
               std::string name(rows.text(0, "file_name"));
               co_return co_await download_response(rc, media.store, storage::Bucket::assets,
                                                    std::move(key), std::move(type),
                                                    std::move(name));
             });

  // A video whose transcoding failed, queued again from the first attempt.
  router.post("/api/v1/media/{id}/retry", instructor,
              [&media](RequestContext& rc) -> asio::awaitable<Response> {
                const auto id = media_id_param(rc);
                auto tx = co_await media.db.begin();
                auto locked = co_await tx.execute(kLockItem, id);
                require_owner(rc, locked);
                if (locked.text(0, "kind") != "video" || locked.text(0, "status") != "failed") {
                  throw Error(Errc::conflict, "Only a video whose processing failed is retried.");
                }
                co_await tx.execute(kRetry, id);
                co_await jobs::enqueue(tx, kTranscodeJob, id);
                co_await tx.commit();
                auto rows = co_await media.db.query(kGet, id);
                co_return http::json_response(http::Status::ok, item_json(rows, 0));
              });

  router.add(http::Verb::delete_, "/api/v1/media/{id}", instructor,
             [&media](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = media_id_param(rc);
               auto tx = co_await media.db.begin();
               auto locked = co_await tx.execute(kLockItem, id);
               require_owner(rc, locked);
               auto used = co_await tx.execute(kUsedBy, id);
               if (!used.empty()) {
                 throw Error(Errc::conflict, "Lesson \"" + std::string(used.text(0, "title")) +
                                                 "\" in \"" +
                                                 std::string(used.text(0, "course_title")) +
                                                 "\" uses this; choose another for it first.");
               }
               co_await tx.execute(kCancelJobs, id);
               co_await tx.execute(kDelete, id);
               co_await tx.commit();
               // The row is gone first: a crash now leaves unreferenced bytes, never a row
               // pointing at nothing.
               co_await media.store.remove_prefix(storage::Bucket::videos, id);
               co_await media.store.remove_prefix(storage::Bucket::uploads, id);
               co_await media.store.remove_prefix(storage::Bucket::assets, id);
               log::info("media deleted", {{"media", id}});
               co_return Response{http::Status::no_content, 11};
             });

  // Captions: the WebVTT file as the body; ?label= names it in the player's menu.
  router.add(http::Verb::put, "/api/v1/media/{id}/captions/{language}", instructor,
             [&media](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = media_id_param(rc);
               const auto language = normalize_language_tag(rc.param("language"));
               if (!language) {
                 throw Error(Errc::validation_failed,
                             "The language must be a tag such as en, pt-BR or zh-Hant.");
               }
               const auto params = http::query_params(rc.request);
               const auto label = http::param(params, "label").value_or(*language);
               if (label.size() > 100)
                 throw Error(Errc::validation_failed, "\"label\" is too long.");
               const auto limit = media.limits.max_bytes.at("caption");
               const auto checked = validate_webvtt(rc.request.body(), {.max_bytes = limit});
               if (!checked.ok) throw Error(Errc::upload_rejected, checked.error);

               auto tx = co_await media.db.begin();
               auto locked = co_await tx.execute(kLockItem, id);
               require_owner(rc, locked);
               if (locked.text(0, "kind") != "video") {
                 throw Error(Errc::conflict, "Captions belong to videos.");
               }
               const auto hls = boost::json::parse(locked.text(0, "hls")).as_object();
               const auto* pts = hls.if_contains("start_pts");
               const auto key = id + "/captions/" + caption_file_name(*language);
               const auto start_pts = pts ? pts->to_number<std::int64_t>() : kDefaultStartPts;
               auto vtt = storage::read_string(hls_webvtt(checked.normalized, start_pts));
               co_await media.store.put(storage::Bucket::videos, key, std::move(vtt), "text/vtt",
                                        std::nullopt);
               co_await tx.execute(kUpsertCaption, id, *language, label, key, checked.cue_count);
               co_await tx.commit();
               if (locked.text(0, "status") == "ready") {
                 auto variants = variants_of(hls);
                 co_await publish_playlists(media.db, media.store, id, std::move(variants),
                                            locked.integer(0, "duration_ms"));
               }
               auto rows = co_await media.db.query(kGet, id);
               co_return http::json_response(http::Status::ok, item_with_preview(media, rows, 0));
             },
             {.body_limit = static_cast<std::size_t>(media.limits.max_bytes.at("caption"))});

  router.add(http::Verb::delete_, "/api/v1/media/{id}/captions/{language}", instructor,
             [&media](RequestContext& rc) -> asio::awaitable<Response> {
               const auto id = media_id_param(rc);
               const auto language = normalize_language_tag(rc.param("language"));
               if (!language) throw Error(Errc::not_found, "There are no such captions.");
               auto tx = co_await media.db.begin();
               auto locked = co_await tx.execute(kLockItem, id);
               require_owner(rc, locked);
               auto deleted = co_await tx.execute(kDeleteCaption, id, *language);
               if (deleted.empty()) throw Error(Errc::not_found, "There are no such captions.");
               co_await tx.commit();
               if (locked.text(0, "status") == "ready") {
                 auto variants = variants_of(boost::json::parse(locked.text(0, "hls")).as_object());
                 co_await publish_playlists(media.db, media.store, id, std::move(variants),
                                            locked.integer(0, "duration_ms"));
               }
               co_await media.store.remove(storage::Bucket::videos,
                                           std::string(deleted.text(0, "object_key")));
               co_return Response{http::Status::no_content, 11};
             });
}

}  // namespace sn::media
