// `skillnexus demo seed`: large data sets for benchmarks, generated inside PostgreSQL. Every
// table is filled by one INSERT … SELECT over generate_series, so nothing crosses the wire per
// row and 100,000 users take seconds rather than the hours one INSERT per row would.

#include <algorithm>
#include <chrono>

#include "demo/demo.hpp"

namespace sn::demo {
namespace {

// Words for titles and summaries, so full-text search has a realistic vocabulary to rank.
#define SN_SEED_WORDS                                                                            \
  "ARRAY['python','sql','leadership','negotiation','excel','security','privacy','cloud',"        \
  "'kubernetes','design','writing','sales','marketing','finance','accounting','statistics',"     \
  "'machine','learning','project','management','agile','scrum','customer','service','coaching'," \
  "'feedback','presentation','storytelling','analytics','dashboards','compliance','ethics',"     \
  "'onboarding','hiring','interviewing','budgeting','forecasting','networking','linux','java',"  \
  "'javascript','react','testing','quality','safety','first','aid','remote','teams','time']"

// Numbered learners and instructors, named after this run's tag so runs never collide.
constexpr db::Query kUsers{
    "seed.users",
    "INSERT INTO users (email, name, role, status, password_hash, email_verified_at) "
    "SELECT 'learner' || g || '.' || $1 || '@seed.example.com', 'Learner ' || g || ' ' || $1, "
    "'learner', 'active', $2, now() FROM generate_series(1, $3::int) g"};
constexpr db::Query kInstructors{
    "seed.instructors",
    "INSERT INTO users (email, name, role, status, password_hash, email_verified_at) "
    "SELECT 'instructor' || g || '.' || $1 || '@seed.example.com', "
    "'Instructor ' || g || ' ' || $1, 'instructor', 'active', $2, now() "
    "FROM generate_series(1, $3::int) g"};
constexpr db::Query kSkills{"seed.skills",
                            "INSERT INTO skills (slug, name) SELECT 'skill-' || w, initcap(w) "
                            "FROM unnest(" SN_SEED_WORDS ") w ON CONFLICT DO NOTHING"};
constexpr db::Query kCourses{
    "seed.courses",
    "WITH words AS (SELECT " SN_SEED_WORDS
    " AS w) "
    "INSERT INTO courses (slug, title, summary, description_md, description_html, level, "
    "duration_minutes, language, status, created_by, published_at, created_at) "
    "SELECT 'seed-' || $1 || '-' || g, "
    "initcap(w[1 + g % 50]) || ' ' || w[1 + (g / 50) % 50] || ' for ' || w[1 + (g * 7) % 50] || "
    "' teams ' || g, "
    "'A practical course on ' || w[1 + g % 50] || ' and ' || w[1 + (g * 3) % 50] || '.', "
    "'Learn ' || w[1 + (g * 11) % 50] || ', ' || w[1 + (g * 13) % 50] || ' and ' || "
    "w[1 + (g * 17) % 50] || ' with hands-on exercises.', "
    "'<p>Learn ' || w[1 + (g * 11) % 50] || ', ' || w[1 + (g * 13) % 50] || ' and ' || "
    "w[1 + (g * 17) % 50] || ' with hands-on exercises.</p>', "
    "(ARRAY['beginner','intermediate','advanced'])[1 + g % 3], 15 + (g * 37) % 300, "
    "(ARRAY['en','en','en','de','fr','es'])[1 + g % 6], 'published', "
    "(SELECT id FROM users WHERE lower(email) = 'instructor' || (1 + g % $3::int) || '.' || $1 || "
    "'@seed.example.com'), now() - make_interval(mins => g), now() - make_interval(mins => g) "
    "FROM generate_series(1, $2::int) g, words"};
// Row numbers for joining generated rows by position.
constexpr db::Query kNumberCourses{
    "seed.number_courses",
    "CREATE TEMP TABLE seed_courses ON COMMIT DROP AS SELECT "
    "split_part(slug, '-', 3)::int AS n, id, created_by FROM courses WHERE slug LIKE 'seed-' || $1 "
    "|| '-%'"};
constexpr db::Query kNumberUsers{
    "seed.number_users",
    "CREATE TEMP TABLE seed_users ON COMMIT DROP AS SELECT "
    "row_number() OVER (ORDER BY id) AS n, id FROM users WHERE email LIKE 'learner%.' || $1 || "
    "'@seed.example.com'"};
// Temporary tables get no statistics from autovacuum: without these the planner guesses a
// nested loop over seed_courses for each of 500,000 enrolments (minutes instead of seconds).
constexpr db::Query kKeyCourses{"seed.key_courses", "ALTER TABLE seed_courses ADD PRIMARY KEY (n)"};
constexpr db::Query kKeyUsers{"seed.key_users", "ALTER TABLE seed_users ADD PRIMARY KEY (n)"};
constexpr db::Query kAnalyzeCourses{"seed.analyze_courses", "ANALYZE seed_courses"};
constexpr db::Query kAnalyzeUsers{"seed.analyze_users", "ANALYZE seed_users"};
constexpr db::Query kOwners{
    "seed.owners",
    "INSERT INTO course_owners (course_id, user_id) SELECT id, created_by FROM seed_courses"};
constexpr db::Query kCourseSkills{
    "seed.course_skills",
    "INSERT INTO course_skills (course_id, skill_id, level) "
    "SELECT c.id, s.id, 1 + (c.n + s.k) % 5 FROM seed_courses c "
    "JOIN (SELECT id, row_number() OVER (ORDER BY slug) AS k FROM skills WHERE slug LIKE "
    "'skill-%') s "
    "ON s.k IN (1 + c.n % 50, 1 + (c.n * 7 + 3) % 50) ON CONFLICT DO NOTHING"};
constexpr db::Query kSearch{
    "seed.search",
    "UPDATE courses c SET search = course_search_vector(c.title, c.summary, c.description_md, "
    "coalesce((SELECT string_agg(s.name, ' ') FROM course_skills cs JOIN skills s "
    "ON s.id = cs.skill_id WHERE cs.course_id = c.id), '')) FROM seed_courses sc WHERE c.id = "
    "sc.id"};
// Three sections of four lessons: a video and two articles in each, the last lesson a quiz.
constexpr db::Query kSections{
    "seed.sections",
    "INSERT INTO course_sections (course_id, position, title) "
    "SELECT c.id, p, 'Part ' || (p + 1) FROM seed_courses c, generate_series(0, 2) p"};
constexpr db::Query kLessons{
    "seed.lessons",
    "INSERT INTO lessons (course_id, section_id, position, title, kind, body_md, body_html, "
    "duration_seconds) "
    "SELECT s.course_id, s.id, p, 'Lesson ' || (s.position * 4 + p + 1), "
    "CASE WHEN p = 0 THEN 'video' WHEN s.position = 2 AND p = 3 THEN 'quiz' ELSE 'article' END, "
    "'Read this.', '<p>Read this.</p>', CASE WHEN p = 0 THEN 600 END "
    "FROM course_sections s JOIN seed_courses c ON c.id = s.course_id, generate_series(0, 3) p"};
constexpr db::Query kQuestions{
    "seed.questions",
    "INSERT INTO quiz_questions (course_id, kind, prompt, options, answer) "
    "SELECT c.id, 'single_choice', 'Question ' || q || '?', "
    "'[{\"id\":\"a\",\"text\":\"Yes\"},{\"id\":\"b\",\"text\":\"No\"}]', '{\"correct\":[\"a\"]}' "
    "FROM seed_courses c, generate_series(1, 5) q"};
constexpr db::Query kQuizzes{
    "seed.quizzes",
    "INSERT INTO quizzes (lesson_id, course_id, draw_count) "
    "SELECT l.id, l.course_id, 3 FROM lessons l JOIN seed_courses c ON c.id = l.course_id "
    "WHERE l.kind = 'quiz'"};
// Each learner in `per_user` courses spread over the catalog (a multiplicative stride), with
// the first video started and the first article read: two progress rows per enrolment.
constexpr db::Query kEnrolments{
    "seed.enrolments",
    "INSERT INTO enrolments (user_id, course_id, source, required_lessons, completed_lessons, "
    "progress_percent, last_lesson_id, last_activity_at, enrolled_at) "
    "SELECT u.id, c.id, 'self', 12, 1, 8, l.id, "
    "now() - make_interval(mins => ((u.n * 31 + j * 7) % 43200)::int), now() - interval '31 days' "
    "FROM seed_users u CROSS JOIN generate_series(0, $1::int - 1) j "
    "JOIN seed_courses c ON c.n = 1 + ((u.n * $1::int + j) * 7919) % $2::int "
    "JOIN course_sections s ON s.course_id = c.id AND s.position = 0 "
    "JOIN lessons l ON l.section_id = s.id AND l.position = 0 ON CONFLICT DO NOTHING"};
constexpr db::Query kProgress{
    "seed.progress",
    "INSERT INTO lesson_progress (user_id, course_id, lesson_id, status, watched, watched_ms, "
    "position_ms, completed_at) "
    "SELECT e.user_id, e.course_id, l.id, "
    "CASE WHEN l.position = 0 THEN 'in_progress' ELSE 'completed' END, "
    "CASE WHEN l.position = 0 THEN int8multirange(int8range(0, 120000)) ELSE '{}' END, "
    "CASE WHEN l.position = 0 THEN 120000 ELSE 0 END, "
    "CASE WHEN l.position = 0 THEN 120000 ELSE 0 END, "
    "CASE WHEN l.position = 1 THEN e.last_activity_at END "
    "FROM enrolments e JOIN seed_users u ON u.id = e.user_id "
    "JOIN course_sections s ON s.course_id = e.course_id AND s.position = 0 "
    "JOIN lessons l ON l.section_id = s.id AND l.position IN (0, 1)"};
constexpr db::Query kEvents{
    "seed.events",
    "INSERT INTO learning_events (occurred_at, actor_id, verb, object_type, object_id, course_id) "
    "SELECT e.enrolled_at, e.user_id, 'enrolled', 'course', e.course_id, e.course_id "
    "FROM enrolments e JOIN seed_users u ON u.id = e.user_id"};
constexpr db::Query kCount{"seed.count", "SELECT count(*) FROM seed_users"};
constexpr db::Query kCountEnrolments{
    "seed.count_enrolments",
    "SELECT count(*) FROM enrolments e JOIN seed_users u ON u.id = e.user_id"};
constexpr db::Query kAnalyze{"seed.analyze", "ANALYZE"};

}  // namespace

boost::asio::awaitable<BulkSeedReport> seed_bulk(db::Database& db,
                                                 const identity::PasswordHasher& hasher,
                                                 BulkSeedOptions options) {
  const auto started = std::chrono::steady_clock::now();
  BulkSeedReport report;
  report.password = options.password.empty() ? random_password() : options.password;
  const auto hash = hasher.hash_now(report.password);
  const auto tag = random_password().substr(0, 4);
  const auto instructors = std::max<std::int64_t>(1, options.courses / 20);
  const auto per_user = std::min(options.enrolments_per_user, options.courses);

  auto tx = co_await db.begin();
  // One statement per step, timed: the report says where the seconds went.
  struct Step {
    const char* name;
    db::Query query;
  };
  const Step steps[] = {{"skills", kSkills},
                        {"courses", kCourses},
                        {"numbering", kNumberCourses},
                        {"numbering", kNumberUsers},
                        {"numbering", kKeyCourses},
                        {"numbering", kKeyUsers},
                        {"numbering", kAnalyzeCourses},
                        {"numbering", kAnalyzeUsers},
                        {"owners", kOwners},
                        {"course skills", kCourseSkills},
                        {"search documents", kSearch},
                        {"sections", kSections},
                        {"lessons", kLessons},
                        {"quiz questions", kQuestions},
                        {"quizzes", kQuizzes},
                        {"enrolments", kEnrolments},
                        {"lesson progress", kProgress},
                        {"learning events", kEvents}};
  auto lap = std::chrono::steady_clock::now();
  auto record_lap = [&](const char* name) {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - lap).count();
    lap = now;
    if (!report.steps.empty() && report.steps.back().first == name) {
      report.steps.back().second += seconds;
    } else {
      report.steps.emplace_back(name, seconds);
    }
  };
  co_await tx.execute(kUsers, tag, hash, options.users);
  co_await tx.execute(kInstructors, tag, hash, instructors);
  record_lap("users");
  for (const auto& step : steps) {
    const bool per_enrolment = step.query.name == kEnrolments.name ||
                               step.query.name == kProgress.name || step.query.name == kEvents.name;
    if (per_enrolment && per_user == 0) continue;
    db::Result rows;
    if (step.query.name == kCourses.name) {
      rows = co_await tx.execute(step.query, tag, options.courses, instructors);
    } else if (step.query.name == kNumberCourses.name || step.query.name == kNumberUsers.name) {
      rows = co_await tx.execute(step.query, tag);
    } else if (step.query.name == kEnrolments.name) {
      rows = co_await tx.execute(step.query, per_user, options.courses);
    } else {
      rows = co_await tx.execute(step.query);
    }
    if (step.query.name == kLessons.name) report.lessons = rows.affected();
    if (step.query.name == kProgress.name) report.progress_rows = rows.affected();
    record_lap(step.name);
  }
  auto users = co_await tx.execute(kCount);
  auto enrolments = co_await tx.execute(kCountEnrolments);
  co_await tx.commit();
  record_lap("commit");
  co_await db.query(kAnalyze);

  report.users = users.integer(0, 0);
  report.courses = options.courses;
  report.enrolments = enrolments.integer(0, 0);
  record_lap("analyze");
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::stable_sort(report.steps.begin(), report.steps.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  co_return report;
}

}  // namespace sn::demo
