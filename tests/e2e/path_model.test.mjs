// A path model among observed variables has no constructs: the results and
// the downloaded report leave out the reliability, Fornell–Larcker and HTMT
// tables and say why in one line; a CFA still shows them.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, loadExample, readTable, records, typeModel, until } from "./app.mjs";

const CAPTIONS = ["Reliability and convergent validity", "Fornell–Larcker criterion", "HTMT"];
const LINE = "Reliability and validity apply to latent variables measured by items; this model has none.";
const cfa = EXAMPLES.find((e) => e.fixture === "hs1939_cfa");

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

/** The captions of the results' tables and the entries of their contents. */
async function shown(page) {
  const results = page.locator("#results");
  return {
    captions: await results.locator("caption").allTextContents(),
    contents: await results.locator("nav.contents a").allTextContents(),
    line: await results.locator(".no-constructs").allTextContents(),
  };
}

async function reportHtml(page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download report (HTML)" }).click(),
  ]);
  return readFileSync(await download.path(), "utf8");
}

test("a path model without latent variables shows no reliability or validity tables", async () => {
  const { page } = app;
  await loadExample(page, cfa);
  await afterRefit(page, () => typeModel(page, "x3 ~ x1 + x2\nx6 ~ x3 + x4"));
  await until(
    async () =>
      records(await readTable(page, "Parameter estimates")).some(
        (r) => r.lhs === "x6" && r.op === "~" && r.rhs === "x4",
      ),
    { what: "the path model's estimates" },
  );
  const s = await shown(page);
  for (const c of CAPTIONS) {
    assert.ok(!s.captions.some((x) => x.includes(c)), `no ${c} table`);
    assert.ok(!s.contents.some((x) => x.includes(c)), `no ${c} in the contents`);
  }
  assert.ok(s.captions.some((x) => x.startsWith("Fit indices")));
  assert.ok(s.captions.some((x) => x.startsWith("R²")));
  assert.deepEqual(s.line, [LINE]);

  const html = await reportHtml(page);
  for (const c of CAPTIONS) assert.ok(!html.includes(c), `report has no ${c}`);
  assert.ok(html.includes(LINE), "report has the line");
  assert.ok(html.includes("Fit indices") && html.includes("Parameter estimates"));
  app.assertClean();
});

test("a CFA still shows them, without the line", async () => {
  const { page } = app;
  await loadExample(page, cfa);
  for (const c of CAPTIONS) await readTable(page, c);
  const s = await shown(page);
  for (const c of CAPTIONS) assert.ok(s.contents.some((x) => c.startsWith(x)), `${c} in the contents`);
  assert.deepEqual(s.line, []);
  const html = await reportHtml(page);
  for (const c of CAPTIONS) assert.ok(html.includes(c), `report has ${c}`);
  assert.ok(!html.includes(LINE));
  // no bare header: a CFA has no hypotheses, so no hypothesis table
  assert.ok(!/>Hypotheses/.test(html), "no empty Hypotheses table in the report");
  assert.match(html, /<figure class="diagram"><svg/);
  app.assertClean();
});
