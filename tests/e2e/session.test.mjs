// Nothing is remembered unless asked: by default a reload starts afresh and
// localStorage stays empty. Ticking "Remember my model" keeps the model text
// and options (never the data) across reloads, also from older versions of
// the app; unticking forgets them. Plus: labels on every control, and a
// layout that fits a phone.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openApp, waitForApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, fixturePath, loadExample, readTable, typeModel } from "./app.mjs";

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

const REMEMBER = /^Remember my model/;

test("by default nothing is remembered", async () => {
  const { page } = app;
  assert.equal(await page.getByLabel(REMEMBER).isChecked(), false);
  await page.getByLabel("Upload data").setInputFiles(fixturePath("hs1939_cfa", "hs1939_cfa.csv"));
  await page.getByText("hs1939_cfa.csv: 301 rows").waitFor();
  await afterRefit(page, () => typeModel(page, "visual =~ x1 + x2 + x3\n"));
  await afterRefit(page, () => page.getByLabel("Standardize latent variables (std.lv)").check());
  assert.equal(await page.evaluate(() => localStorage.length), 0, "localStorage is empty");
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), "");
  assert.equal(await page.getByLabel("Standardize latent variables (std.lv)").isChecked(), false);
  assert.equal(await page.getByLabel(REMEMBER).isChecked(), false);
  assert.equal(await page.evaluate(() => localStorage.length), 0, "still empty after a reload");
  app.assertClean();
});

test("when asked, a reload keeps the model and options but not the data", async () => {
  const { page } = app;
  await page.getByLabel(REMEMBER).check();
  await page.getByLabel("Upload data").setInputFiles(fixturePath("hs1939_cfa", "hs1939_cfa.csv"));
  await page.getByText("hs1939_cfa.csv: 301 rows").waitFor();
  const model = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\n";
  await afterRefit(page, () => typeModel(page, model));
  await afterRefit(page, () => page.getByLabel("Standardize latent variables (std.lv)").check());
  await page.getByLabel("Significance level α").selectOption(".01");

  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), model);
  assert.equal(await page.getByLabel("Standardize latent variables (std.lv)").isChecked(), true);
  assert.equal(await page.getByLabel("Significance level α").inputValue(), "0.01");
  await page.getByText("Data is never stored").waitFor();
  assert.equal(await page.getByText("hs1939_cfa.csv").count(), 0);
  assert.equal(await page.getByLabel(REMEMBER).isChecked(), true);
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  assert.doesNotMatch(stored, /3\.3333333/, "no data in localStorage");
  app.assertClean();
});

test("an example comes back after a reload (it is part of the app)", async () => {
  const { page } = app;
  await loadExample(page, EXAMPLES[1]);
  await page.reload();
  await waitForApp(page);
  await readTable(page, "Fit indices (N = 75");
  app.assertClean();
});

test("a session saved by an older version (fewer options) still restores", async () => {
  const { page } = app;
  // Options without the fields added since (ordered items, bootstrap, ...).
  const old = {
    model: "visual =~ x1 + x2 + x3\n",
    fit: { std_lv: true, orthogonal: false, estimator: "ML", missing: "listwise" },
    rule: { alpha: 0.05, tails: "two", expected_sign: "positive" },
    missing_codes: "",
    display: { mi_min: 3.84 },
    example: null,
  };
  await page.evaluate((s) => localStorage.setItem("semlab.session.v1", JSON.stringify(s)), old);
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), old.model);
  assert.equal(await page.getByLabel("Standardize latent variables (std.lv)").isChecked(), true);
  assert.equal(await page.getByLabel("Resamples (B)").inputValue(), "1000");
  app.assertClean();
});

test("unticking 'remember' forgets the model on reload", async () => {
  const { page } = app;
  await page.getByLabel(REMEMBER).uncheck();
  assert.equal(await page.evaluate(() => localStorage.length), 0, "forgotten at once");
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), "");
  assert.equal(await page.getByLabel(REMEMBER).isChecked(), false);
  app.assertClean();
});

test("every control has a label", async () => {
  const { page } = app;
  await loadExample(page, EXAMPLES[2]);
  const unlabelled = await page.evaluate(() => {
    const name = (el) =>
      el.getAttribute("aria-label") ||
      (el.getAttribute("aria-labelledby") || "")
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent || "")
        .join("") ||
      (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) ||
      el.closest("label")?.textContent ||
      (el.tagName === "BUTTON" ? el.textContent : "");
    return [...document.querySelectorAll("button, input, select, textarea, summary")]
      .filter((el) => el.tagName === "SUMMARY" ? !el.textContent.trim() : !(name(el) || "").trim())
      .map((el) => el.outerHTML.slice(0, 120));
  });
  assert.deepEqual(unlabelled, []);
  for (const name of ["Upload data", "Model"]) {
    assert.equal(await page.getByLabel(name, { exact: true }).count(), 1, name);
  }
});

test("results fit a phone screen: tables scroll inside their boxes", async () => {
  const { page } = app;
  await page.setViewportSize({ width: 360, height: 740 });
  await page.waitForTimeout(200);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
  app.assertClean();
});
