#pragma once
// Uploads staged in S3, so that any instance behind a load balancer can take an upload's next
// request (as tusd's s3store does). Each upload is an S3 multipart upload in the uploads bucket,
// begun when the upload is created (at the video's final key "<id>/source", so even a large
// video is never copied; others at "<id>/staged"). A request streams its bytes through one
// part-sized buffer: every full part goes out as an UploadPart at once, and what is left at its
// end (smaller than a part, which S3 allows only last) is stored as a small "tail" object,
// "<id>/tail-<random>", which the next request reads back and continues. The parts, the tail and
// the offset are recorded in PostgreSQL (uploads, upload_parts) only when a request has ended
// and its checksum matched, so a refused chunk leaves nothing recorded: its part numbers are
// sent again by the next request. One request writes an upload at a time across instances: a
// lease in the upload's row (writer, writing_until), taken with a conditional UPDATE, renewed
// while the body arrives and cleared at the end; one left by a crashed instance runs out.

#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <filesystem>

#include "db/database.hpp"
#include "media/upload_staging.hpp"
#include "storage/s3_store.hpp"

namespace sn::media {

class S3UploadStaging final : public UploadStaging {
 public:
  // Parts are `store`'s part size; complete uploads are downloaded into `dir` to be checked.
  S3UploadStaging(db::Database& db, storage::S3Store& store, std::filesystem::path dir);
  ~S3UploadStaging() override;

  boost::asio::awaitable<void> create(std::string upload_id, std::string kind) override;
  boost::asio::awaitable<std::optional<std::uint64_t>> offset(std::string upload_id) override;
  boost::asio::awaitable<Appended> append(std::string upload_id, std::uint64_t expected_offset,
                                          storage::ReadSome source, std::uint64_t limit,
                                          std::optional<ChunkChecksum> checksum) override;
  boost::asio::awaitable<std::unique_ptr<AssembledUpload>> assemble(std::string upload_id) override;
  boost::asio::awaitable<storage::ObjectInfo> store(std::string upload_id,
                                                    const AssembledUpload& assembled,
                                                    storage::Bucket bucket, std::string key,
                                                    std::string content_type) override;
  boost::asio::awaitable<void> remove(std::string upload_id) override;
  boost::asio::awaitable<void> terminate(std::string upload_id, ForgetRow forget_row) override;

 private:
  // The lease on an upload's row, and the staging state it was taken with.
  struct Lease {
    std::string token;
    bool held = true;  // false once the row was updated without it
    std::chrono::steady_clock::time_point renewed;
    std::uint64_t received = 0;
    std::uint64_t declared = 0;
    std::string staging_key;
    std::optional<std::string> multipart_id;
    std::optional<std::string> tail_key;
    std::uint64_t tail_size = 0;
    int parts = 0;  // recorded, numbered 1..parts
  };
  boost::asio::awaitable<Lease> take_lease(const std::string& upload_id);
  boost::asio::awaitable<void> renew_if_due(const std::string& upload_id, Lease& lease);
  // Clears the lease if it is still held (a failure is logged: the lease runs out by itself).
  boost::asio::awaitable<void> release(const std::string& upload_id, Lease& lease);

  // append and assemble under the lease.
  boost::asio::awaitable<Appended> write(const std::string& upload_id, Lease& lease,
                                         std::uint64_t expected_offset, storage::ReadSome& source,
                                         std::uint64_t limit,
                                         const std::optional<ChunkChecksum>& checksum);
  boost::asio::awaitable<void> complete(const std::string& upload_id, Lease& lease);
  // What is staged for an upload (nullopt: no such upload), and removing it (best effort).
  struct Staged {
    std::optional<std::string> staging_key;
    std::optional<std::string> multipart_id;
    std::optional<std::string> tail_key;
    bool accepted = false;  // a media item was made of it
    bool kept = false;      // the staged object is what the media item points at
  };
  boost::asio::awaitable<std::optional<Staged>> staged_of(const std::string& upload_id);
  boost::asio::awaitable<void> remove_staged(const std::string& upload_id, const Staged& staged);
  // Removes an object no record names any more (a failure is logged).
  boost::asio::awaitable<void> forget(std::string key);

  db::Database& db_;
  storage::S3Store& store_;
  std::filesystem::path dir_;
  boost::asio::thread_pool blocking_{1};  // hashing assembled files
};

}  // namespace sn::media
