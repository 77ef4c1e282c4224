#pragma once
// Uploads staged on this machine's disk (the local store): one file per upload, whose size is the
// offset a client resumes from. Appends hold an exclusive lock on the file, so two requests for
// one upload never interleave; a chunk whose checksum does not match is cut off again. Behind a
// load balancer every instance would need the same directory: S3UploadStaging is for that.

#include <boost/asio/thread_pool.hpp>
#include <filesystem>

#include "media/upload_staging.hpp"

namespace sn::media {

class FileUploadStaging final : public UploadStaging {
 public:
  // Files go to `dir`; accepted uploads are stored into `store` from there.
  FileUploadStaging(std::filesystem::path dir, storage::ObjectStore& store);
  ~FileUploadStaging() override;

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
  std::filesystem::path path(std::string_view upload_id) const;

  std::filesystem::path dir_;
  storage::ObjectStore& store_;
  boost::asio::thread_pool blocking_{1};
};

}  // namespace sn::media
