#!/usr/bin/env node
// Take screenshots of the built app (dist/) in headless Chromium, with the
// page's Content-Security-Policy active, to look at what a person sees.
//
//   node tests/e2e/screenshot.mjs /tmp/page.png [width] [height]
//
// Fails if the page logs errors or requests anything but its own files.

import { openApp } from "./helpers.mjs";

const out = process.argv[2] || "/tmp/semlab.png";
const width = Number(process.argv[3] || 1280);
const height = Number(process.argv[4] || 800);

const app = await openApp({ viewport: { width, height } });
try {
  await app.page.waitForLoadState("networkidle");
  await app.page.screenshot({ path: out, fullPage: true });
  app.assertClean();
  console.log(`screenshot of ${app.url} (${width}x${height}) written to ${out}`);
} finally {
  await app.close();
}
