// The whole self-service flow in the browser, against the API contract: open sign-up → the
// verification email arrives at a real SMTP server → verify page → sign in → enrol in TOTP
// (code computed here, RFC 6238) → recovery codes → sign out → sign in again with a code.
//
// Needs the sign-up/mail and MFA routes (other branches); it fails until they are merged.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertNoProblems, launchBrowser, newPage } from './support/browser.mjs';
import { START_TIMEOUT_MS, startServer } from './support/server.mjs';
import { startSmtp } from './support/smtp.mjs';
import { secondsLeftInStep, totp } from './support/totp.mjs';

const EMAIL = 'new.learner@example.com';
const NAME = 'New Learner';
const PASSWORD = 'my own quiet pass phrase';
// Part of the flow, not problems: signed out /me is 401; the first sign-in attempt of an enrolled
// account answers 401 mfa_required; SSO may be unconfigured.
const EXPECTED = ['401 /api/v1/me', '401 /api/v1/auth/sessions', '404 /api/v1/auth/oidc'];

/** @type {import('./support/server.mjs').Server} */
let server;
/** @type {Awaited<ReturnType<typeof startSmtp>>} */
let smtp;
/** @type {import('playwright-core').Browser} */
let browser;

describe('sign-up, email verification and two-factor sign-in', () => {
  before(
    async () => {
      smtp = await startSmtp();
      server = await startServer({ env: { SKILLNEXUS_SMTP_URL: smtp.url } });
      await server.logsOnFailure(async () => {
        // Open sign-up straight in the embedded cluster, as an admin's setting would.
        await server.psql(
          `UPDATE settings SET value = jsonb_set(value, '{signup}', '"open"') WHERE key = 'platform'`,
        );
        browser = await launchBrowser();
      });
    },
    { timeout: START_TIMEOUT_MS },
  );

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    await smtp?.stop();
  });

  test('sign up → verify by email → sign in → enrol TOTP → sign out → sign in with a code', { timeout: 180_000 }, () =>
    server.logsOnFailure(async () => {
      const platform = await server.request('GET', '/api/v1/platform');
      assert.equal(platform.body.signup, 'open');

      const { context, page, problems, goto } = await newPage(browser, server, { expected: EXPECTED });
      try {
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

        await page.getByLabel('Email').fill(EMAIL);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Your account' }).waitFor();
        // Not an admin: no admin pages in the navigation.
        assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).count(), 0);

        // Enrol in two-factor authentication.
        await page.getByRole('link', { name: 'Set it up' }).click();
        await page.getByLabel('Current password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Start' }).click();
        const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
        assert.match(secret, /^[A-Z2-7]+=*$/, `the secret shown is not base32: ${secret}`);
        const qr = page.getByRole('img', { name: /QR code/ });
        assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml,/);
        assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code image did not render');
        if (secondsLeftInStep() < 3) await sleep(secondsLeftInStep() * 1000 + 100);
        await page.getByLabel('Code from the app').fill(totp(secret));
        await page.getByRole('button', { name: 'Turn on' }).click();
        const codes = page.getByTestId('recovery-codes').locator('li');
        await codes.first().waitFor();
        assert.equal(await codes.count(), 10);
        await page.getByRole('button', { name: 'I have saved them' }).click();
        await page.getByRole('heading', { name: 'Your account' }).waitFor();

        // Sign out, then in again: the code is asked for after the password.
        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        await page.getByText('You are signed out.').waitFor();
        await page.getByLabel('Email').fill(EMAIL);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        const codeField = page.getByLabel('Authentication code');
        await codeField.waitFor();
        // The enrolment code may not be used twice: take the next step's code.
        await sleep(secondsLeftInStep() * 1000 + 100);
        await codeField.fill(totp(secret));
        await page.getByRole('button', { name: 'Verify and sign in' }).click();
        await page.getByRole('heading', { name: 'Your account' }).waitFor();
        assert.match((await page.locator('.facts').textContent()) ?? '', /Two-factor authentication\s*On/);
        assertNoProblems(problems);
      } finally {
        await context.close();
      }
    }));
});
