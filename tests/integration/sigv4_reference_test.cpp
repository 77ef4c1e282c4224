// Our SigV4 signer against the AWS SDK for JavaScript's (tests/peers/sigv4_reference.mjs, run with
// node on packages from web/node_modules): the S3 requests the object store makes, signed by both,
// must carry the same Authorization header or the same presigned query.

#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fstream>
#include <map>

#include "core/process.hpp"
#include "core/text.hpp"
#include "harness.hpp"
#include "storage/sigv4.hpp"

namespace sn::test {
namespace {

namespace json = boost::json;
namespace sigv4 = storage::sigv4;
using std::chrono::sys_days;
using std::chrono::year;

struct Case {
  std::string method;
  std::string host;
  std::string path;  // decoded: "/bucket/key"
  sigv4::Pairs query;
  sigv4::Pairs headers;
  std::string body;
  sigv4::Credentials credentials;
  std::string region = "us-east-1";
  std::chrono::sys_seconds time;
  std::chrono::seconds presign_expires{0};  // 0: sign the headers
};

const sigv4::Credentials kKeys{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                               ""};
const sigv4::Credentials kTemporary{
    "ASIAEXAMPLETEMPORARY", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token/with=odd+chars"};
const auto kNow = sys_days{year{2026} / 11 / 26} + std::chrono::hours(12) +
                  std::chrono::minutes(29) + std::chrono::seconds(19);

std::vector<Case> cases() {
  const std::string complete =
      "<CompleteMultipartUpload>"
      "<Part><PartNumber>1</PartNumber><ETag>\"a54357aff0632cce46d942af68356b38\"</ETag></Part>"
      "<Part><PartNumber>2</PartNumber><ETag>\"0c78aef83f66abc1fa1e8477f296d394\"</ETag></Part>"
      "</CompleteMultipartUpload>";
  return {
      // GetObject, a byte range of a lecture video, virtual-hosted style in another region.
      {.method = "GET",
       .host = "skillnexus-media.s3.eu-central-1.amazonaws.com",
       .path = "/courses/42/lecture-01.mp4",
       .headers = {{"Range", "bytes=1048576-2097151"}},
       .credentials = kKeys,
       .region = "eu-central-1",
       .time = kNow},
      // PutObject to a local S3 on a non-default port, path style, with metadata to collapse.
      {.method = "PUT",
       .host = "127.0.0.1:9000",
       .path = "/skillnexus-media/uploads/7/notes.txt",
       .headers = {{"Content-Type", "text/plain; charset=utf-8"},
                   {"x-amz-meta-title", "  Intro   to \t C++  "}},
       .body = "Week 1: pointers, references and the rule of zero.\n",
       .credentials = kKeys,
       .time = kNow},
      // CreateMultipartUpload: a parameter without a value.
      {.method = "POST",
       .host = "127.0.0.1:9000",
       .path = "/skillnexus-media/videos/lecture 1.mp4",
       .query = {{"uploads", ""}},
       .headers = {{"Content-Type", "video/mp4"}},
       .credentials = kKeys,
       .time = kNow},
      // UploadPart: an upload id full of characters to encode, and a body.
      {.method = "PUT",
       .host = "127.0.0.1:9000",
       .path = "/skillnexus-media/videos/lecture 1.mp4",
       .query = {{"uploadId", "2~Xyz.AbC-_/+==q"}, {"partNumber", "3"}},
       .body = std::string(4096, 'x') + "the third part",
       .credentials = kKeys,
       .time = kNow},
      // CompleteMultipartUpload.
      {.method = "POST",
       .host = "127.0.0.1:9000",
       .path = "/skillnexus-media/videos/lecture 1.mp4",
       .query = {{"uploadId", "2~Xyz.AbC-_/+==q"}},
       .headers = {{"Content-Type", "application/xml"}},
       .body = complete,
       .credentials = kKeys,
       .time = kNow},
      // DeleteObject: a key with spaces, accents, '+', parentheses and '$'.
      {.method = "DELETE",
       .host = "skillnexus-media.s3.amazonaws.com",
       .path = "/users/7/r\xC3\xA9sum\xC3\xA9 final+v2 (1)$.pdf",
       .credentials = kKeys,
       .time = kNow},
      // ListObjectsV2 with temporary credentials: CJK key prefix and a continuation token.
      {.method = "GET",
       .host = "skillnexus-media.s3.amazonaws.com",
       .path = "/",
       .query = {{"list-type", "2"},
                 {"prefix", "\xE8\xAA\xB2\xE7\xA8\x8B/\xE3\x83\x8E\xE3\x83\xBC\xE3\x83\x88 1/"},
                 {"continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="}},
       .credentials = kTemporary,
       .time = kNow + std::chrono::seconds(1)},
      // A presigned GET for a download link: a disposition to return, fifteen minutes.
      {.method = "GET",
       .host = "skillnexus-media.s3.amazonaws.com",
       .path = "/certificates/2026/Ada Lovelace + Co.pdf",
       .query = {{"response-content-disposition",
                  "attachment; filename=\"Ada Lovelace + Co.pdf\""}},
       .credentials = kKeys,
       .time = kNow,
       .presign_expires = std::chrono::seconds(900)},
      // A presigned GET as long as S3 allows, with temporary credentials.
      {.method = "GET",
       .host = "127.0.0.1:9000",
       .path = "/skillnexus-media/videos/\xE8\xAA\xB2\xE7\xA8\x8B 1.mp4",
       .credentials = kTemporary,
       .time = kNow,
       .presign_expires = std::chrono::seconds(604800)},
      // AWS's own presigned-URL example, which shows that the reference itself is right.
      {.method = "GET",
       .host = "examplebucket.s3.amazonaws.com",
       .path = "/test.txt",
       .credentials = kKeys,
       .time = sys_days{year{2013} / 5 / 24},
       .presign_expires = std::chrono::seconds(86400)},
  };
}

json::array pairs_json(const sigv4::Pairs& pairs) {
  json::array out;
  for (const auto& [name, value] : pairs)
    out.push_back(json::array{json::string(name), json::string(value)});
  return out;
}

std::string iso8601(std::chrono::sys_seconds time) {
  const auto d = sigv4::amz_date(time);  // YYYYMMDDTHHMMSSZ
  return d.substr(0, 4) + '-' + d.substr(4, 2) + '-' + d.substr(6, 2) + 'T' + d.substr(9, 2) + ':' +
         d.substr(11, 2) + ':' + d.substr(13, 2) + 'Z';
}

json::object case_json(const Case& c) {
  json::object o{{"method", c.method},
                 {"host", c.host},
                 {"path", c.path},
                 {"query", pairs_json(c.query)},
                 {"headers", pairs_json(c.headers)},
                 {"body", c.body},
                 {"time", iso8601(c.time)},
                 {"region", c.region},
                 {"service", "s3"},
                 {"access_key_id", c.credentials.access_key_id},
                 {"secret_access_key", c.credentials.secret_access_key}};
  if (!c.credentials.session_token.empty()) o["session_token"] = c.credentials.session_token;
  if (c.presign_expires.count() > 0) o["presign_expires"] = c.presign_expires.count();
  return o;
}

// Runs the reference on `input`; its parsed output.
json::array run_reference(const std::string& input) {
  const auto dir = make_temp_dir("skillnexus-sigv4");
  std::ofstream(dir / "in.json", std::ios::binary) << input;
  // sn::process gives the child /dev/null for stdin, so a shell feeds it the file.
  const std::string command = node_command("sigv4_reference.mjs") + " < " +
                              shell_quote((dir / "in.json").string()) + " > " +
                              shell_quote((dir / "out.json").string()) + " 2> " +
                              shell_quote((dir / "err.txt").string());
  const pid_t pid = process::spawn({"/bin/sh", "-c", command}, {.parent_death_signal = SIGKILL});
  auto status = process::wait_for(pid, std::chrono::seconds(60));
  if (!status) {
    ::kill(pid, SIGKILL);
    status = process::wait_for(pid, std::chrono::seconds(10));
  }
  const auto output = read_whole_file(dir / "out.json");
  const auto errors = read_whole_file(dir / "err.txt");
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (status != 0) {
    throw std::runtime_error(
        "the SigV4 reference failed (scripts/bootstrap installs node and "
        "web/node_modules): " +
        errors);
  }
  return json::parse(output).as_array();
}

std::string decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// Our presigned query string as decoded name -> value.
std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    const auto amp = std::min(query.find('&'), query.size());
    const auto pair = query.substr(0, amp);
    const auto eq = std::min(pair.find('='), pair.size());
    out[decode(pair.substr(0, eq))] = decode(pair.substr(std::min(eq + 1, pair.size())));
    query.remove_prefix(std::min(amp + 1, query.size()));
  }
  return out;
}

TEST(SigV4Reference, MatchesTheAwsSdkForJavaScript) {
  const auto all = cases();
  json::array input;
  for (const auto& c : all)
    input.push_back(case_json(c));
  const auto reference = run_reference(json::serialize(input));
  ASSERT_EQ(reference.size(), all.size());

  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& c = all[i];
    SCOPED_TRACE(c.method + " " + c.host + c.path);
    const sigv4::Request request{.method = c.method,
                                 .host = c.host,
                                 .path = sigv4::encode_path(c.path),
                                 .query = c.query,
                                 .headers = c.headers,
                                 .payload_hash = sigv4::sha256_hex(c.body)};
    const sigv4::Scope scope{c.region, "s3"};
    const auto& expected = reference[i].as_object();

    if (c.presign_expires.count() > 0) {
      std::map<std::string, std::string> sdk;
      for (const auto& [name, value] : expected.at("query").as_object())
        sdk[std::string(name)] = std::string(value.as_string());
      EXPECT_EQ(
          parse_query(sigv4::presign(request, c.credentials, scope, c.time, c.presign_expires)),
          sdk);
      continue;
    }
    const auto& sdk = expected.at("headers").as_object();
    const auto ours = sigv4::sign(request, c.credentials, scope, c.time);
    for (const auto& [name, value] : ours) {
      ASSERT_TRUE(sdk.contains(ascii_lower(name))) << name;
      EXPECT_EQ(std::string(sdk.at(ascii_lower(name)).as_string()), value) << name;
    }
    // And the SDK added nothing that we did not: Host, the request's headers and ours.
    EXPECT_EQ(sdk.size(), 1 + c.headers.size() + ours.size());
  }
}

}  // namespace
}  // namespace sn::test
