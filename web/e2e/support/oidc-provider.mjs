// A real OpenID provider (npm's oidc-provider) on a loopback port, configured like AWS Cognito:
// RS256 only; `cognito:groups`, `email` and `email_verified` in the id_token; one confidential
// client that must use PKCE; JWT access tokens that carry `token_use: "access"` and
// `client_id`, as Cognito's do.
//
// The provider listens before it is configured: the app needs the issuer URL to start, and the
// provider needs the app's callback URL (which holds the app's port) to register the client.

import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

/** The resource server that JWT access tokens are issued for (the SkillNexus API). */
export const API_RESOURCE = 'https://api.skillnexus.test';

/**
 * Accounts the login page accepts: the login name is the account id; any password works
 * (oidc-provider's development login page).
 */
export const ACCOUNTS = {
  'ada.teacher': {
    email: 'ada.teacher@example.com',
    name: 'Ada Teacher',
    groups: ['staff', 'teachers'],
  },
};

export async function startOidcProvider() {
  /** @type {((req: any, res: any) => void) | null} */
  let handler = null;
  /** Authorization responses sent to the "mobile app" redirect URI, by state. */
  const mobileResponses = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/mobile-callback') {
      // Stands in for a mobile app's redirect URI: records the code, shows a plain page.
      mobileResponses.set(url.searchParams.get('state'), url.searchParams);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('signed in');
      return;
    }
    if (!handler) {
      res.writeHead(503);
      res.end();
      return;
    }
    handler(req, res);
  });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', alg: 'RS256', use: 'sig' };

  return {
    issuer,
    mobileRedirectUri: `${issuer}/mobile-callback`,
    mobileResponses,
    /**
     * Registers the one client and starts answering.
     * @param {{clientId: string, clientSecret: string, redirectUri: string}} client
     */
    configure({ clientId, clientSecret, redirectUri }) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri, `${issuer}/mobile-callback`],
            response_types: ['code'],
            grant_types: ['authorization_code'],
            token_endpoint_auth_method: 'client_secret_basic',
            id_token_signed_response_alg: 'RS256',
          },
        ],
        jwks: { keys: [signingKey] },
        cookies: { keys: ['e2e-only-cookie-signing-key'] },
        pkce: { required: () => true },
        // Cognito puts the user's claims into the id_token, not only behind userinfo.
        conformIdTokenClaims: false,
        claims: {
          openid: ['sub', 'cognito:groups', 'cognito:username'],
          email: ['email', 'email_verified'],
          profile: ['name'],
        },
        async findAccount(_ctx, id) {
          const account = ACCOUNTS[id];
          return {
            accountId: id,
            async claims() {
              return {
                sub: id,
                'cognito:username': id,
                'cognito:groups': account?.groups ?? [],
                email: account?.email ?? `${id}@example.com`,
                email_verified: true,
                name: account?.name ?? id,
              };
            },
          };
        },
        features: {
          devInteractions: { enabled: true },
          resourceIndicators: {
            enabled: true,
            defaultResource: () => API_RESOURCE,
            useGrantedResource: () => true,
            getResourceServerInfo: () => ({
              scope: 'api',
              audience: API_RESOURCE,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: 'RS256' } },
            }),
          },
        },
        // Cognito's access tokens say what they are; JWT access tokens carry client_id already.
        async extraTokenClaims(_ctx, token) {
          if (token.kind !== 'AccessToken') return undefined;
          return { token_use: 'access', 'cognito:groups': ACCOUNTS[token.accountId]?.groups ?? [] };
        },
        enabledJWA: {
          idTokenSigningAlgValues: ['RS256'],
        },
      });
      handler = provider.callback();
      return provider;
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
