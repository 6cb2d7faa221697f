#!/usr/bin/env node
// The README's screenshots, made by the test suite's browser (headless
// Chromium against dist/, with the page's Content-Security-Policy active):
// each example in English and in Chinese, opened by its link
// (`#example=...&lang=...`), at a laptop's width, cropped to the model and
// the path diagram.
//
//   trunk build --release && node tests/e2e/screenshots.mjs [out-dir]
//
// Writes docs/screenshots/{hs1939,poldem,livecommerce}-{en,zh}.png, and
// docs/screenshots/drawing-{en,zh}.png: the live-commerce model as the
// drawing editor draws it (its tools, the drawing fitted to the pane).
// Fails if the page logs errors or requests anything but its own files.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { REPO, openApp } from "./helpers.mjs";
import { resultsState, until } from "./app.mjs";

const out = process.argv[2] || join(REPO, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const WIDTH = 1280;
const EXAMPLES = ["hs1939", "poldem", "livecommerce"];
const LANGS = [
  ["en", "en-US"],
  ["zh", "zh-CN"],
];

for (const [lang, locale] of LANGS) {
  for (const ex of EXAMPLES) {
    const app = await openApp({
      viewport: { width: WIDTH, height: 900 },
      locale,
      path: `#example=${ex}&lang=${lang}`,
    });
    try {
      const { page } = app;
      await until(async () => (await resultsState(page)).state === "ready", { what: `results of ${ex}` });
      await page.locator("#diagram svg").waitFor();
      await page.evaluate(() => document.fonts.ready);
      // from the model editor to the end of the path diagram (the diagram
      // panel alone when that stretch is too tall)
      const scroll = await page.evaluate(() => window.scrollY);
      const top = await page.locator(".model-panel").boundingBox();
      const diagram = await page.locator("#diagram").boundingBox();
      const y = top.y + scroll - 8;
      const bottom = diagram.y + scroll + diagram.height + 8;
      const clip =
        bottom - y <= 1600
          ? { x: 0, y, width: WIDTH, height: bottom - y }
          : { x: 0, y: diagram.y + scroll - 8, width: WIDTH, height: Math.min(diagram.height + 16, 1600) };
      const file = join(out, `${ex}-${lang}.png`);
      await page.screenshot({ path: file, clip, fullPage: true });
      console.log(`${file}: ${Math.round(clip.width)}×${Math.round(clip.height)}`);
      app.assertClean();
    } finally {
      await app.close();
    }
  }
}

// a drawn model: the drawing editor opened on the live-commerce example
for (const [lang, locale] of LANGS) {
  const app = await openApp({
    viewport: { width: WIDTH, height: 900 },
    locale,
    path: `#example=livecommerce&lang=${lang}`,
  });
  try {
    const { page } = app;
    await until(async () => (await resultsState(page)).state === "ready", { what: "results of livecommerce" });
    await page.locator('.drawing-bar button[aria-controls="model-drawing"]').click();
    const canvas = page.locator("#model-drawing .drawing-canvas");
    await canvas.locator("svg g.node").first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    // from the drawing's tools to the end of the drawing, in view
    const tools = page.locator("#model-drawing .drawing-tools");
    await tools.evaluate((el) => el.scrollIntoView({ block: "start" }));
    const [a, b] = [await tools.boundingBox(), await canvas.boundingBox()];
    const x = Math.min(a.x, b.x) - 8;
    const clip = {
      x,
      y: a.y - 8,
      width: Math.max(a.x + a.width, b.x + b.width) + 8 - x,
      height: Math.min(b.y + b.height + 8, 900) - (a.y - 8),
    };
    const file = join(out, `drawing-${lang}.png`);
    await page.screenshot({ path: file, clip });
    console.log(`${file}: ${Math.round(clip.width)}×${Math.round(clip.height)}`);
    app.assertClean();
  } finally {
    await app.close();
  }
}
