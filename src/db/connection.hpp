#pragma once
// One PostgreSQL connection driven by libpq's non-blocking API on Asio.
//
// Why not a pool of blocking DB threads: a query here is a coroutine suspended on the socket, so a
// slow query costs a few hundred bytes of coroutine frame rather than a thread, and nothing hops
// between threads on the way to the database and back. libpq does the protocol; we only wait for
// its socket to become readable or writable.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <unordered_set>

#include "core/error.hpp"
#include "db/query.hpp"
#include "db/result.hpp"

typedef struct pg_conn PGconn;

namespace sn::db {

class Invalidations;

struct ConnectOptions {
  // Server-side limit per statement; 0 means none (migrations).
  std::chrono::milliseconds statement_timeout{5000};
  // Client-side limits: libpq ignores connect_timeout when driven with PQconnectPoll, and a
  // black-holed server never answers, so every wait on the socket has a deadline of our own.
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds io_slack{2000};  // beyond statement_timeout, before we give up
  std::string application_name = "skillnexus";
  // When set, the connection LISTENs for cache invalidations and hands every one it receives to
  // this dispatcher (primary only: a standby cannot LISTEN).
  Invalidations* invalidations = nullptr;
};

// The connection itself failed (unreachable, lost, timed out): a replica that throws this is
// marked down. Busy pools and statement timeouts are plain Error(database_unavailable).
class ConnectionFailed : public Error {
 public:
  ConnectionFailed()
      : Error(Errc::database_unavailable, "The database cannot be reached. Try again shortly.") {}
};

class Connection {
 public:
  // Throws sn::Error(database_unavailable) when the server cannot be reached.
  static boost::asio::awaitable<std::unique_ptr<Connection>> connect(
      boost::asio::any_io_executor executor, const std::string& conninfo,
      const ConnectOptions& options);

  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A named statement: prepared on this connection the first time, then executed by name.
  boost::asio::awaitable<Result> execute(const Query& query, const Params& params);
  // Plain SQL text, possibly several statements, no parameters (migrations, BEGIN/COMMIT).
  boost::asio::awaitable<Result> run_script(const std::string& sql);

  // Suspends until notifications arrive and delivers them (the invalidation listener's loop).
  // Throws ConnectionFailed when the connection is lost.
  boost::asio::awaitable<void> wait_for_notifications();

  // False once the connection failed or was left mid-transaction: the pool then drops it.
  bool reusable() const;

 private:
  enum class Ready { read, write };
  enum class Want { read, write, read_or_write };

  Connection(boost::asio::any_io_executor executor, PGconn* conn, const ConnectOptions& options);
  // Waits until the socket is ready as wanted; a missed `deadline` breaks the connection.
  boost::asio::awaitable<Ready> wait(Want want, std::chrono::steady_clock::time_point deadline);
  std::chrono::steady_clock::time_point io_deadline() const;
  boost::asio::awaitable<void> flush(std::chrono::steady_clock::time_point deadline);
  boost::asio::awaitable<Result> collect(std::chrono::steady_clock::time_point deadline);
  void watch_socket();
  void deliver_notifications();
  [[noreturn]] void fail_connection(const char* during);

  PGconn* conn_;
  // Asio watches its own duplicate of libpq's socket: libpq may close its descriptor (connection
  // lost, or a new socket while connecting) and the number be reused by another socket, which
  // Asio must never deregister or wait on by mistake.
  boost::asio::posix::stream_descriptor socket_;
  boost::asio::steady_timer timer_;
  ConnectOptions options_;
  std::unordered_set<std::string> prepared_;
  bool broken_ = false;
};

}  // namespace sn::db
