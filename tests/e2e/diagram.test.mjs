// The path diagram of each example: one node per variable (latent ellipses,
// item rectangles), one edge per path with the standardized estimate and
// stars lavaan gives, R² in endogenous constructs, no two node boxes and no
// two labels overlapping; nodes drag and the layout resets; the options
// redraw it; SVG and PNG (2×) download without a request.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, loadExample, num, readTable, records, reference, until } from "./app.mjs";
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

test("a dragged label moves, a link keeps it where it was put, and the layout resets", async () => {
  const { page } = app;
  await loadExample(page, EXAMPLES.find((e) => e.fixture === "poldem_mediation"));
  const KEY = "dem65 ~ dem60";
  const labels = async () => Object.fromEntries((await readDiagram(page)).labels.map((l) => [l.key, l.box]));
  const before = await labels();
  await page.locator("#diagram .diagram-canvas").scrollIntoViewIfNeeded();
  const g = page.locator('#diagram g.edge-label[data-lhs="dem65"][data-op="~"][data-rhs="dem60"] rect');
  const box = await g.boundingBox();
  const reset = page.getByRole("button", { name: "Reset layout" });
  assert.ok(await reset.isDisabled(), "nothing to reset yet");
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let k = 1; k <= 6; k++) await page.mouse.move(x + 8 * k, y - 7 * k);
  await page.mouse.up();
  const after = await labels();
  const moved = after[KEY];
  // the drawing's units per screen pixel
  const scale = await page.locator("#diagram .diagram-canvas svg").evaluate((s) => s.viewBox.baseVal.width / s.getBoundingClientRect().width);
  assert.ok(Math.abs(moved.x - before[KEY].x - 48 * scale) < 2, `moved right: ${moved.x} from ${before[KEY].x} (scale ${scale})`);
  assert.ok(Math.abs(moved.y - before[KEY].y + 42 * scale) < 2, `moved up: ${moved.y} from ${before[KEY].y}`);
  // the loadings' labels (placed before the paths') stay
  for (const [k, b] of Object.entries(before).filter(([k]) => k.includes("=~"))) {
    assert.deepEqual(after[k], b, `${k} stays`);
  }
  assert.ok(!(await reset.isDisabled()), "a moved label can be reset");
  // the link keeps the moved label (whole units), and opens with it there
  const link = await page.getByLabel("Link to this analysis").inputValue();
  const m = link.match(/lpos=dem65~r~dem60~(-?\d+)~(-?\d+)/);
  assert.ok(m, link);
  assert.ok(Math.abs(Number(m[1]) - 48 * scale) < 2 && Math.abs(Number(m[2]) + 42 * scale) < 2, link);
  const again = await openApp({ viewport: { width: 1280, height: 900 }, path: new URL(link).hash });
  try {
    await until(async () => (await again.page.locator("#diagram .diagram-canvas svg").count()) > 0, { what: "the linked diagram" });
    const there = Object.fromEntries((await readDiagram(again.page)).labels.map((l) => [l.key, l.box]));
    assert.ok(Math.abs(there[KEY].x - moved.x) <= 1 && Math.abs(there[KEY].y - moved.y) <= 1, `${JSON.stringify(there[KEY])} vs ${JSON.stringify(moved)}`);
    again.assertClean();
  } finally {
    await again.close();
  }
  await reset.click();
  assert.deepEqual((await labels())[KEY], before[KEY], "reset brings the label back");
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
  // the figure for the paper has no suggestion arrows (the page has)
  assert.ok((await page.locator("#diagram g.suggestion").count()) > 0);
  assert.ok(!svg.includes("suggestion"), "no suggestion in the download");
  const size = (k) => Number(svg.match(new RegExp(`^<svg [^>]* ${k}="([0-9.]+)"`))[1]);

  const [pngDl] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download PNG (2×)" }).click(),
  ]);
  assert.equal(pngDl.suggestedFilename(), "semlab-path-diagram.png");
  const png = readFileSync(await pngDl.path());
  assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
  assert.equal(png.readUInt32BE(16), Math.round(2 * size("width")), "twice as wide");
  assert.equal(png.readUInt32BE(20), Math.round(2 * size("height")), "twice as high");
  await until(async () => true);
  assert.equal(server.requests.length, served, "no request to the server");
  app.assertClean();
});

test("the largest modification indices are dashed suggestion arrows: keyboard-reachable, named, added like the table's Add, off by a toggle", async () => {
  const { page } = app;
  await loadExample(page, EXAMPLES.find((e) => e.fixture === "livecommerce_sem"));
  const editor = page.getByLabel("Model", { exact: true });
  const suggestions = page.locator("#diagram g.suggestion");
  const legend = page.locator("#diagram .diagram-canvas svg text.note");
  // what the table lists at its threshold, drawable (two different variables), largest first
  const expected = async () => {
    const nodes = new Set((await readDiagram(page)).nodes.map((n) => n.name));
    return records(await readTable(page, "Modification indices"))
      .filter((r) => ["=~", "~", "~~"].includes(r.op) && r.lhs !== r.rhs && nodes.has(r.lhs) && nodes.has(r.rhs))
      .slice(0, 5)
      .map((r) => `Add ${r.lhs} ${r.op} ${r.rhs} (MI ${Number(r.MI).toFixed(1)})`);
  };
  const names = () => suggestions.evaluateAll((gs) => gs.map((g) => g.getAttribute("aria-label")));
  const want = await expected();
  assert.equal(want.length, 5, "the example has more than five");
  assert.deepEqual(await names(), want);
  assert.equal(want[0], "Add SubjectiveNorms =~ HI1 (MI 13.1)");
  assert.match(await legend.textContent(), /Dashed: the 5 largest modification indices \(MI ≥ 3\.84\)/);
  for (const g of await suggestions.all()) {
    assert.equal(await g.getAttribute("tabindex"), "0");
    assert.equal(await g.getAttribute("role"), "button");
    assert.equal(await g.locator("path").first().getAttribute("stroke-dasharray"), "5 4");
    assert.match(await g.locator("text").textContent(), /^MI \d+\.\d$/);
  }
  // the table's threshold is the diagram's (no refit)
  await page.getByLabel("Show indices of at least").selectOption({ label: "10.83 (p < .001)" });
  const strict = await expected();
  assert.ok(strict.length >= 1 && strict.length < 5, strict.join("; "));
  await until(async () => JSON.stringify(await names()) === JSON.stringify(strict), { what: "fewer suggestions" });
  await page.getByLabel("Show indices of at least").selectOption({ label: "3.84 (p < .05)" });
  await until(async () => (await suggestions.count()) === 5, { what: "five again" });

  // reached with the keyboard and chosen with Enter: the line enters the model as the table's Add puts it
  const before = await editor.inputValue();
  const top = page.getByRole("button", { name: "Add SubjectiveNorms =~ HI1 (MI 13.1)" });
  await top.focus();
  assert.ok(await top.evaluate((el) => el === document.activeElement), "focusable");
  await afterRefit(page, () => page.keyboard.press("Enter"));
  assert.equal(await editor.inputValue(), `${before.trimEnd()}\nSubjectiveNorms =~ HI1\n`);
  await until(async () => !(await names()).includes(want[0]), { what: "the added one no longer suggested" });
  assert.equal(await page.locator('#diagram path.edge[data-lhs="SubjectiveNorms"][data-rhs="HI1"]').count(), 1);
  // one undo step, as typing
  await afterRefit(page, () => page.getByRole("button", { name: "Undo the last change of the model (Ctrl+Z)" }).click());
  assert.equal(await editor.inputValue(), before);

  // off by the toggle; the legend says so
  const toggle = page.getByLabel(/^Suggestions: the largest modification indices/);
  await toggle.uncheck();
  await until(async () => (await suggestions.count()) === 0, { what: "no suggestions" });
  assert.match(await legend.textContent(), /5 modification indices of MI ≥ 3\.84 are not drawn \(suggestions off\)/);
  // in Chinese, named in Chinese
  await page.getByRole("button", { name: "简体中文" }).click();
  await page.getByLabel(/^建议：以虚线画出最大的修正指数/).check();
  await page.getByRole("button", { name: "添加 SubjectiveNorms =~ HI1（MI 13.1）" }).waitFor();
  await page.getByRole("button", { name: "English" }).click();
  app.assertClean();
});

test("for the paper: black and white by default, colour, no leading zero, font and size as options, and a PDF-ready SVG", async () => {
  const { page } = app;
  await loadExample(page, EXAMPLES.find((e) => e.fixture === "livecommerce_sem"));
  const svg = page.locator("#diagram .diagram-canvas svg");
  const fills = () =>
    svg.evaluate((s) => [...new Set([...s.querySelectorAll("g.node ellipse, g.node rect")].map((e) => e.getAttribute("fill")))]);
  assert.deepEqual(await fills(), ["#ffffff"], "black and white");
  const plain = await readDiagram(page);
  const loading = plain.edges.find((e) => e.lhs === "Trust" && e.rhs === "T2").label;
  assert.match(loading, /^0\.\d{3}/);

  await page.getByLabel("Colour (off: black and white, for print)").check();
  await until(async () => (await fills()).length === 2 && !(await fills()).includes("#ffffff"), { what: "colour fills" });
  await page.getByLabel("Colour (off: black and white, for print)").uncheck();

  await page.getByLabel("No leading zero (.78, as APA and AMOS print)").check();
  await until(
    async () => (await readDiagram(page)).edges.find((e) => e.lhs === "Trust" && e.rhs === "T2").label === loading.slice(1),
    { what: "the loading without its zero" },
  );
  const apa = await readDiagram(page);
  assert.ok(apa.labels.every((l) => !/^-?0\./.test(l.text)), "no label keeps a leading zero");

  await page.getByLabel("Font", { exact: true }).selectOption({ label: "Serif (Times)" });
  await page.getByLabel("Font size").selectOption({ label: "17 px" });
  await until(async () => (await svg.getAttribute("font-family"))?.endsWith("serif") && (await svg.locator('text.name[font-size="17"]').count()) > 0, {
    what: "serif at 17 px",
  });
  assert.ok((await svg.getAttribute("font-family")).startsWith("'Times New Roman'"));
  // bigger text, bigger boxes, still nothing overlapping
  const big = await readDiagram(page);
  const w = (d) => d.nodes.find((n) => n.name === "RelationshipDeepening").box.w;
  assert.ok(w(big) > w(plain) * 1.2, `${w(big)} vs ${w(plain)}`);
  for (let i = 0; i < big.labels.length; i++) {
    for (let j = i + 1; j < big.labels.length; j++) assert.ok(!overlap(big.labels[i].box, big.labels[j].box));
    for (const n of big.nodes) assert.ok(!overlap(big.labels[i].box, n.box), `${big.labels[i].key} on ${n.name}`);
  }

  // the PDF-ready SVG: generic family on every text, arrowheads as polygons, no markers, no suggestions
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PDF-ready SVG" }).click()]);
  assert.equal(dl.suggestedFilename(), "semlab-path-diagram-pdf.svg");
  const pdf = readFileSync(await dl.path(), "utf8");
  const texts = (pdf.match(/<text /g) || []).length;
  assert.ok(texts > 40);
  assert.equal((pdf.match(/<text [^>]* font-family="serif" font-size="/g) || []).length, texts);
  for (const bad of ["<marker", "marker-end", "<foreignObject", "<style", "suggestion"]) assert.ok(!pdf.includes(bad), bad);
  assert.ok((pdf.match(/<polygon /g) || []).length >= plain.edges.length);
  assert.ok(pdf.includes(`>${loading.slice(1)}</text>`), "the options apply to the download");

  await page.getByLabel("Font", { exact: true }).selectOption({ label: "Sans-serif" });
  await page.getByLabel("Font size").selectOption({ label: "13 px" });
  await page.getByLabel("No leading zero (.78, as APA and AMOS print)").uncheck();
  // in Chinese
  await page.getByRole("button", { name: "简体中文" }).click();
  await page.getByLabel("省略前导零（.78，同 APA 与 AMOS）").waitFor();
  await page.getByRole("button", { name: "下载可转 PDF 的 SVG" }).waitFor();
  await page.getByRole("button", { name: "English" }).click();
  app.assertClean();
});

test("a CFA of seven constructs: its 21 factor covariances are hidden by default and the legend says so; shown on request", async () => {
  const { page } = app;
  await loadExample(page, EXAMPLES.find((e) => e.fixture === "livecommerce_sem"));
  const editor = page.getByLabel("Model", { exact: true });
  // the example's own covariances stay drawn (the two exogenous constructs'
  // and the two outcomes' residuals: under the size)
  assert.equal((await readDiagram(page)).edges.filter((e) => e.op === "~~").length, 2);
  const cfa = (await editor.inputValue())
    .split("\n")
    .filter((l) => l.includes("=~"))
    .join("\n");
  await afterRefit(page, async () => {
    await editor.fill(`${cfa}\n`);
  });
  const legend = page.locator("#diagram .diagram-canvas svg text.note");
  await until(async () => /The 21 covariances between constructs are not drawn/.test(await legend.textContent()), {
    what: "the legend on the hidden covariances",
  });
  let d = await readDiagram(page);
  assert.equal(d.edges.filter((e) => e.op === "~~").length, 0);
  assert.equal(d.edges.length, 21, "the loadings");
  await page.getByLabel("Covariances between constructs").selectOption("all");
  await until(async () => (await readDiagram(page)).edges.filter((e) => e.op === "~~").length === 21, { what: "all 21 drawn" });
  assert.doesNotMatch(await legend.textContent(), /not drawn; the parameter table/);
  await page.getByLabel("Covariances between constructs").selectOption("auto");
  await page.getByRole("button", { name: "简体中文" }).click();
  await until(async () => /构念之间的 21 个协方差未画出/.test(await legend.textContent()), { what: "the legend in Chinese" });
  await page.getByRole("button", { name: "English" }).click();
  app.assertClean();
});
