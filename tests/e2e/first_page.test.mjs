// The first page: it loads under the Content-Security-Policy, says what it
// is, promises that data stays on the device — and keeps that promise on
// the network.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { after, before, test } from "node:test";
import { DIST, launchBrowser, openApp, watch } from "./helpers.mjs";

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

test("shows the heading and what semlab is", async () => {
  const { page } = app;
  const h1 = page.getByRole("heading", { level: 1 });
  assert.equal((await h1.textContent()).trim(), "semlab");
  assert.match(await page.locator(".tagline").textContent(), /structural equation modeling/i);
  assert.match(await page.locator(".tagline").textContent(), /lavaan/);
  assert.match(await page.title(), /semlab/);
});

test("says prominently that data stays on this device", async () => {
  const note = app.page.getByRole("note", { name: "Privacy" });
  await note.waitFor({ state: "visible" });
  assert.match(await note.textContent(), /Your data stays on this device: nothing is uploaded\./);
});

test("runs under a strict Content-Security-Policy", async () => {
  const csp = await app.page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute("content");
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.match(csp, /connect-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:/);
  // No inline scripts left for the policy to block.
  const inline = await app.page.locator("script:not([src])").count();
  assert.equal(inline, 0);
});

test("makes no request but to the page's own files, and logs no errors", async () => {
  const { page, log, server } = app;
  // Give any late or lazy request a moment to show up.
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  app.assertClean();
  const own = log.requests.map((r) => new URL(r.url).pathname);
  assert.ok(own.some((p) => p.endsWith(".wasm")), "the wasm module was loaded");
  assert.ok(own.includes("/"), "the page itself was loaded");
  assert.ok(server.requests.length >= 5, "page, loader, js, wasm, css were served");
});

test("draws its first frame before it starts the estimator's worker", async () => {
  // The worker (its script, then its 1.7 MB .wasm) is asked for after the
  // first frame when the page opens with nothing to analyse: creating it
  // during the first render cost that render about 6 ms.
  const { page } = app;
  await page.locator(".page[data-complete='true']").waitFor();
  await page.waitForFunction(() => performance.getEntriesByName("semlab:worker-start").length > 0);
  const t = await page.evaluate(() => ({
    frame: performance.getEntriesByName("semlab:first-render")[0]?.startTime,
    worker: performance.getEntriesByName("semlab:worker-start")[0]?.startTime,
  }));
  assert.ok(t.frame > 0, "the first-render mark is set");
  assert.ok(t.worker > t.frame, `worker started at ${t.worker} ms, after the first frame at ${t.frame} ms`);
});

test("starts when the page's body arrives after the app's code", async () => {
  // The loader is an async module script, so it can run (and the wasm be
  // compiled and started) while the HTML is still arriving; the app waits
  // for <body> instead of failing to mount. A server that holds the HTML
  // back after <head> for 800 ms makes that happen.
  const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const cut = html.indexOf("<body>");
  assert.ok(cut > 0, "the built page has a <body>");
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.write(html.slice(0, cut));
      setTimeout(() => res.end(html.slice(cut)), 800);
      return;
    }
    try {
      const body = readFileSync(join(DIST, path.slice(1)));
      res.writeHead(200, { "content-type": types[extname(path)] || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const context = await launchBrowser();
  try {
    const log = await watch(context, url);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(() =>
      addEventListener("TrunkApplicationStarted", () => performance.mark("test:wasm-started")),
    );
    await page.goto(url, { waitUntil: "commit" });
    await page.locator(".page[data-complete='true']").waitFor({ timeout: 30_000 });
    const seen = await page.evaluate(() => ({
      wasm: performance.getEntriesByName("test:wasm-started")[0]?.startTime,
      started: performance.getEntriesByName("semlab:first-render")[0]?.startTime,
      parsed: performance.getEntriesByType("navigation")[0].domContentLoadedEventStart,
      pages: document.querySelectorAll(".page").length,
    }));
    // the case under test: the app's code ran while <body> was not there
    assert.ok(seen.wasm < seen.parsed, `wasm started at ${seen.wasm} ms, body parsed at ${seen.parsed} ms`);
    assert.equal(seen.pages, 1, "the app is mounted once");
    assert.ok(seen.started >= seen.parsed, "the first frame follows the parsed body");
    assert.equal((await page.getByRole("heading", { level: 1 }).textContent()).trim(), "semlab");
    assert.deepEqual(log.pageErrors, [], "no uncaught exception");
    assert.deepEqual(log.consoleErrors, [], "no console error");
  } finally {
    await context.close();
    await new Promise((r) => server.close(r));
  }
});

test("fits a narrow phone screen without horizontal scrolling", async () => {
  const { page } = app;
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  await page.setViewportSize({ width: 1280, height: 800 });
});
