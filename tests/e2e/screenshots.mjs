#!/usr/bin/env node
// The README's screenshots, made by the test suite's browser (headless
// Chromium against dist/, with the page's Content-Security-Policy active):
// each example in English and in Chinese, opened by its link
// (`#example=...&lang=...`), at a laptop's width, cropped to the model and
// the path diagram.
//
//   trunk build --release && node tests/e2e/screenshots.mjs [out-dir]
//
// Writes docs/screenshots/{hs1939,poldem,livecommerce}-{en,zh}.png. Fails if
// the page logs errors or requests anything but its own files.

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
