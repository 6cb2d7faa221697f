// Ordinal items: the live-commerce data's 5-point items look ordinal, so
// the app suggests WLSMV; one click fits it, and the page shows lavaan's
// scaled and robust fit indices (tests/fixtures/lavaan-advanced/
// livecommerce_wlsmv, same data and model) and the thresholds, to the 3
// decimals shown. Choices the engine does not take are disabled, with a reason.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO, openApp } from "./helpers.mjs";
import {
  EXAMPLES,
  afterRefit,
  assertShown,
  fitValues,
  loadExample,
  pval,
  readTable,
  records,
  typeModel,
} from "./app.mjs";

const ref = JSON.parse(
  readFileSync(
    join(REPO, "tests", "fixtures", "lavaan-advanced", "livecommerce_wlsmv", "reference.json"),
    "utf8",
  ),
);

/** Fit table labels of the scaled and robust rows, and lavaan's names. */
const SCALED_KEYS = {
  "χ² scaled": "chisq.scaled",
  "scaling factor": "chisq.scaling.factor",
  "CFI robust": "cfi.robust",
  "TLI robust": "tli.robust",
  "RMSEA robust": "rmsea.robust",
  "RMSEA robust 90% CI lower": "rmsea.ci.lower.robust",
  "RMSEA robust 90% CI upper": "rmsea.ci.upper.robust",
  "CFI scaled": "cfi.scaled",
  "TLI scaled": "tli.scaled",
  "RMSEA scaled": "rmsea.scaled",
  "RMSEA scaled 90% CI lower": "rmsea.ci.lower.scaled",
  "RMSEA scaled 90% CI upper": "rmsea.ci.upper.scaled",
};

let app;
before(async () => {
  app = await openApp();
  await loadExample(app.page, EXAMPLES.find((e) => e.fixture === "livecommerce_sem"));
});
after(async () => {
  await app?.close();
});

test("the live-commerce items look ordinal: the app suggests WLSMV", async () => {
  const { page } = app;
  await page.getByText("The model's 21 items look ordinal").waitFor();
  await page.getByRole("button", { name: "Treat these 21 items as ordinal (WLSMV)" }).waitFor();
  // Under ML the fit table has no scaled rows.
  const fit = await fitValues(page);
  assert.equal(fit["χ² scaled"], undefined);
  app.assertClean();
});

test("WLSMV shows lavaan's scaled and robust fit indices", async () => {
  const { page } = app;
  await afterRefit(page, () =>
    page.getByRole("button", { name: "Treat these 21 items as ordinal (WLSMV)" }).click(),
  );
  const table = await readTable(page, "Fit indices");
  assert.match(table.caption, /N = 465, estimator WLSMV/);
  const fit = await fitValues(page);
  for (const [label, key] of Object.entries(SCALED_KEYS)) {
    assert.ok(label in fit, `the fit table has a row ${label}`);
    assertShown(fit[label], ref.fit[key], label);
  }
  assertShown(fit["p (χ² scaled)"], ref.fit["pvalue.scaled"], "p (χ² scaled)", pval);
  assertShown(fit["χ²"], ref.fit.chisq, "χ²");
  assert.equal(fit.df, String(ref.fit.df));
  assertShown(fit.CFI, ref.fit.cfi, "CFI");
  assertShown(fit.SRMR, ref.fit.srmr, "SRMR");
  // The note says what "robust" and "scaled" are.
  const note = await page
    .locator("section.result", { has: page.locator("caption", { hasText: "Fit indices" }) })
    .locator(".table-note:not(.short-headers)")
    .textContent();
  assert.match(note, /Robust indices/);
  assert.match(note, /scaled indices/);
  // The suggestion is gone; the options show WLSMV with the 21 items chosen.
  assert.equal(await page.getByText("The model's 21 items look ordinal").count(), 0);
  assert.equal(await page.getByLabel("Estimator", { exact: true }).inputValue(), "WLSMV");
  assert.equal(await page.getByLabel("Choose items").isChecked(), true);
  const chosen = await page
    .getByLabel("Items declared ordinal")
    .evaluate((s) => [...s.selectedOptions].map((o) => o.value));
  assert.equal(chosen.length, 21);
  app.assertClean();
});

test("the parameter table shows the thresholds, with a filter", async () => {
  const { page } = app;
  const params = records(await readTable(page, "Parameter estimates"));
  const thresholds = params.filter((r) => r.op === "|");
  const want = ref.parameters.filter((p) => p.op === "|");
  assert.equal(thresholds.length, want.length);
  for (const p of want) {
    const row = thresholds.find((r) => r.lhs === p.lhs && r.rhs === p.rhs);
    assert.ok(row, `threshold ${p.lhs} | ${p.rhs}`);
    assertShown(row.Estimate, p.est, `${p.lhs} | ${p.rhs}`);
    assertShown(row.SE, p.se, `SE of ${p.lhs} | ${p.rhs}`);
  }
  const loading = ref.parameters.find((p) => p.lhs === "Trust" && p.op === "=~" && p.rhs === "T2");
  const shown = params.find((r) => r.lhs === "Trust" && r.op === "=~" && r.rhs === "T2");
  assertShown(shown.Estimate, loading.est, "Trust =~ T2");
  assertShown(shown.SE, loading.se, "SE of Trust =~ T2");

  const show = page.getByLabel("Show", { exact: true });
  await show.selectOption("thresholds");
  let t = records(await readTable(page, "Parameter estimates"));
  assert.equal(t.length, want.length);
  assert.ok(t.every((r) => r.op === "|"));
  await show.selectOption("no-thresholds");
  t = records(await readTable(page, "Parameter estimates"));
  assert.ok(t.length > 0 && t.every((r) => r.op !== "|"));
  await show.selectOption("all");
  app.assertClean();
});

test("choices the engine does not take are disabled, and the page says why", async () => {
  const { page } = app;
  assert.equal(await page.locator('#missing option[value="ml"]').isDisabled(), true);
  await page.getByText("FIML is not available with MLM").waitFor();
  assert.equal(await page.getByRole("button", { name: "Run bootstrap" }).isDisabled(), true);
  await page.getByText("The bootstrap is not available with WLSMV").waitFor();
  // Declaring only some items: the page says which items of the model are left.
  const items = page.getByLabel("Items declared ordinal");
  await items.selectOption(["T1", "T2", "T3"]);
  await page.getByText(/WLSMV needs every item of the model declared ordinal; not declared: SN1/).waitFor();
  await page.locator(".fit-error").getByText(/not declared ordinal/).waitFor();
  // All items again.
  await afterRefit(page, () => page.getByLabel("All items of the model").check());
  assert.match((await readTable(page, "Fit indices")).caption, /estimator WLSMV/);
  app.assertClean();
});

test("back to ML: no thresholds, and the suggestion returns", async () => {
  const { page } = app;
  await afterRefit(page, () => page.getByLabel("Estimator", { exact: true }).selectOption("ML"));
  const params = records(await readTable(page, "Parameter estimates"));
  assert.ok(!params.some((r) => r.op === "|"));
  assert.equal(await page.getByLabel("Show", { exact: true }).count(), 0);
  await page.getByRole("button", { name: "Treat these 21 items as ordinal (WLSMV)" }).waitFor();
  app.assertClean();
});

test("ordinal items with a group column: WLSMV in each group agrees with lavaan", async () => {
  const { page } = app;
  const dir = join(REPO, "tests", "fixtures", "lavaan-groups", "livecommerce_groups_wlsmv");
  const gref = JSON.parse(readFileSync(join(dir, "reference.json"), "utf8"));
  await page.getByLabel("Upload data").setInputFiles(join(dir, "livecommerce_groups_wlsmv.csv"));
  await page.getByText("livecommerce_groups_wlsmv.csv: 500 rows, 10 columns").waitFor();
  await afterRefit(page, () => typeModel(page, gref.model.trim()));
  await afterRefit(page, () => page.getByLabel("Group", { exact: true }).selectOption("channel"));
  await afterRefit(page, () => page.getByRole("button", { name: "Treat these 9 items as ordinal (WLSMV)" }).click());
  const fit = await fitValues(page);
  assertShown(fit["χ²"], gref.fit.chisq, "χ²");
  assertShown(fit["χ² scaled"], gref.fit["chisq.scaled"], "χ² scaled");
  assertShown(fit["CFI robust"], gref.fit["cfi.robust"], "CFI robust");
  // each channel's thresholds
  const byGroup = await readTable(page, "χ² by group");
  assert.deepEqual(byGroup.rows.map((r) => r[0]), ["Taobao", "Douyin"]);
  const t = records(await readTable(page, "Parameter estimates"));
  const want = gref.parameters.find((p) => p.lhs === "T1" && p.op === "|" && p.rhs === "t1" && p.group === 1);
  assertShown(t.find((r) => r.lhs === "T1" && r.op === "|" && r.rhs === "t1").Estimate, want.est, "T1|t1 in Taobao");
  app.assertClean();
});
