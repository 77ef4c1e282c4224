#pragma once
// Bodies too large to hold in memory: a request body a route reads as it arrives (uploads), and a
// response body the session writes after the header (media, downloads), from files with
// sendfile(2) or from a chunk source such as an object streamed from S3.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sn::http {

// The body of a request whose route is declared with RouteOptions::streamed_body. Reads at most
// the declared Content-Length (or the decoded chunks); read_some returns 0 at the end. A read that
// stalls longer than the server's read timeout throws, as does a client that goes away.
class BodyReader {
 public:
  virtual ~BodyReader() = default;
  // The Content-Length the client declared; nullopt for a chunked body.
  virtual std::optional<std::uint64_t> declared_length() const = 0;
  virtual boost::asio::awaitable<std::size_t> read_some(boost::asio::mutable_buffer buffer) = 0;
  // True once the whole body has been read: only then may the connection carry another request.
  virtual bool finished() const = 0;
};

// An open file descriptor, closed with its last reference.
class OpenFile {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  ~OpenFile();
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Bytes [offset, offset + length) of a file, written with sendfile(2).
struct FileSpan {
  std::shared_ptr<const OpenFile> file;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

// Bytes produced while the response is being written; next() returns an empty string at the end.
class ChunkSource {
 public:
  virtual ~ChunkSource() = default;
  virtual boost::asio::awaitable<std::string> next() = 0;
};

// A response body written after the header: pieces in order (a multipart/byteranges answer
// interleaves literal bytes with file spans or chunk sources). `length` is the exact total, sent
// as Content-Length; a body that yields a different count closes the connection.
struct StreamedBody {
  using Piece = std::variant<std::string, FileSpan, std::shared_ptr<ChunkSource>>;
  std::vector<Piece> pieces;
  std::uint64_t length = 0;
};

// What a handler may use besides the buffered request and response: set up by the session.
struct BodyStreams {
  BodyReader* request_body = nullptr;         // routes with streamed_body only
  std::optional<StreamedBody> response_body;  // set by the handler; the Response body stays empty
};

}  // namespace sn::http
