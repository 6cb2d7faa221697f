#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml).
//
// Trunk starts the wasm app with an inline <script type="module"> in
// index.html. The page's Content-Security-Policy allows scripts from 'self'
// only, so this hook moves every inline module script of the built page into
// its own content-hashed file beside it and points the page at that file
// (with a subresource-integrity hash), then fills in the service worker's
// list of files (scripts/sw-manifest.mjs). Uses Node's standard library only.
//
// Environment (set by Trunk): TRUNK_STAGING_DIR, TRUNK_PUBLIC_URL.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
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
  return `<script type="module" src="${base}${name}" integrity="${sri}" crossorigin="anonymous"${extra}></script>`;
});

if (count === 0) {
  console.error("externalize-loader: no inline module script found in " + htmlPath +
    " (did Trunk change its loader?)");
  process.exit(1);
}
writeFileSync(htmlPath, out);
console.log(`externalize-loader: moved ${count} inline module script(s) into files`);

// Then (Trunk runs the hooks of a stage at the same time, so this one does
// both in order) the service worker's list of files, which includes the
// loader written above.
const { writeServiceWorker } = await import("./sw-manifest.mjs");
writeServiceWorker(staging);
