#include "storage/s3_store.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/span_body.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/system/system_error.hpp>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <deque>
#include <functional>
#include <mutex>
#include <system_error>
#include <vector>

#include "core/blocking.hpp"
#include "core/hash.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "http/byte_ranges.hpp"
#include "storage/metadata_http.hpp"

namespace sn::storage {
namespace s3 {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using asio::ip::tcp;
using namespace std::chrono_literals;

constexpr auto kConnectTimeout = 5s;
constexpr auto kIoTimeout = 30s;  // for each read or write that makes no progress
constexpr std::size_t kMaxIdlePerHost = 8;
constexpr auto kMaxIdleAge = 15s;          // S3 closes connections idle for about 20 s
constexpr std::size_t kChunk = 64 * 1024;  // what a range source yields at a time
constexpr std::size_t kMaxReplyBody = 16 * 1024 * 1024;  // XML answers (a list page is ~300 KB)
constexpr std::uint64_t kMinPartSize = 5ull << 20;
constexpr std::uint64_t kMaxPartSize = 5ull << 30;  // also the largest object CopyObject takes
constexpr std::size_t kMaxParts = 10000;

// ---------------------------------------------------------------------------------------------
// Small XML answers (S3 writes its element names without attributes, but for the root).

std::string xml_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string xml_unescape(std::string_view text) {
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
  std::string out;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const auto semi = amp == std::string_view::npos ? amp : text.find(';', amp);
    if (semi == std::string_view::npos) break;
    out += text.substr(0, amp);
    const auto name = text.substr(amp + 1, semi - amp - 1);
    bool known = false;
    for (const auto& [entity, c] : kNamed) {
      if (name == entity) {
        out += c;
        known = true;
      }
    }
    if (!known && name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const auto digits = name.substr(hex ? 2 : 1);
      unsigned long cp = 0;
      const auto [end, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec == std::errc() && end == digits.data() + digits.size() && cp <= 0x10FFFF) {
        append_utf8(out, cp);
        known = true;
      }
    }
    if (!known) out += text.substr(amp, semi - amp + 1);
    text.remove_prefix(semi + 1);
  }
  out += text;
  return out;
}

// The raw contents of each <tag>…</tag> in `xml`.
std::vector<std::string_view> xml_elements(std::string_view xml, std::string_view tag) {
  const std::string open = "<" + std::string(tag) + ">";
  const std::string close = "</" + std::string(tag) + ">";
  std::vector<std::string_view> out;
  for (auto at = xml.find(open); at != std::string_view::npos; at = xml.find(open, at)) {
    at += open.size();
    const auto end = xml.find(close, at);
    if (end == std::string_view::npos) break;
    out.push_back(xml.substr(at, end - at));
    at = end + close.size();
  }
  return out;
}

// The text of the first <tag> in `xml`, entities decoded.
std::optional<std::string> xml_text(std::string_view xml, std::string_view tag) {
  const auto all = xml_elements(xml, tag);
  if (all.empty()) return std::nullopt;
  return xml_unescape(all.front());
}

// Whether the document's root is <Error>: CompleteMultipartUpload and CopyObject may answer 200
// and fail afterwards, in the body.
bool is_error_document(std::string_view xml) {
  if (xml.starts_with("<?xml")) {
    const auto end = xml.find("?>");
    xml.remove_prefix(end == std::string_view::npos ? xml.size() : end + 2);
  }
  while (!xml.empty() && (xml.front() == ' ' || xml.front() == '\n' || xml.front() == '\r' ||
                          xml.front() == '\t')) {
    xml.remove_prefix(1);
  }
  return xml.starts_with("<Error>");
}

// Base64 of the body's MD5: DeleteObjects refuses a request without it.
std::string content_md5(std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(body.data(), body.size(), digest, &length, EVP_md5(), nullptr);
  unsigned char encoded[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  const int n = EVP_EncodeBlock(encoded, digest, static_cast<int>(length));
  return std::string(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(n));
}

// ---------------------------------------------------------------------------------------------
// Where requests go.

// The endpoint, split as any http(s) URL is for a request (storage/metadata_http.hpp), and
// required to be scheme://host[:port] alone.
using Endpoint = metadata::Url;

Endpoint parse_endpoint(std::string_view text) {
  Endpoint endpoint;
  try {
    endpoint = metadata::parse_url(text);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("the S3 endpoint: ") + e.what());
  }
  // parse_url refuses a fragment; a path or a query shows in the target.
  if (endpoint.target != "/") {
    throw std::invalid_argument("the S3 endpoint must be scheme://host[:port] alone");
  }
  return endpoint;
}

// The server for one bucket (virtual-hosted style puts the bucket in the host name).
struct Target {
  std::string host;
  std::string port;
  std::string authority;
  std::string pool_key() const { return host + ":" + port; }
};

// ---------------------------------------------------------------------------------------------

// One HTTP/1.1 connection, plain or TLS, with a deadline on every step.
class Connection {
 public:
  using Request = bhttp::request<bhttp::span_body<const char>>;
  using Parser = bhttp::response_parser<bhttp::buffer_body>;

  static asio::awaitable<std::unique_ptr<Connection>> open(asio::any_io_executor executor,
                                                           const Target& target,
                                                           ssl::context* tls) {
    tcp::resolver resolver(executor);
    const auto endpoints =
        co_await resolver.async_resolve(target.host, target.port, asio::use_awaitable);
    beast::tcp_stream stream(executor);
    stream.expires_after(kConnectTimeout);
    co_await stream.async_connect(endpoints, asio::use_awaitable);
    stream.socket().set_option(tcp::no_delay(true));

    std::unique_ptr<Connection> connection(new Connection(target.pool_key()));
    if (!tls) {
      connection->plain_ = std::make_unique<beast::tcp_stream>(std::move(stream));
      co_return connection;
    }
    auto& secure = *(connection->tls_ =
                         std::make_unique<ssl::stream<beast::tcp_stream>>(std::move(stream), *tls));
    boost::system::error_code not_an_address;
    asio::ip::make_address(target.host, not_an_address);
    // SNI, which S3's endpoints need to pick the certificate (never for an address: RFC 6066).
    if (not_an_address && !SSL_set_tlsext_host_name(secure.native_handle(), target.host.c_str())) {
      throw std::runtime_error("cannot set the TLS server name");
    }
    secure.set_verify_callback(ssl::host_name_verification(target.host));
    beast::get_lowest_layer(secure).expires_after(kIoTimeout);
    co_await secure.async_handshake(ssl::stream_base::client, asio::use_awaitable);
    co_return connection;
  }

  // Written piece by piece, so the deadline is for progress, not for a whole 8 MiB part.
  asio::awaitable<void> write(Request& request) {
    bhttp::request_serializer<Request::body_type> serializer(request);
    while (!serializer.is_done()) {
      tcp().expires_after(kIoTimeout);
      if (tls_) {
        co_await bhttp::async_write_some(*tls_, serializer, asio::use_awaitable);
      } else {
        co_await bhttp::async_write_some(*plain_, serializer, asio::use_awaitable);
      }
    }
  }

  asio::awaitable<void> read_header(Parser& parser) {
    tcp().expires_after(kIoTimeout);
    if (tls_) {
      co_await bhttp::async_read_header(*tls_, buffer_, parser, asio::use_awaitable);
    } else {
      co_await bhttp::async_read_header(*plain_, buffer_, parser, asio::use_awaitable);
    }
  }

  // What one read brings of the body, into the parser's buffer (possibly nothing: a chunk
  // header). One read at a time, so that a slow answer (S3 trickles spaces while it completes
  // a large upload) never runs into the deadline while it makes progress.
  asio::awaitable<void> read_body(Parser& parser) {
    constexpr auto tuple = asio::as_tuple(asio::use_awaitable);
    tcp().expires_after(kIoTimeout);
    auto [error, n] = tls_ ? co_await bhttp::async_read_some(*tls_, buffer_, parser, tuple)
                           : co_await bhttp::async_read_some(*plain_, buffer_, parser, tuple);
    if (error && error != bhttp::error::need_buffer) throw boost::system::system_error(error);
  }

  const std::string& pool_key() const { return pool_key_; }
  bool reused = false;  // it has carried a request before
  std::chrono::steady_clock::time_point idle_since;

 private:
  explicit Connection(std::string pool_key) : pool_key_(std::move(pool_key)) {}
  beast::tcp_stream& tcp() { return tls_ ? beast::get_lowest_layer(*tls_) : *plain_; }

  std::string pool_key_;
  std::unique_ptr<beast::tcp_stream> plain_;
  std::unique_ptr<ssl::stream<beast::tcp_stream>> tls_;
  beast::flat_buffer buffer_;
};

// Idle keep-alive connections by server, so that a video's segments do not each pay for a TCP
// and TLS handshake. Used from all the io_context's threads.
class ConnectionPool {
 public:
  ConnectionPool(asio::any_io_executor executor, bool tls) : executor_(std::move(executor)) {
    if (!tls) return;
    tls_.emplace(ssl::context::tls_client);
    tls_->set_default_verify_paths();
    tls_->set_verify_mode(ssl::verify_peer);
    SSL_CTX_set_min_proto_version(tls_->native_handle(), TLS1_2_VERSION);
  }

  // An idle connection to `target`, unless `fresh` or there is none: then a new one.
  asio::awaitable<std::unique_ptr<Connection>> acquire(const Target& target, bool fresh) {
    if (!fresh) {
      std::unique_ptr<Connection> idle;
      {
        std::lock_guard lock(mutex_);
        auto& list = idle_[target.pool_key()];
        const auto oldest = std::chrono::steady_clock::now() - kMaxIdleAge;
        while (!list.empty() && list.front()->idle_since < oldest)
          list.pop_front();
        if (!list.empty()) {
          idle = std::move(list.back());
          list.pop_back();
        }
      }
      if (idle) {
        idle->reused = true;
        co_return idle;
      }
    }
    co_return co_await Connection::open(executor_, target, tls_ ? &*tls_ : nullptr);
  }

  // Takes back a connection whose last response was read to its end and may carry another.
  void release(std::unique_ptr<Connection> connection) {
    connection->idle_since = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    auto& list = idle_[connection->pool_key()];
    list.push_back(std::move(connection));
    if (list.size() > kMaxIdlePerHost) list.pop_front();
  }

 private:
  asio::any_io_executor executor_;
  std::optional<ssl::context> tls_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::unique_ptr<Connection>>> idle_;
};

// A response being read: its header, then its body in pieces. The connection goes back to the
// pool only once the body has been read to its end; dropped earlier, it is closed.
class Exchange {
 public:
  Exchange(std::shared_ptr<ConnectionPool> pool, bool head) : pool_(std::move(pool)) {
    parser_.body_limit(boost::none);  // what is read is counted by the caller
    parser_.skip(head);
  }

  unsigned status() const { return parser_.get().result_int(); }
  const bhttp::response_header<>& header() const { return parser_.get().base(); }

  // At most `size` bytes of the body, as they arrive; 0 at its end.
  asio::awaitable<std::size_t> read_some(char* data, std::size_t size) {
    std::size_t got = 0;
    while (got == 0 && connection_ && !parser_.is_done()) {
      auto& body = parser_.get().body();
      body.data = data;
      body.size = size;
      co_await connection_->read_body(parser_);
      got = size - body.size;
    }
    if (connection_ && parser_.is_done()) finish();
    co_return got;
  }

  // The rest of a small body (XML).
  asio::awaitable<std::string> read_rest() {
    std::string out;
    for (;;) {
      const auto at = out.size();
      out.resize(at + kChunk);
      const auto n = co_await read_some(out.data() + at, kChunk);
      out.resize(at + n);
      if (n == 0) co_return out;
      if (out.size() > kMaxReplyBody) throw std::runtime_error("an S3 answer is too large");
    }
  }

 private:
  friend class Client;
  void finish() {
    auto connection = std::move(connection_);
    if (parser_.get().keep_alive()) pool_->release(std::move(connection));
  }

  std::shared_ptr<ConnectionPool> pool_;
  std::unique_ptr<Connection> connection_;
  Connection::Parser parser_;
};

// One S3 request as it is signed: bucket and key decoded, query values decoded.
struct Call {
  bhttp::verb method = bhttp::verb::get;
  std::string bucket;
  std::string key;  // "" for a request on the bucket
  sigv4::Pairs query;
  sigv4::Pairs headers;   // all of them signed
  std::string_view body;  // must outlive the call

  std::string what() const {
    return std::string(bhttp::to_string(method)) + " " + bucket + "/" + key;
  }
};

// A response read whole.
struct Reply {
  unsigned status = 0;
  bhttp::response_header<> header;
  std::string body;
};

[[noreturn]] void throw_s3_error(const Call& call, unsigned status, std::string_view body,
                                 const bhttp::response_header<>& header) {
  auto code = xml_text(body, "Code");
  if (!code) {  // HEAD answers have no body
    code = std::string(bhttp::obsolete_reason(static_cast<bhttp::status>(status)));
    std::erase(*code, ' ');
  }
  std::string message = "S3 " + call.what() + ": HTTP " + std::to_string(status) + " " + *code;
  if (const auto text = xml_text(body, "Message")) message += " (" + *text + ")";
  if (const auto id = header["x-amz-request-id"]; !id.empty()) {
    message += " [request " + std::string(id) + "]";
  }
  throw S3Error(static_cast<int>(status), *code, message);
}

// Throws S3Error unless the answer is a success.
void require_success(const Call& call, const Reply& reply) {
  if (reply.status < 200 || reply.status > 299 || is_error_document(reply.body)) {
    throw_s3_error(call, reply.status, reply.body, reply.header);
  }
}

// Signs and sends requests over the pool.
class Client {
 public:
  Client(asio::any_io_executor executor, Endpoint endpoint, std::string region, bool path_style,
         std::shared_ptr<aws::CredentialsProvider> credentials)
      : pool_(std::make_shared<ConnectionPool>(std::move(executor), endpoint.tls)),
        endpoint_(std::move(endpoint)),
        scope_{std::move(region), "s3"},
        path_style_(path_style),
        credentials_(std::move(credentials)) {}

  // Sends `call` and reads the response's header; its body is read from the exchange.
  asio::awaitable<std::unique_ptr<Exchange>> start(const Call& call) {
    const auto target = target_for(call.bucket);
    sigv4::Credentials credentials;
    try {
      credentials = co_await credentials_->current();
    } catch (const aws::CredentialsError& e) {
      throw aws::CredentialsError("S3 " + call.what() + ": " + e.what());
    }
    auto request = prepare(call, target, credentials);
    for (int attempt = 0;; ++attempt) {
      auto exchange = std::make_unique<Exchange>(pool_, call.method == bhttp::verb::head);
      std::optional<boost::system::system_error> failure;
      try {
        exchange->connection_ = co_await pool_->acquire(target, attempt > 0);
        co_await exchange->connection_->write(request);
        co_await exchange->connection_->read_header(exchange->parser_);
      } catch (const boost::system::system_error& e) {
        failure.emplace(e.code(), "S3 " + call.what() + " via " + target.pool_key());
      }
      if (!failure) {
        if (exchange->parser_.is_done()) exchange->finish();
        co_return exchange;
      }
      // A kept-alive connection that the server closed while it sat idle fails before any byte
      // of an answer: the request never reached the server, so it goes again on a new one.
      const bool stale =
          exchange->connection_ && exchange->connection_->reused && !exchange->parser_.got_some();
      if (!stale || attempt > 0) throw *failure;
    }
  }

  // Sends `call` and reads the whole (small) answer, whatever its status.
  asio::awaitable<Reply> send(const Call& call) {
    auto exchange = co_await start(call);
    Reply reply;
    reply.status = exchange->status();
    reply.header = exchange->header();
    reply.body = co_await exchange->read_rest();
    co_return reply;
  }

 private:
  Target target_for(const std::string& bucket) const {
    if (path_style_) return {endpoint_.host, endpoint_.port, endpoint_.authority};
    return {bucket + "." + endpoint_.host, endpoint_.port, bucket + "." + endpoint_.authority};
  }

  Connection::Request prepare(const Call& call, const Target& target,
                              const sigv4::Credentials& credentials) const {
    std::string path = "/";
    if (path_style_) path += call.bucket + (call.key.empty() ? "" : "/");
    path = sigv4::encode_path(path + call.key);
    const sigv4::Request signing{.method = std::string(bhttp::to_string(call.method)),
                                 .host = target.authority,
                                 .path = path,
                                 .query = call.query,
                                 .headers = call.headers,
                                 .payload_hash = sha256_hex(call.body)};
    const auto authorization =
        sigv4::sign(signing, credentials, scope_, std::chrono::system_clock::now());
    const auto query = sigv4::canonical_query(call.query);
    Connection::Request request(call.method, query.empty() ? path : path + "?" + query, 11);
    request.set(bhttp::field::host, target.authority);
    for (const auto& [name, value] : call.headers)
      request.set(name, value);
    for (const auto& [name, value] : authorization)
      request.set(name, value);
    request.body() = Connection::Request::body_type::value_type(call.body.data(), call.body.size());
    request.keep_alive(true);
    request.prepare_payload();
    return request;
  }

  std::shared_ptr<ConnectionPool> pool_;
  Endpoint endpoint_;
  sigv4::Scope scope_;
  bool path_style_;
  std::shared_ptr<aws::CredentialsProvider> credentials_;
};

// A GET of a whole object answered 200, its body still to read. Throws ObjectNotFound.
asio::awaitable<std::unique_ptr<Exchange>> start_get(Client& client, const Call& call) {
  auto exchange = co_await client.start(call);
  if (exchange->status() != 200) {
    const auto body = co_await exchange->read_rest();
    if (exchange->status() == 404) throw ObjectNotFound(call.key);
    throw_s3_error(call, exchange->status(), body, exchange->header());
  }
  co_return exchange;
}

// ---------------------------------------------------------------------------------------------

void require_valid(std::string_view key) {
  if (!valid_key(key)) throw std::invalid_argument("not a valid object key");
}

std::uint64_t header_number(const bhttp::response_header<>& header, bhttp::field name) {
  const auto text = header[name];
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw std::runtime_error("S3 sent no valid " + std::string(bhttp::to_string(name)));
  }
  return n;
}

std::chrono::system_clock::time_point last_modified(const bhttp::response_header<>& header) {
  const auto text = header[bhttp::field::last_modified];
  if (const auto when = http::parse_http_date(std::string_view(text.data(), text.size()))) {
    return *when;
  }
  return std::chrono::system_clock::now();
}

ObjectInfo head_info(const bhttp::response_header<>& header) {
  ObjectInfo info;
  info.size = header_number(header, bhttp::field::content_length);
  info.etag = header[bhttp::field::etag];
  info.modified = last_modified(header);
  info.content_type = header[bhttp::field::content_type];
  info.sha256 = header["x-amz-meta-sha256"];
  return info;
}

// What a new object carries besides its bytes.
sigv4::Pairs object_headers(const std::string& content_type, const std::string& sha256) {
  sigv4::Pairs headers;
  if (!content_type.empty()) headers.emplace_back("Content-Type", content_type);
  if (!sha256.empty()) headers.emplace_back("x-amz-meta-sha256", sha256);
  return headers;
}

// A CopyObject answer's new ETag and time, into `info`.
void read_copy_result(const Reply& reply, ObjectInfo& info) {
  info.etag = xml_text(reply.body, "ETag").value_or(info.etag);
  if (const auto when = aws::parse_utc_time(xml_text(reply.body, "LastModified").value_or(""))) {
    info.modified = *when;
  }
}

// Where a put reads from: counts, limits and hashes the bytes.
struct Reading {
  ReadSome source;
  std::optional<std::uint64_t> max_bytes;
  Digest hasher{"sha256"};
  std::uint64_t total = 0;
  bool ended = false;
};

// One part's bytes; the buffer grows to the part size only for objects that need it.
struct Part {
  std::string buffer;
  std::size_t size = 0;
  std::string_view bytes() const { return {buffer.data(), size}; }
};

// Fills `part` with up to `limit` bytes: fewer only at the end of the source.
asio::awaitable<void> fill(Reading& reading, Part& part, std::size_t limit) {
  constexpr std::size_t kFirstBuffer = 64 * 1024;
  part.size = 0;
  while (!reading.ended && part.size < limit) {
    if (part.size == part.buffer.size()) {
      part.buffer.resize(std::min(limit, std::max(kFirstBuffer, part.buffer.size() * 2)));
    }
    const auto n = co_await reading.source(
        asio::buffer(part.buffer.data() + part.size, part.buffer.size() - part.size));
    if (n == 0) {
      reading.ended = true;
      break;
    }
    reading.total += n;
    if (reading.max_bytes && reading.total > *reading.max_bytes) {
      throw std::length_error("the object is too large");
    }
    reading.hasher.update(std::string_view(part.buffer.data() + part.size, n));
    part.size += n;
  }
}

// An object's bytes as the session streams them: a ranged GET started on the first next(),
// its body passed on as it arrives.
class RangeSource final : public http::ChunkSource {
 public:
  RangeSource(std::shared_ptr<Client> client, Call call, std::uint64_t length, bool whole)
      : client_(std::move(client)), call_(std::move(call)), left_(length), whole_(whole) {}

  asio::awaitable<std::string> next() override {
    if (left_ == 0) co_return std::string();
    if (!exchange_) co_await start();
    std::string chunk(std::min<std::uint64_t>(kChunk, left_), '\0');
    const auto n = co_await exchange_->read_some(chunk.data(), chunk.size());
    if (n == 0) {
      throw std::runtime_error("S3 " + call_.what() + ": the answer ended " +
                               std::to_string(left_) + " bytes short");
    }
    chunk.resize(n);
    left_ -= n;
    co_return chunk;
  }

 private:
  asio::awaitable<void> start() {
    exchange_ = co_await client_->start(call_);
    const auto status = exchange_->status();
    // A server may answer a range that covers the whole object with the whole object.
    if (status != 206 && !(status == 200 && whole_)) {
      const auto body = co_await exchange_->read_rest();
      if (status == 404) throw ObjectNotFound(call_.key);
      throw_s3_error(call_, status, body, exchange_->header());
    }
    if (const auto length = header_number(exchange_->header(), bhttp::field::content_length);
        length != left_) {
      throw std::runtime_error("S3 " + call_.what() + ": " + std::to_string(length) +
                               " bytes come for a range of " + std::to_string(left_));
    }
  }

  std::shared_ptr<Client> client_;
  Call call_;
  std::uint64_t left_;
  bool whole_;
  std::unique_ptr<Exchange> exchange_;
};

class S3Reader final : public ObjectReader {
 public:
  S3Reader(std::shared_ptr<Client> client, std::string bucket, std::string key, ObjectInfo info)
      : client_(std::move(client)),
        bucket_(std::move(bucket)),
        key_(std::move(key)),
        info_(std::move(info)) {}
  const ObjectInfo& info() const override { return info_; }

  http::StreamedBody::Piece range(std::uint64_t offset, std::uint64_t length) const override {
    if (offset > info_.size || length > info_.size - offset) {
      throw std::out_of_range("the range lies outside the object");
    }
    if (length == 0) return std::string();
    Call call{.method = bhttp::verb::get, .bucket = bucket_, .key = key_};
    call.headers = {
        {"Range", "bytes=" + std::to_string(offset) + "-" + std::to_string(offset + length - 1)}};
    // The bytes of the object that was opened, or an error: never parts of two versions.
    if (!info_.etag.empty()) call.headers.emplace_back("If-Match", info_.etag);
    return std::make_shared<RangeSource>(client_, std::move(call), length,
                                         offset == 0 && length == info_.size);
  }

 private:
  std::shared_ptr<Client> client_;
  std::string bucket_;
  std::string key_;
  ObjectInfo info_;
};

// A file descriptor closed with its owner.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

// Reads at most `size` bytes; fewer only at the end of the file. Blocking.
std::size_t read_full(int fd, char* data, std::size_t size, const std::filesystem::path& path) {
  std::size_t got = 0;
  while (got < size) {
    const auto n = ::read(fd, data + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "read " + path.string());
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got;
}

void write_all(int fd, const char* data, std::size_t size, const std::filesystem::path& path) {
  while (size > 0) {
    const auto n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "write " + path.string());
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

}  // namespace s3

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
using s3::Call;
using s3::require_success;
using s3::require_valid;

S3Store::S3Store(asio::any_io_executor executor, S3Settings settings)
    : bucket_names_(std::move(settings.bucket_names)),
      part_size_(settings.part_size),
      list_page_size_(settings.list_page_size) {
  for (const auto bucket : kAllBuckets) {
    if (bucket_names_[bucket].empty()) {
      throw std::invalid_argument("no S3 bucket is named for " + std::string(to_string(bucket)));
    }
  }
  if (part_size_ < s3::kMinPartSize || part_size_ > s3::kMaxPartSize) {
    throw std::invalid_argument("the S3 part size must be 5 MiB to 5 GiB");
  }
  if (list_page_size_ < 1 || list_page_size_ > 1000) {
    throw std::invalid_argument("the S3 list page size must be 1 to 1000");
  }
  if (settings.region.empty()) throw std::invalid_argument("the S3 region is missing");
  auto credentials =
      settings.credentials_provider
          ? std::move(settings.credentials_provider)
          : std::make_shared<aws::StaticCredentials>(std::move(settings.credentials));
  client_ = std::make_shared<s3::Client>(std::move(executor), s3::parse_endpoint(settings.endpoint),
                                         std::move(settings.region), settings.path_style,
                                         std::move(credentials));
}

S3Store::~S3Store() {
  blocking_.join();
}

const std::string& S3Store::bucket_name(Bucket bucket) const {
  return bucket_names_.at(bucket);
}

std::optional<fs::path> S3Store::local_path(Bucket, std::string_view key) const {
  require_valid(key);
  return std::nullopt;
}

asio::awaitable<ObjectInfo> S3Store::put(Bucket bucket, std::string key, ReadSome source,
                                         std::string content_type,
                                         std::optional<std::uint64_t> max_bytes) {
  co_return co_await upload(bucket, std::move(key), std::move(source), std::move(content_type),
                            max_bytes, std::nullopt);
}

asio::awaitable<ObjectInfo> S3Store::put_file(Bucket bucket, std::string key, fs::path file,
                                              std::string content_type) {
  require_valid(key);
  // S3 takes metadata only when an upload starts, so the file is read twice: once for its digest,
  // then to send it (from the page cache, mostly).
  // (Work for the pool is made before co_await: GCC 12 mishandles temporaries in the expression.)
  std::function<std::string()> hash = [file] { return sha256_file(file); };
  auto sha256 = co_await run_blocking<std::string>(blocking_, std::move(hash));
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + file.string());
  auto state = std::make_shared<s3::Fd>(fd);
  ReadSome source = [this, state, file](asio::mutable_buffer into) -> asio::awaitable<std::size_t> {
    std::function<std::size_t()> read = [state, file, into] {
      return s3::read_full(state->fd, static_cast<char*>(into.data()), into.size(), file);
    };
    co_return co_await run_blocking<std::size_t>(blocking_, std::move(read));
  };
  co_return co_await upload(bucket, std::move(key), std::move(source), std::move(content_type),
                            std::nullopt, std::move(sha256));
}

asio::awaitable<ObjectInfo> S3Store::upload(Bucket bucket, std::string key, ReadSome source,
                                            std::string content_type,
                                            std::optional<std::uint64_t> max_bytes,
                                            std::optional<std::string> known_sha256) {
  require_valid(key);
  const auto& name = bucket_name(bucket);
  s3::Reading reading{.source = std::move(source), .max_bytes = max_bytes};
  s3::Part part;
  co_await s3::fill(reading, part, part_size_);
  ObjectInfo info;
  info.content_type = content_type;

  // Small enough for one request: PutObject with its digest.
  if (reading.ended) {
    info.sha256 = reading.hasher.hex_digest();
    if (known_sha256 && *known_sha256 != info.sha256) {
      throw std::runtime_error("the file changed while it was stored");
    }
    const Call call{.method = bhttp::verb::put,
                    .bucket = name,
                    .key = key,
                    .headers = s3::object_headers(content_type, info.sha256),
                    .body = part.bytes()};
    const auto reply = co_await client_->send(call);
    require_success(call, reply);
    info.size = reading.total;
    info.etag = reply.header[bhttp::field::etag];
    info.modified = s3::last_modified(reply.header);
    co_return info;
  }

  // A multipart upload, aborted on any failure so that S3 keeps (and bills) no orphaned parts.
  const auto sha256_header = known_sha256.value_or("");
  const auto upload_id = co_await start_multipart(bucket, key, content_type, sha256_header);
  std::exception_ptr failure;
  try {
    std::vector<UploadedPart> parts;
    for (int number = 1;; ++number) {
      if (static_cast<std::size_t>(number) > s3::kMaxParts) {
        throw std::length_error("the object has too many parts");
      }
      const auto bytes = part.bytes();
      auto etag = co_await upload_part(bucket, key, upload_id, number, bytes);
      parts.push_back({number, std::move(etag)});
      if (reading.ended) break;
      co_await s3::fill(reading, part, part_size_);
      if (part.size == 0) break;
    }
    info.sha256 = reading.hasher.hex_digest();
    if (known_sha256 && *known_sha256 != info.sha256) {
      throw std::runtime_error("the file changed while it was stored");
    }
    const auto completed = co_await complete_multipart(bucket, key, upload_id, std::move(parts));
    info.etag = completed.etag;
    info.modified = completed.modified;
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) {
    try {
      co_await abort_multipart(bucket, key, upload_id);
    } catch (const std::exception& e) {
      // The put fails with its own error; a bucket lifecycle rule removes what is left.
      log::warn("s3 multipart upload not aborted", {{"key", key}, {"error", e.what()}});
    }
    std::rethrow_exception(failure);
  }
  info.size = reading.total;
  if (known_sha256) co_return info;

  // The digest is known only now: copy the object onto itself with it (one server-side request,
  // up to 5 GiB), unless another put has replaced it meanwhile (then it is not ours to describe).
  if (info.size > kMaxCopyBytes) co_return info;
  auto copy_call = copy_request(name, key, name, key, content_type, info.sha256);
  copy_call.headers.emplace_back("x-amz-copy-source-if-match", info.etag);
  try {
    const auto reply = co_await client_->send(copy_call);
    if (reply.status != 412) {
      require_success(copy_call, reply);
      s3::read_copy_result(reply, info);
    }
  } catch (const std::exception& e) {
    // The bytes are stored; only head() will not know their digest.
    log::warn("s3 object digest not stored", {{"key", key}, {"error", e.what()}});
  }
  co_return info;
}

asio::awaitable<std::string> S3Store::start_multipart(Bucket bucket, std::string key,
                                                      std::string content_type,
                                                      std::string sha256) {
  require_valid(key);
  const Call create{.method = bhttp::verb::post,
                    .bucket = bucket_name(bucket),
                    .key = key,
                    .query = {{"uploads", ""}},
                    .headers = s3::object_headers(content_type, sha256)};
  const auto created = co_await client_->send(create);
  require_success(create, created);
  auto upload_id = s3::xml_text(created.body, "UploadId");
  if (!upload_id || upload_id->empty()) throw std::runtime_error("S3 gave no upload id");
  co_return std::move(*upload_id);
}

asio::awaitable<std::string> S3Store::upload_part(Bucket bucket, std::string key,
                                                  std::string upload_id, int number,
                                                  std::string_view bytes) {
  require_valid(key);
  const Call call{.method = bhttp::verb::put,
                  .bucket = bucket_name(bucket),
                  .key = key,
                  .query = {{"partNumber", std::to_string(number)}, {"uploadId", upload_id}},
                  .body = bytes};
  const auto reply = co_await client_->send(call);
  require_success(call, reply);
  auto etag = std::string(reply.header[bhttp::field::etag]);
  if (etag.empty()) throw std::runtime_error("S3 gave no ETag for a part");
  co_return etag;
}

asio::awaitable<ObjectInfo> S3Store::complete_multipart(Bucket bucket, std::string key,
                                                        std::string upload_id,
                                                        std::vector<UploadedPart> parts) {
  require_valid(key);
  std::string body = "<CompleteMultipartUpload>";
  for (const auto& part : parts) {
    body += "<Part><PartNumber>" + std::to_string(part.number) + "</PartNumber><ETag>" +
            s3::xml_escape(part.etag) + "</ETag></Part>";
  }
  body += "</CompleteMultipartUpload>";
  const Call call{.method = bhttp::verb::post,
                  .bucket = bucket_name(bucket),
                  .key = key,
                  .query = {{"uploadId", upload_id}},
                  .headers = {{"Content-Type", "application/xml"}},
                  .body = body};
  const auto reply = co_await client_->send(call);
  require_success(call, reply);
  ObjectInfo info;
  info.etag = s3::xml_text(reply.body, "ETag").value_or("");
  info.modified = std::chrono::system_clock::now();
  co_return info;
}

asio::awaitable<void> S3Store::abort_multipart(Bucket bucket, std::string key,
                                               std::string upload_id) {
  require_valid(key);
  const Call call{.method = bhttp::verb::delete_,
                  .bucket = bucket_name(bucket),
                  .key = key,
                  .query = {{"uploadId", upload_id}}};
  const auto reply = co_await client_->send(call);
  if (reply.status != 204 && reply.status != 404) require_success(call, reply);
}

s3::Call S3Store::copy_request(const std::string& from_bucket, const std::string& from_key,
                               const std::string& to_bucket, const std::string& to_key,
                               const std::string& content_type, const std::string& sha256) const {
  Call call{.method = bhttp::verb::put,
            .bucket = to_bucket,
            .key = to_key,
            .headers = s3::object_headers(content_type, sha256)};
  call.headers.emplace_back("x-amz-copy-source",
                            sigv4::encode_path("/" + from_bucket + "/" + from_key));
  call.headers.emplace_back("x-amz-metadata-directive", "REPLACE");
  return call;
}

asio::awaitable<ObjectInfo> S3Store::copy(Bucket from, std::string from_key, Bucket to,
                                          std::string to_key, std::string content_type,
                                          std::string sha256) {
  require_valid(from_key);
  require_valid(to_key);
  const auto call =
      copy_request(bucket_name(from), from_key, bucket_name(to), to_key, content_type, sha256);
  const auto reply = co_await client_->send(call);
  if (reply.status == 404) throw ObjectNotFound(from_key);
  require_success(call, reply);
  auto info = co_await head(to, to_key);
  if (!info) throw ObjectNotFound(to_key);
  co_return std::move(*info);
}

asio::awaitable<std::string> S3Store::get(Bucket bucket, std::string key, std::uint64_t max_bytes) {
  require_valid(key);
  const Call call{.method = bhttp::verb::get, .bucket = bucket_name(bucket), .key = key};
  auto exchange = co_await s3::start_get(*client_, call);
  std::string out;
  for (;;) {
    const auto at = out.size();
    out.resize(at + s3::kChunk);
    const auto n = co_await exchange->read_some(out.data() + at, s3::kChunk);
    out.resize(at + n);
    if (n == 0) co_return out;
    if (out.size() > max_bytes) throw std::length_error("the object is larger than expected");
  }
}

asio::awaitable<std::optional<ObjectInfo>> S3Store::head(Bucket bucket, std::string key) {
  require_valid(key);
  const Call call{.method = bhttp::verb::head, .bucket = bucket_name(bucket), .key = key};
  const auto reply = co_await client_->send(call);
  if (reply.status == 404) co_return std::nullopt;
  require_success(call, reply);
  co_return s3::head_info(reply.header);
}

asio::awaitable<std::shared_ptr<const ObjectReader>> S3Store::open(Bucket bucket, std::string key) {
  auto info = co_await head(bucket, key);
  if (!info) throw ObjectNotFound(key);
  co_return std::make_shared<const s3::S3Reader>(client_, bucket_name(bucket), std::move(key),
                                                 std::move(*info));
}

asio::awaitable<void> S3Store::download(Bucket bucket, std::string key, fs::path to) {
  require_valid(key);
  const Call call{.method = bhttp::verb::get, .bucket = bucket_name(bucket), .key = key};
  auto exchange = co_await s3::start_get(*client_, call);
  const int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "create " + to.string());
  auto file = std::make_shared<s3::Fd>(fd);
  std::exception_ptr failure;
  try {
    // Written a MiB at a time; the parser checks that the body is as long as it said.
    auto buffer = std::make_shared<std::string>(1 << 20, '\0');
    std::size_t filled = 0;
    for (;;) {
      const auto n = co_await exchange->read_some(buffer->data() + filled, buffer->size() - filled);
      filled += n;
      if (filled > 0 && (n == 0 || filled == buffer->size())) {
        std::function<void()> write = [file, buffer, filled, to] {
          s3::write_all(file->fd, buffer->data(), filled, to);
        };
        co_await run_blocking<void>(blocking_, std::move(write));
        filled = 0;
      }
      if (n == 0) break;
    }
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) {
    std::error_code ignored;
    fs::remove(to, ignored);
    std::rethrow_exception(failure);
  }
}

asio::awaitable<void> S3Store::remove(Bucket bucket, std::string key) {
  require_valid(key);
  const Call call{.method = bhttp::verb::delete_, .bucket = bucket_name(bucket), .key = key};
  const auto reply = co_await client_->send(call);
  if (reply.status != 404) require_success(call, reply);
}

asio::awaitable<void> S3Store::remove_prefix(Bucket bucket, std::string prefix) {
  require_valid(prefix);
  const auto& name = bucket_name(bucket);
  std::string token;
  for (;;) {
    Call list{.method = bhttp::verb::get,
              .bucket = name,
              .query = {{"list-type", "2"},
                        {"prefix", prefix + "/"},
                        {"max-keys", std::to_string(list_page_size_)}}};
    if (!token.empty()) list.query.emplace_back("continuation-token", token);
    const auto page = co_await client_->send(list);
    require_success(list, page);

    // One DeleteObjects per page (at most 1000 keys, S3's limit for it).
    std::string body = "<Delete><Quiet>true</Quiet>";
    bool any = false;
    for (const auto contents : s3::xml_elements(page.body, "Contents")) {
      if (const auto key = s3::xml_text(contents, "Key")) {
        body += "<Object><Key>" + s3::xml_escape(*key) + "</Key></Object>";
        any = true;
      }
    }
    body += "</Delete>";
    if (any) {
      const Call remove{
          .method = bhttp::verb::post,
          .bucket = name,
          .query = {{"delete", ""}},
          .headers = {{"Content-MD5", s3::content_md5(body)}, {"Content-Type", "application/xml"}},
          .body = body};
      const auto reply = co_await client_->send(remove);
      require_success(remove, reply);
      // Quiet mode lists only the keys that could not be removed.
      if (const auto errors = s3::xml_elements(reply.body, "Error"); !errors.empty()) {
        s3::throw_s3_error(remove, reply.status, errors.front(), reply.header);
      }
    }
    if (s3::xml_text(page.body, "IsTruncated").value_or("false") != "true") break;
    token = s3::xml_text(page.body, "NextContinuationToken").value_or("");
    if (token.empty()) throw std::runtime_error("S3 gave a truncated list without a token");
  }
}

}  // namespace sn::storage
