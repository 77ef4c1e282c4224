// SMTP delivery through libcurl: one connection per message (the server sends few), TLS
// certificate and host name checked by curl's defaults.

#include <curl/curl.h>

#include <atomic>
#include <boost/url/parse.hpp>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "mail/mailer.hpp"

namespace sn::mail {
namespace {

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const auto n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// Non-zero aborts the transfer: how cancel() reaches a blocking curl_easy_perform.
int progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::atomic<bool>*>(user)->load() ? 1 : 0;
}

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpOptions options) : options_(std::move(options)) {
    // Once per process, before any other thread uses curl.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    auto url = boost::urls::parse_absolute_uri(options_.url);
    if (!url || (url->scheme() != "smtp" && url->scheme() != "smtps") || url->host().empty()) {
      throw std::invalid_argument("the SMTP URL must be smtp://host[:port] or smtps://host[:port]");
    }
    loopback_ = is_loopback_host(url->host());
    envelope_from_ = "<" + envelope_address(options_.from) + ">";
  }

  void deliver(const Message& message) override {
    if (message.to.find_first_of("<>\r\n") != std::string::npos) {
      throw std::runtime_error("invalid recipient");
    }
    const std::string text = render(message, options_.from);
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) throw std::runtime_error("curl_easy_init failed");
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
        curl_slist_append(nullptr, ("<" + message.to + ">").c_str()), &curl_slist_free_all);
    Upload upload{text};
    char error[CURL_ERROR_SIZE] = {};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, options_.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    // A relay on this machine needs no TLS (and often has a certificate for another name);
    // anything else must encrypt, or the links in the text travel in the clear.
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     static_cast<long>(loopback_ ? CURLUSESSL_NONE : CURLUSESSL_ALL));
    if (!options_.user.empty()) curl_easy_setopt(c, CURLOPT_USERNAME, options_.user.c_str());
    if (options_.password) curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password->c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, envelope_from_.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, &read_upload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &cancelled_);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    const CURLcode result = curl_easy_perform(c);
    if (result != CURLE_OK) {
      long reply = 0;
      curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
      std::string reason = error[0] ? error : curl_easy_strerror(result);
      if (reply > 0) reason += " (SMTP " + std::to_string(reply) + ")";
      throw std::runtime_error(reason);
    }
  }

  void cancel() override { cancelled_.store(true); }
  std::string_view name() const override { return "smtp"; }

 private:
  SmtpOptions options_;
  bool loopback_ = false;
  std::string envelope_from_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace

std::unique_ptr<Transport> make_smtp_transport(SmtpOptions options) {
  return std::make_unique<SmtpTransport>(std::move(options));
}

}  // namespace sn::mail
