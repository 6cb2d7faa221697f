// Model revision by modification indices: the table is sorted, and a row's
// button adds that parameter to the model text, which refits.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, fitValues, loadExample, readTable, records } from "./app.mjs";

let app;
before(async () => {
  app = await openApp();
  await loadExample(app.page, EXAMPLES.find((e) => e.fixture === "livecommerce_sem"));
});
after(async () => {
  await app?.close();
});

test("modification indices are sorted, largest first", async () => {
  const mi = records(await readTable(app.page, "Modification indices"));
  assert.ok(mi.length > 0);
  const values = mi.map((r) => Number(r.MI));
  assert.deepEqual(values, [...values].sort((a, b) => b - a));
  // lavaan's largest: SubjectiveNorms =~ HI1, MI 13.056.
  assert.deepEqual([mi[0].lhs, mi[0].op, mi[0].rhs, mi[0].MI], ["SubjectiveNorms", "=~", "HI1", "13.056"]);
});

test("the Add button puts the parameter into the model and the model refits", async () => {
  const { page } = app;
  const editor = page.getByLabel("Model", { exact: true });
  const before = await editor.inputValue();
  const fitBefore = await fitValues(page);
  await afterRefit(page, () =>
    page.getByRole("button", { name: "Add SubjectiveNorms =~ HI1 to the model" }).click(),
  );
  const after = await editor.inputValue();
  assert.equal(after, `${before.trimEnd()}\nSubjectiveNorms =~ HI1\n`);
  const fitAfter = await fitValues(page);
  assert.equal(Number(fitAfter.df), Number(fitBefore.df) - 1, "one parameter more, one df less");
  assert.ok(Number(fitAfter["χ²"]) < Number(fitBefore["χ²"]), "χ² drops");
  // The new loading is in the parameter table and gone from the indices.
  const params = records(await readTable(page, "Parameter estimates"));
  assert.ok(params.some((r) => r.lhs === "SubjectiveNorms" && r.op === "=~" && r.rhs === "HI1"));
  const mi = records(await readTable(page, "Modification indices"));
  assert.ok(!mi.some((r) => r.lhs === "SubjectiveNorms" && r.op === "=~" && r.rhs === "HI1"));
  app.assertClean();
});

test("the threshold shows more or fewer indices without refitting", async () => {
  const { page } = app;
  const shown = async () => (await readTable(page, "Modification indices")).rows.length;
  const before = await shown();
  const state = await page.locator("#results").getAttribute("data-results");
  await page.getByLabel("Show indices of at least").selectOption({ label: "all" });
  assert.ok((await shown()) > before);
  await page.getByLabel("Show indices of at least").selectOption({ label: "10.83 (p < .001)" });
  assert.ok((await shown()) <= before);
  assert.equal(await page.locator("#results").getAttribute("data-results"), state, "no refit");
  app.assertClean();
});

test("an Add right after typing is an undo step of its own: Undo takes back the Add, then the typing", async () => {
  const { page } = app;
  const editor = page.getByLabel("Model", { exact: true });
  const undo = page.getByRole("button", { name: "Undo the last change of the model (Ctrl+Z)" });
  await page.getByLabel("Show indices of at least").selectOption({ label: "all" });
  const start = await editor.inputValue();
  await editor.click();
  await editor.press("Control+End");
  await editor.pressSequentially("# revised\n", { delay: 0 });
  const typed = await editor.inputValue();
  // within the second that joins typing into one step
  const add = page.locator("#table-modindices td.action button").first();
  const line = (await add.getAttribute("aria-label")).replace(/^Add (.+) to the model$/, "$1");
  await afterRefit(page, () => add.click());
  const added = await editor.inputValue();
  assert.ok(added.startsWith(typed) && added.includes(line), added);
  await undo.click();
  assert.equal(await editor.inputValue(), typed, "Undo takes back the Add only");
  await undo.click();
  assert.equal(await editor.inputValue(), start, "then the typing");
  app.assertClean();
});
