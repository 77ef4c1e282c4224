// Reading the mail the server sent: from the test SMTP server's Maildir (smtp.mjs) or, when no
// SMTP server is configured, from the `.eml` files the server writes under `<data dir>/mail/`.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { poll } from './server.mjs';

/**
 * A mailbox over `messages()` (every delivered message as raw RFC 5322 text);
 * `waitFor(to, pattern)` waits for a message to `to` whose decoded text matches `pattern` and
 * returns the match.
 */
export function mailbox(messages) {
  async function waitFor(to, pattern, timeoutMs = 20_000) {
    const recipient = new RegExp(`^(To|Delivered-To|X-RcptTo):.*${to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'im');
    return poll(
      async () => {
        for (const raw of await messages()) {
          if (!recipient.test(raw)) continue;
          const match = pattern.exec(decodeMessage(raw));
          if (match) return match;
        }
        return null;
      },
      { timeoutMs, what: `an email to ${to} matching ${pattern}` },
    );
  }
  return { messages, waitFor };
}

/** The messages in `dirs` (read in name order), skipping a folder that does not exist (yet). */
export async function readMessages(dirs, accept = () => true) {
  const all = [];
  for (const dir of dirs) {
    let names = [];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const name of names.filter(accept).sort()) all.push(await readFile(join(dir, name), 'utf8'));
  }
  return all;
}

/** The `.eml` files a server without SMTP writes (its data directory's `mail/` folder). */
export function emlMailbox(server) {
  const dir = join(server.dataDir, 'mail');
  return mailbox(() => readMessages([dir], (name) => name.endsWith('.eml')));
}

/**
 * The message with quoted-printable soft breaks and escapes undone (only when it says it is
 * quoted-printable: in an 8bit body "#token=AB…" is not an escape) and base64 parts decoded.
 */
export function decodeMessage(raw) {
  let text = /^Content-Transfer-Encoding:\s*quoted-printable/im.test(raw)
    ? raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
    : raw;
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
