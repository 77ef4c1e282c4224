#include "scenario.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

namespace sn::loadgen {
namespace {

DataTable users() {
  return parse_tsv(
      "email\tcookie\tslug\n"
      "a@example.com\tsn_session=aaa\tcpp\n"
      "b@example.com\tsn_session=bbb\tsql\r\n"
      "\n"
      "c@example.com\t\thttp\n");
}

std::string expand(const Template& t, const DataTable& data, std::size_t row, std::uint64_t tick,
                   Rng& rng) {
  std::string out;
  t.expand({data, row, tick, rng}, out);
  return out;
}

TEST(Tsv, HeaderRowsAndEmptyFields) {
  const DataTable d = users();
  EXPECT_EQ(d.columns, (std::vector<std::string>{"email", "cookie", "slug"}));
  ASSERT_EQ(d.rows.size(), 3u);
  EXPECT_EQ(d.rows[1][2], "sql");  // CR of a CRLF line dropped
  EXPECT_EQ(d.rows[2][1], "");
  EXPECT_EQ(d.column("slug"), 2);
  EXPECT_EQ(d.column("nope"), -1);
}

TEST(Tsv, RefusesRaggedRowsAndBadHeaders) {
  EXPECT_THROW(parse_tsv("a\tb\n1\n"), std::runtime_error);
  EXPECT_THROW(parse_tsv("a\ta\n1\t2\n"), std::runtime_error);
  EXPECT_THROW(parse_tsv(""), std::runtime_error);
  EXPECT_THROW(parse_tsv("a\t\tb\n"), std::runtime_error);
}

TEST(Template, ColumnsAndTicks) {
  const DataTable d = users();
  Rng rng(1);
  const Template t("/api/v1/courses/{slug}/lessons?page={tick}&offset={tick*20}", d);
  EXPECT_EQ(expand(t, d, 0, 0, rng), "/api/v1/courses/cpp/lessons?page=0&offset=0");
  EXPECT_EQ(expand(t, d, 1, 7, rng), "/api/v1/courses/sql/lessons?page=7&offset=140");
}

TEST(Template, TicksWrapLikeAVideoPosition) {
  const DataTable d = users();
  Rng rng(1);
  const Template span("{tick*10000%60000}-{tick*10000%60000+10000}", d);
  EXPECT_EQ(expand(span, d, 0, 0, rng), "0-10000");
  EXPECT_EQ(expand(span, d, 0, 5, rng), "50000-60000");
  EXPECT_EQ(expand(span, d, 0, 6, rng), "0-10000");
  EXPECT_EQ(expand(span, d, 0, 8, rng), "20000-30000");
}

TEST(Template, JsonBodiesKeepTheirBraces) {
  const DataTable d = users();
  Rng rng(1);
  const Template t(R"({"email": "{email}", "n": {tick}, "o": {"x": 1}})", d);
  EXPECT_EQ(expand(t, d, 1, 3, rng), R"({"email": "b@example.com", "n": 3, "o": {"x": 1}})");
  const Template literal("{{tick} {} { {slug {", d);
  EXPECT_EQ(expand(literal, d, 0, 5, rng), "{tick} {} { {slug {");
}

TEST(Template, RandAndPickStayInRangeAndAreDeterministic) {
  const DataTable d = users();
  const Template t("{rand:3}-{pick:slug}", d);
  Rng a(42), b(42);
  std::map<std::string, int> seen;
  for (int i = 0; i < 3000; ++i) {
    const std::string x = expand(t, d, 0, 0, a);
    EXPECT_EQ(x, expand(t, d, 0, 0, b));
    ++seen[x];
  }
  // 3 values x 3 slugs, all drawn, none of them out of range.
  EXPECT_EQ(seen.size(), 9u);
  for (const auto& [value, count] : seen) {
    EXPECT_TRUE(value[0] >= '0' && value[0] <= '2') << value;
    EXPECT_GT(count, 200) << value;
  }
}

TEST(Template, RefusesTyposAndUnknownColumns) {
  const DataTable d = users();
  EXPECT_THROW(Template("/x/{slugg}", d), std::runtime_error);
  EXPECT_THROW(Template("/x/{pick:nope}", d), std::runtime_error);
  EXPECT_THROW(Template("/x/{rand:0}", d), std::runtime_error);
  EXPECT_THROW(Template("/x/{rand:x}", d), std::runtime_error);
  EXPECT_THROW(Template("/x/{tick*}", d), std::runtime_error);
  EXPECT_THROW(Template("/x/{tick*5%0}", d), std::runtime_error);
  EXPECT_THROW(Template("/x/{tick*5%7+}", d), std::runtime_error);
  EXPECT_THROW(Template("/x/{tick*-1}", d), std::runtime_error);
}

TEST(Scenario, ParsesLinesCommentsAndBodies) {
  const DataTable d = users();
  const Scenario s = parse_scenario(
      "# the mix\n"
      "\n"
      "catalog   70  GET   /api/v1/courses?q={pick:slug}\n"
      "  signin  5   POST  /api/v1/auth/sessions   {\"email\": \"{email}\", \"password\": \"p w\"} "
      " \n"
      "progress 25 PUT /api/v1/progress/{tick}\r\n",
      d);
  ASSERT_EQ(s.kinds.size(), 3u);
  EXPECT_EQ(s.kinds[0].name, "catalog");
  EXPECT_EQ(s.kinds[0].method, "GET");
  EXPECT_FALSE(s.kinds[0].has_body);
  EXPECT_EQ(s.kinds[1].weight, 5);
  ASSERT_TRUE(s.kinds[1].has_body);
  Rng rng(1);
  std::string body;
  s.kinds[1].body.expand({d, 0, 0, rng}, body);
  EXPECT_EQ(body, R"({"email": "a@example.com", "password": "p w"})");
  std::string path;
  s.kinds[2].path.expand({d, 0, 9, rng}, path);
  EXPECT_EQ(path, "/api/v1/progress/9");
  EXPECT_EQ(s.cumulative, (std::vector<double>{70, 75, 100}));
}

TEST(Scenario, PicksByWeight) {
  const DataTable d = users();
  const Scenario s = parse_scenario("a 1 GET /a\nnever 0 GET /n\nb 3 GET /b\n", d);
  EXPECT_EQ(s.pick(0.0), 0u);
  EXPECT_EQ(s.pick(0.2499), 0u);
  EXPECT_EQ(s.pick(0.25), 2u);
  EXPECT_EQ(s.pick(0.9999), 2u);
  Rng rng(7);
  int counts[3] = {};
  for (int i = 0; i < 40000; ++i)
    ++counts[s.pick(rng.unit())];
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[2] / 40000.0, 0.75, 0.01);
}

TEST(Scenario, RefusesMalformedLines) {
  const DataTable d = users();
  EXPECT_THROW(parse_scenario("", d), std::runtime_error);
  EXPECT_THROW(parse_scenario("# nothing\n", d), std::runtime_error);
  EXPECT_THROW(parse_scenario("a 1 GET\n", d), std::runtime_error);
  EXPECT_THROW(parse_scenario("a x GET /a\n", d), std::runtime_error);
  EXPECT_THROW(parse_scenario("a -1 GET /a\n", d), std::runtime_error);
  EXPECT_THROW(parse_scenario("a 1 get /a\n", d), std::runtime_error);
  EXPECT_THROW(parse_scenario("a 1 GET a\n", d), std::runtime_error);
  EXPECT_THROW(parse_scenario("a 1 GET /a\na 2 GET /b\n", d), std::runtime_error);
  EXPECT_THROW(parse_scenario("a 0 GET /a\n", d), std::runtime_error);
  try {
    parse_scenario("a 1 GET /a\n\nb 1 GET /{nope}\n", d);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sn::loadgen
