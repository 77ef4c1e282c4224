#pragma once
// The few HTTP calls single sign-on makes to the provider (discovery, JWKS, token endpoint), with
// libcurl. Its calls block, so they run on a small thread pool of their own, never on an I/O
// thread. TLS certificates and host names are verified; plain http is refused unless the host
// is loopback; redirects are not followed; answers are capped in size and time.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <string>

namespace sn::identity::oidc {

struct HttpResult {
  long status = 0;
  std::string body;
};

class HttpClient {
 public:
  explicit HttpClient(std::chrono::seconds timeout = std::chrono::seconds(10));
  ~HttpClient();

  // Throws std::runtime_error (a message fit for logs: no credentials) on transport failures.
  boost::asio::awaitable<HttpResult> get(std::string url);
  // POST application/x-www-form-urlencoded with HTTP Basic client authentication.
  boost::asio::awaitable<HttpResult> post_form(std::string url, std::string form,
                                               std::string basic_user, std::string basic_password);

  // The blocking call itself (tests, and the pool's tasks).
  HttpResult perform(const std::string& url, const std::string* form, const std::string& user,
                     const std::string& password) const;

 private:
  std::chrono::seconds timeout_;
  boost::asio::thread_pool pool_;
};

// application/x-www-form-urlencoded encoding of one value.
std::string form_encode(std::string_view value);

}  // namespace sn::identity::oidc
