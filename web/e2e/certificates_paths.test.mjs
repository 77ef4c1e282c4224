// Certificates, learning paths and the skill profile in the browser: an author builds a path in
// the editor (add, reorder, publish), a learner enrols from the catalog, lists their certificates
// and skills, and anyone verifies a certificate by its code, seeing it turn invalid once revoked.
// Courses, completions and the course certificate are made with SQL: those slices' pages are not
// part of this test.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signedInAdmin } from './support/accounts.mjs';
import { withPage } from './support/browser.mjs';
import { serverHarness } from './support/harness.mjs';

describe('certificates, paths and skills pages', () => {
  /** @type {Awaited<ReturnType<typeof signedInAdmin>>} */
  let admin;
  let adminId;
  const courses = {};
  const h = serverHarness({
    setUp: async ({ server }) => {
      admin = await signedInAdmin(server);
      adminId = await server.psql(`SELECT id FROM users WHERE email = '${admin.email}'`);
      for (const slug of ['e2e-first', 'e2e-second']) {
        // psql prints the command tag after the returned row.
        [courses[slug]] = (
          await server.psql(
            `INSERT INTO courses (slug, title, status, published_at, search) VALUES ('${slug}', 'Course ${slug}', 'published', now(), course_search_vector('Course ${slug}', '', '', '')) RETURNING id`,
          )
        ).split('\n');
      }
      await server.psql("UPDATE users SET name = 'Edsger Dijkstra' WHERE email = '" + admin.email + "'");
    },
  });
  const asAdmin = (fn, expected = []) => withPage(h.browser, h.server, { cookie: admin.cookie, expected }, fn);

  test('an author builds a path: add courses, reorder them, publish', () =>
    h.run(async ({ server }) => {
      await asAdmin(async ({ page, goto }) => {
        await goto('/instructor/paths');
        const create = page.getByRole('form', { name: 'Start a learning path' });
        await create.getByLabel('Title').fill('Structured Programming');
        await create.getByRole('button', { name: 'Create path' }).click();
        await page.getByRole('heading', { name: 'Path: Structured Programming' }).waitFor();

        const add = page.getByRole('form', { name: 'Add a course' });
        for (const slug of ['e2e-first', 'e2e-second']) {
          await add.getByLabel('Published course').fill(slug);
          await add.getByRole('button', { name: 'Search' }).click();
          await page.getByRole('button', { name: `Add Course ${slug}` }).click();
          await page.getByTestId('editor-courses').getByText(`Course ${slug}`).waitFor();
        }
        await page.getByRole('button', { name: 'Move Course e2e-second up' }).click();
        await page.getByTestId('editor-courses').locator('li').first().filter({ hasText: 'Course e2e-second' }).waitFor();

        await page.getByRole('button', { name: 'Publish' }).click();
        await page.getByTestId('path-status').filter({ hasText: 'published' }).waitFor();
      });
      const order = await server.psql(
        "SELECT string_agg(c.slug, ',' ORDER BY pc.position) FROM learning_path_courses pc JOIN courses c ON c.id = pc.course_id " +
          "JOIN learning_paths p ON p.id = pc.path_id WHERE p.slug = 'structured-programming'",
      );
      assert.equal(order, 'e2e-second,e2e-first');
    }));

  test('a learner enrols from the catalog and sees their progress', () =>
    h.run(async ({ server }) => {
      await asAdmin(async ({ page, goto }) => {
        await goto('/paths');
        await page.getByTestId('paths-catalog').getByRole('link', { name: 'Structured Programming' }).click();
        await page.getByTestId('path-courses').getByRole('link', { name: 'Course e2e-second' }).waitFor();
        await page.getByRole('button', { name: 'Enrol in this path' }).click();
        await page.getByTestId('path-enrolment').getByText('0 of 2 courses complete').waitFor();
      });
      assert.equal(await server.psql(`SELECT count(*) FROM enrolments WHERE user_id = '${adminId}'`), '2');
    }));

  test('certificates are listed, verified publicly and shown revoked at once; skills show levels', () =>
    h.run(async ({ server, browser }) => {
      await server.psql(
        `INSERT INTO certificates (code, user_id, course_id, kind, learner_name, title) VALUES ` +
          `('SN-E2E0-E2E1-E2E2-E2E3', '${adminId}', '${courses['e2e-first']}', 'course', 'Edsger Dijkstra', 'Course e2e-first')`,
      );
      await server.psql(
        "WITH s AS (INSERT INTO skills (slug, name) VALUES ('algorithms', 'Algorithms') RETURNING id) " +
          `INSERT INTO course_skills (course_id, skill_id, level) SELECT '${courses['e2e-first']}', id, 3 FROM s`,
      );
      await server.psql(`UPDATE enrolments SET status = 'completed', completed_at = now() WHERE user_id = '${adminId}' AND course_id = '${courses['e2e-first']}'`);

      await asAdmin(async ({ page, goto }) => {
        await goto('/learn/certificates');
        const table = page.getByTestId('certificates-table');
        await table.getByRole('cell', { name: 'Course e2e-first', exact: true }).waitFor();
        await table.getByRole('link', { name: 'Download the PDF of Course e2e-first' }).waitFor();
        await goto('/learn/skills');
        await page.getByRole('meter', { name: 'Algorithms: level 3 of 5' }).waitFor();
      });

      // Anyone, signed out, verifies by code.
      const visitor = { expected: ['401 /api/v1/me'] };
      await withPage(browser, server, visitor, async ({ page, goto }) => {
        await goto('/verify/SN-E2E0-E2E1-E2E2-E2E3');
        await page.getByTestId('verify-status').filter({ hasText: 'Valid certificate' }).waitFor();
        assert.equal(await page.getByTestId('verify-name').textContent(), 'Edsger Dijkstra');
        const pdf = await page.getByRole('link', { name: 'Download the PDF' }).getAttribute('href');
        const res = await fetch(new URL(pdf, server.url));
        assert.equal(res.headers.get('content-type'), 'application/pdf');
      });

      const id = await server.psql("SELECT id FROM certificates WHERE code = 'SN-E2E0-E2E1-E2E2-E2E3'");
      const revoked = await server.request('POST', `/api/v1/admin/certificates/${id}/revoke`, {
        cookie: admin.cookie,
        body: { reason: 'Issued by mistake' },
      });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      await withPage(browser, server, visitor, async ({ page, goto }) => {
        await goto('/verify/SN-E2E0-E2E1-E2E2-E2E3');
        await page.getByTestId('verify-status').filter({ hasText: 'no longer valid' }).waitFor();
      });
      await withPage(browser, server, { expected: ['401 /api/v1/me', '404 /api/v1/certificates/verify/SN-NONE-NONE-NONE-NONE'] }, async ({ page, goto }) => {
        await goto('/verify/SN-NONE-NONE-NONE-NONE');
        await page.getByTestId('verify-unknown').waitFor();
      });
    }));
});
