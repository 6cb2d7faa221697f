// A large file: reading it shows a progress bar with the percent done and
// a Cancel button. Cancelling (while the worker parses) leaves the data in
// use, the model and the results as they were, and the page keeps working;
// a large file read to the end gives its row count with thousands
// separators. The same in Chinese. The files are made here (tens of MB), not kept in the repo.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, loadExample, readTable, resultsState, until } from "./app.mjs";

const COLUMNS = 12;

/** A CSV of `rows` rows and 12 numeric columns (about 100 bytes a row). */
function bigCsv(rows) {
  const names = Array.from({ length: COLUMNS }, (_, j) => `v${j + 1}`);
  const lines = [names.join(",")];
  let seed = 12345;
  for (let i = 0; i < rows; i++) {
    const cells = [];
    for (let j = 0; j < COLUMNS; j++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      cells.push(((seed / 2147483648) * 7).toFixed(4));
    }
    lines.push(cells.join(","));
  }
  return lines.join("\n") + "\n";
}

let app;
let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "semlab-large-"));
  app = await openApp();
});
after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The read's progress bar value (0–100), or null when there is none (read
 * in one step: the bar may go away at any moment). */
async function barValue(page, name, label = `Reading ${name}`) {
  return page.evaluate((label) => {
    const bar = [...document.querySelectorAll("progress")].find(
      (p) => p.getAttribute("aria-label") === label,
    );
    return bar ? Number(bar.value) : null;
  }, label);
}

test("cancelling a large file keeps the data, model and results in use", async () => {
  const { page } = app;
  const hs = EXAMPLES[0];
  await loadExample(page, hs);
  const dataLine = page.getByText("hs1939_cfa.csv: 301 rows, 9 columns");
  await dataLine.waitFor();
  const model = await page.getByLabel("Model", { exact: true }).inputValue();
  const before = await resultsState(page);
  const fitBefore = await readTable(page, "Fit indices");

  const name = "cancel_me.csv";
  const path = join(dir, name);
  writeFileSync(path, bigCsv(450_000)); // about 45 MB
  await page.getByLabel("Upload data").setInputFiles(path);

  // The bar appears and its percent goes up, with the text beside it.
  const seen = [];
  await until(
    async () => {
      const v = await barValue(page, name);
      if (v !== null && seen.at(-1) !== v) seen.push(v);
      // past the page's share (20 %): the worker is parsing
      return v !== null && v > 20;
    },
    { timeout: 40_000, interval: 10, what: "the progress bar past 20 %" },
  );
  assert.ok(seen.length >= 2, `the percent advances: ${seen}`);
  // a progress bar with the file's name as its accessible name
  await page.getByRole("progressbar", { name: `Reading ${name}` }).waitFor();
  for (let k = 1; k < seen.length; k++) assert.ok(seen[k] >= seen[k - 1], `never back: ${seen}`);
  await page.getByText(new RegExp(`^Reading ${name}: \\d+ %$`)).waitFor();

  await page.getByRole("button", { name: `Cancel reading ${name}` }).click();
  await page.getByText(`Reading ${name} cancelled.`).waitFor();
  assert.equal(await barValue(page, name), null, "the bar is gone");
  await page.getByText("The data in use is still hs1939_cfa.csv.").waitFor();
  await dataLine.waitFor();
  assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), model);
  const now = await resultsState(page);
  assert.equal(now.shown, before.shown, "no new results");
  assert.equal(now.state, "ready");
  assert.deepEqual(await readTable(page, "Fit indices"), fitBefore);

  // The new worker has the data: an edit refits on the same 301 rows.
  const editor = page.getByLabel("Model", { exact: true });
  await afterRefit(page, async () => {
    await editor.click();
    await editor.press("Control+End");
    await editor.pressSequentially("\nx1 ~~ x4");
  });
  const fit = await readTable(page, "Fit indices");
  assert.match(fit.caption, /N = 301\b/);
  assert.equal((await resultsState(page)).state, "ready");
  app.assertClean();
});

test("a large file read to the end gives its rows with thousands separators", async () => {
  const { page } = app;
  const name = "survey_200k.csv";
  const path = join(dir, name);
  writeFileSync(path, bigCsv(200_000)); // about 20 MB
  await page.getByLabel("Upload data").setInputFiles(path);
  const seen = [];
  const loaded = page.getByText(`${name}: 200,000 rows, ${COLUMNS} columns`);
  await until(
    async () => {
      const v = await barValue(page, name);
      if (v !== null && seen.at(-1) !== v) seen.push(v);
      return (await loaded.count()) > 0;
    },
    { timeout: 50_000, interval: 10, what: "the 200,000 rows read" },
  );
  assert.ok(seen.length >= 2, `the bar showed the percent going up: ${seen}`);
  assert.ok(seen.some((v) => v > 0 && v < 100), `a percent between 0 and 100: ${seen}`);
  for (let k = 1; k < seen.length; k++) assert.ok(seen[k] >= seen[k - 1], `never back: ${seen}`);
  assert.equal(await barValue(page, name), null, "the bar is gone");
  assert.equal(await page.getByText(/cancelled/).count(), 0);
  app.assertClean();
});

test("in Chinese the bar, the button and the cancel say so in Chinese", async () => {
  const { page } = app;
  await page.getByRole("button", { name: "简体中文" }).click();
  await until(async () => (await page.evaluate(() => document.documentElement.lang)) === "zh-CN", {
    what: "the page in Chinese",
  });
  const name = "cancel_me.csv";
  await page.getByLabel("上传数据").setInputFiles(join(dir, name));
  await until(async () => (await barValue(page, name, `正在读取 ${name}`)) > 20, {
    timeout: 40_000,
    interval: 10,
    what: "the progress bar in Chinese past 20 %",
  });
  await page.getByRole("progressbar", { name: `正在读取 ${name}` }).waitFor();
  await page.getByText(new RegExp(`^正在读取 ${name}：\\d+%$`)).waitFor();
  await page.getByRole("button", { name: `取消读取 ${name}` }).click();
  await page.getByText(`已取消读取 ${name}。`).waitFor();
  // the data in use are still the 200,000 rows read before
  await page.getByText("当前使用的仍是 survey_200k.csv。").waitFor();
  await page.getByText("survey_200k.csv：200,000 行，12 列").waitFor();
  await page.getByRole("button", { name: "English" }).click();
  app.assertClean();
});
