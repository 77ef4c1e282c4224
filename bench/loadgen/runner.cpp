#include "runner.hpp"

#include <sys/resource.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <deque>
#include <memory>
#include <stdexcept>
#include <thread>

#include "http_response.hpp"

namespace sn::loadgen {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

namespace {

constexpr std::size_t kReadBuffer = 64 * 1024;  // per thread
constexpr std::size_t kSmallBuffer = 2048;      // per connection

std::uint64_t micros(Clock::duration d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  return us < 0 ? 0 : static_cast<std::uint64_t>(us);
}

struct CpuSample {
  double user = 0, sys = 0;
  long involuntary_switches = 0;  // preempted: another process wanted the core
};

CpuSample cpu_now() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_nivcsw};
}

struct Schedule {
  Clock::time_point t0;            // slot 0 of connection 0
  Clock::time_point window_begin;  // t0 + warm-up
  Clock::time_point window_end;    // no slot at or after this
  double ns_per_slot_unit = 0;     // 1e9 / rate: the spacing of consecutive slots overall
  std::uint64_t connections = 0;

  // Connection i's slot k: all connections' slots interleave evenly at the total rate.
  Clock::time_point at(std::uint64_t connection, std::uint64_t k) const {
    const double ns = static_cast<double>(connection + k * connections) * ns_per_slot_unit;
    return t0 + std::chrono::nanoseconds(static_cast<std::int64_t>(ns));
  }
  bool measured(Clock::time_point t) const { return t >= window_begin && t < window_end; }
};

class Worker;

class Connection {
 public:
  Connection(Worker& worker, std::uint64_t index);
  void start();
  // Counts what is still queued or in flight, and closes.
  void stop();

 private:
  struct Pending {
    Clock::time_point scheduled;
    std::uint32_t kind = 0;
    bool retried = false;
  };

  void arm();
  void on_slot();
  void pump();
  void connect();
  void send();
  void read();
  void drain();
  // Feeds what a read returned to the parser; true once the response ended (or failed).
  bool on_data(error_code ec, const char* data, std::size_t n);
  void complete();
  enum class Failure { io, protocol, timeout };
  void fail(Failure failure, bool retryable);
  void close();
  void maybe_finished();
  KindStats* stats_for(const Pending& p);

  Worker& worker_;
  std::uint64_t index_;
  std::size_t row_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  Rng rng_;
  std::uint64_t slot_ = 0;
  std::uint64_t tick_ = 0;
  std::deque<Pending> queue_;
  Pending current_;
  bool connected_ = false;
  bool connecting_ = false;
  bool busy_ = false;
  bool reused_ = false;  // this connection already carried a response
  bool timed_out_ = false;
  bool scheduling_done_ = false;
  bool finished_ = false;
  Clock::time_point sent_at_;
  Clock::time_point connect_started_;
  std::string request_;
  std::unique_ptr<char[]> small_buffer_;
  ResponseParser parser_;
};

class Worker {
 public:
  Worker(const Config& config, const Schedule& schedule, const tcp::endpoint& endpoint,
         int cookie_column)
      : config(config),
        schedule(schedule),
        endpoint(endpoint),
        cookie_column(cookie_column),
        io(1),
        end_timer(io),
        buffer(new char[kReadBuffer]),
        stats(config.scenario->kinds.size()) {}

  void add(std::uint64_t index) {
    connections.push_back(std::make_unique<Connection>(*this, index));
  }

  void run() {
    active = connections.size();
    for (auto& c : connections)
      c.get()->start();
    // Whatever has not come back by the window's end plus the timeout never will in this run.
    end_timer.expires_at(schedule.window_end + std::chrono::duration_cast<Clock::duration>(
                                                   std::chrono::duration<double>(config.timeout)));
    end_timer.async_wait([this](error_code ec) {
      if (!ec) finish();
    });
    io.run();
  }

  void connection_finished() {
    if (--active == 0) finish();
  }

  void finish() {
    if (finished) return;
    finished = true;
    end_timer.cancel();
    for (auto& c : connections)
      c->stop();
    io.stop();
  }

  const Config& config;
  const Schedule& schedule;
  const tcp::endpoint endpoint;
  const int cookie_column;
  asio::io_context io;
  asio::steady_timer end_timer;
  std::vector<std::unique_ptr<Connection>> connections;
  std::size_t active = 0;
  bool finished = false;
  std::unique_ptr<char[]> buffer;  // every read of this thread's connections lands here
  // This thread's figures, merged after the run.
  std::vector<KindStats> stats;
  Histogram lateness;
  std::uint64_t late_sends = 0;
  std::uint64_t connects = 0;
};

Connection::Connection(Worker& worker, std::uint64_t index)
    : worker_(worker),
      index_(index),
      row_(index % worker.config.data->rows.size()),
      socket_(worker.io),
      timer_(worker.io),
      rng_(worker.config.seed * 0x9e3779b97f4a7c15 + index),
      small_buffer_(new char[kSmallBuffer]) {}

void Connection::start() {
  connect();
  arm();
}

void Connection::arm() {
  const auto when = worker_.schedule.at(index_, slot_);
  if (when >= worker_.schedule.window_end) {
    scheduling_done_ = true;
    maybe_finished();
    return;
  }
  timer_.expires_at(when);
  timer_.async_wait([this](error_code ec) {
    if (!ec) on_slot();
  });
}

void Connection::on_slot() {
  const auto now = Clock::now();
  const auto scheduled = worker_.schedule.at(index_, slot_);
  ++slot_;
  Pending p{scheduled, static_cast<std::uint32_t>(worker_.config.scenario->pick(rng_.unit()))};
  if (worker_.schedule.measured(scheduled)) {
    // The timer fires late only when this thread was busy or not running: the loader's own
    // lateness, apart from the server's.
    const auto late = micros(now - scheduled);
    worker_.lateness.record(late);
    if (late > worker_.config.late_ms * 1000) ++worker_.late_sends;
    ++worker_.stats[p.kind].scheduled;
  }
  queue_.push_back(p);
  const std::chrono::duration<double> timeout(worker_.config.timeout);
  if (busy_ && now - sent_at_ > timeout) {
    // The abandoned read completes with operation_aborted and reports the timeout.
    timed_out_ = true;
    close();
  } else if (connecting_ && now - connect_started_ > timeout) {
    close();  // the connect completes with operation_aborted: a connect error
  }
  pump();
  arm();
}

KindStats* Connection::stats_for(const Pending& p) {
  return worker_.schedule.measured(p.scheduled) ? &worker_.stats[p.kind] : nullptr;
}

void Connection::pump() {
  if (busy_ || queue_.empty() || worker_.finished) return;
  if (!connected_) {
    if (!connecting_) connect();
    return;
  }
  current_ = queue_.front();
  queue_.pop_front();
  send();
}

void Connection::connect() {
  connecting_ = true;
  connect_started_ = Clock::now();
  socket_.async_connect(worker_.endpoint, [this](error_code ec) {
    connecting_ = false;
    if (worker_.finished) return;
    if (ec) {
      close();
      // Each request that finds the server unreachable fails once; the next one tries again.
      if (!queue_.empty()) {
        if (auto* s = stats_for(queue_.front())) ++s->connect_errors;
        queue_.pop_front();
      }
      pump();
      maybe_finished();
      return;
    }
    ++worker_.connects;
    error_code ignored;
    socket_.set_option(tcp::no_delay(true), ignored);
    socket_.non_blocking(true, ignored);
    connected_ = true;
    reused_ = false;
    pump();
  });
}

void Connection::send() {
  const RequestKind& kind = worker_.config.scenario->kinds[current_.kind];
  const DataTable& data = *worker_.config.data;
  const Template::Context context{data, row_, tick_++, rng_};
  request_.clear();
  request_ += kind.method;
  request_ += ' ';
  kind.path.expand(context, request_);
  request_ += " HTTP/1.1\r\nHost: ";
  request_ += worker_.config.target.host;
  request_ += ':';
  request_ += worker_.config.target.port;
  request_ += "\r\nAccept: application/json\r\nOrigin: ";
  request_ += worker_.config.target.origin;
  request_ += "\r\nConnection: keep-alive\r\n";
  if (worker_.cookie_column >= 0 && !data.rows[row_][worker_.cookie_column].empty()) {
    request_ += "Cookie: ";
    request_ += data.rows[row_][worker_.cookie_column];
    request_ += "\r\n";
  }
  if (kind.has_body) {
    // The body goes after the headers; its length is known only once expanded.
    std::string body;
    kind.body.expand(context, body);
    request_ += "Content-Type: application/json\r\nContent-Length: ";
    request_ += std::to_string(body.size());
    request_ += "\r\n\r\n";
    request_ += body;
  } else if (kind.method == "POST" || kind.method == "PUT" || kind.method == "PATCH") {
    request_ += "Content-Length: 0\r\n\r\n";
  } else {
    request_ += "\r\n";
  }
  parser_.reset(kind.method == "HEAD");
  busy_ = true;
  timed_out_ = false;
  sent_at_ = Clock::now();
  asio::async_write(socket_, asio::buffer(request_), [this](error_code ec, std::size_t) {
    if (ec) {
      fail(timed_out_ ? Failure::timeout : Failure::io, !timed_out_);
      return;
    }
    read();
  });
}

void Connection::read() {
  // A small buffer of the connection's own takes what fits (a typical API answer), through
  // async_read_some, which Asio's epoll reactor queues without an epoll_ctl call (async_wait
  // would re-arm the descriptor with one per response). Larger answers are drained from the
  // thread's shared buffer, so thousands of connections downloading video cost little memory.
  socket_.async_read_some(asio::buffer(small_buffer_.get(), kSmallBuffer),
                          [this](error_code ec, std::size_t n) {
                            if (timed_out_)
                              fail(Failure::timeout, false);
                            else if (!on_data(ec, small_buffer_.get(), n))
                              drain();
                          });
}

void Connection::drain() {
  char* buffer = worker_.buffer.get();
  while (true) {
    error_code ec;
    const std::size_t n = socket_.read_some(asio::buffer(buffer, kReadBuffer), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
      read();
      return;
    }
    if (on_data(ec, buffer, n)) return;
  }
}

bool Connection::on_data(error_code ec, const char* data, std::size_t n) {
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
  const std::size_t used = parser_.feed(std::string_view(data, n));
  if (parser_.failed()) {
    fail(Failure::protocol, false);
    return true;
  }
  if (parser_.done()) {
    // Bytes after the response: nothing was pipelined, so the stream is out of step.
    if (used < n)
      fail(Failure::protocol, false);
    else
      complete();
    return true;
  }
  return false;
}

void Connection::complete() {
  const auto now = Clock::now();
  busy_ = false;
  reused_ = true;
  if (auto* s = stats_for(current_)) {
    ++s->responses;
    const int status = parser_.status();
    if (status >= 200 && status < 400) ++s->ok;
    ++s->statuses[status];
    s->body_bytes += parser_.body_bytes();
    s->latency.record(micros(now - current_.scheduled));
  }
  if (!parser_.keep_alive()) close();
  pump();
  maybe_finished();
}

void Connection::fail(Failure failure, bool retryable) {
  busy_ = false;
  const bool was_reused = reused_;
  close();
  if (worker_.finished) return;
  // A keep-alive connection the server closed while the request went out: not an answer, so
  // the request goes again, once, on a fresh connection (as browsers and wrk do).
  if (retryable && was_reused && !current_.retried) {
    current_.retried = true;
    if (auto* s = stats_for(current_)) ++s->retries;
    queue_.push_front(current_);
  } else if (auto* s = stats_for(current_)) {
    switch (failure) {
      case Failure::io:
        ++s->io_errors;
        break;
      case Failure::protocol:
        ++s->protocol_errors;
        break;
      case Failure::timeout:
        ++s->timeouts;
        break;
    }
  }
  pump();
  maybe_finished();
}

void Connection::close() {
  error_code ignored;
  socket_.close(ignored);
  connected_ = false;
}

void Connection::maybe_finished() {
  if (finished_ || !scheduling_done_ || busy_ || !queue_.empty()) return;
  finished_ = true;
  worker_.connection_finished();
}

void Connection::stop() {
  if (busy_)
    if (auto* s = stats_for(current_)) ++s->unfinished;
  for (const auto& p : queue_)
    if (auto* s = stats_for(p)) ++s->unfinished;
  queue_.clear();
  busy_ = false;
  timer_.cancel();
  close();
}

}  // namespace

void KindStats::merge(const KindStats& other) {
  scheduled += other.scheduled;
  responses += other.responses;
  ok += other.ok;
  for (const auto& [status, count] : other.statuses)
    statuses[status] += count;
  connect_errors += other.connect_errors;
  io_errors += other.io_errors;
  protocol_errors += other.protocol_errors;
  timeouts += other.timeouts;
  unfinished += other.unfinished;
  retries += other.retries;
  body_bytes += other.body_bytes;
  latency.merge(other.latency);
}

Target parse_target(std::string_view url) {
  const std::string_view scheme = "http://";
  if (!url.starts_with(scheme))
    throw std::runtime_error("--target must start with http:// (no TLS): " + std::string(url));
  std::string_view rest = url.substr(scheme.size());
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.empty() || rest.find('/') != std::string_view::npos)
    throw std::runtime_error("--target is http://host[:port], without a path: " + std::string(url));
  Target target;
  const auto colon = rest.rfind(':');
  if (colon != std::string_view::npos && rest.find(']') == std::string_view::npos) {
    target.host = rest.substr(0, colon);
    target.port = rest.substr(colon + 1);
  } else {
    target.host = rest;
    target.port = "80";
  }
  if (target.host.empty() || target.port.empty())
    throw std::runtime_error("--target has no host or port: " + std::string(url));
  target.origin = "http://" + std::string(rest);
  return target;
}

Results run(const Config& config) {
  if (config.data->rows.empty()) throw std::runtime_error("the data file has no rows");
  asio::io_context resolver_io;
  tcp::resolver resolver(resolver_io);
  const auto endpoints = resolver.resolve(config.target.host, config.target.port);
  if (endpoints.empty()) throw std::runtime_error("cannot resolve " + config.target.host);
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();

  const int threads = std::max(1, std::min(config.threads, config.connections));
  Schedule schedule;
  schedule.connections = static_cast<std::uint64_t>(config.connections);
  schedule.ns_per_slot_unit = 1e9 / config.rate;
  // A moment for the threads to start and the connections to open before the first slot.
  schedule.t0 = Clock::now() + std::chrono::milliseconds(200);
  auto seconds = [](double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  };
  schedule.window_begin = schedule.t0 + seconds(config.warmup);
  schedule.window_end = schedule.window_begin + seconds(config.duration);

  std::vector<std::unique_ptr<Worker>> workers;
  const int cookie_column = config.data->column("cookie");
  for (int t = 0; t < threads; ++t)
    workers.push_back(std::make_unique<Worker>(config, schedule, endpoint, cookie_column));
  for (int i = 0; i < config.connections; ++i)
    workers[static_cast<std::size_t>(i % threads)]->add(static_cast<std::uint64_t>(i));

  const auto run_start = Clock::now();
  const auto run_cpu = cpu_now();
  std::vector<std::thread> pool;
  for (auto& w : workers)
    pool.emplace_back([&w] { w->run(); });
  // The CPU over the measured window alone: the whole process (every thread), sampled at its ends.
  std::this_thread::sleep_until(schedule.window_begin);
  const auto window_cpu = cpu_now();
  std::this_thread::sleep_until(schedule.window_end);
  const auto window_cpu_end = cpu_now();
  for (auto& t : pool)
    t.join();
  const auto run_cpu_end = cpu_now();

  Results results;
  results.kinds.resize(config.scenario->kinds.size());
  for (auto& w : workers) {
    for (std::size_t k = 0; k < results.kinds.size(); ++k)
      results.kinds[k].merge(w->stats[k]);
    results.send_lateness.merge(w->lateness);
    results.late_sends += w->late_sends;
    results.connects += w->connects;
  }
  for (const auto& k : results.kinds)
    results.overall.merge(k);
  results.window_seconds = config.duration;
  results.cpu_user = window_cpu_end.user - window_cpu.user;
  results.cpu_sys = window_cpu_end.sys - window_cpu.sys;
  results.involuntary_switches =
      window_cpu_end.involuntary_switches - window_cpu.involuntary_switches;
  results.run_seconds = std::chrono::duration<double>(Clock::now() - run_start).count();
  results.run_cpu_user = run_cpu_end.user - run_cpu.user;
  results.run_cpu_sys = run_cpu_end.sys - run_cpu.sys;
  return results;
}

}  // namespace sn::loadgen
