#pragma once
// Outgoing mail. The server only ever sends short plain-text messages that carry one link
// (verify an address, reset a password, accept an invitation). With no SMTP server configured
// (the embedded default) each message becomes a .eml file under the data dir and its link is
// logged, so a developer can follow it.

#include <boost/asio/awaitable.hpp>
#include <filesystem>
#include <memory>
#include <string>

namespace sn::mail {

struct Message {
  std::string to;       // one address
  std::string subject;  // one line
  std::string text;     // plain text, UTF-8
  std::string link;     // the link the text carries; logged by the file mailer only
};

// RFC 5322 text of `message` (CRLF line ends, UTF-8 subject encoded per RFC 2047).
std::string render(const Message& message, const std::string& from);

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Throws sn::Error(Errc::unavailable) when the message could not be handed over.
  virtual boost::asio::awaitable<void> send(Message message) = 0;
};

// Writes <dir>/<time>-<random>.eml atomically (temp file + rename) and logs the link.
std::unique_ptr<Mailer> make_file_mailer(std::filesystem::path dir, std::string from);

}  // namespace sn::mail
