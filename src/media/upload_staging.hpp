#pragma once
// Where the bytes of a resumable upload collect until it is complete, behind one interface with
// two implementations chosen by configuration: a file on this machine's disk for the local store
// (file_upload_staging.hpp) and S3 multipart uploads with their state in PostgreSQL for the S3
// store (s3_upload_staging.hpp), so that any instance behind a load balancer can take an upload's
// next request. Either way: one request writes an upload at a time (UploadBusy), a cut connection
// keeps what arrived, a chunk whose checksum does not match leaves nothing behind, and the offset
// a client resumes from is durable before it is reported.

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "storage/object_store.hpp"

namespace sn::media {

struct OffsetMismatch : std::runtime_error {
  std::uint64_t actual;
  explicit OffsetMismatch(std::uint64_t at)
      : std::runtime_error("the upload is at another offset"), actual(at) {}
};
struct UploadBusy : std::runtime_error {
  UploadBusy() : std::runtime_error("another request is writing this upload") {}
};
struct ChecksumMismatch : std::runtime_error {
  ChecksumMismatch() : std::runtime_error("the chunk does not match its checksum") {}
};

// A tus Upload-Checksum: the algorithm ("sha1", "sha256") and the expected raw digest.
struct ChunkChecksum {
  std::string algorithm;
  std::string digest;
};

// A complete upload's bytes as a file on this machine, for the content check (libmagic and
// ffprobe read files). A temporary copy is deleted with this object.
class AssembledUpload {
 public:
  AssembledUpload(std::filesystem::path path, bool temporary)
      : path_(std::move(path)), temporary_(temporary) {}
  ~AssembledUpload();
  AssembledUpload(const AssembledUpload&) = delete;
  AssembledUpload& operator=(const AssembledUpload&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  bool temporary_;
};

class UploadStaging {
 public:
  virtual ~UploadStaging() = default;

  // Makes room for a new upload of `kind` (whose row exists).
  virtual boost::asio::awaitable<void> create(std::string upload_id, std::string kind) = 0;
  // The bytes received so far; nullopt when nothing is staged for the upload. The staging alone
  // keeps it: the file's size, or with S3 the row's `received` (recorded with the parts).
  virtual boost::asio::awaitable<std::optional<std::uint64_t>> offset(std::string upload_id) = 0;

  struct Appended {
    std::uint64_t offset = 0;  // after this append
    bool interrupted = false;  // the source failed part-way; what arrived is kept
  };
  // Appends what `source` yields at `expected_offset` (else OffsetMismatch). Never stages more
  // than `limit` (the declared length): a source with more is refused with std::length_error,
  // and so is a chunk whose `checksum` does not match (ChecksumMismatch); either leaves the
  // upload as it was. Throws UploadBusy while another request writes the upload, and
  // std::out_of_range when there is no such upload.
  virtual boost::asio::awaitable<Appended> append(std::string upload_id,
                                                  std::uint64_t expected_offset,
                                                  storage::ReadSome source, std::uint64_t limit,
                                                  std::optional<ChunkChecksum> checksum) = 0;

  // Once every byte has arrived: the whole upload on this machine, for the content check.
  // Safe to call again (a retried last chunk). Throws UploadBusy like append.
  virtual boost::asio::awaitable<std::unique_ptr<AssembledUpload>> assemble(
      std::string upload_id) = 0;
  // Puts the assembled bytes at their final object, described with its digest. Safe to repeat.
  virtual boost::asio::awaitable<storage::ObjectInfo> store(std::string upload_id,
                                                            const AssembledUpload& assembled,
                                                            storage::Bucket bucket, std::string key,
                                                            std::string content_type) = 0;
  // Drops what is staged for the upload (rejection, expiry, after acceptance), but never the
  // object an accepted media item points at. Best effort: never throws.
  virtual boost::asio::awaitable<void> remove(std::string upload_id) = 0;
  // Termination (a DELETE, expiry): while no request writes the upload (else UploadBusy) and none
  // can begin to, `forget_row` deletes the upload's row, and only if it did (an upload accepted
  // meanwhile keeps its row and its bytes) what was staged goes, so that whoever finds the bytes
  // gone finds the upload gone too. Throws what forget_row throws (then nothing is removed), and
  // unlike remove when the database or the disk fails.
  using ForgetRow = std::function<boost::asio::awaitable<bool>()>;
  virtual boost::asio::awaitable<void> terminate(std::string upload_id, ForgetRow forget_row) = 0;
};

}  // namespace sn::media
