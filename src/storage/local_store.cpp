#include "storage/local_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "core/blocking.hpp"
#include "core/hash.hpp"
#include "core/random.hpp"

namespace sn::storage {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;

constexpr std::size_t kCopyBuffer = 256 * 1024;

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
  throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

void require_valid(std::string_view key) {
  if (!valid_key(key)) throw std::invalid_argument("not a valid object key");
}

void write_all(int fd, const char* data, std::size_t size, const fs::path& path) {
  while (size > 0) {
    const auto n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write", path);
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void fsync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("open", dir);
  ::fsync(fd);
  ::close(fd);
}

// Size and modification time make the entity tag, as a file server's do: every put renames a new
// inode into place, so a replaced object always gets a new tag.
ObjectInfo stat_info(const struct stat& st) {
  ObjectInfo info;
  info.size = static_cast<std::uint64_t>(st.st_size);
  const auto ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  info.modified = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(ns)));
  std::ostringstream tag;
  tag << '"' << std::hex << info.size << '-' << ns << '-' << st.st_ino << '"';
  info.etag = tag.str();
  return info;
}

}  // namespace

// An open temporary file that is removed unless it was committed.
struct TempFile {
  fs::path path;
  int fd = -1;
  bool committed = false;
  explicit TempFile(fs::path p) : path(std::move(p)) {
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) fail("create", path);
  }
  ~TempFile() {
    if (fd >= 0) ::close(fd);
    if (!committed) {
      std::error_code ec;
      fs::remove(path, ec);
    }
  }
  void sync_and_close() {
    if (::fsync(fd) != 0) fail("fsync", path);
    ::close(fd);
    fd = -1;
  }
};

LocalStore::LocalStore(fs::path root) : root_(std::move(root)) {
  for (auto bucket : kAllBuckets) {
    fs::create_directories(root_ / to_string(bucket) / ".tmp");
    fs::create_directories(root_ / to_string(bucket) / ".meta");
  }
}

LocalStore::~LocalStore() {
  blocking_.join();
}

fs::path LocalStore::object_path(Bucket bucket, std::string_view key) const {
  return root_ / to_string(bucket) / key;
}

fs::path LocalStore::meta_path(Bucket bucket, std::string_view key) const {
  return root_ / to_string(bucket) / ".meta" / (std::string(key) + ".json");
}

fs::path LocalStore::temp_path(Bucket bucket) const {
  return root_ / to_string(bucket) / ".tmp" / random_hex(12);
}

std::optional<fs::path> LocalStore::local_path(Bucket bucket, std::string_view key) const {
  require_valid(key);
  return object_path(bucket, key);
}

ObjectInfo LocalStore::commit(Bucket bucket, const std::string& key, TempFile& temp,
                              const ObjectInfo& info) const {
  temp.sync_and_close();
  // The checksum and type go first: a crash between the two renames leaves a description of an
  // object that head() does not find, never an object without one.
  const auto meta = meta_path(bucket, key);
  fs::create_directories(meta.parent_path());
  {
    TempFile meta_temp(temp_path(bucket));
    const auto text = boost::json::serialize(boost::json::object{
        {"sha256", info.sha256}, {"content_type", info.content_type}, {"size", info.size}});
    write_all(meta_temp.fd, text.data(), text.size(), meta_temp.path);
    meta_temp.sync_and_close();
    fs::rename(meta_temp.path, meta);
    meta_temp.committed = true;
  }
  const auto target = object_path(bucket, key);
  fs::create_directories(target.parent_path());
  fs::rename(temp.path, target);
  temp.committed = true;
  fsync_directory(target.parent_path());
  fsync_directory(meta.parent_path());
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) fail("stat", target);
  auto stored = stat_info(st);
  stored.sha256 = info.sha256;
  stored.content_type = info.content_type;
  return stored;
}

asio::awaitable<ObjectInfo> LocalStore::put(Bucket bucket, std::string key, ReadSome source,
                                            std::string content_type,
                                            std::optional<std::uint64_t> max_bytes) {
  require_valid(key);
  auto temp = std::make_shared<TempFile>(temp_path(bucket));
  Digest hasher;
  std::uint64_t total = 0;
  std::vector<char> buffer(kCopyBuffer);
  for (;;) {
    const auto n = co_await source(asio::buffer(buffer));
    if (n == 0) break;
    total += n;
    if (max_bytes && total > *max_bytes) throw std::length_error("the object is too large");
    // Writes land in the page cache; only the fsync below may wait on the disk.
    write_all(temp->fd, buffer.data(), n, temp->path);
    hasher.update(std::string_view(buffer.data(), n));
  }
  ObjectInfo info;
  info.size = total;
  info.sha256 = hasher.hex_digest();
  info.content_type = std::move(content_type);
  // A named lambda moved into the call: GCC 12 copies a closure made inside a co_await
  // expression byte by byte, which breaks the short strings it captured.
  auto finish = [this, bucket, key, temp, info]() { return commit(bucket, key, *temp, info); };
  co_return co_await run_blocking<ObjectInfo>(blocking_, std::move(finish));
}

asio::awaitable<ObjectInfo> LocalStore::put_file(Bucket bucket, std::string key, fs::path file,
                                                 std::string content_type) {
  require_valid(key);
  auto copy = [this, bucket, key, file, content_type]() {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    TempFile temp(temp_path(bucket));
    Digest hasher;
    std::uint64_t total = 0;
    std::vector<char> buffer(kCopyBuffer);
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto n = static_cast<std::size_t>(in.gcount());
      if (n == 0) break;
      write_all(temp.fd, buffer.data(), n, temp.path);
      hasher.update(std::string_view(buffer.data(), n));
      total += n;
    }
    ObjectInfo info;
    info.size = total;
    info.sha256 = hasher.hex_digest();
    info.content_type = content_type;
    return commit(bucket, key, temp, info);
  };
  co_return co_await run_blocking<ObjectInfo>(blocking_, std::move(copy));
}

asio::awaitable<std::optional<ObjectInfo>> LocalStore::head(Bucket bucket, std::string key) {
  require_valid(key);
  struct stat st {};
  if (::stat(object_path(bucket, key).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    co_return std::nullopt;
  }
  auto info = stat_info(st);
  std::ifstream meta(meta_path(bucket, key));
  std::stringstream text;
  text << meta.rdbuf();
  boost::system::error_code ec;
  auto parsed = boost::json::parse(text.str(), ec);
  if (!ec && parsed.is_object()) {
    const auto& object = parsed.as_object();
    if (auto* size = object.if_contains("size");
        size && size->to_number<std::uint64_t>() == info.size) {
      info.sha256 = object.at("sha256").as_string();
      info.content_type = object.at("content_type").as_string();
    }
  }
  co_return info;
}

namespace {

class LocalReader final : public ObjectReader {
 public:
  LocalReader(std::shared_ptr<const http::OpenFile> file, ObjectInfo info)
      : file_(std::move(file)), info_(std::move(info)) {}
  const ObjectInfo& info() const override { return info_; }
  http::StreamedBody::Piece range(std::uint64_t offset, std::uint64_t length) const override {
    if (offset > info_.size || length > info_.size - offset) {
      throw std::out_of_range("the range lies outside the object");
    }
    return http::FileSpan{file_, offset, length};
  }

 private:
  std::shared_ptr<const http::OpenFile> file_;
  ObjectInfo info_;
};

}  // namespace

// Open and fstat only: segments are read far more often than anything else, so no metadata file
// is read here (the entity tag comes from the inode).
asio::awaitable<std::shared_ptr<const ObjectReader>> LocalStore::open(Bucket bucket,
                                                                      std::string key) {
  require_valid(key);
  const auto path = object_path(bucket, key);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw ObjectNotFound(key);
    fail("open", path);
  }
  auto file = std::make_shared<const http::OpenFile>(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) throw ObjectNotFound(key);
  co_return std::make_shared<const LocalReader>(std::move(file), stat_info(st));
}

asio::awaitable<void> LocalStore::download(Bucket bucket, std::string key, fs::path to) {
  require_valid(key);
  const auto from = object_path(bucket, key);
  auto copy = [from, to, key]() {
    if (!fs::is_regular_file(from)) throw ObjectNotFound(key);
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  };
  co_await run_blocking<void>(blocking_, std::move(copy));
}

asio::awaitable<void> LocalStore::remove(Bucket bucket, std::string key) {
  require_valid(key);
  const auto data = object_path(bucket, key);
  const auto meta = meta_path(bucket, key);
  auto unlink = [data, meta]() {
    std::error_code ec;
    fs::remove(data, ec);
    fs::remove(meta, ec);
  };
  co_await run_blocking<void>(blocking_, std::move(unlink));
}

asio::awaitable<void> LocalStore::remove_prefix(Bucket bucket, std::string prefix) {
  require_valid(prefix);
  const auto data = object_path(bucket, prefix);
  const auto meta = root_ / to_string(bucket) / ".meta" / prefix;
  auto unlink = [data, meta]() {
    std::error_code ec;
    fs::remove_all(data, ec);
    fs::remove_all(meta, ec);
  };
  co_await run_blocking<void>(blocking_, std::move(unlink));
}

}  // namespace sn::storage
