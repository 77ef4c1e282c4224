// The admin pages in the browser, as an admin enrolled in two-factor authentication: platform
// settings, inviting a user (the invitation is a `.eml` file: no SMTP server is configured), role
// and status changes, search and pages of users, a CSV import checked by a dry run first, groups
// and their members, and the audit log filtered by event. Each step checks what the page shows and what the API says.
//
// The tests run in order and build on each other (the audit log test looks for the earlier
// tests' events).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signedInAdmin } from './support/accounts.mjs';
import { withPage } from './support/browser.mjs';
import { serverHarness } from './support/harness.mjs';
import { emlMailbox } from './support/mail.mjs';
import { poll } from './support/server.mjs';

const INVITEE = { email: 'invited.learner@example.com', name: 'Invited Learner', password: 'invited and now active' };
const PAGED_USERS = 60;
const CSV_NAME = 'people.csv';
const CSV = [
  'email,name,role,groups',
  'csv.one@example.com,Csv One,learner,Imported',
  'not-an-address,Bad Row,learner,',
  'csv.two@example.com,Csv Two,instructor,Imported;Teachers',
  '',
].join('\n');
const CSV_BAD_LINE = 3;

describe('admin pages', () => {
  /** @type {Awaited<ReturnType<typeof signedInAdmin>>} */
  let admin;
  const h = serverHarness({
    setUp: async ({ server }) => {
      admin = await signedInAdmin(server);
    },
  });
  /** Runs `fn` on a page signed in as the admin; no HTTP error is expected on it. */
  const asAdmin = (fn) => withPage(h.browser, h.server, { cookie: admin.cookie }, fn);
  /** A JSON request as the admin, which must succeed; returns the body. */
  const adminApi = async (method, path, body) => {
    const res = await h.server.request(method, path, { cookie: admin.cookie, body });
    assert.ok(res.status < 300, `${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const findUsers = async (q) => (await adminApi('GET', `/api/v1/admin/users?q=${encodeURIComponent(q)}&limit=100`)).users;
  const findUser = async (email) => (await findUsers(email)).find((user) => user.email === email);

  /** Clicks a link of the main navigation and waits for the page's heading. */
  async function openFromNavigation(page, link, heading) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  }

  /** The text of each body row of a table (rows with cells, not column headers). */
  async function rowTexts(table) {
    return table.getByRole('row').filter({ has: table.page().getByRole('cell') }).allTextContents();
  }

  test('settings: the admin opens sign-up with the keyboard; the platform says so', () =>
    h.run(async ({ server, browser }) => {
      const before = await server.request('GET', '/api/v1/platform');
      assert.equal(before.body.signup, 'invite_only', 'sign-up should start invite-only');

      await asAdmin(async ({ page, goto }) => {
        await goto('/');
        await openFromNavigation(page, 'Settings', 'Platform settings');
        const name = page.getByLabel('Platform name');
        assert.equal(await name.inputValue(), before.body.name);
        const invite = page.getByRole('radio', { name: /^Invite only/ });
        const open = page.getByRole('radio', { name: /^Open/ });
        assert.equal(await invite.isChecked(), true);

        // Keyboard only: type the name, Tab to the checked radio, arrow to "Open", Tab to Save.
        await name.focus();
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type('Nexus Academy');
        await page.keyboard.press('Tab');
        assert.equal(await invite.evaluate((el) => el === document.activeElement), true, 'Tab does not reach the sign-up choice');
        await page.keyboard.press('ArrowUp');
        assert.equal(await open.isChecked(), true, 'the arrow key does not choose "Open"');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        const form = page.getByRole('form', { name: 'Platform settings' });
        await form.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();

        const after = await server.request('GET', '/api/v1/platform');
        assert.equal(after.body.signup, 'open');
        assert.equal(after.body.name, 'Nexus Academy');

        // Saving again without a change says so next to the form, and sends nothing.
        await form.getByRole('button', { name: 'Save settings' }).click();
        await form.getByRole('alert').filter({ hasText: 'Nothing to save' }).waitFor();
      });

      // A visitor is now offered an account on the sign-in page.
      await withPage(browser, server, { expected: ['401 /api/v1/me', '404 /api/v1/auth/oidc'] }, async ({ page, goto }) => {
        await goto('/sign-in');
        await page.getByRole('link', { name: 'Create an account' }).waitFor();
      });
    }));

  test('users: an invited user is listed as invited and gets the invitation email', () =>
    h.run(async ({ server }) => {
      await asAdmin(async ({ page, goto }) => {
        await goto('/');
        await openFromNavigation(page, 'Users', 'Users');
        const invite = page.getByRole('form', { name: 'Invite a user' });
        await invite.getByLabel('Name').fill(INVITEE.name);
        await invite.getByLabel('Email').fill(INVITEE.email);
        await invite.getByLabel('Role').selectOption({ label: 'Learner' });
        await invite.getByRole('button', { name: 'Send invitation' }).click();
        await invite.getByRole('status').filter({ hasText: `Invitation sent to ${INVITEE.email}` }).waitFor();

        const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: INVITEE.email });
        await row.getByRole('cell', { name: 'invited', exact: true }).waitFor();
      });
      const user = await findUser(INVITEE.email);
      assert.equal(user?.status, 'invited');
      assert.equal(user?.role, 'learner');

      // The invitation's set-password link works: the invitee becomes an active user who can sign in.
      const [, token] = await emlMailbox(server).waitFor(INVITEE.email, /\/set-password#token=([A-Za-z0-9_-]+)/);
      const set = await server.request('POST', '/api/v1/auth/password', { body: { token, password: INVITEE.password } });
      assert.equal(set.status, 204, `setting the password answered ${set.status}: ${JSON.stringify(set.body)}`);
      assert.equal((await findUser(INVITEE.email))?.status, 'active');
    }));

  test('users: a role change and disabling take effect; the disabled user is signed out', () =>
    h.run(async ({ server }) => {
      const userCookie = await server.signIn(INVITEE.email, INVITEE.password);
      assert.equal((await server.request('GET', '/api/v1/me', { cookie: userCookie })).status, 200);

      await asAdmin(async ({ page, goto }) => {
        await goto('/admin/users');
        const table = page.getByTestId('users-table');
        await page.getByRole('search', { name: 'Filter users' }).getByLabel('Search').fill(INVITEE.email);
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        await poll(async () => (await rowTexts(table)).length === 1, { what: 'the search to leave one user' });
        const row = table.getByRole('row').filter({ hasText: INVITEE.email });
        await row.getByRole('cell', { name: 'active', exact: true }).waitFor();

        await page.getByLabel(`Role of ${INVITEE.email}`).selectOption({ label: 'Instructor' });
        await poll(async () => (await findUser(INVITEE.email))?.role === 'instructor', { what: 'the role to change' });

        await row.getByRole('button', { name: `Disable ${INVITEE.email}` }).click();
        await row.getByRole('button', { name: `Enable ${INVITEE.email}` }).waitFor();
        await row.getByRole('cell', { name: 'disabled', exact: true }).waitFor();
        assert.equal(await page.getByLabel(`Role of ${INVITEE.email}`).inputValue(), 'instructor');
      });
      const user = await findUser(INVITEE.email);
      assert.equal(user?.status, 'disabled');
      assert.equal(user?.role, 'instructor');
      const me = await server.request('GET', '/api/v1/me', { cookie: userCookie });
      assert.equal(me.status, 401, 'the disabled user is still signed in');
    }));

  test('users: search, then every page of the result from first to last', () =>
    h.run(async ({ server }) => {
      await server.psql(
        `INSERT INTO users (email, name, role, status)
         SELECT format('pager.%s@example.com', lpad(i::text, 2, '0')), format('Paged User %s', i), 'learner', 'active'
         FROM generate_series(1, ${PAGED_USERS}) AS i`,
      );
      await asAdmin(async ({ page, goto }) => {
        await goto('/admin/users');
        const table = page.getByTestId('users-table');
        await page.getByRole('search', { name: 'Filter users' }).getByLabel('Search').fill('pager.');
        await page.getByRole('button', { name: 'Search', exact: true }).click();

        const pager = page.getByRole('navigation', { name: 'Pages' });
        const next = pager.getByRole('button', { name: 'Next page' });
        const seen = [];
        let previous = null;
        for (let number = 1; ; number++) {
          await pager.getByText(`Page ${number}`, { exact: true }).waitFor();
          // The rows of the page before stay until the new page has arrived.
          const rows = await poll(
            async () => {
              const texts = await rowTexts(table);
              const emails = texts.map((text) => /pager\.\d+@example\.com/.exec(text)?.[0]);
              return emails.length > 0 && emails.every(Boolean) && emails[0] !== previous?.[0] ? emails : null;
            },
            { what: `page ${number} of the search` },
          );
          seen.push(...rows);
          previous = rows;
          if (!(await next.isEnabled())) break;
          assert.ok(number < 10, 'the pages do not end');
          await next.click();
        }
        assert.equal(seen.length, PAGED_USERS);
        assert.equal(new Set(seen).size, PAGED_USERS, 'a user was shown on two pages');
        assert.equal(await pager.getByRole('button', { name: 'Previous page' }).isEnabled(), true);
      });
    }));

  test('import: a dry run reports the bad line, then the valid rows are imported', () =>
    h.run(async () => {
      await asAdmin(async ({ page, goto }) => {
        await goto('/admin/users');
        await page.getByRole('link', { name: 'Import users from a CSV file' }).click();
        await page.getByRole('heading', { name: 'Import users', exact: true }).waitFor();
        await page.getByRole('radio', { name: /^Valid rows/ }).check();
        await page.getByLabel('CSV file').setInputFiles({ name: CSV_NAME, mimeType: 'text/csv', buffer: Buffer.from(CSV) });
        await page.getByRole('button', { name: 'Check the file (dry run)' }).click();

        const report = page.getByTestId('import-report');
        await report.getByRole('heading', { name: 'Dry run: nothing was imported yet' }).waitFor();
        const errors = report.getByRole('table', { name: 'Rows with errors' });
        const problems = await rowTexts(errors);
        assert.equal(problems.length, 1, `expected one bad row, the report lists: ${problems.join(' | ')}`);
        assert.equal(await errors.getByRole('row').nth(1).getByRole('cell').first().textContent(), String(CSV_BAD_LINE));
        assert.match((await report.textContent()) ?? '', /3 rows read; 2 would be imported; 1 error\b/);
        assert.deepEqual(await findUsers('csv.'), [], 'a dry run imported users');

        await page.getByRole('button', { name: `Import ${CSV_NAME} now` }).click();
        await report.getByRole('heading', { name: 'Import finished' }).waitFor();
        assert.match((await report.textContent()) ?? '', /3 rows read; 2 imported; 1 error\b/);
      });
      const imported = (await findUsers('csv.')).map((user) => `${user.email} ${user.role} ${user.status}`).sort();
      assert.deepEqual(imported, ['csv.one@example.com learner invited', 'csv.two@example.com instructor invited']);
      assert.equal((await findUsers('not-an-address')).length, 0);
    }));

  test('groups: the imported groups are listed; a new group gets a member and loses it', () =>
    h.run(async () => {
      await asAdmin(async ({ page, goto }) => {
        await goto('/');
        await openFromNavigation(page, 'Groups', 'Groups');
        const table = page.getByTestId('groups-table');
        await table.getByRole('row').filter({ hasText: 'Imported' }).getByRole('cell', { name: '2', exact: true }).waitFor();

        const create = page.getByRole('form', { name: 'Create a group' });
        await create.getByLabel('Name').fill('Mentors');
        await create.getByLabel('Description').fill('People who help new learners');
        await create.getByRole('button', { name: 'Create group' }).click();
        await table.getByRole('link', { name: 'Mentors' }).click();
        await page.getByRole('heading', { name: 'Group: Mentors' }).waitFor();
        const [group] = (await adminApi('GET', '/api/v1/admin/groups?q=Mentors')).groups;
        const members = async () => (await adminApi('GET', `/api/v1/admin/groups/${group.id}/members`)).members.map((m) => m.email);

        await page.getByLabel('Find users', { exact: true }).fill('csv.one');
        await page.getByRole('button', { name: 'Find', exact: true }).click();
        await page.getByRole('button', { name: 'Add csv.one@example.com' }).click();
        await page.getByRole('button', { name: 'Remove csv.one@example.com' }).waitFor();
        assert.deepEqual(await members(), ['csv.one@example.com']);

        await page.getByRole('button', { name: 'Remove csv.one@example.com' }).click();
        await page.getByText('No members yet.').waitFor();
        assert.deepEqual(await members(), []);
      });
    }));

  test('audit log: the events above, found by event', () =>
    h.run(async () => {
      await asAdmin(async ({ page, goto }) => {
        await goto('/');
        await openFromNavigation(page, 'Audit log', 'Audit log');
        const table = page.getByTestId('audit-table');
        const cases = [
          { event: 'settings.changed', shows: /"signup":"open"/ },
          { event: 'user.invited', shows: new RegExp(INVITEE.email.replace(/\./g, '\\.')) },
          { event: 'role.changed', shows: /"to":"instructor"/ },
          { event: 'account.disabled', shows: new RegExp(INVITEE.email.replace(/\./g, '\\.')) },
          { event: 'users.imported', shows: /"imported":2/ },
        ];
        for (const { event, shows } of cases) {
          await page.getByLabel('Event').fill(event);
          await page.getByRole('button', { name: 'Filter', exact: true }).click();
          // The page shows the earlier results until the filtered ones arrive.
          const rows = await poll(
            async () => {
              const texts = await rowTexts(table);
              return texts.length > 0 && texts.every((text) => text.includes(event)) ? texts : null;
            },
            { what: `audit events ${event}` },
          );
          assert.ok(rows.some((text) => shows.test(text)), `no ${event} event shows ${shows}:\n${rows.join('\n')}`);
        }
      });
    }));
});
