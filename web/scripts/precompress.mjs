#!/usr/bin/env node
// Writes X.gz (gzip level 9) and X.br (brotli quality 11) beside every
// compressible file X in the build output, so the server can send them as-is
// to clients that accept that Content-Encoding. A variant is only kept when it
// is smaller than the original. Uses Node's built-in zlib only.
//
// Usage: node scripts/precompress.mjs [dir]   (default: dist)

import { readdir, readFile, writeFile, stat, unlink, utimes } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

const COMPRESSIBLE = new Set([
  '.html',
  '.htm',
  '.js',
  '.mjs',
  '.cjs',
  '.css',
  '.svg',
  '.json',
  '.webmanifest',
  '.map',
  '.txt',
  '.xml',
  '.wasm',
  '.ico',
  '.ttf',
  '.otf',
]);

const TEXT = new Set(['.html', '.htm', '.js', '.mjs', '.cjs', '.css', '.svg', '.json',
  '.webmanifest', '.map', '.txt', '.xml']);

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

async function removeIfPresent(path) {
  try {
    await unlink(path);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
}

/** Writes `path` when `data` is smaller than the original; removes a stale one otherwise. */
async function writeVariant(path, data, original, info) {
  if (data.length >= original.length) {
    await removeIfPresent(path);
    return false;
  }
  await writeFile(path, data);
  // Same modification time as the original (to the second, as Last-Modified has it).
  await utimes(path, info.atimeMs / 1000, info.mtimeMs / 1000);
  return true;
}

async function compressFile(file) {
  const ext = extname(file).toLowerCase();
  const [original, info] = await Promise.all([readFile(file), stat(file)]);
  const [gz, br] = await Promise.all([
    gzip(original, { level: zlib.constants.Z_BEST_COMPRESSION }),
    brotli(original, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: TEXT.has(ext)
          ? zlib.constants.BROTLI_MODE_TEXT
          : zlib.constants.BROTLI_MODE_GENERIC,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: original.length,
      },
    }),
  ]);
  const wroteGz = await writeVariant(`${file}.gz`, gz, original, info);
  const wroteBr = await writeVariant(`${file}.br`, br, original, info);
  return {
    size: original.length,
    gz: wroteGz ? gz.length : null,
    br: wroteBr ? br.length : null,
  };
}

async function main() {
  const root = resolve(process.argv[2] ?? 'dist');
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    console.error(`precompress: ${root}: ${err.message}`);
    process.exit(1);
  }

  const files = [];
  for await (const file of walk(root)) {
    if (COMPRESSIBLE.has(extname(file).toLowerCase())) files.push(file);
  }
  files.sort();

  let written = 0;
  for (const file of files) {
    const result = await compressFile(file);
    written += (result.gz !== null) + (result.br !== null);
    const show = (n) => (n === null ? 'skipped' : `${n}`);
    console.log(
      `precompress: ${relative(root, file)}  ${result.size} B -> gz ${show(result.gz)}, br ${show(result.br)}`,
    );
  }
  console.log(`precompress: ${files.length} file(s) examined, ${written} variant(s) written`);
}

await main();
