// A dichotomous moderator on the page (tests/fixtures/moderation_slopes/
// dichotomous: the PROCESS model 7 data with Norms cut at its median into
// High, 0/1): the simple slopes are at High = 0 and High = 1, as PROCESS and
// JASP, agreeing with lavaan's `:=` rows there; the note says why and gives
// no Johnson–Neyman region; the plot has two lines, with its own caption.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO, openApp } from "./helpers.mjs";
import { afterRefit, assertShown, pval, readTable, records, typeModel } from "./app.mjs";

const DIR = join(REPO, "tests", "fixtures", "moderation_slopes", "dichotomous");
const CSV = join(DIR, "dichotomous.csv");
const SLOPES = JSON.parse(readFileSync(join(DIR, "slopes.json"), "utf8"));
const MODEL = "Interaction ~ Trust + High + Trust:High\nLoyalty ~ Interaction + Trust";
const defined = (name) => SLOPES.defined.find((d) => d.name === name);

let app;
before(async () => {
  app = await openApp();
  await app.page.getByLabel("Upload data").setInputFiles(CSV);
  await app.page.getByText(/dichotomous\.csv: \d+ rows, 4 columns/).waitFor();
  await afterRefit(app.page, () => typeModel(app.page, MODEL), "the dichotomous fit");
});
after(async () => {
  await app?.close();
});

test("a dichotomous moderator's slopes are at its two values, without a Johnson–Neyman region", async () => {
  const { page } = app;
  const rows = records(await readTable(page, "Moderation: simple slopes"));
  assert.equal(rows.length, 5);
  ["slope0", "slope1", "cind0", "cind1"].forEach((name, k) => {
    const d = defined(name);
    assert.equal(rows[k].At, `High = ${k % 2}`);
    assertShown(rows[k].Estimate, d.est, `${name} estimate`);
    assertShown(rows[k].SE, d.se, `${name} SE`);
    assertShown(rows[k].p, d.pvalue, `${name} p`, pval);
  });
  const note = await page
    .locator("section.result", { has: page.locator("#table-moderation") })
    .locator(".table-note:not(.short-headers)")
    .textContent();
  assert.match(note, /High takes two values in the data \(0 and 1\), so the simple slopes are at each of them/);
  assert.doesNotMatch(note, /significant \(p < \.05\) where|transition point/);
  const svg = page.locator(".slopes-plot svg");
  await svg.waitFor();
  assert.equal(await svg.locator(".slope-line").count(), 2);
  assert.deepEqual((await svg.locator(".slope-label").allTextContents()).sort(), ["High = 0", "High = 1"]);
  assert.match(await page.locator(".slopes-plot figcaption").textContent(), /the moderator's two values/);
  app.assertClean();
});
