#!/usr/bin/env node
// The README's screenshots, made by the test suite's browser (headless
// Chromium against dist/, with the page's Content-Security-Policy active),
// of the two-pane workbench at a laptop's size (1366×900): each example in
// English and in Chinese, opened by its link (`#example=...&lang=...`),
// with the model editor in view on the left and the fit on the right; and
// the live-commerce model in the drawing editor (*Draw the model*, with the
// data's variables beside the drawing) beside its fit.
//
//   trunk build --release && node tests/e2e/screenshots.mjs [out-dir]
//
// Writes docs/screenshots/{hs1939,poldem,livecommerce}-{en,zh}.png and
// docs/screenshots/drawing-{en,zh}.png. Each is taken only when the fit is
// shown (results ready, the fit table and the summary line under the editor
// current) and checked before it is written: the workbench fills the
// window, and the model editor (or the drawing), the fit table and their
// text are in view. Fails if the page logs errors or requests anything but
// its own files.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { REPO, openApp } from "./helpers.mjs";
import { resultsState, until } from "./app.mjs";

const out = process.argv[2] || join(REPO, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const [WIDTH, HEIGHT] = [1366, 900];
const EXAMPLES = ["hs1939", "poldem", "livecommerce"];
const LANGS = [
  ["en", "en-US"],
  ["zh", "zh-CN"],
];

/** Waits until the analysis is shown: results ready, fit table, summary line current. */
async function fitShown(page, what) {
  await until(async () => (await resultsState(page)).state === "ready", { what: `results of ${what}`, timeout: 60_000 });
  await page.locator("#table-fit").waitFor();
  await until(
    () => page.locator(".fit-summary-line").evaluate((el) => !el.classList.contains("stale") && /\d/.test(el.textContent)),
    { what: `the fit summary line of ${what}` },
  );
  await page.evaluate(() => document.fonts.ready);
}

/**
 * Scrolls the window to the workbench and the left pane to `left` (a
 * selector: the element's top at the pane's top), the right pane to its top.
 */
async function arrange(page, left) {
  await page.evaluate((sel) => {
    document.getElementById("workbench").scrollIntoView({ block: "start" });
    const pane = document.querySelector(".input-pane");
    const el = document.querySelector(sel);
    pane.scrollTop += el.getBoundingClientRect().top - pane.getBoundingClientRect().top - 8;
    document.querySelector(".results-pane").scrollTop = 0;
  }, left);
  // two frames: the scroll is painted
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Fails unless every selector's element is within the window (at least `min` px of it in view). */
async function assertInView(page, selectors, what) {
  const bad = await page.evaluate(
    ({ selectors, W, H }) =>
      selectors.filter((sel) => {
        const el = document.querySelector(sel);
        if (!el) return true;
        const r = el.getBoundingClientRect();
        const visible = Math.min(r.bottom, H) - Math.max(r.top, 0);
        return r.left < 0 || r.right > W || visible < Math.min(150, r.height) || !(el.value || el.textContent).trim();
      }),
    { selectors, W: WIDTH, H: HEIGHT },
  );
  if (bad.length) throw new Error(`${what}: not in view: ${bad.join(", ")}`);
}

async function shoot(page, file) {
  await page.screenshot({ path: file, clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
  console.log(`${file}: ${WIDTH}×${HEIGHT}`);
}

for (const [lang, locale] of LANGS) {
  for (const ex of EXAMPLES) {
    const app = await openApp({ viewport: { width: WIDTH, height: HEIGHT }, locale, path: `#example=${ex}&lang=${lang}` });
    try {
      const { page } = app;
      await fitShown(page, ex);
      await arrange(page, ".model-panel");
      await assertInView(page, ["#model", "#table-fit"], `${ex}-${lang}`);
      await shoot(page, join(out, `${ex}-${lang}.png`));
      app.assertClean();
    } finally {
      await app.close();
    }
  }

  // a drawn model: the drawing editor opened on the live-commerce example
  const app = await openApp({ viewport: { width: WIDTH, height: HEIGHT }, locale, path: `#example=livecommerce&lang=${lang}` });
  try {
    const { page } = app;
    await fitShown(page, "livecommerce");
    await page.locator('.drawing-bar button[aria-controls="model-drawing"]').click();
    await page.locator("#model-drawing .drawing-canvas svg g.node").first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    await arrange(page, ".model-drawing");
    await assertInView(page, ["#model-drawing .drawing-canvas", "#model-drawing aside.variables", "#table-fit"], `drawing-${lang}`);
    await shoot(page, join(out, `drawing-${lang}.png`));
    app.assertClean();
  } finally {
    await app.close();
  }
}
