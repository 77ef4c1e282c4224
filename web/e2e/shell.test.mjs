// End-to-end test of the web shell against the real server binary.
//
// Starts `$SKILLNEXUS_BIN serve` on a random loopback port with a fresh data
// directory, serving the built app from web/dist, then drives headless
// Chromium against it. Run with `npm run test:e2e` after `npm run build` and
// after building the server.
//
// Environment:
//   SKILLNEXUS_BIN   server binary (default: ../build/release/skillnexus, relative to web/)
//   CHROMIUM_PATH    browser binary (default: /usr/bin/chromium)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { access, chmod, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST_DIR = join(WEB_DIR, 'dist');
const SERVER_BIN = resolve(WEB_DIR, process.env.SKILLNEXUS_BIN ?? '../build/release/skillnexus');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const LISTEN_TIMEOUT_MS = 120_000; // the first start creates a PostgreSQL cluster
const READY_TIMEOUT_MS = 120_000;
const SHUTDOWN_TIMEOUT_MS = 30_000;
const PAGE_TIMEOUT_MS = 15_000;

/** The running server: process, captured output and its base URL. */
const server = {
  /** @type {import('node:child_process').ChildProcess | null} */
  child: null,
  /** @type {Promise<{code: number | null, signal: NodeJS.Signals | null}> | null} */
  exited: null,
  /** @type {{code: number | null, signal: NodeJS.Signals | null} | null} */
  exitStatus: null,
  /** @type {string[]} */
  output: [],
  /** @type {string | null} */
  url: null,
  /** @type {string | null} */
  dataDir: null,
};

/** @type {import('playwright-core').Browser | null} */
let browser = null;

/** Set when any step fails; the server's output is then printed once, after it stopped. */
let failed = false;

function dumpServerOutput() {
  const lines = server.output.length ? server.output.join('\n') : '(no output)';
  console.error(`\n----- server output -----\n${lines}\n----- end of server output -----\n`);
}

/** Runs `fn`, remembering a failure so that the server's output gets printed. */
async function withServerLogs(fn) {
  try {
    return await fn();
  } catch (err) {
    failed = true;
    throw err;
  }
}

function drain(stream, label, onLine) {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  rl.on('line', (line) => {
    server.output.push(`[${label}] ${line}`);
    if (server.output.length > 5000) server.output.splice(0, server.output.length - 5000);
    onLine?.(line);
  });
}

async function assertExists(path, hint) {
  try {
    await access(path, constants.F_OK);
  } catch {
    assert.fail(`${path} does not exist: ${hint}`);
  }
}

/** Starts the server and resolves with the URL from its "listening" log line. */
async function startServer() {
  server.dataDir = await mkdtemp(join(tmpdir(), 'skillnexus-e2e-'));
  // As root the server runs its embedded PostgreSQL as an unprivileged user,
  // which must be able to traverse this directory.
  await chmod(server.dataDir, 0o755);

  const child = spawn(SERVER_BIN, ['serve'], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      SKILLNEXUS_LISTEN: '127.0.0.1:0',
      SKILLNEXUS_DATA_DIR: server.dataDir,
      SKILLNEXUS_WEB_DIR: DIST_DIR,
      SKILLNEXUS_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so a failed run can take down any helper processes too.
    detached: true,
  });
  server.child = child;
  server.exited = new Promise((resolveExit) => {
    child.once('exit', (code, signal) => {
      server.exitStatus = { code, signal };
      resolveExit(server.exitStatus);
    });
  });

  /** @type {(url: string) => void} */
  let onListening = () => {};
  drain(child.stdout, 'stdout', (line) => {
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      return; // not a JSON log line
    }
    if (entry && entry.msg === 'listening' && typeof entry.url === 'string') onListening(entry.url);
  });
  drain(child.stderr, 'stderr');

  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "listening" log line within ${LISTEN_TIMEOUT_MS / 1000} s`)),
      LISTEN_TIMEOUT_MS,
    );
    const settle = (fn, value) => {
      clearTimeout(timer);
      fn(value);
    };
    onListening = (listeningUrl) => settle(resolveUrl, listeningUrl);
    child.once('error', (err) =>
      settle(reject, new Error(`could not start ${SERVER_BIN}: ${err.message}`)),
    );
    server.exited.then(({ code, signal }) =>
      settle(reject, new Error(`server exited before listening (code ${code}, signal ${signal})`)),
    );
  });
  const parsed = new URL(url);
  assert.equal(parsed.protocol, 'http:', `unexpected listening url ${url}`);
  assert.equal(parsed.hostname, '127.0.0.1', `unexpected listening url ${url}`);
  assert.notEqual(parsed.port, '0', `listening url ${url} has no real port`);
  server.url = parsed.origin;
}

async function waitUntilReady() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.exitStatus) {
      throw new Error(`server exited while waiting for /readyz (code ${server.exitStatus.code})`);
    }
    try {
      const res = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await sleep(250);
  }
  throw new Error(`GET /readyz did not return 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`);
}

/** Last-resort cleanup: kill the server's whole process group. */
function killServerGroup() {
  const child = server.child;
  if (!child || server.exitStatus || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
process.once('exit', () => {
  killServerGroup();
  if (server.dataDir) {
    try {
      rmSync(server.dataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // best effort
    }
  }
});

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
        await assertExists(SERVER_BIN, 'build the server first, or set SKILLNEXUS_BIN');
        await assertExists(join(DIST_DIR, 'index.html'), 'run `npm run build` in web/ first');
        await assertExists(CHROMIUM, 'install chromium, or set CHROMIUM_PATH');
        await startServer();
        await waitUntilReady();
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          headless: true,
          args: CHROMIUM_ARGS,
        });
      }),
    { timeout: LISTEN_TIMEOUT_MS + READY_TIMEOUT_MS + 60_000 },
  );

  after(async () => {
    await browser?.close().catch(() => {});
    browser = null;
    if (server.child && !server.exitStatus) {
      server.child.kill('SIGTERM');
      await Promise.race([server.exited, sleep(SHUTDOWN_TIMEOUT_MS, null, { ref: false })]);
      killServerGroup();
    }
    if (failed) dumpServerOutput();
    if (server.dataDir) {
      await rm(server.dataDir, { recursive: true, force: true, maxRetries: 3 });
      server.dataDir = null;
    }
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
