// The OpenAPI document and the server agree: every route the server registers
// (`GET /api/v1/admin/routes`) is documented in api/openapi.yaml, and every documented operation
// is served. Path templates use `{param}` on both sides; parameter names do not matter.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { signedInAdmin } from './support/accounts.mjs';
import { serverHarness } from './support/harness.mjs';
import { WEB_DIR } from './support/server.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** `/api/v1/users/{id}/x` → `/api/v1/users/{}/x`. */
function normalise(path) {
  return path.replace(/\{[^}]*\}/g, '{}');
}

async function documentedOperations() {
  const doc = parse(await readFile(resolve(WEB_DIR, '../api/openapi.yaml'), 'utf8'));
  assert.match(String(doc.openapi), /^3\.1\./, 'api/openapi.yaml is not OpenAPI 3.1');
  const operations = new Set();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      if (item[method]) operations.add(`${method.toUpperCase()} ${normalise(path)}`);
    }
  }
  return operations;
}

describe('api/openapi.yaml matches the served routes', () => {
  const h = serverHarness({ browser: false });

  test('every served route is documented and every documented operation is served', { timeout: 120_000 }, () =>
    h.run(async ({ server }) => {
      const documented = await documentedOperations();
      const { cookie } = await signedInAdmin(server);
      const res = await server.request('GET', '/api/v1/admin/routes', { cookie });
      assert.equal(res.status, 200, `GET /api/v1/admin/routes answered ${res.status}`);
      const served = new Set(res.body.routes.map((r) => `${r.method.toUpperCase()} ${normalise(r.pattern)}`));
      assert.ok(served.size > 10, 'suspiciously few routes');

      const undocumented = [...served].filter((op) => !documented.has(op)).sort();
      const unserved = [...documented].filter((op) => !served.has(op)).sort();
      assert.deepEqual(
        { undocumented, unserved },
        { undocumented: [], unserved: [] },
        `server and api/openapi.yaml disagree:\n  served but not documented: ${undocumented.join(', ') || 'none'}\n  documented but not served: ${unserved.join(', ') || 'none'}`,
      );
    }));

  test('the server publishes the same document as JSON at /api/v1/openapi.json', { timeout: 60_000 }, () =>
    h.run(async ({ server }) => {
      const doc = parse(await readFile(resolve(WEB_DIR, '../api/openapi.yaml'), 'utf8'));
      const res = await server.request('GET', '/api/v1/openapi.json');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(res.body, doc);
      const etag = res.headers.get('etag');
      assert.ok(etag, 'no ETag');
      const again = await server.request('GET', '/api/v1/openapi.json', { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
    }));
});
