// A moderated regression on several indirect paths, on the page: the serial
// moderated mediation with missing values (tests/fixtures/moderation/
// moderation_serial_missing: X → M1 → M2 → Y, X → M1 moderated by W, M1
// predicting both M2 and Y) through the file input and the editor. The
// moderation table gives, after the simple slopes, each path's conditional
// indirect effects and its index, labelled by the whole path (X → M1 → M2,
// X → M1 → M2 → Y, X → M1 → Y), with lavaan's `cind_*` and `imm_*` rows'
// estimates, SEs and p to the digits shown; the APA table has the same rows,
// the methods paragraph each path's index; the same labels in Chinese.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO, openApp } from "./helpers.mjs";
import { afterRefit, assertShown, pval, readTable, records, typeModel } from "./app.mjs";
import { readApaTable } from "./publish.mjs";

const DIR = join(REPO, "tests", "fixtures", "moderation", "moderation_serial_missing");
const CSV = join(DIR, "moderation_serial_missing.csv");
const MODEL = readFileSync(join(DIR, "model.lav"), "utf8").trim();
const REFERENCE = JSON.parse(readFileSync(join(DIR, "reference.json"), "utf8"));
const defined = (name) => REFERENCE.parameters.find((p) => p.op === ":=" && p.lhs === name);
// each path, as the table labels it, and the names of lavaan's rows of it
const PATHS = [
  ["X → M1 → M2", "m2"],
  ["X → M1 → M2 → Y", "m2_y"],
  ["X → M1 → Y", "y"],
];
const AT = ["low", "mean", "high"];

let app;
before(async () => {
  app = await openApp();
  await app.page.getByLabel("Upload data").setInputFiles(CSV);
  await app.page.getByText(/moderation_serial_missing\.csv: 320 rows, 5 columns/).waitFor();
  await afterRefit(app.page, () => typeModel(app.page, MODEL), "the serial fit");
});
after(async () => {
  await app?.close();
});

test("each path's conditional indirect effects and index agree with lavaan, labelled by the whole path", async () => {
  const { page } = app;
  const rows = records(await readTable(page, "Moderation: simple slopes"));
  assert.equal(rows.length, 3 + 4 * PATHS.length);
  const check = (row, name) => {
    const d = defined(name);
    assertShown(row.Estimate, d.est, `${name} estimate`);
    assertShown(row.SE, d.se, `${name} SE`);
    assertShown(row.p, d.pvalue, `${name} p`, pval);
  };
  AT.forEach((at, k) => check(rows[k], `slope_${at}`));
  PATHS.forEach(([path, name], i) => {
    const at = 3 + 4 * i;
    AT.forEach((w, k) => {
      assert.equal(rows[at + k].Effect, `Conditional indirect ${path}`);
      check(rows[at + k], `cind_${name}_${w}`);
    });
    assert.equal(rows[at].At, "W = mean − 1 SD (2.837)");
    assert.equal(rows[at + 3].Effect, `Index of moderated mediation ${path}`);
    check(rows[at + 3], `imm_${name}`);
  });
  // no refusal left in the note
  const note = await page
    .locator("section.result", { has: page.locator("#table-moderation") })
    .locator(".table-note:not(.short-headers)")
    .textContent();
  assert.doesNotMatch(note, /not given|:=/);
  const apa = await readApaTable(page, "Conditional Effects at Values of the Moderator");
  assert.equal(apa.rows.length, rows.length);
  assert.deepEqual(
    apa.rows.map((r) => r[0]),
    rows.map((r) => r.Effect),
  );
  assert.equal(apa.rows[10][2], rows[10].Estimate);
  const text = await page.getByLabel("The paragraph (edit it here)").inputValue();
  assert.match(text, /The index of moderated mediation through M1 → M2 was -?\d\.\d{3} \(95% CI \[/);
  assert.match(text, /the indirect effect of X on Y (does not )?depends?/);
  app.assertClean();
});

test("the paths' labels follow the language", async () => {
  const { page } = app;
  await page.getByRole("button", { name: "简体中文" }).click();
  await page.locator("html[lang=zh-CN]").waitFor();
  const rows = records(await readTable(page, "调节效应：简单斜率"));
  assert.equal(rows[7]["效应"], "条件间接效应 X → M1 → M2 → Y");
  assert.equal(rows[10]["效应"], "被调节的中介指数 X → M1 → M2 → Y");
  await page.getByRole("button", { name: "English" }).click();
  await page.locator("html[lang=en]").waitFor();
  app.assertClean();
});
