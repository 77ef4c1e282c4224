// A real SMTP server for the tests: Debian's python3-aiosmtpd, delivering into a Maildir.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { poll } from './server.mjs';

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** Starts aiosmtpd; returns {url, messages(), waitFor(to, pattern), stop()}. */
export async function startSmtp() {
  // aiosmtpd's Maildir handler makes cur/, new/ and tmp/ only for a folder that does not exist
  // yet; an existing empty folder makes every delivery fail (SMTP 500).
  const parent = await mkdtemp(join(tmpdir(), 'skillnexus-mail-'));
  const dir = join(parent, 'maildir');
  const port = await freePort();
  const output = [];
  // Debian's python3-aiosmtpd belongs to Debian's python3, whatever python3 is first in PATH.
  const python = process.env.SMTP_PYTHON ?? '/usr/bin/python3';
  const child = spawn(
    python,
    ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (d) => output.push(String(d)));
  child.stderr.on('data', (d) => output.push(String(d)));
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  // Ready once it accepts connections.
  const accepting = () =>
    new Promise((resolveOk) => {
      const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolveOk(true);
        });
      socket.once('error', () => resolveOk(false));
    });
  await poll(
    async () => {
      if (exited) return 'exited';
      return accepting();
    },
    { timeoutMs: 20_000, what: 'aiosmtpd to listen' },
  );
  if (exited) throw new Error(`aiosmtpd exited: ${output.join('')}`);

  /** Every delivered message, as raw RFC 5322 text (Maildir: new/ and cur/). */
  async function messages() {
    const all = [];
    for (const sub of ['new', 'cur']) {
      let names = [];
      try {
        names = await readdir(join(dir, sub));
      } catch {
        continue;
      }
      for (const name of names.sort()) all.push(await readFile(join(dir, sub, name), 'utf8'));
    }
    return all;
  }

  /** Waits for a message to `to` whose decoded text matches `pattern`; returns the match. */
  async function waitFor(to, pattern, timeoutMs = 20_000) {
    return poll(
      async () => {
        for (const raw of await messages()) {
          const text = decodeMessage(raw);
          if (!new RegExp(`^(To|Delivered-To|X-RcptTo):.*${to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'im').test(raw)) continue;
          const match = pattern.exec(text);
          if (match) return match;
        }
        return null;
      },
      { timeoutMs, what: `an email to ${to} matching ${pattern}` },
    );
  }

  async function stop() {
    if (!exited) {
      child.kill('SIGTERM');
      await new Promise((r) => (exited ? r() : child.once('exit', r)));
    }
    await rm(parent, { recursive: true, force: true });
  }

  assert.ok(port > 0);
  return { url: `smtp://127.0.0.1:${port}`, messages, waitFor, stop };
}

/** The message with quoted-printable soft breaks and escapes undone, and base64 parts decoded. */
export function decodeMessage(raw) {
  let text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  // Base64 bodies: decode every long base64 block too, so a link inside is found either way.
  const blocks = raw.match(/(?:^[A-Za-z0-9+/=]{40,}\r?\n)+/gm) ?? [];
  for (const block of blocks) {
    try {
      text += '\n' + Buffer.from(block.replace(/\s+/g, ''), 'base64').toString('utf8');
    } catch {
      // not base64 after all
    }
  }
  return text;
}
