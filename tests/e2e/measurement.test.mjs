// Check the measurement: KMO/Bartlett, the scree plot, the EFA and the
// common-method-bias block, run in the worker on the model's items; the
// numbers are lavaan's (tests/fixtures/explore); "Use this as my model"
// writes the EFA's structure into the model text, which refits.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, loadExample, readTable, records } from "./app.mjs";

const explore = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "../fixtures/explore/livecommerce_explore/explore.json"),
    "utf8",
  ),
);

let app;
before(async () => {
  app = await openApp();
  await loadExample(app.page, EXAMPLES.find((e) => e.fixture === "livecommerce_sem"));
});
after(async () => {
  await app?.close();
});

test("the checks show lavaan's KMO, Bartlett and Harman share, a scree plot and the EFA", async () => {
  const { page } = app;
  const section = page.locator("#measurement");
  await section.getByRole("button", { name: "Run the checks" }).click();
  const kmo = records(await readTable(page, "Sampling adequacy and sphericity"));
  assert.equal(kmo[0].Value, explore.kmo.overall.toFixed(3).replace(/^0/, "0"));
  assert.equal(kmo[0].Judgement, "meritorious");
  assert.match(kmo[1].Value, new RegExp(`χ²\\(${explore.bartlett.df}\\) = ${explore.bartlett.chisq.toFixed(2)}`));
  assert.equal(kmo[4].Value, `${explore.harman_percent.toFixed(2)}%`);
  assert.equal(await section.locator(".scree-plot svg").count(), 1);
  const fit = await readTable(page, "Exploratory factor analysis (ML)");
  assert.ok(fit.rows.length >= 1);
  const loadings = await readTable(page, "EFA loadings");
  assert.equal(loadings.rows.length, Object.keys(explore.kmo.items).length);
  // the common-method-bias block under the results, from the same run
  const cmb = records(await readTable(page, "Common-method bias"));
  assert.equal(cmb[0].Value ?? Object.values(cmb[0])[1], `${explore.harman_percent.toFixed(2)}%`);
  app.assertClean();
});

test("Use this as my model writes the EFA's structure and refits; the checks are then stale", async () => {
  const { page } = app;
  // Holzinger–Swineford with two factors instead of the model's three:
  // the structure changes, so the model text does.
  await loadExample(page, EXAMPLES.find((e) => e.fixture === "hs1939_cfa"));
  const section = page.locator("#measurement");
  await page.getByLabel("Factors", { exact: true }).selectOption("2");
  await section.getByRole("button", { name: "Run the checks" }).click();
  await page.getByText("EFA loadings (geomin rotation, 2 factors").waitFor();
  const editor = page.getByLabel("Model", { exact: true });
  const before = await editor.inputValue();
  await afterRefit(page, () => page.getByRole("button", { name: "Use this as my model" }).click());
  const after = await editor.inputValue();
  assert.notEqual(after, before);
  assert.equal(after.split("\n").filter((l) => l.includes("=~")).length, 2);
  await page.getByText("These checks belong to an earlier model or data set").waitFor();
  app.assertClean();
});
