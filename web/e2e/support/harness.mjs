// What every browser test sets up and tears down: optionally the test SMTP server, then the
// server, then Chromium; afterwards all of them are stopped (the server's output is printed when
// a test failed).
import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { START_TIMEOUT_MS, startServer } from './server.mjs';
import { startSmtp } from './smtp.mjs';

/**
 * @typedef {object} Harness
 * @property {import('./server.mjs').Server} server
 * @property {import('playwright-core').Browser | null} browser
 * @property {Awaited<ReturnType<typeof startSmtp>> | null} smtp
 * @property {<T>(fn: (h: Harness) => Promise<T>) => Promise<T>} run
 *   runs a test body with the harness, remembering a failure so the server's output is printed
 */

/**
 * Call inside `describe`: registers the `before` and `after` hooks and returns the harness, whose
 * `server`, `browser` and `smtp` are there once `before` has run.
 *
 * @param {object} [options]
 * @param {Record<string, string> | (() => Promise<Record<string, string>>)} [options.env]
 *   extra server environment (a function runs first, e.g. to start another service)
 * @param {boolean} [options.smtp] start the test SMTP server and point the server at it
 * @param {boolean} [options.browser] launch Chromium (default true)
 * @param {(h: Harness) => Promise<void>} [options.setUp] runs once the server is ready
 * @param {() => Promise<void>} [options.tearDown] runs after the server and browser stopped
 * @returns {Harness}
 */
export function serverHarness({ env = {}, smtp = false, browser = true, setUp, tearDown } = {}) {
  /** @type {Harness} */
  const h = {
    server: /** @type {any} */ (null),
    browser: null,
    smtp: null,
    run: (fn) => h.server.logsOnFailure(() => fn(h)),
  };
  before(
    async () => {
      if (smtp) h.smtp = await startSmtp();
      const extra = typeof env === 'function' ? await env() : env;
      h.server = await startServer({ env: { ...extra, ...(h.smtp ? { SKILLNEXUS_SMTP_URL: h.smtp.url } : {}) } });
      await h.server.logsOnFailure(async () => {
        await setUp?.(h);
        if (browser) h.browser = await launchBrowser();
      });
    },
    { timeout: START_TIMEOUT_MS },
  );
  after(async () => {
    await h.browser?.close().catch(() => {});
    h.browser = null;
    await h.server?.stop();
    await h.smtp?.stop();
    await tearDown?.();
  });
  return h;
}
