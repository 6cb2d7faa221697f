// The hypothesis rule and display options redraw the tables without a
// refit; every table downloads as CSV and copies as an HTML table; the
// whole report downloads as one self-contained HTML file.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, loadExample, readTable, records, reference, resultsState } from "./app.mjs";

let app;
const lc = EXAMPLES.find((e) => e.fixture === "livecommerce_sem");
before(async () => {
  app = await openApp();
  await app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
  await loadExample(app.page, lc);
});
after(async () => {
  await app?.close();
});

const hypotheses = async () => records(await readTable(app.page, "Hypotheses"));

test("changing α, tails and expected signs re-evaluates the hypotheses without refitting", async () => {
  const { page } = app;
  const ref = reference(lc.fixture);
  const shown = (await resultsState(page)).shown;
  const h2a = ref.parameters.find((p) => p.label === "H2a"); // p = .026
  assert.ok(h2a.pvalue > 0.01 && h2a.pvalue < 0.05);
  assert.equal((await hypotheses()).find((h) => h.Hypothesis === "H2a").Supported, "yes");

  await page.getByLabel("Significance level α").selectOption(".01");
  assert.equal((await hypotheses()).find((h) => h.Hypothesis === "H2a").Supported, "no");
  assert.match((await readTable(page, "Hypotheses")).caption, /^Hypotheses/);
  await page.locator("#results").getByText("supported when p < 0.01").waitFor();

  await page.getByLabel("Test", { exact: true }).selectOption("One-tailed");
  const one = (await hypotheses()).find((h) => h.Hypothesis === "H2a");
  assert.equal(one.p, (h2a.pvalue / 2).toFixed(3).replace(/^0/, ""), "one-tailed p is half");
  assert.equal(one.Supported, "no"); // .013 is not below .01

  await page.getByLabel("Significance level α").selectOption(".05");
  assert.equal((await hypotheses()).find((h) => h.Hypothesis === "H2a").Supported, "yes");

  // Expected sign per hypothesis: H2a expected negative is not supported.
  await page.getByText("Expected sign per hypothesis").click();
  await page.getByLabel(/^H2a/).selectOption("negative");
  assert.equal((await hypotheses()).find((h) => h.Hypothesis === "H2a").Supported, "no");
  await page.getByLabel(/^H2a/).selectOption("default");
  await page.getByLabel("Test", { exact: true }).selectOption("Two-tailed");
  assert.equal((await hypotheses()).find((h) => h.Hypothesis === "H2a").Supported, "yes");

  assert.equal((await resultsState(page)).shown, shown, "no refit");
  app.assertClean();
});

test("a table downloads as CSV", async () => {
  const { page } = app;
  const section = page.locator("section.result", { has: page.locator("caption", { hasText: "Fit indices" }) });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("button", { name: /^Download CSV: Fit indices/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "semlab-fit.csv");
  const csv = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split(/\r\n/);
  assert.equal(lines[0], "Index,Value,Cutoff,Met,Source");
  assert.ok(lines.some((l) => l.startsWith("CFI,0.986,")));
  app.assertClean();
});

test("CSV files hold p-values as numbers, the page shows them rounded", async () => {
  const { page } = app;
  const section = page.locator("section.result", { has: page.locator("caption", { hasText: /^Hypotheses/ }) });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("button", { name: /^Download CSV: Hypotheses/ }).click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
  const [head, ...rows] = csv.trim().split(/\r\n/).map((l) => l.split(","));
  const pCol = head.indexOf("p");
  const shown = await hypotheses();
  const ref = reference(lc.fixture);
  let tiny = 0;
  rows.forEach((r, i) => {
    const p = Number(r[pCol]);
    assert.ok(Number.isFinite(p), `p of ${r[0]} is a number: ${r[pCol]}`);
    const lavaan = ref.parameters.find((q) => q.label === r[0]).pvalue;
    assert.ok(Math.abs(p - lavaan) < 1e-6 + 1e-3 * lavaan, `${r[0]}: ${p} vs lavaan ${lavaan}`);
    if (shown[i].p === "< .001") tiny += 1;
  });
  assert.ok(tiny > 0, "a p < .001 on the page is a number in the file");
  app.assertClean();
});

test("each table's buttons are named after their table", async () => {
  const { page } = app;
  const names = await page
    .locator("#results section.result")
    .getByRole("button", { name: /^Download CSV: / })
    .evaluateAll((bs) => bs.map((b) => b.getAttribute("aria-label")));
  assert.ok(names.length >= 8, `${names.length} tables`);
  assert.equal(new Set(names).size, names.length, `distinct names: ${names.join(" | ")}`);
  for (const n of ["Hypotheses", "Fit indices", "Parameter estimates"]) {
    assert.ok(names.some((x) => x.startsWith(`Download CSV: ${n}`)), `${n} in ${names.join(" | ")}`);
  }
  assert.ok(await page.getByRole("button", { name: /^Copy table: Hypotheses/ }).count());
  app.assertClean();
});

test("a table copies as an HTML table", async () => {
  const { page } = app;
  const section = page.locator("section.result", { has: page.locator("caption", { hasText: "Hypotheses" }) });
  await section.getByRole("button", { name: "Copy table" }).click();
  await section.getByText("Copied").waitFor();
  const html = await page.evaluate(async () => {
    const items = await navigator.clipboard.read();
    const blob = await items[0].getType("text/html");
    return blob.text();
  });
  assert.match(html, /<table[\s>]/);
  assert.match(html, /Hypotheses/);
  assert.match(html, /<td[^>]*>H1a<\/td>/);
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /H1a\tTrust → ProductInteraction/);
  app.assertClean();
});

test("the whole report downloads as one self-contained HTML file", async () => {
  const { page } = app;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download report (HTML)" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "semlab-report.html");
  const html = readFileSync(await download.path(), "utf8");
  assert.match(html, /^<!DOCTYPE html>/);
  for (const caption of ["Fit indices", "Reliability and convergent validity", "Hypotheses", "Modification indices"]) {
    assert.ok(html.includes(caption), `report has ${caption}`);
  }
  assert.match(html, /Trust =~ T1 \+ T2 \+ T3/);
  // the whole analysis: the path diagram, the methods paragraph, the item statistics
  assert.match(html, /<h2>Path diagram<\/h2>\n<figure class="diagram"><svg/);
  assert.match(html, /<h2>Methods<\/h2>\n<p class="methods">The hypothesized model was tested/);
  assert.match(html, /11 of the 12 hypothesized paths were supported/);
  assert.ok(html.includes("Item statistics"), "report has the item statistics");
  // Self-contained: no scripts, no links to anything (the diagram's arrow
  // heads refer to markers inside the file: url(#…)).
  assert.doesNotMatch(html, /<script|<link|src=|href=|url\((?!#)/i);
  app.assertClean();
});

test("the loaded example's data downloads as the CSV file its R script reads", async () => {
  const { page } = app;
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: `Download data (CSV): ${lc.fixture}.csv` }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `${lc.fixture}.csv`);
  const got = readFileSync(await download.path(), "utf8");
  const want = readFileSync(new URL(`../fixtures/lavaan/${lc.fixture}/${lc.fixture}.csv`, import.meta.url), "utf8");
  assert.equal(got, want);
  app.assertClean();
});
