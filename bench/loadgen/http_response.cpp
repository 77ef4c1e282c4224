#include "http_response.hpp"

#include <algorithm>
#include <charconv>

namespace sn::loadgen {

namespace {

// Longer status, header or chunk-size lines are refused rather than buffered without bound.
constexpr std::size_t kMaxLine = 16 * 1024;

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// Calls f on each comma-separated, trimmed token of a header value.
template <typename F>
void for_each_token(std::string_view value, F f) {
  while (true) {
    const auto comma = value.find(',');
    f(trim(value.substr(0, comma)));
    if (comma == std::string_view::npos) return;
    value.remove_prefix(comma + 1);
  }
}

}  // namespace

void ResponseParser::reset(bool head_request) {
  state_ = State::status_line;
  line_.clear();
  error_.clear();
  head_request_ = head_request;
  started_ = false;
  status_ = 0;
  http10_ = false;
  keep_alive_ = true;
  saw_connection_close_ = saw_connection_keep_alive_ = false;
  chunked_ = has_length_ = false;
  remaining_ = 0;
  body_bytes_ = 0;
}

void ResponseParser::fail(std::string message) {
  state_ = State::failed;
  error_ = std::move(message);
  keep_alive_ = false;
}

bool ResponseParser::take_line(std::string_view data, std::size_t& pos) {
  const auto newline = data.find('\n', pos);
  const std::size_t end = newline == std::string_view::npos ? data.size() : newline;
  line_.append(data.data() + pos, end - pos);
  pos = newline == std::string_view::npos ? data.size() : newline + 1;
  if (line_.size() > kMaxLine) {
    fail("a line longer than 16 KiB");
    return false;
  }
  if (newline == std::string_view::npos) return false;
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  return true;
}

std::size_t ResponseParser::feed(std::string_view data) {
  if (!data.empty()) started_ = true;
  std::size_t pos = 0;
  while (pos < data.size() && state_ != State::done && state_ != State::failed) {
    switch (state_) {
      case State::status_line:
        if (take_line(data, pos)) on_status_line();
        break;
      case State::header_line:
        if (take_line(data, pos)) on_header_line();
        break;
      case State::body_length:
      case State::chunk_data: {
        const auto n =
            static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, data.size() - pos));
        pos += n;
        remaining_ -= n;
        body_bytes_ += n;
        if (remaining_ == 0)
          state_ = state_ == State::body_length ? State::done : State::chunk_data_end;
        break;
      }
      case State::body_until_close:
        body_bytes_ += data.size() - pos;
        pos = data.size();
        break;
      case State::chunk_size:
        if (take_line(data, pos)) on_chunk_size_line();
        break;
      case State::chunk_data_end:
        if (take_line(data, pos)) {
          if (!line_.empty())
            fail("no CRLF after a chunk");
          else
            state_ = State::chunk_size;
          line_.clear();
        }
        break;
      case State::trailer_line:
        if (take_line(data, pos)) {
          if (line_.empty()) state_ = State::done;
          line_.clear();
        }
        break;
      case State::done:
      case State::failed:
        break;
    }
  }
  return pos;
}

void ResponseParser::on_status_line() {
  // "HTTP/1.1 200 OK"; the reason phrase may be empty or absent.
  const std::string_view line = line_;
  if (line.empty()) {  // tolerated before a status line (RFC 9112 section 2.2)
    return;
  }
  if (line.size() < 12 || !line.starts_with("HTTP/1.") || line[8] != ' ' ||
      (line.size() > 12 && line[12] != ' ')) {
    fail("a malformed status line: '" + std::string(line.substr(0, 80)) + "'");
    return;
  }
  http10_ = line[7] == '0';
  int status = 0;
  const auto [end, ec] = std::from_chars(line.data() + 9, line.data() + 12, status);
  if (ec != std::errc() || end != line.data() + 12 || status < 100) {
    fail("a malformed status code: '" + std::string(line.substr(0, 80)) + "'");
    return;
  }
  status_ = status;
  line_.clear();
  state_ = State::header_line;
}

void ResponseParser::on_header_line() {
  const std::string_view line = line_;
  if (line.empty()) {
    line_.clear();
    on_headers_end();
    return;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    fail("a malformed header line: '" + std::string(line.substr(0, 80)) + "'");
    return;
  }
  const std::string_view name = line.substr(0, colon);
  const std::string_view value = trim(line.substr(colon + 1));
  if (iequals(name, "content-length")) {
    std::uint64_t length = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty() ||
        (has_length_ && length != remaining_)) {
      fail("a malformed Content-Length: '" + std::string(value) + "'");
      return;
    }
    has_length_ = true;
    remaining_ = length;
  } else if (iequals(name, "transfer-encoding")) {
    // Chunked must be the last coding; anything else is delimited by the close.
    chunked_ = false;
    for_each_token(value, [&](std::string_view token) { chunked_ = iequals(token, "chunked"); });
    if (!chunked_) has_length_ = false;
  } else if (iequals(name, "connection")) {
    for_each_token(value, [&](std::string_view token) {
      if (iequals(token, "close")) saw_connection_close_ = true;
      if (iequals(token, "keep-alive")) saw_connection_keep_alive_ = true;
    });
  }
  line_.clear();
}

void ResponseParser::on_headers_end() {
  if (status_ < 200) {  // 100 Continue, 103 Early Hints: the real response follows
    const bool head = head_request_;
    reset(head);
    started_ = true;
    return;
  }
  keep_alive_ = http10_ ? saw_connection_keep_alive_ : !saw_connection_close_;
  if (head_request_ || status_ == 204 || status_ == 304) {
    state_ = State::done;
  } else if (chunked_) {
    state_ = State::chunk_size;
  } else if (has_length_) {
    state_ = remaining_ == 0 ? State::done : State::body_length;
  } else {
    keep_alive_ = false;
    state_ = State::body_until_close;
  }
}

void ResponseParser::on_chunk_size_line() {
  std::string_view line = line_;
  line = trim(line.substr(0, line.find(';')));  // chunk extensions are ignored
  std::uint64_t size = 0;
  const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), size, 16);
  if (ec != std::errc() || end != line.data() + line.size() || line.empty()) {
    fail("a malformed chunk size: '" + std::string(line.substr(0, 80)) + "'");
    return;
  }
  line_.clear();
  if (size == 0) {
    state_ = State::trailer_line;
  } else {
    remaining_ = size;
    state_ = State::chunk_data;
  }
}

void ResponseParser::end_of_stream() {
  if (state_ == State::body_until_close) {
    state_ = State::done;
    keep_alive_ = false;
  } else if (state_ != State::done && state_ != State::failed) {
    fail(started_ ? "the connection closed mid-response" : "the connection closed");
  }
}

}  // namespace sn::loadgen
