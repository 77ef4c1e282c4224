// Video start-up time: from page load to the first rendered video frame, in headless Chromium on
// loopback, over N loads of a lesson page, each in a fresh browser context (empty cache, no
// warm connections). Prints one JSON line: {"loads", "median_ms", "p95_ms", "max_ms", "runs"}.
//
// node bench/media-startup.mjs --url http://127.0.0.1:PORT/learn/lessons/ID --cookie 'sn_session=…'
//   [--cookie 'sn_session=…' …] [--loads 20] [--revisit] [--compare-url URL]
// With several cookies (learners), load i signs in with cookie i modulo their number.
//
// --revisit measures a learner coming back instead: each context first opens the lesson once (to
// its first frame), then opens it again, and the second load is timed. The app's hashed files
// then come from the browser's cache, as for anyone who has used SkillNexus before, and so do
// the video's first playlists and segments (their signed URLs stay the same within the hour:
// src/media/url_signer.hpp, shared_expiry).
//
// --compare-url times the same page from a second server (another build of the web app) in the
// same run: loads alternate between the two (A B, B A, ...) so that both see the same machine,
// and the output adds "compare" (its median, p95 and runs) and "faster_pairs" (how many pairs the
// second server won). Pair i signs in with cookies 2i and 2i+1: give twice as many.
//
// The page is the real web app: its scripts, the lesson API call, hls.js, the master and media
// playlists and the first segment all count. Play is pressed the moment the video element exists
// (as a learner who clicks at once would), muted so that Chromium lets it start.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(resolve(here, '../web/package.json'));
const { chromium } = require('playwright-core');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) {
    if (fallback === undefined) throw new Error(`--${name} is required`);
    return fallback;
  }
  return process.argv[at + 1];
}

const url = option('url');
const cookies = process.argv.flatMap((arg, at) => (arg === '--cookie' ? [process.argv[at + 1]] : []));
if (cookies.length === 0) throw new Error('--cookie is required');
const loads = Number(option('loads', '20'));
const revisit = process.argv.includes('--revisit');
const compareUrl = option('compare-url', '');

// Runs in the page before its own scripts: presses play on the first <video> and reports when the
// first frame is presented (ms since the navigation started) as a console message. Not polled with
// page.waitForFunction: that injects Playwright's own script into the page, about 85 ms of the
// page's main thread on the 2-core machine, which a learner's browser never spends.
function watchFirstFrame() {
  const arm = (video) => {
    if (video.dataset.benchArmed) return;
    video.dataset.benchArmed = '1';
    video.muted = true;
    const frame = () => console.info(`first-frame ${performance.now()}`);
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(frame);
    else video.addEventListener('playing', frame, { once: true });
    const play = () => video.play().catch(() => {});
    video.addEventListener('loadedmetadata', play, { once: true });
    play();
  };
  new MutationObserver(() => document.querySelectorAll('video').forEach(arm)).observe(document, {
    childList: true,
    subtree: true,
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'],
});
const runs = [];
const compared = [];
// One load of `target` in a fresh context, signed in with cookie number `learner`.
async function timeLoad(target, learner) {
  const context = await browser.newContext();
  try {
    const [name, ...rest] = cookies[learner % cookies.length].split('=');
    await context.addCookies([{ name, value: rest.join('='), domain: new URL(target).hostname, path: '/' }]);
    await context.addInitScript(watchFirstFrame);
    const page = await context.newPage();
    const load = async () => {
      const firstFrame = page.waitForEvent('console', {
        predicate: (message) => message.text().startsWith('first-frame '),
        timeout: 30_000,
      });
      await page.goto(target, { waitUntil: 'commit' });
      return Math.round(Number((await firstFrame).text().split(' ')[1]));
    };
    if (revisit) await load();
    return await load();
  } finally {
    await context.close();
  }
}
try {
  for (let i = 0; i < loads; i++) {
    if (!compareUrl) {
      runs.push(await timeLoad(url, i));
    } else if (i % 2 === 0) {
      runs.push(await timeLoad(url, 2 * i));
      compared.push(await timeLoad(compareUrl, 2 * i + 1));
    } else {
      compared.push(await timeLoad(compareUrl, 2 * i));
      runs.push(await timeLoad(url, 2 * i + 1));
    }
  }
} finally {
  await browser.close();
}
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median_ms: percentile(sorted, 50), p95_ms: percentile(sorted, 95), max_ms: sorted.at(-1), runs: values };
};
console.log(
  JSON.stringify({
    loads: runs.length,
    ...summary(runs),
    ...(compareUrl
      ? { compare: summary(compared), faster_pairs: compared.filter((value, i) => value < runs[i]).length }
      : {}),
  }),
);
