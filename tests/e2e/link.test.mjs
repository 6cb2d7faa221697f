// Links: the address's fragment opens a ready analysis — the named example
// with the given model, options and language — never with data; values it
// cannot use are said, the rest still applies; `#embed` is the compact page
// for an <iframe>; "Copy link" gives a link that opens the same analysis.

import assert from "node:assert/strict";
import { after, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, loadExample, readTable, resultsState, until } from "./app.mjs";

const MODEL = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\n";
const opened = [];
after(async () => {
  for (const a of opened) await a.close();
});

async function open(fragment, opts = {}) {
  const app = await openApp({ path: `#${fragment}`, ...opts });
  opened.push(app);
  return app;
}

async function ready(page) {
  await until(async () => (await resultsState(page)).state === "ready", { what: "results" });
}

test("a link opens the named example with the given model, options and language", async () => {
  const app = await open(`example=hs1939&model=${encodeURIComponent(MODEL)}&lang=zh&std_lv=1&unknown=1`);
  const { page } = app;
  await ready(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
  assert.equal(await page.locator("#model").inputValue(), MODEL);
  assert.ok(await page.locator("#model").isVisible());
  await page.getByText("hs1939_cfa.csv：301 行，9 列").waitFor();
  // two factors, std.lv: the loadings of x1 and x4 are free
  const params = await page.locator("#table-parameters tbody tr").evaluateAll((rows) =>
    rows.map((r) => [...r.cells].map((c) => c.textContent.trim())),
  );
  const x1 = params.find((r) => r[0] === "visual" && r[1] === "=~" && r[2] === "x1");
  assert.notEqual(x1[5], "", "x1's loading has an SE: std.lv made it free");
  assert.ok(!params.some((r) => r[0] === "speed"), "the link's model, not the example's");
  assert.equal(await page.locator(".link-problems").count(), 0, "unknown keys are ignored");
  app.assertClean();
});

test("a link's composite scores are made again once the example's data is loaded", async () => {
  const model = "RelationshipDeepening =~ RD1 + RD2 + RD3\nRelationshipDeepening ~ Trust_mean\n";
  const app = await open(`example=livecommerce&composites=Trust_mean~T1~T2~T3&model=${encodeURIComponent(model)}`);
  const { page } = app;
  await until(
    async () => {
      const rows = await page.locator("#table-parameters tbody tr").evaluateAll((rs) =>
        rs.map((r) => [...r.cells].map((c) => c.textContent.trim())),
      );
      return rows.some((r) => r[0] === "RelationshipDeepening" && r[1] === "~" && r[2] === "Trust_mean");
    },
    { what: "the regression on the composite fitted" },
  );
  // the model could only be fitted with the column made again
  assert.equal(await page.locator(".link-problems").count(), 0);
  app.assertClean();
});

test("values a link cannot use are said; the rest of it applies and the page works", async () => {
  const app = await open(`example=nosuch&lang=en&estimator=ABC&alpha=7&model=${encodeURIComponent(MODEL)}`);
  const { page } = app;
  const problems = page.locator(".link-problems");
  await problems.waitFor();
  const text = await problems.textContent();
  assert.match(text, /example=nosuch is not understood \(allowed: hs1939, poldem, livecommerce\)/);
  assert.match(text, /estimator=ABC is not understood/);
  assert.match(text, /alpha=7 is not understood/);
  assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), MODEL);
  // no data came with the link: loading an example still works
  await page.getByRole("heading", { name: "1. Data" }).waitFor();
  await loadExample(page, EXAMPLES[1]);
  app.assertClean();
});

test("#embed is the compact page: editor and results, no header, examples or data panel", async () => {
  const app = await open(`embed&example=livecommerce`, { viewport: { width: 900, height: 700 } });
  const { page } = app;
  await ready(page);
  assert.ok(await page.locator(".page.embed").isVisible());
  assert.ok(await page.locator(".embed-bar").isVisible());
  assert.ok(!(await page.locator(".site-header h1").isVisible()), "no big heading");
  assert.ok(!(await page.locator(".examples").isVisible()), "no example buttons");
  assert.ok(!(await page.locator(".data-panel").isVisible()), "no data panel");
  assert.ok(!(await page.locator(".privacy-note").isVisible()), "the privacy note is a line in the bar");
  assert.ok(await page.getByLabel("Model", { exact: true }).isVisible());
  await readTable(page, "Fit indices (N = 465");
  assert.ok(await page.locator("#diagram svg").isVisible());
  const full = await page.getByRole("link", { name: "Open in semlab" }).getAttribute("href");
  assert.match(full, /#example=livecommerce&lang=en&model=/);
  assert.ok(!full.includes("embed"), "the full page");
  app.assertClean();
});

test("Copy link gives a link that opens the same analysis; with own data it says the data must be loaded again", async () => {
  const app = await open("");
  const { page, context } = app;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
  await loadExample(page, EXAMPLES[1]);
  await afterRefit(page, () => page.getByLabel("Standardize latent variables (std.lv)").check());
  await page.getByLabel("Path labels").selectOption("Unstandardized estimates");
  await page.getByRole("button", { name: "Copy link" }).click();
  await page.locator(".share").getByText("Link copied.").waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const shown = await page.getByLabel("Link to this analysis").inputValue();
  assert.equal(copied, shown);
  assert.match(shown, /#example=poldem&lang=en&std_lv=1&labels=unstd&model=/);
  assert.match(await page.locator(".share-note").textContent(), /opens the example/);
  const embed = await page.getByLabel("Embed code for a course page").inputValue();
  assert.match(embed, /^<iframe src="[^"]*#embed&amp;example=poldem/);

  // the copied link opens the same analysis
  const again = await open(new URL(shown).hash.slice(1));
  await ready(again.page);
  assert.equal(
    await again.page.getByLabel("Model", { exact: true }).inputValue(),
    await page.getByLabel("Model", { exact: true }).inputValue(),
  );
  assert.ok(await again.page.getByLabel("Standardize latent variables (std.lv)").isChecked());
  assert.equal(
    (await readTable(again.page, "Fit indices")).rows[0][1],
    (await readTable(page, "Fit indices")).rows[0][1],
    "the same χ²",
  );
  assert.equal(
    await again.page.locator("#diagram-labels").inputValue(),
    "unstd",
  );
  again.assertClean();

  // own data is never in a link
  await page.getByLabel("Upload data").setInputFiles({
    name: "mine.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("a,b,c\n1,2,3\n2,3,5\n3,5,4\n4,4,6\n5,7,8\n"),
  });
  await page.getByText("mine.csv: 5 rows, 3 columns").waitFor();
  assert.match(await page.locator(".share-note").textContent(), /has to load the data again/);
  const link = await page.getByLabel("Link to this analysis").inputValue();
  assert.ok(!link.includes("example="), "no example");
  assert.ok(!/mine|1,2,3/.test(decodeURIComponent(link)), "no data in the link");
  app.assertClean();
});

test("a link with a group column groups the data that has it, and Copy link keeps the groups", async () => {
  const model = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n";
  const app = await open(`group=school&group_equal=loadings&model=${encodeURIComponent(model)}`);
  const { page } = app;
  await page.getByLabel("Upload data").setInputFiles(
    new URL("../fixtures/invariance/hs1939_school_ladder/hs1939_school.csv", import.meta.url).pathname,
  );
  await page.getByText("hs1939_school.csv: 301 rows, 10 columns").waitFor();
  await ready(page);
  assert.equal(await page.locator("#group").inputValue(), "school");
  assert.ok(await page.locator("#group-equal-loadings").isChecked());
  assert.ok(!(await page.locator("#group-equal-intercepts").isChecked()));
  await page.locator("#results .group-switch").waitFor();
  const link = await page.getByLabel("Link to this analysis").inputValue();
  assert.match(link, /#lang=en&group=school&group_equal=loadings&model=/);
  app.assertClean();
});
