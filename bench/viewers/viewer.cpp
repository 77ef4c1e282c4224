#include "viewer.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/write.hpp>
#include <cerrno>

#include "worker.hpp"

namespace sn::viewers {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

// Takes each answer's status line and headers (and the first body bytes); the rest of a body is
// drained through the thread's shared buffer, so 19,000 viewers need about 40 MB, not 5 GB.
constexpr std::size_t kSmallBuffer = 2048;

std::uint64_t micros(Clock::duration d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return us < 0 ? 0 : static_cast<std::uint64_t>(us);
}

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9;
  x = (x ^ (x >> 27)) * 0x94d049bb133111eb;
  return x ^ (x >> 31);
}

}  // namespace

Viewer::Viewer(Worker& worker, std::uint64_t index)
    : worker_(worker),
      plan_(worker.plan),
      index_(index),
      socket_(worker.io),
      timer_(worker.io),
      small_buffer_(new char[kSmallBuffer]),
      // A random first segment, so that viewers starting together ask for different files.
      segment_(static_cast<std::size_t>(splitmix64(plan_.seed * 0x100000001b3 + index) %
                                        plan_.segments.size())) {}

void Viewer::start() {
  due_ = plan_.start_of(index_);
  timer_.expires_at(due_);
  timer_.async_wait([this](error_code ec) { on_timer(ec); });
}

void Viewer::on_timer(error_code ec) {
  // A wait cancelled by a new expiry, or one that had already fired when the expiry moved on.
  if (ec || worker_.stopping || finished_ || timer_.expiry() > Clock::now()) return;
  if (busy_) {
    // No complete answer in time: closing aborts the pending operation, whose handler reports
    // the timeout.
    timed_out_ = true;
    close();
    return;
  }
  // How late the timer fired: the loader's own delay (its thread busy, or not running).
  worker_.stats.lateness.record(micros(Clock::now() - due_));
  issue();
}

void Viewer::issue() {
  busy_ = true;
  timed_out_ = false;
  retried_ = false;
  if (playlist_phase_)
    started_at_ = Clock::now();
  else
    deadline_ = due_ + plan_.segments[segment_].duration;
  timer_.expires_at(due_ + plan_.timeout);
  timer_.async_wait([this](error_code ec) { on_timer(ec); });
  if (connected_)
    send();
  else
    connect();
}

void Viewer::connect() {
  socket_.async_connect(plan_.endpoint, [this](error_code ec) {
    if (worker_.stopping) return;
    if (ec || timed_out_) {
      fail(timed_out_ ? Failure::timeout : Failure::connect, false);
      return;
    }
    ++worker_.stats.connects;
    error_code ignored;
    socket_.set_option(tcp::no_delay(true), ignored);
    socket_.non_blocking(true, ignored);  // for drain()'s synchronous reads
    connected_ = true;
    reused_ = false;
    send();
  });
}

void Viewer::send() {
  const std::string& request =
      playlist_phase_ ? plan_.playlist_request : plan_.segments[segment_].request;
  parser_.reset();
  got_first_byte_ = false;
  // A retry keeps the first send's time: the wasted round trip and the reconnect count.
  if (!retried_) sent_at_ = Clock::now();
  asio::async_write(socket_, asio::buffer(request), [this](error_code ec, std::size_t) {
    if (worker_.stopping) return;
    if (ec || timed_out_) {
      fail(timed_out_ ? Failure::timeout : Failure::io, !timed_out_);
      return;
    }
    read();
  });
}

void Viewer::read() {
  socket_.async_read_some(asio::buffer(small_buffer_.get(), kSmallBuffer),
                          [this](error_code ec, std::size_t n) {
                            if (worker_.stopping) return;
                            if (timed_out_)
                              fail(Failure::timeout, false);
                            else if (!on_data(ec, small_buffer_.get(), n))
                              drain();
                          });
}

void Viewer::drain() {
  char* buffer = worker_.buffer.get();
  while (true) {
    error_code ec;
    std::size_t n = 0;
    const std::uint64_t skip = worker_.drop_bodies ? parser_.body_remaining() : 0;
    if (skip > 0) {
      // The rest of a Content-Length body: the kernel drops it without copying it out; the
      // parser only counts those bytes, so the buffer's stale contents stand in for them.
      const auto r =
          ::recv(socket_.native_handle(), buffer,
                 static_cast<std::size_t>(std::min<std::uint64_t>(skip, Worker::kBufferSize)),
                 MSG_TRUNC | MSG_DONTWAIT);
      if (r > 0) {
        n = static_cast<std::size_t>(r);
      } else if (r == 0) {
        ec = asio::error::eof;
      } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        read();
        return;
      } else if (errno == EINTR) {
        continue;
      } else {
        ec = error_code(errno, boost::system::system_category());
      }
    } else {
      n = socket_.read_some(asio::buffer(buffer, Worker::kBufferSize), ec);
      if (ec == asio::error::would_block || ec == asio::error::try_again) {
        read();
        return;
      }
    }
    if (on_data(ec, buffer, n)) return;
  }
}

bool Viewer::on_data(error_code ec, const char* data, std::size_t n) {
  if (ec == asio::error::eof) {
    parser_.end_of_stream();
    if (parser_.done())
      complete();
    else
      fail(Failure::io, !parser_.started());
    return true;
  }
  if (ec) {
    fail(Failure::io, !parser_.started());
    return true;
  }
  if (!got_first_byte_ && n > 0) {
    got_first_byte_ = true;
    const auto ttfb = micros(Clock::now() - sent_at_);
    (playlist_phase_ ? worker_.stats.playlist_ttfb : worker_.stats.ttfb).record(ttfb);
  }
  const std::size_t used = parser_.feed(std::string_view(data, n));
  if (parser_.failed()) {
    fail(Failure::protocol, false);
    return true;
  }
  if (parser_.done()) {
    // Bytes after the answer: nothing was pipelined, so the stream is out of step.
    if (used < n)
      fail(Failure::protocol, false);
    else
      complete();
    return true;
  }
  return false;
}

void Viewer::complete() {
  const auto now = Clock::now();
  Stats& s = worker_.stats;
  busy_ = false;
  reused_ = true;
  s.body_bytes += parser_.body_bytes();
  if (now >= plan_.t0 + plan_.ramp && now < plan_.end) s.steady_body_bytes += parser_.body_bytes();
  if (!parser_.keep_alive()) {
    ++s.server_closes;
    close();  // the next request reconnects
  }
  const std::uint64_t expected =
      playlist_phase_ ? plan_.playlist_bytes : plan_.segments[segment_].bytes;
  if (parser_.status() != 200) {
    ++s.status_errors;
    missed(now);
    return;
  }
  if (parser_.body_bytes() != expected) {
    ++s.length_errors;
    missed(now);
    return;
  }
  if (playlist_phase_) {
    ++s.playlists;
    playlist_phase_ = false;
    schedule(now, now);  // the first segment at once, as a player does
    return;
  }
  ++s.segments;
  if (first_segment_) {
    first_segment_ = false;
    s.startup.record(micros(now - started_at_));
  }
  Clock::time_point next = deadline_;
  if (now > deadline_) {
    stall(now - deadline_);
    next = now;  // the player resumes now: everything after shifts by the stall
  }
  segment_ = (segment_ + 1) % plan_.segments.size();
  schedule(next, now);
}

void Viewer::fail(Failure failure, bool retryable) {
  const bool was_reused = reused_;
  close();
  if (worker_.stopping) return;
  // A kept-alive connection the server closed as the request went out: not an answer, so the
  // request goes again, once, on a new connection (as players and browsers do). The timer
  // still guards the request's timeout.
  if (retryable && was_reused && !retried_) {
    retried_ = true;
    ++worker_.stats.retries;
    connect();
    return;
  }
  busy_ = false;
  Stats& s = worker_.stats;
  switch (failure) {
    case Failure::connect:
      ++s.connect_errors;
      break;
    case Failure::io:
      ++s.io_errors;
      break;
    case Failure::protocol:
      ++s.protocol_errors;
      break;
    case Failure::timeout:
      ++s.timeouts;
      break;
  }
  missed(Clock::now());
}

void Viewer::missed(Clock::time_point now) {
  if (playlist_phase_) {
    // The viewer could not start; the preflight's playlist stands in so that it goes on
    // loading the server, and the run reports it starved.
    playlist_phase_ = false;
    stall(Clock::duration::zero());
    schedule(now, now);
    return;
  }
  stall(now > deadline_ ? now - deadline_ : Clock::duration::zero());
  segment_ = (segment_ + 1) % plan_.segments.size();
  // Not before the deadline: a server that refuses at once is not asked in a tight loop.
  schedule(std::max(now, deadline_), now);
}

void Viewer::stall(Clock::duration how_long) {
  ++stalls_;
  ++worker_.stats.stalls;
  worker_.stats.stall_us += micros(how_long);
}

void Viewer::schedule(Clock::time_point due, Clock::time_point now) {
  if (due >= plan_.end) {
    finish();
    return;
  }
  due_ = due;
  if (due <= now) {
    issue();
    return;
  }
  timer_.expires_at(due);  // cancels the timeout's wait
  timer_.async_wait([this](error_code ec) { on_timer(ec); });
}

void Viewer::finish() {
  if (finished_) return;
  finished_ = true;
  timer_.cancel();
  worker_.viewer_finished();
}

void Viewer::stop() {
  if (busy_) ++worker_.stats.unfinished;
  busy_ = false;
  timer_.cancel();
  if (socket_.is_open()) {
    error_code ignored;
    socket_.set_option(asio::socket_base::linger(true, 0), ignored);
  }
  close();
}

void Viewer::close() {
  error_code ignored;
  socket_.close(ignored);
  connected_ = false;
}

}  // namespace sn::viewers
