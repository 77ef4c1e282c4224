#include "storage/metadata_http.hpp"

#include <openssl/ssl.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/system/system_error.hpp>
#include <boost/url/parse.hpp>

#include "core/text.hpp"

namespace sn::storage::metadata {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using asio::ip::tcp;

template <typename Stream>
asio::awaitable<Response> exchange(Stream& stream, bhttp::request<bhttp::string_body>& request,
                                   std::size_t max_body) {
  co_await bhttp::async_write(stream, request, asio::use_awaitable);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(max_body);
  co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
  co_return Response{parser.get().result_int(), std::move(parser.get().body())};
}

}  // namespace

Url parse_url(std::string_view text) {
  const auto parsed = boost::urls::parse_absolute_uri(text);
  if (!parsed) throw std::invalid_argument("not an absolute URL");
  const auto scheme = ascii_lower(parsed->scheme());
  if (scheme != "http" && scheme != "https") {
    throw std::invalid_argument("not an http or https URL");
  }
  if (parsed->has_userinfo() || parsed->encoded_host().empty()) {
    throw std::invalid_argument("the URL must name a host and no user");
  }
  Url url;
  url.tls = scheme == "https";
  url.host = ascii_lower(parsed->host_address());
  const std::string default_port = url.tls ? "443" : "80";
  url.port =
      parsed->has_port() && !parsed->port().empty() ? std::string(parsed->port()) : default_port;
  url.authority = ascii_lower(parsed->encoded_host());
  if (url.port != default_port) url.authority += ":" + url.port;
  url.target = parsed->encoded_path().empty() ? "/" : std::string(parsed->encoded_path());
  if (parsed->has_query()) url.target += "?" + std::string(parsed->encoded_query());
  return url;
}

asio::awaitable<Response> request(bhttp::verb method, const Url& url,
                                  std::vector<std::pair<std::string, std::string>> headers,
                                  Options options) {
  const auto executor = co_await asio::this_coro::executor;
  const auto where = url.authority;
  try {
    // An address needs no lookup; a name (an https endpoint) goes through the resolver, whose
    // own timeouts apply.
    boost::system::error_code not_an_address;
    asio::ip::make_address(url.host, not_an_address);
    tcp::resolver resolver(executor);
    const auto endpoints = co_await resolver.async_resolve(
        url.host, url.port, not_an_address ? tcp::resolver::flags{} : tcp::resolver::numeric_host,
        asio::use_awaitable);
    if (options.allowed_address) {
      for (const auto& entry : endpoints) {
        if (!options.allowed_address(entry.endpoint().address())) {
          throw TransportError(where + " resolves to an address that is not allowed (" +
                               entry.endpoint().address().to_string() + ")");
        }
      }
    }

    bhttp::request<bhttp::string_body> message(method, url.target, 11);
    message.set(bhttp::field::host, url.authority);
    for (const auto& [name, value] : headers)
      message.set(name, value);
    message.keep_alive(false);
    message.prepare_payload();

    beast::tcp_stream stream(executor);
    stream.expires_after(options.timeout);  // for every step from here on
    co_await stream.async_connect(endpoints, asio::use_awaitable);
    if (!url.tls) co_return co_await exchange(stream, message, options.max_body);

    ssl::context context(ssl::context::tls_client);
    context.set_default_verify_paths();
    context.set_verify_mode(ssl::verify_peer);
    SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
    ssl::stream<beast::tcp_stream> secure(std::move(stream), context);
    if (not_an_address && !SSL_set_tlsext_host_name(secure.native_handle(), url.host.c_str())) {
      throw TransportError("cannot set the TLS server name for " + where);
    }
    secure.set_verify_callback(ssl::host_name_verification(url.host));
    co_await secure.async_handshake(ssl::stream_base::client, asio::use_awaitable);
    co_return co_await exchange(secure, message, options.max_body);
  } catch (const boost::system::system_error& e) {
    const bool timed_out = e.code() == beast::error::timeout;
    throw TransportError(where + ": " +
                         (timed_out ? std::string("no answer in time") : e.code().message()));
  }
}

}  // namespace sn::storage::metadata
