// The courses pages in the browser: an instructor (here the admin, who may teach) creates a course,
// sees what keeps it from being published, builds its outline, reorders it with the keyboard,
// publishes it; a visitor finds it by typing in the catalog and opens its page. Admins keep the
// skills taxonomy; the editor tags a course with skills and requires another course first. Each
// step checks what the page shows and what the API says.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signedInAdmin } from './support/accounts.mjs';
import { withPage } from './support/browser.mjs';
import { serverHarness } from './support/harness.mjs';
import { poll } from './support/server.mjs';

const TITLE = 'Gardening for Everyone';

describe('courses pages', () => {
  /** @type {Awaited<ReturnType<typeof signedInAdmin>>} */
  let admin;
  const h = serverHarness({
    setUp: async ({ server }) => {
      admin = await signedInAdmin(server);
    },
  });
  const api = async (method, path, body) => {
    const res = await h.server.request(method, path, { cookie: admin.cookie, body });
    assert.ok(res.status < 300, `${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  let courseId = '';

  test('an instructor creates a course from the Teach page', () =>
    h.run(async ({ server, browser }) => {
      await withPage(browser, server, { cookie: admin.cookie }, async ({ page, goto }) => {
        await goto('/');
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teach', exact: true }).click();
        await page.getByRole('heading', { name: 'Your courses' }).waitFor();
        const form = page.getByRole('form', { name: 'Create a course' });
        await form.getByLabel('Title').fill(TITLE);
        await form.getByRole('button', { name: 'Create course' }).click();
        await page.getByRole('heading', { name: `Course: ${TITLE}` }).waitFor();
        courseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
      });
      const course = await api('GET', `/api/v1/courses/${courseId}`);
      assert.equal(course.title, TITLE);
      assert.equal(course.status, 'draft');
    }));

  test('the editor lists what is missing, builds and reorders the outline, then publishes', () =>
    h.run(async ({ server, browser }) => {
      assert.ok(courseId, 'the previous test created the course');
      const expected = [`422 /api/v1/courses/${courseId}/publish`, `412 /api/v1/courses/${courseId}/outline`];
      await withPage(browser, server, { cookie: admin.cookie, expected }, async ({ page, goto }) => {
        await goto(`/instructor/courses/${courseId}`);
        await page.getByRole('heading', { name: `Course: ${TITLE}` }).waitFor();
        await page.getByRole('button', { name: 'Publish' }).click();
        const problems = page.getByTestId('publish-problems');
        await problems.getByText('Add at least one section.').waitFor();
        await problems.getByText('Write a summary.').waitFor();

        const addSection = page.getByRole('form', { name: 'Add a section' });
        await addSection.getByLabel('New section title').fill('Getting started');
        await addSection.getByRole('button', { name: 'Add section' }).click();
        const addLesson = page.getByRole('form', { name: 'Add a lesson to Getting started' });
        await addLesson.waitFor();
        for (const title of ['Soil basics', 'Watering']) {
          await addLesson.getByLabel('New lesson title').fill(title);
          await addLesson.getByRole('button', { name: 'Add lesson' }).click();
          await page.getByRole('button', { name: `${title} (article)` }).waitFor();
          await page.getByRole('button', { name: `${title} (article)` }).click();
          const lesson = page.getByRole('form', { name: `Lesson ${title}` });
          await lesson.getByLabel('Article (Markdown)').fill(`# ${title}\n\nAll about **${title}**.`);
          // The editor reads the course again after a save, for its new ETag; the outline's moves
          // are disabled until then, so the test waits for it before the next step.
          const reread = page.waitForResponse(
            (res) => res.request().method() === 'GET' && new URL(res.url()).pathname === `/api/v1/courses/${courseId}`,
          );
          if (title === 'Watering') {
            // Held back here, the re-read shows that the moves wait for it.
            let release = () => {};
            const held = new Promise((resolve) => (release = resolve));
            await page.route(`**/api/v1/courses/${courseId}`, async (route) => {
              if (route.request().method() === 'GET') await held;
              await route.continue();
            });
            await lesson.getByRole('button', { name: 'Save lesson' }).click();
            await page.getByRole('button', { name: 'Move Watering up', disabled: true }).waitFor();
            release();
            await reread;
            await page.unroute(`**/api/v1/courses/${courseId}`);
          } else {
            await lesson.getByRole('button', { name: 'Save lesson' }).click();
          }
          await reread;
          await poll(async () => {
            const course = await api('GET', `/api/v1/courses/${courseId}`);
            return course.sections[0].lessons.find((l) => l.title === title)?.body !== '';
          });
        }

        // Another tab changes the course behind this page's back: the move goes out with the old
        // ETag and is refused, the outline is read again, and the same move then goes through.
        const [first] = (await api('GET', `/api/v1/courses/${courseId}`)).sections;
        await api('PATCH', `/api/v1/courses/${courseId}/sections/${first.id}`, { title: first.title, requires_previous: first.requires_previous });
        const reread = page.waitForResponse((res) => res.request().method() === 'GET' && new URL(res.url()).pathname === `/api/v1/courses/${courseId}`);
        await page.getByRole('button', { name: 'Move Watering up' }).focus();
        await page.keyboard.press('Enter');
        await page.getByRole('alert').filter({ hasText: 'The course was changed elsewhere' }).waitFor();
        await reread;

        // Move "Watering" up with the keyboard, once the outline is ready for it again.
        await page.getByRole('button', { name: 'Move Watering up', disabled: false }).focus();
        await page.keyboard.press('Enter');
        await poll(async () => {
          const course = await api('GET', `/api/v1/courses/${courseId}`);
          return course.sections[0].lessons[0].title === 'Watering';
        });
        await page.getByRole('status').filter({ hasText: 'Watering moved.' }).waitFor({ state: 'attached' });

        const details = page.getByRole('form', { name: 'Course details' });
        await details.getByLabel('Summary').fill('Grow things at home.');
        await details.getByLabel('Description (Markdown)').fill('From *seed* to harvest.');
        await details.getByRole('button', { name: 'Save details' }).click();
        await poll(async () => (await api('GET', `/api/v1/courses/${courseId}`)).summary === 'Grow things at home.');

        await page.getByRole('button', { name: 'Publish' }).click();
        await page.getByTestId('course-status').filter({ hasText: 'published' }).waitFor();
      });
      const course = await api('GET', `/api/v1/courses/${courseId}`);
      assert.equal(course.status, 'published');
      assert.deepEqual(
        course.sections[0].lessons.map((l) => l.title),
        ['Watering', 'Soil basics'],
      );
    }));

  test('a visitor finds the course by typing in the catalog and opens its page', () =>
    h.run(async ({ server, browser }) => {
      await withPage(browser, server, { expected: ['401 /api/v1/me'] }, async ({ page, goto }) => {
        await goto('/catalog');
        await page.getByRole('heading', { name: 'Course catalog' }).waitFor();
        await page.getByLabel('Search courses').pressSequentially('garde');
        const results = page.getByTestId('catalog-results');
        await results.getByRole('link', { name: TITLE }).click();
        await page.getByRole('heading', { name: TITLE, exact: true }).waitFor();
        await page.getByText('Soil basics').waitFor();
        // Lesson content stays for enrolled learners.
        assert.equal(await page.getByText('All about').count(), 0);
      });
    }));

  test('admins add skills on the skills page', () =>
    h.run(async ({ server, browser }) => {
      await withPage(browser, server, { cookie: admin.cookie }, async ({ page, goto }) => {
        await goto('/admin/skills');
        const form = page.getByRole('form', { name: 'Add a skill' });
        await form.getByLabel('Name').fill('Horticulture');
        await form.getByRole('button', { name: 'Add skill' }).click();
        await page.getByTestId('skills-table').getByRole('cell', { name: 'horticulture', exact: true }).waitFor();
      });
      const { skills } = await api('GET', '/api/v1/skills');
      assert.ok(skills.some((s) => s.slug === 'horticulture'));
    }));

  test('the editor tags the course with a skill and requires another course first', () =>
    h.run(async ({ server, browser }) => {
      const other = await api('POST', '/api/v1/courses', { title: 'Composting Basics', summary: 'Rot well.', description: 'Heaps.' });
      const section = await api('POST', `/api/v1/courses/${other.id}/sections`, { title: 'Only' });
      await api('POST', `/api/v1/courses/${other.id}/sections/${section.id}/lessons`, { title: 'Heaps', kind: 'article', body: 'Turn it.' });
      await api('POST', `/api/v1/courses/${other.id}/publish`);

      await withPage(browser, server, { cookie: admin.cookie }, async ({ page, goto }) => {
        await goto(`/instructor/courses/${courseId}`);
        await page.getByRole('heading', { name: `Course: ${TITLE}` }).waitFor();
        const addSkill = page.getByRole('form', { name: 'Add a skill' });
        await addSkill.getByLabel('Skill').selectOption({ label: 'Horticulture' });
        await addSkill.getByLabel('Level').selectOption('3');
        await addSkill.getByRole('button', { name: 'Add skill' }).click();
        await page.getByTestId('course-skills').getByRole('button', { name: 'Remove Horticulture' }).waitFor();

        const find = page.getByRole('form', { name: 'Find a course to require' });
        await find.getByLabel('Published course').fill('compost');
        await find.getByRole('button', { name: 'Search' }).click();
        await page.getByRole('button', { name: 'Require Composting Basics' }).click();
        await page.getByTestId('course-prerequisites').getByRole('button', { name: 'Remove Composting Basics' }).waitFor();
      });
      const course = await api('GET', `/api/v1/courses/${courseId}`);
      assert.deepEqual(
        course.skills.map((s) => [s.slug, s.level]),
        [['horticulture', 3]],
      );
      assert.deepEqual(
        course.prerequisites.map((p) => p.id),
        [other.id],
      );
      // The public page shows both at once (the catalog's cache heard of the change).
      const page = await api('GET', `/api/v1/catalog/${course.slug}`);
      assert.deepEqual(
        page.skills.map((s) => s.slug),
        ['horticulture'],
      );
      assert.deepEqual(
        page.prerequisites.map((p) => p.title),
        ['Composting Basics'],
      );
    }));
});
