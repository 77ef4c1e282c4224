#include "admin/user_import.hpp"

#include <gtest/gtest.h>

namespace sn::admin {
namespace {

std::vector<std::vector<std::string>> fields_of(const CsvParse& parsed) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : parsed.records)
    out.push_back(r.fields);
  return out;
}

std::vector<std::size_t> lines_of(const CsvParse& parsed) {
  std::vector<std::size_t> out;
  for (const auto& r : parsed.records)
    out.push_back(r.line);
  return out;
}

TEST(Csv, PlainRecordsWithOrWithoutFinalNewline) {
  auto a = parse_csv("a,b\nc,d\n", 100);
  auto b = parse_csv("a,b\nc,d", 100);
  EXPECT_FALSE(a.error);
  EXPECT_FALSE(b.error);
  const std::vector<std::vector<std::string>> want{{"a", "b"}, {"c", "d"}};
  EXPECT_EQ(fields_of(a), want);
  EXPECT_EQ(fields_of(b), want);
  EXPECT_EQ(lines_of(b), (std::vector<std::size_t>{1, 2}));
}

TEST(Csv, QuotedFieldsHoldCommasQuotesAndNewlines) {
  auto parsed = parse_csv("\"x,y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\r\nlast,one\r\n", 100);
  ASSERT_FALSE(parsed.error) << parsed.error->message;
  const std::vector<std::vector<std::string>> want{
      {"x,y", "say \"hi\""}, {"two\nlines", "z"}, {"last", "one"}};
  EXPECT_EQ(fields_of(parsed), want);
  // The record after a two-line field starts on line 4, as an editor shows it.
  EXPECT_EQ(lines_of(parsed), (std::vector<std::size_t>{1, 2, 4}));
}

TEST(Csv, EmptyFieldsBlankLinesAndBom) {
  auto parsed = parse_csv(
      "\xEF\xBB\xBF"
      "a,,c\n\n   \n,,\nz,y,x\n",
      100);
  ASSERT_FALSE(parsed.error);
  const std::vector<std::vector<std::string>> want{{"a", "", "c"}, {"", "", ""}, {"z", "y", "x"}};
  EXPECT_EQ(fields_of(parsed), want);
  EXPECT_EQ(lines_of(parsed), (std::vector<std::size_t>{1, 4, 5}));
}

TEST(Csv, MalformedQuotingIsAnErrorOnItsLine) {
  auto stray = parse_csv("a,b\nc,d\"e\nf,g\n", 100);
  ASSERT_TRUE(stray.error);
  EXPECT_EQ(stray.error->line, 2u);
  auto after_close = parse_csv("a,b\n\"c\"x,d\n", 100);
  ASSERT_TRUE(after_close.error);
  EXPECT_EQ(after_close.error->line, 2u);
  auto unterminated = parse_csv("a,b\nc,d\n\"open,e\nmore\n", 100);
  ASSERT_TRUE(unterminated.error);
  EXPECT_EQ(unterminated.error->line, 3u);
  EXPECT_NE(unterminated.error->message.find("never closed"), std::string::npos);
}

TEST(Csv, StopsAfterTheRecordLimit) {
  std::string text = "h\n";
  for (int i = 0; i < 5; ++i)
    text += "r" + std::to_string(i) + "\n";
  EXPECT_FALSE(parse_csv(text, 6).error);
  auto over = parse_csv(text, 5);
  ASSERT_TRUE(over.error);
  EXPECT_EQ(over.error->line, 6u);
  EXPECT_EQ(over.records.size(), 5u);
  auto no_final_newline = parse_csv("h\na\nb", 2);
  ASSERT_TRUE(no_final_newline.error);
  EXPECT_EQ(no_final_newline.error->line, 3u);
}

TEST(PlanImport, GoodRowsInAnyColumnOrder) {
  auto plan = plan_import(
      "role,Email,groups,name\n"
      "instructor,ann@example.com,Sales; North ;sales;,Ann Lee\n"
      ",bob@example.com,,\"Bob, Jr.\"\n");
  EXPECT_FALSE(plan.file_error);
  EXPECT_TRUE(plan.errors.empty());
  EXPECT_EQ(plan.total_rows, 2u);
  ASSERT_EQ(plan.rows.size(), 2u);
  EXPECT_EQ(plan.rows[0].line, 2u);
  EXPECT_EQ(plan.rows[0].email, "ann@example.com");
  EXPECT_EQ(plan.rows[0].name, "Ann Lee");
  EXPECT_EQ(plan.rows[0].role, "instructor");
  EXPECT_EQ(plan.rows[0].groups, (std::vector<std::string>{"Sales", "North"}));
  EXPECT_EQ(plan.rows[1].role, "learner");  // empty role: the default
  EXPECT_EQ(plan.rows[1].name, "Bob, Jr.");
  EXPECT_TRUE(plan.rows[1].groups.empty());
}

TEST(PlanImport, EveryBadRowWithItsLineAndReason) {
  auto plan = plan_import(
      "email,name,role,groups\n"
      "good@example.com,Good,learner,\n"
      "not-an-email,Bad,learner,\n"
      "\n"
      "role@example.com,Bad,superuser,\n"
      "GOOD@example.com,Twice,learner,\n"
      "short@example.com,Short\n"
      "\"multi\nline@example.com\",x,learner,\n"
      "fine@example.com,Fine,ADMIN,Ops\n");
  EXPECT_FALSE(plan.file_error);
  EXPECT_EQ(plan.total_rows, 7u);
  ASSERT_EQ(plan.rows.size(), 2u);
  EXPECT_EQ(plan.rows[1].line, 10u);
  EXPECT_EQ(plan.rows[1].role, "admin");
  ASSERT_EQ(plan.errors.size(), 5u);
  EXPECT_EQ(plan.errors[0].line, 3u);
  EXPECT_NE(plan.errors[0].message.find("Invalid email address \"not-an-email\""),
            std::string::npos);
  EXPECT_EQ(plan.errors[1].line, 5u);
  EXPECT_NE(plan.errors[1].message.find("Unknown role \"superuser\""), std::string::npos);
  EXPECT_EQ(plan.errors[2].line, 6u);
  EXPECT_NE(plan.errors[2].message.find("already on line 2"), std::string::npos);
  EXPECT_EQ(plan.errors[3].line, 7u);
  EXPECT_NE(plan.errors[3].message.find("Expected 4 fields"), std::string::npos);
  EXPECT_EQ(plan.errors[4].line, 8u);
}

TEST(PlanImport, SeveralProblemsOfOneRowInOneMessage) {
  auto plan = plan_import("email,role\nbad,boss\n");
  ASSERT_EQ(plan.errors.size(), 1u);
  EXPECT_NE(plan.errors[0].message.find("Invalid email"), std::string::npos);
  EXPECT_NE(plan.errors[0].message.find("Unknown role"), std::string::npos);
}

TEST(PlanImport, HeaderProblemsRejectTheFile) {
  for (const char* text : {"", "\n\n", "mail,name\nx@y.io,X\n", "name,role\nX,learner\n",
                           "email,email\nx@y.io,x@y.io\n"}) {
    auto plan = plan_import(text);
    EXPECT_TRUE(plan.file_error) << text;
    ASSERT_EQ(plan.errors.size(), 1u) << text;
    EXPECT_EQ(plan.errors[0].line, 1u) << text;
    EXPECT_TRUE(plan.rows.empty());
  }
}

TEST(PlanImport, MalformedCsvOrTooManyRowsRejectsTheFile) {
  auto malformed = plan_import("email\na@b.io\nc\"d@b.io\ne@b.io\n");
  EXPECT_TRUE(malformed.file_error);
  EXPECT_TRUE(malformed.rows.empty());
  ASSERT_EQ(malformed.errors.size(), 1u);
  EXPECT_EQ(malformed.errors[0].line, 3u);

  std::string text = "email\n";
  for (int i = 0; i < 4; ++i)
    text += "u" + std::to_string(i) + "@example.com\n";
  EXPECT_FALSE(plan_import(text, 4).file_error);
  auto over = plan_import(text, 3);
  EXPECT_TRUE(over.file_error);
  ASSERT_FALSE(over.errors.empty());
  EXPECT_EQ(over.errors.back().line, 5u);
  EXPECT_NE(over.errors.back().message.find("more than 3 rows"), std::string::npos);
}

TEST(PlanImport, TakenAddressesBecomeErrorsInLineOrder) {
  auto plan = plan_import("email\na@example.com\nbad\nb@example.com\nc@example.com\n");
  reject_taken(plan, {"b@example.com"});
  ASSERT_EQ(plan.rows.size(), 2u);
  EXPECT_EQ(plan.rows[0].email, "a@example.com");
  EXPECT_EQ(plan.rows[1].email, "c@example.com");
  ASSERT_EQ(plan.errors.size(), 2u);
  EXPECT_EQ(plan.errors[0].line, 3u);
  EXPECT_EQ(plan.errors[1].line, 4u);
  EXPECT_NE(plan.errors[1].message.find("already exists"), std::string::npos);
}

}  // namespace
}  // namespace sn::admin
