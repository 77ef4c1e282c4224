#include "db/connection.hpp"

#include <libpq-fe.h>

#include <boost/asio/use_awaitable.hpp>
#include <cstring>

#include "core/error.hpp"
#include "core/log.hpp"

namespace sn::db {
namespace asio = boost::asio;
using asio::posix::descriptor_base;

namespace {

[[noreturn]] void throw_unavailable() {
  throw Error(Errc::database_unavailable, "The database cannot be reached. Try again shortly.");
}

// SQLSTATEs after which the connection itself is unusable or the server is going away.
bool connection_lost(std::string_view state) {
  return state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
}

}  // namespace

Connection::Connection(asio::any_io_executor executor, PGconn* conn)
    : conn_(conn), socket_(std::move(executor)) {}

Connection::~Connection() {
  // libpq owns the socket: detach it from Asio before PQfinish closes it.
  if (socket_.is_open())
    socket_.release();
  PQfinish(conn_);
}

bool Connection::reusable() const {
  return !broken_ && PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

void Connection::rebind_socket() {
  const int fd = PQsocket(conn_);
  if (socket_.is_open() && socket_.native_handle() == fd)
    return;
  if (socket_.is_open())
    socket_.release();
  if (fd >= 0)
    socket_.assign(fd);
}

asio::awaitable<void> Connection::wait_readable() {
  co_await socket_.async_wait(descriptor_base::wait_read, asio::use_awaitable);
}

asio::awaitable<void> Connection::wait_writable() {
  co_await socket_.async_wait(descriptor_base::wait_write, asio::use_awaitable);
}

void Connection::fail_connection(const char* during) {
  broken_ = true;
  log::warn("database connection failed", {{"during", during}, {"error", PQerrorMessage(conn_)}});
  throw_unavailable();
}

asio::awaitable<std::unique_ptr<Connection>> Connection::connect(asio::any_io_executor executor,
                                                                 const std::string& conninfo,
                                                                 const ConnectOptions& options) {
  const std::string timeout = std::to_string(options.connect_timeout.count());
  const std::string pg_options =
      "-c statement_timeout=" + std::to_string(options.statement_timeout.count());
  // expand_dbname: the first "dbname" may be a whole URL or key=value string; later keywords
  // (ours) override what it says.
  const char* keys[] = {"dbname", "connect_timeout", "application_name", "options", nullptr};
  const char* values[] = {conninfo.c_str(), timeout.c_str(), options.application_name.c_str(),
                          pg_options.c_str(), nullptr};
  PGconn* raw = PQconnectStartParams(keys, values, 1);
  if (!raw)
    throw_unavailable();
  std::unique_ptr<Connection> conn(new Connection(executor, raw));
  if (PQstatus(raw) == CONNECTION_BAD)
    conn->fail_connection("connect");

  PostgresPollingStatusType poll = PGRES_POLLING_WRITING;
  for (;;) {
    // The socket may change between polls (another host, SSL or GSS fallback).
    conn->rebind_socket();
    if (poll == PGRES_POLLING_READING) {
      co_await conn->wait_readable();
    } else if (poll == PGRES_POLLING_WRITING) {
      co_await conn->wait_writable();
    }
    poll = PQconnectPoll(raw);
    if (poll == PGRES_POLLING_OK)
      break;
    if (poll == PGRES_POLLING_FAILED)
      conn->fail_connection("connect");
  }
  conn->rebind_socket();
  if (PQsetnonblocking(raw, 1) != 0)
    conn->fail_connection("setnonblocking");
  co_return conn;
}

asio::awaitable<void> Connection::flush() {
  for (;;) {
    const int rc = PQflush(conn_);
    if (rc == 0)
      co_return;
    if (rc < 0)
      fail_connection("send");
    co_await wait_writable();
  }
}

asio::awaitable<Result> Connection::collect() {
  Result last;
  std::optional<QueryError> failure;
  for (;;) {
    while (PQisBusy(conn_)) {
      co_await wait_readable();
      if (!PQconsumeInput(conn_))
        fail_connection("receive");
    }
    PGresult* raw = PQgetResult(conn_);
    if (!raw)
      break;
    Result result(raw);
    const auto status = PQresultStatus(raw);
    if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE ||
        status == PGRES_NONFATAL_ERROR) {
      const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
      if (!failure)
        failure.emplace(state ? state : "", PQresultErrorMessage(raw));
    } else {
      last = std::move(result);
    }
  }
  if (PQstatus(conn_) != CONNECTION_OK)
    fail_connection("receive");
  if (failure) {
    if (connection_lost(failure->sqlstate())) {
      broken_ = true;
      throw_unavailable();
    }
    if (failure->sqlstate() == "57014") {
      throw Error(Errc::database_unavailable, "The database did not answer in time.");
    }
    throw *failure;
  }
  co_return last;
}

asio::awaitable<Result> Connection::execute(const Query& query, const Params& params) {
  if (!prepared_.contains(query.name)) {
    if (!PQsendPrepare(conn_, query.name, query.sql, 0, nullptr))
      fail_connection("prepare");
    co_await flush();
    co_await collect();
    prepared_.insert(query.name);
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params)
    values.push_back(p ? p->c_str() : nullptr);
  if (!PQsendQueryPrepared(conn_, query.name, static_cast<int>(values.size()), values.data(),
                           nullptr, nullptr, 0)) {
    fail_connection("execute");
  }
  co_await flush();
  co_return co_await collect();
}

asio::awaitable<Result> Connection::run_script(const std::string& sql) {
  if (!PQsendQuery(conn_, sql.c_str()))
    fail_connection("query");
  co_await flush();
  co_return co_await collect();
}

}  // namespace sn::db
