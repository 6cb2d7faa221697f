// Groups: a data set with a group column, uploaded through the file input.
// Choosing the column under *Group* fits the model in each group (lavaan's
// `group`): the χ² by group, and a group switch for the parameters,
// standardized estimates and R² of each group, against lavaan's
// multi-group fit (tests/fixtures/lavaan-advanced/hs1939_groups_*).
// *Test measurement invariance* runs the ladder in the worker: its table
// agrees with lavaan's (tests/fixtures/invariance/
// livecommerce_invariance_ladder/ladder.json) to the digits shown, the
// verdict and the ranked constraints follow, *Release* frees a constraint
// in every level and the ladder changes, *Constrain again* undoes it; the
// Chinese page says all of it in Chinese. A defined parameter (`:=`) is of
// no group (lavaan's group 0): one table of them for all groups, with
// lavaan's estimate and SE (tests/fixtures/lavaan-groups/
// livecommerce_groups_defined).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO, openApp } from "./helpers.mjs";
import { download, readApaTable } from "./publish.mjs";
import { afterRefit, assertShown, fitValues, pval, readTable, records, typeModel, until } from "./app.mjs";

const ADV = join(REPO, "tests", "fixtures", "lavaan-advanced");
const HS = join(ADV, "hs1939_groups_configural");
const hsRef = JSON.parse(readFileSync(join(HS, "reference.json"), "utf8"));
const metricRef = JSON.parse(readFileSync(join(ADV, "hs1939_groups_metric", "reference.json"), "utf8"));
const LC = join(REPO, "tests", "fixtures", "invariance", "livecommerce_invariance_ladder");
const ladderRef = JSON.parse(readFileSync(join(LC, "ladder.json"), "utf8"));
const DEF = join(REPO, "tests", "fixtures", "lavaan-groups", "livecommerce_groups_defined");
const defRef = JSON.parse(readFileSync(join(DEF, "reference.json"), "utf8"));

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

/** The invariance panel's state and how many ladders were asked for. */
async function ladderState(page) {
  return page.locator("#invariance").evaluate((el) => ({
    state: el.dataset.state,
    runs: Number(el.dataset.runs || 0),
  }));
}

/** Runs `action` and waits until a newer ladder is shown. */
async function afterLadder(page, action) {
  const before = (await ladderState(page)).runs;
  await action();
  return until(
    async () => {
      const s = await ladderState(page);
      return s.runs > before && s.state === "ready" ? s : null;
    },
    { what: "a new invariance ladder", timeout: 30_000 },
  );
}

test("a group column fits the model in each group, with a group switch", async () => {
  const { page } = app;
  await page.getByLabel("Upload data").setInputFiles(join(HS, "hs1939_groups_configural.csv"));
  await page.getByText("hs1939_groups_configural.csv: 301 rows, 10 columns").waitFor();
  await afterRefit(page, () => typeModel(page, hsRef.model.trim()));
  // no groups yet, and no invariance section
  assert.equal(await page.locator("#invariance").isVisible(), false);
  assert.equal(await page.locator(".group-switch").count(), 0);

  const group = page.getByLabel("Group", { exact: true });
  const offered = await group.locator("option").allTextContents();
  assert.deepEqual(offered, ["None (one group)", "school"]);
  await afterRefit(page, () => group.selectOption("school"));
  await page.getByText("Groups: Pasteur (156 rows), Grant-White (145 rows)").waitFor();

  // the fit of both groups, and each group's share of χ²
  const fit = await fitValues(page);
  assertShown(fit["χ²"], hsRef.fit.chisq, "χ²");
  assert.equal(fit.df, String(hsRef.fit.df));
  assertShown(fit.CFI, hsRef.fit.cfi, "CFI");
  const byGroup = await readTable(page, "χ² by group");
  assert.deepEqual(
    byGroup.rows.map((r) => [r[0], r[1]]),
    [
      ["Pasteur", "156"],
      ["Grant-White", "145"],
    ],
  );
  const sum = byGroup.rows.reduce((s, r) => s + Number(r[2]), 0);
  assert.ok(Math.abs(sum - hsRef.fit.chisq) < 0.002, `χ² by group sums to ${sum}`);

  // the parameters of one group at a time
  const paramsOf = async (label) => {
    const t = await readTable(page, "Parameter estimates");
    assert.match(t.caption, new RegExp(`school = ${label}\\)$`));
    return records(t);
  };
  const check = (rows, g) => {
    for (const [lhs, op, rhs] of [
      ["visual", "=~", "x2"],
      ["speed", "=~", "x9"],
      ["x3", "~~", "x3"],
    ]) {
      const shown = rows.find((r) => r.lhs === lhs && r.op === op && r.rhs === rhs);
      const want = hsRef.parameters.find((p) => p.lhs === lhs && p.op === op && p.rhs === rhs && p.group === g);
      assertShown(shown.Estimate, want.est, `${lhs} ${op} ${rhs} in group ${g}`);
      assertShown(shown["Std.all"], want.std_all, `std.all of ${lhs} ${op} ${rhs} in group ${g}`);
    }
  };
  check(await paramsOf("Pasteur"), 1);
  const tab = page.locator("#results").getByRole("tab", { name: "Grant-White" });
  await tab.click();
  await until(async () => (await tab.getAttribute("aria-selected")) === "true", { what: "the tab selected" });
  check(await paramsOf("Grant-White"), 2);
  const r2 = await readTable(page, "R² of endogenous variables");
  assert.match(r2.caption, /school = Grant-White/);
  assert.equal(r2.rows.length, 9);
  // reliability follows the switch: each school's own ω (semTools per group)
  const rel = await readTable(page, "Reliability and convergent validity");
  assert.match(rel.caption, /school = Grant-White\)$/);
  const speed = rel.rows.find((r) => r[0] === "speed");
  assertShown(speed[5], hsRef.reliability.speed.omega[1], "speed ω in Grant-White");
  assert.match((await readTable(page, "Fornell–Larcker criterion")).caption, /school = Grant-White/);

  // a bootstrap of the two-group model resamples each school
  const draws = page.getByLabel("Resamples (B)");
  await draws.fill("40");
  await draws.press("Tab");
  await page.getByRole("button", { name: "Run bootstrap" }).click();
  await page.getByText(/^Bootstrap done in [\d.]+ s: \d+ of 40 resamples used/).waitFor();
  const booted = records(await readTable(page, "Parameter estimates"));
  const x9 = booted.find((r) => r.lhs === "speed" && r.op === "=~" && r.rhs === "x9");
  const [est, lo, hi] = [x9.Estimate, x9["Boot CI lower"], x9["Boot CI upper"]].map(Number);
  assert.ok(lo < est && est < hi && Number(x9["Boot SE"]) > 0, `${lo} < ${est} < ${hi}`);
  // the downloaded report holds both schools' tables and diagrams, whichever is shown
  const report = await download(page, page.getByRole("button", { name: "Download report (HTML)" }));
  for (const label of ["Pasteur", "Grant-White"]) {
    for (const caption of ["Reliability and convergent validity", "Parameter estimates", "R² of endogenous variables"]) {
      assert.ok(report.text.includes(`${caption} (school = ${label})`), `${caption} of ${label} in the report`);
    }
    assert.ok(report.text.includes(`<figcaption>school = ${label}</figcaption><svg`), `the diagram of ${label}`);
  }
  // the diagram shows the chosen school's estimates; its own switch is the same choice
  const diagramText = () => page.locator("#diagram .diagram-canvas svg").textContent();
  const grantWhite = await diagramText();
  const diagramTabs = page.locator("#diagram").getByRole("tab");
  assert.deepEqual(await diagramTabs.allTextContents(), ["Pasteur", "Grant-White"]);
  assert.equal(await page.locator("#diagram").getByRole("tab", { name: "Grant-White" }).getAttribute("aria-selected"), "true");
  await page.locator("#diagram").getByRole("tab", { name: "Pasteur" }).click();
  await until(async () => (await diagramText()) !== grantWhite, { what: "the diagram of Pasteur" });
  assert.match((await readTable(page, "Parameter estimates")).caption, /school = Pasteur\)$/);
  await page.locator("#diagram").getByRole("tab", { name: "Grant-White" }).click();
  await page.locator("#results").getByRole("tab", { name: "Pasteur" }).click();

  // loadings equal across groups: lavaan's metric model
  await afterRefit(page, () => page.getByLabel("Loadings", { exact: true }).check());
  assertShown((await fitValues(page))["χ²"], metricRef.fit.chisq, "χ² with equal loadings");
  await afterRefit(page, () => page.getByLabel("Loadings", { exact: true }).uncheck());
  app.assertClean();
});

test("a group too small for the model is named at once", async () => {
  const { page } = app;
  // three rows of a group of their own: fewer rows than the 9 items
  const lines = readFileSync(join(HS, "hs1939_groups_configural.csv"), "utf8").trim().split("\n");
  const csv = [lines[0], ...lines.slice(1).map((l, i) => (i < 3 ? l.replace('"Pasteur"', '"Tiny"') : l))].join("\n");
  await page
    .getByLabel("Upload data")
    .setInputFiles({ name: "tiny.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByText("tiny.csv: 301 rows, 10 columns").waitFor();
  await page.getByText(/Group “Tiny” has only 3 rows, fewer than the model's 9 observed variables/).waitFor();
  await until(async () => (await page.locator("#results").getAttribute("data-state")) === "error", {
    what: "the fit to fail",
  });
  const error = await page.locator(".fit-error").textContent();
  assert.match(error, /in group "Tiny"/);
  app.assertClean();
});

test("the invariance ladder agrees with lavaan; Release frees a constraint", async () => {
  const { page } = app;
  await page.getByLabel("Upload data").setInputFiles(join(LC, "livecommerce_invariance_ladder.csv"));
  await page.getByText("livecommerce_invariance_ladder.csv: 500 rows, 10 columns").waitFor();
  const model = readFileSync(join(LC, "model.lav"), "utf8").trim();
  await afterRefit(page, () => typeModel(page, model));
  await afterRefit(page, () => page.getByLabel("Group", { exact: true }).selectOption("channel"));
  assert.ok(await page.locator("#invariance").isVisible());

  await afterLadder(page, () => page.getByRole("button", { name: "Test measurement invariance" }).click());
  const ladder = records(await readTable(page, "Measurement invariance"));
  assert.deepEqual(
    ladder.map((r) => r.Level),
    ["configural", "metric", "scalar", "strict"],
  );
  const cols = [
    ["χ²", "chisq"],
    ["CFI", "cfi"],
    ["TLI", "tli"],
    ["RMSEA", "rmsea"],
    ["SRMR", "srmr"],
    ["AIC", "aic"],
    ["BIC", "bic"],
    ["Δχ²", "delta_chisq"],
    ["ΔCFI", "delta_cfi"],
    ["ΔRMSEA", "delta_rmsea"],
  ];
  ladderRef.ladder.forEach((want, i) => {
    const row = ladder[i];
    assert.equal(row.df, String(want.df), `df of ${want.level}`);
    assertShown(row.p, want.pvalue, `p of ${want.level}`, pval);
    for (const [col, key] of cols) {
      if (want[key] === undefined) {
        assert.equal(row[col], "", `${col} of ${want.level}`);
      } else {
        assertShown(row[col], want[key], `${col} of ${want.level}`);
      }
    }
    if (want.delta_df !== undefined) {
      assert.equal(row["Δdf"], String(want.delta_df));
      assertShown(row["p (Δχ²)"], want.delta_pvalue, `p (Δχ²) of ${want.level}`, pval);
    }
  });
  assert.equal(ladder[1].Decision, "fails");
  // the caption names the groups and is longer than the results pane is
  // wide: it wraps there, all of it in view, and stays while the table
  // scrolls sideways (it ran past the pane's edge, cut off)
  const captionBox = () =>
    page.locator("#invariance caption", { hasText: "Measurement invariance" }).evaluate((c) => {
      const range = document.createRange();
      range.selectNodeContents(c);
      const text = range.getBoundingClientRect();
      const shown = c.closest(".table-scroll").getBoundingClientRect();
      return { text: [text.left, text.right], shown: [shown.left, shown.right], lines: range.getClientRects().length };
    });
  for (const scroll of [0, 10_000]) {
    await page.locator("#invariance .table-scroll").first().evaluate((s, x) => { s.scrollLeft = x; }, scroll);
    const box = await captionBox();
    assert.ok(
      box.text[0] >= box.shown[0] - 1 && box.text[1] <= box.shown[1] + 1,
      `scrolled to ${scroll}: the caption's text (${box.text}) lies in the table's visible box (${box.shown})`,
    );
  }
  await page.locator("#invariance .table-scroll").first().evaluate((s) => { s.scrollLeft = 0; });
  const verdict = await page.locator(".invariance-verdict").textContent();
  assert.match(verdict, /configural invariance holds; metric invariance does not\./);
  const constraints = records(await readTable(page, "Equality constraints of the metric level"));
  assert.equal(constraints[0].Constraint, "Trust =~ T3 in all groups");
  assert.equal(constraints[0].Parameter, "Trust=~T3");
  assert.equal(await page.locator("caption", { hasText: "Latent mean differences" }).count(), 0);

  // release the first constraint: the ladder from metric on changes
  await afterLadder(page, () =>
    page.getByRole("button", { name: "Release Trust=~T3 in every level and run the ladder again" }).click(),
  );
  const partial = records(await readTable(page, "Measurement invariance"));
  assert.equal(partial[0]["χ²"], ladder[0]["χ²"], "configural is not constrained");
  assert.notEqual(partial[1]["χ²"], ladder[1]["χ²"]);
  assert.equal(partial[1].df, String(ladderRef.ladder[1].df - 1));
  assert.equal(partial[1].Decision, "holds");
  await page.locator(".released").getByText("Trust=~T3").waitFor();
  const note = await page
    .locator("#invariance section.result", { has: page.locator("caption", { hasText: "Measurement invariance" }) })
    .locator(".table-note:not(.short-headers)")
    .textContent();
  assert.match(note, /Released in every level \(partial invariance\): Trust=~T3\./);

  // and undo it
  await afterLadder(page, () =>
    page.getByRole("button", { name: "Constrain Trust=~T3 again and run the ladder again" }).click(),
  );
  const again = records(await readTable(page, "Measurement invariance"));
  assert.equal(again[1]["χ²"], ladder[1]["χ²"]);
  assert.equal(await page.locator(".released").count(), 0);

  // the rule is the user's choice: the χ² difference test runs the ladder
  // again under it (metric: p of Δχ² = .045, so it fails there too)
  const ruleChoice = page.getByLabel("A level holds when");
  const ladderNote = () =>
    page
      .locator("#invariance section.result", { has: page.locator("caption", { hasText: "Measurement invariance" }) })
      .locator(".table-note:not(.short-headers)")
      .textContent();
  await afterLadder(page, () => ruleChoice.selectOption("chisq"));
  assert.match(await ladderNote(), /χ² difference test is not significant \(p ≥ \.05\)/);
  assert.doesNotMatch(await ladderNote(), /ΔRMSEA ≤ \.015/);
  assert.equal(records(await readTable(page, "Measurement invariance"))[1].Decision, "fails");
  await afterLadder(page, () => ruleChoice.selectOption("cfi-rmsea"));
  assert.match(await ladderNote(), /ΔRMSEA ≤ \.015/);

  // released again, scalar invariance fails next, on T2's intercept;
  // releasing it too, every level holds and the latent means are compared
  await afterLadder(page, () =>
    page.getByRole("button", { name: "Release Trust=~T3 in every level and run the ladder again" }).click(),
  );
  assert.match(
    await page.locator(".invariance-verdict").textContent(),
    /metric invariance holds; scalar invariance does not\./,
  );
  const scalar = records(await readTable(page, "Equality constraints of the scalar level"));
  assert.equal(scalar[0].Parameter, "T2~1");
  await afterLadder(page, () =>
    page.getByRole("button", { name: "Release T2~1 in every level and run the ladder again" }).click(),
  );
  assert.match(await page.locator(".invariance-verdict").textContent(), /strict invariance holds\./);
  const means = records(await readTable(page, "Latent mean differences (relative to Taobao)"));
  assert.deepEqual(
    means.map((m) => [m.Factor, m.Group]),
    [
      ["Trust", "Douyin"],
      ["SubjectiveNorms", "Douyin"],
      ["ProductInteraction", "Douyin"],
    ],
  );
  assert.equal(means[0].Difference, "0.185");
  assert.equal(await page.locator("caption", { hasText: "Equality constraints" }).count(), 0);

  // For the paper: the ladder in APA style and the latent means, and the R
  // script fits the four levels with the released parameters in lavaan
  const apa = await readApaTable(page, "Measurement Invariance Across channel Groups");
  assert.deepEqual(
    apa.rows.map((r) => [r[0], r[12]]),
    [
      ["Configural", ""],
      ["Metric", "holds"],
      ["Scalar", "holds"],
      ["Strict", "holds"],
    ],
  );
  assert.equal(apa.rows[0][1], ladderRef.ladder[0].chisq.toFixed(2));
  assert.match(apa.note, /Released in every level \(partial invariance\): Trust=~T3, T2~1\./);
  const apaMeans = await readApaTable(page, "Latent Mean Differences Relative to Taobao");
  assert.equal(apaMeans.rows[0][2], "0.185");
  // the methods paragraph says what the ladder table says
  const methods = await page.locator("#methods-text").inputValue();
  assert.match(methods, /Measurement invariance across the channel groups/);
  assert.match(methods, /Strict invariance holds\. Partial invariance: Trust=~T3, T2~1 estimated freely/);
  const script = await download(page, page.getByRole("button", { name: "Download R script (lavaan)" }));
  assert.ok(script.text.includes("lavTestLRT(configural, metric, scalar, strict)"), script.text);
  assert.ok(script.text.includes('group.partial = c("Trust=~T3", "T2~1")'), script.text);
  // the report file holds the ladder too: its table, the verdict, the
  // latent means, and the methods paragraph's ladder sentences
  const report = await download(page, page.getByRole("button", { name: "Download report (HTML)" }));
  assert.equal(report.name, "semlab-report.html");
  const caption = report.text.indexOf("Measurement invariance");
  assert.ok(caption > 0, "the ladder table is in the report");
  assert.match(report.text, /<p class="verdict">[^<]*strict invariance holds\.<\/p>/);
  assert.ok(report.text.indexOf("Latent mean differences (relative to Taobao)") > caption);
  assert.match(report.text, /Strict invariance holds\. Partial invariance: Trust=~T3, T2~1 estimated freely/);
  app.assertClean();
});

/** English words (four or more lower-case letters) in a text, but for the data's and lavaan's names. */
const NAMES = new Set(["channel", "lavaan"]);
function english(s) {
  return (s.match(/(?<![\p{L}\p{N}])[a-z]{4,}(?![\p{L}\p{N}])/gu) || []).filter((w) => !NAMES.has(w));
}

test("the Chinese page shows the groups and the ladder in Chinese", async () => {
  const { page } = app;
  await page.getByRole("button", { name: "简体中文" }).click();
  await until(async () => (await page.evaluate(() => document.documentElement.lang)) === "zh-CN", {
    what: "the page in Chinese",
  });
  await page.getByText("检验测量等值性").waitFor();
  const ladder = await readTable(page, "测量等值性检验");
  assert.equal(ladder.columns[0], "层级");
  assert.equal(ladder.rows[0][0], "形态等值");
  const verdict = await page.locator(".invariance-verdict").textContent();
  assert.match(verdict, /结论/);
  await readTable(page, "各组对 χ² 的贡献");
  const texts = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        "#invariance h2, #invariance p, #invariance caption, #invariance th, #invariance td, #invariance button, .group-choice, .group-levels, .group-equal, .group-switch, #results caption",
      ),
    ]
      .filter((el) => el.offsetParent !== null || el.closest("caption"))
      .map((el) => el.textContent),
  );
  const left = texts.flatMap(english);
  assert.deepEqual(left, [], "English words in the Chinese page's groups and ladder");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "Test measurement invariance" }).waitFor();
  app.assertClean();
});

test("a defined parameter of a multi-group model is shown once, for all groups", async () => {
  const { page } = app;
  await page.getByLabel("Upload data").setInputFiles(join(DEF, "livecommerce_groups_defined.csv"));
  await page.getByText("livecommerce_groups_defined.csv: 500 rows, 10 columns").waitFor();
  // by channel (the group column may still be chosen), MLR, equal loadings;
  // the groups first, as the model gives a value per group (`c(a1, a2)`)
  const choose = async (label, value) => {
    const select = page.getByLabel(label, { exact: true });
    if ((await select.inputValue()) !== value) await afterRefit(page, () => select.selectOption(value));
  };
  await choose("Group", "channel");
  await choose("Estimator", "MLR");
  await afterRefit(page, () => typeModel(page, defRef.model.trim()));
  const loadings = page.getByLabel("Loadings", { exact: true });
  if (!(await loadings.isChecked())) await afterRefit(page, () => loadings.check());
  // lavaan's group 0: one row after every group's, with its estimate and SE
  const want = defRef.parameters.find((p) => p.op === ":=");
  assert.equal(want.group, 0);
  // (hasText is case-blind: "Hypotheses on defined parameters" would match too)
  const DEFINED = /^Defined parameters \(one for all groups of channel\)$/;
  const defined = await readTable(page, DEFINED);
  const rows = records(defined);
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0].lhs, rows[0].op, rows[0].rhs], ["H3", ":=", "a1-a2"]);
  assertShown(rows[0].Estimate, want.est, "H3");
  assertShown(rows[0].SE, want.se, "SE of H3");
  const hyp = records(await readTable(page, "Hypotheses on defined parameters"));
  assert.deepEqual(
    hyp.map((h) => h.Hypothesis),
    ["H3"],
  );
  // in neither group's own tables, whichever group is shown
  for (const label of ["Taobao", "Douyin"]) {
    const tab = page.locator("#results").getByRole("tab", { name: label });
    await tab.click();
    await until(async () => (await tab.getAttribute("aria-selected")) === "true", { what: `${label} shown` });
    const params = await readTable(page, "Parameter estimates");
    assert.match(params.caption, new RegExp(`channel = ${label}\\)$`));
    assert.equal(records(params).filter((r) => r.op === ":=").length, 0, `no := row in ${label}'s table`);
    const own = await readTable(page, "Hypotheses (channel");
    assert.ok(!own.rows.some((r) => r[0] === "H3"), `H3 not among ${label}'s hypotheses`);
    assert.equal((await readTable(page, DEFINED)).rows.length, 1);
  }
  // the report: the table once, after both groups' parameter tables
  const report = await download(page, page.getByRole("button", { name: "Download report (HTML)" }));
  const at = report.text.indexOf("Defined parameters (one for all groups of channel)");
  assert.ok(at > report.text.lastIndexOf("Parameter estimates (channel = Douyin)"), "after the groups' tables");
  assert.equal(report.text.split("Defined parameters (one for all groups of channel)").length, 2);
  app.assertClean();
});
