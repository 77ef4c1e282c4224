// Housekeeping against the real server: expired and revoked sessions, expired links and old
// throttle counters disappear on their own; live rows and the audit trail stay.

#include <gtest/gtest.h>

#include <thread>

#include "server_fixture.hpp"

namespace sn::test {
namespace {

class Retention : public ServerFixture {
 protected:
  static void SetUpTestSuite() { start_server({{"SKILLNEXUS_HOUSEKEEPING_SECONDS", "1"}}); }
};

TEST_F(Retention, DeletesWhatExpiredAndKeepsWhatIsLive) {
  const auto id = create_user("keeper@example.com", "learner", "plum tree 42");
  const auto live = session_cookie(id);
  auto db = pg();
  db.scalar("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ('expired', '" + id +
            "', now() - interval '2 days')");
  db.scalar(
      "INSERT INTO sessions (token_hash, user_id, expires_at, revoked_at) VALUES "
      "('revoked', '" +
      id + "', now() + interval '1 hour', now() - interval '2 days')");
  db.scalar(
      "INSERT INTO sessions (token_hash, user_id, expires_at, revoked_at) VALUES "
      "('just revoked', '" +
      id + "', now() + interval '1 hour', now())");
  db.scalar(
      "INSERT INTO user_tokens (token_hash, user_id, purpose, expires_at) VALUES "
      "('old link', '" +
      id + "', 'password_reset', now() - interval '2 days')");
  db.scalar(
      "INSERT INTO sign_in_throttle (key, failures, last_failure_at) VALUES "
      "('account:old@example.com', 3, now() - interval '2 days'), "
      "('account:recent@example.com', 3, now())");
  db.scalar(
      "INSERT INTO audit_events (event, occurred_at) VALUES ('sign_in.ok', "
      "now() - interval '400 days')");

  const auto remaining = [&] {
    return db.scalar(
        "SELECT (SELECT count(*) FROM sessions WHERE token_hash IN ('expired', 'revoked')) + "
        "(SELECT count(*) FROM user_tokens WHERE token_hash = 'old link') + "
        "(SELECT count(*) FROM sign_in_throttle WHERE key = 'account:old@example.com') + "
        "(SELECT count(*) FROM mail_throttle) + (SELECT count(*) FROM oidc_logins)");
  };
  for (int i = 0; i < 100 && remaining() != "0"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(remaining(), "0");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM sessions WHERE token_hash = 'just revoked'"), "1");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM sign_in_throttle WHERE key LIKE 'account:recent%'"),
            "1");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM audit_events WHERE occurred_at < now() - "
                      "interval '300 days'"),
            "1");
  EXPECT_EQ(http_get(port(), "/api/v1/me", {{"Cookie", live}}).status, 200);
}

}  // namespace
}  // namespace sn::test
