// The signer against AWS's published vectors: the generic aws-sig-v4-test-suite (as the AWS SDKs
// and awslabs/aws-c-auth carry it), the S3 API reference's "Signature Calculations for the
// Authorization Header: Transferring Payload in a Single Chunk" and "Authenticating Requests:
// Using Query Parameters" examples, and the signing-key derivation example. Each case asserts the
// canonical request, the string to sign and the signature, so a failure names the stage.

#include "storage/sigv4.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sn::storage::sigv4 {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;
using std::chrono::year;

// ---- The generic test suite ---------------------------------------------------------------------

const Credentials kSuiteCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
const Scope kSuiteScope{"us-east-1", "service"};
const auto kSuiteTime = sys_days{year{2015} / 8 / 30} + 12h + 36min;
constexpr const char* kSuiteDate = "20150830T123600Z";

// From the suite's post-sts-header-before case.
constexpr const char* kStsToken =
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPf"
    "IeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7W"
    "Z0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8F"
    "DrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

// The body of the post-x-www-form-urlencoded cases and its hash.
constexpr const char* kFormBody = "Param1=value1";
constexpr const char* kFormBodyHash =
    "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e";

struct SuiteCase {
  const char* name;
  const char* method = "GET";
  const char* path = "/";  // as on the suite's request line
  Pairs query;
  Pairs headers;  // besides Host and X-Amz-Date
  std::string session_token;
  std::string payload_hash = std::string(kEmptyPayloadHash);
  const char* canonical_request;
  const char* hashed_canonical_request;  // the last line of the string to sign
  const char* signature;
};

const std::vector<SuiteCase>& suite() {
  static const std::vector<SuiteCase> cases{
      {.name = "get-vanilla",
       .canonical_request =
           "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
       .signature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
      {.name = "get-vanilla-query-order-key-case",
       .query = {{"Param2", "value2"}, {"Param1", "value1"}},
       .canonical_request = "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\n"
                            "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
       .signature = "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
      {.name = "get-vanilla-query-order-value",
       .query = {{"Param1", "value2"}, {"Param1", "value1"}},
       .canonical_request = "GET\n/\nParam1=value1&Param1=value2\nhost:example.amazonaws.com\n"
                            "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "c968629d70850097a2d8781c9bf7edcb988b04cac14cca9be4acc3595f884606",
       .signature = "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"},
      {.name = "get-vanilla-empty-query-key",
       .query = {{"Param1", "value1"}},
       .canonical_request = "GET\n/\nParam1=value1\nhost:example.amazonaws.com\n"
                            "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab",
       .signature = "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"},
      {.name = "get-vanilla-query-unreserved",
       .query = {{"-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                  "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}},
       .canonical_request =
           "GET\n/\n-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz="
           "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\n"
           "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177",
       .signature = "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"},
      {.name = "get-vanilla-utf8-query",
       .query = {{"\xE1\x88\xB4", "bar"}},
       .canonical_request = "GET\n/\n%E1%88%B4=bar\nhost:example.amazonaws.com\n"
                            "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
       .signature = "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"},
      {.name = "post-vanilla-query-nonunreserved",
       .method = "POST",
       .query = {{"@#$%^", ""}, {"+", "/,?><`\";:\\|][{}"}},
       .canonical_request =
           "POST\n/\n%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D&%40%23%24%25%5E=\n"
           "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "13c1a9775a543ebd153fdebba799dc0572ea298c6aac14eb1a86998b980c2a34",
       .signature = "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e"},
      // Leading, trailing and inner runs of blanks go, even inside quotes.
      {.name = "get-header-value-trim",
       .headers = {{"My-Header1", " value1 "}, {"My-Header2", " \"a   b   c\""}},
       .canonical_request =
           "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n"
           "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
       .signature = "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"},
      // A repeated header: one line, its values joined in the order given.
      {.name = "get-header-key-duplicate",
       .headers = {{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}},
       .canonical_request =
           "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\n"
           "x-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
       .signature = "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"},
      {.name = "get-header-value-order",
       .headers = {{"My-Header1", "value4"},
                   {"My-Header1", "value1"},
                   {"My-Header1", "value3"},
                   {"My-Header1", "value2"}},
       .canonical_request =
           "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3,value2\n"
           "x-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86",
       .signature = "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"},
      {.name = "get-unreserved",
       .path = "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
       .canonical_request =
           "GET\n/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\n\n"
           "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
       .signature = "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"},
      {.name = "get-utf8",
       .path = "/\xE1\x88\xB4",
       .canonical_request = "GET\n/%E1%88%B4\n\nhost:example.amazonaws.com\n"
                            "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
       .signature = "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"},
      {.name = "get-space",
       .path = "/example space/",
       .canonical_request = "GET\n/example%20space/\n\nhost:example.amazonaws.com\n"
                            "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
       .signature = "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"},
      // Path normalization: empty, "." and ".." segments go.
      {.name = "get-slashes",
       .path = "//example//",
       .canonical_request = "GET\n/example/\n\nhost:example.amazonaws.com\n"
                            "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "cb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015",
       .signature = "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"},
      {.name = "get-slash-pointless-dot",
       .path = "/./example",
       .canonical_request = "GET\n/example\n\nhost:example.amazonaws.com\n"
                            "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702",
       .signature = "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5"},
      {.name = "get-relative-relative",
       .path = "/example1/example2/../..",
       .canonical_request =
           "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
       .signature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
      {.name = "get-slash-dot-slash",
       .path = "/./",
       .canonical_request =
           "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
       .signature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
      {.name = "post-vanilla",
       .method = "POST",
       .canonical_request =
           "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
       .signature = "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"},
      {.name = "post-vanilla-query",
       .method = "POST",
       .query = {{"Param1", "value1"}},
       .canonical_request = "POST\n/\nParam1=value1\nhost:example.amazonaws.com\n"
                            "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
       .signature = "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"},
      {.name = "post-header-key-sort",
       .method = "POST",
       .headers = {{"My-Header1", "value1"}},
       .canonical_request = "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\n"
                            "x-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65",
       .signature = "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"},
      {.name = "post-header-value-case",
       .method = "POST",
       .headers = {{"My-Header1", "VALUE1"}},
       .canonical_request = "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:VALUE1\n"
                            "x-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "d51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93",
       .signature = "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"},
      {.name = "post-x-www-form-urlencoded",
       .method = "POST",
       .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
       .payload_hash = kFormBodyHash,
       .canonical_request = "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\n"
                            "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                            "content-type;host;x-amz-date\n"
                            "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
       .hashed_canonical_request =
           "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
       .signature = "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"},
      {.name = "post-x-www-form-urlencoded-parameters",
       .method = "POST",
       .headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf8"}},
       .payload_hash = kFormBodyHash,
       .canonical_request =
           "POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf8\n"
           "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
           "content-type;host;x-amz-date\n"
           "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
       .hashed_canonical_request =
           "2e1cf7ed91881a30569e46552437e4156c823447bf1781b921b5d486c568dd1c",
       .signature = "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"},
      // Temporary credentials: the token is a signed header.
      {.name = "post-sts-header-before",
       .method = "POST",
       .session_token = kStsToken,
       .canonical_request =
           "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n"
           "x-amz-security-token:"
           "AQoDYXdzEPT//////////"
           "wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmx"
           "fpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy"
           "0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64"
           "lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==\n\n"
           "host;x-amz-date;x-amz-security-token\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6",
       .signature = "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"},
      {.name = "get-vanilla-with-session-token",
       .session_token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267",
       .canonical_request = "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n"
                            "x-amz-security-token:"
                            "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267\n\n"
                            "host;x-amz-date;x-amz-security-token\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b",
       .signature = "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"},
  };
  return cases;
}

Request suite_request(const SuiteCase& c) {
  Request request;
  request.method = c.method;
  request.host = "example.amazonaws.com";
  request.path = c.path;
  request.query = c.query;
  request.headers = c.headers;
  request.payload_hash = c.payload_hash;
  request.double_encode_path = true;  // the generic rules
  return request;
}

// The stages one by one, with the request as the suite states it (X-Amz-Date already set).
TEST(SigV4, GenericSuiteStageByStage) {
  const auto key =
      signing_key(kSuiteCredentials.secret_access_key, "20150830", "us-east-1", "service");
  for (const auto& c : suite()) {
    SCOPED_TRACE(c.name);
    auto request = suite_request(c);
    request.headers.emplace_back("X-Amz-Date", kSuiteDate);
    if (!c.session_token.empty())
      request.headers.emplace_back("X-Amz-Security-Token", c.session_token);

    const auto creq = canonical_request(request);
    EXPECT_EQ(creq, c.canonical_request);
    const auto sts = string_to_sign(kSuiteDate, kSuiteScope, creq);
    EXPECT_EQ(sts, std::string("AWS4-HMAC-SHA256\n20150830T123600Z\n"
                               "20150830/us-east-1/service/aws4_request\n") +
                       c.hashed_canonical_request);
    EXPECT_EQ(signature(key, sts), c.signature);
  }
}

// sign() end to end: it adds X-Amz-Date (and the token) itself and yields the suite's header.
TEST(SigV4, GenericSuiteAuthorizationHeader) {
  for (const auto& c : suite()) {
    SCOPED_TRACE(c.name);
    auto credentials = kSuiteCredentials;
    credentials.session_token = c.session_token;
    const auto headers = sign(suite_request(c), credentials, kSuiteScope, kSuiteTime);

    // The signed-header list is the canonical request's last line but one.
    const std::string creq = c.canonical_request;
    const auto end = creq.rfind('\n');
    const auto begin = creq.rfind('\n', end - 1) + 1;
    const auto signed_list = creq.substr(begin, end - begin);
    ASSERT_GE(headers.size(), 2u);
    EXPECT_EQ(headers[0].first, "Authorization");
    EXPECT_EQ(headers[0].second,
              "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
              "SignedHeaders=" +
                  signed_list + ", Signature=" + c.signature);
    EXPECT_EQ(headers[1], (std::pair<std::string, std::string>{"X-Amz-Date", kSuiteDate}));
    // Only S3 gets X-Amz-Content-Sha256.
    const Pairs expected_tail =
        c.session_token.empty() ? Pairs{} : Pairs{{"X-Amz-Security-Token", c.session_token}};
    EXPECT_EQ(Pairs(headers.begin() + 2, headers.end()), expected_tail);
  }
}

// AWS's example of the key derivation ("Examples of how to derive a signing key").
TEST(SigV4, SigningKeyMatchesTheDocumentedDerivation) {
  const auto key =
      signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
  ASSERT_EQ(key.size(), 32u);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char c : key) {
    hex += kHex[c >> 4];
    hex += kHex[c & 0xF];
  }
  EXPECT_EQ(hex, "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

// ---- The S3 examples ----------------------------------------------------------------------------

const Credentials kS3Credentials{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                 ""};
const Scope kS3Scope{"us-east-1", "s3"};
const auto kS3Time = sys_days{year{2013} / 5 / 24};
constexpr const char* kS3Host = "examplebucket.s3.amazonaws.com";
constexpr const char* kS3Credential =
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ";

struct S3Case {
  const char* name;
  Request request;
  const char* canonical_request;
  const char* hashed_canonical_request;
  const char* signed_headers;
  const char* signature;
};

std::vector<S3Case> s3_examples() {
  Request get_object{.host = kS3Host, .path = "/test.txt", .headers = {{"Range", "bytes=0-9"}}};
  Request put_object{
      .method = "PUT",
      .host = kS3Host,
      .path = encode_path("/test$file.text"),
      .headers = {{"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                  {"x-amz-storage-class", "REDUCED_REDUNDANCY"}},
      .payload_hash = sha256_hex("Welcome to Amazon S3."),
  };
  Request lifecycle{.host = kS3Host, .path = "/", .query = {{"lifecycle", ""}}};
  Request list{.host = kS3Host, .path = "/", .query = {{"prefix", "J"}, {"max-keys", "2"}}};
  return {
      {.name = "GET Object",
       .request = get_object,
       .canonical_request =
           "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
           "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
           "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
       .signed_headers = "host;range;x-amz-content-sha256;x-amz-date",
       .signature = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"},
      {.name = "PUT Object",
       .request = put_object,
       .canonical_request =
           "PUT\n/test%24file.text\n\ndate:Fri, 24 May 2013 00:00:00 GMT\n"
           "host:examplebucket.s3.amazonaws.com\n"
           "x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072\n"
           "x-amz-date:20130524T000000Z\nx-amz-storage-class:REDUCED_REDUNDANCY\n\n"
           "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n"
           "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
       .hashed_canonical_request =
           "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
       .signed_headers = "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
       .signature = "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"},
      {.name = "GET Bucket Lifecycle",
       .request = lifecycle,
       .canonical_request =
           "GET\n/\nlifecycle=\nhost:examplebucket.s3.amazonaws.com\n"
           "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
           "x-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca",
       .signed_headers = "host;x-amz-content-sha256;x-amz-date",
       .signature = "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"},
      {.name = "GET Bucket (List Objects)",
       .request = list,
       .canonical_request =
           "GET\n/\nmax-keys=2&prefix=J\nhost:examplebucket.s3.amazonaws.com\n"
           "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
           "x-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n"
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       .hashed_canonical_request =
           "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
       .signed_headers = "host;x-amz-content-sha256;x-amz-date",
       .signature = "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"},
  };
}

TEST(SigV4, S3SingleChunkExamples) {
  const auto key = signing_key(kS3Credentials.secret_access_key, "20130524", "us-east-1", "s3");
  for (const auto& c : s3_examples()) {
    SCOPED_TRACE(c.name);
    // The stages, with the headers sign() adds written out as the example shows them.
    auto staged = c.request;
    staged.headers.emplace_back("x-amz-content-sha256", staged.payload_hash);
    staged.headers.emplace_back("x-amz-date", "20130524T000000Z");
    const auto creq = canonical_request(staged);
    EXPECT_EQ(creq, c.canonical_request);
    const auto sts = string_to_sign("20130524T000000Z", kS3Scope, creq);
    EXPECT_EQ(sts, std::string("AWS4-HMAC-SHA256\n20130524T000000Z\n"
                               "20130524/us-east-1/s3/aws4_request\n") +
                       c.hashed_canonical_request);
    EXPECT_EQ(signature(key, sts), c.signature);

    // And the whole of sign().
    const Pairs expected{
        {"Authorization", std::string(kS3Credential) + "SignedHeaders=" + c.signed_headers +
                              ", Signature=" + c.signature},
        {"X-Amz-Date", "20130524T000000Z"},
        {"X-Amz-Content-Sha256", c.request.payload_hash},
    };
    EXPECT_EQ(sign(c.request, kS3Credentials, kS3Scope, kS3Time), expected);
  }
}

// "Authenticating Requests: Using Query Parameters": the presigned GET of test.txt for a day.
TEST(SigV4, S3PresignedUrlExample) {
  const Request request{.host = kS3Host, .path = "/test.txt"};
  constexpr const char* kQuery =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256"
      "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
      "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host";

  // The stages: the canonical request carries the X-Amz-* parameters and UNSIGNED-PAYLOAD.
  auto staged = request;
  staged.query = {{"X-Amz-Algorithm", "AWS4-HMAC-SHA256"},
                  {"X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"},
                  {"X-Amz-Date", "20130524T000000Z"},
                  {"X-Amz-Expires", "86400"},
                  {"X-Amz-SignedHeaders", "host"}};
  staged.payload_hash = kUnsignedPayload;
  const auto creq = canonical_request(staged);
  EXPECT_EQ(creq, std::string("GET\n/test.txt\n") + kQuery +
                      "\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD");
  const auto sts = string_to_sign("20130524T000000Z", kS3Scope, creq);
  EXPECT_EQ(sts,
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
  const auto key = signing_key(kS3Credentials.secret_access_key, "20130524", "us-east-1", "s3");
  EXPECT_EQ(signature(key, sts),
            "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");

  EXPECT_EQ(
      presign(request, kS3Credentials, kS3Scope, kS3Time, 86400s),
      std::string(kQuery) +
          "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

// ---- Edge cases ---------------------------------------------------------------------------------

TEST(SigV4, PresignExpiryMustBeOneSecondToOneWeek) {
  const Request request{.host = kS3Host, .path = "/test.txt"};
  for (const auto bad : {0s, -1s, 604801s}) {
    EXPECT_THROW(presign(request, kS3Credentials, kS3Scope, kS3Time, bad), std::invalid_argument)
        << bad.count();
  }
  EXPECT_NE(presign(request, kS3Credentials, kS3Scope, kS3Time, 1s).find("X-Amz-Expires=1&"),
            std::string::npos);
  EXPECT_NE(
      presign(request, kS3Credentials, kS3Scope, kS3Time, 604800s).find("X-Amz-Expires=604800&"),
      std::string::npos);
}

TEST(SigV4, PresignCarriesTheSessionTokenSigned) {
  const Request request{.host = kS3Host, .path = "/test.txt"};
  auto credentials = kS3Credentials;
  credentials.session_token = "token/with+odd=chars";
  const auto query = presign(request, credentials, kS3Scope, kS3Time, 86400s);
  // Encoded, and sorted in among the other parameters, so covered by the signature.
  EXPECT_NE(query.find("&X-Amz-Security-Token=token%2Fwith%2Bodd%3Dchars&X-Amz-SignedHeaders=host&"
                       "X-Amz-Signature="),
            std::string::npos)
      << query;
  const auto without = presign(request, kS3Credentials, kS3Scope, kS3Time, 86400s);
  EXPECT_NE(query.substr(query.rfind('=')), without.substr(without.rfind('=')));
}

TEST(SigV4, PresignKeepsTheRequestsOwnParameters) {
  const Request request{
      .host = kS3Host,
      .path = "/test.txt",
      .query = {{"response-content-disposition", "attachment; filename=a b.txt"}}};
  const auto query = presign(request, kS3Credentials, kS3Scope, kS3Time, 60s);
  EXPECT_TRUE(query.starts_with("X-Amz-Algorithm="));  // upper case sorts first
  EXPECT_NE(query.find("&response-content-disposition=attachment%3B%20filename%3Da%20b.txt&"),
            std::string::npos)
      << query;
  EXPECT_THROW(presign(Request{.host = kS3Host, .query = {{"X-Amz-Signature", "x"}}},
                       kS3Credentials, kS3Scope, kS3Time, 60s),
               std::invalid_argument);
  // Other x-amz-* parameters are the caller's, and signed.
  EXPECT_NE(presign(Request{.host = kS3Host, .query = {{"x-amz-acl", "private"}}}, kS3Credentials,
                    kS3Scope, kS3Time, 60s)
                .find("&x-amz-acl=private"),
            std::string::npos);
}

TEST(SigV4, SignAddsTheSessionTokenAsASignedHeader) {
  auto credentials = kS3Credentials;
  credentials.session_token = "FwoGZXIvYXdzEXAMPLE";
  const auto headers = sign(Request{.host = kS3Host, .path = "/a"}, credentials, kS3Scope, kS3Time);
  ASSERT_EQ(headers.size(), 4u);
  EXPECT_EQ(headers[3],
            (std::pair<std::string, std::string>{"X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE"}));
  EXPECT_NE(headers[0].second.find(
                "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, "),
            std::string::npos)
      << headers[0].second;
}

TEST(SigV4, SignRefusesHeadersItSetsItself) {
  for (const char* name :
       {"Authorization", "X-Amz-Date", "x-amz-security-token", "X-Amz-Content-Sha256"}) {
    const Request request{.host = kS3Host, .headers = {{name, "x"}}};
    EXPECT_THROW(sign(request, kS3Credentials, kS3Scope, kS3Time), std::invalid_argument) << name;
  }
  // Outside S3, X-Amz-Content-Sha256 is the caller's to send.
  const Request request{.host = kS3Host, .headers = {{"X-Amz-Content-Sha256", "x"}}};
  EXPECT_NO_THROW(sign(request, kSuiteCredentials, kSuiteScope, kSuiteTime));
}

TEST(SigV4, HeadersAreCheckedAndHostComesFromTheRequest) {
  EXPECT_THROW(canonical_request(Request{.host = kS3Host, .headers = {{"Host", "other"}}}),
               std::invalid_argument);
  EXPECT_THROW(canonical_request(Request{.host = kS3Host, .headers = {{"X-A", "a\r\nX-B: b"}}}),
               std::invalid_argument);
  EXPECT_THROW(canonical_request(Request{.host = kS3Host, .headers = {{"X-A\n", "a"}}}),
               std::invalid_argument);
  // A non-default port is part of the signed Host.
  EXPECT_NE(canonical_request(Request{.host = "127.0.0.1:9000"}).find("\nhost:127.0.0.1:9000\n"),
            std::string::npos);
  EXPECT_EQ(
      signed_headers(Request{.host = "h", .headers = {{"Range", "x"}, {"Content-Type", "y"}}}),
      "content-type;host;range");
}

// S3 keys are encoded exactly once: in the path sent, and so in the signature.
TEST(SigV4, S3KeysAreEncodedOnce) {
  const auto path = encode_path("/bucket/my photo+1/\xC3\xA9t\xC3\xA9 (2).txt");
  EXPECT_EQ(path, "/bucket/my%20photo%2B1/%C3%A9t%C3%A9%20%282%29.txt");
  const Request request{.host = kS3Host, .path = path};
  EXPECT_EQ(canonical_uri(request), path);
  EXPECT_NE(canonical_request(request).find("\n" + path + "\n"), std::string::npos);
  // '/' separates segments; "." and ".." and empty segments are part of an S3 key.
  EXPECT_EQ(encode_path("/b/a//./../c~"), "/b/a//./../c~");
  EXPECT_EQ(canonical_uri(Request{.path = "/b/a//./../c~"}), "/b/a//./../c~");
  EXPECT_EQ(canonical_uri(Request{.path = ""}), "/");
}

TEST(SigV4, S3RefusesAPathThatIsNotEncoded) {
  for (const char* path :
       {"/my photo.jpg", "/test$file.text", "/caf\xC3\xA9", "/a%c3%a9", "/100%", "/a%2", "a"}) {
    EXPECT_THROW(canonical_uri(Request{.path = path}), std::invalid_argument) << path;
  }
}

// Elsewhere the path as sent is encoded a second time ("/documents%2520and%2520settings/").
TEST(SigV4, OtherServicesEncodeThePathTwice) {
  const Request request{.path = "/documents%20and%20settings/", .double_encode_path = true};
  EXPECT_EQ(canonical_uri(request), "/documents%2520and%2520settings/");
  EXPECT_EQ(canonical_uri(Request{.path = "", .double_encode_path = true}), "/");
  EXPECT_EQ(canonical_uri(Request{.path = "/a/b/../../..", .double_encode_path = true}), "/");
}

TEST(SigV4, QueryIsEncodedThenSortedByNameThenValue) {
  EXPECT_EQ(canonical_query({{"b", "2"}, {"a", "y"}, {"a", "x"}, {"A", "0"}}), "A=0&a=x&a=y&b=2");
  // Sorted on the encoded form: "%20" < "%2B" < "-".
  EXPECT_EQ(canonical_query({{"k-", "1"}, {"k+", "1"}, {"k ", "1"}}), "k%20=1&k%2B=1&k-=1");
  EXPECT_EQ(canonical_query({{"prefix", "photos/2026 05/"}, {"uploads", ""}}),
            "prefix=photos%2F2026%2005%2F&uploads=");
  EXPECT_EQ(canonical_query({}), "");
}

TEST(SigV4, UriEncodeUsesTheUnreservedSetAndUpperCaseHex) {
  EXPECT_EQ(uri_encode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(uri_encode("a b+c*d!e'f(g)h/i=j&k%l"), "a%20b%2Bc%2Ad%21e%27f%28g%29h%2Fi%3Dj%26k%25l");
  EXPECT_EQ(uri_encode("a/b", false), "a/b");
  EXPECT_EQ(uri_encode("\xFF\x01"), "%FF%01");
}

TEST(SigV4, AmzDateIsUtcToTheSecond) {
  EXPECT_EQ(amz_date(kSuiteTime), "20150830T123600Z");
  EXPECT_EQ(amz_date(sys_days{year{2026} / 1 / 2} + 3h + 4min + 5s + 999ms), "20260102T030405Z");
}

TEST(SigV4, Sha256Hex) {
  EXPECT_EQ(sha256_hex(""), kEmptyPayloadHash);
  EXPECT_EQ(sha256_hex(kFormBody), kFormBodyHash);
  EXPECT_EQ(sha256_hex("Welcome to Amazon S3."),
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
}

}  // namespace
}  // namespace sn::storage::sigv4
