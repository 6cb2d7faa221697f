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
import { download } from "./publish.mjs";
import {
  EXAMPLES,
  afterRefit,
  assertShown,
  fitValues,
  fixturePath,
  loadExample,
  reference,
  resultsState,
  until,
} from "./app.mjs";

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

/** In English, the live-commerce data with an empty model and the drawing open. */
async function emptyDrawing(page) {
  if ((await page.evaluate(() => document.documentElement.lang)) !== "en") {
    await page.getByRole("button", { name: "English" }).click();
  }
  await loadExample(page, EXAMPLES.find((e) => e.fixture === "livecommerce_sem"));
  const draw = page.getByRole("button", { name: "Draw the model" });
  if ((await draw.getAttribute("aria-pressed")) !== "true") await draw.click();
  const editor = page.getByLabel("Model", { exact: true });
  await editor.click();
  await editor.press("Control+A");
  await editor.press("Delete");
  return { draw, editor };
}

/**
 * Drags an item chip onto a node of the drawing with the HTML5 drag events
 * (dragstart on the chip, dragenter, dragover and drop on the node's shape),
 * carrying one DataTransfer as a browser does.
 */
async function dropOn(page, chip, node) {
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  const shape = node.locator("ellipse, rect").first();
  await chip.dispatchEvent("dragstart", { dataTransfer });
  for (const type of ["dragenter", "dragover", "drop"]) await shape.dispatchEvent(type, { dataTransfer });
  await chip.dispatchEvent("dragend", { dataTransfer });
}

/** Clicks a point on an SVG path (30% along it): a thin or curved arrow is clicked on its line. */
async function clickOnPath(page, path) {
  await path.scrollIntoViewIfNeeded();
  const { x, y } = await path.evaluate((el) => {
    const p = el.getPointAtLength(el.getTotalLength() * 0.3);
    const m = el.getScreenCTM();
    return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
  });
  await page.mouse.click(x, y);
}

test("items attach from the data's variable list by click or drop; arrows by clicking two nodes; an arrow selected and deleted; the marker choice", async () => {
  const { page } = app;
  const { draw, editor } = await emptyDrawing(page);
  const canvas = page.getByRole("group", { name: "The model as drawn" });
  const variables = page.locator("aside.variables");
  const model = () => editor.inputValue();

  // with no construct selected, a click on a variable inserts its name (and says so)
  await variables.getByRole("button", { name: "Insert T1", exact: true }).waitFor();

  // a named construct is selected: a click on an item attaches it
  await page.getByLabel("New latent variable").fill("Trust");
  await page.getByRole("button", { name: "Add latent variable" }).click();
  await variables.getByRole("button", { name: "Attach T1 to Trust", exact: true }).click();
  assert.equal(await model(), "Trust =~ T1\n");
  // from the keyboard too
  await variables.getByRole("button", { name: "Attach T2 to Trust", exact: true }).focus();
  await page.keyboard.press("Enter");
  assert.equal(await model(), "Trust =~ T1 + T2\n");
  // dropped onto the ellipse
  await dropOn(
    page,
    variables.getByRole("button", { name: "Attach T3 to Trust", exact: true }),
    canvas.locator('g.node[data-name="Trust"]'),
  );
  assert.equal(await model(), "Trust =~ T1 + T2 + T3\n");
  // a construct still pending (not in the text) enters it with the item dropped on it
  await page.getByLabel("New latent variable").fill("SubjectiveNorms");
  await page.getByRole("button", { name: "Add latent variable" }).click();
  await canvas.locator('g.node[data-name="SubjectiveNorms"]').waitFor();
  for (const item of ["SN1", "SN2", "SN3"]) {
    await dropOn(
      page,
      variables.getByRole("button", { name: new RegExp(`^(Attach|Insert) ${item}\\b`) }),
      canvas.locator('g.node[data-name="SubjectiveNorms"]'),
    );
  }
  assert.equal(await model(), "Trust =~ T1 + T2 + T3\nSubjectiveNorms =~ SN1 + SN2 + SN3\n");
  await page.getByLabel("New latent variable").fill("ProductInteraction");
  await page.getByRole("button", { name: "Add latent variable" }).click();
  for (const item of ["PI1", "PI2", "PI3"]) {
    await variables.getByRole("button", { name: `Attach ${item} to ProductInteraction`, exact: true }).click();
  }
  const measurement = await model();

  // with the drawing closed, a click inserts again
  await draw.click();
  await variables.getByRole("button", { name: "Insert PI1", exact: true }).waitFor();
  await draw.click();
  await variables.getByRole("button", { name: "Attach PI1 to ProductInteraction", exact: true }).waitFor();

  // the one-headed arrow tool: predictor, then outcome, then the optional label
  const oneHeaded = page.getByRole("button", { name: "Draw one-headed arrows" });
  await oneHeaded.click();
  assert.equal(await oneHeaded.getAttribute("aria-pressed"), "true");
  await canvas.locator('g.node[data-name="Trust"]').click();
  await page.getByText("From Trust: click the outcome.").waitFor();
  await canvas.locator('g.node[data-name="ProductInteraction"]').click();
  const label = page.getByLabel("Hypothesis label for ProductInteraction ~ Trust (optional)");
  await until(async () => label.evaluate((el) => el === document.activeElement), { what: "the label field focused" });
  await page.keyboard.type("H1a");
  await page.keyboard.press("Enter");
  assert.equal(await model(), `${measurement}\nProductInteraction ~ H1a*Trust\n`);
  await canvas.locator('path.edge[data-label="H1a"]').waitFor();
  // without a label
  await canvas.locator('g.node[data-name="SubjectiveNorms"]').click();
  await canvas.locator('g.node[data-name="ProductInteraction"]').click();
  await page.getByRole("button", { name: "Add the arrow" }).click();
  assert.equal(await model(), `${measurement}\nProductInteraction ~ H1a*Trust + SubjectiveNorms\n`);
  // the two-headed arrow tool takes over; a covariance needs no label
  const twoHeaded = page.getByRole("button", { name: "Draw two-headed arrows" });
  await twoHeaded.click();
  assert.equal(await oneHeaded.getAttribute("aria-pressed"), "false");
  await canvas.locator('g.node[data-name="Trust"]').click();
  await canvas.locator('g.node[data-name="SubjectiveNorms"]').click();
  const drawn = await model();
  assert.ok(drawn.endsWith("\nTrust ~~ SubjectiveNorms\n"), drawn);
  await twoHeaded.click();
  assert.equal(await twoHeaded.getAttribute("aria-pressed"), "false");

  // an arrow selected by a click (on its label), shown, and deleted with the Delete key
  await canvas.locator('g.edge-label[data-lhs="ProductInteraction"][data-rhs="Trust"]').click();
  const h1a = canvas.locator('path.edge[data-lhs="ProductInteraction"][data-rhs="Trust"]');
  assert.equal(await h1a.getAttribute("data-selected"), "true");
  await page.getByText("Selected arrow: ProductInteraction ~ Trust").waitFor();
  await page.keyboard.press("Delete");
  assert.ok(!(await model()).includes("H1a"), await model());
  assert.equal(await h1a.count(), 0);
  await page.getByRole("button", { name: "Undo the last change of the model (Ctrl+Z)" }).click();
  assert.equal(await model(), drawn);
  // a curved two-headed arrow clicked on its line, deleted with Backspace
  await clickOnPath(page, canvas.locator('path.edge-hit[data-op="~~"]'));
  assert.equal(await canvas.locator('path.edge[data-op="~~"]').getAttribute("data-selected"), "true");
  await page.keyboard.press("Backspace");
  assert.ok(!(await model()).includes("~~"), await model());
  // and with the button
  await clickOnPath(page, canvas.locator('path.edge-hit[data-lhs="Trust"][data-rhs="T3"]'));
  await page.getByRole("button", { name: "Delete the selected arrow Trust =~ T3", exact: true }).click();
  assert.ok((await model()).startsWith("Trust =~ T1 + T2\n"), await model());

  // the marker choice: the variance fixed to 1 and the first loading freed, and back
  await page.getByRole("button", { name: "Select SubjectiveNorms", exact: true }).click();
  const before = await model();
  await page.getByRole("button", { name: "Fix the variance of SubjectiveNorms to 1 and free its first loading" }).click();
  let text = await model();
  assert.ok(text.includes("SubjectiveNorms =~ NA*SN1 + SN2 + SN3\n"), text);
  assert.ok(text.includes("\n\nSubjectiveNorms ~~ 1*SubjectiveNorms\n"), text);
  assert.equal(await canvas.locator('path.edge[data-rhs="SN1"]').getAttribute("data-free"), "true");
  await page.getByRole("button", { name: "Free the variance of SubjectiveNorms and fix its first loading to 1" }).click();
  text = await model();
  assert.equal(text.trimEnd(), before.trimEnd());
  assert.equal(await canvas.locator('path.edge[data-rhs="SN1"]').getAttribute("data-free"), "false");

  // the tools in Chinese
  await page.getByRole("button", { name: "简体中文" }).click();
  await page.getByRole("button", { name: "绘制单向箭头" }).waitFor();
  await page.getByRole("button", { name: "绘制双向箭头" }).waitFor();
  await page.getByRole("button", { name: "将 SubjectiveNorms 的方差固定为 1，并释放其第一个载荷" }).waitFor();
  await page.locator("aside.variables").getByRole("button", { name: "将 SN1 附加到 SubjectiveNorms", exact: true }).waitFor();
  await page.getByRole("button", { name: "English" }).click();

  app.assertClean();
});

test("a node moved in the drawing moves in the results' diagram, and its place is kept in the project file and the link", async () => {
  const { page } = app;
  await loadExample(page, EXAMPLES.find((e) => e.fixture === "livecommerce_sem"));
  const drawing = page.getByRole("group", { name: "The model as drawn" });
  await drawing.locator('g.node[data-name="Trust"]').waitFor();
  const centre = (where) =>
    where.locator('g.node[data-name="Trust"] ellipse').evaluate((e) => [Number(e.getAttribute("cx")), Number(e.getAttribute("cy"))]);
  const results = page.locator("#diagram .diagram-canvas");
  await results.locator('g.node[data-name="Trust"]').waitFor();
  const before = await centre(drawing);
  const other = await drawing.locator('g.node[data-name="SubjectiveNorms"] ellipse').getAttribute("cx");

  // a click alone selects and moves nothing
  await drawing.locator('g.node[data-name="Trust"]').click();
  await page.getByText("Selected: Trust").waitFor();
  assert.deepEqual(await centre(drawing), before);

  // dragged with the pointer
  await drawing.scrollIntoViewIfNeeded();
  const box = await drawing.locator('g.node[data-name="Trust"] ellipse').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let k = 1; k <= 6; k++) {
    await page.mouse.move(box.x + box.width / 2 + 8 * k, box.y + box.height / 2 + 10 * k);
  }
  await page.mouse.up();
  const moved = await centre(drawing);
  assert.ok(Math.hypot(moved[0] - before[0], moved[1] - before[1]) > 30, `Trust moved: ${moved} from ${before}`);
  assert.equal(await drawing.locator('g.node[data-name="SubjectiveNorms"] ellipse').getAttribute("cx"), other, "the others stay");
  // one layout: the results' diagram shows it there too
  assert.deepEqual(await centre(results), moved);

  // kept in the project file
  const saved = await download(page, page.getByRole("button", { name: "Save project file" }));
  const project = JSON.parse(saved.text);
  // (the SVG writes centres to a tenth)
  const pos = project.diagram.layout.positions.Trust;
  assert.ok(Math.abs(pos.x - moved[0]) <= 0.05 && Math.abs(pos.y - moved[1]) <= 0.05, JSON.stringify(pos));

  // and in the link, which opens with Trust where it was moved to
  const link = await page.getByLabel("Link to this analysis").inputValue();
  const hash = new URL(link).hash;
  assert.match(hash, new RegExp(`[#&]pos=[^&]*Trust~${Math.round(pos.x)}~${Math.round(pos.y)}`), hash);
  const again = await openApp({ path: hash, viewport: { width: 1366, height: 900 } });
  try {
    await until(async () => (await resultsState(again.page)).state === "ready", { what: "the linked analysis" });
    const there = await again.page
      .locator('#diagram g.node[data-name="Trust"] ellipse')
      .evaluate((e) => [Number(e.getAttribute("cx")), Number(e.getAttribute("cy"))]);
    assert.deepEqual(there, [Math.round(pos.x), Math.round(pos.y)]);
    again.assertClean();
  } finally {
    await again.close();
  }
  app.assertClean();
});

test("undo and redo keep a construct named in the drawing before it has an item (pending)", async () => {
  const { page } = app;
  const { draw, editor } = await emptyDrawing(page);
  const canvas = page.getByRole("group", { name: "The model as drawn" });
  const node = canvas.locator('g.node[data-name="Trust"]');
  const undo = page.getByRole("button", { name: "Undo the last change of the model (Ctrl+Z)" });
  const redo = page.getByRole("button", { name: "Redo the change undone last (Ctrl+Shift+Z)" });

  // named: drawn, not in the text; one undo step
  await page.getByLabel("New latent variable").fill("Trust");
  await page.getByRole("button", { name: "Add latent variable" }).click();
  await node.waitFor();
  assert.equal(await editor.inputValue(), "");
  await undo.click();
  await until(async () => (await node.count()) === 0, { what: "the pending construct undone" });
  assert.equal(await editor.inputValue(), "");
  await redo.click();
  await node.waitFor();
  assert.equal(await editor.inputValue(), "");
  // its first item: the construct enters the text; undo makes it pending again, not lost
  await page.getByRole("button", { name: "Select Trust", exact: true }).click();
  await page.locator("aside.variables").getByRole("button", { name: "Attach T1 to Trust", exact: true }).click();
  assert.equal(await editor.inputValue(), "Trust =~ T1\n");
  await undo.click();
  assert.equal(await editor.inputValue(), "");
  await node.waitFor();
  await page.getByRole("button", { name: "Select Trust", exact: true }).click();
  await page.getByText("Selected: Trust").waitFor();
  await undo.click();
  await until(async () => (await node.count()) === 0, { what: "the construct gone" });
  // and redo brings both back, in order
  await redo.click();
  await node.waitFor();
  assert.equal(await editor.inputValue(), "");
  await redo.click();
  assert.equal(await editor.inputValue(), "Trust =~ T1\n");
  await node.waitFor();
  assert.ok(await redo.isDisabled());
  app.assertClean();
});

test("a second-order factor is drawn as AMOS draws it: one-headed arrows as loadings from a new construct to the first-order ones, and it fits; in Chinese too", async () => {
  const { page } = app;
  const { editor } = await emptyDrawing(page);
  const canvas = page.getByRole("group", { name: "The model as drawn" });
  for (const [name, items] of [["PI", ["PI1", "PI2", "PI3"]], ["HI", ["HI1", "HI2", "HI3"]], ["MI", ["MI1", "MI2", "MI3"]]]) {
    await page.getByLabel("New latent variable").fill(name);
    await page.getByRole("button", { name: "Add latent variable" }).click();
    for (const item of items) {
      await page.getByRole("button", { name: `Attach ${item} to ${name}`, exact: true }).click();
    }
  }
  // the higher-order construct has no item of the data: named, then its
  // arrows to the first-order constructs are its loadings (its first one
  // puts it into the text)
  await page.getByLabel("New latent variable").fill("Interaction");
  await page.getByRole("button", { name: "Add latent variable" }).click();
  await canvas.locator('g.node[data-name="Interaction"]').waitFor();
  const loading = page.getByRole("button", { name: "One-headed arrow as a loading (higher-order factor)" });
  for (const first of ["PI", "HI", "MI"]) {
    await page.getByLabel("To", { exact: true }).selectOption(first);
    await loading.click();
  }
  const text = await editor.inputValue();
  assert.match(text, /^Interaction =~ PI \+ HI \+ MI$/m, text);
  assert.equal(await canvas.locator('path.edge[data-op="=~"][data-lhs="Interaction"]').count(), 3);
  // fitted: the reliability table's note names the second-order factor
  const note = page.locator("#table-reliability").locator("xpath=ancestor::section[1]").locator(".table-note").first();
  await until(async () => (await resultsState(page)).state === "ready" && /Interaction: a second-order factor/.test(await note.textContent()),
    { what: "the second-order model fitted" });
  // the button's words in Chinese
  await page.getByRole("button", { name: "简体中文" }).click();
  await page.getByRole("button", { name: "单向箭头作为载荷（高阶因子）" }).waitFor();
  await page.getByRole("button", { name: "English" }).click();
  app.assertClean();
});

test("a typo that breaks the text's syntax: the drawing says so (where, in both languages) instead of 'nothing drawn yet', and comes back when it is fixed", async () => {
  const { page } = app;
  await emptyDrawing(page);
  const editor = page.getByLabel("Model", { exact: true });
  const canvas = page.getByRole("group", { name: "The model as drawn" });
  const model = "Trust =~ T1 + T2 + T3\nNorms =~ SN1 + SN2 + SN3\n";
  await editor.fill(model);
  await canvas.locator('g.node[data-name="Norms"]').waitFor();
  await editor.fill(model.replace("SN1 + SN2", "SN1 + + SN2"));
  const said = page.locator("#model-drawing .drawing-empty");
  await said.waitFor();
  assert.match(await said.textContent(), /^Not drawn while the model text has an error \(line 2, column \d+: .+\); the drawing comes back when the text below is fixed\.$/i);
  assert.equal(await canvas.locator("g.node").count(), 0);
  await page.getByRole("button", { name: "简体中文" }).click();
  await until(async () => /^模型文本有错误（第 2 行/.test(await said.textContent()) || null, { what: "the words in Chinese" });
  await page.getByRole("button", { name: "English" }).click();
  await editor.fill(model);
  await canvas.locator('g.node[data-name="Norms"]').waitFor();
  assert.equal(await said.count(), 0);
  app.assertClean();
});
