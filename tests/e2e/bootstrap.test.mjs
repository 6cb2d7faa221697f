// The bootstrap runs in the worker, in chunks: the progress bar advances,
// then the bootstrap SEs and CIs appear as columns of the parameter table
// (also for `:=` defined parameters) with a summary. A long one (from 1000
// resamples) is spread over several workers (as many as the browser has
// cores, at most 4) and gives the numbers of one worker (`?workers=1`). A
// long one can be cancelled midway: the page stays responsive throughout
// and says how many resamples were made. It never starts on its own, and a
// change of the model stops it.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import {
  EXAMPLES,
  afterRefit,
  loadExample,
  readTable,
  records,
  resultsState,
  until,
} from "./app.mjs";

const LIVE = EXAMPLES.find((e) => e.fixture === "livecommerce_sem");
const POLDEM = EXAMPLES.find((e) => e.fixture === "poldem_mediation");

let app;
before(async () => {
  app = await openApp();
  await loadExample(app.page, LIVE);
});
after(async () => {
  await app?.close();
});

/** Sets B (the change is committed when the field loses focus). */
async function setDraws(page, b) {
  const field = page.getByLabel("Resamples (B)");
  await field.fill(String(b));
  await field.press("Tab");
  assert.equal(await field.inputValue(), String(b));
}

/** Records every value the bootstrap progress bar shows, from now on. */
async function recordProgress(page) {
  await page.evaluate(() => {
    window.__progress = [];
    window.__progressObserver?.disconnect();
    const read = () => {
      const bar = document.querySelector('progress[aria-label="Bootstrap progress"]');
      if (!bar) return;
      const v = Number(bar.getAttribute("value"));
      const last = window.__progress[window.__progress.length - 1];
      if (v !== last) window.__progress.push(v);
    };
    window.__progressObserver = new MutationObserver(read);
    window.__progressObserver.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["value"],
    });
  });
}

const progressValues = (page) => page.evaluate(() => window.__progress.slice());

test("nothing is bootstrapped until asked", async () => {
  const { page } = app;
  const params = await readTable(page, "Parameter estimates");
  assert.ok(!params.columns.includes("Boot SE"));
  assert.equal(await page.getByLabel("Random seed").inputValue(), "12345");
  assert.equal(await page.getByLabel("Resamples (B)").inputValue(), "1000");
  app.assertClean();
});

test("a bootstrap shows its progress, then the CI columns", async () => {
  const { page } = app;
  await setDraws(page, 200);
  await recordProgress(page);
  const before = (await resultsState(page)).shown;
  await page.getByRole("button", { name: "Run bootstrap" }).click();
  await page.getByText(/^Bootstrap done in [\d.]+ s: \d+ of 200 resamples used/).waitFor();
  const values = await progressValues(page);
  const inside = values.filter((v) => v > 0 && v < 200);
  assert.ok(inside.length >= 2, `the bar advanced in steps: ${values}`);
  for (let i = 1; i < values.length; i++) {
    assert.ok(values[i] > values[i - 1], `the bar only moves forward: ${values}`);
  }
  // The same fit, now with the bootstrap columns.
  assert.equal((await resultsState(page)).shown, before + 1);
  const table = await readTable(page, "Parameter estimates");
  for (const c of ["Boot SE", "Boot CI lower", "Boot CI upper"]) assert.ok(table.columns.includes(c), c);
  const rows = records(table);
  const h1a = rows.find((r) => r.lhs === "ProductInteraction" && r.op === "~" && r.rhs === "Trust");
  const [est, lo, hi, se] = [h1a.Estimate, h1a["Boot CI lower"], h1a["Boot CI upper"], h1a["Boot SE"]].map(Number);
  assert.ok(lo < est && est < hi, `${lo} < ${est} < ${hi}`);
  assert.ok(se > 0 && Math.abs(se - Number(h1a.SE)) < 0.5 * Number(h1a.SE), `boot SE ${se} near SE ${h1a.SE}`);
  const note = await page
    .locator("section.result", { has: page.locator("caption", { hasText: "Parameter estimates" }) })
    .locator(".table-note:not(.short-headers)")
    .textContent();
  assert.match(note, /Bootstrap: \d+ of 200 draws used \(seed 12345\), percentile 95% intervals/);
  app.assertClean();
});

test("the same seed gives the same intervals", async () => {
  const { page } = app;
  const first = records(await readTable(page, "Parameter estimates")).map((r) => r["Boot CI lower"]);
  await page.getByRole("button", { name: "Run bootstrap" }).click();
  await page.getByText(/^Bootstrap done in/).waitFor();
  // Wait for the new answer (the outcome line is replaced when it arrives).
  await until(async () => (await page.getByRole("button", { name: "Run bootstrap" }).isEnabled()), {
    what: "the second bootstrap",
  });
  const again = records(await readTable(page, "Parameter estimates")).map((r) => r["Boot CI lower"]);
  assert.deepEqual(again, first);
  app.assertClean();
});

test("a long bootstrap cancelled midway leaves the page responsive", async () => {
  const { page } = app;
  await setDraws(page, 5000);
  await recordProgress(page);
  await page.getByRole("button", { name: "Run bootstrap" }).click();
  await until(async () => (await progressValues(page)).some((v) => v >= 100), {
    what: "100 resamples",
  });
  const workers = Math.min(4, await page.evaluate(() => navigator.hardwareConcurrency));
  if (workers > 1) {
    await page.getByText(new RegExp(`^\\d+ of 5000 resamples \\(${workers} workers\\)$`)).waitFor();
  }
  // While it runs: the page answers at once, and a control that needs no refit works.
  const t0 = Date.now();
  await page.evaluate(() => document.title);
  assert.ok(Date.now() - t0 < 500, "the page answers while the bootstrap runs");
  const ruleNote = page
    .locator("section.result", { has: page.locator("caption", { hasText: "Hypotheses" }) })
    .locator(".table-note:not(.short-headers)");
  const rule = await ruleNote.textContent();
  await page.getByLabel("Significance level α").selectOption(".001");
  await until(async () => (await ruleNote.textContent()) !== rule, {
    what: "the hypothesis table under α = .001",
  });
  await page.getByLabel("Significance level α").selectOption(".05");
  assert.equal(await page.getByRole("button", { name: "Cancel" }).count(), 1, "still running");

  const clicked = Date.now();
  await page.getByRole("button", { name: "Cancel" }).click();
  const line = page.getByText(/^Bootstrap cancelled after \d+ of 5000 resamples/);
  await line.waitFor();
  assert.ok(Date.now() - clicked < 2000, "the cancel is seen within a chunk");
  const completed = Number((await line.textContent()).match(/after (\d+) of 5000/)[1]);
  assert.ok(completed >= 100 && completed < 5000, `completed ${completed}`);
  const values = await progressValues(page);
  assert.ok(values.some((v) => v > 0 && v < 5000), `the bar advanced: ${values}`);
  // The columns say they rest on the completed resamples only.
  const note = await page
    .locator("section.result", { has: page.locator("caption", { hasText: "Parameter estimates" }) })
    .locator(".table-note:not(.short-headers)")
    .textContent();
  assert.match(note, new RegExp(`stopped after ${completed} of 5000 draws`));

  // Typing in the model editor still works, and refits (without the columns).
  const editor = page.getByLabel("Model", { exact: true });
  await afterRefit(page, async () => {
    await editor.click();
    await editor.press("Control+End");
    await editor.pressSequentially("\nT1 ~~ T2");
  });
  assert.match(await editor.inputValue(), /\nT1 ~~ T2$/);
  const table = await readTable(page, "Parameter estimates");
  assert.ok(!table.columns.includes("Boot SE"), "a new fit has no bootstrap columns");
  assert.ok(records(table).some((r) => r.lhs === "T1" && r.op === "~~" && r.rhs === "T2"));
  app.assertClean();
});

test("a change of the model stops a bootstrap under way", async () => {
  const { page } = app;
  await recordProgress(page);
  await page.getByRole("button", { name: "Run bootstrap" }).click();
  await until(async () => (await progressValues(page)).some((v) => v > 0), { what: "progress" });
  await afterRefit(page, () => page.getByLabel("Standardize latent variables (std.lv)").check());
  await page.getByText("The bootstrap was stopped because the data, the model or the options changed").waitFor();
  assert.ok(!(await readTable(page, "Parameter estimates")).columns.includes("Boot SE"));
  await afterRefit(page, () => page.getByLabel("Standardize latent variables (std.lv)").uncheck());
  app.assertClean();
});

test("defined parameters (:=) get bootstrap intervals too", async () => {
  const { page } = app;
  await loadExample(page, POLDEM);
  await setDraws(page, 200);
  await page.getByLabel("Interval").selectOption("bc");
  await page.getByRole("button", { name: "Run bootstrap" }).click();
  await page.getByText(/^Bootstrap done in .* bias-corrected 95% intervals/).waitFor();
  const defined = records(await readTable(page, "Parameter estimates")).filter((r) => r.op === ":=");
  assert.ok(defined.length > 0);
  for (const r of defined) {
    const [lo, hi] = [Number(r["Boot CI lower"]), Number(r["Boot CI upper"])];
    assert.ok(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi, `${r.lhs}: [${lo}, ${hi}]`);
  }
  app.assertClean();
});

/** Runs a bootstrap of the live-commerce model on `page` with bias-corrected
 * intervals to its end: its parameter and effects tables' bootstrap
 * columns, and how many workers its progress line named (0: one). */
async function fullBootstrap(page, b) {
  await loadExample(page, LIVE);
  await setDraws(page, b);
  await page.getByLabel("Interval").selectOption("bc");
  await recordProgress(page);
  await page.evaluate(() => {
    window.__workers = 0;
    new MutationObserver(() => {
      const m = document.body.textContent.match(/resamples \((\d+) workers\)/);
      if (m) window.__workers = Math.max(window.__workers, Number(m[1]));
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole("button", { name: "Run bootstrap" }).click();
  const done = page.getByText(new RegExp(`^Bootstrap done in [\\d.]+ s: \\d+ of ${b} resamples used`));
  await done.waitFor({ timeout: 180_000 });
  const values = await progressValues(page);
  assert.ok(values.filter((v) => v > 0 && v < b).length >= 2, `the bar advanced in steps: ${values}`);
  const params = records(await readTable(page, "Parameter estimates")).map((r) =>
    [r.lhs, r.op, r.rhs, r["Boot SE"], r["Boot CI lower"], r["Boot CI upper"]].join(" "),
  );
  const effects = (await readTable(page, "Indirect, direct and total effects")).rows.map((r) => r.join(" "));
  return {
    params,
    effects,
    line: await done.textContent(),
    workers: await page.evaluate(() => window.__workers),
  };
}

test("5000 resamples spread over the workers give the numbers of one worker", async () => {
  const { page, context, url } = app;
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const spread = await fullBootstrap(page, 5000);
  assert.equal(spread.workers, cores > 1 ? Math.min(4, cores) : 0, "the workers named while it ran");
  assert.match(spread.line, /bias-corrected 95% intervals/);
  const one = await context.newPage();
  try {
    await one.goto(`${url}?workers=1`, { waitUntil: "load" });
    await one.waitForSelector("body .page");
    const single = await fullBootstrap(one, 5000);
    assert.equal(single.workers, 0, "one worker only");
    assert.deepEqual(spread.params, single.params);
    assert.deepEqual(spread.effects, single.effects);
    assert.ok(single.effects.some((r) => /^Indirect /.test(r)), "indirect effects with intervals");
  } finally {
    await one.close();
  }
  app.assertClean();
});
