// The whole learning journey in the browser, through the pages only: an instructor builds a course
// (an article and a quiz), writes the quiz's question and publishes the course; a learner finds it
// by typing in the catalog, enrols, reads the article, passes the quiz, which completes the course
// and issues the certificate, then downloads the certificate's PDF and verifies it on the public
// page (signed out). People and their sessions are made in the database: sign-in has its own tests.
//
// The tests run in order: the learner takes the course the instructor built.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { personWithSession } from './support/accounts.mjs';
import { withPage } from './support/browser.mjs';
import { serverHarness } from './support/harness.mjs';
import { poll } from './support/server.mjs';

const COURSE = 'Safe Lifting at Work';
const ARTICLE = 'Lift with your legs';
const QUIZ = 'Lifting check';

describe('learning journey', () => {
  let instructor, learner;
  let courseId = '';
  let certificateCode = '';
  const h = serverHarness({
    setUp: async ({ server }) => {
      instructor = await personWithSession(server, 'ines.instructor@example.com', 'instructor', 'Ines Instructor');
      learner = await personWithSession(server, 'leo.learner@example.com', 'learner', 'Leo Learner');
    },
  });
  const course = async () => {
    const res = await h.server.request('GET', `/api/v1/courses/${courseId}`, { cookie: instructor.cookie });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  test('an instructor builds a course with an article and a quiz and publishes it', () =>
    h.run(async ({ server, browser }) => {
      await withPage(browser, server, { cookie: instructor.cookie }, async ({ page, goto }) => {
        await goto('/instructor/courses');
        const create = page.getByRole('form', { name: 'Create a course' });
        await create.getByLabel('Title').fill(COURSE);
        await create.getByRole('button', { name: 'Create course' }).click();
        await page.getByRole('heading', { name: `Course: ${COURSE}` }).waitFor();
        courseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');

        const details = page.getByRole('form', { name: 'Course details' });
        await details.getByLabel('Summary').fill('Protect your back when you move loads.');
        await details.getByLabel('Description (Markdown)').fill('Bend your **knees**, not your back.');
        await details.getByRole('button', { name: 'Save details' }).click();
        await poll(async () => (await course()).summary !== '', { what: 'the details saved' });

        const addSection = page.getByRole('form', { name: 'Add a section' });
        await addSection.getByLabel('New section title').fill('Basics');
        await addSection.getByRole('button', { name: 'Add section' }).click();
        const addLesson = page.getByRole('form', { name: 'Add a lesson to Basics' });
        await addLesson.getByLabel('New lesson title').fill(ARTICLE);
        await addLesson.getByRole('button', { name: 'Add lesson' }).click();
        await page.getByRole('button', { name: `${ARTICLE} (article)` }).click();
        const article = page.getByRole('form', { name: `Lesson ${ARTICLE}` });
        await article.getByLabel('Article (Markdown)').fill('Keep the load **close** to your body.');
        await article.getByRole('button', { name: 'Save lesson' }).click();
        await poll(async () => (await course()).sections[0].lessons[0].body !== '', { what: 'the article saved' });

        await addLesson.getByLabel('New lesson title').fill(QUIZ);
        await addLesson.getByLabel('Kind').selectOption({ label: 'Quiz' });
        await addLesson.getByRole('button', { name: 'Add lesson' }).click();
        await page.getByRole('button', { name: `${QUIZ} (quiz)` }).click();
        await page.getByRole('link', { name: 'Edit the quiz' }).click();

        await page.getByRole('heading', { name: 'Question bank' }).waitFor();
        await page.getByRole('button', { name: 'Add a question' }).click();
        const question = page.getByRole('form', { name: 'New question' });
        await question.getByLabel('Question').fill('Where should the load be?');
        await question.getByLabel('Option 1').fill('At arm’s length');
        await question.getByLabel('Option 2').fill('Close to the body');
        await question.getByRole('radio', { name: 'Correct' }).nth(1).check();
        await question.getByRole('button', { name: 'Add the question' }).click();
        await page.getByTestId('bank-table').getByRole('cell', { name: 'Where should the load be?' }).waitFor();

        await goto(`/instructor/courses/${courseId}`);
        await page.getByRole('button', { name: 'Publish' }).click();
        await page.getByTestId('course-status').filter({ hasText: 'published' }).waitFor();
      });
      const built = await course();
      assert.equal(built.status, 'published');
      assert.deepEqual(
        built.sections[0].lessons.map((l) => [l.title, l.kind]),
        [
          [ARTICLE, 'article'],
          [QUIZ, 'quiz'],
        ],
      );
    }));

  test('a learner finds the course by search, enrols, reads the article and passes the quiz', () =>
    h.run(async ({ server, browser }) => {
      assert.ok(courseId, 'the previous test built the course');
      await withPage(browser, server, { cookie: learner.cookie }, async ({ page, goto }) => {
        await goto('/catalog');
        await page.getByLabel('Search courses').pressSequentially('lifti');
        await page.getByTestId('catalog-results').getByRole('link', { name: COURSE }).click();
        await page.getByRole('heading', { name: COURSE, exact: true }).waitFor();
        await page.getByRole('button', { name: 'Enrol' }).click();
        await page.getByRole('status').getByRole('link', { name: 'Start learning' }).click();

        await page.getByRole('link', { name: `Start: ${ARTICLE}` }).click();
        await page.getByText('Keep the load close to your body.').waitFor();
        // The article's end is on screen: it completes as read.
        await poll(async () => (await page.getByTestId('lesson-status').textContent()) === 'Completed', {
          what: 'the article completed',
        });
        await page.getByRole('link', { name: 'Next lesson' }).click();
        await page.getByRole('link', { name: 'Take the quiz' }).click();
        await page.getByRole('button', { name: 'Start an attempt' }).click();
        const form = page.getByRole('form', { name: 'Attempt 1' });
        await form.getByRole('radio', { name: 'Close to the body' }).check();
        await page.getByRole('status').filter({ hasText: 'All answers saved.' }).waitFor();
        await form.getByRole('button', { name: 'Submit answers' }).click();
        await page.getByTestId('quiz-result').filter({ hasText: 'Score: 1 of 1 (100%)' }).waitFor();
        await page.getByText('Course complete, congratulations!').waitFor();
        certificateCode = ((await page.getByTestId('certificate-code').textContent()) ?? '').trim();
        assert.match(certificateCode, /^SN(-[0-9A-Z]{4}){4}$/);

        // The dashboard lists the course as completed, with its certificate.
        await goto('/learn');
        await page.getByTestId('completed').getByRole('link', { name: certificateCode }).waitFor();
      });
      const enrolment = await server.request('GET', `/api/v1/courses/${courseId}/enrolment`, { cookie: learner.cookie });
      assert.equal(enrolment.body.status, 'completed');
      assert.equal(enrolment.body.progress_percent, 100);
    }));

  test('the learner downloads the certificate and anyone verifies it by its code', () =>
    h.run(async ({ server, browser }) => {
      assert.ok(certificateCode, 'the previous test earned the certificate');
      await withPage(browser, server, { cookie: learner.cookie }, async ({ page, goto }) => {
        await goto('/learn/certificates');
        const link = page.getByTestId('certificates-table').getByRole('link', { name: `Download the PDF of ${COURSE}` });
        const href = await link.getAttribute('href');
        const pdf = await fetch(new URL(href ?? '', server.url), { headers: { Cookie: learner.cookie } });
        assert.equal(pdf.status, 200);
        assert.equal(pdf.headers.get('content-type'), 'application/pdf');
        assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
      });
      await withPage(browser, server, { expected: ['401 /api/v1/me'] }, async ({ page, goto }) => {
        await goto(`/verify/${certificateCode}`);
        await page.getByTestId('verify-status').filter({ hasText: 'Valid certificate' }).waitFor();
        assert.equal(await page.getByTestId('verify-name').textContent(), 'Leo Learner');
        await page.getByText(COURSE).first().waitFor();
      });
    }));
});
