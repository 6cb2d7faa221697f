// The path diagram of each example: one node per variable (latent ellipses,
// item rectangles), one edge per path with the standardized estimate and
// stars lavaan gives, R² in endogenous constructs, no two node boxes and no
// two labels overlapping; nodes drag and the layout resets; the options
// redraw it; SVG and PNG (2×) download without a request.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, loadExample, num, reference, until } from "./app.mjs";
import { readDiagram } from "./publish.mjs";

let app;
before(async () => {
  app = await openApp({ viewport: { width: 1280, height: 900 } });
});
after(async () => {
  await app?.close();
});

const stars = (p) => (p === null || p === undefined ? "" : p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "");

/** The label the diagram should show: std.all to 3 decimals and stars (either rounding at a tie). */
function expectedLabels(p) {
  const free = p.se !== null && p.se !== 0;
  const s = free ? stars(p.pvalue) : "";
  const out = new Set([num(p.std_all) + s]);
  for (const d of [1e-6, -1e-6]) out.add(num(p.std_all + d) + s);
  return out;
}

function overlap(a, b, eps = 0.5) {
  return (
    Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > eps &&
    Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > eps
  );
}

for (const ex of EXAMPLES) {
  test(`${ex.fixture}: one node per variable, one edge per path with lavaan's std.all and stars, nothing overlaps`, async () => {
    const { page } = app;
    await loadExample(page, ex);
    const ref = reference(ex.fixture);
    const d = await readDiagram(page);

    // nodes: every variable of the model once, latents as ellipses
    const params = ref.parameters.filter((p) => ["=~", "~", "~~"].includes(p.op));
    const latents = new Set(params.filter((p) => p.op === "=~").map((p) => p.lhs));
    const vars = new Set(params.flatMap((p) => [p.lhs, p.rhs]));
    assert.deepEqual(d.nodes.map((n) => n.name).sort(), [...vars].sort(), "one node per variable");
    for (const n of d.nodes) {
      assert.equal(n.shape, latents.has(n.name) ? "ellipse" : "rect", `${n.name} shape`);
    }

    // edges: loadings, regressions and covariances between two variables (residuals hidden)
    const drawn = params.filter(
      (p) => p.op !== "~~" || (p.lhs !== p.rhs && !(p.se === 0 && p.est === 0)),
    );
    assert.equal(d.edges.length, drawn.length, "one edge per drawn parameter");
    for (const p of drawn) {
      const matches = d.edges.filter((e) => e.lhs === p.lhs && e.op === p.op && e.rhs === p.rhs);
      assert.equal(matches.length, 1, `one edge for ${p.lhs} ${p.op} ${p.rhs}`);
      const e = matches[0];
      const free = p.se !== null && p.se !== 0;
      assert.equal(e.free, free, `${p.lhs} ${p.op} ${p.rhs} free`);
      const want = expectedLabels(p);
      assert.ok(want.has(e.label), `${p.lhs} ${p.op} ${p.rhs}: label ${e.label}, lavaan ${[...want][0]}`);
      const label = d.labels.find((l) => l.key === `${p.lhs} ${p.op} ${p.rhs}`);
      assert.equal(label?.text, e.label, "the label box shows the label");
    }
    assert.equal(d.edges.filter((e) => e.free).length, drawn.filter((p) => p.se !== 0).length);

    // R² inside endogenous constructs
    for (const n of d.nodes.filter((n) => n.kind === "latent")) {
      const r2 = ref.r2[n.name];
      const endogenous = params.some((p) => p.op === "~" && p.lhs === n.name);
      if (endogenous) {
        assert.equal(n.r2, `R² = ${num(r2).replace(/^0/, "")}`, `R² of ${n.name}`);
      } else {
        assert.equal(n.r2, null, `no R² in ${n.name}`);
      }
    }

    // no two node boxes overlap; no label overlaps a node or another label
    for (let i = 0; i < d.nodes.length; i++) {
      for (let j = i + 1; j < d.nodes.length; j++) {
        assert.ok(!overlap(d.nodes[i].box, d.nodes[j].box), `${d.nodes[i].name} overlaps ${d.nodes[j].name}`);
      }
    }
    for (let i = 0; i < d.labels.length; i++) {
      for (let j = i + 1; j < d.labels.length; j++) {
        assert.ok(!overlap(d.labels[i].box, d.labels[j].box), `labels ${d.labels[i].key} and ${d.labels[j].key} overlap`);
      }
      for (const n of d.nodes) {
        assert.ok(!overlap(d.labels[i].box, n.box), `label ${d.labels[i].key} overlaps node ${n.name}`);
      }
    }
    app.assertClean();
  });
}

test("a dragged node moves (the others stay) and the layout resets", async () => {
  const { page } = app;
  await loadExample(page, EXAMPLES[0]);
  const centre = (name) =>
    page.locator(`#diagram g.node[data-name="${name}"] ellipse`).evaluate((e) => [
      Number(e.getAttribute("cx")),
      Number(e.getAttribute("cy")),
    ]);
  const before = { visual: await centre("visual"), textual: await centre("textual") };
  await page.locator("#diagram .diagram-canvas").scrollIntoViewIfNeeded();
  const box = await page.locator('#diagram g.node[data-name="visual"] ellipse').boundingBox();
  const reset = page.getByRole("button", { name: "Reset layout" });
  assert.ok(await reset.isDisabled(), "nothing to reset yet");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let k = 1; k <= 5; k++) {
    await page.mouse.move(box.x + box.width / 2 + 12 * k, box.y + box.height / 2 + 10 * k);
  }
  await page.mouse.up();
  const moved = await centre("visual");
  assert.ok(Math.hypot(moved[0] - before.visual[0], moved[1] - before.visual[1]) > 30, `visual moved: ${moved} from ${before.visual}`);
  assert.deepEqual(await centre("textual"), before.textual, "the other nodes stay");
  // the edge to the moved node follows it, and the model still fits the data
  const d = await readDiagram(page);
  assert.equal(d.edges.filter((e) => e.lhs === "visual").length, 5);
  await reset.click();
  assert.deepEqual(await centre("visual"), before.visual, "reset brings back the automatic layout");
  app.assertClean();
});

test("the options redraw the diagram: structural part only, unstandardized, no labels, residuals", async () => {
  const { page } = app;
  await loadExample(page, EXAMPLES.find((e) => e.fixture === "poldem_mediation"));
  const ref = reference("poldem_mediation");
  await page.getByLabel("Measurement part (items and loadings)").uncheck();
  let d = await readDiagram(page);
  assert.deepEqual(d.nodes.map((n) => n.name).sort(), ["dem60", "dem65", "ind60"]);
  assert.ok(d.edges.every((e) => e.op === "~"), "only the structural paths");
  await page.getByLabel("Path labels").selectOption("Unstandardized estimates");
  d = await readDiagram(page);
  const p3 = ref.parameters.find((p) => p.label === "p3");
  assert.equal(d.edges.find((e) => e.lhs === "dem65" && e.rhs === "dem60").label, num(p3.est) + stars(p3.pvalue));
  await page.getByLabel("Path labels").selectOption("None");
  d = await readDiagram(page);
  assert.ok(d.edges.every((e) => e.label === "") && d.labels.length === 0);
  await page.getByLabel("Residual variances").check();
  d = await readDiagram(page);
  assert.deepEqual(
    d.edges.filter((e) => e.kind === "residual").map((e) => e.lhs).sort(),
    ["dem60", "dem65"],
  );
  await page.getByLabel("Residual variances").uncheck();
  await page.getByLabel("Path labels").selectOption("Standardized estimates");
  await page.getByLabel("Measurement part (items and loadings)").check();
  d = await readDiagram(page);
  assert.equal(d.nodes.length, 14);
  app.assertClean();
});

test("SVG and PNG (2×) download, made in the page", async () => {
  const { page, server } = app;
  await loadExample(page, EXAMPLES[2]);
  const d = await readDiagram(page);
  const served = server.requests.length;
  const [svgDl] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download SVG" }).click(),
  ]);
  assert.equal(svgDl.suggestedFilename(), "semlab-path-diagram.svg");
  const svg = readFileSync(await svgDl.path(), "utf8");
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((svg.match(/<g class="node /g) || []).length, d.nodes.length);
  assert.equal((svg.match(/<path class="edge /g) || []).length, d.edges.length);

  const [pngDl] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download PNG (2×)" }).click(),
  ]);
  assert.equal(pngDl.suggestedFilename(), "semlab-path-diagram.png");
  const png = readFileSync(await pngDl.path());
  assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
  assert.equal(png.readUInt32BE(16), Math.round(2 * d.width), "twice as wide");
  assert.equal(png.readUInt32BE(20), Math.round(2 * d.height), "twice as high");
  await until(async () => true);
  assert.equal(server.requests.length, served, "no request to the server");
  app.assertClean();
});
