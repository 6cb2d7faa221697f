#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml).
//
// Trunk starts the wasm app with an inline <script type="module"> in
// index.html. The page's Content-Security-Policy allows scripts from 'self'
// only, so this hook moves every inline module script of the built page into
// its own content-hashed file beside it and points the page at that file
// (with a subresource-integrity hash). The loader fetches the page's wasm
// as Trunk's <link rel="preload"> does (both without an integrity hash), so
// the browser uses the preloaded file and compiles it while it streams in.
// The worker's files, which Trunk
// does not content-hash, get a hash in their names (worker-HASH.js,
// worker-HASH_bg.wasm, written into worker-loader.js). Then it fills in the
// service worker's list of files (scripts/sw-manifest.mjs). Uses Node's
// standard library only.
//
// Environment (set by Trunk): TRUNK_STAGING_DIR, TRUNK_PUBLIC_URL.

import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("externalize-loader: TRUNK_STAGING_DIR is not set (run me from Trunk)");
  process.exit(2);
}
let base = process.env.TRUNK_PUBLIC_URL || "./";
if (!base.endsWith("/")) base += "/";

const htmlPath = join(staging, "index.html");
const html = readFileSync(htmlPath, "utf8");

// The loader fetches the page's wasm by its URL, without an integrity hash,
// as Trunk's <link rel="preload"> does once its hash is removed (below): the
// two requests match, so the browser uses the preloaded file instead of
// downloading it a second time, and the response resolves at its headers,
// so the WebAssembly compiles while it streams in (a fetch with an integrity
// hash resolves only when the whole file has arrived and been checked).

// Inline module scripts: <script type="module" ...> with no src attribute.
const inlineModule = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
let count = 0;
const out = html.replace(inlineModule, (whole, attrs, body) => {
  if (!/\btype\s*=\s*["']?module\b/i.test(attrs) || /\bsrc\s*=/i.test(attrs)) {
    return whole;
  }
  if (body.trim() === "") return whole;
  const bytes = Buffer.from(body.trim() + "\n", "utf8");
  const name = `loader-${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.js`;
  const sri = `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
  writeFileSync(join(staging, name), bytes);
  count += 1;
  const rest = attrs.replace(/\btype\s*=\s*["']?module["']?/i, "").trim();
  const extra = rest ? ` ${rest}` : "";
  // `async`: the module runs as soon as it and the glue it imports are
  // there, not after the whole page and its style sheets (a deferred module
  // script's turn), so the wasm is compiled while those still load; the
  // app waits for <body> itself (`dom::when_parsed` in src/app/dom.rs).
  return `<script type="module" async src="${base}${name}" integrity="${sri}" crossorigin="anonymous"${extra}></script>`;
});

if (count === 0) {
  console.error("externalize-loader: no inline module script found in " + htmlPath +
    " (did Trunk change its loader?)");
  process.exit(1);
}
// Chromium ignores `integrity` on a preload of a fetch and warns about it in
// the console on every visit; the loader's fetch above carries it instead.
const withoutPreloadIntegrity = out.replace(/<link\b[^>]*\brel="preload"[^>]*>/gi, (tag) =>
  /\.wasm"/.test(tag) ? tag.replace(/\s+integrity="[^"]*"/, "") : tag,
);
writeFileSync(htmlPath, withoutPreloadIntegrity);
console.log(`externalize-loader: moved ${count} inline module script(s) into files`);

// The worker's files get content-hashed names, written into worker-loader.js.
const glue = join(staging, "worker.js");
const wasm = join(staging, "worker_bg.wasm");
const workerLoader = join(staging, "worker-loader.js");
if (existsSync(glue) && existsSync(wasm) && existsSync(workerLoader)) {
  const hash = createHash("sha256").update(readFileSync(glue)).update(readFileSync(wasm)).digest("hex").slice(0, 16);
  const loaderText = readFileSync(workerLoader, "utf8");
  if (!loaderText.includes('"./worker.js"') || !loaderText.includes('"./worker_bg.wasm"')) {
    console.error("externalize-loader: worker-loader.js does not name ./worker.js and ./worker_bg.wasm");
    process.exit(1);
  }
  renameSync(glue, join(staging, `worker-${hash}.js`));
  renameSync(wasm, join(staging, `worker-${hash}_bg.wasm`));
  writeFileSync(
    workerLoader,
    loaderText
      .replace('"./worker.js"', JSON.stringify(`./worker-${hash}.js`))
      .replace('"./worker_bg.wasm"', JSON.stringify(`./worker-${hash}_bg.wasm`)),
  );
  console.log(`externalize-loader: worker files named worker-${hash}`);
}

// Then (Trunk runs the hooks of a stage at the same time, so this one does
// both in order) the service worker's list of files, which includes the
// loader written above.
const { writeServiceWorker } = await import("./sw-manifest.mjs");
writeServiceWorker(staging);
