// A real SMTP server for the tests: Debian's python3-aiosmtpd, delivering into a Maildir.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mailbox, readMessages } from './mail.mjs';
import { poll } from './server.mjs';

/**
 * aiosmtpd listening on a port the kernel chose, held from the start: it prints the port once it
 * listens. (Probing for a free port and handing it over left a gap in which a test starting
 * alongside could take the same port; one aiosmtpd then failed while its test read the other's
 * mailbox.)
 */
const SERVE = `
import asyncio, sys
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP

async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Mailbox(sys.argv[1])), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()

asyncio.run(main())
`;

/** Starts aiosmtpd; returns {url, messages(), waitFor(to, pattern), stop()}. */
export async function startSmtp() {
  // aiosmtpd's Maildir handler makes cur/, new/ and tmp/ only for a folder that does not exist
  // yet; an existing empty folder makes every delivery fail (SMTP 500).
  const parent = await mkdtemp(join(tmpdir(), 'skillnexus-mail-'));
  const dir = join(parent, 'maildir');
  const output = [];
  // Debian's python3-aiosmtpd belongs to Debian's python3, whatever python3 is first in PATH.
  const python = process.env.SMTP_PYTHON ?? '/usr/bin/python3';
  const child = spawn(python, ['-c', SERVE, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  let port = 0;
  child.stdout.on('data', (d) => {
    output.push(String(d));
    const first = output.join('').split('\n')[0];
    if (!port && /^\d+$/.test(first.trim()) && output.join('').includes('\n')) port = Number(first.trim());
  });
  child.stderr.on('data', (d) => output.push(String(d)));
  await poll(async () => exited || port > 0, { timeoutMs: 20_000, what: 'aiosmtpd to listen' });
  if (!port) throw new Error(`aiosmtpd exited: ${output.join('')}`);

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
