#include "http_response.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sn::loadgen {
namespace {

// Feeds text in pieces of `step` bytes (splitting every line and body at every possible point
// for step 1); returns the bytes consumed in total.
std::size_t feed_in_steps(ResponseParser& p, std::string_view text, std::size_t step) {
  std::size_t used = 0;
  while (used < text.size() && !p.done() && !p.failed())
    used += p.feed(text.substr(used, std::min(step, text.size() - used)));
  return used;
}

TEST(ResponseParser, ContentLengthInAnyPieces) {
  const std::string r =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 11\r\n\r\n"
      "{\"a\": true}";
  for (std::size_t step : {1, 2, 7, 1000}) {
    ResponseParser p;
    p.reset();
    EXPECT_EQ(feed_in_steps(p, r, step), r.size()) << step;
    EXPECT_TRUE(p.done()) << step;
    EXPECT_EQ(p.status(), 200);
    EXPECT_TRUE(p.keep_alive());
    EXPECT_EQ(p.body_bytes(), 11u);
  }
}

TEST(ResponseParser, StopsAtTheEndOfTheResponse) {
  ResponseParser p;
  p.reset();
  const std::string two =
      "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nnoHTTP/1.1 200 OK\r\n";
  EXPECT_EQ(p.feed(two), two.find("HTTP/1.1 200"));
  EXPECT_TRUE(p.done());
  EXPECT_EQ(p.status(), 404);
}

TEST(ResponseParser, Chunked) {
  const std::string r =
      "HTTP/1.1 201 Created\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
      "5\r\nhello\r\n1A;ext=1\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: 1\r\n\r\n";
  for (std::size_t step : {1, 3, 1000}) {
    ResponseParser p;
    p.reset();
    EXPECT_EQ(feed_in_steps(p, r, step), r.size()) << step;
    EXPECT_TRUE(p.done()) << step;
    EXPECT_EQ(p.status(), 201);
    EXPECT_EQ(p.body_bytes(), 31u);
  }
}

TEST(ResponseParser, NoBodyFor204And304AndHead) {
  ResponseParser p;
  p.reset();
  p.feed("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n");
  EXPECT_TRUE(p.done());
  p.reset(true);
  p.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
  EXPECT_TRUE(p.done());
  EXPECT_EQ(p.body_bytes(), 0u);
  p.reset();
  p.feed("HTTP/1.1 304 Not Modified\r\n\r\n");
  EXPECT_TRUE(p.done());
  EXPECT_TRUE(p.keep_alive());
}

TEST(ResponseParser, ConnectionHandling) {
  ResponseParser p;
  p.reset();
  p.feed("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n");
  EXPECT_TRUE(p.done());
  EXPECT_FALSE(p.keep_alive());
  p.reset();
  p.feed("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
  EXPECT_FALSE(p.keep_alive());
  p.reset();
  p.feed("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n");
  EXPECT_TRUE(p.keep_alive());
}

TEST(ResponseParser, BodyUntilClose) {
  ResponseParser p;
  p.reset();
  EXPECT_EQ(p.feed("HTTP/1.1 200 OK\r\n\r\nsome"), 23u);
  EXPECT_FALSE(p.done());
  p.feed(" more");
  p.end_of_stream();
  EXPECT_TRUE(p.done());
  EXPECT_FALSE(p.keep_alive());
  EXPECT_EQ(p.body_bytes(), 9u);
}

TEST(ResponseParser, SkipsInterimResponses) {
  ResponseParser p;
  p.reset();
  p.feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
  EXPECT_TRUE(p.done());
  EXPECT_EQ(p.status(), 200);
}

TEST(ResponseParser, CloseBeforeTheEndFails) {
  ResponseParser p;
  p.reset();
  EXPECT_FALSE(p.started());
  p.end_of_stream();
  EXPECT_TRUE(p.failed());
  EXPECT_FALSE(p.started());
  p.reset();
  p.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
  p.end_of_stream();
  EXPECT_TRUE(p.failed());
  EXPECT_TRUE(p.started());
}

TEST(ResponseParser, RefusesGarbage) {
  for (const char* bad :
       {"SSH-2.0-OpenSSH\r\n", "HTTP/1.1 2xx OK\r\n", "HTTP/2 200\r\n",
        "HTTP/1.1 200 OK\r\nno colon\r\n", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n"}) {
    ResponseParser p;
    p.reset();
    p.feed(bad);
    EXPECT_TRUE(p.failed()) << bad;
    EXPECT_FALSE(p.error().empty());
  }
  ResponseParser p;
  p.reset();
  p.feed("HTTP/1.1 200 OK\r\nX: " + std::string(20000, 'a'));
  EXPECT_TRUE(p.failed());
}

}  // namespace
}  // namespace sn::loadgen
