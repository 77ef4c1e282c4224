// Mail against a real SMTP server on loopback (aiosmtpd writing a Maildir): sign-up and
// verification, invite-only refusal, duplicate sign-up, password reset, address change,
// throttling, an SMTP server that is down at first, and the .eml files used without SMTP.

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <fstream>
#include <regex>
#include <sstream>

#include "identity/tokens.hpp"
#include "server_fixture.hpp"

namespace sn::test {
namespace {

// aiosmtpd on 127.0.0.1:port storing every message in a Maildir; stopped and started at will.
class SmtpServer {
 public:
  SmtpServer() : port_(free_port()), maildir_(make_temp_dir("skillnexus-smtp") / "maildir") {}
  ~SmtpServer() {
    stop();
    std::error_code ec;
    fs::remove_all(maildir_.parent_path(), ec);
  }

  std::uint16_t port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  void start() {
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    std::vector<std::string> args{
        "/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", listen, "-c", "aiosmtpd.handlers.Mailbox",
        maildir_.string()};
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(1);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    // Ready once it accepts connections.
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!accepts()) {
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("aiosmtpd down");
      std::this_thread::sleep_for(50ms);
    }
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  // Every message received so far for `to`, as raw text.
  std::vector<std::string> messages_to(const std::string& to) const {
    std::vector<std::string> found;
    for (const auto* sub : {"new", "cur"}) {
      std::error_code ec;
      for (const auto& entry : fs::directory_iterator(maildir_ / sub, ec)) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (text.str().find("To: " + to + "\n") != std::string::npos ||
            text.str().find("To: " + to + "\r\n") != std::string::npos) {
          found.push_back(text.str());
        }
      }
    }
    return found;
  }

  // Waits until `count` messages for `to` arrived; returns them.
  std::vector<std::string> wait_for(const std::string& to, std::size_t count = 1,
                                    std::chrono::seconds timeout = 60s) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto found = messages_to(to);
      if (found.size() >= count) return found;
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("no mail for " + to);
      }
      std::this_thread::sleep_for(50ms);
    }
  }

 private:
  static std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
  }

  bool accepts() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port_);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
  }

  std::uint16_t port_;
  fs::path maildir_;
  pid_t pid_ = -1;
};

// The token of the first `page` link in a message.
std::string token_in(const std::string& message, const std::string& page) {
  std::smatch match;
  if (!std::regex_search(message, match, std::regex("/" + page + "#token=([A-Za-z0-9_-]+)"))) {
    ADD_FAILURE() << "no /" << page << " link in:\n" << message;
    return "";
  }
  return match[1];
}

const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};

HttpResponse post(std::uint16_t port, const std::string& path, const boost::json::object& body,
                  const std::map<std::string, std::string>& headers = kJson) {
  HttpConnection conn(port);
  return conn.request("POST", path, headers, json(body));
}

std::string code_of(const HttpResponse& res) {
  return std::string(res.json().at("code").as_string());
}

template <typename Predicate>
void wait_until(Predicate done, const std::string& what, std::chrono::seconds timeout = 60s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("timed out: " + what);
    std::this_thread::sleep_for(50ms);
  }
}

class Mail : public ServerFixture {
 protected:
  static void SetUpTestSuite() {
    smtp_ = new SmtpServer();
    smtp_->start();
    // Retries one second after a failure, so the outage test stays short.
    start_server({{"SKILLNEXUS_SMTP_URL", smtp_->url()}, {"SKILLNEXUS_MAIL_RETRY_SECONDS", "1"}});
    admin_cookie_ = new std::string(admin_session("mail.admin@example.com"));
  }
  static void TearDownTestSuite() {
    ServerFixture::TearDownTestSuite();
    delete smtp_;
    delete admin_cookie_;
  }

  static void set_signup(const std::string& mode) {
    HttpConnection conn(port());
    auto res = conn.request("PATCH", "/api/v1/admin/settings/platform",
                            cookie_headers(*admin_cookie_), json({{"signup", mode}}));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(res.json().at("signup").as_string(), mode);
  }

  static HttpResponse sign_in_response(const std::string& email, const std::string& password) {
    return post(port(), "/api/v1/auth/sessions", {{"email", email}, {"password", password}});
  }

  // Waits until nothing is left to send: every message committed so far was delivered.
  static void wait_outbox_empty() {
    wait_until([] { return pg().scalar("SELECT count(*) FROM mail_outbox") == "0"; },
               "outbox empty");
  }

  static std::string audit_count(const std::string& event, const std::string& user_id) {
    return pg().scalar("SELECT count(*) FROM audit_events WHERE event = '" + event +
                       "' AND user_id = '" + user_id + "'");
  }

  static inline SmtpServer* smtp_ = nullptr;
  static inline std::string* admin_cookie_ = nullptr;
};

TEST_F(Mail, SignUpVerifyTheAddressThenSignIn) {
  set_signup("open");
  const std::string email = "new.learner@example.com";
  auto weak = post(port(), "/api/v1/auth/signup",
                   {{"email", email}, {"name", "New Learner"}, {"password", "password"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(code_of(weak), "validation_failed");

  auto res = post(port(), "/api/v1/auth/signup",
                  {{"email", email}, {"name", "New Learner"}, {"password", "quiet river 17"}});
  ASSERT_EQ(res.status, 202) << res.body;
  EXPECT_EQ(res.body, "{}");

  // The password is right, but the address is not proven yet.
  auto early = sign_in_response(email, "quiet river 17");
  EXPECT_EQ(early.status, 403);
  EXPECT_EQ(code_of(early), "email_not_verified");

  const auto mail = smtp_->wait_for(email).front();
  EXPECT_NE(mail.find("Subject: Confirm your email address"), std::string::npos);
  EXPECT_NE(mail.find("From: SkillNexus <no-reply@localhost>"), std::string::npos);
  const auto token = token_in(mail, "verify-email");
  EXPECT_NE(mail.find(origin() + "/verify-email#token="), std::string::npos);

  EXPECT_EQ(post(port(), "/api/v1/auth/email-verification", {{"token", token}}).status, 204);
  auto again = post(port(), "/api/v1/auth/email-verification", {{"token", token}});
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(code_of(again), "invalid_token");

  const auto cookie = sign_in("NEW.learner@example.com", "quiet river 17");
  ASSERT_FALSE(cookie.empty());
  auto me = http_get(port(), "/api/v1/me", {{"Cookie", cookie}});
  ASSERT_EQ(me.status, 200);
  EXPECT_TRUE(me.json().at("email_verified").as_bool());
  EXPECT_EQ(me.json().at("role").as_string(), "learner");
  EXPECT_EQ(me.json().at("name").as_string(), "New Learner");

  const auto user_id = pg().scalar("SELECT id FROM users WHERE email = '" + email + "'");
  EXPECT_EQ(audit_count("account.signed_up", user_id), "1");
  EXPECT_EQ(audit_count("email.verified", user_id), "1");
  // Delivered mail is gone from the outbox: its text held a single-use link.
  wait_outbox_empty();
}

TEST_F(Mail, InviteOnlyRefusesSignUp) {
  set_signup("invite_only");
  auto platform = http_get(port(), "/api/v1/platform");
  EXPECT_EQ(platform.json().at("signup").as_string(), "invite_only");
  auto res =
      post(port(), "/api/v1/auth/signup",
           {{"email", "uninvited@example.com"}, {"name", "U"}, {"password", "quiet river 17"}});
  EXPECT_EQ(res.status, 403);
  EXPECT_EQ(code_of(res), "signup_closed");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM users WHERE email = 'uninvited@example.com'"), "0");

  // Only admins switch the mode, and only to a known value.
  create_user("mail.learner@example.com", "learner", "plum tree 42");
  const auto learner = sign_in("mail.learner@example.com", "plum tree 42");
  HttpConnection conn(port());
  EXPECT_EQ(conn.request("PATCH", "/api/v1/admin/settings/platform", cookie_headers(learner),
                         json({{"signup", "open"}}))
                .status,
            403);
  EXPECT_EQ(conn.request("PATCH", "/api/v1/admin/settings/platform", cookie_headers(*admin_cookie_),
                         json({{"signup", "sometimes"}}))
                .status,
            422);
  EXPECT_EQ(http_get(port(), "/api/v1/platform").json().at("signup").as_string(), "invite_only");
}

TEST_F(Mail, SignUpWithATakenAddressMailsTheOwnerAndAnswersTheSame) {
  set_signup("open");
  const auto user_id = create_user("owner@example.com", "learner", "plum tree 42");
  auto res =
      post(port(), "/api/v1/auth/signup",
           {{"email", "Owner@Example.com"}, {"name", "Someone"}, {"password", "other pass 9"}});
  EXPECT_EQ(res.status, 202);
  EXPECT_EQ(res.body, "{}");
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM users WHERE lower(email) = 'owner@example.com'"),
            "1");

  const auto mail = smtp_->wait_for("owner@example.com").front();
  EXPECT_NE(mail.find("already"), std::string::npos);
  const auto token = token_in(mail, "reset-password");
  // The sign-up's password was not stored anywhere.
  EXPECT_TRUE(sign_in("owner@example.com", "other pass 9").empty());
  EXPECT_EQ(
      post(port(), "/api/v1/auth/password", {{"token", token}, {"password", "new plum 77"}}).status,
      204);
  EXPECT_FALSE(sign_in("owner@example.com", "new plum 77").empty());
  EXPECT_EQ(audit_count("account.signup_existing", user_id), "1");
}

TEST_F(Mail, PasswordResetWorksOnceEndsSessionsAndNeverSignsIn) {
  const auto user_id = create_user("forgetful@example.com", "learner", "plum tree 42");
  const auto cookie = sign_in("forgetful@example.com", "plum tree 42");
  ASSERT_FALSE(cookie.empty());

  // An unknown address: the same answer, and nothing queued.
  auto unknown = post(port(), "/api/v1/auth/password-reset", {{"email", "nobody@example.com"}});
  EXPECT_EQ(unknown.status, 202);
  EXPECT_EQ(unknown.body, "{}");
  auto res = post(port(), "/api/v1/auth/password-reset", {{"email", "forgetful@example.com"}});
  EXPECT_EQ(res.status, 202);
  const auto mail = smtp_->wait_for("forgetful@example.com").front();
  EXPECT_NE(mail.find("within 1 hour"), std::string::npos);
  const auto token = token_in(mail, "reset-password");
  wait_outbox_empty();  // both requests are answered and all their mail is out
  EXPECT_TRUE(smtp_->messages_to("nobody@example.com").empty());

  auto set =
      post(port(), "/api/v1/auth/password", {{"token", token}, {"password", "fresh pear 8"}});
  EXPECT_EQ(set.status, 204);
  EXPECT_TRUE(set.header("set-cookie").empty());                                // not signed in
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", cookie}}).status, 401);  // session ended
  auto reused =
      post(port(), "/api/v1/auth/password", {{"token", token}, {"password", "fresh pear 9"}});
  EXPECT_EQ(reused.status, 400);
  EXPECT_EQ(code_of(reused), "invalid_token");
  EXPECT_FALSE(sign_in("forgetful@example.com", "fresh pear 8").empty());

  // A second link, an hour old: expired.
  post(port(), "/api/v1/auth/password-reset", {{"email", "forgetful@example.com"}});
  std::string second;
  for (const auto& message : smtp_->wait_for("forgetful@example.com", 2)) {
    if (auto t = token_in(message, "reset-password"); t != token) second = t;
  }
  ASSERT_FALSE(second.empty());
  pg().scalar(
      "UPDATE user_tokens SET expires_at = expires_at - interval '1 hour' "
      "WHERE token_hash = '" +
      identity::token_hash(second) + "'");
  auto expired =
      post(port(), "/api/v1/auth/password", {{"token", second}, {"password", "late pear 10"}});
  EXPECT_EQ(expired.status, 400);
  EXPECT_EQ(code_of(expired), "invalid_token");
  EXPECT_FALSE(sign_in("forgetful@example.com", "fresh pear 8").empty());
  EXPECT_EQ(audit_count("password.reset_requested", user_id), "2");
}

TEST_F(Mail, ResetRequestsAreThrottledPerAddress) {
  create_user("popular@example.com", "learner", "plum tree 42");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        post(port(), "/api/v1/auth/password-reset", {{"email", "popular@example.com"}}).status,
        202);
  }
  smtp_->wait_for("popular@example.com", 3);
  wait_outbox_empty();
  EXPECT_EQ(smtp_->messages_to("popular@example.com").size(), 3u);
}

TEST_F(Mail, OneClientCannotMailManyAddresses) {
  // As if this client had already made its 60 requests this hour.
  pg().scalar(
      "INSERT INTO mail_throttle (key, window_start, requests) "
      "VALUES ('client:127.0.0.1', now(), 60) "
      "ON CONFLICT (key) DO UPDATE SET window_start = now(), requests = 60");
  auto res = post(port(), "/api/v1/auth/password-reset", {{"email", "victim@example.com"}});
  pg().scalar("DELETE FROM mail_throttle WHERE key = 'client:127.0.0.1'");
  EXPECT_EQ(res.status, 429);
  EXPECT_EQ(code_of(res), "rate_limited");
  const auto wait = std::stoi(res.header("retry-after"));
  EXPECT_GT(wait, 3000);
  EXPECT_LE(wait, 3600);
}

TEST_F(Mail, ResendVerificationAnswersTheSameForAnyAddress) {
  set_signup("open");
  const std::string email = "slow.reader@example.com";
  ASSERT_EQ(post(port(), "/api/v1/auth/signup",
                 {{"email", email}, {"name", "Slow"}, {"password", "quiet river 17"}})
                .status,
            202);
  EXPECT_EQ(post(port(), "/api/v1/auth/email-verification/resend", {{"email", email}}).status, 202);
  EXPECT_EQ(post(port(), "/api/v1/auth/email-verification/resend",
                 {{"email", "nobody.at.all@example.com"}})
                .status,
            202);
  const auto mails = smtp_->wait_for(email, 2);
  // Either link verifies the address.
  EXPECT_EQ(post(port(), "/api/v1/auth/email-verification",
                 {{"token", token_in(mails[1], "verify-email")}})
                .status,
            204);
  EXPECT_FALSE(sign_in(email, "quiet river 17").empty());
  // A verified address gets no more links.
  EXPECT_EQ(post(port(), "/api/v1/auth/email-verification/resend", {{"email", email}}).status, 202);
  wait_outbox_empty();
  EXPECT_EQ(smtp_->messages_to(email).size(), 2u);
}

TEST_F(Mail, EmailChangeHappensWhenTheNewAddressConfirms) {
  const auto user_id = create_user("mover@example.com", "learner", "plum tree 42");
  const auto cookie = sign_in("mover@example.com", "plum tree 42");
  HttpConnection conn(port());
  auto wrong = conn.request("POST", "/api/v1/me/email", cookie_headers(cookie),
                            json({{"current_password", "not it"}, {"email", "moved@example.com"}}));
  EXPECT_EQ(wrong.status, 422);
  auto res =
      conn.request("POST", "/api/v1/me/email", cookie_headers(cookie),
                   json({{"current_password", "plum tree 42"}, {"email", "moved@example.com"}}));
  ASSERT_EQ(res.status, 202) << res.body;
  const auto mail = smtp_->wait_for("moved@example.com").front();
  // Nothing changes before the link is followed.
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", cookie}}).json().at("email").as_string(),
            "mover@example.com");
  EXPECT_EQ(
      post(port(), "/api/v1/auth/email-verification", {{"token", token_in(mail, "verify-email")}})
          .status,
      204);
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", cookie}}).json().at("email").as_string(),
            "moved@example.com");
  const auto notice = smtp_->wait_for("mover@example.com").front();
  EXPECT_NE(notice.find("moved@example.com"), std::string::npos);
  EXPECT_FALSE(sign_in("moved@example.com", "plum tree 42").empty());
  EXPECT_TRUE(sign_in("mover@example.com", "plum tree 42").empty());
  EXPECT_EQ(audit_count("email.changed", user_id), "1");

  // An address that belongs to someone else: the same answer, no link.
  create_user("occupied@example.com", "learner", "plum tree 42");
  auto taken =
      conn.request("POST", "/api/v1/me/email", cookie_headers(cookie),
                   json({{"current_password", "plum tree 42"}, {"email", "occupied@example.com"}}));
  EXPECT_EQ(taken.status, 202);
  wait_outbox_empty();
  EXPECT_TRUE(smtp_->messages_to("occupied@example.com").empty());
}

TEST_F(Mail, MailWaitsInTheOutboxWhileTheSmtpServerIsDown) {
  create_user("patient@example.com", "learner", "plum tree 42");
  smtp_->stop();
  EXPECT_EQ(post(port(), "/api/v1/auth/password-reset", {{"email", "patient@example.com"}}).status,
            202);
  wait_until(
      [] {
        return pg().scalar(
                   "SELECT count(*) FROM mail_outbox WHERE recipient = "
                   "'patient@example.com' AND attempts >= 1 AND last_error IS NOT NULL") == "1";
      },
      "a failed attempt");
  smtp_->start();
  const auto mail = smtp_->wait_for("patient@example.com").front();
  EXPECT_FALSE(token_in(mail, "reset-password").empty());
  wait_outbox_empty();
  auto metrics = http_get(port(), "/metrics");
  EXPECT_EQ(metrics.body.find("skillnexus_mail_failures_total 0\n"), std::string::npos);
  EXPECT_NE(metrics.body.find("skillnexus_mail_sent_total "), std::string::npos);
}

// An SMTP server that never comes back: after the last attempt the message is dropped (its link
// must not linger in the database) and the failure logged.
class MailGivenUp : public ServerFixture {
 protected:
  static void SetUpTestSuite() {
    smtp_ = new SmtpServer();  // never started: nothing listens on its port
    start_server({{"SKILLNEXUS_SMTP_URL", smtp_->url()},
                  {"SKILLNEXUS_MAIL_RETRY_SECONDS", "1"},
                  {"SKILLNEXUS_MAIL_MAX_ATTEMPTS", "2"}});
  }
  static void TearDownTestSuite() {
    ServerFixture::TearDownTestSuite();
    delete smtp_;
  }
  static inline SmtpServer* smtp_ = nullptr;
};

TEST_F(MailGivenUp, AfterTheLastAttemptTheMessageIsDroppedAndLogged) {
  create_user("unlucky@example.com", "learner", "plum tree 42");
  EXPECT_EQ(post(port(), "/api/v1/auth/password-reset", {{"email", "unlucky@example.com"}}).status,
            202);
  auto line = server().wait_for_log("mail given up", 60s, "unlucky@example.com");
  EXPECT_EQ(line.at("attempts").as_int64(), 2);
  EXPECT_EQ(line.find("link"), line.end());
  EXPECT_EQ(server().count_log("mail not sent; will retry"), 1u);
  EXPECT_EQ(pg().scalar("SELECT count(*) FROM mail_outbox"), "0");
  auto metrics = http_get(port(), "/metrics").body;
  EXPECT_NE(metrics.find("skillnexus_mail_given_up_total 1\n"), std::string::npos);
}

// Without SMTP settings, each message becomes a .eml file under the data dir and its link is
// logged for the developer.
class MailFiles : public ServerFixture {};

TEST_F(MailFiles, WithoutSmtpMessagesBecomeEmlFiles) {
  create_user("files@example.com", "learner", "plum tree 42");
  EXPECT_EQ(post(port(), "/api/v1/auth/password-reset", {{"email", "files@example.com"}}).status,
            202);
  auto line = server().wait_for_log("mail written", 60s, "files@example.com");
  const fs::path file(std::string(line.at("file").as_string()));
  EXPECT_EQ(file.parent_path(), server().data_dir() / "mail");
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("To: files@example.com\r\n"), std::string::npos);
  const auto token = token_in(text.str(), "reset-password");
  EXPECT_NE(std::string(line.at("link").as_string()).find(token), std::string::npos);
  EXPECT_EQ(post(port(), "/api/v1/auth/password", {{"token", token}, {"password", "fresh pear 8"}})
                .status,
            204);
}

}  // namespace
}  // namespace sn::test
