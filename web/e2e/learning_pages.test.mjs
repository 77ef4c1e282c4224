// The learning pages in the browser: the dashboard's "continue" link, the course outline with a
// locked section, an article that completes itself when read to its end (which completes the
// course and shows the certificate on the dashboard), and the instructor's learners page with a
// CSV import checked by a dry run and a group chosen by name. The course is made with SQL until the authoring routes exist.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signedInAdmin } from './support/accounts.mjs';
import { withPage } from './support/browser.mjs';
import { serverHarness } from './support/harness.mjs';

describe('learning pages', () => {
  /** @type {Awaited<ReturnType<typeof signedInAdmin>>} */
  let admin;
  let courseId = '';
  let articleId = '';
  let lockedId = '';
  const h = serverHarness({
    setUp: async ({ server }) => {
      /** The value an INSERT … RETURNING gives back (psql also prints the command tag). */
      const insert = async (sql) => (await server.psql(sql)).split('\n')[0].trim();
      admin = await signedInAdmin(server);
      courseId = await insert(
        "INSERT INTO courses (slug, title, status, published_at) VALUES ('e2e-learning', 'Learning in the browser', 'published', now()) RETURNING id",
      );
      const first = await insert(`INSERT INTO course_sections (course_id, position, title) VALUES ('${courseId}', 0, 'Basics') RETURNING id`);
      const second = await insert(
        `INSERT INTO course_sections (course_id, position, title, requires_previous) VALUES ('${courseId}', 1, 'Further', true) RETURNING id`,
      );
      articleId = await insert(
        `INSERT INTO lessons (course_id, section_id, position, title, kind, body_html) VALUES ('${courseId}', '${first}', 0, 'Read this', 'article', '<p>The whole article.</p>') RETURNING id`,
      );
      lockedId = await insert(
        `INSERT INTO lessons (course_id, section_id, position, title, kind, required) VALUES ('${courseId}', '${second}', 0, 'Later', 'file', false) RETURNING id`,
      );
      await server.psql("INSERT INTO users (email, name, email_verified_at) VALUES ('e2e.learner@example.com', 'E2E Learner', now())");
      await server.psql(
        "WITH g AS (INSERT INTO groups (name) VALUES ('Night shift') RETURNING id), " +
          "u AS (INSERT INTO users (email, name, email_verified_at) VALUES ('night.worker@example.com', 'Night Worker', now()) RETURNING id) " +
          'INSERT INTO group_members (group_id, user_id) SELECT g.id, u.id FROM g, u',
      );
      const enrolled = await server.request('POST', `/api/v1/courses/${courseId}/enrolment`, { cookie: admin.cookie });
      assert.equal(enrolled.status, 201, JSON.stringify(enrolled.body));
    },
  });
  const asAdmin = (fn) => withPage(h.browser, h.server, { cookie: admin.cookie }, fn);

  test('a learner continues from the dashboard, reads the article to its end and sees the course completed', () =>
    h.run(async () => {
      await asAdmin(async ({ page, goto }) => {
        await goto('/');
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My learning', exact: true }).click();
        await page.getByRole('heading', { name: 'Continue learning' }).waitFor();
        await page.getByRole('link', { name: 'Learning in the browser' }).click();
        await page.getByRole('heading', { name: 'Further' }).waitFor();
        assert.match(await page.getByText(/^Locked:/).textContent(), /previous section/);
        assert.equal(await page.getByRole('link', { name: 'Later' }).count(), 0, 'a locked lesson is not a link');

        await page.getByRole('link', { name: /^Start: Read this/ }).click();
        await page.getByText('The whole article.').waitFor();
        assert.ok(page.url().endsWith(`/learn/lessons/${articleId}`), page.url());
        // The article's end is on screen at once: it completes without the button.
        await page.getByRole('status').filter({ hasText: 'You completed the course' }).waitFor();
        assert.equal(await page.getByTestId('lesson-status').textContent(), 'Completed');
        const next = page.getByRole('link', { name: 'Next lesson' });
        assert.equal(await next.getAttribute('href'), `/learn/lessons/${lockedId}`);

        await goto('/learn');
        const completed = page.getByTestId('completed');
        await completed.waitFor();
        const certificate = completed.getByRole('link', { name: /^SN-/ });
        assert.match(await certificate.getAttribute('href'), /^\/verify\/SN-/);
      });
    }));

  test('the instructor sees the learner, checks a CSV import by a dry run and imports it', () =>
    h.run(async () => {
      await asAdmin(async ({ page, goto }) => {
        await goto(`/instructor/courses/${courseId}/learners`);
        const table = page.getByTestId('learners-table');
        await table.getByText(admin.email).waitFor();
        assert.match(await table.textContent(), /100% \(1\/1\)/);
        assert.equal(await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href'), `/api/v1/courses/${courseId}/learners.csv`);

        const csv = 'email\ne2e.learner@example.com\nnobody@example.com\n';
        await page.getByLabel('CSV file').setInputFiles({ name: 'learners.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByRole('radio', { name: 'Import the rows that are right' }).check();
        await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
        await page.getByText('1 of 2 rows are fine; 1 would be enrolled.').waitFor();
        await page.getByText(/^Line 3: No active account/).waitFor();
        await page.getByRole('button', { name: 'Import now' }).click();
        await page.getByText('1 enrolled, 0 already enrolled.').waitFor();
        await table.getByText('e2e.learner@example.com').waitFor();
      });
    }));

  test('the instructor enrols a group found by its name', () =>
    h.run(async () => {
      await asAdmin(async ({ page, goto }) => {
        await goto(`/instructor/courses/${courseId}/learners`);
        await page.getByLabel('Find a group').fill('night');
        await page.getByRole('button', { name: 'Add Night shift' }).click();
        await page.getByTestId('chosen-groups').getByText('Night shift').waitFor();
        await page.getByRole('form', { name: 'Enrol learners' }).getByRole('button', { name: 'Enrol', exact: true }).click();
        await page.getByText('groups: 1 enrolled, 0 already enrolled').waitFor();
        await page.getByTestId('learners-table').getByText('night.worker@example.com').waitFor();
      });
    }));
});
