// Excel and SPSS files: read in the worker like CSV; a workbook's sheets
// can be chosen, and SPSS variable labels are shown beside the names.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO, openApp } from "./helpers.mjs";
import { afterRefit, readTable, records, typeModel } from "./app.mjs";

const DATA = join(REPO, "tests", "fixtures", "data");
let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

test("an .xlsx workbook is read and fitted", async () => {
  const { page } = app;
  await page.getByLabel("Upload data").setInputFiles(join(DATA, "hs1939_50.xlsx"));
  await page.getByText("hs1939_50.xlsx: 50 rows, 9 columns").waitFor();
  await afterRefit(page, () =>
    typeModel(page, "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n"),
  );
  await readTable(page, "Fit indices (N = 50");
  app.assertClean();
});

test("a workbook with several sheets offers a sheet chooser", async () => {
  const { page } = app;
  await page.getByLabel("Upload data").setInputFiles(join(DATA, "survey.xlsx"));
  await page.getByText(/^survey\.xlsx: \d+ rows/).waitFor();
  const sheet = page.getByLabel("Worksheet");
  assert.equal(await sheet.inputValue(), "Data");
  await sheet.selectOption("Second");
  await page.getByText("survey.xlsx: 2 rows, 2 columns").waitFor();
  const preview = await readTable(page, "Data preview");
  assert.deepEqual(preview.columns, ["a", "b"]);
  app.assertClean();
});

test("an SPSS .sav file shows its variable labels beside the names", async () => {
  const { page } = app;
  await page.getByLabel("Upload data").setInputFiles(join(DATA, "survey.sav"));
  await page.getByText(/^survey\.sav: 5 rows/).waitFor();
  await page.locator(".variables", { hasText: "I trust this seller" }).waitFor();
  const items = records(await readTable(page, "Item statistics"));
  const q1 = items.find((r) => r.Item === "q1");
  assert.equal(q1.Label, "I trust this seller");
  app.assertClean();
});

test("an SPSS file's nominal variables are offered as groups, not items, with their value labels", async () => {
  const { page } = app;
  // pyreadstat: gender and channel nominal with labels, q1–q3 ordinal Likert items, age scale
  await page.getByLabel("Upload data").setInputFiles(join(DATA, "survey_measures.sav"));
  await page.getByText(/^survey_measures\.sav: 40 rows/).waitFor();
  const chips = await page.locator(".variables button.variable").allTextContents();
  assert.deepEqual(chips, ["q1", "q2", "q3", "age"], "no nominal variable among the items");
  await page.locator(".nominal-variables", { hasText: "gender, channel" }).waitFor();
  const items = records(await readTable(page, "Item statistics"));
  const gender = items.find((r) => r.Item === "gender");
  assert.match(gender.Hint, /nominal in the file/);
  assert.doesNotMatch(gender.Hint, /ordinal\?/);
  assert.match(gender.Hint, /1 = male, 2 = female/);
  assert.match(items.find((r) => r.Item === "q1").Hint, /ordinal\? .*1 = strongly disagree, 5 = strongly agree/);
  // the group choice lists the nominal columns first, with the labels of their values
  await page.getByLabel("Model", { exact: true }).fill("f =~ q1 + q2 + q3");
  const options = await page.locator("#group option").allTextContents();
  assert.deepEqual(options.slice(1, 3), ["gender", "channel"]);
  await page.locator("#group").selectOption("gender");
  await page.locator(".group-levels", { hasText: /1 = male \(\d+ rows\)/ }).waitFor();
  await page.locator(".group-levels", { hasText: /2 = female \(\d+ rows\)/ }).waitFor();
  app.assertClean();
});
