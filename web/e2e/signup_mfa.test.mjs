// The whole self-service flow in the browser, against the API contract: open sign-up → the
// verification email arrives at a real SMTP server → verify page → sign in → enrol in TOTP
// (code computed here, RFC 6238) → recovery codes → sign out → sign in again with a code.
//
// Needs the sign-up/mail and MFA routes (other branches); it fails until they are merged.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { withPage } from './support/browser.mjs';
import { enrolTotp, submitSignIn } from './support/flows.mjs';
import { serverHarness } from './support/harness.mjs';
import { secondsLeftInStep, totp } from './support/totp.mjs';

const EMAIL = 'new.learner@example.com';
const NAME = 'New Learner';
const PASSWORD = 'my own quiet pass phrase';
// Part of the flow, not problems: signed out /me is 401; the first sign-in attempt of an enrolled
// account answers 401 mfa_required; SSO may be unconfigured.
const EXPECTED = ['401 /api/v1/me', '401 /api/v1/auth/sessions', '404 /api/v1/auth/oidc'];

describe('sign-up, email verification and two-factor sign-in', () => {
  const h = serverHarness({
    smtp: true,
    // Open sign-up straight in the embedded cluster, as an admin's setting would.
    setUp: ({ server }) =>
      server.psql(`UPDATE settings SET value = jsonb_set(value, '{signup}', '"open"') WHERE key = 'platform'`),
  });

  test('sign up → verify by email → sign in → enrol TOTP → sign out → sign in with a code', { timeout: 180_000 }, () =>
    h.run(async ({ server, browser, smtp }) => {
      const platform = await server.request('GET', '/api/v1/platform');
      assert.equal(platform.body.signup, 'open');

      await withPage(browser, server, { expected: EXPECTED }, async ({ page, goto }) => {
        // Sign up, from the link the sign-in page shows when sign-up is open.
        await goto('/sign-in');
        await page.getByRole('link', { name: 'Create an account' }).click();
        await page.getByRole('heading', { name: 'Create an account' }).waitFor();
        await page.getByLabel('Name').fill(NAME);
        await page.getByLabel('Email').fill(EMAIL);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Create account' }).click();
        await page.getByRole('heading', { name: 'Check your email' }).waitFor();

        // Unverified, the account cannot sign in yet.
        const early = await server.request('POST', '/api/v1/auth/sessions', { body: { email: EMAIL, password: PASSWORD } });
        assert.equal(early.status, 403);
        assert.equal(early.body.code, 'email_not_verified');

        // The link from the real email, token in the fragment.
        const [, link] = await smtp.waitFor(EMAIL, /(https?:\/\/[^\s"<>]*\/verify-email#token=[A-Za-z0-9_-]+)/);
        const token = new URL(link).hash.replace('#token=', '');
        await goto(`/verify-email#token=${token}`);
        await page.getByTestId('email-verified').waitFor();
        await page.getByRole('link', { name: 'Sign in' }).last().click();

        await submitSignIn(page, EMAIL, PASSWORD);
        await page.getByRole('heading', { name: 'Your account' }).waitFor();
        // Not an admin: no admin pages in the navigation.
        assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).count(), 0);

        // Enrol in two-factor authentication.
        await page.getByRole('link', { name: 'Set it up' }).click();
        const secret = await enrolTotp(page, PASSWORD);
        await page.getByRole('heading', { name: 'Your account' }).waitFor();

        // Sign out, then in again: the code is asked for after the password.
        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        await page.getByText('You are signed out.').waitFor();
        await submitSignIn(page, EMAIL, PASSWORD);
        const codeField = page.getByLabel('Authentication code');
        await codeField.waitFor();
        // The enrolment code may not be used twice: take the next step's code.
        await sleep(secondsLeftInStep() * 1000 + 100);
        await codeField.fill(totp(secret));
        await page.getByRole('button', { name: 'Verify and sign in' }).click();
        await page.getByRole('heading', { name: 'Your account' }).waitFor();
        assert.match((await page.locator('.facts').textContent()) ?? '', /Two-factor authentication\s*On/);
      });
    }));
});
