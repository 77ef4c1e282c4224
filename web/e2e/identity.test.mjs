// Identity in the browser, with the routes the server has today: the first admin from
// `skillnexus admin create` sets a password on the emailed-style link, signs in, sees the
// account's sessions and signs out; sign-in works with the keyboard alone; a wrong password
// shows the server's message next to the form.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage } from './support/browser.mjs';
import { submitSignIn } from './support/flows.mjs';
import { serverHarness } from './support/harness.mjs';

const EMAIL = 'first.admin@example.com';
const PASSWORD = 'a long and private pass phrase';
// Signed out, `GET /api/v1/me` is 401; SSO may not be configured (404 until it exists).
const EXPECTED = ['401 /api/v1/me', '404 /api/v1/auth/oidc'];

describe('identity pages against the real server', () => {
  const h = serverHarness();

  test('first admin: set password link → sign in → account shows sessions → sign out', () =>
    h.run(async ({ server, browser }) => {
      const token = await server.createAdmin(EMAIL, 'First Admin');
      await withPage(browser, server, { expected: EXPECTED }, async ({ context, page, goto }) => {
        await goto(`/set-password#token=${token}`);
        await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
        // The token leaves the address bar at once, so it is not kept in history.
        assert.equal(new URL(page.url()).hash, '');
        await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
        await page.getByLabel('Repeat the new password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Set password' }).click();

        await page.getByRole('heading', { name: 'Sign in' }).waitFor();
        assert.equal(new URL(page.url()).pathname, '/sign-in');
        await page.getByText('Your password is set').waitFor();
        await submitSignIn(page, EMAIL, PASSWORD);

        await page.getByRole('heading', { name: 'Your account' }).waitFor();
        assert.equal(new URL(page.url()).pathname, '/account');
        assert.equal(await page.getByTestId('account-email').textContent().then((t) => t?.includes(EMAIL)), true);
        const sessions = page.getByTestId('session');
        await sessions.first().waitFor();
        assert.equal(await sessions.count(), 1);
        assert.match((await sessions.first().textContent()) ?? '', /this browser/);
        // An admin sees the admin pages in the navigation.
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).waitFor();

        // The session is real: the server lists it too.
        const cookies = await context.cookies(server.url);
        const cookie = cookies.find((c) => c.name === 'sn_session');
        assert.ok(cookie, 'no session cookie in the browser');
        const listed = await server.request('GET', '/api/v1/auth/sessions', { cookie: `${cookie.name}=${cookie.value}` });
        assert.equal(listed.status, 200);
        assert.equal(listed.body.sessions.length, 1);

        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        await page.getByText('You are signed out.').waitFor();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor();
        const after = await server.request('GET', '/api/v1/auth/sessions', { cookie: `${cookie.name}=${cookie.value}` });
        assert.equal(after.status, 401, 'the session still works after signing out');

        // The account page now asks to sign in instead.
        await goto('/account');
        await page.getByRole('heading', { name: 'Sign in to continue' }).waitFor();
      });
    }));

  test('sign in with the keyboard alone (Tab and Enter)', () =>
    h.run(async ({ server, browser }) => {
      await withPage(browser, server, { expected: EXPECTED }, async ({ page, goto }) => {
        await goto('/sign-in');
        const email = page.getByLabel('Email');
        await email.waitFor();
        // From the top of the page, Tab until the email field has the focus.
        let focused = false;
        for (let i = 0; i < 20 && !focused; i++) {
          await page.keyboard.press('Tab');
          focused = await email.evaluate((el) => el === document.activeElement);
        }
        assert.ok(focused, 'the email field cannot be reached with Tab');
        await page.keyboard.type(EMAIL);
        await page.keyboard.press('Tab');
        assert.ok(await page.getByLabel('Password').evaluate((el) => el === document.activeElement), 'Tab from email does not reach the password');
        await page.keyboard.type(PASSWORD);
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Your account' }).waitFor();
        assert.equal(new URL(page.url()).pathname, '/account');
      });
    }));

  test('a wrong password shows the error next to the form', () =>
    h.run(async ({ server, browser }) => {
      await withPage(browser, server, { expected: [...EXPECTED, '401 /api/v1/auth/sessions'] }, async ({ page, goto }) => {
        await goto('/sign-in');
        await page.getByLabel('Email').fill(EMAIL);
        await page.getByLabel('Password').fill('not the password at all');
        await page.getByRole('button', { name: 'Sign in' }).click();
        const form = page.getByRole('form', { name: 'Sign in' });
        const alert = form.getByRole('alert');
        await alert.waitFor();
        assert.equal((await alert.textContent())?.trim(), 'Check the email and password and try again.');
        assert.equal(new URL(page.url()).pathname, '/sign-in');
        // The form is usable again, not stuck busy.
        assert.equal(await form.getByRole('button', { name: 'Sign in' }).isEnabled(), true);
      });
    }));
});
