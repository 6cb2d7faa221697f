// Missing data: a CSV with empty cells (tests/fixtures/lavaan-advanced/
// hs1939_fiml) uploaded through the file input and fitted by
// full-information ML. The data summary shows the missing-data patterns and
// the coverage; the fit agrees with lavaan's `missing = "ml"` to the 3
// decimals shown. FIML goes with ML and MLR; MLM, WLSMV and the bootstrap
// are disabled with a reason.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO, openApp } from "./helpers.mjs";
import { afterRefit, assertShown, fitValues, pval, readTable, records, typeModel } from "./app.mjs";

const DIR = join(REPO, "tests", "fixtures", "lavaan-advanced", "hs1939_fiml");
const ref = JSON.parse(readFileSync(join(DIR, "reference.json"), "utf8"));

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

test("a file with missing cells, fitted by FIML, matches lavaan", async () => {
  const { page } = app;
  await page.getByLabel("Upload data").setInputFiles(join(DIR, "hs1939_fiml.csv"));
  await page.getByText("hs1939_fiml.csv: 301 rows, 9 columns").waitFor();
  await page.getByText("115 of 301 rows complete").waitFor();
  await afterRefit(page, () => typeModel(page, ref.model.trim()));
  // Listwise first: 115 rows.
  assert.match((await readTable(page, "Fit indices")).caption, /N = 115\b/);
  await afterRefit(page, () => page.getByLabel("Missing data").selectOption("ml"));
  const fit = await fitValues(page);
  assert.match((await readTable(page, "Fit indices")).caption, /N = 301\b/);
  assertShown(fit["χ²"], ref.fit.chisq, "χ²");
  assert.equal(fit.df, String(ref.fit.df));
  assertShown(fit["p (χ²)"], ref.fit.pvalue, "p", pval);
  for (const [label, key] of [["CFI", "cfi"], ["TLI (NNFI)", "tli"], ["RMSEA", "rmsea"], ["SRMR", "srmr"]]) {
    assertShown(fit[label], ref.fit[key], label);
  }
  const params = records(await readTable(page, "Parameter estimates"));
  const x2 = params.find((r) => r.lhs === "visual" && r.op === "=~" && r.rhs === "x2");
  const want = ref.parameters.find((p) => p.lhs === "visual" && p.op === "=~" && p.rhs === "x2");
  assertShown(x2.Estimate, want.est, "visual =~ x2");
  assertShown(x2.SE, want.se, "SE of visual =~ x2");
  app.assertClean();
});

test("the data summary shows the missing-data patterns and the coverage", async () => {
  const { page } = app;
  const patterns = await readTable(page, "Missing-data patterns");
  assert.match(patterns.caption, /\(51 patterns\)/);
  assert.deepEqual(patterns.columns, ["Rows", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"]);
  // Most frequent first: the 115 complete rows.
  assert.deepEqual(patterns.rows[0], ["115", "1", "1", "1", "1", "1", "1", "1", "1", "1"]);
  const observed = patterns.rows.find((r) => r[0] === "observed");
  assert.ok(observed, "a row with the share observed per variable");
  const note = await page
    .locator("section.result", { has: page.locator("caption", { hasText: "Missing-data patterns" }) })
    .locator(".table-note:not(.short-headers)")
    .textContent();
  assert.match(note, /all 301 rows with a value were used by full-information ML/);
  assert.match(note, /31 more patterns/);
  const coverage = records(await readTable(page, "Coverage"));
  assert.equal(coverage.length, 9);
  for (const r of coverage) {
    const diag = Number(r[r._0]);
    assert.ok(diag > 0.5 && diag < 1, `${r._0}: ${diag}`);
  }
  // It is in the data panel, beside the item table.
  const inData = await page
    .locator(".data-panel")
    .locator("caption", { hasText: "Missing-data patterns" })
    .count();
  assert.equal(inData, 1);
  app.assertClean();
});

test("FIML goes with ML and MLR; MLM, WLSMV and the bootstrap are disabled", async () => {
  const { page } = app;
  assert.equal(await page.locator('#estimator option[value="MLR"]').isDisabled(), false);
  assert.equal(await page.locator('#estimator option[value="MLM"]').isDisabled(), true);
  assert.equal(await page.locator('#estimator option[value="WLSMV"]').isDisabled(), true);
  await page.getByText("With FIML only ML and MLR are available").waitFor();
  assert.equal(await page.getByRole("button", { name: "Run bootstrap" }).isDisabled(), true);
  await page.getByText("The bootstrap is not available with FIML").waitFor();
  await afterRefit(page, () => page.getByLabel("Estimator", { exact: true }).selectOption("MLR"));
  const fit = await fitValues(page);
  assert.ok("χ² scaled" in fit && "CFI robust" in fit);
  await afterRefit(page, () => page.getByLabel("Estimator", { exact: true }).selectOption("ML"));
  app.assertClean();
});
