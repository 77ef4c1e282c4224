#!/usr/bin/env node
// What the AWS SDK for JavaScript's SigV4 signer (@smithy/signature-v4) computes for a list of
// requests: the reference that tests/integration/sigv4_reference_test.cpp holds our signer to.
//
// stdin: a JSON array of requests
//   {method, host, path, query: [[name, value], ...], headers: [[name, value], ...], body, time,
//    region, service, access_key_id, secret_access_key, session_token?, presign_expires?}
// where `path` is decoded ("/bucket/my key.txt"): it is encoded here segment by segment as the
// SDK's S3 client encodes a key, with the SDK's own escapeUri. Query names and values and the body
// are plain text; `time` is ISO 8601.
// stdout: a JSON array, one entry per request:
//   header signing:  {"headers": {"authorization": ..., "x-amz-date": ..., ...}} (all of the
//                    signed request's headers, names lower-cased)
//   presigning:      {"query": {"X-Amz-Signature": ..., ...}} (decoded values; a repeated name
//                    gives an array)
//
// The packages come from web/node_modules (web/package.json's devDependencies), found from this
// file's own location so the script works from any checkout and any working directory.

import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const webRequire = createRequire(path.join(repo, "web", "package.json"));
const { SignatureV4 } = webRequire("@smithy/signature-v4");
const { Sha256 } = webRequire("@aws-crypto/sha256-js");
// @smithy/core is the signer's own dependency: resolve it from there, wherever npm put it.
const signerRequire = createRequire(webRequire.resolve("@smithy/signature-v4"));
const { escapeUri } = signerRequire("@smithy/core/protocols");

const SHA256_HEADER = "x-amz-content-sha256";

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

// A list of pairs as the signer's query object: a repeated name becomes an array.
function queryObject(pairs) {
  const query = {};
  for (const [name, value] of pairs ?? []) {
    if (!Object.hasOwn(query, name)) query[name] = value;
    else if (Array.isArray(query[name])) query[name].push(value);
    else query[name] = [query[name], value];
  }
  return query;
}

function headerObject(pairs, host) {
  const headers = { host };
  for (const [name, value] of pairs ?? []) {
    const lower = name.toLowerCase();
    headers[lower] = Object.hasOwn(headers, lower) ? `${headers[lower]},${value}` : value;
  }
  return headers;
}

async function compute(input) {
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: input.access_key_id,
      secretAccessKey: input.secret_access_key,
      ...(input.session_token ? { sessionToken: input.session_token } : {}),
    },
    region: input.region,
    service: input.service,
    sha256: Sha256,
    uriEscapePath: false, // S3: the path is signed as sent, encoded once
    applyChecksum: true, // S3: send and sign x-amz-content-sha256
  });
  const [hostname, port] = input.host.split(":");
  const request = {
    method: input.method,
    protocol: "https:",
    hostname,
    ...(port ? { port: Number(port) } : {}),
    path: input.path.split("/").map(escapeUri).join("/"),
    query: queryObject(input.query),
    headers: headerObject(input.headers, input.host),
    body: input.body ?? "",
  };
  const signingDate = new Date(input.time);

  if (input.presign_expires === undefined) {
    const signed = await signer.sign(request, { signingDate });
    return { headers: signed.headers };
  }
  // As S3 documents query authentication: UNSIGNED-PAYLOAD, and no X-Amz-Content-Sha256
  // parameter (the SDK would otherwise hoist the header into the query and sign it).
  request.headers[SHA256_HEADER] = "UNSIGNED-PAYLOAD";
  const keep = new Set([SHA256_HEADER]);
  const presigned = await signer.presign(request, {
    signingDate,
    expiresIn: input.presign_expires,
    unhoistableHeaders: keep,
    unsignableHeaders: keep,
  });
  return { query: presigned.query };
}

const inputs = JSON.parse(await readStdin());
const outputs = [];
for (const input of inputs) outputs.push(await compute(input));
process.stdout.write(JSON.stringify(outputs) + "\n");
