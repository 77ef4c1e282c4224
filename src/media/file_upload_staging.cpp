#include "media/file_upload_staging.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <vector>

#include "core/blocking.hpp"
#include "core/hash.hpp"
#include "http/inputs.hpp"

namespace sn::media {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;

[[noreturn]] void fail(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// The staged file, open and exclusively locked for one append or its termination; closing
// releases the lock.
struct LockedFile {
  int fd = -1;
  explicit LockedFile(const fs::path& path) {
    fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) throw std::out_of_range("no such upload");
      fail("open upload");
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd);
      if (error == EWOULDBLOCK) throw UploadBusy();
      errno = error;
      fail("lock upload");
    }
    // Terminated between our open and our lock: the name is gone, and so is the upload.
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      const int error = errno;
      ::close(fd);
      errno = error;
      fail("stat upload");
    }
    if (st.st_nlink == 0) {
      ::close(fd);
      throw std::out_of_range("no such upload");
    }
  }
  ~LockedFile() {
    if (fd >= 0) ::close(fd);
  }
  std::uint64_t size() const {
    struct stat st {};
    if (::fstat(fd, &st) != 0) fail("stat upload");
    return static_cast<std::uint64_t>(st.st_size);
  }
  void truncate(std::uint64_t length) const {
    if (::ftruncate(fd, static_cast<off_t>(length)) != 0) fail("truncate upload");
  }
};

void write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const auto n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write upload");
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

}  // namespace

FileUploadStaging::FileUploadStaging(fs::path dir, storage::ObjectStore& store)
    : dir_(std::move(dir)), store_(store) {
  fs::create_directories(dir_);
}

FileUploadStaging::~FileUploadStaging() {
  blocking_.join();
}

fs::path FileUploadStaging::path(std::string_view upload_id) const {
  // Ids are the server's own uuids; anything else never becomes a path.
  if (!http::is_uuid(upload_id)) throw std::invalid_argument("not an upload id");
  return dir_ / upload_id;
}

asio::awaitable<void> FileUploadStaging::create(std::string upload_id, std::string) {
  const int fd = ::open(path(upload_id).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) fail("create upload");
  ::close(fd);
  co_return;
}

asio::awaitable<std::optional<std::uint64_t>> FileUploadStaging::offset(std::string upload_id) {
  struct stat st {};
  if (::stat(path(upload_id).c_str(), &st) != 0) co_return std::nullopt;
  co_return static_cast<std::uint64_t>(st.st_size);
}

asio::awaitable<std::unique_ptr<AssembledUpload>> FileUploadStaging::assemble(
    std::string upload_id) {
  co_return std::make_unique<AssembledUpload>(path(upload_id), false);
}

asio::awaitable<storage::ObjectInfo> FileUploadStaging::store(std::string,
                                                              const AssembledUpload& assembled,
                                                              storage::Bucket bucket,
                                                              std::string key,
                                                              std::string content_type) {
  auto file = assembled.path();
  co_return co_await store_.put_file(bucket, std::move(key), std::move(file),
                                     std::move(content_type));
}

asio::awaitable<void> FileUploadStaging::remove(std::string upload_id) {
  std::error_code ec;
  fs::remove(path(upload_id), ec);
  co_return;
}

asio::awaitable<void> FileUploadStaging::terminate(std::string upload_id, ForgetRow forget_row) {
  const auto staged = path(upload_id);
  std::unique_ptr<LockedFile> file;
  try {
    file = std::make_unique<LockedFile>(staged);
  } catch (const std::out_of_range&) {
    // Nothing staged: only the row to forget.
  }
  const bool forgotten = co_await forget_row();
  // Unlinked under the lock, so an append that opened the file first sees that it is gone.
  std::error_code ec;
  if (file && forgotten) fs::remove(staged, ec);
}

asio::awaitable<UploadStaging::Appended> FileUploadStaging::append(
    std::string upload_id, std::uint64_t expected_offset, storage::ReadSome source,
    std::uint64_t limit, std::optional<ChunkChecksum> checksum) {
  auto file = std::make_shared<LockedFile>(path(upload_id));
  const auto start = file->size();
  if (start != expected_offset) throw OffsetMismatch(start);
  if (::lseek(file->fd, 0, SEEK_END) < 0) fail("seek upload");

  std::optional<Digest> digest;
  if (checksum) digest.emplace(checksum->algorithm);
  std::vector<char> buffer(256 * 1024);
  std::uint64_t at = start;
  bool interrupted = false;
  for (;;) {
    std::size_t n = 0;
    try {
      n = co_await source(asio::buffer(buffer));
    } catch (...) {
      interrupted = true;
      break;
    }
    if (n == 0) break;
    if (n > limit - at) {
      file->truncate(start);
      throw std::length_error("more bytes than the upload's declared length");
    }
    write_all(file->fd, buffer.data(), n);
    if (digest) digest->update(std::string_view(buffer.data(), n));
    at += n;
  }
  // A chunk that must match a checksum is kept whole or not at all.
  if (digest && (interrupted || digest->finish() != checksum->digest)) {
    file->truncate(start);
    if (interrupted) co_return Appended{start, true};
    throw ChecksumMismatch();
  }
  // What we report as received must survive a crash: the next offset a client sees is durable.
  auto sync = [file] {
    if (::fdatasync(file->fd) != 0) fail("sync upload");
  };
  co_await run_blocking<void>(blocking_, std::move(sync));
  co_return Appended{at, interrupted};
}

}  // namespace sn::media
