// The workbench: on a laptop screen (1366×900) the inputs and the results
// are two panes side by side, so after loading the live-commerce example
// the model editor and the fit table are both in view, and an edit refits
// in view; on a phone (390 px) one column with a sticky fit summary line
// (χ²/df, CFI, RMSEA, SRMR) under the editor, and fields large enough
// (16 px) that the browser does not zoom into them. With *Draw the model*
// open, the data's variable list sits beside the drawing (under it on a
// phone), both in view without scrolling.

import assert from "node:assert/strict";
import { test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, fitValues, loadExample, typeModel, until } from "./app.mjs";

const LIVE = EXAMPLES.find((e) => e.fixture.startsWith("livecommerce"));

/** The part of an element's box inside the viewport, in px (0: out of view). */
async function visibleHeight(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = Math.max(r.top, 0);
    const bottom = Math.min(r.bottom, window.innerHeight);
    const left = Math.max(r.left, 0);
    const right = Math.min(r.right, window.innerWidth);
    return right > left ? Math.max(0, bottom - top) : 0;
  });
}

/** How far the page itself scrolls sideways, in px. */
const sidewaysOverflow = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** How many of the elements are smaller than a 44 px tap target. */
const smallTargets = (locator) =>
  locator.evaluateAll((els) =>
    els.map((el) => el.getBoundingClientRect()).filter((r) => r.height < 44 || r.width < 44).length);

/** The window's scroll position: the workbench's panes scroll, not the page. */
const windowScroll = (page) => page.evaluate(() => window.scrollY);

test("1366×900: the model editor and the fit table are in view together, and an edit refits in view", async () => {
  const app = await openApp({ viewport: { width: 1366, height: 900 } });
  try {
    const { page } = app;
    await loadExample(page, LIVE);
    const editor = page.getByLabel("Model", { exact: true });
    const fitTable = page.locator("#table-fit");
    assert.ok((await visibleHeight(editor)) >= 200, "the model editor is in view");
    assert.ok((await visibleHeight(fitTable)) >= 400, "the fit table is in view");
    // side by side: the results pane is right of the editor
    const [ed, fit] = await Promise.all([editor.boundingBox(), fitTable.boundingBox()]);
    assert.ok(fit.x >= ed.x + ed.width, "the fit table sits to the right of the editor");

    // Typing a residual covariance refits; the window does not move, and
    // the new χ² is shown in the same place.
    const scrolled = await windowScroll(page);
    const before = (await fitValues(page))["χ²"];
    await afterRefit(page, async () => {
      await editor.click();
      await editor.press("Control+End");
      await editor.pressSequentially("\nT1 ~~ SN1", { delay: 0 });
    });
    const after = (await fitValues(page))["χ²"];
    assert.notEqual(after, before, "the χ² changed with the model");
    assert.equal(await windowScroll(page), scrolled, "the window stayed where it was");
    assert.ok((await visibleHeight(fitTable)) >= 400, "the fit table is still in view");
    assert.ok((await visibleHeight(editor)) >= 200, "the editor is still in view");

    // The fit summary line under the editor reads the same table.
    const line = await page.locator(".fit-summary-line").innerText();
    const fitNow = await fitValues(page);
    for (const key of ["χ²/df", "CFI", "RMSEA", "SRMR"]) {
      assert.ok(line.includes(`${key} = ${fitNow[key]}`), `${key} = ${fitNow[key]} in "${line}"`);
    }
    app.assertClean();
  } finally {
    await app.close();
  }
});

test("1366×900: a model line longer than the editor scrolls sideways, with a shade where text is hidden", async () => {
  const app = await openApp({ viewport: { width: 1366, height: 900 } });
  try {
    const { page } = app;
    await loadExample(page, LIVE);
    const editor = page.getByLabel("Model", { exact: true });
    const long = `RelationshipDeepening ~ H3b*ProductInteraction + H4b*InterpersonalInteraction + H5b*MediaInteraction + Trust + SubjectiveNorms # the end`;
    await afterRefit(page, async () => {
      await editor.click();
      await editor.press("Control+End");
      await editor.pressSequentially(`\n${long}`, { delay: 0 });
    });
    const area = page.locator(".editor-area");
    const state = () =>
      area.evaluate((a) => {
        const ta = a.querySelector("textarea");
        const pre = a.querySelector("pre");
        const shade = (p) => getComputedStyle(a, p).opacity;
        // the box of the long line's last character in the coloured copy
        const text = pre.lastChild && pre.textContent;
        const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        let last = null;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.data.includes("end")) last = n;
        const r = document.createRange();
        const at = last.data.lastIndexOf("end") + 2;
        r.setStart(last, at);
        r.setEnd(last, at + 1);
        const c = r.getBoundingClientRect();
        const box = ta.getBoundingClientRect();
        return {
          hasText: Boolean(text),
          wraps: getComputedStyle(ta).whiteSpace !== "pre",
          overflows: ta.scrollWidth > ta.clientWidth,
          scrollable: ["auto", "scroll"].includes(getComputedStyle(ta).overflowX),
          left: a.dataset.moreLeft,
          right: a.dataset.moreRight,
          shadeLeft: shade("::before"),
          shadeRight: shade("::after"),
          // (to a pixel: the textarea scrolls its text's end to its very edge)
          endInView: c.left >= box.left && c.right <= box.left + ta.clientWidth + 1,
          synced: pre.scrollLeft === ta.scrollLeft,
        };
      });
    let s = await state();
    assert.ok(s.hasText && !s.wraps, "one model line is one editor line");
    assert.ok(s.overflows && s.scrollable, "the long line scrolls sideways");
    // scrolled back to the start: the end is hidden, and the shade on the right says so
    await editor.evaluate((ta) => {
      ta.scrollLeft = 0;
      ta.dispatchEvent(new Event("scroll"));
    });
    s = await until(async () => {
      const x = await state();
      return x.right === "true" && x.shadeRight === "1" ? x : null;
    }, { what: "the shade on the right" });
    assert.equal(s.endInView, false);
    assert.equal(s.left, "false");
    assert.equal(s.shadeLeft, "0");
    // scrolled to the end: the line's end is in view in the coloured text, the shade moves left
    await editor.evaluate((ta) => {
      ta.scrollLeft = ta.scrollWidth;
      ta.dispatchEvent(new Event("scroll"));
    });
    s = await until(async () => {
      const x = await state();
      return x.left === "true" && x.shadeLeft === "1" ? x : null;
    }, { what: "the shade on the left" });
    assert.ok(s.endInView, `the end of the long line can be brought into view: ${JSON.stringify(s)}`);
    assert.ok(s.synced, "the coloured text scrolls with the typed text");
    assert.equal(s.right, "false");
    assert.equal(s.shadeRight, "0");
    // a model of short lines: no shade
    await afterRefit(page, () => typeModel(page, "Trust =~ T1 + T2 + T3"));
    await editor.evaluate((ta) => ta.dispatchEvent(new Event("scroll")));
    s = await until(async () => {
      const x = await area.evaluate((a) => a.dataset.moreRight);
      return x === "false" ? x : null;
    }, { what: "no shade for short lines" });
    app.assertClean();
  } finally {
    await app.close();
  }
});

test("1366×900: the open drawing fits the pane (Fit, 100 %, +, −, named)", async () => {
  const app = await openApp({ viewport: { width: 1366, height: 900 } });
  try {
    const { page } = app;
    await loadExample(page, LIVE);
    await page.getByRole("button", { name: "Draw the model" }).click();
    const drawing = page.locator("#model-drawing");
    const canvas = drawing.locator(".drawing-canvas");
    await canvas.locator("svg g.node").first().waitFor();
    const size = () =>
      canvas.evaluate((c) => {
        const svg = c.querySelector("svg");
        const r = svg.getBoundingClientRect();
        return {
          w: r.width,
          h: r.height,
          own: Number(svg.getAttribute("width")),
          canvasH: c.getBoundingClientRect().height,
          scrolls: c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1,
        };
      });
    const zoom = (name) => drawing.getByRole("button", { name, exact: true });
    for (const name of ["Fit the drawing to the pane", "Actual size (100 %)", "Zoom in", "Zoom out"]) {
      assert.equal(await zoom(name).count(), 1, name);
    }
    // Fit (the default): the whole drawing in a canvas at most 40 % of the window's height
    let s = await size();
    assert.equal(await zoom("Fit the drawing to the pane").getAttribute("aria-pressed"), "true");
    // the mode in force shows on its button, not only to a screen reader
    const look = (name) => zoom(name).evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.notEqual(await look("Fit the drawing to the pane"), await look("Actual size (100 %)"), "Fit looks pressed");
    // said once, on its button: not again as a word after the buttons
    assert.equal((await drawing.locator(".zoom-shown").textContent()).trim(), "", "the scale shown in Fit");
    assert.ok(!s.scrolls, "nothing to scroll in Fit");
    assert.ok(s.canvasH <= 0.4 * 900 + 4, `canvas ${s.canvasH} px tall`);
    assert.ok(s.w < s.own, `the drawing is scaled down: ${s.w} of ${s.own}`);
    // it uses the pane: while the drawing is open its pane takes the larger
    // share of the width, so this wide model (1185 × 606 px of its own) is
    // drawn at least 480 px wide beside the variable list (it was 334 × 172
    // px in a pane of 5/12 of the width); the fit table stays in view
    assert.ok(s.w >= 480 && s.h >= 0.45 * s.w, `the drawing uses the pane: ${s.w} × ${s.h} px`);
    const list = await drawing.locator("aside.variables").boundingBox();
    const svgBox = await canvas.locator("svg").boundingBox();
    assert.ok(list.x >= svgBox.x + svgBox.width, "the variables stay beside the drawing");
    assert.ok((await visibleHeight(page.locator("#table-fit"))) >= 300, "the fit table is in view");
    assert.equal(await sidewaysOverflow(page), 0, "no sideways scroll of the page");
    // 100 %: its own size, the canvas scrolls
    await zoom("Actual size (100 %)").click();
    s = await size();
    assert.ok(Math.abs(s.w - s.own) < 1, `100 %: ${s.w} vs ${s.own}`);
    assert.ok(s.scrolls, "the canvas scrolls at 100 %");
    await drawing.locator(".zoom-shown", { hasText: "100 %" }).waitFor();
    assert.notEqual(await look("Actual size (100 %)"), await look("Fit the drawing to the pane"), "100 % looks pressed, Fit no longer");
    // + and −: steps of the scale
    await zoom("Zoom in").click();
    s = await size();
    assert.ok(Math.abs(s.w - 1.25 * s.own) < 1, `125 %: ${s.w}`);
    await zoom("Zoom out").click();
    await zoom("Zoom out").click();
    s = await size();
    assert.ok(Math.abs(s.w - 0.8 * s.own) < 1, `80 %: ${s.w}`);
    await drawing.locator(".zoom-shown", { hasText: "80 %" }).waitFor();
    await zoom("Fit the drawing to the pane").click();
    s = await size();
    assert.ok(!s.scrolls && s.canvasH <= 0.4 * 900 + 4, "back to Fit");
    app.assertClean();
  } finally {
    await app.close();
  }
});

/**
 * Whether an element is in view, unhidden: its box inside the window and
 * the element itself (not a pane's edge, another box or the sticky summary
 * line) found at its centre and near its corners.
 */
async function inView(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const inside = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 &&
      r.right <= window.innerWidth && r.bottom <= window.innerHeight;
    const points = [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + 3, r.top + 3],
      [r.right - 3, r.bottom - 3],
    ];
    const shown = points.every(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (el === hit || el.contains(hit));
    });
    return inside && shown;
  });
}

/**
 * Opens *Draw the model* and checks, without scrolling, that the drawing
 * and the data's variable list (its heading and first items) are in view
 * together, the list inside the drawing; returns the two boxes.
 */
async function drawingWithVariables(page) {
  await page.getByRole("button", { name: "Draw the model" }).click();
  const drawing = page.locator("#model-drawing");
  const canvas = drawing.locator(".drawing-canvas");
  await canvas.locator("svg g.node").first().waitFor();
  // one list, moved into the drawing (the editor keeps none while it is open)
  assert.equal(await page.locator("aside.variables").count(), 1);
  const list = drawing.locator("aside.variables");
  assert.equal(await list.count(), 1, "the variable list is part of the open drawing");
  const chips = list.locator("button.variable");
  assert.equal(await chips.count(), 21, "the example's 21 items");
  await until(async () => (await inView(canvas)) || null, { what: "the drawing in view" });
  for (const [what, el] of [
    ["the drawing", canvas],
    ["the variables' heading", list.getByRole("heading", { name: "Variables in the data" })],
    ["the first item", chips.nth(0)],
    ["the second item", chips.nth(1)],
    ["the third item", chips.nth(2)],
  ]) {
    assert.ok(await inView(el), `${what} is in view, not hidden`);
  }
  return { canvas: await canvas.boundingBox(), list: await list.boundingBox() };
}

/**
 * The drawing's hints say where things are as they are in this layout:
 * the model text below the drawing, and the data's variables by their
 * heading (beside the drawing at 1366 px, under it on a phone), never
 * "beside the text" (in neither layout). A construct is selected first.
 */
async function assertMethodBiasHint(page, what) {
  const hint = (await page.locator("#method-bias > p.hint").textContent()).trim();
  const heading = (await page.locator("#measurement-heading").textContent()).trim();
  assert.ok(hint.includes(`“${heading}”`), `${what}: the method-bias hint names “${heading}”: ${hint}`);
  assert.doesNotMatch(hint, /\*|above the model|模型上方/, `${what}: ${hint}`);
  // "just above": that section ends right above this one, in the same column
  const [m, b] = await page.evaluate(() => {
    const bias = document.getElementById("method-bias");
    return [bias.previousElementSibling.getBoundingClientRect().toJSON(), bias.getBoundingClientRect().toJSON()];
  });
  assert.ok(m.bottom <= b.top + 1 && b.top - m.bottom < 80 && Math.abs(m.left - b.left) < 2, `${what}: the checks just above: ${JSON.stringify([m, b])}`);
  assert.equal(await page.locator("#method-bias").evaluate((b) => b.previousElementSibling.querySelector("h2")?.textContent.trim()), heading);
}

async function assertDrawingHints(page, what) {
  const drawing = page.locator("#model-drawing");
  await drawing.locator(".construct-list button").first().click();
  const hints = (await drawing.locator("p.hint").allTextContents()).join(" ");
  const heading = (await page.locator("#variables-heading").textContent()).trim();
  assert.ok(hints.includes(`“${heading}”`), `${what}: the hint names the variables' list: ${hints}`);
  assert.doesNotMatch(hints, /beside the text|文本旁/, `${what}: ${hints}`);
  assert.match(hints, /model text \(below\)|下方的模型文本/, `${what}: ${hints}`);
  const canvas = await drawing.locator(".drawing-canvas").boundingBox();
  const editor = await page.locator(".model-grid textarea").boundingBox();
  assert.ok(editor.y >= canvas.y + canvas.height, `${what}: the model text is below the drawing`);
}

test("1366×900: the open drawing has the data's variables beside it, both in view", async () => {
  const app = await openApp({ viewport: { width: 1366, height: 900 } });
  try {
    const { page } = app;
    await loadExample(page, LIVE);
    const scrolled = await windowScroll(page);
    const { canvas, list } = await drawingWithVariables(page);
    assert.ok(list.x >= canvas.x + canvas.width, "the variables are right of the drawing");
    assert.ok(list.y < canvas.y + canvas.height && canvas.y < list.y + list.height, "side by side");
    assert.equal(await windowScroll(page), scrolled, "the pane scrolled, not the window");
    await assertDrawingHints(page, "1366 px");
    await assertMethodBiasHint(page, "1366 px");
    // an item reached from the list attaches to a construct selected in the drawing
    const drawing = page.locator("#model-drawing");
    await drawing.locator('.drawing-canvas g.node[data-name="Trust"]').click();
    await afterRefit(page, () =>
      drawing.locator("aside.variables").getByRole("button", { name: "Attach SN1 to Trust", exact: true }).click());
    assert.match(await page.getByLabel("Model", { exact: true }).inputValue(), /^Trust =~ T1 \+ T2 \+ T3 \+ SN1$/m);
    // closed again: the list is back with the text editor (under it)
    await page.getByRole("button", { name: "Draw the model" }).click();
    assert.equal(await page.locator("aside.variables").count(), 1);
    assert.equal(await page.locator(".model-grid aside.variables").count(), 1);
    app.assertClean();
  } finally {
    await app.close();
  }
});

test("1366×900, the drawing open: the fit table fits the narrow results pane, every source in full", async () => {
  for (const [lang, draw] of [["en", "Draw the model"], ["zh", "绘制模型"]]) {
    const app = await openApp({ path: `#example=livecommerce&lang=${lang}`, viewport: { width: 1366, height: 900 } });
    try {
      const { page } = app;
      const fit = page.locator("#table-fit");
      await fit.locator("tbody tr").first().waitFor();
      await page.getByRole("button", { name: draw, exact: true }).click();
      await page.locator("#model-drawing .drawing-canvas svg g.node").first().waitFor();
      const box = await fit.evaluate((t) => {
        const pane = t.closest(".table-scroll");
        const sources = [...t.tBodies[0].rows].map((r) => r.cells[r.cells.length - 1]);
        return {
          table: t.scrollWidth,
          pane: pane.clientWidth,
          scrolls: pane.scrollWidth - pane.clientWidth,
          // a cell shows all of its text: none is cut off or hidden
          cut: sources.filter((c) => c.scrollWidth > c.clientWidth || getComputedStyle(c).textOverflow === "ellipsis").length,
          sources: sources.map((c) => c.textContent),
        };
      });
      // narrow: the drawing takes 7/12 of the width
      assert.ok(box.pane < 560, `${lang}: the results pane is narrow (${box.pane} px)`);
      assert.equal(box.scrolls, 0, `${lang}: the fit table (${box.table} px) scrolls sideways in a ${box.pane} px pane`);
      assert.equal(box.cut, 0, `${lang}: no source is cut off`);
      assert.ok(box.sources.some((s) => s.includes("Hu & Bentler (1999)")), `${lang}: the sources are there: ${box.sources}`);
      assert.ok(box.sources.some((s) => s.includes("Browne & Cudeck (1993)")), `${lang}: the sources are there: ${box.sources}`);
      app.assertClean();
    } finally {
      await app.close();
    }
  }
});

const CONSTRUCTS = ["Trust", "SubjectiveNorms", "ProductInteraction", "InterpersonalInteraction",
  "MediaInteraction", "RelationshipBuilding", "RelationshipDeepening"];

/** Each result table's width against its box, the cells cut off, its row names and its headers. */
const resultTables = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("#results .table-scroll > table")].map((t) => {
      const box = t.parentElement;
      return {
        id: t.id.replace(/^table-/, ""),
        table: t.scrollWidth,
        box: box.clientWidth,
        scrolls: box.scrollWidth - box.clientWidth,
        // a cell shows all of its text: none is cut off or hidden
        cut: [...t.querySelectorAll("th, td")].filter(
          (c) => c.scrollWidth > c.clientWidth + 1 || getComputedStyle(c).textOverflow === "ellipsis").length,
        names: [...t.tBodies[0].rows].map((r) => r.cells[0].textContent),
        cells: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent).join(" | ")),
        headers: [...t.tHead.rows[0].cells].map((c) => ({
          text: c.textContent.trim(), full: c.dataset.column, title: c.querySelector("abbr")?.title,
        })),
        note: [...box.parentElement.querySelectorAll(".table-note")].map((n) => n.textContent).join(" "),
        sticky: getComputedStyle(t.tBodies[0].rows[0]?.cells[0] ?? t).position,
        font: parseFloat(getComputedStyle(t).fontSize),
        // Chinese headers and row names one character a line (效/应)
        oneChar: [...t.querySelectorAll("th")].filter((c) => {
          if ((c.textContent.match(/[\u4e00-\u9fff]/g) ?? []).length < 2) return false;
          const cs = getComputedStyle(c);
          const inner = c.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
          return inner < 2 * parseFloat(cs.fontSize) - 0.5;
        }).map((c) => c.textContent),
      };
    }));

test("1366×900, the drawing open: the reliability, Fornell–Larcker, HTMT, hypotheses, R² and MI tables fit the narrow results pane, every name in full", async () => {
  for (const [lang, draw] of [["en", "Draw the model"], ["zh", "绘制模型"]]) {
    const app = await openApp({ path: `#example=livecommerce&lang=${lang}`, viewport: { width: 1366, height: 900 } });
    try {
      const { page } = app;
      await page.locator("#table-modindices tbody tr").first().waitFor();
      await page.getByRole("button", { name: draw, exact: true }).click();
      await page.locator("#model-drawing .drawing-canvas svg g.node").first().waitFor();
      const tables = Object.fromEntries((await resultTables(page)).map((t) => [t.id, t]));
      // the effects too: in English they were 43 px too wide with their z
      // column (z = B / SE, both shown) and scrolled in their box
      const fitting = ["fit", "reliability", "fornell_larcker", "htmt", "hypotheses", "r2", "modindices", "effects"];
      for (const id of fitting) {
        const t = tables[id];
        assert.ok(t, `${lang}: a ${id} table`);
        assert.ok(t.box < 560, `${lang}: the results pane is narrow (${t.box} px)`);
        assert.equal(t.scrolls, 0, `${lang}: the ${id} table (${t.table} px) scrolls sideways in a ${t.box} px pane`);
        assert.equal(t.cut, 0, `${lang}: no cell of the ${id} table is cut off`);
        assert.deepEqual(t.oneChar, [], `${lang}: ${id} headers one character a line`);
      }
      // every construct named in full, as it is in the model, in the rows
      for (const id of ["reliability", "fornell_larcker", "htmt"]) {
        const names = tables[id].names.join(" ");
        for (const c of CONSTRUCTS) assert.ok(names.includes(c), `${lang}: ${c} in the ${id} table: ${names}`);
      }
      // the matrices the APA way: numbered rows, numbered columns
      assert.deepEqual(tables.fornell_larcker.headers.map((h) => h.text), ["", "1", "2", "3", "4", "5", "6", "7"]);
      assert.match(tables.fornell_larcker.names[6], /^7\. RelationshipDeepening$/);
      assert.equal(tables.hypotheses.names.length, 12, `${lang}: the 12 hypotheses`);
      assert.ok(tables.hypotheses.cells.some((r) => r.includes("InterpersonalInteraction → RelationshipBuilding")),
        `${lang}: the paths in full: ${tables.hypotheses.cells}`);
      // a loading's flag is on one line, never broken inside "below .7" (低于 .7)
      const split = await page.locator("#table-reliability").evaluate((t) =>
        [...t.tBodies[0].rows].map((r) => r.cells[3]).filter((c) => c.textContent).filter((c) => {
          const range = document.createRange();
          range.selectNodeContents(c);
          return new Set([...range.getClientRects()].map((b) => Math.round(b.top))).size > 1;
        }).map((c) => c.textContent));
      assert.deepEqual(split, [], `${lang}: flags on two lines`);
      // short headers with the full name in the title, the data and a note
      const rel = tables.reliability.headers;
      const alpha = rel.find((h) => h.text === "α");
      assert.equal(alpha?.full, "Cronbach's α", `${lang}: α stands for Cronbach's α: ${JSON.stringify(rel)}`);
      assert.equal(alpha.title, "Cronbach's α");
      const lambda = rel.find((h) => h.text === "λ");
      assert.ok(lambda?.full && lambda.title === lambda.full, `${lang}: λ has its full name: ${JSON.stringify(rel)}`);
      assert.ok(tables.reliability.note.includes(`λ = ${lambda.full}`), `${lang}: the note says what λ is: ${tables.reliability.note}`);
      assert.ok(tables.reliability.note.includes("α = Cronbach's α"), `${lang}: ${tables.reliability.note}`);
      for (const id of ["hypotheses", "effects"]) {
        const heads = tables[id].headers;
        for (const short of ["β", "B"]) {
          const h = heads.find((x) => x.text === short);
          assert.ok(h?.full && h.title === h.full, `${lang}: ${short} in the ${id} headers: ${JSON.stringify(heads)}`);
          assert.ok(tables[id].note.includes(`${short} = ${h.full}`), `${lang}: ${tables[id].note}`);
        }
      }
      // every effect's path in full, its verdict in its column
      assert.ok(tables.effects.cells.some((r) => r.includes("Trust → InterpersonalInteraction → RelationshipBuilding")),
        `${lang}: the effects' paths in full: ${tables.effects.cells}`);
      // the parameter estimates (12 columns) scroll in their own box, the
      // parameter's name in view; the page and the pane never scroll sideways
      assert.ok(tables.parameters.scrolls > 0, `${lang}: the parameters fit (${tables.parameters.table} px)?`);
      assert.equal(tables.parameters.sticky, "sticky", `${lang}: the first column stays in view`);
      const pane = await page.locator(".results-pane").evaluate((p) => p.scrollWidth - p.clientWidth);
      assert.equal(pane, 0, `${lang}: the results pane scrolls sideways by ${pane} px`);
      const overflow = await sidewaysOverflow(page);
      assert.ok(overflow <= 1, `${lang}: the page scrolls sideways by ${overflow} px`);
      app.assertClean();
    } finally {
      await app.close();
    }
  }
});

test("390×844: the page never scrolls sideways; a table wider than the phone scrolls in its box with its first column in view, type of 13 px or more", async () => {
  for (const lang of ["en", "zh"]) {
    const app = await openApp({ path: `#example=livecommerce&lang=${lang}`, viewport: { width: 390, height: 844 } });
    try {
      const { page } = app;
      await page.locator("#table-modindices tbody tr").first().waitFor();
      const tables = await resultTables(page);
      assert.ok(tables.length >= 9, `${lang}: ${tables.map((t) => t.id)}`);
      for (const t of tables) {
        assert.ok(t.box <= 390, `${lang}: the ${t.id} table's box (${t.box} px) is within the phone`);
        assert.equal(t.cut, 0, `${lang}: no cell of the ${t.id} table is cut off`);
        assert.ok(t.font >= 13, `${lang}: the ${t.id} table's type is ${t.font} px`);
        assert.deepEqual(t.oneChar, [], `${lang}: the ${t.id} table's headers one character a line`);
        if (t.scrolls > 0) assert.equal(t.sticky, "sticky", `${lang}: the ${t.id} table scrolls with its first column in view`);
      }
      const byId = Object.fromEntries(tables.map((t) => [t.id, t]));
      for (const id of ["fit", "r2"]) assert.equal(byId[id].scrolls, 0, `${lang}: the ${id} table fits the phone`);
      // the reliability table was 837 px wide: no more than a small scroll now
      assert.ok(byId.reliability.table < 520, `${lang}: the reliability table is ${byId.reliability.table} px`);
      const overflow = await sidewaysOverflow(page);
      assert.ok(overflow <= 1, `${lang}: the page scrolls sideways by ${overflow} px`);
      app.assertClean();
    } finally {
      await app.close();
    }
  }
});

test("390×844: the drawing with the variables under it, in view together, 44 px items, no sideways scroll", async () => {
  const app = await openApp({ viewport: { width: 390, height: 844 } });
  try {
    const { page } = app;
    await loadExample(page, LIVE);
    const { canvas, list } = await drawingWithVariables(page);
    assert.ok(list.y >= canvas.y + canvas.height, "the variables under the drawing");
    const small = await smallTargets(page.locator("#model-drawing button.variable"));
    assert.equal(small, 0, "item buttons under 44 px");
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
    app.assertClean();
  } finally {
    await app.close();
  }
});

test("390 px: one column; the fit summary sticks to the bottom while the model is edited", async () => {
  const app = await openApp({ viewport: { width: 390, height: 844 } });
  try {
    const { page } = app;
    await loadExample(page, LIVE);
    const editor = page.getByLabel("Model", { exact: true });
    // one column: the results come after the inputs
    const [ed, results] = await Promise.all([
      editor.boundingBox(),
      page.locator("#results").boundingBox(),
    ]);
    assert.ok(results.y > ed.y + ed.height, "results below the editor");
    // no sideways scrolling of the page itself
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow} px`);

    // 16 px fields: phone browsers do not zoom on focus
    const fontPx = await editor.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(fontPx >= 16, `editor font ${fontPx} px`);
    // every other field too (the pasted data and the embed code were 13 px)
    const smallFields = await page.evaluate(() =>
      [...document.querySelectorAll("textarea, input, select")]
        .filter((el) => !["checkbox", "radio", "file", "range", "color"].includes(el.type))
        .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 16)
        .map((el) => el.id || el.className),
    );
    assert.deepEqual(smallFields, [], "fields under 16 px on a phone");

    // tap targets: the variable chips and the modification indices' Add
    for (const sel of ["button.variable", "td.action button"]) {
      const small = await smallTargets(page.locator(sel));
      assert.equal(small, 0, `${sel} smaller than 44 px`);
    }

    // Wherever the editor is in the window while editing, the summary line
    // is in view (it sticks to the window's bottom when its place is below).
    const line = page.locator(".fit-summary-line");
    assert.equal(await line.evaluate((el) => getComputedStyle(el).position), "sticky");
    const height = page.viewportSize().height;
    for (const block of ["start", "center", "end"]) {
      await editor.evaluate((el, b) => el.scrollIntoView({ block: b }), block);
      const box = await line.boundingBox();
      assert.ok(box.y >= 0 && box.y + box.height <= height + 1,
        `editor at ${block}: the summary line is in view (${box.y}+${box.height} of ${height})`);
    }
    await editor.click({ position: { x: 60, y: 20 } });
    assert.match(await line.innerText(), /CFI = 0\.\d{3}/);
    app.assertClean();
  } finally {
    await app.close();
  }
});

test("390×844, both languages: a label and its field stay on one line (Rotation, Replications, Fit table)", async () => {
  for (const lang of ["en", "zh"]) {
    const app = await openApp({ path: `#example=livecommerce&lang=${lang}`, viewport: { width: 390, height: 844 } });
    try {
      const { page } = app;
      await page.locator("#table-fit tbody tr").first().waitFor();
      await page.locator("#mc-reps").waitFor();
      const apart = await page.evaluate(() =>
        ["efa-factors", "efa-rotation", "efa-marker", "power-n", "power-target", "mc-n", "mc-reps", "mc-seed", "fit-style", "mi-min"]
          .map((id) => {
            const field = document.getElementById(id);
            const label = document.querySelector(`label[for="${id}"]`);
            if (!field || !label) return `${id}: missing`;
            const f = field.getBoundingClientRect();
            const l = label.getBoundingClientRect();
            // on one line: their boxes share a horizontal band
            return Math.min(f.bottom, l.bottom) - Math.max(f.top, l.top) > 4 ? null : `${label.textContent} | ${id}`;
          })
          .filter(Boolean),
      );
      assert.deepEqual(apart, [], `${lang}: labels on another line than their fields`);
      assert.ok((await sidewaysOverflow(page)) <= 1, `${lang}: no sideways scroll`);
      app.assertClean();
    } finally {
      await app.close();
    }
  }
});

/**
 * Every control drawn on the page that is smaller than a 44 px tap target
 * (WCAG 2.5.5): buttons, fields, choices, disclosures, the contents' links.
 * A control's target is its box and its labels' together (a checkbox is
 * tapped by its label too; a file input is its label, drawn as a button). Left out, as WCAG leaves them out: a link inside a line of text,
 * and the drawings' arrows and nodes (an SVG shape as drawn; each has a
 * button of its own: the modification index's Add, the construct's chip).
 */
const smallControls = (page) =>
  page.evaluate(() => {
    const controls = document.querySelectorAll(
      "button, select, textarea, input:not([type=hidden]), summary, a[href], [role=button], [role=tab], [role=checkbox]");
    const out = [];
    for (const el of controls) {
      if (el.closest("svg") || el.getClientRects().length === 0) continue;
      if (getComputedStyle(el).visibility === "hidden") continue;
      if (el.tagName === "A") {
        const block = el.parentElement.closest("p, li, td, div, span") ?? el.parentElement;
        if (block.textContent.trim().length > el.textContent.trim().length + 2) continue; // inline in text
      }
      // the control and its labels together (a visually hidden input: its label)
      const boxes = [el, ...(el.labels ?? [])].map((x) => x.getBoundingClientRect()).filter((b) => b.width > 1 && b.height > 1);
      const left = Math.min(...boxes.map((b) => b.left));
      const top = Math.min(...boxes.map((b) => b.top));
      const box = { width: Math.max(...boxes.map((b) => b.right)) - left, height: Math.max(...boxes.map((b) => b.bottom)) - top };
      if (box.height < 43.5 || box.width < 43.5) {
        const name = el.getAttribute("aria-label") || el.labels?.[0]?.textContent || el.textContent || el.id;
        const where = el.closest("section[id], details, aside, [id]")?.id ?? "";
        out.push(`${el.tagName.toLowerCase()}${el.type ? `[${el.type}]` : ""} "${name.trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)} (${where})`);
      }
    }
    return out;
  });

test("390×844, both languages: every control of the page is a 44 px tap target (buttons, fields, checkboxes, disclosures, the drawing's tools)", async () => {
  for (const [lang, draw] of [["en", "Draw the model"], ["zh", "绘制模型"]]) {
    const app = await openApp({ path: `#example=livecommerce&lang=${lang}`, viewport: { width: 390, height: 844 } });
    try {
      const { page } = app;
      await page.locator("#table-modindices tbody tr").first().waitFor();
      await page.locator("#mc-reps").waitFor();
      // every panel open: the disclosures, the drawing with a construct selected
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
      await page.getByRole("button", { name: draw, exact: true }).click();
      await page.locator("#model-drawing .drawing-canvas svg g.node").first().waitFor();
      await assertDrawingHints(page, `${lang}, 390 px`);
      await assertMethodBiasHint(page, `${lang}, 390 px`);
      // what is pressed looks pressed: the construct selected, the arrow tool in use
      const look = (loc) => loc.evaluate((b) => getComputedStyle(b).backgroundColor);
      const chips = page.locator("#model-drawing .construct-list button");
      assert.equal(await chips.first().getAttribute("aria-pressed"), "true");
      assert.notEqual(await look(chips.first()), await look(chips.nth(1)), `${lang}: the selected construct looks selected`);
      const tool = page.locator("#model-drawing .drawing-tools button").first();
      await tool.click();
      assert.equal(await tool.getAttribute("aria-pressed"), "true");
      assert.notEqual(await look(tool), await look(page.locator("#model-drawing .drawing-tools button").nth(1)), `${lang}: the arrow tool in use looks pressed`);
      await tool.click();
      const small = await smallControls(page);
      assert.deepEqual(small, [], `${lang}: controls under 44 px`);
      assert.ok((await sidewaysOverflow(page)) <= 1, `${lang}: no sideways scroll`);
      app.assertClean();
    } finally {
      await app.close();
    }
  }
});
