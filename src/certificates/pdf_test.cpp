#include "certificates/pdf.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

namespace sn::certificates {
namespace {

CertificateContent sample() {
  return {.learner_name = "Zoë Ångström-Nakamura 中村",
          .title =
              "Distributed Systems from First Principles: Consensus, Replication and the "
              "Limits of What a Network Can Promise",
          .kind = "course",
          .issued_on = "26 November 2026",
          .code = "SN-7K2M-9QXD-4TRB-W8HF",
          .verify_url = "https://learn.example.com/verify/SN-7K2M-9QXD-4TRB-W8HF"};
}

// The text pdftotext reads back from the PDF, or nullopt when poppler-utils is not installed
// (scripts/bootstrap installs it, so a missing one fails the test rather than skipping it).
std::optional<std::string> pdf_text(const std::string& pdf) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) return std::nullopt;
  char path[] = "/tmp/sn-certificate-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return std::nullopt;
  close(fd);
  {
    std::ofstream out(path, std::ios::binary);
    out << pdf;
  }
  std::string text;
  const std::string command = std::string("pdftotext -raw ") + path + " -";
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
      text.append(buffer, n);
    pclose(pipe);
  }
  std::remove(path);
  return text;
}

TEST(CertificatePdf, IsAOnePagePdf) {
  const auto pdf = render_pdf(sample());
  ASSERT_GT(pdf.size(), 1000u);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.find("%%EOF", pdf.size() - 32), std::string::npos);
  EXPECT_NE(pdf.find("/Count 1"), std::string::npos) << "one page";
}

TEST(CertificatePdf, CarriesTheNameTitleDateCodeAndLink) {
  const auto text = pdf_text(render_pdf(sample()));
  ASSERT_TRUE(text) << "pdftotext is not installed (scripts/bootstrap installs poppler-utils)";
  EXPECT_NE(text->find("Zoë Ångström-Nakamura"), std::string::npos) << *text;
  EXPECT_NE(text->find("Distributed Systems"), std::string::npos) << *text;
  EXPECT_NE(text->find("has completed the course"), std::string::npos) << *text;
  EXPECT_NE(text->find("26 November 2026"), std::string::npos) << *text;
  EXPECT_NE(text->find("SN-7K2M-9QXD-4TRB-W8HF"), std::string::npos) << *text;
  EXPECT_NE(text->find("https://learn.example.com/verify/SN-7K2M-9QXD-4TRB-W8HF"),
            std::string::npos)
      << *text;
  EXPECT_EQ(text->find("REVOKED"), std::string::npos);
}

TEST(CertificatePdf, APathAndARevokedCertificateSaySo) {
  auto content = sample();
  content.kind = "path";
  content.revoked = true;
  const auto text = pdf_text(render_pdf(content));
  ASSERT_TRUE(text) << "pdftotext is not installed (scripts/bootstrap installs poppler-utils)";
  EXPECT_NE(text->find("has completed the learning path"), std::string::npos) << *text;
  EXPECT_NE(text->find("REVOKED"), std::string::npos) << *text;
}

}  // namespace
}  // namespace sn::certificates
