#pragma once
// The object store on the S3 API: AWS S3, or a compatible server (MinIO, s3rver) on a custom
// endpoint. Requests are signed with SigV4 and sent over a small pool of keep-alive HTTP/1.1
// connections (TLS for https endpoints, verified against the system's CAs). Puts are streamed in
// parts of part_size, one part in memory at a time; reads stream ranged GETs in chunks, so no
// object is ever held whole in memory.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "storage/aws_credentials.hpp"
#include "storage/object_store.hpp"
#include "storage/sigv4.hpp"

namespace sn::storage {

struct S3Settings {
  std::string endpoint;  // "https://s3.eu-west-1.amazonaws.com" or "http://127.0.0.1:4569"
  std::string region;    // "eu-west-1"
  // Path style ("endpoint/bucket/key") for custom endpoints such as s3rver and MinIO; otherwise
  // virtual-hosted style ("bucket.endpoint/key"), which AWS wants.
  bool path_style = false;
  // Fixed keys, used unless credentials_provider is set (temporary keys that it refreshes: an
  // ECS task role, an EC2 instance profile). Each request is signed with the provider's current
  // keys; when it has none, the request fails with aws::CredentialsError.
  sigv4::Credentials credentials;
  std::shared_ptr<aws::CredentialsProvider> credentials_provider;
  std::map<Bucket, std::string> bucket_names;  // one for each of kAllBuckets
  // Bytes per multipart part, and the largest object sent in a single PutObject: 5 MiB (S3's
  // smallest part) to 5 GiB. A put holds one part in memory.
  std::uint64_t part_size = 8 * 1024 * 1024;
  // Keys per ListObjectsV2 page (S3 gives at most 1000); smaller only to test paging.
  int list_page_size = 1000;
};

// An error answer from S3: the HTTP status and S3's error code ("NoSuchBucket", "AccessDenied",
// ...). The message names the operation, never the credentials.
class S3Error : public std::runtime_error {
 public:
  S3Error(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

namespace s3 {
class Client;
struct Call;
}  // namespace s3

class S3Store final : public ObjectStore {
 public:
  // Connections are made on `executor`, whose io_context must outlive the store (and its readers)
  // and run while it is used. Calls may come from any thread of it, each from one strand at a time
  // (as sessions run); so may a reader's chunk sources. Throws std::invalid_argument for an
  // unusable endpoint, part size or bucket map.
  S3Store(boost::asio::any_io_executor executor, S3Settings settings);
  ~S3Store() override;

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

  // The pieces of a multipart upload, for callers that send one object's parts across several
  // requests (resumable uploads, src/media/s3_upload_staging.hpp). Parts are numbered from 1; all
  // but the last must be at least 5 MiB; a part sent again under its number replaces it.
  struct UploadedPart {
    int number = 0;
    std::string etag;
  };
  // Starts one; returns S3's upload id.
  boost::asio::awaitable<std::string> start_multipart(Bucket bucket, std::string key,
                                                      std::string content_type, std::string sha256);
  // Sends one part; returns its ETag. `bytes` must live until the call returns.
  boost::asio::awaitable<std::string> upload_part(Bucket bucket, std::string key,
                                                  std::string upload_id, int number,
                                                  std::string_view bytes);
  // Makes the object of exactly `parts` (in order); parts sent but not named are dropped.
  boost::asio::awaitable<ObjectInfo> complete_multipart(Bucket bucket, std::string key,
                                                        std::string upload_id,
                                                        std::vector<UploadedPart> parts);
  // Drops the upload and its parts; one that is gone already is not an error.
  boost::asio::awaitable<void> abort_multipart(Bucket bucket, std::string key,
                                               std::string upload_id);
  // A server-side copy (CopyObject: objects up to kMaxCopyBytes) with a new content type and
  // digest. Throws ObjectNotFound when the source is missing.
  static constexpr std::uint64_t kMaxCopyBytes = 5ull << 30;
  boost::asio::awaitable<ObjectInfo> copy(Bucket from, std::string from_key, Bucket to,
                                          std::string to_key, std::string content_type,
                                          std::string sha256);
  // A small object's bytes, at most `max_bytes` (else std::length_error). Throws ObjectNotFound.
  boost::asio::awaitable<std::string> get(Bucket bucket, std::string key, std::uint64_t max_bytes);
  std::uint64_t part_size() const { return part_size_; }

 private:
  // put and put_file: `known_sha256` (put_file hashes its file first) goes on the object when
  // the upload starts; without it a multipart object gets its digest once all bytes are read.
  boost::asio::awaitable<ObjectInfo> upload(Bucket bucket, std::string key, ReadSome source,
                                            std::string content_type,
                                            std::optional<std::uint64_t> max_bytes,
                                            std::optional<std::string> known_sha256);
  const std::string& bucket_name(Bucket bucket) const;
  // A CopyObject request that replaces the metadata with `content_type` and `sha256`.
  s3::Call copy_request(const std::string& from_bucket, const std::string& from_key,
                        const std::string& to_bucket, const std::string& to_key,
                        const std::string& content_type, const std::string& sha256) const;

  std::shared_ptr<s3::Client> client_;  // shared with readers that outlive a call
  std::map<Bucket, std::string> bucket_names_;
  std::uint64_t part_size_;
  int list_page_size_;
  boost::asio::thread_pool blocking_{1};  // reading and hashing put_file's file
};

}  // namespace sn::storage
