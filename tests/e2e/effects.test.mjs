// The effects table: the live-commerce example shows its 12 specific
// indirect effects (two predictors × three interactions × two outcomes),
// each agreeing with lavaan's `:=` products
// (tests/fixtures/effects/livecommerce_effects) to the 3 decimals shown,
// then per (from, to) the direct, total indirect and total effect with the
// mediation verdict; a bootstrap adds percentile and bias-corrected
// intervals; the table follows the language.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO, openApp } from "./helpers.mjs";
import { EXAMPLES, assertShown, loadExample, pval, readTable, records, until } from "./app.mjs";

const LIVE = EXAMPLES.find((e) => e.fixture === "livecommerce_sem");
const REF = JSON.parse(
  readFileSync(join(REPO, "tests", "fixtures", "effects", "livecommerce_effects", "effects.json"), "utf8"),
);
const CAPTION = "Indirect, direct and total effects";

let app;
before(async () => {
  app = await openApp();
  await loadExample(app.page, LIVE);
});
after(async () => {
  await app?.close();
});

test("the live-commerce example shows its 12 specific indirect effects, as lavaan", async () => {
  const rows = records(await readTable(app.page, CAPTION));
  const specific = rows.filter((r) => r.Effect === "Indirect");
  assert.equal(specific.length, 12);
  for (const ref of REF.specific) {
    const path = [ref.from, ...ref.via, ref.to].join(" → ");
    const row = specific.find((r) => r.Path === path);
    assert.ok(row, `row for ${path}`);
    assertShown(row.Estimate, ref.est, `${path} estimate`);
    assertShown(row.SE, ref.se, `${path} SE`);
    assertShown(row.p, ref.pvalue, `${path} p`, pval);
    assertShown(row["Std.all"], ref.std_all, `${path} std.all`);
  }
  // 2 predictors × 2 outcomes, no direct paths in the model: the total
  // indirect effect carries the verdict
  const totals = rows.filter((r) => r.Effect === "Total indirect");
  assert.equal(totals.length, 4);
  for (const t of totals) {
    const want = t.p === "< .001" || Number(t.p) < 0.05 ? "indirect only" : "no mediation";
    assert.equal(t.Mediation, want, t.Path);
  }
  const direct = rows.filter((r) => r.Effect === "Direct");
  assert.ok(direct.every((r) => r.SE === "not in the model"));
  app.assertClean();
});

test("a bootstrap adds percentile and bias-corrected intervals to every effect", async () => {
  const { page } = app;
  const field = page.getByLabel("Resamples (B)");
  await field.fill("100");
  await field.press("Tab");
  await page.getByRole("button", { name: "Run bootstrap" }).click();
  await page.getByText(/^Bootstrap done in [\d.]+ s: \d+ of 100 resamples used/).waitFor();
  const table = await readTable(page, CAPTION);
  for (const c of ["Boot SE", "Percentile 95% CI", "Bias-corrected 95% CI"]) {
    assert.ok(table.columns.includes(c), c);
  }
  for (const r of records(table).filter((r) => r.Effect === "Indirect")) {
    for (const c of ["Percentile 95% CI", "Bias-corrected 95% CI"]) {
      const [lo, hi] = r[c].replace(/[[\]]/g, "").split(", ").map(Number);
      assert.ok(lo <= hi && Number.isFinite(lo), `${r.Path} ${c}: ${r[c]}`);
    }
  }
  app.assertClean();
});

test("the effects table follows the language", async () => {
  const { page } = app;
  await page.getByRole("button", { name: "简体中文" }).click();
  await page.locator("html[lang=zh-CN]").waitFor();
  const table = await readTable(page, "间接效应、直接效应与总效应");
  assert.ok(table.columns.includes("中介类型"));
  assert.equal(table.rows.filter((r) => r[0] === "间接效应").length, 12);
  await page.getByRole("button", { name: "English" }).click();
  await page.locator("html[lang=en]").waitFor();
  await until(async () => (await readTable(page, CAPTION)).rows.length > 0, { what: "English table" });
});
