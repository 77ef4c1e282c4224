// Resumable uploads with the tus 1.0 protocol (core, creation, termination, checksum) at
// /api/v1/uploads. The length is declared at creation, so size limits and the owner's quota are
// checked before any byte is stored. Bytes stream to the upload's staging as they arrive (a file
// on disk with the local store; S3 parts recorded in PostgreSQL with S3, so that any instance can
// take the next chunk: upload_staging.hpp); a cut connection keeps what arrived and the client
// resumes from HEAD's Upload-Offset. The last chunk triggers the content check: an accepted file
// becomes a media item (a video is queued for transcoding in the same transaction); a rejected
// one is deleted and never becomes visible.

#include <sodium.h>

#include <charconv>

#include "core/blocking.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "http/inputs.hpp"
#include "jobs/job_queue.hpp"
#include "media/content_check.hpp"
#include "media/media_routes.hpp"
#include "ops/housekeeping.hpp"

namespace sn::media {
namespace {

namespace asio = boost::asio;
using http::beast_http::field;

constexpr std::string_view kTusVersion = "1.0.0";
constexpr std::string_view kUploadsPath = "/api/v1/uploads/";

// Creation checks and takes the quota under the owner's row lock, so two uploads started at once
// cannot both fit into the last free bytes.
constexpr db::Query kLockOwner{"media.lock_owner", "SELECT 1 FROM users WHERE id = $1 FOR UPDATE"};
constexpr db::Query kQuotaInUse{
    "media.quota_in_use",
    "SELECT (SELECT coalesce(sum(size_bytes), 0) FROM media WHERE owner_id = $1) + "
    "  (SELECT coalesce(sum(declared_length), 0) FROM uploads "
    "   WHERE user_id = $1 AND media_id IS NULL AND rejection IS NULL AND expires_at > now())"};
constexpr db::Query kCreateUpload{
    "media.create_upload",
    "INSERT INTO uploads (user_id, kind, file_name, declared_length, expires_at) "
    "VALUES ($1, $2, $3, $4, now() + interval '24 hours') RETURNING id"};
constexpr db::Query kFindUpload{"media.find_upload",
                                "SELECT id, kind, file_name, declared_length, media_id, rejection, "
                                "  expires_at <= now() AS expired "
                                "FROM uploads WHERE id = $1 AND user_id = $2"};
constexpr db::Query kRejectUpload{
    "media.reject_upload",
    "UPDATE uploads SET rejection = left($2, 2000), updated_at = now() WHERE id = $1"};
constexpr db::Query kDeleteUpload{"media.delete_upload",
                                  "DELETE FROM uploads WHERE id = $1 AND media_id IS NULL"};
constexpr db::Query kUploadExists{"media.upload_exists", "SELECT 1 FROM uploads WHERE id = $1"};
constexpr db::Query kUploadLinked{"media.upload_linked",
                                  "SELECT 1 FROM uploads WHERE id = $1 AND media_id IS NOT NULL"};
// The media item takes its upload's id, so accepting a complete upload again (a retried last
// chunk, a crash before the answer) finds the same keys and the same row.
constexpr db::Query kCreateMedia{
    "media.create",
    "INSERT INTO media (id, owner_id, kind, status, file_name, content_type, size_bytes, sha256, "
    "  source_key, object_key, duration_ms, width, height) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
    "ON CONFLICT (id) DO NOTHING"};
constexpr db::Query kLinkUpload{"media.link_upload",
                                "UPDATE uploads SET media_id = $1, received = declared_length, "
                                "updated_at = now() WHERE id = $1"};

struct Upload {
  std::string id;
  std::string kind;
  std::string file_name;
  std::uint64_t declared = 0;
  std::optional<std::string> media_id;
  std::optional<std::string> rejection;
};

std::vector<Error::Header> tus_headers(std::vector<Error::Header> more = {}) {
  more.emplace_back("Tus-Resumable", std::string(kTusVersion));
  return more;
}

// 423 while another request (on any instance) writes the upload: PATCH and DELETE alike.
Error upload_busy() {
  return Error(Errc::upload_busy, "Another request is writing this upload right now: retry.",
               tus_headers());
}

// 409 for a DELETE of an upload that became a media item, found before or while terminating.
Error upload_complete() {
  return Error(Errc::conflict, "This upload is complete: delete the media item instead.",
               tus_headers());
}

void require_tus(const http::RequestContext& rc) {
  if (rc.request["Tus-Resumable"] != kTusVersion) {
    throw Error(Errc::precondition_failed, "This server speaks tus 1.0.0 (Tus-Resumable: 1.0.0).",
                {{"Tus-Version", std::string(kTusVersion)}});
  }
}

std::optional<std::uint64_t> parse_length(std::string_view text) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

// Upload-Metadata: "key base64,key base64,…" (tus 1.0 creation).
std::map<std::string, std::string> upload_metadata(std::string_view header) {
  std::map<std::string, std::string> out;
  while (!header.empty()) {
    const auto comma = header.find(',');
    auto pair = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!pair.empty() && pair.front() == ' ')
      pair.remove_prefix(1);
    const auto space = pair.find(' ');
    const auto key = std::string(pair.substr(0, space));
    if (key.empty()) continue;
    auto value = space == std::string_view::npos ? std::optional<std::string>("")
                                                 : base64_decode(pair.substr(space + 1));
    if (!value) {
      throw Error(Errc::bad_request, "Upload-Metadata value of '" + key + "' is not base64.");
    }
    out[key] = std::move(*value);
  }
  return out;
}

// The name shown to people and offered on download: the last path component, without control
// characters, valid UTF-8, 1-255 bytes.
std::string clean_file_name(std::string name) {
  if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) {
    name = name.substr(slash + 1);
  }
  std::erase_if(name, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  if (name.empty() || name.size() > 255 || !valid_utf8(name)) {
    throw Error(Errc::validation_failed,
                "Upload-Metadata filename must be 1-255 bytes of UTF-8 text.");
  }
  return name;
}

std::string mib_text(std::uint64_t bytes) {
  return std::to_string(bytes / (1024 * 1024)) + " MiB";
}

asio::awaitable<Upload> find_upload(MediaContext& media, const http::RequestContext& rc) {
  const auto id = std::string(rc.param("id"));
  if (!http::is_uuid(id)) throw Error(Errc::not_found, "There is no such upload.", tus_headers());
  auto rows = co_await media.db.query(kFindUpload, id, rc.principal->user_id);
  if (rows.empty() || rows.boolean(0, rows.column("expired"))) {
    throw Error(Errc::not_found, "There is no such upload, or it has expired.", tus_headers());
  }
  Upload upload;
  upload.id = id;
  upload.kind = std::string(rows.text(0, "kind"));
  upload.file_name = std::string(rows.text(0, "file_name"));
  upload.declared = static_cast<std::uint64_t>(rows.integer(0, "declared_length"));
  upload.media_id = rows.optional_text(0, "media_id");
  upload.rejection = rows.optional_text(0, "rejection");
  co_return upload;
}

http::Response tus_response(http::Status status) {
  http::Response res{status, 11};
  res.set("Tus-Resumable", kTusVersion);
  res.set(field::cache_control, "no-store");
  return res;
}

// OPTIONS: what this server supports (tus discovery).
asio::awaitable<http::Response> describe(MediaContext& media) {
  auto res = tus_response(http::Status::no_content);
  res.set("Tus-Version", kTusVersion);
  res.set("Tus-Extension", "creation,termination,checksum");
  res.set("Tus-Checksum-Algorithm", "sha1,sha256");
  std::uint64_t largest = 0;
  for (const auto& [kind, bytes] : media.limits.max_bytes)
    largest = std::max(largest, bytes);
  res.set("Tus-Max-Size", std::to_string(largest));
  co_return res;
}

// POST: a new upload of a declared length, kind and name.
asio::awaitable<http::Response> create(MediaContext& media, http::RequestContext& rc) {
  require_tus(rc);
  if (!rc.request["Upload-Defer-Length"].empty()) {
    throw Error(Errc::bad_request, "Declare the length up front (Upload-Length).", tus_headers());
  }
  const auto length = parse_length(rc.request["Upload-Length"]);
  if (!length) {
    throw Error(Errc::bad_request, "Upload-Length must be a whole number of bytes.", tus_headers());
  }
  auto metadata = upload_metadata(rc.request["Upload-Metadata"]);
  const auto kind = metadata["kind"];
  if (!valid_upload_kind(kind)) {
    throw Error(Errc::validation_failed,
                "Upload-Metadata kind must be video, image, attachment or caption.", tus_headers());
  }
  const auto file_name = clean_file_name(metadata["filename"]);
  if (*length == 0) throw Error(Errc::validation_failed, "The file is empty.", tus_headers());
  const auto limit = media.limits.max_bytes.at(kind);
  if (*length > limit) {
    throw Error(Errc::payload_too_large,
                "A " + kind + " may be at most " + mib_text(limit) + "; this file has " +
                    mib_text(*length) + ".",
                tus_headers());
  }
  const auto& user = rc.principal->user_id;
  auto tx = co_await media.db.begin();
  co_await tx.execute(kLockOwner, user);
  auto used = co_await tx.execute(kQuotaInUse, user);
  const auto in_use = static_cast<std::uint64_t>(used.integer(0, 0));
  if (in_use + *length > media.limits.quota_bytes) {
    throw Error(Errc::quota_exceeded,
                "You use " + mib_text(in_use) + " of your " + mib_text(media.limits.quota_bytes) +
                    "; delete media you no longer need, or ask an admin for more.",
                tus_headers());
  }
  auto created = co_await tx.execute(kCreateUpload, user, kind, file_name, *length);
  const auto id = std::string(created.text(0, "id"));
  co_await tx.commit();
  // Outside the transaction (an S3 request); an upload that cannot be staged is no upload.
  std::exception_ptr failure;
  try {
    co_await media.staging.create(id, kind);
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) {
    co_await media.db.query(kDeleteUpload, id);
    std::rethrow_exception(failure);
  }
  log::info("upload started", {{"upload", id}, {"kind", kind}, {"bytes", *length}});
  auto res = tus_response(http::Status::created);
  res.set(field::location, std::string(kUploadsPath) + id);
  co_return res;
}

std::optional<ChunkChecksum> chunk_checksum(std::string_view header) {
  if (header.empty()) return std::nullopt;
  const auto space = header.find(' ');
  const auto algorithm = std::string(header.substr(0, space));
  if (algorithm != "sha1" && algorithm != "sha256") {
    throw Error(Errc::bad_request, "Upload-Checksum supports sha1 and sha256.", tus_headers());
  }
  auto digest =
      space == std::string_view::npos ? std::nullopt : base64_decode(header.substr(space + 1));
  if (!digest) throw Error(Errc::bad_request, "Upload-Checksum is malformed.", tus_headers());
  return ChunkChecksum{algorithm, std::move(*digest)};
}

// Where a complete upload's bytes are stored once checked: a video's source (with S3 the staged
// object itself), anything else an asset.
struct StoredAt {
  storage::Bucket bucket;
  std::string key;
};
StoredAt stored_at(const Upload& upload) {
  if (upload.kind == "video") return {storage::Bucket::uploads, upload.id + "/source"};
  return {storage::Bucket::assets, upload.id + "/original"};
}

struct UploadTerminated : std::runtime_error {
  UploadTerminated() : std::runtime_error("the upload was terminated") {}
};

// The complete file: checked, stored, then a media item (a video queued for transcoding in the
// same transaction); or rejected and deleted. Safe to run again for the same upload. Throws
// UploadTerminated when the upload's row went (a DELETE or expiry) before the media item was
// linked to it.
asio::awaitable<std::string> store_and_link(MediaContext& media, const Upload& upload,
                                            const std::string& owner) {
  const auto assembled = co_await media.staging.assemble(upload.id);
  const auto staged = assembled->path();
  CheckedUpload checked;
  std::optional<std::string> rejection;
  try {
    auto check = [kind = upload.kind, staged] { return check_upload(kind, staged); };
    checked = co_await run_blocking<CheckedUpload>(media.blocking, std::move(check));
  } catch (const UploadRejected& e) {
    rejection = e.what();
  }
  if (rejection) {
    co_await media.db.query(kRejectUpload, upload.id, *rejection);
    co_await media.staging.remove(upload.id);
    log::info("upload rejected", {{"upload", upload.id}, {"reason", *rejection}});
    throw Error(Errc::upload_rejected, *rejection, tus_headers());
  }
  const bool is_video = upload.kind == "video";
  const auto content_type = upload.kind == "attachment" ? safe_attachment_type(checked.content_type)
                                                        : checked.content_type;
  const auto& media_id = upload.id;
  const auto where = stored_at(upload);
  const auto bucket = where.bucket;
  const auto& key = where.key;
  storage::ObjectInfo stored;
  if (checked.text) {
    auto text = storage::read_string(std::move(*checked.text));
    stored = co_await media.store.put(bucket, key, std::move(text), content_type, std::nullopt);
  } else {
    stored = co_await media.staging.store(upload.id, *assembled, bucket, key, content_type);
  }

  std::optional<std::int64_t> duration_ms, width, height;
  if (checked.probe) {
    duration_ms = static_cast<std::int64_t>(checked.probe->duration_seconds * 1000);
    width = checked.probe->width;
    height = checked.probe->height;
  }
  // Every argument a named value: no temporary of class type in a co_await expression (GCC 12,
  // see core/blocking.hpp).
  std::optional<std::string> source_key, object_key;
  (is_video ? source_key : object_key) = key;
  const std::string status = is_video ? "processing" : "ready";
  const auto size = static_cast<std::int64_t>(stored.size);
  auto tx = co_await media.db.begin();
  co_await tx.execute(kCreateMedia, media_id, owner, upload.kind, status, upload.file_name,
                      content_type, size, stored.sha256, source_key, object_key, duration_ms, width,
                      height);
  // Terminated while it was checked and stored (the upload's lock is not held by then): the
  // transaction rolls back, and no media item comes of it.
  auto link = co_await tx.execute(kLinkUpload, media_id);
  if (link.affected() != 1) throw UploadTerminated();
  if (is_video) co_await jobs::enqueue(tx, kTranscodeJob, media_id);
  co_await tx.commit();
  co_await media.staging.remove(upload.id);
  log::info("upload accepted", {{"media", media_id}, {"kind", upload.kind}});
  co_return media_id;
}

// store_and_link, and what a termination during it means for the request: whatever went wrong
// (the staged bytes vanished under the check or the copy, or the link found no row), an upload
// that is gone is answered as gone, and what was stored for it is removed.
asio::awaitable<std::string> accept(MediaContext& media, const Upload& upload,
                                    const std::string& owner) {
  std::exception_ptr failure;
  try {
    co_return co_await store_and_link(media, upload, owner);
  } catch (...) {
    failure = std::current_exception();
  }
  auto still = co_await media.db.query(kUploadExists, upload.id);
  if (!still.empty()) std::rethrow_exception(failure);
  // Everything under the upload's id in the bucket it was stored in (locally also its folder).
  const auto where = stored_at(upload);
  try {
    co_await media.store.remove_prefix(where.bucket, upload.id);
  } catch (const std::exception& e) {
    log::warn("objects of a terminated upload not removed",
              {{"upload", upload.id}, {"error", e.what()}});
  }
  log::info("upload terminated while it was accepted", {{"upload", upload.id}});
  throw Error(Errc::not_found, "This upload was terminated.", tus_headers());
}

// HEAD (and GET, which also says what became of it): the offset to resume from.
asio::awaitable<http::Response> status(MediaContext& media, http::RequestContext& rc) {
  auto upload = co_await find_upload(media, rc);
  const auto staged = co_await media.staging.offset(upload.id);
  const auto offset = staged.value_or(upload.media_id ? upload.declared : 0);
  // Every byte arrived but the answer to the last chunk was lost: a client that asks sees the
  // upload through (tus clients finish without another PATCH when the offsets match), unless
  // another request is finishing it right now.
  if (offset == upload.declared && !upload.media_id && !upload.rejection) {
    try {
      upload.media_id = co_await accept(media, upload, rc.principal->user_id);
    } catch (const UploadBusy&) {
    }
  }
  boost::json::object body{{"id", upload.id},
                           {"kind", upload.kind},
                           {"file_name", upload.file_name},
                           {"length", upload.declared},
                           {"offset", offset}};
  body["media_id"] = upload.media_id ? boost::json::value(*upload.media_id) : nullptr;
  body["rejection"] = upload.rejection ? boost::json::value(*upload.rejection) : nullptr;
  auto res = http::json_response(http::Status::ok, body);
  res.set("Tus-Resumable", kTusVersion);
  res.set("Upload-Offset", std::to_string(offset));
  res.set("Upload-Length", std::to_string(upload.declared));
  co_return res;
}

// PATCH: bytes at the current offset, streamed to the staging file.
asio::awaitable<http::Response> append(MediaContext& media, http::RequestContext& rc) {
  require_tus(rc);
  if (rc.request[field::content_type] != "application/offset+octet-stream") {
    throw Error(Errc::unsupported_media_type,
                "Send upload bytes as application/offset+octet-stream.", tus_headers());
  }
  const auto offset = parse_length(rc.request["Upload-Offset"]);
  if (!offset) {
    throw Error(Errc::bad_request, "Upload-Offset must be a whole number of bytes.", tus_headers());
  }
  auto checksum = chunk_checksum(rc.request["Upload-Checksum"]);
  const auto upload = co_await find_upload(media, rc);
  if (upload.media_id || upload.rejection) {
    throw Error(Errc::conflict, "This upload is already complete.", tus_headers());
  }
  auto& body = rc.body_reader();
  if (auto declared = body.declared_length();
      declared && *declared > upload.declared - std::min(*offset, upload.declared)) {
    throw Error(Errc::payload_too_large, "The chunk goes past the upload's declared length.",
                tus_headers());
  }
  UploadStaging::Appended appended;
  try {
    storage::ReadSome source = [&body](asio::mutable_buffer into) { return body.read_some(into); };
    appended = co_await media.staging.append(upload.id, *offset, std::move(source), upload.declared,
                                             std::move(checksum));
  } catch (const OffsetMismatch& e) {
    throw Error(Errc::conflict,
                "The upload is at offset " + std::to_string(e.actual) + ", not " +
                    std::to_string(*offset) + ": resume from there.",
                tus_headers({{"Upload-Offset", std::to_string(e.actual)}}));
  } catch (const UploadBusy&) {
    throw upload_busy();
  } catch (const ChecksumMismatch&) {
    throw Error(Errc::checksum_mismatch, "The chunk was discarded: send it again.", tus_headers());
  } catch (const std::length_error&) {
    throw Error(Errc::payload_too_large, "The chunk goes past the upload's declared length.",
                tus_headers());
  } catch (const std::out_of_range&) {
    throw Error(Errc::not_found, "There is no such upload.", tus_headers());
  }
  if (appended.interrupted) {
    throw Error(Errc::bad_request, "The connection was cut; resume from Upload-Offset.",
                tus_headers({{"Upload-Offset", std::to_string(appended.offset)}}));
  }
  auto res = tus_response(http::Status::no_content);
  res.set("Upload-Offset", std::to_string(appended.offset));
  if (appended.offset == upload.declared) {
    std::string media_id;
    try {
      media_id = co_await accept(media, upload, rc.principal->user_id);
    } catch (const UploadBusy&) {
      // A DELETE, or a HEAD finishing the upload, holds it: the client asks again.
      throw upload_busy();
    }
    res.set("Upload-Media-Id", media_id);
  }
  co_return res;
}

// DELETE: termination; the bytes go at once.
asio::awaitable<http::Response> terminate(MediaContext& media, http::RequestContext& rc) {
  require_tus(rc);
  const auto upload = co_await find_upload(media, rc);
  if (upload.media_id) throw upload_complete();
  const auto id = upload.id;
  UploadStaging::ForgetRow forget_row = [&media, id]() -> asio::awaitable<bool> {
    auto deleted = co_await media.db.query(kDeleteUpload, id);
    if (deleted.affected() == 1) co_return true;
    // Its last chunk was accepted meanwhile: the bytes stay with the media item.
    auto linked = co_await media.db.query(kUploadLinked, id);
    if (!linked.empty()) throw upload_complete();
    co_return false;  // gone already (expiry, another DELETE), which removes the bytes
  };
  try {
    co_await media.staging.terminate(id, std::move(forget_row));
  } catch (const UploadBusy&) {
    throw upload_busy();
  }
  co_return tus_response(http::Status::no_content);
}

constexpr db::Query kExpiredUploads{
    "media.expired_uploads",
    "SELECT id FROM uploads WHERE media_id IS NULL AND expires_at < now() "
    "ORDER BY expires_at LIMIT $1"};
constexpr db::Query kOldJobs{
    "media.old_jobs",
    "WITH gone AS (DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE status = 'done' "
    "AND updated_at < now() - interval '7 days' LIMIT $1) RETURNING 1) SELECT count(*) FROM gone"};

}  // namespace

void add_upload_housekeeping(ops::Housekeeping& housekeeping, db::Database& db,
                             UploadStaging& staging) {
  // Uploads past their expiry (a day after creation): their rows (the quota they held comes back),
  // then their staged bytes. Each is terminated as a DELETE would (with S3 that is a few requests,
  // so batches are small), its row deleted at once, and one a request still writes, begun before
  // it expired, is left to a later round. The rows are not locked here: terminating takes an S3
  // upload's lease on another connection.
  housekeeping.add(
      "expired uploads",
      [&staging, &db](db::Transaction& tx, int limit) -> asio::awaitable<std::int64_t> {
        auto expired = co_await tx.execute(kExpiredUploads, limit);
        std::int64_t dropped = 0;
        for (int i = 0; i < expired.rows(); ++i) {
          const auto id = std::string(expired.text(i, 0));
          UploadStaging::ForgetRow forget_row = [&db, &dropped, id]() -> asio::awaitable<bool> {
            auto deleted = co_await db.query(kDeleteUpload, id);
            dropped += deleted.affected();
            co_return deleted.affected() == 1;
          };
          try {
            co_await staging.terminate(id, std::move(forget_row));
          } catch (const UploadBusy&) {
            // Still being written: a later round.
          } catch (const std::exception& e) {
            // One upload that cannot be terminated must not stop the others, nor other upkeep.
            log::warn("expired upload not terminated", {{"upload", id}, {"error", e.what()}});
          }
        }
        co_return dropped;
      },
      100);
  housekeeping.add("finished jobs", kOldJobs);
}

void register_upload_routes(http::Router& router, MediaContext& media) {
  const auto instructor = http::Access::role(http::Role::instructor);
  router.add(http::Verb::options, "/api/v1/uploads", instructor,
             [&media](http::RequestContext&) { return describe(media); });
  router.post("/api/v1/uploads", instructor,
              [&media](http::RequestContext& rc) { return create(media, rc); });
  router.get("/api/v1/uploads/{id}", instructor,
             [&media](http::RequestContext& rc) { return status(media, rc); });
  std::uint64_t largest = 0;
  for (const auto& [kind, bytes] : media.limits.max_bytes)
    largest = std::max(largest, bytes);
  router.add(http::Verb::patch, "/api/v1/uploads/{id}", instructor,
             [&media](http::RequestContext& rc) { return append(media, rc); },
             {.body_limit = static_cast<std::size_t>(largest), .streamed_body = true});
  router.add(http::Verb::delete_, "/api/v1/uploads/{id}", instructor,
             [&media](http::RequestContext& rc) { return terminate(media, rc); });
}

}  // namespace sn::media
