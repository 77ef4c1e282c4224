#pragma once
// Blocking work (file system calls that may wait on a disk, a blocking library) run on a thread
// pool so no I/O thread waits: the coroutine resumes on its own executor with the result, or the
// exception the work threw.

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace sn {

namespace detail {
template <typename Result>
struct BlockingSignature {
  using type = void(std::exception_ptr, Result);
};
template <>
struct BlockingSignature<void> {
  using type = void(std::exception_ptr);
};
}  // namespace detail

// The work goes to the pool behind a shared_ptr: use_awaitable hands an operation's initiation to
// a coroutine by value, and GCC 12 relocates such arguments byte by byte, which breaks objects
// that point into themselves (a capture's short std::string, as ASan showed). A pointer survives.
// The pool drops its reference before the caller resumes, so what the work captured (a file and
// its lock) is let go on the caller's side, never later on a pool thread.
template <typename Result, typename Work>
auto run_blocking(boost::asio::thread_pool& pool, Work work) {
  namespace asio = boost::asio;
  auto task = std::make_shared<std::function<Result()>>(std::move(work));
  using Signature = typename detail::BlockingSignature<Result>::type;
  return asio::async_initiate<decltype(asio::use_awaitable), Signature>(
      [pool = &pool, task](auto handler) {
        // While the pool works, the caller's io_context must not run out of work and return.
        auto home = asio::make_work_guard(asio::get_associated_executor(handler));
        auto state = std::make_shared<decltype(handler)>(std::move(handler));
        asio::post(*pool, [state, task, home = std::move(home)]() mutable {
          std::exception_ptr error;
          if constexpr (std::is_void_v<Result>) {
            try {
              (*task)();
            } catch (...) {
              error = std::current_exception();
            }
            task.reset();
            asio::post(home.get_executor(), [state, error] { std::move (*state)(error); });
          } else {
            auto result = std::make_shared<Result>();
            try {
              *result = (*task)();
            } catch (...) {
              error = std::current_exception();
            }
            task.reset();
            asio::post(home.get_executor(),
                       [state, error, result] { std::move (*state)(error, std::move(*result)); });
          }
        });
      },
      asio::use_awaitable);
}

}  // namespace sn
