// Single sign-on end to end: the real server binary against a real OpenID provider
// (oidc-provider, configured like AWS Cognito) on loopback, driven by headless Chromium.
// Run with `npm run test:e2e` after building the server (and `npm run build` for the web app).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { PAGE_TIMEOUT_MS } from './support/browser.mjs';
import { serverHarness } from './support/harness.mjs';
import { ACCOUNTS, startOidcProvider } from './support/oidc-provider.mjs';

const CLIENT_ID = 'skillnexus-e2e';
const CLIENT_SECRET = 'e2e-client-secret-0123456789';
const LOGIN = 'ada.teacher';

/** @type {Awaited<ReturnType<typeof startOidcProvider>> | null} */
let provider = null;
/** The account the first sign-in created. */
let firstUserId = null;

const base64url = (buffer) => buffer.toString('base64url');

/** Fills in the provider's login page, then its consent page (when it asks). */
async function signInAtProvider(page) {
  await page.locator('input[name=login]').waitFor({ timeout: PAGE_TIMEOUT_MS });
  await page.locator('input[name=login]').fill(LOGIN);
  await page.locator('input[name=password]').fill('any password works here');
  await page.locator('button[type=submit]').click();
  const consent = page.locator('button[type=submit]', { hasText: 'Continue' });
  await consent.waitFor({ timeout: PAGE_TIMEOUT_MS });
  await consent.click();
}

/** Runs the app's SSO flow in a fresh browser context; returns the context and page. */
async function appSignIn({ server, browser }, returnTo) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const start = `${server.url}/api/v1/auth/oidc/start?return_to=${encodeURIComponent(returnTo)}`;
  await page.goto(start, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT_MS });
  assert.equal(new URL(page.url()).origin, provider.issuer, 'start did not lead to the provider');
  await signInAtProvider(page);
  await page.waitForURL((url) => url.origin === server.url && !url.pathname.startsWith('/api/'), {
    timeout: PAGE_TIMEOUT_MS,
    waitUntil: 'commit',
  });
  return { context, page };
}

async function me(server, request, headers = {}) {
  const res = await request.get(`${server.url}/api/v1/me`, { headers });
  return { status: res.status(), body: res.status() === 200 ? await res.json() : await res.text() };
}

describe('single sign-on with an OpenID provider', () => {
  const h = serverHarness({
    env: async () => {
      provider = await startOidcProvider();
      return {
        SKILLNEXUS_OIDC_ISSUER: provider.issuer,
        SKILLNEXUS_OIDC_CLIENT_ID: CLIENT_ID,
        SKILLNEXUS_OIDC_CLIENT_SECRET: CLIENT_SECRET,
        SKILLNEXUS_OIDC_ROLE_MAP: 'admins=admin,teachers=instructor',
        SKILLNEXUS_OIDC_NAME: 'Example Company',
      };
    },
    setUp: async ({ server }) => {
      provider.configure({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUri: `${server.url}/api/v1/auth/oidc/callback`,
      });
    },
    tearDown: async () => {
      await provider?.close();
    },
  });

  test('GET /api/v1/auth/oidc says single sign-on is on, with its label', () =>
    h.run(async ({ server }) => {
      const res = await fetch(`${server.url}/api/v1/auth/oidc`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { enabled: true, name: 'Example Company' });
    }));

  test('signs in at the provider and lands back with a JIT account and the mapped role', () =>
    h.run(async ({ server, browser }) => {
      const { context, page } = await appSignIn({ server, browser }, '/courses/intro?tab=2');
      try {
        const landed = new URL(page.url());
        assert.equal(landed.pathname + landed.search, '/courses/intro?tab=2');
        const { status, body } = await me(server, context.request);
        assert.equal(status, 200, `GET /api/v1/me: ${JSON.stringify(body)}`);
        assert.equal(body.email, ACCOUNTS[LOGIN].email);
        assert.equal(body.name, ACCOUNTS[LOGIN].name);
        assert.equal(body.role, 'instructor', 'the teachers group maps to instructor');
        assert.equal(body.email_verified, true);
        firstUserId = body.id;
        const cookies = await context.cookies(server.url);
        assert.ok(cookies.some((c) => c.name === 'sn_session' && c.httpOnly));
        assert.ok(!cookies.some((c) => c.name === 'sn_oidc_state' && c.value), 'state cookie left');
      } finally {
        await context.close();
      }
    }));

  test('a second sign-in reuses the account; return_to cannot leave the site', () =>
    h.run(async ({ server, browser }) => {
      assert.ok(firstUserId, 'the first sign-in did not run');
      const { context, page } = await appSignIn({ server, browser }, '//evil.example.com/');
      try {
        assert.equal(page.url(), `${server.url}/`);
        const { status, body } = await me(server, context.request);
        assert.equal(status, 200);
        assert.equal(body.id, firstUserId);
      } finally {
        await context.close();
      }
    }));

  test('a callback whose state does not match the browser is refused', () =>
    h.run(async ({ server, browser }) => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const callbacks = [];
        page.on('request', (request) => {
          if (request.url().startsWith(`${server.url}/api/v1/auth/oidc/callback`)) {
            callbacks.push(request.url());
          }
        });
        await page.goto(`${server.url}/api/v1/auth/oidc/start?return_to=/`, {
          waitUntil: 'domcontentloaded',
          timeout: PAGE_TIMEOUT_MS,
        });
        const stateCookie = (await context.cookies(server.url)).find(
          (c) => c.name === 'sn_oidc_state',
        );
        assert.ok(stateCookie?.httpOnly, 'start set no HttpOnly state cookie');

        // 1. The cookie holds another state (as if another browser started the flow).
        await context.addCookies([{ ...stateCookie, value: base64url(randomBytes(32)) }]);
        await signInAtProvider(page);
        await page.waitForURL((url) => url.origin === server.url && url.pathname === '/sign-in', {
          timeout: PAGE_TIMEOUT_MS,
          waitUntil: 'commit',
        });
        assert.equal(new URL(page.url()).searchParams.get('error'), 'sso_failed');
        assert.equal((await me(server, context.request)).status, 401, 'no session after a refused callback');
        assert.equal(callbacks.length, 1);

        // 2. The genuine cookie, a tampered state in the callback URL.
        const callback = new URL(callbacks[0]);
        const tampered = new URL(callback);
        tampered.searchParams.set('state', base64url(randomBytes(32)));
        await context.addCookies([stateCookie]);
        let res = await context.request.get(tampered.href, { maxRedirects: 0 });
        assert.equal(res.status(), 302);
        assert.equal(res.headers().location, '/sign-in?error=sso_failed');
        assert.equal((await me(server, context.request)).status, 401);

        // 3. Both genuine: the very same callback now works, so the refusals were for the
        //    tampering alone.
        await context.addCookies([stateCookie]);
        res = await context.request.get(callback.href, { maxRedirects: 0 });
        assert.equal(res.status(), 302);
        assert.equal(res.headers().location, '/');
        const { status, body } = await me(server, context.request);
        assert.equal(status, 200);
        assert.equal(body.id, firstUserId);

        // 4. A state works once.
        await context.clearCookies();
        await context.addCookies([stateCookie]);
        res = await context.request.get(callback.href, { maxRedirects: 0 });
        assert.equal(res.headers().location, '/sign-in?error=sso_failed');
      } finally {
        await context.close();
      }
    }));

  test("the provider's access token works as a bearer token; its id_token does not", () =>
    h.run(async ({ server, browser }) => {
      assert.ok(firstUserId, 'the first sign-in did not run');
      // What a mobile app does with the hosted UI: code + PKCE to its own redirect URI.
      const verifier = base64url(randomBytes(32));
      const state = base64url(randomBytes(16));
      const authorize = new URL(`${provider.issuer}/auth`);
      authorize.search = new URLSearchParams({
        client_id: CLIENT_ID,
        response_type: 'code',
        redirect_uri: provider.mobileRedirectUri,
        scope: 'openid email profile api',
        state,
        nonce: base64url(randomBytes(16)),
        code_challenge: base64url(createHash('sha256').update(verifier).digest()),
        code_challenge_method: 'S256',
      }).toString();
      const context = await browser.newContext();
      let tokens;
      try {
        const page = await context.newPage();
        await page.goto(authorize.href, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT_MS });
        await signInAtProvider(page);
        await page.waitForURL((url) => url.pathname === '/mobile-callback', {
          timeout: PAGE_TIMEOUT_MS,
        });
        const code = provider.mobileResponses.get(state)?.get('code');
        assert.ok(code, 'no authorization code reached the mobile redirect URI');
        const res = await fetch(`${provider.issuer}/token`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            redirect_uri: provider.mobileRedirectUri,
            code_verifier: verifier,
          }),
        });
        tokens = await res.json();
        assert.equal(res.status, 200, JSON.stringify(tokens));
      } finally {
        await context.close();
      }
      const [, payload] = tokens.access_token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      assert.equal(claims.token_use, 'access');
      assert.equal(claims.client_id, CLIENT_ID);

      const apiContext = await browser.newContext();
      const request = apiContext.request;
      const withAccess = await me(server, request, { authorization: `Bearer ${tokens.access_token}` });
      assert.equal(withAccess.status, 200, `bearer access token refused: ${withAccess.body}`);
      assert.equal(withAccess.body.id, firstUserId);
      assert.equal(withAccess.body.role, 'instructor');

      const withId = await me(server, request, { authorization: `Bearer ${tokens.id_token}` });
      assert.equal(withId.status, 401, 'an id_token must not work as a bearer token');

      // One character of the signature changed.
      const at = tokens.access_token.length - 10;
      const swapped = tokens.access_token[at] === 'A' ? 'B' : 'A';
      const forged = tokens.access_token.slice(0, at) + swapped + tokens.access_token.slice(at + 1);
      assert.equal((await me(server, request, { authorization: `Bearer ${forged}` })).status, 401);
      await apiContext.close();
    }));

  test('no secret or token reaches the server log', () =>
    h.run(async ({ server }) => {
      const leaks = server.output.filter(
        (line) => line.includes(CLIENT_SECRET) || /eyJ[\w-]+\.eyJ/.test(line) || /code=/.test(line),
      );
      assert.deepEqual(leaks, []);
    }));
});
