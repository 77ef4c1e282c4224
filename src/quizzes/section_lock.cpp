#include "quizzes/section_lock.hpp"

namespace sn::quizzes {
namespace {

// The previous section is the one just before by position in the same course; its required
// lessons without a completed progress row make this section locked. One index range each:
// course_sections_position, lessons by section, lesson_progress's (user, course, lesson) key.
constexpr db::Query kSectionLocked{
    "quizzes.section_locked",
    "SELECT EXISTS (SELECT 1 FROM course_sections s "
    "JOIN LATERAL (SELECT p.id FROM course_sections p WHERE p.course_id = s.course_id "
    "  AND p.position < s.position ORDER BY p.position DESC LIMIT 1) prev ON true "
    "JOIN lessons l ON l.section_id = prev.id AND l.required "
    "LEFT JOIN lesson_progress lp ON lp.user_id = $2::uuid AND lp.course_id = s.course_id "
    "  AND lp.lesson_id = l.id AND lp.status = 'completed' "
    "WHERE s.id = $1::uuid AND s.requires_previous AND lp.lesson_id IS NULL)"};

}  // namespace

boost::asio::awaitable<bool> section_locked(db::Transaction& tx, std::string user_id,
                                            std::string section_id) {
  auto rows = co_await tx.execute(kSectionLocked, section_id, user_id);
  co_return rows.boolean(0, 0);
}

}  // namespace sn::quizzes
