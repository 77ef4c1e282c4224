// A real SMTP server for the tests: Debian's python3-aiosmtpd, delivering into a Maildir.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mailbox, readMessages } from './mail.mjs';
import { poll } from './server.mjs';

/**
 * A free port for aiosmtpd, drawn at random below the ephemeral range. Not port 0's pick: tests
 * start side by side, the kernel hands a just-released port 0 to the next caller, and two
 * aiosmtpd on one port means one of them fails while its test talks to the other one's mailbox.
 */
async function freePort() {
  for (let i = 0; i < 100; i++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const free = await new Promise((resolveFree) => {
      const probe = createServer();
      probe.once('error', () => resolveFree(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolveFree(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port for the test SMTP server');
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

  // Every delivered message, as raw RFC 5322 text (Maildir: new/ and cur/).
  const box = mailbox(() => readMessages([join(dir, 'new'), join(dir, 'cur')]));

  async function stop() {
    if (!exited) {
      child.kill('SIGTERM');
      await new Promise((r) => (exited ? r() : child.once('exit', r)));
    }
    await rm(parent, { recursive: true, force: true });
  }

  assert.ok(port > 0);
  return { url: `smtp://127.0.0.1:${port}`, messages: box.messages, waitFor: box.waitFor, stop };
}
