#pragma once
// Where the bytes of a resumable upload collect until it is complete: one file per upload, whose
// size is the offset a client resumes from (tus "Upload-Offset"). Appends hold an exclusive lock
// on the file, so two requests for one upload never interleave; a cut connection keeps what
// arrived, and a chunk whose checksum does not match is cut off again.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

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

class UploadStaging {
 public:
  explicit UploadStaging(std::filesystem::path dir);
  ~UploadStaging();

  void create(std::string_view upload_id) const;
  // The bytes received so far; nullopt when there is no such upload.
  std::optional<std::uint64_t> offset(std::string_view upload_id) const;

  struct Appended {
    std::uint64_t offset = 0;  // after this append
    bool interrupted = false;  // the source failed part-way; what arrived is kept
  };
  // Appends what `source` yields at `expected_offset`. Never grows the file past `limit` (the
  // declared length): a source with more is cut off with std::length_error after the limit.
  boost::asio::awaitable<Appended> append(std::string upload_id, std::uint64_t expected_offset,
                                          storage::ReadSome source, std::uint64_t limit,
                                          std::optional<ChunkChecksum> checksum);
  std::filesystem::path path(std::string_view upload_id) const;
  void remove(std::string_view upload_id) const;

 private:
  std::filesystem::path dir_;
  boost::asio::thread_pool blocking_{1};
};

}  // namespace sn::media
