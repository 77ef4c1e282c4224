#include "mail/mailer.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <ctime>
#include <stdexcept>

#include "core/error.hpp"
#include "core/log.hpp"
#include "identity/tokens.hpp"

namespace sn::mail {
namespace {

// A header value must stay one line, or a crafted name could add headers (header injection).
void require_single_line(std::string_view value, std::string_view what) {
  if (value.find_first_of("\r\n") != std::string_view::npos) {
    throw std::invalid_argument(std::string(what) + " must be one line");
  }
}

bool is_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

// RFC 2047 "encoded-word" for a non-ASCII subject.
std::string encode_header(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  std::string out(sodium_base64_encoded_len(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                    text.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return "=?UTF-8?B?" + out + "?=";
}

std::string rfc5322_date() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buffer;
}

std::string crlf_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') out += '\r';
    out += text[i];
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

std::string domain_of(const std::string& address) {
  const auto at = address.rfind('@');
  auto domain = at == std::string::npos ? "localhost" : address.substr(at + 1);
  if (!domain.empty() && domain.back() == '>') domain.pop_back();
  return domain;
}

class FileTransport final : public Transport {
 public:
  FileTransport(std::filesystem::path dir, std::string from, bool log_links)
      : dir_(std::move(dir)), from_(std::move(from)), log_links_(log_links) {}

  void deliver(const Message& message) override {
    const auto text = render(message, from_);
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    const auto stamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    const auto name = std::to_string(stamp) + "-" + identity::issue_token().hash.substr(0, 12);
    const auto path = dir_ / (name + ".eml");
    const auto temp = dir_ / ("." + name + ".tmp");
    if (!write_file(temp, text) || ::rename(temp.c_str(), path.c_str()) != 0) {
      ::unlink(temp.c_str());
      throw std::runtime_error("cannot write " + path.string());
    }
    // Links are logged only for a developer's loopback server: anywhere else the log would
    // hand out password links to whoever reads it.
    boost::json::object fields{
        {"to", message.to}, {"subject", message.subject}, {"file", path.string()}};
    if (log_links_) fields["link"] = message.link;
    log::info("mail written", std::move(fields));
  }

  std::string_view name() const override { return "file"; }

 private:
  static bool write_file(const std::filesystem::path& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    std::size_t written = 0;
    while (written < text.size()) {
      const auto n = ::write(fd, text.data() + written, text.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    const bool ok = written == text.size() && ::fsync(fd) == 0;
    return ::close(fd) == 0 && ok;
  }

  std::filesystem::path dir_;
  std::string from_;
  bool log_links_;
};

class DirectMailer final : public Mailer {
 public:
  explicit DirectMailer(std::unique_ptr<Transport> transport) : transport_(std::move(transport)) {}

  boost::asio::awaitable<void> send(Message message) override {
    try {
      transport_->deliver(message);
    } catch (const std::exception& e) {
      log::error("cannot deliver mail", {{"transport", transport_->name()}, {"error", e.what()}});
      throw Error(Errc::mail_unavailable, "The message could not be sent.");
    }
    co_return;
  }

 private:
  std::unique_ptr<Transport> transport_;
};

}  // namespace

std::string render(const Message& message, const std::string& from) {
  require_single_line(message.to, "recipient");
  require_single_line(message.subject, "subject");
  require_single_line(from, "sender");
  std::string out;
  out += "Date: " + rfc5322_date() + "\r\n";
  out += "From: " + from + "\r\n";
  out += "To: " + message.to + "\r\n";
  out += "Subject: " + encode_header(message.subject) + "\r\n";
  out += "Message-ID: <" + identity::issue_token().hash.substr(0, 32) + "@" + domain_of(from) +
         ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  out += crlf_lines(message.text);
  return out;
}

std::string envelope_address(std::string_view from) {
  const auto open = from.rfind('<');
  const auto close = from.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    return std::string(from.substr(open + 1, close - open - 1));
  }
  return std::string(from);
}

bool is_loopback_host(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost") return true;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(std::string(host), ec);
  return !ec && address.is_loopback();
}

std::unique_ptr<Transport> make_file_transport(std::filesystem::path dir, std::string from,
                                               bool log_links) {
  return std::make_unique<FileTransport>(std::move(dir), std::move(from), log_links);
}

std::unique_ptr<Mailer> make_file_mailer(std::filesystem::path dir, std::string from) {
  return std::make_unique<DirectMailer>(
      make_file_transport(std::move(dir), std::move(from), /*log_links=*/true));
}

}  // namespace sn::mail
