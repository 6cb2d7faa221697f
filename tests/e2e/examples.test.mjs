// The three examples: each button loads its data and model and shows
// results at once, and the fit, hypothesis and reliability tables agree with
// lavaan's fixtures to the 3 decimals the page shows.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import {
  EXAMPLES,
  FIT_KEYS,
  assertShown,
  fitValues,
  loadExample,
  pval,
  readTable,
  records,
  reference,
} from "./app.mjs";

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

test("the page offers the three examples by name", async () => {
  for (const ex of EXAMPLES) {
    await app.page.getByRole("button", { name: ex.button }).waitFor();
  }
});

for (const ex of EXAMPLES) {
  test(`${ex.button}: fit and hypotheses agree with lavaan`, async () => {
    const { page } = app;
    const ref = reference(ex.fixture);
    await loadExample(page, ex);

    // The model text is the fixture's.
    const model = await page.getByLabel("Model", { exact: true }).inputValue();
    assert.equal(model.trim(), ref.model.trim());

    // Fit indices.
    const fit = await fitValues(page);
    for (const [label, key] of Object.entries(FIT_KEYS)) {
      const want = ref.fit[key];
      assert.ok(label in fit, `fit table has ${label}`);
      if (key === "df") {
        assert.equal(fit[label], String(want), "df");
      } else if (key === "pvalue" || key === "rmsea.pvalue") {
        assertShown(fit[label], want, label, pval);
      } else {
        assertShown(fit[label], want, label);
      }
    }
    assertShown(fit["χ²/df"], ref.fit.chisq / ref.fit.df, "χ²/df");

    // Hypotheses: one row per regression path.
    const hyp = records(await readTable(page, "Hypotheses"));
    const paths = ref.parameters.filter((p) => p.op === "~");
    assert.equal(hyp.length, paths.length, "one hypothesis per regression path");
    for (const p of paths) {
      const name = p.label || `${p.lhs} ~ ${p.rhs}`;
      const row = hyp.find((h) => h.Hypothesis === name);
      assert.ok(row, `hypothesis ${name} is listed`);
      assert.equal(row.Path, `${p.rhs} → ${p.lhs}`);
      assertShown(row["Std. β"], p.std_all, `${name} std. β`);
      assertShown(row.Estimate, p.est, `${name} estimate`);
      assertShown(row.SE, p.se, `${name} SE`);
      assertShown(row.z, p.z, `${name} z`);
      assertShown(row.p, p.pvalue, `${name} p`, pval);
      const supported = p.pvalue < 0.05 && p.est > 0 ? "yes" : "no";
      assert.equal(row.Supported, supported, `${name} supported`);
    }

    // Reliability: α, CR (ω) and AVE of every construct.
    const rel = records(await readTable(page, "Reliability and convergent validity"));
    for (const row of rel.filter((r) => r.Construct)) {
      const c = row.Construct;
      assertShown(row["Cronbach's α"], ref.alpha[c], `${c} α`);
      assertShown(row["CR (ω)"], ref.reliability[c].omega, `${c} ω`);
      assertShown(row.AVE, ref.reliability[c].ave, `${c} AVE`);
    }

    // Every table the issue names is a real table with its caption.
    for (const caption of [
      "Fit indices",
      "Reliability and convergent validity",
      "Fornell–Larcker criterion",
      "HTMT",
      "Hypotheses",
      "Parameter estimates",
      "R²",
      "Modification indices",
    ]) {
      assert.equal(
        await page.locator("table > caption", { hasText: caption }).count() > 0,
        true,
        `a table captioned ${caption}`,
      );
    }
    app.assertClean();
  });
}

test("defined parameters (:=) of the political democracy model agree with lavaan", async () => {
  const { page } = app;
  const ex = EXAMPLES.find((e) => e.fixture === "poldem_mediation");
  await loadExample(page, ex);
  const ref = reference(ex.fixture);
  const params = records(await readTable(page, "Parameter estimates"));
  for (const p of ref.parameters.filter((q) => q.op === ":=")) {
    const row = params.find((r) => r.lhs === p.lhs && r.op === ":=");
    assert.ok(row, `${p.lhs} := is listed`);
    assertShown(row.Estimate, p.est, `${p.lhs} estimate`);
    assertShown(row.SE, p.se, `${p.lhs} SE`);
    assertShown(row["Std.all"], p.std_all, `${p.lhs} std.all`);
  }
  app.assertClean();
});
