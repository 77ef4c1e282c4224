#include "content/markdown.hpp"

#include <gtest/gtest.h>

namespace sn::content {
namespace {

TEST(Markdown, RendersGithubFlavouredMarkdown) {
  EXPECT_EQ(markdown_to_html("# Safety first\n\nWear **gloves**."),
            "<h1>Safety first</h1>\n<p>Wear <strong>gloves</strong>.</p>\n");
  const auto table = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_NE(table.find("<table>"), std::string::npos);
  EXPECT_NE(table.find("<td>1</td>"), std::string::npos);
  EXPECT_NE(markdown_to_html("~~old~~").find("<del>old</del>"), std::string::npos);
  EXPECT_NE(markdown_to_html("see https://example.com").find("<a href=\"https://example.com\">"),
            std::string::npos);
  EXPECT_NE(markdown_to_html("- [x] done").find("checked"), std::string::npos);
}

TEST(Markdown, DropsRawHtmlAndDangerousLinks) {
  const auto html = markdown_to_html(
      "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> there\n\n"
      "[click](javascript:alert(1)) ![pic](data:text/html;base64,PHNjcmlwdD4=)");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("data:text/html"), std::string::npos) << html;
  EXPECT_NE(html.find("click"), std::string::npos);  // the text stays, the target goes
}

TEST(Markdown, EscapesTextAndSurvivesOddInput) {
  EXPECT_EQ(markdown_to_html("1 < 2 & \"3\""), "<p>1 &lt; 2 &amp; &quot;3&quot;</p>\n");
  EXPECT_EQ(markdown_to_html(""), "");
  EXPECT_NO_THROW(markdown_to_html(std::string(100000, '[')));
}

}  // namespace
}  // namespace sn::content
