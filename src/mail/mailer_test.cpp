#include "mail/mailer.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sn::mail {
namespace {

TEST(MailRender, HeadersThenBodyWithCrlf) {
  const auto text = render({.to = "ada@example.com", .subject = "Verify", .text = "a\nb\n"},
                           "SkillNexus <no-reply@learn.example.com>");
  EXPECT_NE(text.find("To: ada@example.com\r\n"), std::string::npos);
  EXPECT_NE(text.find("Subject: Verify\r\n"), std::string::npos);
  EXPECT_NE(text.find("@learn.example.com>\r\n"), std::string::npos);
  EXPECT_TRUE(text.ends_with("\r\n\r\na\r\nb\r\n"));
}

TEST(MailRender, NonAsciiSubjectIsEncoded) {
  const auto text =
      render({.to = "a@example.com", .subject = "Bienvenue à SkillNexus", .text = "x"}, "n@x.org");
  EXPECT_NE(text.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(text.find("à"), std::string::npos);
}

TEST(MailRender, RejectsHeaderInjection) {
  EXPECT_THROW(render({.to = "a@example.com\r\nBcc: evil@example.com", .subject = "s"}, "n@x.org"),
               std::invalid_argument);
  EXPECT_THROW(render({.to = "a@example.com", .subject = "s\nBcc: x"}, "n@x.org"),
               std::invalid_argument);
}

TEST(MailAddress, EnvelopeIsTheBareAddress) {
  EXPECT_EQ(envelope_address("SkillNexus <no-reply@learn.example.com>"),
            "no-reply@learn.example.com");
  EXPECT_EQ(envelope_address("no-reply@learn.example.com"), "no-reply@learn.example.com");
}

TEST(MailAddress, OnlyLoopbackHostsGoWithoutTls) {
  EXPECT_TRUE(is_loopback_host("localhost"));
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("[::1]"));
  EXPECT_FALSE(is_loopback_host("mail.example.com"));
  EXPECT_FALSE(is_loopback_host("10.0.0.1"));
  EXPECT_FALSE(is_loopback_host("localhost.example.com"));
  EXPECT_FALSE(is_loopback_host("127.0.0.1.example.com"));
}

}  // namespace
}  // namespace sn::mail
