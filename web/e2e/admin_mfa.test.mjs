// An admin who has not set up two-factor authentication and opens an admin page is sent to
// the set-up page with the reason, enrols (QR code and secret shown, code computed here), gets
// 10 recovery codes once, and then sees the users page. Needs the MFA routes (lead's branch).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertNoProblems, launchBrowser, newPage } from './support/browser.mjs';
import { START_TIMEOUT_MS, startServer } from './support/server.mjs';
import { secondsLeftInStep, totp } from './support/totp.mjs';

const EMAIL = 'admin.mfa@example.com';
const PASSWORD = 'admins use long phrases';

/** @type {import('./support/server.mjs').Server} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;

describe('admin two-factor enrolment', () => {
  before(
    async () => {
      server = await startServer();
      await server.logsOnFailure(async () => {
        browser = await launchBrowser();
      });
    },
    { timeout: START_TIMEOUT_MS },
  );
  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('admin pages send an admin without MFA to enrol, then work', { timeout: 120_000 }, () =>
    server.logsOnFailure(async () => {
      const token = await server.createAdmin(EMAIL);
      const set = await server.request('POST', '/api/v1/auth/password', { body: { token, password: PASSWORD } });
      assert.equal(set.status, 204);
      const { context, page, problems, goto } = await newPage(browser, server, {
        expected: ['401 /api/v1/me', '404 /api/v1/auth/oidc', '403 /api/v1/admin/users'],
      });
      try {
        await goto('/sign-in?return_to=/admin/users');
        await page.getByLabel('Email').fill(EMAIL);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        // The users page asks the API, which answers mfa_enrolment_required.
        await page.getByTestId('mfa-required').waitFor();
        assert.equal(new URL(page.url()).pathname, '/account/mfa');

        await page.getByLabel('Current password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Start' }).click();
        const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
        const qr = page.getByRole('img', { name: /QR code/ });
        await qr.waitFor();
        assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code image did not render');
        if (secondsLeftInStep() < 3) await sleep(secondsLeftInStep() * 1000 + 100);
        await page.getByLabel('Code from the app').fill(totp(secret));
        await page.getByRole('button', { name: 'Turn on' }).click();
        const codes = page.getByTestId('recovery-codes').locator('li');
        await codes.first().waitFor();
        assert.equal(await codes.count(), 10);
        await page.getByRole('button', { name: 'I have saved them' }).click();

        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
        const table = page.getByTestId('users-table');
        await table.waitFor();
        assert.match((await table.textContent()) ?? '', new RegExp(EMAIL.replace('.', '\\.')));
        assertNoProblems(problems);
      } finally {
        await context.close();
      }
    }));
});
