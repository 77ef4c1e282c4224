// Shared start-up for the browser tests: the real server binary on a random loopback port with
// a fresh data directory (serving the built app from web/dist), and headless Chromium.
//
// Environment:
//   SKILLNEXUS_BIN   server binary (default: ../build/release/skillnexus, relative to web/)
//   CHROMIUM_PATH    browser binary (default: /usr/bin/chromium)

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

export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_DIR = join(WEB_DIR, 'dist');
export const SERVER_BIN = resolve(
  WEB_DIR,
  process.env.SKILLNEXUS_BIN ?? '../build/release/skillnexus',
);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const LISTEN_TIMEOUT_MS = 120_000; // the first start creates a PostgreSQL cluster
export const READY_TIMEOUT_MS = 120_000;
export const SHUTDOWN_TIMEOUT_MS = 30_000;
export const START_TIMEOUT_MS = LISTEN_TIMEOUT_MS + READY_TIMEOUT_MS + 60_000;

export async function assertExists(path, hint) {
  try {
    await access(path, constants.F_OK);
  } catch {
    assert.fail(`${path} does not exist: ${hint}`);
  }
}

/** Headless Chromium as every browser test launches it. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** One `skillnexus serve` child process: its output, exit status and base URL. */
export class Server {
  /** @param {Record<string, string>} env extra environment (SKILLNEXUS_* settings) */
  constructor(env = {}) {
    this.env = env;
    /** @type {import('node:child_process').ChildProcess | null} */
    this.child = null;
    /** @type {Promise<{code: number | null, signal: NodeJS.Signals | null}> | null} */
    this.exited = null;
    /** @type {{code: number | null, signal: NodeJS.Signals | null} | null} */
    this.exitStatus = null;
    /** @type {string[]} */
    this.output = [];
    /** @type {string | null} */
    this.url = null;
    /** @type {string | null} */
    this.dataDir = null;
    process.once('exit', () => {
      this.kill();
      if (this.dataDir) {
        try {
          rmSync(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
        } catch {
          // best effort
        }
      }
    });
  }

  /** Starts the server and waits until /readyz answers 200. */
  async start() {
    await assertExists(SERVER_BIN, 'build the server first, or set SKILLNEXUS_BIN');
    await this.#listen();
    await this.#waitUntilReady();
  }

  dumpOutput() {
    const lines = this.output.length ? this.output.join('\n') : '(no output)';
    console.error(`\n----- server output -----\n${lines}\n----- end of server output -----\n`);
  }

  /** Last-resort cleanup: kill the server's whole process group. */
  kill() {
    const child = this.child;
    if (!child || this.exitStatus || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }

  /** SIGTERM, wait for the exit (bounded), then clean up; resolves with the exit status. */
  async stop() {
    let status = this.exitStatus;
    if (this.child && !this.exitStatus) {
      this.child.kill('SIGTERM');
      status = await Promise.race([this.exited, sleep(SHUTDOWN_TIMEOUT_MS, null, { ref: false })]);
      this.kill();
    }
    if (this.dataDir) {
      await rm(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
      this.dataDir = null;
    }
    return status;
  }

  #drain(stream, label, onLine) {
    const rl = createInterface({ input: stream, crlfDelay: Infinity });
    rl.on('line', (line) => {
      this.output.push(`[${label}] ${line}`);
      if (this.output.length > 5000) this.output.splice(0, this.output.length - 5000);
      onLine?.(line);
    });
  }

  async #listen() {
    this.dataDir = await mkdtemp(join(tmpdir(), 'skillnexus-e2e-'));
    // As root the server runs its embedded PostgreSQL as an unprivileged user,
    // which must be able to traverse this directory.
    await chmod(this.dataDir, 0o755);

    const child = spawn(SERVER_BIN, ['serve'], {
      cwd: WEB_DIR,
      env: {
        ...process.env,
        SKILLNEXUS_LISTEN: '127.0.0.1:0',
        SKILLNEXUS_DATA_DIR: this.dataDir,
        SKILLNEXUS_WEB_DIR: DIST_DIR,
        SKILLNEXUS_LOG_LEVEL: 'info',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so a failed run can take down any helper processes too.
      detached: true,
    });
    this.child = child;
    this.exited = new Promise((resolveExit) => {
      child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        resolveExit(this.exitStatus);
      });
    });

    /** @type {(url: string) => void} */
    let onListening = () => {};
    this.#drain(child.stdout, 'stdout', (line) => {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        return; // not a JSON log line
      }
      if (entry && entry.msg === 'listening' && typeof entry.url === 'string') {
        onListening(entry.url);
      }
    });
    this.#drain(child.stderr, 'stderr');

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
      this.exited.then(({ code, signal }) =>
        settle(
          reject,
          new Error(`server exited before listening (code ${code}, signal ${signal})`),
        ),
      );
    });
    const parsed = new URL(url);
    assert.equal(parsed.protocol, 'http:', `unexpected listening url ${url}`);
    assert.equal(parsed.hostname, '127.0.0.1', `unexpected listening url ${url}`);
    assert.notEqual(parsed.port, '0', `listening url ${url} has no real port`);
    this.url = parsed.origin;
  }

  async #waitUntilReady() {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      if (this.exitStatus) {
        throw new Error(`server exited while waiting for /readyz (code ${this.exitStatus.code})`);
      }
      try {
        const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
        last = `HTTP ${res.status}`;
      } catch (err) {
        last = err.message;
      }
      await sleep(250);
    }
    throw new Error(
      `GET /readyz did not return 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`,
    );
  }
}
