// Errors never blank the page: a malformed CSV and a model with a syntax
// error show messages where they belong, while the data, the model text
// and the last results stay, and the page keeps working.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readFileSync } from "node:fs";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, fixturePath, loadExample, readTable, resultsState, until } from "./app.mjs";

let app;
const hs = EXAMPLES.find((e) => e.fixture === "hs1939_cfa");
before(async () => {
  app = await openApp();
  await loadExample(app.page, hs);
});
after(async () => {
  await app?.close();
});

test("a malformed CSV shows what is wrong and keeps the data in use", async () => {
  const { page } = app;
  const model = await page.getByLabel("Model", { exact: true }).inputValue();
  await page.getByLabel("Upload data").setInputFiles({
    name: "broken.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("a,b,c\n1,2,3\n4,5\n6,7,8\n"),
  });
  const alert = page.locator(".data-error");
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /Could not read broken\.csv/);
  assert.match(text, /Row 2 \(line 3 of the file\) has 2 values but the header has 3/);
  assert.match(text, /The data in use is still hs1939_cfa\.csv/);
  // Data, model and results are still there.
  await page.getByText("hs1939_cfa.csv: 301 rows, 9 columns").waitFor();
  assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), model);
  assert.equal((await resultsState(page)).state, "ready");
  await readTable(page, "Fit indices (N = 301");
  app.assertClean();
});

test("a binary file that is not data says what it is", async () => {
  const { page } = app;
  await page.getByLabel("Upload data").setInputFiles({
    name: "picture.csv",
    mimeType: "text/csv",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]),
  });
  await until(async () => /picture\.csv/.test((await page.locator(".data-error").textContent()) || ""), {
    what: "the error about picture.csv",
  });
  await page.getByText("hs1939_cfa.csv: 301 rows, 9 columns").waitFor();
  app.assertClean();
});

test("a syntax error shows inline at its line and column; fixing it brings the results back", async () => {
  const { page } = app;
  const editor = page.getByLabel("Model", { exact: true });
  const good = await editor.inputValue();
  const shownBefore = (await resultsState(page)).shown;
  // Break line 2 while typing: "textual =~ x4 + x5 + x6" -> "textual =~ x4 + x5 x6"
  await editor.fill(good.replace("x5 + x6", "x5 x6"));
  const err = page.locator(".model-error");
  await err.waitFor();
  assert.match(await err.textContent(), /^Line 2, column \d+: /);
  assert.equal(await editor.getAttribute("aria-invalid"), "true");
  await page.locator(".gutter .err", { hasText: "2" }).waitFor();
  await page.locator("mark.tok-error").waitFor();
  // The previous results stay, marked as stale; nothing was refitted. So
  // are the parts that show the same results further down: the path
  // diagram, the APA tables and the methods paragraph (they looked current)
  await page.locator(".results-body.stale").waitFor();
  assert.equal((await resultsState(page)).state, "invalid");
  const dimmed = [".fit-summary-line", ".diagram-canvas", ".apa-tables", "#methods-text"];
  const staleOnes = () =>
    page.evaluate((sels) => sels.filter((s) => document.querySelector(s)?.classList.contains("stale")), dimmed);
  assert.deepEqual(await staleOnes(), dimmed, "every part showing the earlier results is dimmed");
  await readTable(page, "Fit indices (N = 301");
  await page.waitForTimeout(500);
  assert.equal((await resultsState(page)).shown, shownBefore);
  // "Show in the model" puts the cursor there.
  await page.getByRole("button", { name: "Show in the model" }).click();
  // Fixing it brings the results back: the ones shown were fitted to exactly
  // this text, so no refit is needed.
  await editor.fill(good);
  await until(async () => (await resultsState(page)).state === "ready", { what: "fresh results" });
  assert.equal(await err.count(), 0);
  assert.equal(await page.locator(".results-body.stale").count(), 0);
  assert.deepEqual(await staleOnes(), [], "none dimmed once the model is fixed");
  app.assertClean();
});

test("an unknown variable is an error at its place, with a suggestion", async () => {
  const { page } = app;
  const editor = page.getByLabel("Model", { exact: true });
  const good = await editor.inputValue();
  await editor.fill(good.replace("x9", "x99"));
  const err = page.locator(".model-error");
  await err.waitFor();
  assert.match(await err.textContent(), /Line 3, column \d+: `x99` is not a column of the data/);
  await editor.fill(good);
  await until(async () => (await resultsState(page)).state === "ready", { what: "fresh results" });
  app.assertClean();
});

test("a model that cannot be fitted says why and keeps the last results", async () => {
  const { page } = app;
  const editor = page.getByLabel("Model", { exact: true });
  const good = await editor.inputValue();
  // One factor with two items has more free parameters (4) than the data
  // has variances and covariances (3): it reads fine but cannot be fitted.
  await editor.fill("f =~ x1 + x2\n");
  const box = page.locator(".fit-error");
  await box.waitFor();
  assert.match(await box.textContent(), /The model could not be fitted: /);
  assert.match(await box.textContent(), /earlier version of the model/);
  assert.equal((await resultsState(page)).state, "error");
  await page.locator(".results-body.stale").waitFor();
  for (const part of [".diagram-canvas", ".apa-tables", "#methods-text"]) {
    assert.ok(await page.locator(part).evaluate((el) => el.classList.contains("stale")), `${part} dimmed`);
  }
  await readTable(page, "Fit indices (N = 301");
  await afterRefit(page, () => editor.fill(good));
  app.assertClean();
});

test("a fit that did not converge leads with the warning and judges nothing", async () => {
  const { page } = app;
  const editor = page.getByLabel("Model", { exact: true });
  const good = await editor.inputValue();
  // a residual variance fixed below zero: the optimizer stops without a solution
  await afterRefit(page, () => editor.fill(`${good.trim()}\nx1 ~~ -1*x1\n`));
  assert.match(await page.locator(".results-status").textContent(), /did not converge/);
  // the warnings (why) come before every other table
  const first = page.locator(".results-body table").first();
  assert.match(await first.locator("caption").textContent(), /^Warnings/);
  const fit = await readTable(page, "Fit indices");
  const met = fit.columns.indexOf("Met");
  assert.ok(met > 0, fit.columns.join("|"));
  assert.deepEqual(
    fit.rows.filter((r) => r[met] === "yes" || r[met] === "no"),
    [],
    "no cutoff is called met or not met",
  );
  const note = await page
    .locator("section.result", { has: page.locator("#table-fit") })
    .locator(".table-note:not(.short-headers)")
    .textContent();
  assert.match(note, /did not converge: these numbers are not a solution/);
  await afterRefit(page, () => editor.fill(good));
  // a converged fit: the warnings go back to the end
  assert.doesNotMatch(
    await page.locator(".results-body table").first().locator("caption").textContent(),
    /^Warnings/,
  );
  app.assertClean();
});

test("data with an item that copies another are refused before any fit, naming both", async () => {
  const { page } = app;
  const csv = readFileSync(fixturePath("hs1939_cfa", "hs1939_cfa.csv"), "utf8")
    .trim()
    .split("\n")
    .map((line, i) => `${line},${i === 0 ? '"x1copy"' : line.split(",")[0]}`)
    .join("\n");
  await page.getByLabel("Upload data").setInputFiles({
    name: "copied.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${csv}\n`),
  });
  await page.getByText("copied.csv: 301 rows, 10 columns").waitFor();
  const editor = page.getByLabel("Model", { exact: true });
  await editor.fill("visual =~ x1 + x2 + x3 + x1copy\ntextual =~ x4 + x5 + x6\n");
  const box = page.locator(".fit-error");
  await box.waitFor();
  assert.match(await box.textContent(), /`x1copy` and `x1` are perfectly correlated/);
  assert.equal((await resultsState(page)).state, "error");
  app.assertClean();
});
