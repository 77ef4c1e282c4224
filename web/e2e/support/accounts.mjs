// Account set-up done from the test (not the browser): a signed-in admin, or people with sessions.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { secondsLeftInStep, totp } from './totp.mjs';

/** A TOTP code that will still be valid for a few seconds (waits past a step boundary). */
export async function freshCode(secret) {
  if (secondsLeftInStep() < 3) await sleep(secondsLeftInStep() * 1000 + 100);
  return totp(secret);
}

/**
 * Creates an admin with `skillnexus admin create`, sets the password through the link's token,
 * signs in and, when admin routes ask for two-factor authentication, enrols (TOTP) and signs in
 * again with a code. Returns {email, password, cookie, secret?}.
 */
export async function signedInAdmin(server, email = 'admin@example.com', password = 'correct horse battery staple') {
  const token = await server.createAdmin(email);
  const set = await server.request('POST', '/api/v1/auth/password', { body: { token, password } });
  assert.equal(set.status, 204, `setting the password answered ${set.status}: ${JSON.stringify(set.body)}`);
  let cookie = await server.signIn(email, password);
  const probe = await server.request('GET', '/api/v1/admin/routes', { cookie });
  if (probe.status === 403 && probe.body?.code === 'mfa_enrolment_required') {
    const started = await server.request('POST', '/api/v1/me/mfa/totp', { cookie, body: { current_password: password } });
    assert.equal(started.status, 200, `MFA enrolment answered ${started.status}: ${JSON.stringify(started.body)}`);
    const secret = started.body.secret;
    const confirmed = await server.request('POST', '/api/v1/me/mfa/totp/confirm', {
      cookie,
      body: { code: await freshCode(secret) },
    });
    assert.equal(confirmed.status, 200, `MFA confirmation answered ${confirmed.status}: ${JSON.stringify(confirmed.body)}`);
    // A code is used once: the next sign-in needs the next step's code.
    await sleep(secondsLeftInStep() * 1000 + 100);
    cookie = await server.signIn(email, password, totp(secret));
    return { email, password, cookie, secret };
  }
  assert.equal(probe.status, 200, `GET /api/v1/admin/routes answered ${probe.status}: ${JSON.stringify(probe.body)}`);
  return { email, password, cookie };
}

/**
 * A verified user and a live web session for them, made directly in the database (no password,
 * no sign-in: for tests about what signed-in people do, not how they sign in).
 * Returns {id, email, cookie}.
 */
export async function personWithSession(server, email, role, name = '') {
  const [id] = (
    await server.psql(
      `INSERT INTO users (email, name, role, email_verified_at) VALUES ('${email}', '${name}', '${role}', now()) RETURNING id`,
    )
  ).split('\n');
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  await server.psql(
    `INSERT INTO sessions (token_hash, user_id, expires_at, auth_method) VALUES ('${hash}', '${id.trim()}', now() + interval '1 hour', 'password')`,
  );
  return { id: id.trim(), email, cookie: `sn_session=${token}` };
}
