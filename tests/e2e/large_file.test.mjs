// A large file: reading it shows a progress bar with the percent done and
// a Cancel button. Cancelling leaves the data in
// use, the model and the results as they were, and the page keeps working
// (while the worker parses, and while the page itself still reads the file);
// long jobs held up by the read (a bootstrap, the checks) start again on
// the new worker, and the page says so;
// a large file read to the end gives its row count with thousands
// separators. The same in Chinese. Large SPSS .sav and .zsav files too. The files are made here (tens of MB), not kept in the repo.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { spssFile } from "./spss_writer.mjs";
import { EXAMPLES, afterRefit, loadExample, readTable, records, resultsState, typeModel, until } from "./app.mjs";

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

/** Makes the page's reads of a File slow (`ms` per piece), as from a slow
 * disk or a phone's storage, so that a test can act while the page itself
 * reads (before the worker gets the bytes); returns the undo. */
async function slowFileReads(page, ms) {
  await page.evaluate((ms) => {
    const original = Blob.prototype.arrayBuffer;
    window.__semlabArrayBuffer = original;
    window.__semlabPieces = 0;
    Blob.prototype.arrayBuffer = function () {
      window.__semlabPieces += 1;
      return new Promise((resolve) => setTimeout(resolve, ms)).then(() => original.call(this));
    };
  }, ms);
  return () =>
    page.evaluate(() => {
      Blob.prototype.arrayBuffer = window.__semlabArrayBuffer;
    });
}

test("cancelling while the page itself reads the file keeps everything, and another file loads at once", async () => {
  const { page } = app;
  const hs = EXAMPLES[0];
  await loadExample(page, hs);
  const dataLine = page.getByText("hs1939_cfa.csv: 301 rows, 9 columns");
  await dataLine.waitFor();
  const model = await page.getByLabel("Model", { exact: true }).inputValue();
  const before = await resultsState(page);
  const fitBefore = await readTable(page, "Fit indices");

  const name = "cancel_me.csv"; // about 45 MB, made by the first test
  const undo = await slowFileReads(page, 200);
  try {
    await page.getByLabel("Upload data").setInputFiles(join(dir, name));
    // below the page's share (20 %): the page reads, the worker has nothing yet
    const seen = [];
    await until(
      async () => {
        const v = await barValue(page, name);
        if (v !== null && seen.at(-1) !== v) seen.push(v);
        return v !== null && v > 0;
      },
      { timeout: 20_000, interval: 10, what: "the bar moving while the page reads" },
    );
    const at = seen.at(-1);
    assert.ok(at < 20, `still in the page's read: ${seen}`);
    await page.getByRole("button", { name: `Cancel reading ${name}` }).click();
    const pieces = () => page.evaluate(() => window.__semlabPieces);
    const atCancel = await pieces();
    await page.getByText(`Reading ${name} cancelled.`).waitFor();
    assert.equal(await barValue(page, name), null, "the bar is gone");
    assert.equal(await page.getByRole("button", { name: `Cancel reading ${name}` }).count(), 0);
    await page.getByText("The data in use is still hs1939_cfa.csv.").waitFor();
    assert.equal(await page.locator(".data-error").count(), 0, "no error");
    assert.equal(await page.getByText(/could not be read|cannot be read/i).count(), 0);
    await dataLine.waitFor();
    assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), model);
    const now = await resultsState(page);
    assert.equal(now.shown, before.shown, "no new results");
    assert.equal(now.state, "ready");
    assert.deepEqual(await readTable(page, "Fit indices"), fitBefore);

    // The pieces still on their way are dropped: the cancelled file never
    // becomes the data, nor brings its bar back.
    await page.waitForTimeout(1200);
    // the page stopped reading: at most the piece under way when cancelled
    assert.ok((await pieces()) <= atCancel + 1, `pieces read after the cancel: ${atCancel} → ${await pieces()}`);
    assert.equal(await barValue(page, name), null, "the bar stays gone");
    await dataLine.waitFor();
  } finally {
    await undo();
  }

  // Another file loads at once, and the model refits on it.
  const other = "tests/fixtures/lavaan-extra/hs1939_orthogonal/hs1939_orthogonal.csv";
  await afterRefit(page, () => page.getByLabel("Upload data").setInputFiles(other));
  await page.getByText(/^hs1939_orthogonal\.csv: 301 rows, \d+ columns$/).waitFor();
  assert.equal(await page.getByText(`Reading ${name} cancelled.`).count(), 0, "the note is gone");
  assert.equal(await page.locator(".data-error").count(), 0);
  app.assertClean();
});

/** Opens the made file `name` and waits until the page's worker parses it
 * (the bar past the page's 20 %): the worker can then answer nothing else. */
async function readUntilTheWorkerParses(page, name) {
  await page.getByLabel("Upload data").setInputFiles(join(dir, name));
  await until(async () => (await barValue(page, name)) > 20, {
    timeout: 40_000,
    interval: 10,
    what: "the worker parsing",
  });
}

/** The bootstrap columns of the parameter table, row by row. */
async function bootColumns(page) {
  const rows = records(await readTable(page, "Parameter estimates"));
  return rows.map((r) => [r.lhs, r.op, r.rhs, r["Boot SE"], r["Boot CI lower"], r["Boot CI upper"]]);
}

test("a bootstrap and the measurement checks asked while the worker reads start again when the read is cancelled, to the same numbers", async () => {
  const { page } = app;
  await loadExample(page, EXAMPLES[0]);
  const field = page.getByLabel("Resamples (B)");
  await field.fill("200");
  await field.press("Tab");
  const run = page.getByRole("button", { name: "Run bootstrap" });
  await run.click();
  const done = page.getByText(/^Bootstrap done in [\d.]+ s: \d+ of 200 resamples used/);
  await done.waitFor();
  const reference = await bootColumns(page);
  assert.ok(reference.some((r) => r[3] && r[3] !== "—"), "boot SEs shown");

  // The worker parses a large file; meanwhile the person asks for a
  // bootstrap and the checks (they wait behind the read in that worker).
  const name = "cancel_me.csv";
  await readUntilTheWorkerParses(page, name);
  await run.click();
  await page.locator("#measurement").getByRole("button", { name: "Run the checks" }).click();
  assert.equal(await done.count(), 0, "the bootstrap runs");
  await page.getByRole("button", { name: `Cancel reading ${name}` }).click();
  await page.getByText(`Reading ${name} cancelled.`).waitFor();
  // Cancelling the read cancels only the read: both jobs start again on the
  // new worker, and the page says so.
  await page
    .getByText(
      "Started again from the beginning on a new worker (the read had held up the old one): the bootstrap, the measurement check.",
    )
    .waitFor();
  await page.getByText(/^Checked in \d+ ms\.$/).waitFor();
  await readTable(page, "Sampling adequacy and sphericity");
  await until(async () => (await done.count()) > 0 && (await run.isEnabled()), {
    timeout: 60_000,
    what: "the bootstrap started again to finish",
  });
  assert.deepEqual(await bootColumns(page), reference, "the same seed, the same intervals");
  await page.getByText("hs1939_cfa.csv: 301 rows, 9 columns").waitFor();
  app.assertClean();
});

test("a bootstrap spread over the workers when a read starts goes on after the read is cancelled, to the same numbers", async () => {
  const { page } = app;
  await page.getByText("hs1939_cfa.csv: 301 rows, 9 columns").waitFor();
  const field = page.getByLabel("Resamples (B)");
  await field.fill("5000");
  await field.press("Tab");
  const run = page.getByRole("button", { name: "Run bootstrap" });
  const done = page.getByText(/^Bootstrap done in [\d.]+ s: \d+ of 5000 resamples used/);
  await run.click();
  await done.waitFor({ timeout: 120_000 });
  const seconds = Number((await done.textContent()).match(/in ([\d.]+) s/)[1]);
  const reference = await bootColumns(page);

  await run.click();
  const drawn = () =>
    page.evaluate(() => Number(document.querySelector('progress[aria-label="Bootstrap progress"]')?.value ?? 0));
  await until(async () => (await drawn()) > 0, { what: "the bootstrap under way" });
  const name = "cancel_me.csv";
  await readUntilTheWorkerParses(page, name);
  assert.equal(await done.count(), 0, `the bootstrap still runs (it took ${seconds} s alone)`);
  await page.getByRole("button", { name: `Cancel reading ${name}` }).click();
  await page
    .getByText("Started again from the beginning on a new worker (the read had held up the old one): the bootstrap.")
    .waitFor();
  await until(async () => (await done.count()) > 0 && (await run.isEnabled()), {
    timeout: 120_000,
    what: "the bootstrap started again to finish",
  });
  assert.deepEqual(await bootColumns(page), reference, "the same seed, the same intervals");
  app.assertClean();
});

test("a bootstrap the person is cancelling when the read is cancelled ends as a cancel, on the other workers' resamples", async () => {
  const { page } = app;
  const workers = Math.min(4, await page.evaluate(() => navigator.hardwareConcurrency));
  const run = page.getByRole("button", { name: "Run bootstrap" });
  await run.click();
  const drawn = () =>
    page.evaluate(() => Number(document.querySelector('progress[aria-label="Bootstrap progress"]')?.value ?? 0));
  await until(async () => (await drawn()) > 0, { what: "the bootstrap under way" });
  const name = "cancel_me.csv";
  await readUntilTheWorkerParses(page, name);
  // the page's worker, reading, cannot answer this Cancel; the pool's do
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await page.getByRole("button", { name: `Cancel reading ${name}` }).click();
  await page.getByText(`Reading ${name} cancelled.`).waitFor();
  const cancelled = page.getByText(/^Bootstrap cancelled after [\d,]+ of 5000 resamples\./);
  if (workers > 1) {
    await cancelled.waitFor({ timeout: 30_000 });
    const table = await readTable(page, "Parameter estimates");
    assert.ok(table.columns.includes("Boot SE"), "the columns of the resamples made");
  } else {
    await until(async () => run.isEnabled(), { timeout: 30_000, what: "the bootstrap ended" });
  }
  assert.equal(await page.getByText(/stopped because the data, the model or the options changed/).count(), 0);
  assert.equal(await page.getByText(/^Started again from the beginning/).count(), 0, "nothing restarted");
  await page.getByText("hs1939_cfa.csv: 301 rows, 9 columns").waitFor();
  app.assertClean();
});

test("a Monte Carlo run asked while the worker reads starts again when the read is cancelled, to the same table", async () => {
  const { page } = app;
  await loadExample(
    page,
    EXAMPLES.find((e) => e.fixture === "livecommerce_sem"),
  );
  const section = page.getByRole("region", { name: "Monte Carlo power of the hypotheses" });
  for (const [label, value] of [
    ["N of each data set", 300],
    ["Replications", 100],
  ]) {
    const field = section.getByLabel(label, { exact: true });
    await field.fill(String(value));
    await field.press("Tab");
  }
  const run = section.getByRole("button", { name: "Run Monte Carlo" });
  const answer = section.locator(".mc-answer");
  const table = () =>
    section
      .locator("table.mc-table tbody tr")
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
  await run.click();
  await answer.waitFor();
  const reference = await table();
  assert.equal(reference.length, 12);

  const name = "cancel_me.csv";
  await readUntilTheWorkerParses(page, name);
  await run.click();
  await page.getByRole("button", { name: `Cancel reading ${name}` }).click();
  await page
    .getByText(
      "Started again from the beginning on a new worker (the read had held up the old one): the Monte Carlo power run.",
    )
    .waitFor();
  await until(async () => (await run.isEnabled()) && (await answer.count()) > 0, {
    timeout: 60_000,
    what: "the run started again to finish",
  });
  assert.deepEqual(await table(), reference, "the same seed, the same table");
  app.assertClean();
});

test("an invariance ladder asked while the worker reads starts again when the read is cancelled, to the same ladder", async () => {
  const { page } = app;
  const lc = "tests/fixtures/invariance/livecommerce_invariance_ladder";
  await page.getByLabel("Upload data").setInputFiles(`${lc}/livecommerce_invariance_ladder.csv`);
  await page.getByText("livecommerce_invariance_ladder.csv: 500 rows, 10 columns").waitFor();
  await afterRefit(page, () => typeModel(page, readFileSync(`${lc}/model.lav`, "utf8").trim()));
  await afterRefit(page, () => page.getByLabel("Group", { exact: true }).selectOption("channel"));
  const ladder = () =>
    page.locator("#invariance").evaluate((el) => ({ state: el.dataset.state, runs: Number(el.dataset.runs || 0) }));
  const ran = async (before) => {
    await until(
      async () => {
        const s = await ladder();
        return s.runs > before && s.state === "ready";
      },
      { timeout: 60_000, what: "a new invariance ladder" },
    );
  };
  const runLadder = page.getByRole("button", { name: "Test measurement invariance" });
  let before = (await ladder()).runs;
  await runLadder.click();
  await ran(before);
  const reference = await readTable(page, "Measurement invariance");
  assert.equal(reference.rows.length, 4);

  const name = "cancel_me.csv";
  await readUntilTheWorkerParses(page, name);
  before = (await ladder()).runs;
  await runLadder.click();
  await page.getByRole("button", { name: `Cancel reading ${name}` }).click();
  await page
    .getByText(
      "Started again from the beginning on a new worker (the read had held up the old one): the measurement-invariance ladder.",
    )
    .waitFor();
  await ran(before);
  assert.deepEqual(await readTable(page, "Measurement invariance"), reference);
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

test("a large SPSS .sav and .zsav show the percent read and can be cancelled; the .zsav read to the end", async () => {
  const { page } = app;
  const kept = page.getByText("survey_200k.csv: 200,000 rows, 12 columns");
  await kept.waitFor();
  for (const [name, zsav] of [
    ["big_survey.sav", false], // about 32 MB
    ["big_survey.zsav", true], // about 7.5 MB, 32 MB inflated
  ]) {
    writeFileSync(join(dir, name), spssFile(300_000, COLUMNS, { zsav }));
    await page.getByLabel("Upload data").setInputFiles(join(dir, name));
    const seen = [];
    await until(
      async () => {
        const v = await barValue(page, name);
        if (v !== null && seen.at(-1) !== v) seen.push(v);
        return v !== null && v > 20; // the worker reads the cases
      },
      { timeout: 40_000, interval: 10, what: `${name}: the bar past 20 %` },
    );
    for (let k = 1; k < seen.length; k++) assert.ok(seen[k] >= seen[k - 1], `${name} never back: ${seen}`);
    await page.getByText(new RegExp(`^Reading ${name.replace(".", "\\.")}: \\d+ %$`)).waitFor();
    await page.getByRole("button", { name: `Cancel reading ${name}` }).click();
    await page.getByText(`Reading ${name} cancelled.`).waitFor();
    assert.equal(await barValue(page, name), null, "the bar is gone");
    await page.getByText("The data in use is still survey_200k.csv.").waitFor();
    await kept.waitFor();
    assert.equal(await page.locator(".data-error").count(), 0);
  }

  // Read to the end: the percent goes up through the worker's share.
  const name = "big_survey.zsav";
  await page.getByLabel("Upload data").setInputFiles(join(dir, name));
  const loaded = page.getByText(`${name}: 300,000 rows, ${COLUMNS} columns`);
  const seen = [];
  await until(
    async () => {
      const v = await barValue(page, name);
      if (v !== null && seen.at(-1) !== v) seen.push(v);
      return (await loaded.count()) > 0;
    },
    { timeout: 60_000, interval: 10, what: "the 300,000 cases read" },
  );
  assert.ok(seen.filter((v) => v > 20 && v < 100).length >= 2, `the worker's percent: ${seen}`);
  for (let k = 1; k < seen.length; k++) assert.ok(seen[k] >= seen[k - 1], `never back: ${seen}`);
  assert.equal(await barValue(page, name), null, "the bar is gone");
  app.assertClean();
});

test("in Chinese the page names the job started again", async () => {
  const { page } = app;
  await loadExample(page, EXAMPLES[0]);
  await page.getByRole("button", { name: "简体中文" }).click();
  await until(async () => (await page.evaluate(() => document.documentElement.lang)) === "zh-CN", {
    what: "the page in Chinese",
  });
  const name = "cancel_me.csv";
  await page.getByLabel("上传数据").setInputFiles(join(dir, name));
  await until(async () => (await barValue(page, name, `正在读取 ${name}`)) > 20, {
    timeout: 40_000,
    interval: 10,
    what: "the worker parsing",
  });
  await page.getByRole("button", { name: "运行 Bootstrap" }).click();
  await page.getByRole("button", { name: `取消读取 ${name}` }).click();
  await page.getByText(`已取消读取 ${name}。`).waitFor();
  await page
    .getByText("读取占用了正在进行以下任务的工作线程：Bootstrap。这些任务已在新的工作线程上从头重新开始。")
    .waitFor();
  await until(async () => page.getByRole("button", { name: "运行 Bootstrap" }).isEnabled(), {
    timeout: 60_000,
    what: "the bootstrap started again to finish",
  });
  await page.getByRole("button", { name: "English" }).click();
  app.assertClean();
});
