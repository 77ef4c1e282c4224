#pragma once
// Object storage: one interface, two backends chosen by configuration: a local directory (the
// embedded default, under the data dir) and the S3 API. Three buckets as in the AWS design:
// videos (renditions, posters, captions), assets (course files, covers) and uploads (what users
// send, until it is checked and moved). Keys are always made by the server (see valid_key): no
// user-supplied name ever reaches a file system or an S3 path.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "http/body_streams.hpp"

namespace sn::storage {

enum class Bucket { videos, assets, uploads };
inline constexpr Bucket kAllBuckets[] = {Bucket::videos, Bucket::assets, Bucket::uploads};
std::string_view to_string(Bucket bucket);

struct ObjectInfo {
  std::uint64_t size = 0;
  // A strong entity tag for HTTP answers and If-Range, quoted; changes whenever the object does.
  std::string etag;
  std::chrono::system_clock::time_point modified;
  // Known after put and head; a read may leave them empty (it answers from the bytes alone).
  std::string sha256;  // hex digest of the whole object, computed while it was written
  std::string content_type;
};

// An object opened for reading: its description, and any ranges of its bytes as pieces of a
// streamed response (a file span written with sendfile for the local store, chunks of a ranged GET
// for S3). Ranges may be asked for several times (a multipart/byteranges answer).
class ObjectReader {
 public:
  virtual ~ObjectReader() = default;
  virtual const ObjectInfo& info() const = 0;
  // Bytes [offset, offset + length), which must lie within the object.
  virtual http::StreamedBody::Piece range(std::uint64_t offset, std::uint64_t length) const = 0;
};

// Where the bytes of a put come from: returns how many it placed in the buffer, 0 at the end.
using ReadSome = std::function<boost::asio::awaitable<std::size_t>(boost::asio::mutable_buffer)>;
// A source that yields `bytes` (small objects made in memory: captions, playlists).
ReadSome read_string(std::string bytes);

class ObjectNotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A key that may be stored: at most 512 characters of [a-z0-9._-] in '/'-separated segments, each
// starting with a letter or digit (so never "." or ".."; names starting with a dot are the
// store's own). The store refuses anything else (std::invalid_argument).
bool valid_key(std::string_view key);

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  // Stores the bytes `source` yields under `key`, replacing any object there. Readers see the old
  // object or the new one, never a part: nothing is visible until all bytes are durable. With
  // `max_bytes`, a source that yields more is refused (std::length_error) and nothing is stored.
  virtual boost::asio::awaitable<ObjectInfo> put(Bucket bucket, std::string key, ReadSome source,
                                                 std::string content_type,
                                                 std::optional<std::uint64_t> max_bytes) = 0;
  // Stores a local file (what the transcoder wrote), the same way.
  virtual boost::asio::awaitable<ObjectInfo> put_file(Bucket bucket, std::string key,
                                                      std::filesystem::path file,
                                                      std::string content_type) = 0;
  virtual boost::asio::awaitable<std::optional<ObjectInfo>> head(Bucket bucket,
                                                                 std::string key) = 0;
  // Opens an object for reading. Throws ObjectNotFound.
  virtual boost::asio::awaitable<std::shared_ptr<const ObjectReader>> open(Bucket bucket,
                                                                           std::string key) = 0;
  // Copies an object to a local file (the transcoder's input). Throws ObjectNotFound.
  virtual boost::asio::awaitable<void> download(Bucket bucket, std::string key,
                                                std::filesystem::path to) = 0;
  // Removes an object; removing a missing one is not an error.
  virtual boost::asio::awaitable<void> remove(Bucket bucket, std::string key) = 0;
  // Removes every object whose key starts with `prefix` + "/" (a video's renditions).
  virtual boost::asio::awaitable<void> remove_prefix(Bucket bucket, std::string prefix) = 0;

  // A path on this machine holding the object's bytes, when the backend keeps them locally (so
  // the transcoder reads them in place); nullopt for remote backends.
  virtual std::optional<std::filesystem::path> local_path(Bucket bucket,
                                                          std::string_view key) const = 0;
};

}  // namespace sn::storage
