// Steps in the browser that several tests take, as a person would: through labels and buttons.
import assert from 'node:assert/strict';
import { freshCode } from './accounts.mjs';

/**
 * Fills in the sign-in form (open, or on its way) and submits it. The labels match exactly: the
 * page before may still show a card named "Verify your email address".
 */
export async function submitSignIn(page, email, password) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * On the two-factor set-up page: confirms the password, checks the secret and the QR code shown,
 * turns TOTP on with a code computed here and checks the 10 recovery codes, then dismisses them.
 * Returns the secret.
 */
export async function enrolTotp(page, password) {
  // Within its form: the account page before it has two "Current password" fields of its own.
  const start = page.getByRole('form', { name: 'Start two-factor set-up' });
  await start.getByLabel('Current password').fill(password);
  await start.getByRole('button', { name: 'Start' }).click();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
  assert.match(secret, /^[A-Z2-7]+=*$/, `the secret shown is not base32: ${secret}`);
  const qr = page.getByRole('img', { name: /QR code/ });
  assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml,/);
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code image did not render');
  await page.getByLabel('Code from the app').fill(await freshCode(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByTestId('recovery-codes').locator('li');
  await codes.first().waitFor();
  assert.equal(await codes.count(), 10);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  return secret;
}
