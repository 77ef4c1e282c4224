// An admin who has not set up two-factor authentication and opens an admin page is sent to
// the set-up page with the reason, enrols (QR code and secret shown, code computed here), gets
// 10 recovery codes once, and then sees the users page. Needs the MFA routes (lead's branch).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage } from './support/browser.mjs';
import { enrolTotp, submitSignIn } from './support/flows.mjs';
import { serverHarness } from './support/harness.mjs';

const EMAIL = 'admin.mfa@example.com';
const PASSWORD = 'admins use long phrases';

describe('admin two-factor enrolment', () => {
  const h = serverHarness();

  test('admin pages send an admin without MFA to enrol, then work', { timeout: 120_000 }, () =>
    h.run(async ({ server, browser }) => {
      const token = await server.createAdmin(EMAIL);
      const set = await server.request('POST', '/api/v1/auth/password', { body: { token, password: PASSWORD } });
      assert.equal(set.status, 204);
      const expected = ['401 /api/v1/me', '404 /api/v1/auth/oidc', '403 /api/v1/admin/users'];
      await withPage(browser, server, { expected }, async ({ page, goto }) => {
        await goto('/sign-in?return_to=/admin/users');
        await submitSignIn(page, EMAIL, PASSWORD);
        // The users page asks the API, which answers mfa_enrolment_required.
        await page.getByTestId('mfa-required').waitFor();
        assert.equal(new URL(page.url()).pathname, '/account/mfa');

        await enrolTotp(page, PASSWORD);

        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
        const table = page.getByTestId('users-table');
        await table.waitFor();
        assert.match((await table.textContent()) ?? '', new RegExp(EMAIL.replace('.', '\\.')));
      });
    }));
});
