// End-to-end test of the web shell against the real server binary.
//
// Starts `$SKILLNEXUS_BIN serve` on a random loopback port with a fresh data
// directory, serving the built app from web/dist, then drives headless
// Chromium against it (start-up shared in support/server.mjs). Run with
// `npm run test:e2e` after `npm run build` and after building the server.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CHROMIUM,
  DIST_DIR,
  SHUTDOWN_TIMEOUT_MS,
  START_TIMEOUT_MS,
  Server,
  assertExists,
  launchBrowser,
} from './support/server.mjs';

const PAGE_TIMEOUT_MS = 15_000;

const server = new Server();

/** @type {import('playwright-core').Browser | null} */
let browser = null;

/** Set when any step fails; the server's output is then printed once, after it stopped. */
let failed = false;

/** Runs `fn`, remembering a failure so that the server's output gets printed. */
async function withServerLogs(fn) {
  try {
    return await fn();
  } catch (err) {
    failed = true;
    throw err;
  }
}

/**
 * Opens `path` in a new page and collects everything that went wrong there:
 * console errors (Chromium reports CSP violations there), uncaught
 * exceptions, failed requests and HTTP error responses.
 */
async function openPage(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  // Report CSP violations explicitly as well (init scripts are not subject to the page's CSP).
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) =>
    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });

  const response = await page.goto(new URL(path, server.url).href, {
    waitUntil: 'load',
    timeout: PAGE_TIMEOUT_MS,
  });
  return { context, page, response, problems };
}

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

function assertNoProblems(problems) {
  assert.deepEqual(problems, [], `the page reported problems:\n  ${problems.join('\n  ')}`);
}

/** @type {{version: string, commit: string, build_time: string} | undefined} */
let versionInfo;

/** `GET /api/v1/version` from the test itself (fetched once). */
async function fetchVersionInfo() {
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
  before(
    () =>
      withServerLogs(async () => {
        await assertExists(join(DIST_DIR, 'index.html'), 'run `npm run build` in web/ first');
        await assertExists(CHROMIUM, 'install chromium, or set CHROMIUM_PATH');
        await server.start();
        browser = await launchBrowser();
      }),
    { timeout: START_TIMEOUT_MS },
  );

  after(async () => {
    await browser?.close().catch(() => {});
    browser = null;
    await server.stop();
    if (failed) server.dumpOutput();
  });

  test('GET /api/v1/version returns build information', () =>
    withServerLogs(async () => {
      const info = await fetchVersionInfo();
      assert.equal(typeof info.version, 'string');
      assert.notEqual(info.version, '');
      assert.equal(typeof info.commit, 'string');
      assert.equal(typeof info.build_time, 'string');
    }));

  test('renders the shell at / under the strict CSP', () =>
    withServerLogs(async () => {
      const { version: expectedVersion } = await fetchVersionInfo();
      const { context, page, response, problems } = await openPage('/');
      try {
        assert.equal(response?.status(), 200);
        const csp = response?.headers()['content-security-policy'] ?? '';
        assert.match(csp, /script-src 'self'/, `missing or weak Content-Security-Policy: "${csp}"`);
        assert.match(csp, /style-src 'self'/, `missing or weak Content-Security-Policy: "${csp}"`);
        await assertShellRendered(page, expectedVersion);
        assert.equal(await page.locator('[data-testid=version-error]').count(), 0);
        assertNoProblems(problems);
      } finally {
        await context.close();
      }
    }));

  test('renders the shell on a deep client-side path (index.html fallback)', () =>
    withServerLogs(async () => {
      const { version: expectedVersion } = await fetchVersionInfo();
      const { context, page, response, problems } = await openPage('/courses/some-thing');
      try {
        assert.equal(response?.status(), 200);
        assert.match(response?.headers()['content-type'] ?? '', /^text\/html\b/);
        await assertShellRendered(page, expectedVersion);
        assert.equal(new URL(page.url()).pathname, '/courses/some-thing');
        assertNoProblems(problems);
      } finally {
        await context.close();
      }
    }));

  test('stops cleanly on SIGTERM', { timeout: SHUTDOWN_TIMEOUT_MS + 5_000 }, () =>
    withServerLogs(async () => {
      await browser?.close();
      browser = null;
      assert.ok(server.child, 'server was not started');
      assert.equal(server.exitStatus, null, 'server exited before SIGTERM');
      server.child.kill('SIGTERM');
      const status = await Promise.race([
        server.exited,
        sleep(SHUTDOWN_TIMEOUT_MS, null, { ref: false }),
      ]);
      assert.ok(status, `server still running ${SHUTDOWN_TIMEOUT_MS / 1000} s after SIGTERM`);
      assert.deepEqual(status, { code: 0, signal: null }, 'server must exit with code 0 on SIGTERM');
    }));
});
