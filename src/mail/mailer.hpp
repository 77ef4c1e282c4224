#pragma once
// Outgoing mail. The server only ever sends short plain-text messages that carry one link
// (verify an address, reset a password, accept an invitation). Callers hand a message to a
// Mailer; in the server that is the outbox (outbox.hpp), which stores it and delivers it later
// through a Transport: SMTP when configured, otherwise .eml files under the data dir whose link
// is logged, so a developer can follow it.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace sn::mail {

struct Message {
  std::string to;       // one address
  std::string subject;  // one line
  std::string text;     // plain text, UTF-8
  std::string link;     // the link the text carries; logged by the file transport only
};

// RFC 5322 text of `message` (CRLF line ends, UTF-8 subject encoded per RFC 2047).
std::string render(const Message& message, const std::string& from);

// The bare address of a From value: "Name <a@b>" → "a@b".
std::string envelope_address(std::string_view from);

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Throws sn::Error(Errc::mail_unavailable) when the message could not be handed over.
  virtual boost::asio::awaitable<void> send(Message message) = 0;
};

// Hands one message to the world, blocking (so never on an I/O thread). Throws
// std::runtime_error with a reason fit for logs when it could not.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual void deliver(const Message& message) = 0;
  // Makes a delivery in progress give up soon (shutdown); called from another thread.
  virtual void cancel() {}
  virtual std::string_view name() const = 0;
};

// Writes <dir>/<time>-<random>.eml atomically (temp file + rename) and logs the link.
// `log_links`: also log each message's link (only for a developer's loopback server).
std::unique_ptr<Transport> make_file_transport(std::filesystem::path dir, std::string from,
                                               bool log_links);

struct SmtpOptions {
  std::string url;  // smtp://host[:port] (STARTTLS) or smtps://host[:port] (TLS from the start)
  std::string user;
  std::optional<std::string> password;
  std::string from;  // the From header; its address is also the envelope sender
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds timeout{60};  // the whole delivery
};

// True for localhost, 127.0.0.0/8 and ::1: the only hosts reached without TLS.
bool is_loopback_host(std::string_view host);

// SMTP through libcurl. STARTTLS is required unless the server is on loopback.
std::unique_ptr<Transport> make_smtp_transport(SmtpOptions options);

// A Mailer that delivers at once through the file transport (the command line, tests).
std::unique_ptr<Mailer> make_file_mailer(std::filesystem::path dir, std::string from);

}  // namespace sn::mail
