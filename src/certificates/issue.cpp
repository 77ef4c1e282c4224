#include "certificates/issue.hpp"

#include <sodium.h>

#include <stdexcept>

#include "learning/events.hpp"

namespace sn::certificates {
namespace {

// Learner name and title are copied at issue: a certificate keeps saying what it said that day.
// A learner without a name gets their email's local part, never the whole address (the
// verification page is public).
constexpr db::Query kIssueForCourse{
    "certificates.issue_for_course",
    "INSERT INTO certificates (code, user_id, course_id, kind, learner_name, title) "
    "SELECT $1, u.id, c.id, 'course', "
    "CASE WHEN u.name <> '' THEN u.name ELSE split_part(u.email, '@', 1) END, c.title "
    "FROM users u, courses c WHERE u.id = $2::uuid AND c.id = $3::uuid "
    "ON CONFLICT (user_id, course_id) WHERE kind = 'course' DO NOTHING RETURNING id, code"};
constexpr db::Query kCourseCertificate{
    "certificates.course_certificate",
    "SELECT id, code FROM certificates WHERE user_id = $1::uuid AND course_id = $2::uuid "
    "AND kind = 'course'"};
constexpr db::Query kIssueForPath{
    "certificates.issue_for_path",
    "INSERT INTO certificates (code, user_id, path_id, kind, learner_name, title) "
    "SELECT $1, u.id, p.id, 'path', "
    "CASE WHEN u.name <> '' THEN u.name ELSE split_part(u.email, '@', 1) END, p.title "
    "FROM users u, learning_paths p WHERE u.id = $2::uuid AND p.id = $3::uuid "
    "ON CONFLICT (user_id, path_id) WHERE kind = 'path' DO NOTHING RETURNING id, code"};
constexpr db::Query kPathCertificate{
    "certificates.path_certificate",
    "SELECT id, code FROM certificates WHERE user_id = $1::uuid AND path_id = $2::uuid "
    "AND kind = 'path'"};

boost::asio::awaitable<std::string> issue(db::Transaction& tx, db::Query insert, db::Query existing,
                                          std::string user_id, std::string object_id,
                                          std::string object_type) {
  auto rows = co_await tx.execute(insert, new_code(), user_id, object_id);
  if (rows.empty()) {
    rows = co_await tx.execute(existing, user_id, object_id);
    if (rows.empty()) throw std::runtime_error("certificate for a missing user or " + object_type);
    co_return std::string(rows.text(0, "code"));
  }
  std::string code(rows.text(0, "code"));
  learning::Statement earned{.actor_id = user_id,
                             .verb = "earned",
                             .object_type = "certificate",
                             .object_id = std::string(rows.text(0, "id"))};
  if (object_type == "course") earned.course_id = object_id;
  earned.context =
      boost::json::object{{object_type == "course" ? "course_id" : "path_id", object_id}};
  co_await learning::record(tx, std::move(earned));
  co_return code;
}

}  // namespace

std::string new_code() {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base32
  unsigned char bytes[10];
  randombytes_buf(bytes, sizeof bytes);
  std::string code = "SN";
  for (int i = 0; i < 16; ++i) {
    // 16 characters × 5 bits = 80 bits: bit i*5 … i*5+4 of the byte string.
    const int bit = i * 5;
    const unsigned pair =
        (static_cast<unsigned>(bytes[bit / 8]) << 8) | (bit / 8 + 1 < 10 ? bytes[bit / 8 + 1] : 0);
    const unsigned value = (pair >> (11 - bit % 8)) & 31;
    if (i % 4 == 0) code += '-';
    code += kAlphabet[value];
  }
  return code;
}

boost::asio::awaitable<std::string> issue_for_course(db::Transaction& tx, std::string user_id,
                                                     std::string course_id) {
  co_return co_await issue(tx, kIssueForCourse, kCourseCertificate, std::move(user_id),
                           std::move(course_id), "course");
}

boost::asio::awaitable<std::string> issue_for_path(db::Transaction& tx, std::string user_id,
                                                   std::string path_id) {
  co_return co_await issue(tx, kIssueForPath, kPathCertificate, std::move(user_id),
                           std::move(path_id), "path");
}

}  // namespace sn::certificates
