#include "identity/oidc/http_client.hpp"

#include <curl/curl.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <mutex>
#include <stdexcept>

#include "identity/oidc/settings.hpp"

namespace sn::identity::oidc {
namespace asio = boost::asio;

namespace {

constexpr std::size_t kMaxBody = 1024 * 1024;

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const std::size_t bytes = size * count;
  if (body->size() + bytes > kMaxBody) return 0;  // makes curl fail with CURLE_WRITE_ERROR
  body->append(data, bytes);
  return bytes;
}

// Plain functions with by-value parameters, not capturing lambdas: the coroutine frame must not
// refer to a closure that co_spawn may have moved.
asio::awaitable<HttpResult> perform_task(const HttpClient* client, std::string url,
                                         std::string form, bool has_form, std::string user,
                                         std::string password) {
  co_return client->perform(url, has_form ? &form : nullptr, user, password);
}

}  // namespace

HttpClient::HttpClient(std::chrono::seconds timeout) : timeout_(timeout), pool_(2) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

HttpClient::~HttpClient() {
  pool_.join();
}

std::string form_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

HttpResult HttpClient::perform(const std::string& url, const std::string* form,
                               const std::string& user, const std::string& password) const {
  if (!allowed_provider_url(url)) {
    throw std::runtime_error("refusing a provider URL that is not https (or http on loopback)");
  }
  CURL* curl = curl_easy_init();
  if (!curl) throw std::runtime_error("libcurl failed to initialise");
  HttpResult result;
  char error[CURL_ERROR_SIZE] = {};
  curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");  // http only passed the check above
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM in a threaded server
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "SkillNexus");
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  // RFC 6749 2.3.1: client id and secret are form-encoded before they go into Basic.
  const auto encoded_user = form_encode(user);
  const auto encoded_password = form_encode(password);
  if (form) {
    headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form->c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(form->size()));
  }
  if (!user.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERNAME, encoded_user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, encoded_password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  const CURLcode code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (code != CURLE_OK) {
    throw std::runtime_error(std::string("provider request failed: ") +
                             (error[0] ? error : curl_easy_strerror(code)));
  }
  return result;
}

// While the pool works, the caller's io_context must not run out of work and return.
asio::awaitable<HttpResult> HttpClient::get(std::string url) {
  auto keep_running = asio::make_work_guard(co_await asio::this_coro::executor);
  co_return co_await asio::co_spawn(pool_, perform_task(this, std::move(url), {}, false, {}, {}),
                                    asio::use_awaitable);
}

asio::awaitable<HttpResult> HttpClient::post_form(std::string url, std::string form,
                                                  std::string basic_user,
                                                  std::string basic_password) {
  auto keep_running = asio::make_work_guard(co_await asio::this_coro::executor);
  co_return co_await asio::co_spawn(pool_,
                                    perform_task(this, std::move(url), std::move(form), true,
                                                 std::move(basic_user), std::move(basic_password)),
                                    asio::use_awaitable);
}

}  // namespace sn::identity::oidc
