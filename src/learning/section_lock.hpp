#pragma once
// The section-lock rule as SQL, for every query that opens a lesson (lesson pages, heartbeats,
// quizzes): a section that `requires_previous` is locked for a learner until every required
// lesson of the section just before it is complete. One fragment, so the rule cannot drift
// between features. Index lookups only: the previous section by (course_id, position), its
// lessons by (section_id, position), progress by its primary key.
//
// SN_SECTION_LOCKED_SQL("l", "s", "$2::uuid"): a boolean expression over the lesson alias, its
// section's alias and the learner's id.

#define SN_SECTION_LOCKED_SQL(lesson, section, user)                                         \
  "(" section                                                                                \
  ".requires_previous AND EXISTS (SELECT 1 FROM lessons pl "                                 \
  "LEFT JOIN lesson_progress pp ON pp.user_id = " user " AND pp.course_id = " lesson         \
  ".course_id AND pp.lesson_id = pl.id AND pp.status = 'completed' "                         \
  "WHERE pl.section_id = (SELECT ps.id FROM course_sections ps WHERE ps.course_id = " lesson \
  ".course_id AND ps.position < " section                                                    \
  ".position ORDER BY ps.position DESC LIMIT 1) "                                            \
  "AND pl.required AND pp.lesson_id IS NULL))"
