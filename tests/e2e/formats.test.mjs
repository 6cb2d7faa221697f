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
