// Starts the real server for a browser test and cleans up after it.
//
// `startServer()` runs `$SKILLNEXUS_BIN serve` on 127.0.0.1:0 with a fresh data directory and
// SKILLNEXUS_WEB_DIR=dist, reads the URL from its `listening` log line (and the embedded
// cluster's socket directory from `embedded PostgreSQL ready`), and waits for `GET /readyz`.
// The server's output is kept and printed by `stop()` when a test failed.
//
// Environment:
//   SKILLNEXUS_BIN   server binary (default: ../build/release/skillnexus, relative to web/)

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { access, chmod, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_DIR = join(WEB_DIR, 'dist');
export const SERVER_BIN = resolve(WEB_DIR, process.env.SKILLNEXUS_BIN ?? '../build/release/skillnexus');

export const LISTEN_TIMEOUT_MS = 120_000; // the first start creates a PostgreSQL cluster
export const READY_TIMEOUT_MS = 120_000;
export const SHUTDOWN_TIMEOUT_MS = 30_000;
/** For `before(..., { timeout: START_TIMEOUT_MS })`. */
export const START_TIMEOUT_MS = LISTEN_TIMEOUT_MS + READY_TIMEOUT_MS + 60_000;

export async function assertExists(path, hint) {
  try {
    await access(path, constants.F_OK);
  } catch {
    assert.fail(`${path} does not exist: ${hint}`);
  }
}

const running = new Set();
process.once('exit', () => {
  for (const server of running) server.kill();
});

/** One running server. */
export class Server {
  /** @type {import('node:child_process').ChildProcess | null} */
  child = null;
  /** @type {Promise<{code: number | null, signal: NodeJS.Signals | null}> | null} */
  exited = null;
  /** @type {{code: number | null, signal: NodeJS.Signals | null} | null} */
  exitStatus = null;
  /** @type {string[]} */
  output = [];
  /** Origin such as http://127.0.0.1:41234. */
  url = '';
  dataDir = '';
  /** The embedded PostgreSQL's socket directory, for psql. */
  socketDir = '';
  /** Set when a test failed; `stop()` then prints the output. */
  failed = false;
  /** @type {Record<string, string>} */
  env = {};

  /** Runs `fn`, remembering a failure so the server's output gets printed at the end. */
  async logsOnFailure(fn) {
    try {
      return await fn();
    } catch (err) {
      this.failed = true;
      throw err;
    }
  }

  dumpOutput() {
    const lines = this.output.length ? this.output.join('\n') : '(no output)';
    console.error(`\n----- server output -----\n${lines}\n----- end of server output -----\n`);
  }

  /** Last resort: the whole process group. */
  kill() {
    const child = this.child;
    if (child && !this.exitStatus && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
    if (this.dataDir) {
      try {
        rmSync(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // best effort
      }
    }
  }

  /** SIGTERM, then wait; resolves with the exit status (null if it had to be killed). */
  async terminate() {
    if (!this.child || this.exitStatus) return this.exitStatus;
    this.child.kill('SIGTERM');
    const status = await Promise.race([this.exited, sleep(SHUTDOWN_TIMEOUT_MS, null, { ref: false })]);
    return status;
  }

  /** Stops the server, prints its output if a test failed and removes the data directory. */
  async stop() {
    await this.terminate();
    if (this.child && !this.exitStatus && this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        this.child.kill('SIGKILL');
      }
    }
    if (this.failed) this.dumpOutput();
    if (this.dataDir) {
      await rm(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
      this.dataDir = '';
    }
    running.delete(this);
  }

  /** `skillnexus admin create`; returns the token of the printed set-password link. */
  async createAdmin(email, name = 'Test Admin') {
    const { stdout } = await run(SERVER_BIN, ['admin', 'create', '--email', email, '--name', name], {
      cwd: WEB_DIR,
      env: { ...process.env, ...this.env },
      timeout: 60_000,
    });
    const match = /\/set-password#token=([A-Za-z0-9_-]+)/.exec(stdout);
    assert.ok(match, `no set-password link in the output of admin create:\n${stdout}`);
    return match[1];
  }

  /** Runs SQL on the embedded cluster through psql (its socket directory, as its superuser). */
  async psql(sql) {
    assert.ok(this.socketDir, 'the server did not log the embedded cluster\'s socket_dir');
    const { stdout } = await run(
      'psql',
      ['-h', this.socketDir, '-p', '5432', '-U', 'skillnexus', '-d', 'skillnexus', '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql],
      { timeout: 30_000 },
    );
    return stdout.trim();
  }

  /** A JSON request from the test itself (not the browser); returns {status, body, headers}. */
  async request(method, path, { body, cookie, headers: extra } = {}) {
    const headers = { Accept: 'application/json', Origin: this.url, ...extra };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (cookie) headers.Cookie = cookie;
    const res = await fetch(new URL(path, this.url), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** Signs in from the test; returns the `name=value` cookie. */
  async signIn(email, password, code) {
    const res = await this.request('POST', '/api/v1/auth/sessions', {
      body: code ? { email, password, code } : { email, password },
    });
    assert.equal(res.status, 201, `sign-in answered ${res.status}: ${JSON.stringify(res.body)}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    assert.ok(cookie, 'sign-in set no cookie');
    return cookie;
  }
}

function drain(server, stream, label, onLine) {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  rl.on('line', (line) => {
    server.output.push(`[${label}] ${line}`);
    if (server.output.length > 5000) server.output.splice(0, server.output.length - 5000);
    onLine?.(line);
  });
}

/**
 * Starts a server and waits until it is ready.
 * @param {{env?: Record<string, string>}} [options] extra environment (e.g. SKILLNEXUS_SMTP_URL)
 */
export async function startServer(options = {}) {
  await assertExists(SERVER_BIN, 'build the server first, or set SKILLNEXUS_BIN');
  await assertExists(join(DIST_DIR, 'index.html'), 'run `npm run build` in web/ first');
  const server = new Server();
  running.add(server);
  server.dataDir = await mkdtemp(join(tmpdir(), 'skillnexus-e2e-'));
  // As root the server runs its embedded PostgreSQL as an unprivileged user,
  // which must be able to traverse this directory.
  await chmod(server.dataDir, 0o755);
  server.env = {
    SKILLNEXUS_LISTEN: '127.0.0.1:0',
    SKILLNEXUS_DATA_DIR: server.dataDir,
    SKILLNEXUS_WEB_DIR: DIST_DIR,
    SKILLNEXUS_LOG_LEVEL: 'info',
    ...options.env,
  };

  try {
    const child = spawn(SERVER_BIN, ['serve'], {
      cwd: WEB_DIR,
      env: { ...process.env, ...server.env },
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
    drain(server, child.stdout, 'stdout', (line) => {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        return; // not a JSON log line
      }
      if (!entry) return;
      if (entry.msg === 'listening' && typeof entry.url === 'string') onListening(entry.url);
      if (typeof entry.socket_dir === 'string') server.socketDir = entry.socket_dir;
    });
    drain(server, child.stderr, 'stderr');

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
      child.once('error', (err) => settle(reject, new Error(`could not start ${SERVER_BIN}: ${err.message}`)));
      server.exited.then(({ code, signal }) =>
        settle(reject, new Error(`server exited before listening (code ${code}, signal ${signal})`)),
      );
    });
    const parsed = new URL(url);
    assert.equal(parsed.protocol, 'http:', `unexpected listening url ${url}`);
    assert.equal(parsed.hostname, '127.0.0.1', `unexpected listening url ${url}`);
    assert.notEqual(parsed.port, '0', `listening url ${url} has no real port`);
    server.url = parsed.origin;
    await waitUntilReady(server);
    return server;
  } catch (err) {
    server.failed = true;
    await server.stop();
    throw err;
  }
}

async function waitUntilReady(server) {
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

/** Polls `check` until it returns a truthy value (polling, not sleeping, as synchronisation). */
export async function poll(check, { timeoutMs = 15_000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}
