// Demo content against the real server: `make run`'s demo organisation (accounts that sign in,
// published courses, progress made through the real completion step) and `demo seed`'s
// generated data sets.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <regex>

#include "server_fixture.hpp"

namespace sn::test {
namespace {

class Demo : public ServerFixture {
 protected:
  // No worker: the demo's videos are queued, not transcoded (other tests prove transcoding), so
  // this suite does not take the cores from the tests running beside it.
  static void SetUpTestSuite() {
    start_server({{"SKILLNEXUS_DEMO_CONTENT", "1"}, {"SKILLNEXUS_WORKER", "0"}});
  }

  static std::string printed_password(const std::vector<std::string>& lines,
                                      const std::string& prefix) {
    const std::regex pattern(prefix + ": ([a-z0-9-]+)");
    std::smatch match;
    for (const auto& line : lines) {
      if (std::regex_search(line, match, pattern)) return match[1];
    }
    return "";
  }
};

TEST_F(Demo, EmptyDatabaseGetsTheDemoOrganisationAndItsSignInDetails) {
  const auto password = printed_password(server().output(), "Password for every demo account");
  ASSERT_FALSE(password.empty()) << "no password printed";
  for (const auto* email : {"admin@example.com", "instructor@example.com", "learner@example.com"})
    EXPECT_FALSE(sign_in(email, password).empty()) << email;
  EXPECT_TRUE(sign_in("learner@example.com", password + "x").empty());

  struct stat info {};
  ASSERT_EQ(::stat((server().data_dir() / "demo-accounts.txt").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  EXPECT_EQ(pg().scalar("SELECT count(*) FROM courses WHERE status = 'published'"), "4");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM courses WHERE search = ''::tsvector"), "0");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM lessons WHERE kind = 'article' AND body_html = ''"),
            "0");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM quizzes WHERE cardinality(question_ids) = 0"), "0");
  // Video lessons, each with a clip made by ffmpeg and queued for transcoding.
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM lessons l JOIN media m ON m.id = l.media_id "
                        "WHERE l.kind = 'video' AND m.kind = 'video' AND m.size_bytes > 10000"),
            "3");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM jobs WHERE kind = 'media.transcode' "
                        "AND status = 'queued'"),
            "3");
  // Lena's finished course went through the completion step: completed, with its certificate
  // and the events that tell the story.
  EXPECT_EQ(
      pg().scalar("SELECT e.status || ' ' || e.progress_percent FROM enrolments e "
                  "JOIN users u ON u.id = e.user_id JOIN courses c ON c.id = e.course_id "
                  "WHERE u.email = 'learner@example.com' AND c.slug = 'writing-clear-emails'"),
      "completed 100");
  EXPECT_EQ(
      pg().scalar("SELECT count(*) FROM certificates c JOIN users u ON u.id = c.user_id "
                  "WHERE u.email = 'learner@example.com' AND c.learner_name = 'Lena Learner'"),
      "1");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM learning_events WHERE verb = 'earned'"), "1");
}

TEST_F(Demo, SeedCommandGeneratesAConsistentDataSet) {
  const auto users_before = std::stoll(pg().scalar("SELECT count(*) FROM users"));
  ServerProcess cli(
      {.command = "demo", .data_dir = server().data_dir(), .env = {}, .wait_listening = false});
  cli.start_with_args({"seed", "--users", "300", "--courses", "12", "--password", "seed pass 42"});
  ASSERT_EQ(cli.wait_exit(120s), 0);
  EXPECT_EQ(std::stoll(pg().scalar("SELECT count(*) FROM users")), users_before + 300 + 1);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM courses WHERE slug LIKE 'seed-%'"), "12");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM lessons l JOIN courses c ON c.id = l.course_id "
                        "WHERE c.slug LIKE 'seed-%'"),
            "144");
  // Five enrolments per learner, two progress rows and one event per enrolment; the counters
  // the triggers keep agree with the rows.
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM enrolments e JOIN users u ON u.id = e.user_id "
                        "WHERE u.email LIKE 'learner%@seed.example.com'"),
            "1500");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM lesson_progress p JOIN users u ON u.id = p.user_id "
                        "WHERE u.email LIKE 'learner%@seed.example.com'"),
            "3000");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM courses c WHERE c.enrolment_count <> "
                        "(SELECT count(*) FROM enrolments e WHERE e.course_id = c.id "
                        "AND e.status <> 'withdrawn')"),
            "0");
  EXPECT_FALSE(sign_in(pg().scalar("SELECT email FROM users WHERE email LIKE "
                                   "'learner1.%@seed.example.com' LIMIT 1"),
                       "seed pass 42")
                   .empty());

  ServerProcess bad(
      {.command = "demo", .data_dir = server().data_dir(), .env = {}, .wait_listening = false});
  bad.start_with_args({"seed", "--users", "-5"});
  EXPECT_EQ(bad.wait_exit(30s), 2);
}

}  // namespace
}  // namespace sn::test
