// Sample size and power (RMSEA): for the example's df (Holzinger–Swineford,
// df = 24, N = 301) the page gives the power of the test of close fit at
// the fit's N and the smallest N for power .80, as semTools
// findRMSEApower/findRMSEAsamplesize (tests/fixtures/power/rmsea_power.json);
// typing another N plans a study, the test of not-close fit and another
// target change the answer, all without a refit; in Chinese too.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO, openApp } from "./helpers.mjs";
import { EXAMPLES, loadExample, until } from "./app.mjs";

const REF = JSON.parse(readFileSync(join(REPO, "tests", "fixtures", "power", "rmsea_power.json"), "utf8"));
const power = (df, n, test) => REF.power.find((r) => r.df === df && r.n === n && r.test === test).power;
const minN = (df, test, target) =>
  REF.min_n.find((r) => r.df === df && r.test === test && r.target === target).n;
/** As APA prints a power: two decimals, no leading zero. */
const apa = (p) => p.toFixed(2).replace(/^0/, "");

let app;
before(async () => {
  app = await openApp();
  await loadExample(app.page, EXAMPLES[0]);
});
after(async () => {
  await app?.close();
});

async function answer(page, want) {
  const box = page.locator(".power-answer");
  await until(async () => ((await box.textContent()).includes(want) ? true : null), {
    what: `the power answer to say ${want}`,
  });
  return box.textContent();
}

test("the power of the RMSEA test and the smallest N for the example's df", async () => {
  const { page } = app;
  const section = page.getByRole("region", { name: "Sample size and power (RMSEA)" });
  await section.waitFor();
  assert.equal(await section.getByLabel("N", { exact: true }).inputValue(), "301");
  const text = await answer(page, "N = 375");
  assert.match(text, /test of close fit, ε₀ = \.05, ε₁ = \.08, α = \.05, df = 24\./);
  assert.match(text, /With N = 301, the power of the test is \.70\./);
  assert.equal(minN(24, "close", 0.8), 375);

  // planning: another N, no refit
  const runs = await page.locator("#results").getAttribute("data-results");
  await section.getByLabel("N", { exact: true }).fill("200");
  await answer(page, `With N = 200, the power of the test is ${apa(power(24, 200, "close"))}.`);
  await page.getByLabel("RMSEA test").selectOption("not-close");
  await answer(page, `With N = 200, the power of the test is ${apa(power(24, 200, "notclose"))}.`);
  await answer(page, `N = ${minN(24, "notclose", 0.8)}.`);
  await section.getByLabel("Target power").selectOption({ label: ".90" });
  await answer(page, `exceeds .90: N = ${minN(24, "notclose", 0.9)}.`);
  assert.equal(await page.locator("#results").getAttribute("data-results"), runs, "no refit");
  app.assertClean();
});

test("the power answer in Chinese", async () => {
  const { page } = app;
  await page.getByRole("button", { name: "简体中文" }).click();
  await until(async () => (await page.evaluate(() => document.documentElement.lang)) === "zh-CN", {
    what: "the page in Chinese",
  });
  const section = page.getByRole("region", { name: "样本量与检验力（RMSEA）" });
  await section.waitFor();
  const text = await page.locator(".power-answer").textContent();
  assert.match(text, /RMSEA 检验力分析/);
  assert.match(text, /所需的最小样本量：N = \d+。/);
  await page.getByRole("button", { name: "English" }).click();
  app.assertClean();
});
