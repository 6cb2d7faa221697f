#!/usr/bin/env node
// Take screenshots of the built app (dist/) in headless Chromium, with the
// page's Content-Security-Policy active, to look at what a person sees.
//
//   node tests/e2e/screenshot.mjs /tmp/page.png [width] [height] [example] [full]
//
// `example` is an example button's name (e.g. "Live-commerce value
// co-creation"): it is clicked and its results awaited first. `full` (the
// default) captures the whole page, `view` only the viewport, and
// `results` scrolls to the results first. Fails if the page logs errors or
// requests anything but its own files.

import { openApp } from "./helpers.mjs";
import { EXAMPLES, loadExample } from "./app.mjs";

const out = process.argv[2] || "/tmp/semlab.png";
const width = Number(process.argv[3] || 1280);
const height = Number(process.argv[4] || 800);
const exampleName = process.argv[5] || "";
const mode = process.argv[6] || "full";

const app = await openApp({ viewport: { width, height } });
try {
  await app.page.waitForLoadState("networkidle");
  if (exampleName) {
    const ex = EXAMPLES.find((e) => e.button === exampleName || e.fixture.startsWith(exampleName));
    if (!ex) throw new Error(`no example called ${exampleName}`);
    await loadExample(app.page, ex);
  }
  if (mode === "results") {
    await app.page.locator("#results").scrollIntoViewIfNeeded();
    await app.page.evaluate(() => document.getElementById("results").scrollIntoView());
  }
  await app.page.screenshot({ path: out, fullPage: mode === "full" });
  app.assertClean();
  console.log(`screenshot of ${app.url} (${width}x${height}) written to ${out}`);
} finally {
  await app.close();
}
