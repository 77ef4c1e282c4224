#pragma once
// The demo organisation's courses, as data: what a training team would see on day one.

#include <vector>

namespace sn::demo {

struct QuestionSpec {
  const char* kind;  // single_choice, multiple_choice, true_false, short_text, numeric
  const char* prompt;
  const char* options;  // JSON array of {"id", "text"}; "[]" for other kinds
  const char* answer;   // JSON key, in the quiz bank's format
  const char* explanation;
};

struct LessonSpec {
  const char* title;
  const char* kind;       // article, quiz or video
  const char* body;       // Markdown for articles
  int video_seconds = 0;  // videos: the generated clip's length
};

struct SectionSpec {
  const char* title;
  std::vector<LessonSpec> lessons;
};

struct SkillSpec {
  const char* slug;
  const char* name;
};

struct CourseSkillSpec {
  const char* slug;
  int level;
};

struct CourseSpec {
  const char* slug;
  const char* title;
  const char* summary;
  const char* description;  // Markdown
  const char* level;
  int duration_minutes;
  std::vector<CourseSkillSpec> skills;
  std::vector<SectionSpec> sections;
  std::vector<QuestionSpec> questions;  // the bank; every quiz lesson uses all of it
};

const std::vector<SkillSpec>& demo_skills();
const std::vector<CourseSpec>& demo_courses();

}  // namespace sn::demo
