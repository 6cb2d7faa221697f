// The invariance ladder of ordinal items: the live-commerce data with its
// group column (channel), the items treated as ordinal (WLSMV), *Test
// measurement invariance*. lavaan 0.6.14 leaves the scalar level (equal
// thresholds) without robust CFI, TLI and RMSEA (tests/fixtures/invariance/
// livecommerce_invariance_ladder/ladder_wlsmv.json): every level shows the
// scaled ones, and the ladder's note says so and names the levels without
// robust ones — the engine's words (src/report/invariance.rs, the same as
// `semlab invariance`), in the table, the APA table and the methods
// paragraph, in English and in Chinese.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO, openApp } from "./helpers.mjs";
import { readApaTable } from "./publish.mjs";
import { afterRefit, assertShown, pval, readTable, records, typeModel, until } from "./app.mjs";

const LC = join(REPO, "tests", "fixtures", "invariance", "livecommerce_invariance_ladder");
const ref = JSON.parse(readFileSync(join(LC, "ladder_wlsmv.json"), "utf8"));
/** The levels lavaan leaves without robust CFI, TLI and RMSEA. */
const withoutRobust = ref.ladder.filter((l) => l.cfi_robust === null).map((l) => l.level);

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

/** Runs `action` and waits until a newer ladder is shown. */
async function afterLadder(page, action) {
  const runs = () =>
    page.locator("#invariance").evaluate((el) => ({ state: el.dataset.state, runs: Number(el.dataset.runs || 0) }));
  const before = (await runs()).runs;
  await action();
  return until(
    async () => {
      const s = await runs();
      return s.runs > before && s.state === "ready" ? s : null;
    },
    { what: "a new invariance ladder", timeout: 30_000 },
  );
}

/** The note under the ladder table (its caption starts with `caption`). */
function ladderNote(page, caption) {
  return page
    .locator("#invariance section.result", { has: page.locator("caption", { hasText: caption }) })
    .locator(".table-note:not(.short-headers)")
    .textContent();
}

test("the ordinal ladder shows the scaled indices and says which levels have no robust ones", async () => {
  const { page } = app;
  assert.deepEqual(withoutRobust, ["scalar"], "the fixture: lavaan's NA robust indices");
  await page.getByLabel("Upload data").setInputFiles(join(LC, "livecommerce_invariance_ladder.csv"));
  await page.getByText("livecommerce_invariance_ladder.csv: 500 rows, 10 columns").waitFor();
  await afterRefit(page, () => typeModel(page, readFileSync(join(LC, "model.lav"), "utf8").trim()));
  await afterRefit(page, () => page.getByLabel("Group", { exact: true }).selectOption("channel"));
  await afterRefit(page, () =>
    page.getByRole("button", { name: "Treat these 9 items as ordinal (WLSMV)" }).click(),
  );
  await afterLadder(page, () => page.getByRole("button", { name: "Test measurement invariance" }).click());

  const table = await readTable(page, "Measurement invariance");
  assert.match(table.caption, /WLSMV/);
  const ladder = records(table);
  // the delta parameterization has no strict level
  assert.deepEqual(
    ladder.map((r) => r.Level),
    ref.ladder.map((l) => l.level),
  );
  ref.ladder.forEach((want, i) => {
    const row = ladder[i];
    assert.equal(row.df, String(want.df), `df of ${want.level}`);
    assertShown(row["χ²"], want.chisq_scaled, `scaled-and-shifted χ² of ${want.level}`);
    assertShown(row.p, want.pvalue_scaled, `p of ${want.level}`, pval);
    // the scaled indices in every level, also where lavaan has robust ones
    assertShown(row.CFI, want.cfi_scaled, `CFI of ${want.level}`);
    assertShown(row.TLI, want.tli_scaled, `TLI of ${want.level}`);
    assertShown(row.RMSEA, want.rmsea_scaled, `RMSEA of ${want.level}`);
    if (want.delta_df !== undefined) {
      assertShown(row["Δχ²"], want.delta_chisq, `Δχ² of ${want.level}`);
      assert.equal(row["Δdf"], String(want.delta_df));
    }
  });

  // the note: which indices, and the levels without robust ones
  const note = await ladderNote(page, "Measurement invariance");
  assert.match(note, /χ² is the scaled-and-shifted statistic, CFI, TLI and RMSEA the scaled indices;/);
  assert.match(note, /Δχ² is the Satorra \(2000\) scaled-and-shifted χ² difference test\./);
  assert.ok(
    note.includes(
      `The ${withoutRobust.join(", ")} level has no robust CFI, TLI and RMSEA (lavaan leaves it undefined with equal thresholds), so every level shows the scaled ones.`,
    ),
    note,
  );
  assert.doesNotMatch(note, /the robust indices/);
  // the APA table and the methods paragraph say the same
  const apa = await readApaTable(page, "Measurement Invariance Across channel Groups");
  assert.ok(apa.note.includes(`The ${withoutRobust.join(", ")} level has no robust CFI, TLI and RMSEA`), apa.note);
  const methods = await page.locator("#methods-text").inputValue();
  assert.ok(
    methods.includes(`ΔCFI and ΔRMSEA (of the scaled indices, as the ${withoutRobust.join(", ")} level has no robust ones)`),
    methods,
  );
  app.assertClean();
});

test("in Chinese the note names the same levels", async () => {
  const { page } = app;
  await page.getByRole("button", { name: "简体中文" }).click();
  await until(async () => (await page.evaluate(() => document.documentElement.lang)) === "zh-CN", {
    what: "the page in Chinese",
  });
  const ladder = await readTable(page, "测量等值性检验");
  // the scalar level of ordinal items equates thresholds (Level::name_zh)
  assert.deepEqual(
    ladder.rows.map((r) => r[0]),
    ["形态等值", "弱等值（载荷）", "强等值（阈值）"],
  );
  assertShown(ladder.rows[2][4], ref.ladder[2].cfi_scaled, "CFI of scalar");
  const note = await ladderNote(page, "测量等值性检验");
  assert.ok(note.includes("χ² 为均值与方差校正 χ²，CFI、TLI、RMSEA 为校正指标；"), note);
  assert.ok(
    note.includes(
      "强等值（阈值）层级没有稳健的 CFI、TLI 和 RMSEA（阈值相等时 lavaan 不给出），故各层级均报告校正指标。",
    ),
    note,
  );
  assert.ok(!note.includes("稳健指标"), note);
  const methods = await page.locator("#methods-text").inputValue();
  assert.ok(methods.includes("（校正指标：强等值（阈值）层级没有稳健指标）"), methods);
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "Test measurement invariance" }).waitFor();
  app.assertClean();
});
