// Helpers for the browser end-to-end tests (node:test + playwright-core).
//
//   const app = await openApp();          // static server + Chromium + page
//   await app.page.getByRole("heading", { name: "semlab" }).waitFor();
//   app.assertClean();                    // no console errors, no foreign requests
//   await app.close();
//
// The built app is expected in dist/ (run `trunk build --release` first;
// scripts/test does). Set SEMLAB_DIST to test another build, CHROMIUM to use
// another browser binary, E2E_HEADFUL=1 to watch.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startStaticServer } from "../../scripts/static-server.mjs";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = process.env.SEMLAB_DIST ? resolve(process.env.SEMLAB_DIST) : join(REPO, "dist");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

// Flags from shared/docs/engineering.md: no sandbox (root in a container),
// no GPU, and none of Chromium's own background traffic.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Start a static server for `root` (default: the built app) on a free 127.0.0.1 port. */
export function serveDist(root = DIST) {
  return startStaticServer({ root, port: 0 });
}

/**
 * Launch Chromium with a fresh, throw-away user-data-dir.
 * Resolves to a Playwright BrowserContext; its `close()` also removes the profile.
 * `locale` is the browser's language; service workers are blocked unless
 * `serviceWorkers: "allow"` (the offline test).
 */
export async function launchBrowser({
  viewport = { width: 1280, height: 800 },
  locale = "en-US",
  serviceWorkers = "block",
} = {}) {
  const profile = mkdtempSync(join(tmpdir(), "semlab-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: !process.env.E2E_HEADFUL,
    args: CHROMIUM_ARGS,
    viewport,
    locale,
    serviceWorkers,
  });
  const close = context.close.bind(context);
  context.close = async () => {
    try {
      await close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  };
  return context;
}

/**
 * Record everything a browser context does on the network and the console.
 * Requests to anything but `origin` are recorded and aborted, so a test
 * never sends data anywhere, and `assertClean()` fails on them.
 */
export async function watch(context, origin) {
  const log = { requests: [], foreign: [], consoleErrors: [], pageErrors: [], failed: [] };
  const allowed = new URL(origin).origin;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isOwn(url, allowed)) return route.continue();
    log.foreign.push(url);
    return route.abort("blockedbyclient");
  });
  context.on("request", (req) => {
    log.requests.push({ url: req.url(), method: req.method(), type: req.resourceType() });
    if (!isOwn(req.url(), allowed) && !log.foreign.includes(req.url())) log.foreign.push(req.url());
  });
  context.on("requestfailed", (req) => {
    log.failed.push({ url: req.url(), error: req.failure()?.errorText });
  });
  const watchPage = (page) => {
    page.on("console", (msg) => {
      if (msg.type() === "error") log.consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => log.pageErrors.push(String(err?.stack || err)));
  };
  context.pages().forEach(watchPage);
  context.on("page", watchPage);
  return log;
}

function isOwn(url, origin) {
  // data: and blob: URLs never leave the page.
  if (url.startsWith("data:") || url.startsWith("blob:")) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Everything a test needs: a static server for dist/, a fresh Chromium, a
 * page at the app (loaded and mounted), and the network/console log.
 */
export async function openApp({ path = "", viewport, waitForMount = true, locale, serviceWorkers } = {}) {
  const server = await serveDist();
  let context;
  try {
    context = await launchBrowser({ viewport, locale, serviceWorkers });
    const log = await watch(context, server.url);
    const page = context.pages()[0] ?? (await context.newPage());
    // Attach listeners before navigating (the initial blank page is already watched).
    await page.goto(server.url + path, { waitUntil: "load" });
    if (waitForMount) await waitForApp(page);
    return {
      page,
      context,
      server,
      log,
      url: server.url,
      assertClean: () => assertClean(log, server),
      close: async () => {
        await context.close();
        await server.close();
      },
    };
  } catch (err) {
    await context?.close().catch(() => {});
    await server.close();
    throw err;
  }
}

/**
 * Wait until Trunk's loader has started the wasm app and Leptos has mounted
 * all of the page (what lies under the first screen is drawn after the
 * first frame: `data-complete`).
 */
export async function waitForApp(page, timeout = 30_000) {
  await page.waitForSelector('body .page[data-complete="true"]', { timeout });
}

/**
 * No console errors, no uncaught exceptions, no failed loads, and no request
 * to anything but the local server's own files (each of which it served).
 */
export function assertClean(log, server) {
  assert.deepEqual(log.pageErrors, [], "uncaught exceptions in the page");
  assert.deepEqual(log.consoleErrors, [], "console errors");
  assert.deepEqual(log.foreign, [], "requests to anything but the local server");
  assert.deepEqual(log.failed, [], "failed requests");
  const notServed = server.requests.filter((r) => r.status !== 200);
  assert.deepEqual(notServed, [], "requests the local server could not answer with a file");
}
