#!/usr/bin/env node
// Writes the API description (../api/openapi.yaml) as JSON into the build output, where the
// server serves it at /api/v1/openapi.json for API clients and code generators.
//
// Usage: node scripts/openapi-json.mjs dist/openapi.json

import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: openapi-json.mjs OUT');
  process.exit(2);
}
const document = parse(await readFile(resolve(WEB_DIR, '../api/openapi.yaml'), 'utf8'));
await writeFile(resolve(process.cwd(), out), JSON.stringify(document));
