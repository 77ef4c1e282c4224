// An incremental HTTP/1.1 response parser that keeps nothing but what the load generator needs:
// the status, whether the connection stays open, and where the response ends. Bodies are skipped
// as they arrive (Content-Length, chunked, or until the server closes), never copied, so a
// connection's memory does not grow with the size of what it downloads.

#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sn::loadgen {

class ResponseParser {
 public:
  // Prepares for the next response; a response to HEAD has no body whatever its headers say.
  void reset(bool head_request = false);

  // Consumes bytes of the response; returns how many. Stops at the end of the response (done())
  // or at an error (failed()); what is left belongs to the next response.
  std::size_t feed(std::string_view data);

  // The server closed the connection: ends a body delimited by the close; otherwise, unless the
  // response was complete, the response failed.
  void end_of_stream();

  bool done() const { return state_ == State::done; }
  bool failed() const { return state_ == State::failed; }
  const std::string& error() const { return error_; }
  // Whether any byte of this response arrived (a keep-alive connection closed by the server
  // before answering is worth one retry on a new connection).
  bool started() const { return started_; }

  int status() const { return status_; }
  // Valid once done(): whether the connection may carry the next request.
  bool keep_alive() const { return keep_alive_; }
  std::uint64_t body_bytes() const { return body_bytes_; }
  // Bytes of a Content-Length body still to come (0 before the body, after it, or if the body is
  // chunked or delimited by the close). A caller may drop that many without reading them (recv
  // with MSG_TRUNC) and feed() any bytes of the same count: the parser only counts body bytes.
  std::uint64_t body_remaining() const { return state_ == State::body_length ? remaining_ : 0; }

 private:
  enum class State {
    status_line,
    header_line,
    body_length,
    body_until_close,
    chunk_size,
    chunk_data,
    chunk_data_end,
    trailer_line,
    done,
    failed
  };

  // Accumulates one line (without CRLF) into line_; true when it is complete.
  bool take_line(std::string_view data, std::size_t& pos);
  void on_status_line();
  void on_header_line();
  void on_headers_end();
  void on_chunk_size_line();
  void fail(std::string message);

  State state_ = State::status_line;
  std::string line_;
  std::string error_;
  bool head_request_ = false;
  bool started_ = false;
  int status_ = 0;
  bool http10_ = false;
  bool keep_alive_ = true;
  bool saw_connection_close_ = false;
  bool saw_connection_keep_alive_ = false;
  bool chunked_ = false;
  bool has_length_ = false;
  std::uint64_t remaining_ = 0;  // body or chunk bytes still to skip
  std::uint64_t body_bytes_ = 0;
};

}  // namespace sn::loadgen
