// One thread of the load tool: an io_context, the viewers it runs, their shared read buffer and
// their statistics. Threads share nothing but the read-only plan.

#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <memory>
#include <vector>

#include "plan.hpp"
#include "stats.hpp"

namespace sn::viewers {

class Viewer;

class Worker {
 public:
  static constexpr std::size_t kBufferSize = 256 * 1024;

  explicit Worker(const Plan& plan);
  ~Worker();

  void add(std::uint64_t viewer_index);
  // Runs until every viewer has finished, or the plan's end plus its timeout and a second.
  void run();
  void viewer_finished();

  const Plan& plan;
  boost::asio::io_context io;
  std::unique_ptr<char[]> buffer;  // every body byte of this thread lands here, and is dropped
  // Content-Length bodies are dropped by the kernel (recv with MSG_TRUNC), not read into buffer.
  bool drop_bodies = true;
  Stats stats;
  bool stopping = false;

 private:
  void stop_all();

  boost::asio::steady_timer hard_end_;
  std::vector<std::unique_ptr<Viewer>> viewers_;
  std::size_t active_ = 0;
};

}  // namespace sn::viewers
