#pragma once
// The durable side of Mailer: send() stores the message in the mail_outbox table and one sender
// per instance delivers it through a Transport on a thread of its own. Rows are claimed with
// FOR UPDATE SKIP LOCKED, so instances share the work without sending a message twice; a failed
// delivery is retried later with a growing delay, and given up (logged) after max_attempts.

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "db/database.hpp"
#include "mail/mailer.hpp"

namespace sn::mail {

struct OutboxOptions {
  std::chrono::seconds retry_base{30};  // the delay after the first failure; doubles each time
  std::chrono::seconds retry_cap{3600};
  int max_attempts = 8;
  // How long a claimed row stays hidden from other senders: more than one delivery can take.
  std::chrono::seconds claim_for{180};
  // How often to look for due rows (other instances' mail, retries) when not woken earlier.
  std::chrono::milliseconds poll{2000};
  int batch = 20;
};

// The wait before attempt `failed_attempts + 1`: base · 2^(failed_attempts − 1), at most `cap`.
std::chrono::seconds retry_delay(int failed_attempts, std::chrono::seconds base,
                                 std::chrono::seconds cap);

// Queues `message` as part of `tx`: it goes out only if the transaction commits, together with
// whatever token its link carries. Call Outbox::wake() after the commit to send it at once.
boost::asio::awaitable<void> enqueue(db::Transaction& tx, const Message& message);

class Outbox final : public Mailer {
 public:
  Outbox(db::Database& db, std::unique_ptr<Transport> transport, OutboxOptions options);
  ~Outbox() override;

  // Stores the message (throws Errc::mail_unavailable if it cannot) and wakes the sender.
  boost::asio::awaitable<void> send(Message message) override;

  // Starts the sender on `executor`; call once the schema is migrated.
  void start(boost::asio::any_io_executor executor);
  // Looks for due mail now instead of at the next poll. Any thread.
  void wake();
  // Aborts a delivery in progress and waits for the delivery thread. Call after the I/O
  // threads stopped, before the io_context is shut down.
  void stop();

  // Appends the Prometheus families (sent, failed attempts, given up, queued).
  void render_metrics(std::string& out) const;

 private:
  boost::asio::awaitable<void> run();
  // Claims and delivers one batch; returns how many rows it claimed.
  boost::asio::awaitable<int> deliver_batch();

  db::Database& db_;
  std::unique_ptr<Transport> transport_;
  OutboxOptions options_;
  boost::asio::thread_pool worker_{1};
  std::optional<boost::asio::strand<boost::asio::any_io_executor>> strand_;
  std::unique_ptr<boost::asio::steady_timer> timer_;
  std::atomic<bool> started_{false};  // strand_ and timer_ exist; published by start()
  std::atomic<bool> wake_pending_{false};
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::atomic<std::uint64_t> given_up_{0};
  std::atomic<std::int64_t> queued_{0};
};

}  // namespace sn::mail
