// The demo organisation: a few published courses with articles and quizzes, a learning path,
// and accounts for each role, some with progress, so every page has something to show.

#include <sodium.h>

#include "content/markdown.hpp"
#include "demo/demo.hpp"
#include "demo/demo_content.hpp"
#include "learning/completion.hpp"
#include "learning/events.hpp"

namespace sn::demo {
namespace {

constexpr db::Query kHasUsers{"demo.has_users", "SELECT EXISTS (SELECT 1 FROM users)"};
constexpr db::Query kCreateUser{
    "demo.create_user",
    "INSERT INTO users (email, name, role, status, password_hash, email_verified_at) "
    "VALUES ($1, $2, $3, 'active', $4, now()) RETURNING id"};
constexpr db::Query kSkill{"demo.skill",
                           "INSERT INTO skills (slug, name) VALUES ($1, $2) "
                           "ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id"};
constexpr db::Query kCourse{
    "demo.course",
    "INSERT INTO courses (slug, title, summary, description_md, description_html, level, "
    "duration_minutes, status, created_by, published_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7::int, 'published', $8::uuid, now()) RETURNING id"};
constexpr db::Query kOwner{"demo.owner",
                           "INSERT INTO course_owners (course_id, user_id) VALUES ($1, $2)"};
constexpr db::Query kCourseSkill{"demo.course_skill",
                                 "INSERT INTO course_skills (course_id, skill_id, level) "
                                 "SELECT $1::uuid, id, $3::smallint FROM skills WHERE slug = $2"};
constexpr db::Query kSearch{
    "demo.course_search",
    "UPDATE courses c SET search = course_search_vector(c.title, c.summary, c.description_md, "
    "coalesce((SELECT string_agg(s.name, ' ') FROM course_skills cs JOIN skills s "
    "ON s.id = cs.skill_id WHERE cs.course_id = c.id), '')) WHERE c.id = $1::uuid"};
constexpr db::Query kSection{
    "demo.section",
    "INSERT INTO course_sections (course_id, position, title) VALUES ($1, $2::int, $3) "
    "RETURNING id"};
constexpr db::Query kLesson{
    "demo.lesson",
    "INSERT INTO lessons (course_id, section_id, position, title, kind, body_md, body_html) "
    "VALUES ($1, $2, $3::int, $4, $5, $6, $7) RETURNING id"};
constexpr db::Query kVideoLesson{
    "demo.video_lesson",
    "INSERT INTO lessons (course_id, section_id, position, title, kind, media_id, "
    "duration_seconds) VALUES ($1, $2, $3::int, $4, 'video', $5::uuid, $6::int) RETURNING id"};
constexpr db::Query kQuestion{
    "demo.question",
    "INSERT INTO quiz_questions (course_id, kind, prompt, options, answer, explanation) "
    "VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6)"};
constexpr db::Query kQuiz{
    "demo.quiz",
    "INSERT INTO quizzes (lesson_id, course_id, question_ids, shuffle_options, passing_percent) "
    "SELECT $1::uuid, $2::uuid, coalesce(array_agg(id ORDER BY created_at, id), '{}'), true, 60 "
    "FROM quiz_questions WHERE course_id = $2::uuid"};
constexpr db::Query kEnrol{
    "demo.enrol",
    "INSERT INTO enrolments (user_id, course_id, source, assigned_by, due_at, last_activity_at) "
    "VALUES ($1, $2, $3, $4::uuid, now() + make_interval(days => $5::int), now())"};
constexpr db::Query kStartLesson{
    "demo.start_lesson",
    "INSERT INTO lesson_progress (user_id, course_id, lesson_id) VALUES ($1, $2, $3)"};
constexpr db::Query kResumeAt{
    "demo.resume_at",
    "UPDATE enrolments SET last_lesson_id = $3::uuid, last_activity_at = now() "
    "WHERE user_id = $1::uuid AND course_id = $2::uuid"};
constexpr db::Query kPath{
    "demo.path",
    "INSERT INTO learning_paths (slug, title, summary, description_md, description_html, status, "
    "created_by, published_at) VALUES ($1, $2, $3, $4, $5, 'published', $6::uuid, now()) "
    "RETURNING id"};
constexpr db::Query kPathCourse{
    "demo.path_course",
    "INSERT INTO learning_path_courses (path_id, course_id, position) VALUES ($1, $2, $3::int)"};

struct SeededCourse {
  std::string id;
  std::vector<std::string> lesson_ids;  // in outline order
};

boost::asio::awaitable<SeededCourse> seed_course(db::Transaction& tx, const CourseSpec& spec,
                                                 std::string instructor_id,
                                                 const DemoVideoMaker* videos) {
  SeededCourse seeded;
  auto course = co_await tx.execute(kCourse, spec.slug, spec.title, spec.summary, spec.description,
                                    content::markdown_to_html(spec.description), spec.level,
                                    spec.duration_minutes, instructor_id);
  seeded.id = std::string(course.text(0, 0));
  co_await tx.execute(kOwner, seeded.id, instructor_id);
  for (const auto& skill : spec.skills)
    co_await tx.execute(kCourseSkill, seeded.id, skill.slug, skill.level);
  co_await tx.execute(kSearch, seeded.id);
  for (const auto& question : spec.questions) {
    co_await tx.execute(kQuestion, seeded.id, question.kind, question.prompt, question.options,
                        question.answer, question.explanation);
  }
  int section_position = 0;
  for (const auto& section : spec.sections) {
    auto section_row = co_await tx.execute(kSection, seeded.id, section_position++, section.title);
    const std::string section_id(section_row.text(0, 0));
    int lesson_position = 0;
    for (const auto& lesson : section.lessons) {
      if (std::string_view(lesson.kind) == "video") {
        if (!videos || !*videos) continue;  // no media store here (a test's demo)
        const auto media_id =
            co_await (*videos)(tx, instructor_id, lesson.title, lesson.video_seconds);
        auto row = co_await tx.execute(kVideoLesson, seeded.id, section_id, lesson_position++,
                                       lesson.title, media_id, lesson.video_seconds);
        seeded.lesson_ids.emplace_back(row.text(0, 0));
        continue;
      }
      auto lesson_row =
          co_await tx.execute(kLesson, seeded.id, section_id, lesson_position++, lesson.title,
                              lesson.kind, lesson.body, content::markdown_to_html(lesson.body));
      seeded.lesson_ids.emplace_back(lesson_row.text(0, 0));
      if (std::string_view(lesson.kind) == "quiz") {
        co_await tx.execute(kQuiz, seeded.lesson_ids.back(), seeded.id);
      }
    }
  }
  co_return seeded;
}

boost::asio::awaitable<void> enrol(db::Transaction& tx, std::string user_id, std::string course_id,
                                   std::string source, std::optional<std::string> assigned_by,
                                   int due_in_days) {
  co_await tx.execute(kEnrol, user_id, course_id, source, assigned_by, due_in_days);
  learning::Statement enrolled{.actor_id = user_id,
                               .verb = "enrolled",
                               .object_type = "course",
                               .object_id = course_id,
                               .course_id = course_id};
  co_await learning::record(tx, std::move(enrolled));
  co_await learning::recount_course(tx, user_id, course_id);
}

}  // namespace

std::string random_password() {
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  std::string password;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) password += '-';
    password += kAlphabet[bytes[i] % 32];
  }
  return password;
}

boost::asio::awaitable<DemoOrganisation> seed_demo_organisation(
    db::Database& db, const identity::PasswordHasher& hasher, DemoVideoMaker videos) {
  DemoOrganisation org;
  auto tx = co_await db.begin();
  auto has_users = co_await tx.execute(kHasUsers);
  if (has_users.boolean(0, 0)) co_return org;

  org.password = random_password();
  const auto hash = hasher.hash_now(org.password);
  struct Person {
    const char* email;
    const char* name;
    const char* role;
  };
  static constexpr Person kPeople[] = {
      {"admin@example.com", "Ada Admin", "admin"},
      {"instructor@example.com", "Ian Instructor", "instructor"},
      {"learner@example.com", "Lena Learner", "learner"},
      {"sam@example.com", "Sam Student", "learner"},
      {"priya@example.com", "Priya Patel", "learner"},
      {"tom@example.com", "Tom Tanaka", "learner"},
  };
  std::vector<std::string> ids;
  for (const auto& person : kPeople) {
    auto row = co_await tx.execute(kCreateUser, person.email, person.name, person.role, hash);
    ids.emplace_back(row.text(0, 0));
    org.accounts.push_back({person.email, person.role});
  }
  const auto& instructor = ids[1];

  for (const auto& skill : demo_skills())
    co_await tx.execute(kSkill, skill.slug, skill.name);
  std::vector<SeededCourse> courses;
  for (const auto& spec : demo_courses()) {
    auto seeded = co_await seed_course(tx, spec, instructor, &videos);
    courses.push_back(std::move(seeded));
  }

  const char* path_description =
      "Two short courses for people who have just started to lead a team: write so people "
      "act, and give feedback they can use.";
  auto path = co_await tx.execute(kPath, "new-manager-essentials", "New Manager Essentials",
                                  "The communication basics of leading a team.", path_description,
                                  content::markdown_to_html(path_description), instructor);
  const std::string path_id(path.text(0, 0));
  co_await tx.execute(kPathCourse, path_id, courses[0].id, 0);
  co_await tx.execute(kPathCourse, path_id, courses[3].id, 1);

  // Lena finished "Writing Clear Emails" (so she holds a certificate) and is halfway through
  // the privacy course; the others were assigned the privacy course by the instructor.
  const auto& lena = ids[2];
  co_await enrol(tx, lena, courses[0].id, "self", std::nullopt, 30);
  for (const auto& lesson : courses[0].lesson_ids)
    co_await learning::complete_lesson(tx, lena, courses[0].id, lesson);
  co_await enrol(tx, lena, courses[1].id, "assigned", instructor, 14);
  co_await learning::complete_lesson(tx, lena, courses[1].id, courses[1].lesson_ids[0]);
  co_await tx.execute(kStartLesson, lena, courses[1].id, courses[1].lesson_ids[1]);
  co_await tx.execute(kResumeAt, lena, courses[1].id, courses[1].lesson_ids[1]);
  for (std::size_t i = 3; i < ids.size(); ++i)
    co_await enrol(tx, ids[i], courses[1].id, "assigned", instructor, 7 * static_cast<int>(i));

  co_await tx.commit();
  org.created = true;
  co_return org;
}

}  // namespace sn::demo
