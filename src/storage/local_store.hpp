#pragma once
// The object store on a local directory: <root>/<bucket>/<key>, with each object's checksum and
// type in <root>/<bucket>/.meta/<key>.json. A put writes a temporary file, fsyncs it and renames
// it into place, so a reader never sees part of an object and a crash leaves nothing half-written.
// Calls that may wait on the disk (fsync, copies, removals) run on a small thread pool.

#include <boost/asio/thread_pool.hpp>
#include <filesystem>

#include "storage/object_store.hpp"

namespace sn::storage {

struct TempFile;  // a temporary file in a bucket's .tmp, removed unless committed

class LocalStore final : public ObjectStore {
 public:
  explicit LocalStore(std::filesystem::path root);
  ~LocalStore() override;

  boost::asio::awaitable<ObjectInfo> put(Bucket bucket, std::string key, ReadSome source,
                                         std::string content_type,
                                         std::optional<std::uint64_t> max_bytes) override;
  boost::asio::awaitable<ObjectInfo> put_file(Bucket bucket, std::string key,
                                              std::filesystem::path file,
                                              std::string content_type) override;
  boost::asio::awaitable<std::optional<ObjectInfo>> head(Bucket bucket, std::string key) override;
  boost::asio::awaitable<std::shared_ptr<const ObjectReader>> open(Bucket bucket,
                                                                   std::string key) override;
  boost::asio::awaitable<void> download(Bucket bucket, std::string key,
                                        std::filesystem::path to) override;
  boost::asio::awaitable<void> remove(Bucket bucket, std::string key) override;
  boost::asio::awaitable<void> remove_prefix(Bucket bucket, std::string prefix) override;
  std::optional<std::filesystem::path> local_path(Bucket bucket,
                                                  std::string_view key) const override;

 private:
  std::filesystem::path object_path(Bucket bucket, std::string_view key) const;
  std::filesystem::path meta_path(Bucket bucket, std::string_view key) const;
  std::filesystem::path temp_path(Bucket bucket) const;
  // Makes a fully written temporary file the object (fsync, renames, the object's description);
  // blocking. Returns what head() will say of it.
  ObjectInfo commit(Bucket bucket, const std::string& key, TempFile& temp,
                    const ObjectInfo& info) const;

  std::filesystem::path root_;
  boost::asio::thread_pool blocking_{2};
};

}  // namespace sn::storage
