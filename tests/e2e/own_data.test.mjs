// A person's own data: upload a CSV through the file input, see the preview
// and the item table, type the model, get lavaan's results. Then the
// missing-value codes, and pasting cells from a spreadsheet.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import {
  FIT_KEYS,
  afterRefit,
  assertShown,
  fitValues,
  fixturePath,
  pval,
  readTable,
  records,
  reference,
  resultsState,
  typeModel,
  until,
} from "./app.mjs";

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

test("a CSV uploaded through the file input is previewed and described", async () => {
  const { page } = app;
  await page.getByLabel("Upload data").setInputFiles(fixturePath("hs1939_cfa", "hs1939_cfa.csv"));
  await page.getByText("hs1939_cfa.csv: 301 rows, 9 columns").waitFor();
  const preview = await readTable(page, "Data preview");
  assert.deepEqual(preview.columns, ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"]);
  assert.equal(preview.rows.length, 5);
  assert.equal(preview.rows[0][0], "3.3333333");
  const items = records(await readTable(page, "Item statistics"));
  assert.equal(items.length, 9);
  const x1 = items.find((r) => r.Item === "x1");
  assert.equal(x1.n, "301");
  assert.equal(x1.Missing, "0");
  assert.match(x1.Mean, /^\d+\.\d{3}$/);
  // The variable list offers the columns, for click-to-insert.
  await page.getByRole("button", { name: "Insert x1" }).waitFor();
  // No results without a model.
  assert.equal((await resultsState(page)).shown, 0);
  app.assertClean();
});

test("typing the model gives lavaan's fit", async () => {
  const { page } = app;
  const ref = reference("hs1939_cfa");
  await afterRefit(page, () => typeModel(page, ref.model.trim()));
  const fit = await fitValues(page);
  for (const key of ["chisq", "cfi", "tli", "rmsea", "srmr"]) {
    const label = Object.keys(FIT_KEYS).find((l) => FIT_KEYS[l] === key);
    assertShown(fit[label], ref.fit[key], label);
  }
  assertShown(fit["p (χ²)"], ref.fit.pvalue, "p", pval);
  app.assertClean();
});

test("clicking a variable inserts it into the model at the cursor", async () => {
  const { page } = app;
  const editor = page.getByLabel("Model", { exact: true });
  await afterRefit(page, async () => {
    await editor.click();
    await editor.press("Control+End");
    await editor.pressSequentially("\ntextual =~ ");
    await page.getByRole("button", { name: "Insert x1" }).click();
  });
  // A cross-loading of x1 on textual.
  assert.match(await editor.inputValue(), /\ntextual =~ x1\s*$/);
  const params = records(await readTable(page, "Parameter estimates"));
  assert.ok(params.some((r) => r.lhs === "textual" && r.op === "=~" && r.rhs === "x1"));
  app.assertClean();
});

test("missing-value codes are applied when the data is read again", async () => {
  const { page } = app;
  const csv = "a,b,c\n1,2,3\n2,-99,4\n3,4,5\n4,5,-99\n";
  await page.getByLabel("Upload data").setInputFiles({
    name: "codes.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await page.getByText("codes.csv: 4 rows, 3 columns").waitFor();
  let items = records(await readTable(page, "Item statistics"));
  assert.equal(items.find((r) => r.Item === "b").Missing, "0");
  await page.getByLabel("Missing-value codes").fill("-99");
  await page.getByLabel("Missing-value codes").press("Enter");
  await until(async () => {
    items = records(await readTable(page, "Item statistics"));
    return items.find((r) => r.Item === "b").Missing === "1";
  }, { what: "the code -99 to count as missing" });
  assert.equal(items.find((r) => r.Item === "c").Missing, "1");
  await page.getByText("2 of 4 rows complete").waitFor();
  await page.getByLabel("Missing-value codes").fill("");
  await page.getByLabel("Missing-value codes").press("Enter");
  app.assertClean();
});

test("a value that looks like a missing-value code is offered as one", async () => {
  const { page } = app;
  const rows = ["q1,q2,q3", "1,2,3", "-99,4,5", "3,-99,2", "4,5,1", "5,1,-99", "2,3,4", "-99,2,3", "4,-99,5"];
  await page.getByLabel("Upload data").setInputFiles({
    name: "survey.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(rows.join("\n") + "\n"),
  });
  await page.getByText("survey.csv: 8 rows, 3 columns").waitFor();
  const offer = page.locator(".missing-code-suggestion");
  await offer.waitFor();
  assert.match(await offer.innerText(), /-99 appears 4 times in q1, q2/);
  await page.getByRole("button", { name: "Treat -99 as missing" }).click();
  let items;
  await until(async () => {
    items = records(await readTable(page, "Item statistics"));
    return items.find((r) => r.Item === "q1").Missing === "2";
  }, { what: "-99 to count as missing after Treat as missing" });
  assert.equal(items.find((r) => r.Item === "q2").Missing, "2");
  // q3 holds a single -99: not suspected, but the code applies to every column
  assert.equal(items.find((r) => r.Item === "q3").Missing, "1");
  assert.equal(await page.getByLabel("Missing-value codes").inputValue(), "-99");
  assert.equal(await offer.count(), 0);
  await page.getByLabel("Missing-value codes").fill("");
  await page.getByLabel("Missing-value codes").press("Enter");
  app.assertClean();
});

test("a file dropped on the drop zone is read", async () => {
  const { page } = app;
  const dt = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(["u,v,w\n1,2,3\n4,5,6\n"], "dropped.csv", { type: "text/csv" }));
    return dt;
  });
  await page.dispatchEvent(".dropzone", "dragover", { dataTransfer: dt });
  await page.dispatchEvent(".dropzone", "drop", { dataTransfer: dt });
  await page.getByText("dropped.csv: 2 rows, 3 columns").waitFor();
  app.assertClean();
});

test("counts of a larger file are grouped by thousands", async () => {
  const { page } = app;
  // 12,345 rows; every 10th has an empty cell
  const lines = ["p,q,r"];
  for (let i = 0; i < 12345; i++) lines.push(`${i % 7},${i % 5},${i % 10 === 0 ? "" : i % 3}`);
  await page.getByLabel("Upload data").setInputFiles({
    name: "large.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(lines.join("\n") + "\n"),
  });
  await page.getByText("large.csv: 12,345 rows, 3 columns").waitFor();
  await page.getByText("11,110 of 12,345 rows complete").waitFor();
  app.assertClean();
});

test("cells pasted from a spreadsheet are read as data", async () => {
  const { page } = app;
  await page.getByText("Paste from a spreadsheet").click();
  await page.getByLabel("Pasted data").fill("q1\tq2\tq3\n1\t2\t3\n2\t3\t4\n3\t3\t5\n");
  await page.getByRole("button", { name: "Use pasted data" }).click();
  await page.getByText("pasted data.tsv: 3 rows, 3 columns").waitFor();
  await page.getByRole("button", { name: "Insert q2" }).waitFor();
  app.assertClean();
});

test("the data preview shows the cells as semlab reads them", async () => {
  const { page } = app;
  // a European export: semicolons, decimal commas, an empty cell, a text column
  await page.getByLabel("Upload data").setInputFiles({
    name: "komma.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("x;y;who\n3,5;1;Anna\n;2;\n4,25;3;Ben\n"),
  });
  await page.getByText("komma.csv: 3 rows, 3 columns").waitFor();
  const preview = await readTable(page, "Data preview");
  assert.deepEqual(preview.rows, [
    ["3.5", "1", "Anna"],
    ["NA", "2", "NA"],
    ["4.25", "3", "Ben"],
  ]);
  await page.getByText(/Cells as semlab reads them/).waitFor();
  app.assertClean();
});
