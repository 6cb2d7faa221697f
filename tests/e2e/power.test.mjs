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

// Monte Carlo power of the hypotheses (the live-commerce example): 100
// replications of N = 300 shared among the page's workers, with a progress
// bar, then a table of the 12 hypothesis paths and the plain-language
// sentences; the same seed gives the same answer; a long run can be
// cancelled; in Chinese too.

const LIVE = EXAMPLES.find((e) => e.fixture === "livecommerce_sem");

/** Records every value the Monte Carlo progress bar shows, from now on. */
async function recordMcProgress(page, label) {
  await page.evaluate((label) => {
    window.__mc = [];
    window.__mcObserver?.disconnect();
    const read = () => {
      const bar = document.querySelector(`progress[aria-label="${label}"]`);
      if (!bar) return;
      const v = Number(bar.getAttribute("value"));
      if (v !== window.__mc[window.__mc.length - 1]) window.__mc.push(v);
    };
    window.__mcObserver = new MutationObserver(read);
    window.__mcObserver.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["value"],
    });
  }, label);
}

/** Sets a number field of the Monte Carlo part (committed on Tab). */
async function setField(section, label, value) {
  const field = section.getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.press("Tab");
  assert.equal(await field.inputValue(), String(value));
}

/** The Monte Carlo table as rows of cell texts. */
async function mcTable(section) {
  return section.locator("table.mc-table tbody tr").evaluateAll((rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent.trim())),
  );
}

test("Monte Carlo power of the hypotheses, seeded, with progress", async () => {
  const { page } = app;
  await loadExample(page, LIVE);
  const section = page.getByRole("region", { name: "Monte Carlo power of the hypotheses" });
  await section.waitFor();
  assert.equal(await section.getByLabel("N of each data set").inputValue(), "465");
  assert.equal(await section.getByLabel("Replications").inputValue(), "500");
  // each hypothesis is chosen by default, under a name of its own (not the
  // hypothesis rule's "H2a …" sign choice)
  assert.ok(await section.getByRole("checkbox", { name: "Simulate the power for H2a" }).isChecked());
  assert.equal(await page.getByLabel(/^H2a/).count(), 1);
  await setField(section, "N of each data set", 300);
  await setField(section, "Replications", 100);
  const runs = await page.locator("#results").getAttribute("data-results");
  await recordMcProgress(page, "Monte Carlo progress");
  await section.getByRole("button", { name: "Run Monte Carlo" }).click();
  const answer = section.locator(".mc-answer");
  await answer.waitFor();
  const shown = await page.evaluate(() => window.__mc.slice());
  assert.ok(shown.length >= 1, `the progress bar was shown: ${shown}`);
  const text = await answer.textContent();
  assert.match(text, /100 data sets of N = 300 simulated from the fitted model's implied moments \(seed 12345\), each refitted by ML/);
  assert.match(text, /With N = 300, the power to detect H1a is (1\.000|\.\d{2,3}) \(Monte Carlo, \d+ replications, SE \.\d{3}\)\./);
  const rows = await mcTable(section);
  assert.equal(rows.length, 12);
  assert.deepEqual(rows.map((r) => r[0]), ["H1a", "H2a", "H1b", "H2b", "H1c", "H2c", "H3a", "H4a", "H5a", "H3b", "H4b", "H5b"]);
  for (const [name, pop, power, se] of rows) {
    const [p, s] = [Number(power), Number(se)];
    assert.ok(p >= 0 && p <= 1, `${name}: ${power}`);
    assert.ok(Math.abs(s - Math.sqrt((p * (1 - p)) / 100)) < 0.002, `${name}: SE ${se} for power ${power}`);
    assert.ok(Number.isFinite(Number(pop)), `${name}: ${pop}`);
  }
  assert.equal(await page.locator("#results").getAttribute("data-results"), runs, "no refit");

  // the same seed again: the same table; another seed: another
  await section.getByRole("button", { name: "Run Monte Carlo" }).click();
  await until(async () => (await section.getByRole("button", { name: "Run Monte Carlo" }).isEnabled()) && (await answer.count()) > 0, {
    what: "the second run",
  });
  assert.deepEqual(await mcTable(section), rows);
  app.assertClean();
});

test("a long Monte Carlo run can be cancelled", async () => {
  const { page } = app;
  const section = page.getByRole("region", { name: "Monte Carlo power of the hypotheses" });
  await setField(section, "Replications", 20000);
  await recordMcProgress(page, "Monte Carlo progress");
  await section.getByRole("button", { name: "Run Monte Carlo" }).click();
  await until(async () => (await page.evaluate(() => window.__mc.slice())).some((v) => v >= 1), {
    what: "1% of 20000 replications",
  });
  await section.getByRole("button", { name: "Cancel" }).click();
  const answer = section.locator(".mc-answer");
  await answer.waitFor();
  const text = await answer.textContent();
  const made = Number(text.match(/Cancelled after (\d+) replications/)[1]);
  assert.ok(made >= 200 && made < 20000, `made ${made}`);
  await setField(section, "Replications", 100);
  app.assertClean();
});

test("Monte Carlo power in Chinese", async () => {
  const { page } = app;
  await page.getByRole("button", { name: "简体中文" }).click();
  const section = page.getByRole("region", { name: "假设路径的蒙特卡洛检验力" });
  await section.waitFor();
  await section.getByRole("button", { name: "运行蒙特卡洛" }).click();
  await until(async () => ((await section.locator(".mc-answer").textContent()) || "").includes("检测 H1a 的检验力为"), {
    what: "the Chinese answer",
  });
  const text = await section.locator(".mc-answer").textContent();
  assert.match(text, /N = 300 时，检测 H1a 的检验力为 (1\.000|\.\d{2,3})（蒙特卡洛，\d+ 次重复，SE \.\d{3}）。/);
  await page.getByRole("button", { name: "English" }).click();
  app.assertClean();
});

// A typed population (as `semlab power --population`): the model's text to
// type the population values into; every path left without a number is a
// null effect (power about α, population value 0), a number typed is the
// population value of its path, and the answer says where the data came from.
test("Monte Carlo power from a typed population", async () => {
  const { page } = app;
  const section = page.getByRole("region", { name: "Monte Carlo power of the hypotheses" });
  await section.getByLabel("Type the population values").check();
  const field = section.getByLabel("Population model", { exact: true });
  const model = await page.getByLabel("Model", { exact: true }).inputValue();
  assert.equal(await field.inputValue(), model);
  // H1a = 0.6 typed (its label replaced by the number), every other path 0
  await field.fill(model.replace("H1a*Trust", "0.6*Trust"));
  await field.press("Tab");
  await section.getByRole("button", { name: "Run Monte Carlo" }).click();
  await until(async () => ((await section.locator(".mc-answer").textContent()) || "").includes("typed population"), {
    what: "the answer from the typed population",
  });
  const text = await section.locator(".mc-answer").textContent();
  assert.match(text, /100 data sets of N = 300 simulated from the typed population model/);
  const rows = await mcTable(section);
  assert.equal(rows.length, 12);
  for (const [name, pop, power] of rows) {
    if (name === "H1a") {
      assert.equal(pop, "0.600");
      assert.ok(Number(power) > 0.9, `H1a: ${power}`);
    } else {
      assert.ok(Math.abs(Number(pop)) < 0.0005, `${name}: population ${pop}`);
      assert.ok(Number(power) <= 0.2, `${name}: power ${power} of a null path`);
    }
  }
  await section.getByLabel("Type the population values").uncheck();
  assert.equal(await section.getByLabel("Population model", { exact: true }).count(), 0);
  app.assertClean();
});
