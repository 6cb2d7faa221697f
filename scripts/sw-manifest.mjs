#!/usr/bin/env node
// Fills in the service worker (sw.js, copied by Trunk from www/sw.js) with
// the list of the built app's files and a version that changes whenever any
// of them does. Called at the end of Trunk's post-build hook
// (scripts/externalize-loader.mjs), after the loader has been written, or on
// its own: `node scripts/sw-manifest.mjs DIR`. Node's standard library only.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

const SW = "sw.js";

function files(dir, root = dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full, root));
    else out.push(relative(root, full).split(sep).join("/"));
  }
  return out;
}

/** Writes `dir/sw.js` with the files of `dir` (every file but sw.js itself). */
export function writeServiceWorker(dir) {
  const swPath = join(dir, SW);
  const template = readFileSync(swPath, "utf8");
  if (!template.includes("__SEMLAB_FILES__")) {
    console.log("sw-manifest: sw.js is already filled in");
    return;
  }
  const names = files(dir).filter((f) => f !== SW);
  const hash = createHash("sha256");
  for (const f of names) {
    hash.update(f);
    hash.update("\0");
    hash.update(readFileSync(join(dir, f)));
  }
  const version = hash.digest("hex").slice(0, 16);
  const list = ["./", ...names.map((f) => `./${f}`)];
  const out = template
    .replace('"__SEMLAB_VERSION__"', JSON.stringify(version))
    .replace("__SEMLAB_FILES__", JSON.stringify(list, null, 2));
  writeFileSync(swPath, out);
  console.log(`sw-manifest: ${list.length} files, version ${version}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeServiceWorker(resolve(process.argv[2] || process.env.TRUNK_STAGING_DIR || "dist"));
}
