// The diagram editor (*Draw the model*): on the live-commerce data with an
// empty model, the whole model is drawn without typing a line of it — seven
// latent variables named and their items attached by clicks, the twelve
// hypotheses as labelled one-headed arrows — and the model text then holds
// the example's relations (up to order) and the fit is lavaan's; a change
// typed in the text redraws the drawing; Undo takes back the typed change
// and then the last drawing action (one history for both), Redo restores.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, assertShown, fitValues, fixturePath, loadExample, reference, until } from "./app.mjs";

let app;
before(async () => {
  app = await openApp({ viewport: { width: 1366, height: 900 } });
});
after(async () => {
  await app?.close();
});

/** The relations of a lavaan text, one per right-hand term, sorted. */
function relations(text) {
  const out = [];
  for (const raw of text.split("\n")) {
    const line = raw.split("#")[0].trim();
    const m = line.match(/^(\S+)\s*(=~|~~|~)\s*(.+)$/);
    if (!m) continue;
    for (const term of m[3].split("+")) out.push(`${m[1]} ${m[2]} ${term.trim()}`);
  }
  return out.sort();
}

const CONSTRUCTS = [
  ["Trust", ["T1", "T2", "T3"]],
  ["SubjectiveNorms", ["SN1", "SN2", "SN3"]],
  ["ProductInteraction", ["PI1", "PI2", "PI3"]],
  ["InterpersonalInteraction", ["HI1", "HI2", "HI3"]],
  ["MediaInteraction", ["MI1", "MI2", "MI3"]],
  ["RelationshipBuilding", ["RB1", "RB2", "RB3"]],
  ["RelationshipDeepening", ["RD1", "RD2", "RD3"]],
];

// predictor, hypothesis, outcome
const PATHS = [
  ["Trust", "H1a", "ProductInteraction"],
  ["SubjectiveNorms", "H2a", "ProductInteraction"],
  ["Trust", "H1b", "InterpersonalInteraction"],
  ["SubjectiveNorms", "H2b", "InterpersonalInteraction"],
  ["Trust", "H1c", "MediaInteraction"],
  ["SubjectiveNorms", "H2c", "MediaInteraction"],
  ["ProductInteraction", "H3a", "RelationshipBuilding"],
  ["InterpersonalInteraction", "H4a", "RelationshipBuilding"],
  ["MediaInteraction", "H5a", "RelationshipBuilding"],
  ["ProductInteraction", "H3b", "RelationshipDeepening"],
  ["InterpersonalInteraction", "H4b", "RelationshipDeepening"],
  ["MediaInteraction", "H5b", "RelationshipDeepening"],
];

test("the live-commerce model drawn without typing is the example's model, with lavaan's fit; text edits redraw; undo covers both", async () => {
  const { page } = app;
  const ex = EXAMPLES.find((e) => e.fixture === "livecommerce_sem");
  await loadExample(page, ex);
  const editor = page.getByLabel("Model", { exact: true });
  await editor.click();
  await editor.press("Control+A");
  await editor.press("Delete");
  assert.equal(await editor.inputValue(), "");

  const draw = page.getByRole("button", { name: "Draw the model" });
  await draw.click();
  assert.equal(await draw.getAttribute("aria-pressed"), "true");
  const canvas = page.getByRole("group", { name: "The model as drawn" });
  const edges = (op) => canvas.locator(`path.edge[data-op="${op}"]`).count();

  // the measurement model: name each construct, click its items
  for (const [name, items] of CONSTRUCTS) {
    await page.getByLabel("New latent variable").fill(name);
    await page.getByRole("button", { name: "Add latent variable" }).click();
    await canvas.locator(`g.node[data-name="${name}"]`).waitFor();
    for (const item of items) {
      await page.getByRole("button", { name: `Attach ${item} to ${name}`, exact: true }).click();
    }
  }
  assert.equal(await edges("=~"), 21);

  // the hypotheses: select the predictor, choose the outcome, label, arrow
  for (const [x, h, y] of PATHS) {
    await page.getByRole("button", { name: `Select ${x}`, exact: true }).click();
    await page.getByLabel("To", { exact: true }).selectOption(y);
    await page.getByLabel("Hypothesis label (optional)").fill(h);
    await page.getByRole("button", { name: "One-headed arrow (regression)" }).click();
  }
  assert.equal(await edges("~"), 12);
  assert.equal(await canvas.locator('path.edge[data-label="H5b"]').count(), 1);

  // the drawing's ids do not repeat the results diagram's (arrow heads, title)
  const dup = await page.evaluate(() => {
    const seen = new Set();
    return [...document.querySelectorAll("[id]")].map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
  });
  assert.deepEqual(dup, []);

  const example = readFileSync(fixturePath("livecommerce_sem", "model.lav"), "utf8");
  const drawn = await editor.inputValue();
  assert.deepEqual(relations(drawn), relations(example), drawn);

  // the fit of the drawn model is lavaan's
  const ref = reference("livecommerce_sem");
  await until(
    async () => {
      const s = await page.locator("#results").evaluate((el) => el.dataset.state);
      const fit = s === "ready" ? await fitValues(page) : null;
      return fit && fit.df === String(ref.fit.df) ? fit : null;
    },
    { what: "the fit of the drawn model" },
  );
  const fit = await fitValues(page);
  assertShown(fit["χ²"], ref.fit.chisq, "χ²");
  assertShown(fit.CFI, ref.fit.cfi, "CFI");
  assertShown(fit.RMSEA, ref.fit.rmsea, "RMSEA");

  // a change typed in the text redraws the drawing
  await editor.click();
  await editor.press("Control+End");
  await afterRefit(page, () => editor.pressSequentially("RelationshipBuilding ~~ RelationshipDeepening\n", { delay: 0 }));
  await until(async () => (await edges("~~")) === 1, { what: "the typed covariance drawn" });

  // undo: the typed change, then the last drawing action
  const undo = page.getByRole("button", { name: "Undo the last change of the model (Ctrl+Z)" });
  const redo = page.getByRole("button", { name: "Redo the change undone last (Ctrl+Shift+Z)" });
  await undo.click();
  assert.equal(await editor.inputValue(), drawn);
  assert.equal(await edges("~~"), 0);
  await undo.click();
  assert.ok(!(await editor.inputValue()).includes("H5b"));
  assert.equal(await canvas.locator('path.edge[data-label="H5b"]').count(), 0);
  assert.equal(await edges("~"), 11);
  // and redo brings the arrow back
  await redo.click();
  assert.equal(await editor.inputValue(), drawn);
  assert.equal(await edges("~"), 12);

  // a drawing action that the model forbids says why, and changes nothing
  await page.getByRole("button", { name: "Select Trust", exact: true }).click();
  await page.getByLabel("To", { exact: true }).selectOption("ProductInteraction");
  await page.getByLabel("Hypothesis label (optional)").fill("H2b");
  await page.getByRole("button", { name: "One-headed arrow (regression)" }).click();
  assert.equal(await editor.inputValue(), drawn);
  assert.ok((await page.getByRole("alert").filter({ hasText: /\S/ }).count()) >= 1);

  app.assertClean();
});

test("fix and free a loading, rename and delete from the keyboard, in both languages", async () => {
  const { page } = app;
  const editor = page.getByLabel("Model", { exact: true });
  const canvas = page.getByRole("group", { name: "The model as drawn" });
  const line = async (lhs) => (await editor.inputValue()).split("\n").find((l) => l.startsWith(`${lhs} =~`));

  // the marker (first item) is freed with NA*, fixed again without it
  await page.getByRole("button", { name: "Free Trust =~ T1", exact: true }).click();
  assert.equal(await line("Trust"), "Trust =~ NA*T1 + T2 + T3");
  assert.equal(await canvas.locator('path.edge[data-rhs="T1"]').getAttribute("data-free"), "true");
  await page.getByRole("button", { name: "Fix Trust =~ T1 to 1", exact: true }).click();
  assert.equal(await line("Trust"), "Trust =~ T1 + T2 + T3");
  // another item is fixed with 1*
  await page.getByRole("button", { name: "Fix Trust =~ T2 to 1", exact: true }).click();
  assert.equal(await line("Trust"), "Trust =~ T1 + 1*T2 + T3");
  await page.getByRole("button", { name: "Free Trust =~ T2", exact: true }).click();
  assert.equal(await line("Trust"), "Trust =~ T1 + T2 + T3");

  // rename, with the keyboard only: every name in the text follows
  await page.getByRole("button", { name: "Select Trust", exact: true }).focus();
  await page.keyboard.press("Enter");
  await page.getByLabel("New name").fill("Trusting");
  await page.getByRole("button", { name: "Rename", exact: true }).focus();
  await page.keyboard.press("Enter");
  const text = await editor.inputValue();
  assert.ok(text.includes("Trusting =~ T1 + T2 + T3"), text);
  assert.ok(text.includes("ProductInteraction ~ H1a*Trusting + H2a*SubjectiveNorms"), text);
  assert.ok(!/\bTrust\b/.test(text), text);
  await canvas.locator('g.node[data-name="Trusting"]').waitFor();

  // delete an item's arrow, then a whole construct
  await page.getByRole("button", { name: "Delete Trusting =~ T3", exact: true }).click();
  assert.equal(await line("Trusting"), "Trusting =~ T1 + T2");
  await page.getByRole("button", { name: "Select MediaInteraction", exact: true }).click();
  await page.getByRole("button", { name: "Delete construct" }).click();
  assert.ok(!(await editor.inputValue()).includes("MediaInteraction"));
  assert.equal(await canvas.locator('g.node[data-name="MediaInteraction"]').count(), 0);
  // each was one step: two undos bring the construct and the item back
  const undo = page.getByRole("button", { name: "Undo the last change of the model (Ctrl+Z)" });
  await undo.click();
  await undo.click();
  assert.equal(await line("Trusting"), "Trusting =~ T1 + T2 + T3");
  assert.ok((await editor.inputValue()).includes("MediaInteraction =~ MI1 + MI2 + MI3"));

  // Ctrl+Z in the text editor steps through the same history
  await editor.focus();
  await editor.press("Control+z");
  assert.ok((await editor.inputValue()).includes("Trust =~ T1 + T2 + T3"));
  await editor.press("Control+Shift+z");
  assert.ok((await editor.inputValue()).includes("Trusting =~ T1 + T2 + T3"));

  // 简体中文: the same buttons, named in Chinese
  await page.getByRole("button", { name: "简体中文" }).click();
  await page.getByRole("button", { name: "绘制模型" }).waitFor();
  await page.getByRole("button", { name: "撤销对模型的上一次修改（Ctrl+Z）" }).waitFor();
  await page.getByRole("button", { name: "选中 Trusting", exact: true }).waitFor();
  await page.getByRole("button", { name: "删除 Trusting =~ T1", exact: true }).waitFor();
  await page.getByRole("group", { name: "所绘制的模型" }).locator('g.node[data-name="Trusting"]').waitFor();

  app.assertClean();
});
