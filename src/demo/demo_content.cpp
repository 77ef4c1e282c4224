#include "demo/demo_content.hpp"

namespace sn::demo {

const std::vector<SkillSpec>& demo_skills() {
  static const std::vector<SkillSpec> skills{
      {"communication", "Communication"},
      {"writing", "Business writing"},
      {"leadership", "Leadership"},
      {"feedback", "Giving feedback"},
      {"data-privacy", "Data privacy"},
      {"security-awareness", "Security awareness"},
      {"sql", "SQL"},
      {"data-analysis", "Data analysis"},
  };
  return skills;
}

const std::vector<CourseSpec>& demo_courses() {
  static const std::vector<CourseSpec> courses{
      {
          "writing-clear-emails",
          "Writing Clear Emails",
          "Get answers faster with emails that say what you need in the first two lines.",
          "Most emails are read on a phone, in a hurry. This course shows how to put the request "
          "first, keep one topic per message and make the next step obvious.\n\n"
          "**You will learn to**\n\n"
          "- write subject lines that work as a summary\n"
          "- lead with the request or the decision\n"
          "- cut a long email in half without losing anything\n",
          "beginner",
          45,
          {{"communication", 1}, {"writing", 2}},
          {
              {"Start with the point",
               {
                   {"Welcome: writing emails people act on", "video", "", 20},
                   {"Why the first two lines matter", "article",
                    "# Why the first two lines matter\n\n"
                    "Mail clients show a subject and a preview of about ninety characters. "
                    "That is all many readers see before they decide whether to open, defer or "
                    "archive your message.\n\n"
                    "Put the **request** or the **decision** there:\n\n"
                    "> Can you approve the Q3 training budget (EUR 12,400) by Friday?\n\n"
                    "Background comes after, for those who need it.\n"},
                   {"Subject lines that summarise", "article",
                    "# Subject lines that summarise\n\n"
                    "A good subject line is a headline: *Decision needed: vendor for LMS "
                    "migration by 14 March*.\n\n"
                    "| Weak | Strong |\n|---|---|\n"
                    "| Question | Approve Q3 budget by Friday? |\n"
                    "| Update | Launch moved to 2 June (no action needed) |\n"},
               }},
              {"Make it short",
               {
                   {"Cutting an email in half", "article",
                    "# Cutting an email in half\n\n"
                    "1. Delete the warm-up sentence.\n"
                    "2. Replace paragraphs of context with a link.\n"
                    "3. Turn lists hidden in sentences into real lists.\n"
                    "4. End with one clear next step and a date.\n"},
                   {"Check your understanding", "quiz", ""},
               }},
          },
          {
              {"single_choice", "Where should the request go in a work email?",
               R"([{"id":"a","text":"In the first two lines"},{"id":"b","text":"After the background"},{"id":"c","text":"In the signature"}])",
               R"({"correct":["a"]})", "Readers often see only the subject and a short preview."},
              {"true_false", "A subject line should summarise the message.", "[]",
               R"({"correct":true})", "Treat it like a headline."},
              {"multiple_choice", "Which of these make an email shorter without losing content?",
               R"([{"id":"a","text":"Link to background documents"},{"id":"b","text":"Add a warm-up paragraph"},{"id":"c","text":"Use a real list"},{"id":"d","text":"Repeat the request at the end"}])",
               R"({"correct":["a","c"]})",
               "Links and lists carry the same information in less space."},
          },
      },
      {
          "data-privacy-essentials",
          "Data Privacy Essentials",
          "Handle personal data safely: what counts, what the rules ask and what to do when "
          "something goes wrong.",
          "Every team handles personal data: customer lists, CVs, support tickets. This course "
          "covers the essentials of the GDPR for everyday work.\n\n"
          "Takes about **30 minutes** and ends with a short quiz.\n",
          "beginner",
          30,
          {{"data-privacy", 2}, {"security-awareness", 1}},
          {
              {"What personal data is",
               {
                   {"Welcome: privacy at work", "video", "", 20},
                   {"Personal data in everyday work", "article",
                    "# Personal data in everyday work\n\n"
                    "Personal data is any information about an identifiable person: a name, an "
                    "email address, an IP address, a photo, an employee number.\n\n"
                    "Special categories (health, religion, union membership, biometrics) need "
                    "extra protection.\n"},
                   {"The six principles", "article",
                    "# The six principles\n\n"
                    "1. Lawfulness, fairness and transparency\n"
                    "2. Purpose limitation\n"
                    "3. Data minimisation\n"
                    "4. Accuracy\n"
                    "5. Storage limitation\n"
                    "6. Integrity and confidentiality\n"},
               }},
              {"When things go wrong",
               {
                   {"Reporting a breach", "article",
                    "# Reporting a breach\n\n"
                    "A breach must be reported to the supervisory authority **within 72 hours** "
                    "of becoming aware of it, unless it is unlikely to put people at risk.\n\n"
                    "Tell your privacy team at once: they decide, you do not have to.\n"},
                   {"Privacy quiz", "quiz", ""},
               }},
          },
          {
              {"numeric", "Within how many hours must a breach be reported to the authority?", "[]",
               R"({"value":72,"tolerance":0})", "The GDPR sets 72 hours (Article 33)."},
              {"multiple_choice", "Which of these are personal data?",
               R"([{"id":"a","text":"An email address"},{"id":"b","text":"An employee number"},{"id":"c","text":"The company's revenue"},{"id":"d","text":"An IP address"}])",
               R"({"correct":["a","b","d"]})",
               "Anything that identifies a person, directly or not."},
              {"short_text", "Name the principle of collecting only the data you need.", "[]",
               R"({"accepted":["data minimisation","data minimization","minimisation","minimization"],"case_sensitive":false})",
               "Data minimisation: adequate, relevant and limited to what is necessary."},
          },
      },
      {
          "sql-for-analysts",
          "SQL for Analysts",
          "Answer business questions yourself: select, filter, join and aggregate with SQL.",
          "Learn the SQL you need to answer questions from a reporting database without "
          "waiting for someone else.\n\n"
          "```sql\nSELECT department, count(*) AS learners\nFROM enrolments\nGROUP BY "
          "department\nORDER BY learners DESC;\n```\n",
          "intermediate",
          90,
          {{"sql", 2}, {"data-analysis", 2}},
          {
              {"Reading data",
               {
                   {"Welcome: asking questions of data", "video", "", 20},
                   {"SELECT and WHERE", "article",
                    "# SELECT and WHERE\n\n"
                    "`SELECT` names the columns, `FROM` the table and `WHERE` keeps the rows "
                    "you want:\n\n"
                    "```sql\nSELECT name, email FROM users WHERE country = 'DE';\n```\n"},
                   {"Sorting and limiting", "article",
                    "# Sorting and limiting\n\n"
                    "```sql\nSELECT title, published_at FROM courses\nORDER BY published_at "
                    "DESC\nLIMIT 10;\n```\n"},
               }},
              {"Combining data",
               {
                   {"Joins", "article",
                    "# Joins\n\n"
                    "An inner join keeps rows that match on both sides; a left join keeps every "
                    "row of the left table.\n"},
                   {"Aggregates", "article",
                    "# Aggregates\n\n"
                    "`count`, `sum`, `avg`, `min` and `max` summarise groups made by "
                    "`GROUP BY`; `HAVING` filters the groups.\n"},
                   {"SQL quiz", "quiz", ""},
               }},
          },
          {
              {"single_choice", "Which clause filters groups after aggregation?",
               R"([{"id":"a","text":"WHERE"},{"id":"b","text":"HAVING"},{"id":"c","text":"ORDER BY"}])",
               R"({"correct":["b"]})",
               "WHERE filters rows before grouping; HAVING filters groups."},
              {"true_false", "A LEFT JOIN keeps every row of the left table.", "[]",
               R"({"correct":true})", "Unmatched rows get NULLs for the right table's columns."},
              {"short_text", "Which keyword sorts the result?", "[]",
               R"({"accepted":["ORDER BY"],"case_sensitive":false})", "ORDER BY, optionally DESC."},
          },
      },
      {
          "feedback-that-lands",
          "Giving Feedback That Lands",
          "Specific, timely feedback that people can act on, for new and experienced managers.",
          "Feedback works when it is specific, timely and about behaviour, not personality. "
          "Practise the situation-behaviour-impact model and plan your next conversation.\n",
          "intermediate",
          40,
          {{"leadership", 2}, {"feedback", 3}, {"communication", 2}},
          {
              {"The model",
               {
                   {"Situation, behaviour, impact", "article",
                    "# Situation, behaviour, impact\n\n"
                    "- **Situation**: when and where (\"in Tuesday's client call\")\n"
                    "- **Behaviour**: what you saw or heard, not a judgement\n"
                    "- **Impact**: what it caused, for you, the team or the client\n"},
                   {"Feedback quiz", "quiz", ""},
               }},
          },
          {
              {"single_choice", "Which is a description of behaviour rather than a judgement?",
               R"([{"id":"a","text":"You were rude"},{"id":"b","text":"You interrupted the client twice"},{"id":"c","text":"You are not a team player"}])",
               R"({"correct":["b"]})", "Behaviour is what a camera would record."},
              {"true_false", "Feedback is most useful when given months later in a review.", "[]",
               R"({"correct":false})", "Timely feedback is easier to act on."},
          },
      },
  };
  return courses;
}

}  // namespace sn::demo
