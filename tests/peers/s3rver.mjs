#!/usr/bin/env node
// A real S3-compatible server on loopback for tests/integration/s3_store_test.cpp: s3rver (npm,
// a devDependency in web/package.json) with a data directory and buckets of the test's choosing.
//
// usage: node --openssl-legacy-provider tests/peers/s3rver.mjs [--port N] [--keep-alive-ms N]
//            [--tls-key FILE --tls-cert FILE] <directory> <bucket>...
//   --openssl-legacy-provider  s3rver makes its list continuation tokens with DES, which
//                    OpenSSL 3 keeps in its legacy provider
//   --port           0 (the default) for a free port
//   --keep-alive-ms  how long an idle connection is kept (Node's default: 5000; Node closes it a
//                    second later), so that a test can see a client cope with a closed connection
//   --tls-key, --tls-cert  PEM files: HTTPS instead of HTTP
// stdout: one JSON line {"port": N} once it listens, then a line for each event that tests count:
//   {"connection": n}                               a new TCP connection, the n-th
//   {"request": "PUT /bucket/key?...", "status": s}  a request answered
// AbortMultipartUpload, which s3rver lacks, is added (see below).
// It runs until killed. s3rver accepts any signature from the access key "S3RVER" (secret
// "S3RVER"); it does not check SigV4 (tests/integration/sigv4_reference_test.cpp does that).
//
// The packages come from web/node_modules, found from this file's own location so the script works
// from any checkout and any working directory.

import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const webRequire = createRequire(path.join(repo, "web", "package.json"));
const S3rver = webRequire("s3rver");

const { values, positionals } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    "keep-alive-ms": { type: "string" },
    "tls-key": { type: "string" },
    "tls-cert": { type: "string" },
  },
  allowPositionals: true,
});
const [directory, ...buckets] = positionals;
if (!directory) {
  process.stderr.write("usage: s3rver.mjs [options] <directory> <bucket>... (see the script)\n");
  process.exit(2);
}

try {
  crypto.createCipheriv("des", Buffer.alloc(8), Buffer.alloc(8));
} catch {
  process.stderr.write("s3rver makes list tokens with DES: run node --openssl-legacy-provider\n");
  process.exit(2);
}

// Synchronous when stdout is a file or a pipe, so lines never interleave.
const report = (event) => process.stdout.write(JSON.stringify(event) + "\n");

const s3rver = new S3rver({
  address: "127.0.0.1",
  port: Number(values.port),
  directory,
  silent: true, // its log would go to stdout
  configureBuckets: buckets.map((name) => ({ name })),
  ...(values["tls-key"] && {
    key: fs.readFileSync(values["tls-key"]),
    cert: fs.readFileSync(values["tls-cert"]),
  }),
});

// s3rver 3.7.1 answers "Range: bytes=0-0" with the whole object (its store takes an end of 0 for
// no end at all); S3 answers with the first byte, and so does this.
const store = s3rver.store;
const getObject = store.getObject.bind(store);
store.getObject = async (bucket, key, options) => {
  const object = await getObject(bucket, key, options);
  if (options?.start === 0 && options?.end === 0 && object?.content && object.range) {
    object.content.destroy();
    object.content = fs.createReadStream(store.getResourcePath(bucket, key, "object"), {
      start: 0,
      end: 0,
    });
    object.range = { start: 0, end: 0 };
  }
  return object;
};

// s3rver 3.7.1 keeps a multipart upload's parts in <bucket>/._S3rver_uploads/<upload id>/ but
// answers AbortMultipartUpload (DELETE ?uploadId) with 405: this aborts as S3 does, so that
// tests can see an aborted upload leave nothing behind.
const abortMultipartUpload = async (ctx, next) => {
  const match = /^\/([^/?]+)\/[^?]+$/.exec(ctx.path);
  if (ctx.method !== "DELETE" || !match || ctx.query.uploadId === undefined) return next();
  const dir = path.join(store.getResourcePath(match[1], undefined, "uploads"), ctx.query.uploadId);
  if (!/^[0-9a-f]+$/.test(ctx.query.uploadId) || !fs.existsSync(dir)) {
    ctx.status = 404;
    ctx.type = "application/xml";
    ctx.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchUpload</Code>" +
      "<Message>The specified upload does not exist.</Message></Error>";
    return;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  ctx.status = 204;
};
s3rver.middleware.unshift(abortMultipartUpload);

const { port } = await s3rver.run();

const server = s3rver.httpServer;
if (values["keep-alive-ms"] !== undefined) {
  server.keepAliveTimeout = Number(values["keep-alive-ms"]);
}
let connections = 0;
server.on("connection", () => report({ connection: ++connections }));
server.on("request", (req, res) => {
  res.on("finish", () => report({ request: `${req.method} ${req.url}`, status: res.statusCode }));
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
report({ port });
