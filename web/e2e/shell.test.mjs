// End-to-end test of the web shell against the real server binary (see support/server.mjs).
// Run with `npm run test:e2e` after `npm run build` and after building the server.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertNoProblems, newPage, PAGE_TIMEOUT_MS, withPage } from './support/browser.mjs';
import { serverHarness } from './support/harness.mjs';
import { SHUTDOWN_TIMEOUT_MS } from './support/server.mjs';

// Signed out, the shell asks who is signed in and is told 401: that is the expected answer.
const SIGNED_OUT = ['401 /api/v1/me'];

/** Checks the app frame: product heading and the version from the API. */
async function assertShellRendered(page, expectedVersion) {
  const heading = page.locator('h1');
  await heading.waitFor({ state: 'visible', timeout: PAGE_TIMEOUT_MS });
  assert.equal((await heading.textContent())?.trim(), 'SkillNexus');

  const version = page.locator('[data-testid=version]');
  try {
    await version.waitFor({ state: 'visible', timeout: PAGE_TIMEOUT_MS });
  } catch (err) {
    const alert = await page.locator('[role=alert]').allTextContents();
    throw new Error(`version never shown${alert.length ? `; page says: ${alert.join(' ')}` : ''}`, {
      cause: err,
    });
  }
  const text = (await version.textContent()) ?? '';
  assert.ok(
    text.includes(expectedVersion),
    `version element reads "${text}", expected it to contain "${expectedVersion}"`,
  );
}

/** @type {{version: string, commit: string, build_time: string} | undefined} */
let versionInfo;

/** `GET /api/v1/version` from the test itself (fetched once). */
async function fetchVersionInfo(server) {
  if (versionInfo) return versionInfo;
  const res = await fetch(`${server.url}/api/v1/version`, {
    headers: { Accept: 'application/json' },
  });
  const body = await res.text();
  assert.equal(res.status, 200, `GET /api/v1/version answered HTTP ${res.status}: ${body}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json\b/);
  versionInfo = JSON.parse(body);
  return versionInfo;
}

describe('web shell served by the real server', () => {
  const h = serverHarness();

  test('GET /api/v1/version returns build information', () =>
    h.run(async ({ server }) => {
      const info = await fetchVersionInfo(server);
      assert.equal(typeof info.version, 'string');
      assert.notEqual(info.version, '');
      assert.equal(typeof info.commit, 'string');
      assert.equal(typeof info.build_time, 'string');
    }));

  test('renders the shell at / under the strict CSP', () =>
    h.run(async ({ server, browser }) => {
      const { version: expectedVersion } = await fetchVersionInfo(server);
      await withPage(browser, server, { expected: SIGNED_OUT }, async ({ page, goto }) => {
        const response = await goto('/');
        assert.equal(response?.status(), 200);
        const csp = response?.headers()['content-security-policy'] ?? '';
        assert.match(csp, /script-src 'self'/, `missing or weak Content-Security-Policy: "${csp}"`);
        assert.match(csp, /style-src 'self'/, `missing or weak Content-Security-Policy: "${csp}"`);
        await assertShellRendered(page, expectedVersion);
        assert.equal(await page.locator('[data-testid=version-error]').count(), 0);
        // Signed out: the navigation offers sign-in and no admin pages.
        await page.getByRole('link', { name: 'Sign in' }).waitFor();
        assert.equal(await page.getByRole('link', { name: 'Users' }).count(), 0);
      });
    }));

  test('renders the shell on a deep client-side path (index.html fallback)', () =>
    h.run(async ({ server, browser }) => {
      const { version: expectedVersion } = await fetchVersionInfo(server);
      await withPage(browser, server, { expected: SIGNED_OUT }, async ({ page, goto }) => {
        const response = await goto('/nowhere/some-thing');
        assert.equal(response?.status(), 200);
        assert.match(response?.headers()['content-type'] ?? '', /^text\/html\b/);
        await assertShellRendered(page, expectedVersion);
        assert.equal(new URL(page.url()).pathname, '/nowhere/some-thing');
        await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      });
    }));

  test("loads a page's code when it is first shown; code that fails to load is reported in its place", () =>
    h.run(async ({ server, browser }) => {
      const { version: expectedVersion } = await fetchVersionInfo(server);
      const { context, page, problems, goto } = await newPage(browser, server, { expected: SIGNED_OUT });
      try {
        await goto('/');
        await assertShellRendered(page, expectedVersion);
        await page.getByRole('heading', { name: 'Welcome' }).waitFor();
        const scripts = () =>
          page.evaluate(() =>
            performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname.split('/').pop()),
          );
        assert.ok(!(await scripts()).some((name) => name.startsWith('catalog-')), 'the home page loaded the catalog');

        // The catalog's code cannot be fetched (a deploy removed it, the network dropped).
        const catalogCode = /\/assets\/catalog-[^/]*\.js$/;
        await page.route(catalogCode, (route) => route.abort());
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
        await page.getByTestId('page-load-error').waitFor();
        assert.equal(new URL(page.url()).pathname, '/catalog');
        assert.match(await page.getByTestId('page-load-error').textContent(), /could not load.*Reload/);

        // The rest of the app keeps working.
        await page.unroute(catalogCode);
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
        await page.getByRole('heading', { name: 'Welcome' }).waitFor();
        assert.equal(await page.getByTestId('page-load-error').count(), 0);
        // The refused fetch is all that went wrong (Chromium and React log it, without the file's name).
        assertNoProblems(problems.filter((problem) => !/\/assets\/catalog-|Failed to load resource: net::ERR_FAILED/.test(problem)));

        // A fresh load shows the catalog.
        await goto('/catalog');
        await page.getByRole('heading', { name: 'Course catalog' }).waitFor();
        assert.ok((await scripts()).some((name) => name.startsWith('catalog-')));
      } finally {
        await context.close();
      }
    }));

  test('stops cleanly on SIGTERM', { timeout: SHUTDOWN_TIMEOUT_MS + 5_000 }, () =>
    h.run(async ({ server }) => {
      await h.browser?.close();
      h.browser = null;
      assert.equal(server.exitStatus, null, 'server exited before SIGTERM');
      const status = await Promise.race([server.terminate(), sleep(SHUTDOWN_TIMEOUT_MS, null, { ref: false })]);
      assert.ok(status, `server still running ${SHUTDOWN_TIMEOUT_MS / 1000} s after SIGTERM`);
      assert.deepEqual(status, { code: 0, signal: null }, 'server must exit with code 0 on SIGTERM');
    }));
});
