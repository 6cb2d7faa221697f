// Results follow the typing, debounced, without blocking the page: while a
// refit is pending the previous tables stay, marked stale with a spinner,
// and only the newest text is fitted. Estimation options refit at once.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, loadExample, readTable, records, resultsState, until } from "./app.mjs";

let app;
before(async () => {
  app = await openApp();
  await loadExample(app.page, EXAMPLES.find((e) => e.fixture === "hs1939_cfa"));
});
after(async () => {
  await app?.close();
});

test("typing refits once after a pause; meanwhile the old tables are marked stale", async () => {
  const { page } = app;
  const editor = page.getByLabel("Model", { exact: true });
  const before = (await resultsState(page)).shown;
  await editor.click();
  await editor.press("Control+End");
  // Each keystroke is a valid model (a new line, then `visual ~~ speed`
  // letter by letter would not be; type a complete valid line quickly).
  await editor.pressSequentially("\nx1 ~~ x4", { delay: 30 });
  // Right after typing, the refit is pending: stale tables and a spinner.
  const pending = await page.locator("#results").evaluate((el) => ({
    state: el.dataset.state,
    stale: el.querySelector(".results-body").classList.contains("stale"),
    spinner: !!el.querySelector(".results-status .spinner"),
  }));
  assert.equal(pending.state, "busy");
  assert.ok(pending.stale, "old tables marked stale");
  assert.ok(pending.spinner, "a spinner");
  await readTable(page, "Fit indices (N = 301");
  const after = await until(async () => {
    const s = await resultsState(page);
    return s.state === "ready" && s.shown > before ? s : null;
  }, { what: "the refit" });
  // Debounced: the intermediate texts (`x1 ~`, `x1 ~~ x`, ...) were not fitted.
  assert.equal(after.shown, before + 1, "one fit for the whole edit");
  const params = records(await readTable(page, "Parameter estimates"));
  assert.ok(params.some((r) => r.lhs === "x1" && r.op === "~~" && r.rhs === "x4"));
  app.assertClean();
});

test("changing the estimator refits at once; incompatible choices are disabled", async () => {
  const { page } = app;
  await afterRefit(page, () => page.getByLabel("Estimator", { exact: true }).selectOption("MLR"));
  const fit = await readTable(page, "Fit indices");
  assert.match(fit.caption, /estimator MLR/);
  assert.ok(fit.rows.some((r) => r[0].startsWith("χ² scaled")), "a scaled χ²");
  // MLR goes with FIML; MLM does not (its correction needs complete data):
  // that choice is disabled, and a line says why.
  const fiml = page.locator('#missing option[value="ml"]');
  assert.equal(await fiml.isDisabled(), false);
  await afterRefit(page, () => page.getByLabel("Estimator", { exact: true }).selectOption("MLM"));
  assert.equal(await fiml.isDisabled(), true);
  await page.getByText("FIML is not available with MLM").waitFor();
  await afterRefit(page, () => page.getByLabel("Estimator", { exact: true }).selectOption("ML"));
  await afterRefit(page, () => page.getByLabel("Missing data").selectOption("ml"));
  assert.equal(await page.locator('#estimator option[value="MLR"]').isDisabled(), false);
  assert.equal(await page.locator('#estimator option[value="MLM"]').isDisabled(), true);
  await afterRefit(page, () => page.getByLabel("Missing data").selectOption("listwise"));
  app.assertClean();
});
