// PROCESS models 8 and 14 from the *Mediation / moderation* helper: on the
// process7 data with missing values (tests/fixtures/moderation/
// moderation_process8 and moderation_process14: the same CSV, Loyalty
// missing in 40 rows and Norms in 5), the helper writes from its choices
// the very text lavaan was fitted to (`model.lav`, W's values the mean ∓ 1 SD
// of the 355 rows used), and the page's `:=` rows and moderation table give
// lavaan's estimates, SEs and p to the digits shown — model 8's conditional
// indirect and direct effects, model 14's conditional indirect effects
// a1·(b1 + b3·w) and index a1·b3 (setup as moderation.test.mjs). A
// request of the helper made while the worker is busy (reading a large
// file) is still answered when the read is cancelled and the worker
// replaced.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO, openApp } from "./helpers.mjs";
import { afterRefit, assertShown, pval, readTable, records, typeModel, until } from "./app.mjs";

const fixture = (n) => {
  const dir = join(REPO, "tests", "fixtures", "moderation", `moderation_process${n}`);
  const reference = JSON.parse(readFileSync(join(dir, "reference.json"), "utf8"));
  return {
    csv: join(dir, `moderation_process${n}.csv`),
    model: readFileSync(join(dir, "model.lav"), "utf8"),
    defined: (name) => reference.parameters.find((p) => p.op === ":=" && p.lhs === name),
    nobs: reference.nobs,
  };
};
const CAPTION = "Moderation: simple slopes";
const AT = ["low", "mean", "high"];

let app;
before(async () => {
  app = await openApp();
  await app.page.getByLabel("Upload data").setInputFiles(fixture(8).csv);
  await app.page.getByText(/moderation_process8\.csv: 400 rows, 4 columns/).waitFor();
  await app.page.getByText("Mediation / moderation helper").click();
});
after(async () => {
  await app?.close();
});

/** Empties the editor, chooses model `n` with X, M, W, Y and writes it. */
async function writeModel(page, n) {
  await typeModel(page, "");
  await page.getByLabel("PROCESS model").selectOption(String(n));
  await page.getByLabel("X (predictor)").selectOption("Trust");
  await page.getByLabel("M1 (mediator)").selectOption("Interaction");
  await page.getByLabel("W (moderator)").selectOption("Norms");
  await page.getByLabel("Y (outcome)").selectOption("Loyalty");
  await afterRefit(page, () => page.getByRole("button", { name: "Write the model" }).click(), `model ${n}`);
  return page.getByLabel("Model", { exact: true }).inputValue();
}

/** The shown estimate, SE and p of `row` are lavaan's `:=` row `name`. */
function agrees(row, d, what) {
  assert.ok(row, what);
  assertShown(row.Estimate, d.est, what);
  assertShown(row.SE, d.se, `${what} SE`);
  assertShown(row.p, d.pvalue, `${what} p`, pval);
}

test("the helper writes PROCESS model 8 and it fits to lavaan's numbers", async () => {
  const { page } = app;
  const f = fixture(8);
  assert.equal(await writeModel(page, 8), f.model);
  const fit = await readTable(page, "Fit indices");
  assert.match(fit.caption, new RegExp(`N = ${f.nobs}\\b`));
  const params = records(await readTable(page, "Parameter estimates"));
  for (const name of ["index_mod_med", ...AT.flatMap((a) => [`slope_${a}`, `cind_${a}`, `direct_${a}`])]) {
    agrees(params.find((r) => r.lhs === name && r.op === ":="), f.defined(name), name);
  }
  // the moderation table: both moderated regressions, the conditional
  // indirect effects through Interaction and the index
  const rows = records(await readTable(page, CAPTION));
  const cind = rows.filter((r) => r.Effect === "Conditional indirect Trust → Interaction → Loyalty");
  assert.equal(cind.length, 3);
  cind.forEach((r, k) => agrees(r, f.defined(`cind_${AT[k]}`), `table cind_${AT[k]}`));
  const direct = rows.filter((r) => r.Effect === "Slope Trust → Loyalty");
  direct.forEach((r, k) => agrees(r, f.defined(`direct_${AT[k]}`), `table direct_${AT[k]}`));
  assert.equal(direct.length, 3);
  agrees(rows.find((r) => r.Effect === "Index of moderated mediation"), f.defined("index_mod_med"), "index");
  app.assertClean();
});

test("the helper writes PROCESS model 14 and its conditional indirect effects are lavaan's", async () => {
  const { page } = app;
  const f = fixture(14);
  assert.equal(await writeModel(page, 14), f.model);
  const params = records(await readTable(page, "Parameter estimates"));
  for (const name of ["index_mod_med", ...AT.flatMap((a) => [`slope_${a}`, `cind_${a}`])]) {
    agrees(params.find((r) => r.lhs === name && r.op === ":="), f.defined(name), name);
  }
  const rows = records(await readTable(page, CAPTION));
  assert.equal(rows.length, 7);
  AT.forEach((a, k) => {
    assert.equal(rows[k].Effect, "Slope Interaction → Loyalty");
    agrees(rows[k], f.defined(`slope_${a}`), `table slope_${a}`);
    assert.equal(rows[3 + k].Effect, "Conditional indirect Trust → Interaction → Loyalty");
    agrees(rows[3 + k], f.defined(`cind_${a}`), `table cind_${a}`);
  });
  assert.equal(rows[3].At, "Norms = mean − 1 SD (2.278)");
  assert.equal(rows[6].Effect, "Index of moderated mediation");
  agrees(rows[6], f.defined("index_mod_med"), "table index");
  app.assertClean();
});

/** A CSV of `rows` rows and 12 numeric columns (about 100 bytes a row), as
 * large_file.test.mjs makes it. */
function bigCsv(rows) {
  const lines = [Array.from({ length: 12 }, (_, j) => `v${j + 1}`).join(",")];
  let seed = 12345;
  for (let i = 0; i < rows; i++) {
    const cells = [];
    for (let j = 0; j < 12; j++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      cells.push(((seed / 2147483648) * 7).toFixed(4));
    }
    lines.push(cells.join(","));
  }
  return lines.join("\n") + "\n";
}

test("the helper's request is answered when the worker is replaced before it answers", async () => {
  const { page } = app;
  const f = fixture(14);
  await typeModel(page, "");
  // a large file the worker is busy reading: the helper's request waits
  // behind it, and cancelling the read replaces the worker
  const dir = mkdtempSync(join(tmpdir(), "semlab-process-"));
  const name = "busy.csv";
  writeFileSync(join(dir, name), bigCsv(450_000));
  try {
    await page.getByLabel("Upload data").setInputFiles(join(dir, name));
    await until(
      async () =>
        page.evaluate((label) => {
          const bar = [...document.querySelectorAll("progress")].find((p) => p.getAttribute("aria-label") === label);
          return bar && Number(bar.value) > 20;
        }, `Reading ${name}`),
      { timeout: 40_000, interval: 10, what: "the worker reading the large file" },
    );
    await page.getByLabel("PROCESS model").selectOption("14");
    await page.getByLabel("X (predictor)").selectOption("Trust");
    await page.getByLabel("M1 (mediator)").selectOption("Interaction");
    await page.getByLabel("W (moderator)").selectOption("Norms");
    await page.getByLabel("Y (outcome)").selectOption("Loyalty");
    await page.getByRole("button", { name: "Write the model" }).click();
    await page.getByRole("button", { name: `Cancel reading ${name}` }).click();
    await page.getByText("The data in use is still moderation_process8.csv.").waitFor();
    // the new worker answers it, with W's values from the data in use
    await until(async () => (await page.getByLabel("Model", { exact: true }).inputValue()) === f.model, {
      what: "the helper's model written after the worker was replaced",
    });
    await page.locator(".process-message", { hasText: "The model is in the editor." }).waitFor();
    const rows = records(await readTable(page, CAPTION));
    agrees(rows[6], f.defined("index_mod_med"), "index after the replacement");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  app.assertClean();
});
