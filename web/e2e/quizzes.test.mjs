// Quizzes in the browser: the course's owner builds a question bank and sets the pass mark on
// the quiz editor page, then a learner takes the quiz (radio and true/false answers saved as they
// change), submits, and sees the score and the lesson completed. Courses, lessons, users and
// sessions are made with SQL (their pages belong to other features).
//
// The tests run in order: the learner takes the quiz the owner built.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { personWithSession } from './support/accounts.mjs';
import { withPage } from './support/browser.mjs';
import { serverHarness } from './support/harness.mjs';

/** The first value psql prints (RETURNING may be followed by the command tag). */
async function one(server, sql) {
  return (await server.psql(sql)).split('\n')[0].trim();
}

describe('quizzes', () => {
  let owner, learner, courseId, lessonId;
  const h = serverHarness({
    setUp: async ({ server }) => {
      owner = await personWithSession(server, 'quiz.owner@example.com', 'instructor', 'Quiz instructor');
      learner = await personWithSession(server, 'quiz.learner@example.com', 'learner', 'Quiz learner');
      courseId = await one(
        server,
        `INSERT INTO courses (slug, title, status, published_at) VALUES ('quiz-course', 'Quiz course', 'published', now()) RETURNING id`,
      );
      await server.psql(`INSERT INTO course_owners (course_id, user_id) VALUES ('${courseId}', '${owner.id}')`);
      const sectionId = await one(
        server,
        `INSERT INTO course_sections (course_id, position, title) VALUES ('${courseId}', 0, 'Basics') RETURNING id`,
      );
      lessonId = await one(
        server,
        `INSERT INTO lessons (course_id, section_id, position, title, kind) VALUES ('${courseId}', '${sectionId}', 0, 'Check yourself', 'quiz') RETURNING id`,
      );
      await server.psql(`INSERT INTO enrolments (user_id, course_id) VALUES ('${learner.id}', '${courseId}')`);
    },
  });

  test('the owner adds questions and sets the pass mark', () =>
    h.run(async ({ server, browser }) => {
      await withPage(browser, server, { cookie: owner.cookie }, async ({ page, goto }) => {
        await goto(`/instructor/courses/${courseId}/quizzes/${lessonId}`);
        await page.getByRole('heading', { name: 'Question bank' }).waitFor();

        await page.getByRole('button', { name: 'Add a question' }).click();
        const single = page.getByRole('form', { name: 'New question' });
        await single.getByLabel('Question').fill('Which planet is red?');
        await single.getByLabel('Option 1').fill('Venus');
        await single.getByLabel('Option 2').fill('Mars');
        await single.getByRole('radio', { name: 'Correct' }).nth(1).check();
        await single.getByRole('button', { name: 'Add the question' }).click();
        await page.getByTestId('bank-table').getByRole('cell', { name: 'Which planet is red?' }).waitFor();

        await page.getByRole('button', { name: 'Add a question' }).click();
        const truth = page.getByRole('form', { name: 'New question' });
        await truth.getByLabel('Kind').selectOption({ label: 'True or false' });
        await truth.getByLabel('Question').fill('The Sun is a star.');
        await truth.getByRole('radio', { name: 'True' }).check();
        await truth.getByRole('button', { name: 'Add the question' }).click();
        await page.getByTestId('bank-table').getByRole('cell', { name: 'The Sun is a star.' }).waitFor();

        const settings = page.getByRole('form', { name: 'Quiz settings' });
        await settings.getByLabel('Pass mark (%)').fill('50');
        await settings.getByRole('button', { name: 'Save settings' }).click();
        await settings.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      });
      const saved = await server.request('GET', `/api/v1/courses/${courseId}/quizzes/${lessonId}`, { cookie: owner.cookie });
      assert.equal(saved.status, 200);
      assert.equal(saved.body.passing_percent, 50);
      assert.equal(saved.body.bank_size, 2);
    }));

  test('the learner answers, the answers are saved, and a pass completes the lesson', () =>
    h.run(async ({ server, browser }) => {
      await withPage(browser, server, { cookie: learner.cookie }, async ({ page, goto }) => {
        await goto(`/learn/quizzes/${lessonId}`);
        await page.getByRole('button', { name: 'Start an attempt' }).click();
        const form = page.getByRole('form', { name: 'Attempt 1' });
        await form.getByRole('radio', { name: 'Mars' }).check();
        await form.getByRole('radio', { name: 'True' }).check();
        await page.getByRole('status').filter({ hasText: 'All answers saved.' }).waitFor();
        const mine = await server.request('GET', `/api/v1/learn/quizzes/${lessonId}/attempts`, { cookie: learner.cookie });
        const open = await server.request('GET', `/api/v1/learn/attempts/${mine.body.attempts[0].id}`, { cookie: learner.cookie });
        assert.deepEqual(
          open.body.questions.map((q) => q.response).sort(),
          ['b', true].sort(),
          'the answers were not saved before submitting',
        );
        await form.getByRole('button', { name: 'Submit answers' }).click();
        await page.getByTestId('quiz-result').filter({ hasText: 'Score: 2 of 2 (100%)' }).waitFor();
        await page.getByText('Lesson complete.').waitFor();
      });
      const progress = await server.psql(
        `SELECT status || ' ' || best_score FROM lesson_progress WHERE user_id = '${learner.id}' AND lesson_id = '${lessonId}'`,
      );
      assert.equal(progress.trim(), 'completed 100.00');
      const attempts = await server.psql(`SELECT count(*) FROM quiz_attempts WHERE user_id = '${learner.id}' AND submitted_at IS NOT NULL`);
      assert.equal(attempts.trim(), '1');
    }));

  test('a bank longer than one page shows every question', () =>
    h.run(async ({ server, browser }) => {
      const bigCourse = await one(
        server,
        `INSERT INTO courses (slug, title, status) VALUES ('big-bank', 'Big bank', 'draft') RETURNING id`,
      );
      await server.psql(`INSERT INTO course_owners (course_id, user_id) VALUES ('${bigCourse}', '${owner.id}')`);
      const section = await one(server, `INSERT INTO course_sections (course_id, position, title) VALUES ('${bigCourse}', 0, 'All') RETURNING id`);
      const quiz = await one(
        server,
        `INSERT INTO lessons (course_id, section_id, position, title, kind) VALUES ('${bigCourse}', '${section}', 0, 'Long quiz', 'quiz') RETURNING id`,
      );
      await server.psql(
        `INSERT INTO quiz_questions (course_id, kind, prompt, answer, created_at) SELECT '${bigCourse}', 'true_false', 'Bulk question ' || i, '{"correct": true}', now() + i * interval '1 second' FROM generate_series(1, 205) i`,
      );
      await withPage(browser, server, { cookie: owner.cookie }, async ({ page, goto }) => {
        await goto(`/instructor/courses/${bigCourse}/quizzes/${quiz}`);
        const table = page.getByTestId('bank-table');
        await table.getByRole('cell', { name: 'Bulk question 205', exact: true }).waitFor();
        assert.equal(await table.getByRole('row').count(), 206); // the header and every question
      });
    }));
});
