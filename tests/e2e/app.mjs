// Helpers that know the app: read its tables, wait for results, load the
// examples, format numbers the way the page does, and read the lavaan
// reference fixtures.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./helpers.mjs";

export const FIXTURES = join(REPO, "tests", "fixtures", "lavaan");

/** The examples: button name, fixture directory, N. */
export const EXAMPLES = [
  { button: "Holzinger–Swineford CFA", fixture: "hs1939_cfa", n: 301 },
  { button: "Political democracy SEM", fixture: "poldem_mediation", n: 75 },
  { button: "Live-commerce value co-creation", fixture: "livecommerce_sem", n: 465 },
];

export function reference(fixture) {
  return JSON.parse(readFileSync(join(FIXTURES, fixture, "reference.json"), "utf8"));
}

export function fixturePath(fixture, file) {
  return join(FIXTURES, fixture, file);
}

/** A number to 3 decimals, as the page shows it. */
export function num(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  const s = x.toFixed(3);
  return s === "-0.000" ? "0.000" : s;
}

/** A p-value as the page shows it: `< .001`, else 3 decimals without the 0. */
export function pval(p) {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  if (p < 0.001) return "< .001";
  return p.toFixed(3).replace(/^0/, "");
}

/**
 * Asserts that `shown` is `expected` rounded to 3 decimals (either rounding
 * is accepted when `expected` lies within 1e-6 of a rounding tie, where
 * semlab's and lavaan's last digits may differ).
 */
export function assertShown(shown, expected, what, format = num) {
  const want = format(expected);
  if (shown === want) return;
  const scaled = Math.abs(expected) * 1000;
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-3) {
    const alt = [format(expected + 1e-6), format(expected - 1e-6)];
    if (alt.includes(shown)) return;
  }
  assert.equal(shown, want, `${what}: page shows ${shown}, lavaan gives ${expected}`);
}

/** The table whose caption starts with `caption`: { caption, columns, rows }. */
export async function readTable(page, caption) {
  const table = page.locator("table", {
    has: page.locator("caption", { hasText: caption }),
  });
  await table.first().waitFor();
  return table.first().evaluate((t) => ({
    caption: t.caption.textContent.trim(),
    // a short header (λ, B, β) keeps its full name in data-column
    columns: [...t.tHead.rows[0].cells].map((c) => c.dataset.column ?? c.textContent.trim()),
    rows: [...t.tBodies[0].rows]
      .filter((r) => !r.querySelector("td.empty"))
      .map((r) => [...r.cells].map((c) => c.textContent.trim())),
  }));
}

/** Rows of a table as objects keyed by column name (`""` columns get `_j`). */
export function records(table) {
  return table.rows.map((r) =>
    Object.fromEntries(table.columns.map((c, j) => [c || `_${j}`, r[j]])),
  );
}

/** Results state: the `data-state` and `data-results` (count) of the results. */
export async function resultsState(page) {
  return page.locator("#results").evaluate((el) => ({
    state: el.dataset.state,
    shown: Number(el.dataset.results || 0),
  }));
}

/** Polls `check` (async, returns truthy when done) until it holds. */
export async function until(check, { timeout = 20_000, interval = 25, what = "condition" } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Runs `action` and waits until newer results than before are shown and final. */
export async function afterRefit(page, action, what = "new results") {
  const before = (await resultsState(page)).shown;
  await action();
  return until(
    async () => {
      const s = await resultsState(page);
      return s.shown > before && s.state === "ready" ? s : null;
    },
    { what },
  );
}

/** Clicks an example button and waits for its results. */
export async function loadExample(page, ex) {
  await afterRefit(
    page,
    () => page.getByRole("button", { name: ex.button }).click(),
    `results of ${ex.button}`,
  );
  const fit = await readTable(page, "Fit indices");
  assert.match(fit.caption, new RegExp(`N = ${ex.n}\\b`));
}

/** The fit table as { label: value }. */
export async function fitValues(page) {
  const t = await readTable(page, "Fit indices");
  return Object.fromEntries(t.rows.map((r) => [r[0], r[1]]));
}

/** Fit table labels and the lavaan names of their measures. */
export const FIT_KEYS = {
  "χ²": "chisq",
  df: "df",
  "p (χ²)": "pvalue",
  GFI: "gfi",
  AGFI: "agfi",
  CFI: "cfi",
  "TLI (NNFI)": "tli",
  NFI: "nfi",
  IFI: "ifi",
  RNI: "rni",
  RMSEA: "rmsea",
  "RMSEA 90% CI lower": "rmsea.ci.lower",
  "RMSEA 90% CI upper": "rmsea.ci.upper",
  "p-close (RMSEA ≤ .05)": "rmsea.pvalue",
  SRMR: "srmr",
  AIC: "aic",
  BIC: "bic",
};

/** Sets the model text as a person would: select all in the editor and type. */
export async function typeModel(page, text) {
  const editor = page.getByLabel("Model", { exact: true });
  await editor.click();
  await editor.press("Control+A");
  await editor.press("Delete");
  await editor.pressSequentially(text, { delay: 0 });
}
