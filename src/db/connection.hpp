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
#include <chrono>
#include <memory>
#include <string>
#include <unordered_set>

#include "db/query.hpp"
#include "db/result.hpp"

typedef struct pg_conn PGconn;

namespace sn::db {

struct ConnectOptions {
  std::chrono::milliseconds statement_timeout{5000};
  std::chrono::seconds connect_timeout{5};
  std::string application_name = "skillnexus";
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

  // False once the connection failed or was left mid-transaction: the pool then drops it.
  bool reusable() const;

 private:
  Connection(boost::asio::any_io_executor executor, PGconn* conn);
  boost::asio::awaitable<void> wait_readable();
  boost::asio::awaitable<void> wait_writable();
  boost::asio::awaitable<void> flush();
  boost::asio::awaitable<Result> collect();
  void rebind_socket();
  [[noreturn]] void fail_connection(const char* during);

  PGconn* conn_;
  boost::asio::posix::stream_descriptor socket_;
  std::unordered_set<std::string> prepared_;
  bool broken_ = false;
};

}  // namespace sn::db
