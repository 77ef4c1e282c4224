#include "db/connection.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstring>

#include "core/log.hpp"
#include "db/invalidations.hpp"

namespace sn::db {
namespace asio = boost::asio;
using asio::posix::descriptor_base;
using Clock = std::chrono::steady_clock;

namespace {

// SQLSTATEs after which the connection itself is unusable or the server is going away.
bool connection_lost(std::string_view state) {
  return state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
}

// The server-side options: the caller's own `options` (from the URL) plus our statement timeout.
std::string server_options(const std::string& conninfo, const ConnectOptions& options) {
  std::string result;
  char* err = nullptr;
  if (PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &err)) {
    for (auto* o = parsed; o->keyword; ++o) {
      if (std::strcmp(o->keyword, "options") == 0 && o->val) result = std::string(o->val) + " ";
    }
    PQconninfoFree(parsed);
  }
  if (err) PQfreemem(err);
  return result + "-c statement_timeout=" + std::to_string(options.statement_timeout.count());
}

}  // namespace

Connection::Connection(asio::any_io_executor executor, PGconn* conn, const ConnectOptions& options)
    : conn_(conn), socket_(executor), timer_(executor), options_(options) {}

Connection::~Connection() {
  boost::system::error_code ec;
  socket_.close(ec);  // our duplicate; libpq closes its own in PQfinish
  PQfinish(conn_);
}

bool Connection::reusable() const {
  return !broken_ && PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

void Connection::watch_socket() {
  boost::system::error_code ec;
  socket_.close(ec);
  const int fd = PQsocket(conn_);
  if (fd < 0) return;
  const int copy = ::dup(fd);
  if (copy < 0) fail_connection("dup");
  socket_.assign(copy);
}

Clock::time_point Connection::io_deadline() const {
  if (options_.statement_timeout.count() == 0) return Clock::time_point::max();
  return Clock::now() + options_.statement_timeout + options_.io_slack;
}

asio::awaitable<Connection::Ready> Connection::wait(Want want, Clock::time_point deadline) {
  using namespace asio::experimental::awaitable_operators;
  if (!socket_.is_open()) fail_connection("wait");
  timer_.expires_at(deadline);
  auto on = [this](descriptor_base::wait_type type) {
    return socket_.async_wait(type, asio::use_awaitable);
  };
  auto expiry = [this] { return timer_.async_wait(asio::use_awaitable); };
  if (want == Want::read_or_write) {
    // libpq may need to read before it can write more (the server talks back mid-send).
    auto result =
        co_await (on(descriptor_base::wait_write) || on(descriptor_base::wait_read) || expiry());
    if (result.index() == 2) fail_connection("timeout");
    co_return result.index() == 0 ? Ready::write : Ready::read;
  }
  const bool write = want == Want::write;
  auto result =
      co_await (on(write ? descriptor_base::wait_write : descriptor_base::wait_read) || expiry());
  if (result.index() == 1) fail_connection("timeout");
  co_return write ? Ready::write : Ready::read;
}

void Connection::fail_connection(const char* during) {
  broken_ = true;
  log::warn("database connection failed", {{"during", during}, {"error", PQerrorMessage(conn_)}});
  throw ConnectionFailed();
}

asio::awaitable<std::unique_ptr<Connection>> Connection::connect(asio::any_io_executor executor,
                                                                 const std::string& conninfo,
                                                                 const ConnectOptions& options) {
  const std::string pg_options = server_options(conninfo, options);
  // expand_dbname: the first "dbname" may be a whole URL or key=value string; later keywords
  // (ours) override what it says.
  const char* keys[] = {"dbname", "application_name", "options", nullptr};
  const char* values[] = {conninfo.c_str(), options.application_name.c_str(), pg_options.c_str(),
                          nullptr};
  PGconn* raw = PQconnectStartParams(keys, values, 1);
  if (!raw) throw ConnectionFailed();
  std::unique_ptr<Connection> conn(new Connection(executor, raw, options));
  if (PQstatus(raw) == CONNECTION_BAD) conn->fail_connection("connect");

  const auto deadline = Clock::now() + options.connect_timeout;
  PostgresPollingStatusType poll = PGRES_POLLING_WRITING;
  for (;;) {
    // The socket may change between polls (another host, SSL or GSS fallback), even to one
    // with the same number: watch a fresh duplicate every time.
    conn->watch_socket();
    co_await conn->wait(poll == PGRES_POLLING_READING ? Want::read : Want::write, deadline);
    poll = PQconnectPoll(raw);
    if (poll == PGRES_POLLING_OK) break;
    if (poll == PGRES_POLLING_FAILED) conn->fail_connection("connect");
  }
  conn->watch_socket();
  if (PQsetnonblocking(raw, 1) != 0) conn->fail_connection("setnonblocking");
  // Server notices ("relation already exists, skipping") belong in the debug log, not on stderr.
  PQsetNoticeProcessor(
      raw,
      [](void*, const char* message) {
        log::debug("database notice", {{"notice", message}});
      },
      nullptr);
  if (options.invalidations) {
    co_await conn->run_script(std::string("LISTEN ") + Invalidations::kChannel);
  }
  co_return conn;
}

void Connection::deliver_notifications() {
  while (PGnotify* note = PQnotifies(conn_)) {
    if (options_.invalidations && std::strcmp(note->relname, Invalidations::kChannel) == 0) {
      options_.invalidations->dispatch(note->extra);
    }
    PQfreemem(note);
  }
}

asio::awaitable<void> Connection::wait_for_notifications() {
  co_await wait(Want::read, Clock::time_point::max());
  if (!PQconsumeInput(conn_)) fail_connection("receive");
  deliver_notifications();
}

asio::awaitable<void> Connection::flush(Clock::time_point deadline) {
  for (;;) {
    const int rc = PQflush(conn_);
    if (rc == 0) co_return;
    if (rc < 0) fail_connection("send");
    if (co_await wait(Want::read_or_write, deadline) == Ready::read && !PQconsumeInput(conn_)) {
      fail_connection("receive");
    }
  }
}

asio::awaitable<Result> Connection::collect(Clock::time_point deadline) {
  Result last;
  std::optional<QueryError> failure;
  for (;;) {
    while (PQisBusy(conn_)) {
      co_await wait(Want::read, deadline);
      if (!PQconsumeInput(conn_)) fail_connection("receive");
    }
    PGresult* raw = PQgetResult(conn_);
    if (!raw) break;
    Result result(raw);
    const auto status = PQresultStatus(raw);
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
      // COPY needs a protocol this class does not speak; never leave the connection in it.
      broken_ = true;
      throw QueryError("0A000", "COPY is not supported on pooled connections");
    }
    if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE ||
        status == PGRES_NONFATAL_ERROR) {
      const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
      if (!failure) failure.emplace(state ? state : "", PQresultErrorMessage(raw));
    } else {
      last = std::move(result);
    }
  }
  if (PQstatus(conn_) != CONNECTION_OK) fail_connection("receive");
  // Our own transaction's invalidations arrive before its ReadyForQuery: deliver them before
  // the caller can act on what it just changed.
  deliver_notifications();
  if (failure) {
    if (connection_lost(failure->sqlstate())) {
      broken_ = true;
      throw ConnectionFailed();
    }
    if (failure->sqlstate() == "57014") {
      throw Error(Errc::database_unavailable, "The database did not answer in time.");
    }
    throw *failure;
  }
  co_return last;
}

asio::awaitable<Result> Connection::execute(const Query& query, const Params& params) {
  const auto deadline = io_deadline();
  if (!prepared_.contains(query.name)) {
    if (!PQsendPrepare(conn_, query.name, query.sql, 0, nullptr)) fail_connection("prepare");
    co_await flush(deadline);
    co_await collect(deadline);
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
  co_await flush(deadline);
  co_return co_await collect(deadline);
}

asio::awaitable<Result> Connection::run_script(const std::string& sql) {
  const auto deadline = io_deadline();
  if (!PQsendQuery(conn_, sql.c_str())) fail_connection("query");
  co_await flush(deadline);
  co_return co_await collect(deadline);
}

}  // namespace sn::db
