#include "core/blocking.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <stdexcept>
#include <thread>

namespace sn {
namespace {

namespace asio = boost::asio;

template <typename Body>
void run_on_io_thread(Body body) {
  asio::io_context io;
  std::exception_ptr failure;
  asio::co_spawn(io, std::move(body), [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) std::rethrow_exception(failure);
}

TEST(RunBlocking, ReturnsTheResultOrRethrowsOnTheCallersThread) {
  asio::thread_pool pool(1);
  run_on_io_thread([&]() -> asio::awaitable<void> {
    const auto caller = std::this_thread::get_id();
    auto which_thread = [] { return std::this_thread::get_id(); };
    auto worker = co_await run_blocking<std::thread::id>(pool, which_thread);
    EXPECT_TRUE(worker != caller);
    EXPECT_TRUE(std::this_thread::get_id() == caller);
    bool thrown = false;
    try {
      auto fail = [] { throw std::runtime_error("disk"); };
      co_await run_blocking<void>(pool, fail);
    } catch (const std::runtime_error&) {
      thrown = true;
    }
    EXPECT_TRUE(thrown);
  });
}

// A work item that holds a lock (an upload's flock) must have let go of it by the time the caller
// answers; otherwise the client's next request finds the lock still held.
TEST(RunBlocking, WhatTheWorkCapturedIsReleasedBeforeTheCallerResumes) {
  asio::thread_pool pool(1);
  int still_held = 0;
  run_on_io_thread([&]() -> asio::awaitable<void> {
    for (int i = 0; i < 2000; ++i) {
      auto held = std::make_shared<int>(i);
      // Work is named, never a temporary in the co_await (GCC 12 copies those byte by byte).
      auto touch = [held] {};
      co_await run_blocking<void>(pool, std::move(touch));
      if (held.use_count() != 1) ++still_held;
      auto read_it = [held] { return *held; };
      const int read = co_await run_blocking<int>(pool, std::move(read_it));
      EXPECT_EQ(read, i);
      if (held.use_count() != 1) ++still_held;
    }
  });
  EXPECT_EQ(still_held, 0);
}

}  // namespace
}  // namespace sn
