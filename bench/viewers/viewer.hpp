// One viewer: a player on its own keep-alive connection with one timer. At its start time it
// fetches the playlist, then the segments in order from a random one, looping at the end, each
// when the previous one would have finished playing (real-time pace). A segment whose body
// arrives after its play-out deadline (when the next one is due) is a stall; the player then
// resumes when it arrives, so its later requests shift by the stall (as a player rebuffers).
// Bodies are skipped as they arrive into the thread's shared buffer, never kept.

#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <memory>

#include "http_response.hpp"
#include "plan.hpp"

namespace sn::viewers {

class Worker;

class Viewer {
 public:
  Viewer(Worker& worker, std::uint64_t index);
  Viewer(const Viewer&) = delete;
  Viewer& operator=(const Viewer&) = delete;

  void start();
  // The run is over: counts a request still in flight and closes (with a reset, so the run
  // leaves no TIME_WAIT sockets behind for the next one).
  void stop();
  bool starved() const { return stalls_ > 0; }

 private:
  enum class Failure { connect, io, protocol, timeout };

  void on_timer(boost::system::error_code ec);
  void issue();
  void connect();
  void send();
  void read();
  void drain();
  // Feeds what a read returned to the parser; true once the answer ended (or failed).
  bool on_data(boost::system::error_code ec, const char* data, std::size_t n);
  void complete();
  void fail(Failure failure, bool retryable);
  // The current request delivered nothing playable: a stall for a segment.
  void missed(Clock::time_point now);
  void stall(Clock::duration how_long);
  void schedule(Clock::time_point due, Clock::time_point now);
  void finish();
  void close();

  Worker& worker_;
  const Plan& plan_;
  const std::uint64_t index_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer timer_;  // the next due time while idle, the timeout while busy
  sn::loadgen::ResponseParser parser_;
  std::unique_ptr<char[]> small_buffer_;

  std::size_t segment_;         // the segment requested now, or next
  bool playlist_phase_ = true;  // the current request is the playlist
  bool first_segment_ = true;   // for the startup time
  bool connected_ = false;
  bool busy_ = false;
  bool reused_ = false;   // this connection already carried an answer
  bool retried_ = false;  // the current request was already sent again once
  bool timed_out_ = false;
  bool got_first_byte_ = false;
  bool finished_ = false;
  Clock::time_point due_;       // when the current request was due
  Clock::time_point deadline_;  // the current segment's play-out deadline
  Clock::time_point sent_at_;
  Clock::time_point started_at_;  // the playlist's send
  std::uint32_t stalls_ = 0;
};

}  // namespace sn::viewers
