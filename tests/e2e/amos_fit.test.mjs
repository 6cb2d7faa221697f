// The AMOS fit summary: a choice beside the standard fit table, with the
// Default, Saturated and Independence models; switching needs no refit.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, loadExample, readTable, records, reference } from "./app.mjs";

let app;
before(async () => {
  app = await openApp();
  await loadExample(app.page, EXAMPLES.find((e) => e.fixture === "hs1939_cfa"));
});
after(async () => {
  await app?.close();
});

test("the AMOS summary shows the three models and lavaan's numbers, without a refit", async () => {
  const { page } = app;
  const state = await page.locator("#results").getAttribute("data-results");
  await page.getByLabel("Fit table").selectOption({ label: "AMOS style" });
  const amos = records(await readTable(page, "Model fit summary (AMOS style)"));
  const row = (m) => amos.find((r) => r.Measure === m);
  const fit = reference("hs1939_cfa").fit;
  assert.equal(row("CMIN")["Default model"], fit.chisq.toFixed(3));
  assert.equal(row("CFI")["Default model"], fit.cfi.toFixed(3));
  assert.equal(row("CMIN")["Independence model"], fit["baseline.chisq"].toFixed(3));
  assert.equal(row("NPAR")["Saturated model"], "45");
  assert.equal(row("AIC")["Met"], "no", "AIC 127.306 is above the saturated model's 90.000");
  assert.equal(await page.locator("#results").getAttribute("data-results"), state, "no refit");
  await page.getByLabel("Fit table").selectOption({ label: "standard (lavaan)" });
  const standard = await readTable(page, "Fit indices");
  assert.ok(standard.rows.length > 0);
  app.assertClean();
});
