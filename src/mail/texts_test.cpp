#include "mail/texts.hpp"

#include <gtest/gtest.h>

namespace sn::mail::texts {
namespace {

TEST(MailTexts, LinksCarryTheTokenInTheFragment) {
  EXPECT_EQ(link("https://learn.example.com", "verify-email", "abc_-1"),
            "https://learn.example.com/verify-email#token=abc_-1");
}

TEST(MailTexts, EachMessageCarriesItsLinkAndRendersAsOneLineHeaders) {
  const std::string url = "https://x.example/reset-password#token=T";
  for (const auto& message :
       {verify_email("a@example.com", url), already_registered("a@example.com", url),
        password_reset("a@example.com", url), confirm_new_email("a@example.com", url)}) {
    EXPECT_EQ(message.to, "a@example.com");
    EXPECT_EQ(message.link, url);
    EXPECT_NE(message.text.find("\n  " + url + "\n"), std::string::npos) << message.subject;
    EXPECT_NO_THROW(render(message, "SkillNexus <no-reply@x.example>"));
  }
}

TEST(MailTexts, ValidityIsStatedAsTheServerEnforcesIt) {
  EXPECT_NE(password_reset("a@b.c", "L").text.find("within 1 hour"), std::string::npos);
  EXPECT_NE(already_registered("a@b.c", "L").text.find("within 1 hour"), std::string::npos);
  EXPECT_NE(verify_email("a@b.c", "L").text.find("within 24 hours"), std::string::npos);
  EXPECT_NE(confirm_new_email("a@b.c", "L").text.find("within 24 hours"), std::string::npos);
}

TEST(MailTexts, ChangeNoticeGoesToTheOldAddressAndNamesBoth) {
  const auto notice = email_changed("old@example.com", "new@example.com");
  EXPECT_EQ(notice.to, "old@example.com");
  EXPECT_NE(notice.text.find("old@example.com"), std::string::npos);
  EXPECT_NE(notice.text.find("new@example.com"), std::string::npos);
  EXPECT_TRUE(notice.link.empty());
}

}  // namespace
}  // namespace sn::mail::texts
