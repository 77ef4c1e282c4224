#!/usr/bin/env node
// Generates src/api/schema.d.ts from ../api/openapi.yaml with openapi-typescript.
//
//   node scripts/gen-api.mjs          write the file
//   node scripts/gen-api.mjs --check  fail if the committed file differs from a fresh generation
//
// `npm run build` runs the check, so the typed client can never drift from the document.

import { readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'skillnexus-openapi-gen';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = resolve(WEB_DIR, '../api/openapi.yaml');
const OUT = resolve(WEB_DIR, 'src/api/schema.d.ts');

const HEADER = `// Generated from api/openapi.yaml by \`npm run gen:api\` (openapi-typescript). Do not edit.\n\n`;

async function generate() {
  const ast = await openapiTS(pathToFileURL(SPEC), {
    // The contract's optional fields are optional, not `T | undefined`, under exactOptionalPropertyTypes.
    exactOptionalPropertyTypes: true,
    alphabetize: false,
  });
  return HEADER + astToString(ast);
}

const check = process.argv.includes('--check');
const fresh = await generate();
if (check) {
  const current = await readFile(OUT, 'utf8').catch(() => '');
  if (current !== fresh) {
    console.error(
      `${relative(process.cwd(), OUT)} is out of date with api/openapi.yaml: run \`npm run gen:api\` in web/ and commit it.`,
    );
    process.exit(1);
  }
} else {
  await writeFile(OUT, fresh);
  console.log(`wrote ${relative(process.cwd(), OUT)}`);
}
