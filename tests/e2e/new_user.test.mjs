// A new user's own survey file, with what such files have: a text column
// of names, column names that lavaan syntax cannot use, a text answer in a
// column the model uses. The data section says what it can and cannot
// use, Mardia's p-values read as p-values, and when a newer file cannot be
// fitted the results say that they are from the data read before — in
// English and in 简体中文 (with Chinese punctuation).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { afterRefit, resultsState, until } from "./app.mjs";

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

/** A 5-point Likert survey: 2 factors × 3 items, N = 300, deterministic. */
function survey({ textAt } = {}) {
  let seed = 20240611;
  const unif = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed + 0.5) / 2147483648;
  };
  const normal = () => Math.sqrt(-2 * Math.log(unif())) * Math.cos(2 * Math.PI * unif());
  const likert = (x) => String(Math.min(5, Math.max(1, Math.round(3 + 1.4 * x))));
  const header = ["name", "Trust 1", "sn-1", "A1", "A2", "A3", "I1", "I2", "I3"];
  const lines = [header.join(",")];
  for (let i = 1; i <= 300; i++) {
    const a = normal();
    const b = 0.5 * a + 0.8 * normal();
    const row = [`Person ${i}`, likert(normal()), likert(normal())];
    for (const f of [a, a, a]) row.push(likert(0.8 * f + 0.6 * normal()));
    for (const f of [b, b, b]) row.push(likert(0.8 * f + 0.6 * normal()));
    if (textAt === i) row[4] = "four"; // A2
    lines.push(row.join(","));
  }
  return Buffer.from(lines.join("\n") + "\n");
}

const MODEL = "Att =~ A1 + A2 + A3\nInt =~ I1 + I2 + I3\nInt ~ H1*Att\n";

async function upload(page, name, buffer, label = "Upload data") {
  await page.getByLabel(label).setInputFiles({ name, mimeType: "text/csv", buffer });
}

test("the data section names the columns a model cannot use, and Mardia's p reads as a p-value", async () => {
  const { page } = app;
  await upload(page, "survey.csv", survey());
  await page.getByText("survey.csv: 300 rows, 9 columns").waitFor();
  const hints = await page.locator(".data-panel li").allTextContents();
  assert.ok(hints.some((h) => h.startsWith("Text columns (not usable as items): name.")), hints.join("\n"));
  const unusable = hints.find((h) => h.startsWith("Column names that lavaan syntax cannot use"));
  assert.ok(unusable, hints.join("\n"));
  assert.match(unusable, /cannot use: Trust 1, sn-1\. /);
  const mardia = hints.find((h) => h.startsWith("Mardia"));
  assert.doesNotMatch(mardia, /p = </, "no `p = < .001`");
  assert.match(mardia, /z = [-\d.]+, p < \.001; skewness b1,p = [\d.]+, p (= \.\d{3}|< \.001)\.$/);

  await upload(page, "one.csv", Buffer.from("x\n1\n2\n3\n"));
  await page.getByText("one.csv: 3 rows, 1 column ·").waitFor();
  app.assertClean();
});

test("a text answer in a model's column: the error names it, and the old results say they are from the earlier data", async () => {
  const { page } = app;
  await upload(page, "survey.csv", survey());
  await page.getByText("survey.csv: 300 rows, 9 columns").waitFor();
  await afterRefit(page, () => page.locator("#model").fill(MODEL));

  await upload(page, "survey-v2.csv", survey({ textAt: 37 }));
  await until(async () => (await resultsState(page)).state === "error", { what: "the fit error" });
  const box = page.locator("#results .fit-error");
  const en = (await box.innerText()).replace(/\s+/g, " ");
  assert.match(en, /^The model could not be fitted: Column "A2", row 37 \(line 38 of the file\): "four" is not a number/);
  assert.match(en, /These results are from the data read before, survey\.csv\.$/);
  assert.doesNotMatch(en, /earlier version of the model/);
  // the model editor says it too, where the model first names A2
  await page.locator("#model-status .model-error").waitFor();
  const status = (await page.locator("#model-status").innerText()).replace(/\s+/g, " ");
  assert.match(status, /^Line 1, column 13: Column "A2", row 37 \(line 38 of the file\): "four" is not a number/);

  await page.getByRole("button", { name: "简体中文" }).click();
  await box.getByText("无法拟合模型").waitFor();
  const zh = (await box.innerText()).replace(/\s+/g, " ");
  assert.match(zh, /^无法拟合模型：列“A2”第 37 行/, "a Chinese colon after the label");
  assert.match(zh, /这些结果来自此前读入的数据 survey\.csv。$/);
  // The model editor's error label too.
  await page.locator("#model").fill("Att =~ A1 + A2 +* A3\n");
  await page.locator("#model-status .model-error").waitFor();
  assert.match(await page.locator("#model-status").innerText(), /^第 1 行，第 \d+ 列：/);
  // The same in English again.
  await page.getByRole("button", { name: "English" }).click();
  assert.match(await page.locator("#model-status").innerText(), /^Line 1, column \d+: /);
  app.assertClean();
});
