// "For the paper": the APA tables (Table I, fit, discriminant validity,
// Table III) shown and downloaded — Table I of the live-commerce example as
// CSV and LaTeX parses back to the numbers on the page —, the methods
// paragraph with the fit's values, and project files that save the model
// and options (never the data) and open again.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, loadExample, reference, typeModel } from "./app.mjs";
import { download, readApaTable } from "./publish.mjs";

let app;
const lc = EXAMPLES.find((e) => e.fixture === "livecommerce_sem");
before(async () => {
  app = await openApp();
  await loadExample(app.page, lc);
});
after(async () => {
  await app?.close();
});

/** RFC 4180 CSV → rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const LATEX = [
  ["$\\lambda$", "λ"],
  ["$\\alpha$", "α"],
  ["$\\omega$", "ω"],
  ["$\\beta$", "β"],
  ["$\\chi$", "χ"],
  ["$^2$", "²"],
  ["$<$", "<"],
  ["$>$", ">"],
  ["$\\geq$", "≥"],
  ["$\\leq$", "≤"],
  ["$^\\dagger$", "†"],
  ["$^\\ddagger$", "‡"],
  ["$\\rightarrow$", "→"],
  ["---", "—"],
  ["--", "–"],
];

/** A LaTeX cell as text: escapes and math symbols undone, italics dropped. */
function latexText(cell) {
  let s = cell.trim().replace(/\\textit\{([^}]*)\}/g, "$1");
  for (const [tex, ch] of LATEX) s = s.split(tex).join(ch);
  return s.replace(/\\([&%$#_{}])/g, "$1");
}

/** The header and body rows of a booktabs table. */
function parseLatex(tex) {
  const lines = tex.split("\n");
  const top = lines.indexOf("\\toprule");
  const mid = lines.indexOf("\\midrule");
  const bottom = lines.indexOf("\\bottomrule");
  assert.ok(top >= 0 && mid > top && bottom > mid, "booktabs rules");
  const cells = (l) => l.replace(/ \\\\$/, "").split(" & ").map(latexText);
  return {
    columns: cells(lines[top + 1]),
    rows: lines.slice(mid + 1, bottom).map(cells),
    caption: latexText(/\\caption\{(.*)\}/.exec(tex)[1]),
  };
}

test("Table I of the live-commerce example shows lavaan's standardized loadings, α, CR and AVE", async () => {
  const { page } = app;
  const t = await readApaTable(page, "Measurement Model");
  assert.equal(t.number, "Table 1");
  assert.deepEqual(t.columns, ["Construct", "Item", "λ", "α", "CR", "AVE"]);
  assert.equal(t.rows.length, 21, "21 items");
  const ref = reference(lc.fixture);
  const prop = (x) => x.toFixed(3).replace(/^0\./, ".").replace(/^-0\./, "-.");
  let construct = "";
  for (const r of t.rows) {
    if (r[0]) construct = r[0];
    const p = ref.parameters.find((q) => q.op === "=~" && q.lhs === construct && q.rhs === r[1]);
    assert.ok(p, `${construct} =~ ${r[1]}`);
    assert.equal(r[2], prop(p.std_all), `λ of ${r[1]}`);
    if (r[0]) {
      assert.equal(r[4], prop(ref.reliability[construct].omega), `CR of ${construct}`);
      assert.equal(r[5], prop(ref.reliability[construct].ave), `AVE of ${construct}`);
    }
  }
  assert.match(t.note, /N = 465/);
  app.assertClean();
});

test("Table I downloads as CSV and LaTeX that parse back to the numbers shown", async () => {
  const { page } = app;
  const shown = await readApaTable(page, "Measurement Model");
  const fig = page.locator("#apa-apa_measurement");

  const csv = await download(page, fig.getByRole("button", { name: "CSV" }));
  assert.equal(csv.name, "semlab-apa_measurement.csv");
  const rows = parseCsv(csv.text);
  assert.deepEqual(rows[0], shown.columns);
  assert.deepEqual(rows.slice(1), shown.rows);

  const tex = await download(page, fig.getByRole("button", { name: "LaTeX" }));
  assert.equal(tex.name, "semlab-apa_measurement.tex");
  assert.match(tex.text, /\\usepackage\{booktabs\}/);
  const parsed = parseLatex(tex.text);
  assert.equal(parsed.caption, shown.title);
  assert.deepEqual(parsed.columns, shown.columns);
  assert.deepEqual(parsed.rows, shown.rows);

  const word = await download(page, fig.getByRole("button", { name: "Word (HTML)" }));
  assert.match(word.text, /^<!DOCTYPE html>/);
  assert.match(word.text, />Table 1</);
  assert.ok(!/<script/i.test(word.text), "no script in the Word file");
  app.assertClean();
});

test("the fit, discriminant-validity, hypothesis and effects tables follow, numbered", async () => {
  const { page } = app;
  const ref = reference(lc.fixture);
  const fit = await readApaTable(page, "Model Fit Indices");
  assert.equal(fit.number, "Table 2");
  assert.equal(fit.rows[0][1], ref.fit.chisq.toFixed(2), "χ²");
  assert.equal(fit.rows[0][2], String(ref.fit.df), "df");
  assert.equal((await readApaTable(page, "Fornell–Larcker")).number, "Table 3");
  assert.equal((await readApaTable(page, "Heterotrait–Monotrait")).number, "Table 4");
  const hyp = await readApaTable(page, "Structural Paths and Hypothesis Tests");
  assert.equal(hyp.number, "Table 5");
  assert.equal(hyp.rows.length, 12);
  assert.ok(hyp.rows.every((r) => r[7] === "Yes" || r[7] === "No"));
  assert.equal((await readApaTable(page, "Indirect, Direct and Total Effects")).number, "Table 6");

  const all = await download(page, page.getByRole("button", { name: "All tables as LaTeX" }));
  assert.equal((all.text.match(/\\begin\{table\}/g) || []).length, 6);
  app.assertClean();
});

test("the methods paragraph names the estimator, N, missing data, the fit with its values and the reliability ranges", async () => {
  const { page } = app;
  const ref = reference(lc.fixture);
  const text = await page.getByLabel("The paragraph (edit it here)").inputValue();
  assert.match(text, /maximum likelihood \(ML\)/);
  assert.match(text, /All 465 cases had complete data/);
  assert.ok(text.includes(`χ²(${ref.fit.df}) = ${ref.fit.chisq.toFixed(2)}`), text);
  assert.match(text, /α ranged from \.\d\d to \.\d\d, CR from \.\d\d to \.\d\d, and AVE from \.\d\d to \.\d\d/);
  assert.match(text, /of the 12 hypothesized paths were supported/);
  // it can be edited, and written again
  await page.getByLabel("The paragraph (edit it here)").fill("My own words.");
  await page.getByRole("button", { name: "Write it again" }).click();
  assert.equal(await page.getByLabel("The paragraph (edit it here)").inputValue(), text);
  app.assertClean();
});

test("a project file saves the model and options, never the data, and opens again", async () => {
  const { page } = app;
  await page.getByLabel("Standardize latent variables (std.lv)").check();
  const saved = await download(page, page.getByRole("button", { name: "Save project file" }));
  assert.equal(saved.name, "semlab-project.json");
  const project = JSON.parse(saved.text);
  assert.equal(project.format, "semlab-project");
  assert.equal(project.model, await page.getByLabel("Model", { exact: true }).inputValue());
  assert.equal(project.options.std_lv, true);
  assert.equal(project.data_file, "livecommerce_sem.csv");
  assert.ok(!("data" in project) && !saved.text.includes("3,4,5"), "no data in the project");

  // another model and options, then the project opens again
  await afterRefit(page, () => typeModel(page, "Trust =~ T1 + T2 + T3\n"));
  await page.getByLabel("Standardize latent variables (std.lv)").uncheck();
  const dir = mkdtempSync(join(tmpdir(), "semlab-project-"));
  const file = join(dir, "semlab-project.json");
  writeFileSync(file, saved.text);
  await afterRefit(page, () => page.getByLabel("Open project file").setInputFiles(file));
  assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), project.model);
  assert.ok(await page.getByLabel("Standardize latent variables (std.lv)").isChecked());
  await page.getByText("Opened semlab-project.json").waitFor();

  // a broken project file says what is wrong and changes nothing
  const bad = join(dir, "broken.json");
  writeFileSync(bad, '{"format": "semlab-project", "version": 1}');
  await page.getByLabel("Open project file").setInputFiles(bad);
  await page.getByText("broken.json cannot be opened").waitFor();
  await page.getByText("`model` is missing").waitFor();
  assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), project.model);
  await page.getByLabel("Standardize latent variables (std.lv)").uncheck();
  app.assertClean();
});
