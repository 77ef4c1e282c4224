// Headless Chromium (Debian's, via playwright-core; no browser is downloaded) and a page that
// records everything that went wrong on it.
//
// Environment:
//   CHROMIUM_PATH    browser binary (default: /usr/bin/chromium)

import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { assertExists } from './server.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PAGE_TIMEOUT_MS = 15_000;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Media tests start playback from a key press the page did not see as a gesture in time.
  '--autoplay-policy=no-user-gesture-required',
];

export async function launchBrowser() {
  await assertExists(CHROMIUM, 'install chromium, or set CHROMIUM_PATH');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A new browser context and page on `server`, collecting console errors (Chromium reports CSP
 * violations there), uncaught exceptions, failed requests and HTTP error responses.
 * `expected` lists API answers that are part of the flow (e.g. `401 /api/v1/me` while signed
 * out), as `STATUS PATH` strings, or regular expressions matching them (signed media paths);
 * they are not problems. `cookie` (`name=value`, e.g. from
 * `server.signIn`) starts the page signed in.
 */
export async function newPage(browser, server, { expected = [], cookie } = {}) {
  const context = await browser.newContext();
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  if (cookie) {
    const at = cookie.indexOf('=');
    await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url: server.url }]);
  }
  const page = await context.newPage();
  const problems = [];
  const isExpected = (statusAndPath) =>
    expected.some((e) => (e instanceof RegExp ? e.test(statusAndPath) : e === statusAndPath));
  const expectedUrls = new Set();
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  page.on('response', (res) => {
    if (res.status() < 400) return;
    const path = new URL(res.url()).pathname;
    if (isExpected(`${res.status()} ${path}`)) {
      expectedUrls.add(res.url());
      return;
    }
    problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs every 4xx fetch as "Failed to load resource"; expected ones are not problems.
    const where = msg.location()?.url ?? '';
    if (/Failed to load resource/.test(msg.text()) && expectedUrls.has(where)) return;
    if (/Failed to load resource/.test(msg.text()) && expected.some((e) => typeof e === 'string' && where.endsWith(e.split(' ')[1]))) return;
    problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A navigation away aborts the requests still running on the old page; that is no failure.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`);
  });
  const goto = (path) => page.goto(new URL(path, server.url).href, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
  return { context, page, problems, goto };
}

export function assertNoProblems(problems) {
  assert.deepEqual(problems, [], `the page reported problems:\n  ${problems.join('\n  ')}`);
}

/**
 * Runs `fn` with a new page (see `newPage`; it gets {context, page, problems, goto}), then checks
 * that nothing went wrong on the page, and closes it whatever happened.
 */
export async function withPage(browser, server, options, fn) {
  const opened = await newPage(browser, server, options);
  try {
    const result = await fn(opened);
    assertNoProblems(opened.problems);
    return result;
  } finally {
    await opened.context.close();
  }
}
