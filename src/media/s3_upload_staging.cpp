#include "media/s3_upload_staging.hpp"

#include "core/blocking.hpp"
#include "core/hash.hpp"
#include "core/log.hpp"
#include "core/random.hpp"

namespace sn::media {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using storage::Bucket;
using namespace std::chrono_literals;

// A lease lasts a minute and is renewed every 20 s while a request writes: a body read waits at
// most the server's read timeout (10 s by default) between renewals.
constexpr auto kLeaseRenewal = 20s;
constexpr std::size_t kFirstBuffer = 64 * 1024;

constexpr db::Query kTakeLease{
    "media.staging.take_lease",
    "UPDATE uploads SET writer = $2, writing_until = now() + interval '1 minute' "
    "WHERE id = $1 AND (writing_until IS NULL OR writing_until < now()) "
    "RETURNING received, declared_length, staging_key, multipart_id, tail_key, tail_size, "
    "  (SELECT count(*) FROM upload_parts p WHERE p.upload_id = uploads.id) AS parts"};
constexpr db::Query kUploadExists{"media.staging.exists", "SELECT 1 FROM uploads WHERE id = $1"};
constexpr db::Query kRenewLease{"media.staging.renew_lease",
                                "UPDATE uploads SET writing_until = now() + interval '1 minute' "
                                "WHERE id = $1 AND writer = $2"};
constexpr db::Query kReleaseLease{
    "media.staging.release_lease",
    "UPDATE uploads SET writer = NULL, writing_until = NULL WHERE id = $1 AND writer = $2"};
constexpr db::Query kRecordMultipart{
    "media.staging.record_multipart",
    "UPDATE uploads SET staging_key = $2, multipart_id = $3 WHERE id = $1"};
constexpr db::Query kRecordAppend{
    "media.staging.record_append",
    "UPDATE uploads SET received = $3, tail_key = $4, tail_size = $5, writer = NULL, "
    "  writing_until = NULL, updated_at = now() "
    "WHERE id = $1 AND writer = $2"};
constexpr db::Query kRecordPart{
    "media.staging.record_part",
    "INSERT INTO upload_parts (upload_id, number, etag, size_bytes) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (upload_id, number) DO UPDATE "
    "SET etag = excluded.etag, size_bytes = excluded.size_bytes"};
constexpr db::Query kParts{
    "media.staging.parts",
    "SELECT number, etag FROM upload_parts WHERE upload_id = $1 ORDER BY number"};
constexpr db::Query kRecordCompleted{
    "media.staging.record_completed",
    "UPDATE uploads SET multipart_id = NULL, tail_key = NULL, tail_size = 0, writer = NULL, "
    "  writing_until = NULL, updated_at = now() "
    "WHERE id = $1 AND writer = $2"};
constexpr db::Query kForgetParts{"media.staging.forget_parts",
                                 "DELETE FROM upload_parts WHERE upload_id = $1"};
constexpr db::Query kReceived{"media.staging.received",
                              "SELECT received FROM uploads WHERE id = $1"};
// What is staged for an upload; `kept`: the staged object is what its media item points at.
constexpr db::Query kStaged{
    "media.staging.staged",
    "SELECT u.staging_key, u.multipart_id, u.tail_key, u.media_id IS NOT NULL AS accepted, "
    "  coalesce(u.staging_key = m.source_key, false) AS kept "
    "FROM uploads u LEFT JOIN media m ON m.id = u.media_id WHERE u.id = $1"};

}  // namespace

S3UploadStaging::S3UploadStaging(db::Database& db, storage::S3Store& store, fs::path dir)
    : db_(db), store_(store), dir_(std::move(dir)) {
  fs::create_directories(dir_);
}

S3UploadStaging::~S3UploadStaging() {
  blocking_.join();
}

asio::awaitable<void> S3UploadStaging::create(std::string upload_id, std::string kind) {
  // A video's bytes end where the transcoder reads them; anything else is copied once checked.
  const std::string key = upload_id + (kind == "video" ? "/source" : "/staged");
  const std::string content_type = "application/octet-stream";
  const std::string no_digest;
  const auto multipart_id =
      co_await store_.start_multipart(Bucket::uploads, key, content_type, no_digest);
  co_await db_.query(kRecordMultipart, upload_id, key, multipart_id);
}

asio::awaitable<std::optional<std::uint64_t>> S3UploadStaging::offset(std::string upload_id) {
  auto rows = co_await db_.query(kReceived, upload_id);
  if (rows.empty()) co_return std::nullopt;
  co_return static_cast<std::uint64_t>(rows.integer(0, 0));
}

asio::awaitable<S3UploadStaging::Lease> S3UploadStaging::take_lease(const std::string& upload_id) {
  Lease lease;
  lease.token = random_hex(16);
  auto rows = co_await db_.query(kTakeLease, upload_id, lease.token);
  if (rows.empty()) {
    auto exists = co_await db_.query(kUploadExists, upload_id);
    if (exists.empty()) throw std::out_of_range("no such upload");
    throw UploadBusy();
  }
  lease.renewed = std::chrono::steady_clock::now();
  lease.received = static_cast<std::uint64_t>(rows.integer(0, "received"));
  lease.declared = static_cast<std::uint64_t>(rows.integer(0, "declared_length"));
  lease.staging_key = rows.optional_text(0, "staging_key").value_or("");
  lease.multipart_id = rows.optional_text(0, "multipart_id");
  lease.tail_key = rows.optional_text(0, "tail_key");
  lease.tail_size = static_cast<std::uint64_t>(rows.integer(0, "tail_size"));
  lease.parts = static_cast<int>(rows.integer(0, "parts"));
  co_return lease;
}

asio::awaitable<void> S3UploadStaging::renew_if_due(const std::string& upload_id, Lease& lease) {
  const auto now = std::chrono::steady_clock::now();
  if (now - lease.renewed < kLeaseRenewal) co_return;
  auto renewed = co_await db_.query(kRenewLease, upload_id, lease.token);
  if (renewed.affected() == 0) {
    lease.held = false;
    throw UploadBusy();
  }
  lease.renewed = now;
}

asio::awaitable<void> S3UploadStaging::release(const std::string& upload_id, Lease& lease) {
  if (!lease.held) co_return;
  lease.held = false;
  try {
    co_await db_.query(kReleaseLease, upload_id, lease.token);
  } catch (const std::exception& e) {
    log::warn("upload lease not released", {{"upload", upload_id}, {"error", e.what()}});
  }
}

asio::awaitable<void> S3UploadStaging::forget(std::string key) {
  try {
    co_await store_.remove(Bucket::uploads, key);
  } catch (const std::exception& e) {
    log::warn("staged upload object not removed", {{"key", key}, {"error", e.what()}});
  }
}

asio::awaitable<UploadStaging::Appended> S3UploadStaging::append(
    std::string upload_id, std::uint64_t expected_offset, storage::ReadSome source,
    std::uint64_t limit, std::optional<ChunkChecksum> checksum) {
  auto lease = co_await take_lease(upload_id);
  std::exception_ptr failure;
  Appended appended;
  try {
    appended = co_await write(upload_id, lease, expected_offset, source, limit, checksum);
  } catch (...) {
    failure = std::current_exception();
  }
  co_await release(upload_id, lease);
  if (failure) std::rethrow_exception(failure);
  co_return appended;
}

asio::awaitable<UploadStaging::Appended> S3UploadStaging::write(
    const std::string& upload_id, Lease& lease, std::uint64_t expected_offset,
    storage::ReadSome& source, std::uint64_t limit, const std::optional<ChunkChecksum>& checksum) {
  if (lease.received != expected_offset) throw OffsetMismatch(lease.received);
  if (!lease.multipart_id) throw std::logic_error("the upload has no multipart upload");
  const auto& key = lease.staging_key;
  const auto& multipart_id = *lease.multipart_id;
  const auto part_size = static_cast<std::size_t>(store_.part_size());

  // One part's bytes: the tail kept so far, then what arrives.
  std::string buffer;
  if (lease.tail_key) {
    const auto tail_key = *lease.tail_key;
    buffer = co_await store_.get(Bucket::uploads, tail_key, part_size);
    if (buffer.size() != lease.tail_size) {
      throw std::runtime_error("the staged tail of upload " + upload_id + " has another size");
    }
  }
  std::size_t filled = buffer.size();
  std::optional<Digest> digest;
  if (checksum) digest.emplace(checksum->algorithm);
  std::vector<storage::S3Store::UploadedPart> sent;
  std::uint64_t at = lease.received;
  bool interrupted = false;
  for (bool ended = false; !ended;) {
    co_await renew_if_due(upload_id, lease);
    if (filled == buffer.size()) {
      buffer.resize(std::min(part_size, std::max(kFirstBuffer, buffer.size() * 2)));
    }
    std::size_t n = 0;
    try {
      const auto into = asio::buffer(buffer.data() + filled, buffer.size() - filled);
      n = co_await source(into);
    } catch (...) {
      interrupted = true;
    }
    ended = interrupted || n == 0;
    if (n > limit - at) throw std::length_error("more bytes than the upload's declared length");
    if (digest) digest->update(std::string_view(buffer.data() + filled, n));
    at += n;
    filled += n;
    // A full part goes out at once (under the next number; a refused request's parts are simply
    // sent again), so a request holds at most one part in memory.
    if (filled == part_size) {
      const int number = lease.parts + static_cast<int>(sent.size()) + 1;
      const std::string_view bytes(buffer.data(), filled);
      auto etag = co_await store_.upload_part(Bucket::uploads, key, multipart_id, number, bytes);
      sent.push_back({number, std::move(etag)});
      filled = 0;
    }
  }
  // A chunk that must match a checksum is kept whole or not at all.
  if (digest && (interrupted || digest->finish() != checksum->digest)) {
    if (interrupted) co_return Appended{lease.received, true};
    throw ChecksumMismatch();
  }

  std::optional<std::string> tail_key;
  if (filled > 0) {
    tail_key = upload_id + "/tail-" + random_hex(8);
    buffer.resize(filled);
    auto tail = storage::read_string(std::move(buffer));
    const auto tail_object = *tail_key;
    const std::string content_type = "application/octet-stream";
    const std::optional<std::uint64_t> no_limit;
    co_await store_.put(Bucket::uploads, tail_object, std::move(tail), content_type, no_limit);
  }
  bool recorded = false;
  {
    auto tx = co_await db_.begin();
    const auto received = static_cast<std::int64_t>(at);
    const auto tail_size = static_cast<std::int64_t>(filled);
    auto updated =
        co_await tx.execute(kRecordAppend, upload_id, lease.token, received, tail_key, tail_size);
    if (updated.affected() == 1) {
      const auto size = static_cast<std::int64_t>(part_size);
      for (const auto& part : sent)
        co_await tx.execute(kRecordPart, upload_id, part.number, part.etag, size);
      co_await tx.commit();
      recorded = true;
    }
  }
  if (!recorded) {
    // The lease ran out and another request took the upload: what this one sent is not kept.
    lease.held = false;
    if (tail_key) co_await forget(*tail_key);
    throw UploadBusy();
  }
  lease.held = false;
  if (lease.tail_key) co_await forget(*lease.tail_key);
  co_return Appended{at, interrupted};
}

asio::awaitable<std::unique_ptr<AssembledUpload>> S3UploadStaging::assemble(std::string upload_id) {
  auto lease = co_await take_lease(upload_id);
  std::exception_ptr failure;
  try {
    co_await complete(upload_id, lease);
  } catch (...) {
    failure = std::current_exception();
  }
  co_await release(upload_id, lease);
  if (failure) std::rethrow_exception(failure);

  // A name of its own: a retried last chunk may assemble the same upload at the same time.
  auto assembled =
      std::make_unique<AssembledUpload>(dir_ / (upload_id + "-" + random_hex(8)), true);
  const auto to = assembled->path();
  const auto key = lease.staging_key;
  co_await store_.download(Bucket::uploads, key, to);
  co_return assembled;
}

asio::awaitable<void> S3UploadStaging::complete(const std::string& upload_id, Lease& lease) {
  if (!lease.multipart_id) co_return;  // completed before
  if (lease.received != lease.declared) throw std::logic_error("the upload is not complete");
  const auto& key = lease.staging_key;
  const auto& multipart_id = *lease.multipart_id;
  std::vector<storage::S3Store::UploadedPart> parts;
  auto rows = co_await db_.query(kParts, upload_id);
  for (int i = 0; i < rows.rows(); ++i) {
    parts.push_back(
        {static_cast<int>(rows.integer(i, "number")), std::string(rows.text(i, "etag"))});
  }
  // The tail is the last part, which may be smaller than the others.
  if (lease.tail_key) {
    const auto tail_key = *lease.tail_key;
    const auto tail = co_await store_.get(Bucket::uploads, tail_key, store_.part_size());
    const int number = static_cast<int>(parts.size()) + 1;
    const std::string_view bytes(tail);
    auto etag = co_await store_.upload_part(Bucket::uploads, key, multipart_id, number, bytes);
    parts.push_back({number, std::move(etag)});
  }
  bool gone = false;
  try {
    co_await store_.complete_multipart(Bucket::uploads, key, multipart_id, std::move(parts));
  } catch (const storage::S3Error& e) {
    if (e.code() != "NoSuchUpload") throw;
    gone = true;
  }
  if (gone) {
    // Completed by an earlier request whose record did not survive: the object is there.
    const auto object = co_await store_.head(Bucket::uploads, key);
    if (!object || object->size != lease.declared) {
      throw std::runtime_error("the multipart upload of upload " + upload_id + " is gone");
    }
  }
  {
    auto tx = co_await db_.begin();
    auto updated = co_await tx.execute(kRecordCompleted, upload_id, lease.token);
    if (updated.affected() != 1) throw UploadBusy();
    co_await tx.execute(kForgetParts, upload_id);
    co_await tx.commit();
  }
  lease.held = false;
  if (lease.tail_key) co_await forget(*lease.tail_key);
}

asio::awaitable<storage::ObjectInfo> S3UploadStaging::store(std::string upload_id,
                                                            const AssembledUpload& assembled,
                                                            Bucket bucket, std::string key,
                                                            std::string content_type) {
  auto rows = co_await db_.query(kStaged, upload_id);
  if (rows.empty() || rows.is_null(0, rows.column("staging_key"))) {
    throw std::out_of_range("no such upload");
  }
  const auto staged = std::string(rows.text(0, "staging_key"));
  const auto file = assembled.path();
  std::function<std::string()> hash = [file] { return sha256_file(file); };
  auto sha256 = co_await run_blocking<std::string>(blocking_, std::move(hash));

  std::optional<storage::ObjectInfo> stored;
  if (bucket == Bucket::uploads && key == staged) {
    // Completed where it belongs (a video's source).
    stored = co_await store_.head(bucket, key);
    if (!stored) throw storage::ObjectNotFound(key);
  } else if (fs::file_size(file) > storage::S3Store::kMaxCopyBytes) {
    stored = co_await store_.put_file(bucket, key, file, content_type);
  } else {
    stored = co_await store_.copy(Bucket::uploads, staged, bucket, key, content_type, sha256);
  }
  stored->sha256 = std::move(sha256);
  stored->content_type = std::move(content_type);
  co_return std::move(*stored);
}

asio::awaitable<void> S3UploadStaging::terminate(std::string upload_id, ForgetRow forget_row) {
  // The lease is never given back: it goes with the row, and until then a request that wants to
  // write finds the upload busy.
  std::optional<Staged> staged;
  try {
    [[maybe_unused]] const auto lease = co_await take_lease(upload_id);
    staged = co_await staged_of(upload_id);
  } catch (const std::out_of_range&) {
    // No such upload: only the row to forget, if it came meanwhile.
  }
  const bool forgotten = co_await forget_row();
  if (staged && forgotten) co_await remove_staged(upload_id, *staged);
}

asio::awaitable<std::optional<S3UploadStaging::Staged>> S3UploadStaging::staged_of(
    const std::string& upload_id) {
  auto rows = co_await db_.query(kStaged, upload_id);
  if (rows.empty()) co_return std::nullopt;
  Staged staged;
  staged.staging_key = rows.optional_text(0, "staging_key");
  staged.multipart_id = rows.optional_text(0, "multipart_id");
  staged.tail_key = rows.optional_text(0, "tail_key");
  staged.accepted = rows.boolean(0, rows.column("accepted"));
  staged.kept = rows.boolean(0, rows.column("kept"));
  co_return staged;
}

asio::awaitable<void> S3UploadStaging::remove_staged(const std::string& upload_id,
                                                     const Staged& staged) {
  try {
    if (staged.staging_key && staged.multipart_id) {
      co_await store_.abort_multipart(Bucket::uploads, *staged.staging_key, *staged.multipart_id);
    }
    if (!staged.accepted) {
      // Everything under the upload's prefix: the staged object, tails (also any a failed
      // request left), a rejected video's source.
      co_await store_.remove_prefix(Bucket::uploads, upload_id);
    } else {
      if (staged.tail_key) co_await forget(*staged.tail_key);
      if (staged.staging_key && !staged.kept) co_await forget(*staged.staging_key);
    }
  } catch (const std::exception& e) {
    // A bucket lifecycle rule (README) removes what is left.
    log::warn("staged upload not removed", {{"upload", upload_id}, {"error", e.what()}});
  }
}

asio::awaitable<void> S3UploadStaging::remove(std::string upload_id) {
  std::optional<Staged> staged;
  try {
    staged = co_await staged_of(upload_id);
  } catch (const std::exception& e) {
    log::warn("staged upload not removed", {{"upload", upload_id}, {"error", e.what()}});
  }
  if (staged) co_await remove_staged(upload_id, *staged);
}

}  // namespace sn::media
