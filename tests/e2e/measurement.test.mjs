// Check the measurement: KMO/Bartlett, the scree plot, the EFA and the
// common-method-bias block, run in the worker on the model's items; the
// numbers are lavaan's (tests/fixtures/explore); "Use this as my model"
// writes the EFA's structure into the model text, which refits. Once run,
// the checks are in the APA tables, the methods paragraph, the R script
// (run with Rscript when R has lavaan and semTools) and the report, in
// both languages; a marker column adds Lindell & Whitney's correction.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, fixturePath, loadExample, readTable, records, typeModel, until } from "./app.mjs";
import { download, missingR, readApaTable } from "./publish.mjs";

/** A number as APA writes it: 3 decimals, no leading zero. */
const apa = (x) => x.toFixed(3).replace(/^(-?)0\./, "$1.");

const explore = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "../fixtures/explore/livecommerce_explore/explore.json"),
    "utf8",
  ),
);

let app;
before(async () => {
  app = await openApp();
  await loadExample(app.page, EXAMPLES.find((e) => e.fixture === "livecommerce_sem"));
});
after(async () => {
  await app?.close();
});

test("the checks show lavaan's KMO, Bartlett and Harman share, a scree plot and the EFA", async () => {
  const { page } = app;
  const section = page.locator("#measurement");
  await section.getByRole("button", { name: "Run the checks" }).click();
  const kmo = records(await readTable(page, "Sampling adequacy and sphericity"));
  assert.equal(kmo[0].Value, explore.kmo.overall.toFixed(3).replace(/^0/, "0"));
  assert.equal(kmo[0].Judgement, "meritorious");
  assert.match(kmo[1].Value, new RegExp(`χ²\\(${explore.bartlett.df}\\) = ${explore.bartlett.chisq.toFixed(2)}`));
  assert.equal(kmo[4].Value, `${explore.harman_percent.toFixed(2)}%`);
  assert.equal(await section.locator(".scree-plot svg").count(), 1);
  const fit = await readTable(page, "Exploratory factor analysis (ML)");
  assert.ok(fit.rows.length >= 1);
  const loadings = await readTable(page, "EFA loadings");
  assert.equal(loadings.rows.length, Object.keys(explore.kmo.items).length);
  // the common-method-bias block under the results, from the same run
  const cmb = records(await readTable(page, "Common-method bias"));
  assert.equal(cmb[0].Value ?? Object.values(cmb[0])[1], `${explore.harman_percent.toFixed(2)}%`);
  app.assertClean();
});

test("the checks are in the APA tables, the methods paragraph, the R script and the report", async () => {
  const { page } = app;
  // the live-commerce checks of the first test belong to the results shown
  const kmo = await readApaTable(page, "Sampling adequacy and sphericity");
  assert.equal(kmo.number, "Table 1");
  assert.equal(kmo.rows[0][1], apa(explore.kmo.overall));
  assert.equal(kmo.rows[0][2], "meritorious");
  const efa = await readApaTable(page, "EFA loadings");
  assert.equal(efa.number, "Table 2");
  assert.equal(efa.rows.length, explore.items.length);
  const cmb = await readApaTable(page, "Common-method bias");
  assert.equal(cmb.rows[0][1], `${explore.harman_percent.toFixed(2)}%`);
  assert.ok(cmb.rows.some((r) => r[1].startsWith("Δχ²")), "the CLF difference row");
  // the methods paragraph
  const methods = await page.locator("#methods-text").inputValue();
  assert.match(methods, new RegExp(`sampling adequacy was meritorious \\(KMO = ${apa(explore.kmo.overall)}; Kaiser, 1974\\)`));
  assert.match(methods, new RegExp(`explained ${explore.harman_percent.toFixed(2)}% of the variance`));
  assert.match(methods, /Adding an unmeasured latent method factor/);
  // the R script: efa() and the CLF model
  const script = await download(page, page.getByRole("button", { name: "Download R script (lavaan)" }));
  assert.ok(script.text.includes(`efa_fits <- efa(data = x, nfactors = 1:${explore.efa.fit.length}, rotation = "geomin")`));
  assert.ok(script.text.includes("CMV =~ 1*T1 + 1*T2"));
  const why = missingR();
  if (why) {
    console.log(`# measurement R script: not run: ${why}`);
  } else {
    const name = "livecommerce_sem.csv";
    const text =
      script.text.replace(`read.csv("${name}"`, `read.csv(${JSON.stringify(fixturePath("livecommerce_sem", name))}`) +
      '\ncat(sprintf("SEMLAB_KMO %.6f\\n", kmo))\n' +
      `cat(sprintf("SEMLAB_EFA_CHISQ %.4f\\n", fitMeasures(efa_fits[[${explore.efa.fit.length}]], "chisq")))\n` +
      'cat(sprintf("SEMLAB_DCFI %.4f\\n", fitMeasures(fit_clf, "cfi") - fitMeasures(fit_model, "cfi")))\n';
    const dir = mkdtempSync(join(tmpdir(), "semlab-r-"));
    writeFileSync(join(dir, "checks.R"), text);
    const r = spawnSync("Rscript", ["checks.R"], { encoding: "utf8", cwd: dir, timeout: 300_000 });
    assert.equal(r.status, 0, `Rscript failed:\n${r.stderr}`);
    const got = (key) => Number(new RegExp(`${key} (\\S+)`).exec(r.stdout)?.[1]);
    assert.ok(Math.abs(got("SEMLAB_KMO") - explore.kmo.overall) < 1e-6, r.stdout);
    const k = explore.efa.fit.length;
    assert.ok(Math.abs(got("SEMLAB_EFA_CHISQ") - explore.efa.fit[k - 1].chisq) < 1e-3, r.stdout);
    assert.ok(Math.abs(got("SEMLAB_DCFI") - explore.clf.delta_cfi) < 1e-4, r.stdout);
  }
  // the report
  const report = await download(page, page.getByRole("button", { name: "Download report (HTML)" }));
  for (const caption of ["Sampling adequacy and sphericity", "EFA loadings", "Common-method bias", "Standardized loadings without and with the common method factor"]) {
    assert.ok(report.text.includes(caption), caption);
  }
  assert.ok(report.text.indexOf("Sampling adequacy") < report.text.indexOf("Fit indices"));
  assert.ok(report.text.includes("sampling adequacy was meritorious"), "the report's methods paragraph");
  // in Chinese
  await page.getByRole("button", { name: "简体中文" }).click();
  await page.locator("html[lang=zh-CN]").waitFor();
  const zh = await readApaTable(page, "取样适切性与球形检验");
  assert.equal(zh.rows[0][1], apa(explore.kmo.overall));
  await readApaTable(page, "共同方法偏差");
  await until(async () => (await page.locator("#methods-text").inputValue()).includes("Bartlett 球形检验显著"), {
    what: "the Chinese methods paragraph",
  });
  const zhReport = await download(page, page.getByRole("button", { name: "下载报告（HTML）" }));
  assert.ok(zhReport.text.includes("探索性因子分析载荷"));
  await page.getByRole("button", { name: "English" }).click();
  await page.locator("html[lang=en]").waitFor();
  app.assertClean();
});

test("Use this as my model writes the EFA's structure and refits; the checks are then stale", async () => {
  const { page } = app;
  // Holzinger–Swineford with two factors instead of the model's three:
  // the structure changes, so the model text does.
  await loadExample(page, EXAMPLES.find((e) => e.fixture === "hs1939_cfa"));
  const section = page.locator("#measurement");
  await page.getByLabel("Factors", { exact: true }).selectOption("2");
  await section.getByRole("button", { name: "Run the checks" }).click();
  await section.getByText("EFA loadings (geomin rotation, 2 factors").waitFor();
  const editor = page.getByLabel("Model", { exact: true });
  const before = await editor.inputValue();
  await afterRefit(page, () => page.getByRole("button", { name: "Use this as my model" }).click());
  const after = await editor.inputValue();
  assert.notEqual(after, before);
  assert.equal(after.split("\n").filter((l) => l.includes("=~")).length, 2);
  await page.getByText("These checks belong to an earlier model or data set").waitFor();
  app.assertClean();
});

test("a marker column shows Lindell & Whitney's corrected correlations", async () => {
  const { page } = app;
  // Holzinger–Swineford (loaded by the previous test) with two factors: x7..x9 can be markers
  await afterRefit(page, () => typeModel(page, "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\n"));
  const select = page.getByLabel("Marker variable", { exact: true });
  await until(
    async () =>
      JSON.stringify(await select.locator("option").allTextContents()) === JSON.stringify(["none", "x7", "x8", "x9"]),
    { what: "the marker choices" },
  );
  await page.locator("#measurement").getByRole("button", { name: "Run the checks" }).click();
  await readTable(page, "Common-method bias");
  await select.selectOption("x7");
  // R: r_M = min(positive cor(x7, x1..x6)) = .0669; x1–x2: r = .297, r_A = .247, p < .001
  const summary = await readTable(page, "Marker-variable correction (marker: x7)");
  assert.equal(summary.rows[0][1], "0.067");
  assert.match(summary.rows[1][1], /^\d+ \/ 15$/);
  const pairs = records(await readTable(page, "Correlations corrected for the marker variable x7"));
  assert.equal(pairs.length, 15);
  assert.deepEqual(
    [pairs[0]["Item pair"], pairs[0].r, pairs[0].r_A, pairs[0]["p (r_A)"], pairs[0]["Significant after correction"]],
    ["x1 – x2", "0.297", "0.247", "< .001", "yes"],
  );
  await page.getByRole("button", { name: "简体中文" }).click();
  await page.locator("html[lang=zh-CN]").waitFor();
  await readTable(page, "经标记变量 x7 校正的相关");
  assert.equal(await page.getByLabel("标记变量", { exact: true }).inputValue(), "x7");
  await page.getByRole("button", { name: "English" }).click();
  await page.locator("html[lang=en]").waitFor();
  app.assertClean();
});
