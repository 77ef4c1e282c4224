#include "mail/outbox.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/error.hpp"
#include "core/log.hpp"

namespace sn::mail {
namespace asio = boost::asio;

namespace {

constexpr db::Query kEnqueue{
    "mail.enqueue",
    "INSERT INTO mail_outbox (recipient, subject, body, link) VALUES ($1, $2, $3, $4)"};
// Claiming pushes next_attempt_at past the delivery timeout: the row is hidden from other
// senders without holding a transaction open during the SMTP conversation.
constexpr db::Query kClaim{"mail.claim",
                           "UPDATE mail_outbox SET attempts = attempts + 1, "
                           "next_attempt_at = now() + make_interval(secs => $2) "
                           "WHERE id IN (SELECT id FROM mail_outbox WHERE next_attempt_at <= now() "
                           "ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) "
                           "RETURNING id, recipient, subject, body, link, attempts"};
constexpr db::Query kDelivered{"mail.delivered", "DELETE FROM mail_outbox WHERE id = $1"};
constexpr db::Query kRetryLater{
    "mail.retry_later",
    "UPDATE mail_outbox SET next_attempt_at = now() + make_interval(secs => $2), "
    "last_error = $3 WHERE id = $1"};
constexpr db::Query kQueued{"mail.queued", "SELECT count(*) FROM mail_outbox"};

// A plain function with by-value parameters, not a capturing lambda: its frame must not refer
// to a closure co_spawn may move. Returns the failure reason, empty when delivered.
asio::awaitable<std::string> deliver_task(Transport* transport, Message message) {
  try {
    transport->deliver(message);
    co_return std::string();
  } catch (const std::exception& e) {
    co_return std::string(e.what());
  }
}

}  // namespace

std::chrono::seconds retry_delay(int failed_attempts, std::chrono::seconds base,
                                 std::chrono::seconds cap) {
  if (failed_attempts < 1) failed_attempts = 1;
  auto delay = base;
  for (int i = 1; i < failed_attempts && delay < cap; ++i)
    delay *= 2;
  return std::min(delay, cap);
}

asio::awaitable<void> enqueue(db::Transaction& tx, const Message& message) {
  co_await tx.execute(kEnqueue, message.to, message.subject, message.text, message.link);
}

Outbox::Outbox(db::Database& db, std::unique_ptr<Transport> transport, OutboxOptions options)
    : db_(db), transport_(std::move(transport)), options_(options) {}

Outbox::~Outbox() {
  stop();
}

asio::awaitable<void> Outbox::send(Message message) {
  try {
    co_await db_.query(kEnqueue, message.to, message.subject, message.text, message.link);
  } catch (const std::exception& e) {
    log::error("cannot queue mail", {{"error", e.what()}});
    throw Error(Errc::mail_unavailable, "The message could not be sent.");
  }
  wake();
}

void Outbox::start(asio::any_io_executor executor) {
  strand_.emplace(asio::make_strand(executor));
  timer_ = std::make_unique<asio::steady_timer>(*strand_);
  started_.store(true, std::memory_order_release);
  log::info("mail sender started", {{"transport", transport_->name()}});
  asio::co_spawn(*strand_, run(), asio::detached);
}

void Outbox::wake() {
  wake_pending_.store(true);
  if (!started_.load(std::memory_order_acquire)) return;
  asio::post(*strand_, [this] {
    if (timer_) timer_->cancel();
  });
}

void Outbox::stop() {
  transport_->cancel();
  worker_.join();
}

asio::awaitable<void> Outbox::run() {
  for (;;) {
    wake_pending_.store(false);
    int claimed = 0;
    try {
      claimed = co_await deliver_batch();
      auto rows = co_await db_.query(kQueued);
      queued_.store(rows.integer(0, 0));
    } catch (const std::exception& e) {
      log::warn("mail sender: database error; trying again", {{"error", e.what()}});
    }
    // A full batch means more may be due right away.
    if (claimed >= options_.batch || wake_pending_.load()) continue;
    timer_->expires_after(options_.poll);
    boost::system::error_code ec;
    co_await timer_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

asio::awaitable<int> Outbox::deliver_batch() {
  auto rows = co_await db_.query(kClaim, options_.batch, options_.claim_for.count());
  for (int r = 0; r < rows.rows(); ++r) {
    const auto id = std::string(rows.text(r, "id"));
    const auto attempts = static_cast<int>(rows.integer(r, "attempts"));
    Message message{.to = std::string(rows.text(r, "recipient")),
                    .subject = std::string(rows.text(r, "subject")),
                    .text = std::string(rows.text(r, "body")),
                    .link = std::string(rows.text(r, "link"))};
    // Keeps the I/O threads' io_context alive while the delivery thread works.
    auto keep_running = asio::make_work_guard(co_await asio::this_coro::executor);
    auto error = co_await asio::co_spawn(worker_, deliver_task(transport_.get(), message),
                                         asio::use_awaitable);
    if (error.empty()) {
      co_await db_.query(kDelivered, id);
      sent_.fetch_add(1);
      log::info("mail sent", {{"id", id}, {"transport", transport_->name()}});
      continue;
    }
    failed_.fetch_add(1);
    if (attempts >= options_.max_attempts) {
      co_await db_.query(kDelivered, id);
      given_up_.fetch_add(1);
      log::error("mail given up", {{"id", id},
                                   {"to", message.to},
                                   {"subject", message.subject},
                                   {"attempts", attempts},
                                   {"error", error}});
      continue;
    }
    const auto delay = retry_delay(attempts, options_.retry_base, options_.retry_cap);
    co_await db_.query(kRetryLater, id, delay.count(), error);
    log::warn("mail not sent; will retry", {{"id", id},
                                            {"attempts", attempts},
                                            {"retry_in_seconds", delay.count()},
                                            {"error", error}});
  }
  co_return rows.rows();
}

void Outbox::render_metrics(std::string& out) const {
  out += "# HELP skillnexus_mail_sent_total Messages delivered by this instance.\n";
  out += "# TYPE skillnexus_mail_sent_total counter\n";
  out += "skillnexus_mail_sent_total " + std::to_string(sent_.load()) + "\n";
  out += "# HELP skillnexus_mail_failures_total Failed delivery attempts (retried or given up).\n";
  out += "# TYPE skillnexus_mail_failures_total counter\n";
  out += "skillnexus_mail_failures_total " + std::to_string(failed_.load()) + "\n";
  out += "# HELP skillnexus_mail_given_up_total Messages dropped after the last attempt.\n";
  out += "# TYPE skillnexus_mail_given_up_total counter\n";
  out += "skillnexus_mail_given_up_total " + std::to_string(given_up_.load()) + "\n";
  out += "# HELP skillnexus_mail_queued Messages waiting in the outbox (all instances).\n";
  out += "# TYPE skillnexus_mail_queued gauge\n";
  out += "skillnexus_mail_queued " + std::to_string(queued_.load()) + "\n";
}

}  // namespace sn::mail
