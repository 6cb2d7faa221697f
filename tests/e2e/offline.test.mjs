// Offline: after the first visit the service worker (sw.js) keeps the app's
// own files, so with the network cut (Playwright's offline mode) a reload
// still opens the app and an example analysis still runs — and nothing
// reaches the server. Served from a sub-path, as a static host might.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DIST, launchBrowser, waitForApp, watch } from "./helpers.mjs";
import { startStaticServer } from "../../scripts/static-server.mjs";
import { EXAMPLES, loadExample } from "./app.mjs";

let root, server, context, page, log;
before(async () => {
  // dist/ under /course/semlab/ of a static host
  root = mkdtempSync(join(tmpdir(), "semlab-offline-"));
  cpSync(DIST, join(root, "course", "semlab"), { recursive: true });
  server = await startStaticServer({ root, port: 0 });
  context = await launchBrowser({ serviceWorkers: "allow" });
  log = await watch(context, server.url);
  page = context.pages()[0] ?? (await context.newPage());
});
after(async () => {
  await context?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

test("the service worker lists every file of the build", () => {
  const sw = readFileSync(join(DIST, "sw.js"), "utf8");
  assert.ok(!sw.includes("__SEMLAB_"), "filled in at build time");
  const files = JSON.parse(/const FILES = (\[[\s\S]*?\]);/.exec(sw)[1]);
  assert.ok(files.includes("./") && files.includes("./index.html"));
  assert.ok(files.includes("./worker-loader.js"));
  assert.ok(files.some((f) => /^\.\/worker-[0-9a-f]{16}_bg\.wasm$/.test(f)), "the worker's wasm");
  assert.ok(!files.includes("./worker_bg.wasm"), "under its content-hashed name only");
  assert.ok(files.some((f) => /^\.\/app-[0-9a-f]+_bg\.wasm$/.test(f)), "the page's wasm");
  assert.ok(files.some((f) => /^\.\/loader-[0-9a-f]+\.js$/.test(f)), "the loader");
  assert.match(sw, /const VERSION = "[0-9a-f]{16}";/);
});

test("after the first visit, a reload with the network off still runs an analysis", async () => {
  const url = `${server.url}course/semlab/`;
  await page.goto(url, { waitUntil: "load" });
  await waitForApp(page);
  // the service worker has cached the app and controls the page
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, url, "registered for the app's own folder");
  await loadExample(page, EXAMPLES[0]);

  const served = server.requests.length;
  await context.setOffline(true);
  await page.reload({ waitUntil: "load" });
  await waitForApp(page);
  await loadExample(page, EXAMPLES[2]);
  assert.ok(await page.locator("#diagram svg").isVisible(), "the diagram too");
  assert.equal(server.requests.length, served, "nothing reached the server while offline");
  await context.setOffline(false);

  assert.deepEqual(log.pageErrors, [], "uncaught exceptions");
  assert.deepEqual(log.consoleErrors, [], "console errors");
  assert.deepEqual(log.foreign, [], "requests to anything but the local server");
});

test("the first visit downloads each file once, and the service worker keeps what was loaded", async () => {
  // A browser of its own without request interception (Playwright's routing,
  // used by watch() above, turns the HTTP cache off).
  const first = await startStaticServer({ root, port: 0 });
  const browser = await launchBrowser({ serviceWorkers: "allow" });
  try {
    const tab = browser.pages()[0] ?? (await browser.newPage());
    const warnings = [];
    tab.on("console", (m) => {
      if (m.type() === "warning" || m.type() === "error") warnings.push(m.text());
    });
    await tab.goto(`${first.url}course/semlab/`, { waitUntil: "load" });
    await waitForApp(tab);
    await tab.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The page's loads fill the HTTP cache, from which the service worker's
    // install takes the content-hashed files (the two wasm files are 3.5 MB,
    // costly on a rural mobile connection). The test server says
    // "no-cache", so a file fetched again would reach it again.
    const counts = new Map();
    for (const r of first.requests) {
      const path = r.path.replace(/\?.*$/, "");
      counts.set(path, (counts.get(path) || 0) + 1);
    }
    const wasm = [...counts].filter(([p]) => p.endsWith(".wasm"));
    assert.equal(wasm.length, 2, "the page's and the worker's wasm");
    for (const [path, n] of wasm) assert.equal(n, 1, `${path} downloaded ${n} times`);
    for (const [path, n] of counts) {
      if (/-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(path)) assert.equal(n, 1, `${path} downloaded ${n} times`);
    }
    // ... and what it keeps is what the page loaded
    const kept = await tab.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith("semlab-")));
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    for (const [path] of wasm) assert.ok(kept.includes(path), `${path} kept for offline use`);
    assert.deepEqual(warnings, [], "no console warning (an ignored preload integrity, an unused preload)");
  } finally {
    await browser.close();
    await first.close();
  }
});
