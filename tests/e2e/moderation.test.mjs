// Moderation on the page: the PROCESS model 7 fixture
// (tests/fixtures/moderation/moderation_process7, lavaan's fit with
// `Trust:Norms`) through the file input and the editor; the simple slopes,
// conditional indirect effects and the index of moderated mediation agree
// with lavaan's `:=` versions (tests/fixtures/moderation_slopes/process7) to
// the digits shown, the Johnson–Neyman region is stated, no unconditional
// indirect effect is claimed through the moderated regression, the plot is drawn,
// centring is one checkbox; the *Mediation / moderation* helper writes
// PROCESS model 7 from choices and it fits to the same numbers, and offers a
// construct's composite score where a product term needs an observed variable.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO, openApp } from "./helpers.mjs";
import { afterRefit, assertShown, pval, readTable, records, typeModel, until } from "./app.mjs";
import { download, readApaTable } from "./publish.mjs";

const DIR = join(REPO, "tests", "fixtures", "moderation", "moderation_process7");
const CSV = join(DIR, "moderation_process7.csv");
const MODEL = readFileSync(join(DIR, "model.lav"), "utf8").trim();
const SLOPES = JSON.parse(
  readFileSync(join(REPO, "tests", "fixtures", "moderation_slopes", "process7", "slopes.json"), "utf8"),
);
const CENTRED = JSON.parse(
  readFileSync(join(REPO, "tests", "fixtures", "moderation_slopes", "process7", "centered.json"), "utf8"),
);
const CAPTION = "Moderation: simple slopes";
const defined = (name) => SLOPES.defined.find((d) => d.name === name);

let app;
before(async () => {
  app = await openApp();
  await app.page.getByLabel("Upload data").setInputFiles(CSV);
  await app.page.getByText(/moderation_process7\.csv: \d+ rows, 4 columns/).waitFor();
  await afterRefit(app.page, () => typeModel(app.page, MODEL), "the model 7 fit");
});
after(async () => {
  await app?.close();
});

test("the simple slopes and the index of moderated mediation agree with lavaan", async () => {
  const { page } = app;
  const table = await readTable(page, CAPTION);
  const rows = records(table);
  assert.equal(rows.length, 7);
  const check = (row, name) => {
    const d = defined(name);
    assertShown(row.Estimate, d.est, `${name} estimate`);
    assertShown(row.SE, d.se, `${name} SE`);
    assertShown(row.p, d.pvalue, `${name} p`, pval);
  };
  ["slope1", "slope2", "slope3"].forEach((n, k) => {
    assert.equal(rows[k].Effect, "Slope Trust → Interaction");
    check(rows[k], n);
  });
  assert.equal(rows[0].At, "Norms = mean − 1 SD (2.260)");
  ["cind1", "cind2", "cind3"].forEach((n, k) => {
    assert.equal(rows[3 + k].Effect, "Conditional indirect Trust → Interaction → Loyalty");
    check(rows[3 + k], n);
  });
  assert.equal(rows[6].Effect, "Index of moderated mediation");
  check(rows[6], "index_mod_med");
  // the Johnson–Neyman region in words, under the table
  const note = await page
    .locator("section.result", { has: page.locator("#table-moderation") })
    .locator(".table-note:not(.short-headers)")
    .textContent();
  assert.match(note, /the slope of Trust → Interaction is significant \(p < \.05\) where Norms > 2\.072; Norms ranges from 0\.411 to 5\.823 in the data \(the transition point Norms = 0\.389 lies outside it\)\./);
  // no unconditional indirect effect through the moderated regression (the
  // table above has the conditional ones), and x:w reads x × w in the hypotheses
  assert.equal(await page.locator("table caption", { hasText: "Indirect, direct and total effects" }).count(), 0);
  const hyps = records(await readTable(page, "Hypotheses"));
  assert.ok(hyps.some((r) => r.Path === "Trust × Norms → Interaction"), JSON.stringify(hyps.map((r) => r.Path)));
  // the publication tables have the conditional effects, with the same numbers
  const apa = await readApaTable(page, "Conditional Effects at Values of the Moderator");
  assert.deepEqual(apa.columns, ["Effect", "Moderator", "B", "SE", "95% CI"]);
  assert.equal(apa.rows.length, 7);
  assert.equal(apa.rows[6][2], rows[6].Estimate);
  app.assertClean();
});

test("the simple-slopes plot has three labelled lines and named axes", async () => {
  const { page } = app;
  const svg = page.locator(".slopes-plot svg");
  await svg.waitFor();
  assert.equal(await svg.locator(".slope-line").count(), 3);
  const labels = await svg.locator(".slope-label").allTextContents();
  assert.deepEqual(labels.sort(), [
    "Norms = mean (3.167)",
    "Norms = mean + 1 SD (4.075)",
    "Norms = mean − 1 SD (2.260)",
  ]);
  assert.equal(await svg.locator(".axis-label.x").textContent(), "Trust");
  assert.equal(await svg.locator(".axis-label.y").textContent(), "Interaction");
  // black and white: every stroke is the one ink
  const strokes = await svg.evaluate((s) => [...s.querySelectorAll("[stroke]")].map((e) => e.getAttribute("stroke")));
  assert.deepEqual([...new Set(strokes)], ["#1a1a1a"]);
  // the report file has the table and the plot under it
  const report = await download(page, page.getByRole("button", { name: "Download report (HTML)" }));
  const table = report.text.indexOf("Moderation: simple slopes");
  const plot = report.text.indexOf('class="semlab-slopes"');
  assert.ok(table > 0 && plot > table, `table at ${table}, plot at ${plot}`);
  app.assertClean();
});

test("centring the interaction variables is one checkbox and agrees with lavaan on centred data", async () => {
  const { page } = app;
  const box = page.getByLabel("Mean-centre interaction variables");
  await afterRefit(page, () => box.check(), "the centred fit");
  const rows = records(await readTable(page, CAPTION));
  assert.equal(rows[1].At, "Norms = mean (0.000)");
  const params = records(await readTable(page, "Parameter estimates"));
  for (const p of CENTRED.parameters.filter((p) => p.op === "~")) {
    const row = params.find((r) => r.lhs === p.lhs && r.op === "~" && r.rhs === p.rhs);
    assert.ok(row, `${p.lhs} ~ ${p.rhs}`);
    assertShown(row.Estimate, p.est, `${p.lhs} ~ ${p.rhs} (centred)`);
  }
  // the simple slopes do not change with centring
  assertShown(rows[0].Estimate, defined("slope1").est, "slope1 (centred)");
  await afterRefit(page, () => box.uncheck(), "the uncentred fit");
  app.assertClean();
});

test("the helper writes PROCESS model 7 into the model text, and it fits to lavaan's numbers", async () => {
  const { page } = app;
  await typeModel(page, "# my hypothesis\nLoyalty ~ Trust  # H1");
  await page.getByText("Mediation / moderation helper").click();
  await page.getByLabel("PROCESS model").selectOption("7");
  await page.getByLabel("X (predictor)").selectOption("Trust");
  await page.getByLabel("M1 (mediator)").selectOption("Interaction");
  await page.getByLabel("W (moderator)").selectOption("Norms");
  await page.getByLabel("Y (outcome)").selectOption("Loyalty");
  await afterRefit(page, () => page.getByRole("button", { name: "Write the model" }).click(), "the helper's model");
  const text = await page.getByLabel("Model", { exact: true }).inputValue();
  // the person's lines and comments stay; the helper's are added
  assert.match(
    text,
    /^# my hypothesis\nLoyalty ~ c\*Trust \+ b1\*Interaction {2}# H1\nInteraction ~ a1\*Trust \+ a2\*Norms \+ a3\*Trust:Norms\n\n# PROCESS model 7: /,
  );
  assert.match(text, /index_mod_med := a3\*b1/);
  assert.match(text, /slope_low := a1 \+ a3\*2\.2599\d* {2}# Trust → Interaction at Norms = mean − 1 SD/);
  // written again: nothing is added twice
  await page.getByRole("button", { name: "Write the model" }).click();
  await page.locator(".process-message", { hasText: "The model is in the editor." }).waitFor();
  assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), text);
  const params = records(await readTable(page, "Parameter estimates"));
  for (const [mine, theirs] of [
    ["slope_low", "slope1"],
    ["slope_mean", "slope2"],
    ["slope_high", "slope3"],
    ["cind_low", "cind1"],
    ["cind_mean", "cind2"],
    ["cind_high", "cind3"],
    ["index_mod_med", "index_mod_med"],
  ]) {
    const row = params.find((r) => r.lhs === mine && r.op === ":=");
    assert.ok(row, mine);
    assertShown(row.Estimate, defined(theirs).est, mine);
    assertShown(row.SE, defined(theirs).se, `${mine} SE`);
  }
  app.assertClean();
});

test("the helper writes a serial mediation (model 6) whose := effects are the effects table's", async () => {
  const { page } = app;
  await afterRefit(page, () => typeModel(page, "Loyalty ~ Trust"), "a new model");
  await page.getByLabel("PROCESS model").selectOption("6");
  await page.getByLabel("X (predictor)").selectOption("Trust");
  await page.getByLabel("M1 (mediator)").selectOption("Norms");
  await page.getByLabel("M2 (mediator)").selectOption("Interaction");
  await page.getByLabel("Y (outcome)").selectOption("Loyalty");
  await afterRefit(page, () => page.getByRole("button", { name: "Write the model" }).click(), "the serial model");
  const text = await page.getByLabel("Model", { exact: true }).inputValue();
  assert.match(text, /Interaction ~ a2\*Trust \+ d21\*Norms/);
  assert.match(text, /ind3 := a1\*d21\*b2 {2}# Trust → Norms → Interaction → Loyalty/);
  const params = records(await readTable(page, "Parameter estimates"));
  const effects = records(await readTable(page, "Indirect, direct and total effects"));
  for (const [name, path] of [
    ["ind1", "Trust → Norms → Loyalty"],
    ["ind2", "Trust → Interaction → Loyalty"],
    ["ind3", "Trust → Norms → Interaction → Loyalty"],
  ]) {
    const p = params.find((r) => r.lhs === name && r.op === ":=");
    const e = effects.find((r) => r.Effect === "Indirect" && r.Path === path);
    assert.ok(p && e, `${name} and ${path}`);
    assert.equal(p.Estimate, e.Estimate, path);
    assert.equal(p.SE, e.SE, path);
  }
  const total = params.find((r) => r.lhs === "total" && r.op === ":=");
  const totalRow = effects.find((r) => r.Effect === "Total" && r.Path === "Trust → Loyalty");
  assert.equal(total.Estimate, totalRow.Estimate);
  app.assertClean();
});

test("a construct as W of model 7 is offered as a composite score column", async () => {
  const { page } = app;
  await afterRefit(page, () => typeModel(page, "F =~ Trust + Norms + Interaction\nLoyalty ~ F"), "the CFA");
  await page.getByLabel("PROCESS model").selectOption("7");
  await page.getByLabel("W (moderator)").selectOption("F");
  const offer = page.locator(".composite-offer");
  await offer.waitFor();
  assert.match(await offer.textContent(), /F is a construct/);
  await page.getByRole("button", { name: "Add the composite score of F" }).click();
  await until(async () => (await page.getByLabel("W (moderator)").inputValue()) === "F_mean", {
    what: "W set to the composite",
  });
  const items = records(await readTable(page, "Item statistics"));
  assert.ok(items.some((r) => Object.values(r).includes("F_mean")), "the new column is described");
  // the R script makes the column again from the file
  const script = await download(page, page.getByRole("button", { name: "Download R script (lavaan)" }));
  assert.ok(
    script.text.includes('data[["F_mean"]] <- rowMeans(data[, c("Trust", "Norms", "Interaction")])'),
    script.text.slice(0, 1500),
  );
  app.assertClean();
});

test("a composite score is kept in the project file and made again when it opens", async () => {
  const { page } = app;
  // F_mean was added above; the project keeps its recipe
  const saved = await download(page, page.getByRole("button", { name: "Save project file" }));
  const project = JSON.parse(saved.text);
  assert.deepEqual(project.composites, [{ name: "F_mean", items: ["Trust", "Norms", "Interaction"] }]);
  // reading the file again drops the column; opening the project makes it again
  await page.getByLabel("Upload data").setInputFiles(CSV);
  await until(async () => !(await page.getByLabel("W (moderator)").evaluate((s) => [...s.options].some((o) => o.value === "F_mean"))), {
    what: "the data read again without F_mean",
  });
  const dir = mkdtempSync(join(tmpdir(), "semlab-composite-"));
  const file = join(dir, "semlab-project.json");
  writeFileSync(file, saved.text);
  await page.getByLabel("Open project file").setInputFiles(file);
  await until(async () => page.getByLabel("W (moderator)").evaluate((s) => [...s.options].some((o) => o.value === "F_mean")), {
    what: "F_mean made again from the project",
  });
  const items = records(await readTable(page, "Item statistics"));
  assert.ok(items.some((r) => Object.values(r).includes("F_mean")), "the column is described again");
  app.assertClean();
});

test("the moderation results, the plot and the helper follow the language", async () => {
  const { page } = app;
  if ((await page.getByLabel("Model", { exact: true }).inputValue()).trim() !== MODEL) {
    await afterRefit(page, () => typeModel(page, MODEL), "the model 7 fit again");
  }
  await page.getByRole("button", { name: "简体中文" }).click();
  await page.locator("html[lang=zh-CN]").waitFor();
  const table = await readTable(page, "调节效应：简单斜率");
  assert.equal(records(table)[1]["取值"], "Norms = 均值（3.167）");
  const note = await page
    .locator("section.result", { has: page.locator("#table-moderation") })
    .locator(".table-note:not(.short-headers)")
    .textContent();
  assert.match(note, /当 Norms > 2\.072 时，Trust 对 Interaction 的斜率显著（p < \.05）；数据中 Norms 的取值范围为 0\.411 至 5\.823/);
  const labels = await page.locator(".slopes-plot svg .slope-label").allTextContents();
  assert.ok(labels.includes("Norms = 均值 + 1 个标准差（4.075）"), labels.join(" | "));
  await page.getByLabel("对交互项变量做均值中心化").waitFor();
  assert.equal(await page.locator(".process-helper summary").textContent(), "中介 / 调节助手");
  const words = await page.locator(".process-helper").evaluate((d) =>
    [...d.querySelectorAll("label, summary, .hint:not(.process-message), #process-model option, option[value=''], optgroup")].map((e) => (e.tagName === "OPTGROUP" ? e.getAttribute("label") : e.textContent)),
  );
  const english = words.flatMap((s) => s.match(/(?<![\p{L}\p{N}])[a-z]{4,}(?![\p{L}\p{N}])/gu) || [])
    .filter((w) => w !== "lavaan");
  assert.deepEqual(english, [], "English words in the Chinese helper");
  await page.getByRole("button", { name: "English" }).click();
  await page.locator("html[lang=en]").waitFor();
  app.assertClean();
});
