// Helpers for the tests of the publication side (diagram, APA tables,
// downloads, links): read the path diagram as drawn, read an APA table,
// download a file through a button.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** The diagram as drawn: nodes with their boxes, edges, label boxes. */
export async function readDiagram(page) {
  const svg = page.locator("#diagram .diagram-canvas svg");
  await svg.waitFor();
  return svg.evaluate((s) => {
    const box = (el) => {
      const b = el.getBBox();
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    };
    return {
      width: Number(s.getAttribute("width")),
      height: Number(s.getAttribute("height")),
      title: s.querySelector("title")?.textContent ?? "",
      nodes: [...s.querySelectorAll("g.node")].map((g) => ({
        name: g.dataset.name,
        kind: g.classList.contains("latent") ? "latent" : "observed",
        shape: g.querySelector("ellipse") ? "ellipse" : "rect",
        box: box(g.querySelector("ellipse, rect")),
        r2: g.querySelector("text.r2")?.textContent ?? null,
      })),
      edges: [...s.querySelectorAll("path.edge")].map((p) => ({
        lhs: p.dataset.lhs,
        op: p.dataset.op,
        rhs: p.dataset.rhs,
        free: p.dataset.free === "true",
        label: p.dataset.label,
        kind: [...p.classList].find((c) => c !== "edge"),
      })),
      labels: [...s.querySelectorAll("g.edge-label")].map((g) => ({
        key: `${g.dataset.lhs} ${g.dataset.op} ${g.dataset.rhs}`,
        text: g.querySelector("text").textContent,
        box: box(g.querySelector("rect")),
      })),
    };
  });
}


/** An APA table (caption "Table n Title") of the publication panel: { number, title, columns, rows, note }. */
export async function readApaTable(page, title) {
  const fig = page.locator("#publish figure.apa", {
    has: page.locator("caption .apa-title", { hasText: title }),
  });
  await fig.first().waitFor();
  return fig.first().evaluate((f) => {
    const t = f.querySelector("table");
    return {
      number: f.querySelector(".apa-number").textContent.trim(),
      title: f.querySelector(".apa-title").textContent.trim(),
      columns: [...t.tHead.rows[0].cells].map((c) => c.textContent.trim()),
      rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim())),
      note: f.querySelector(".apa-note")?.textContent.trim() ?? "",
    };
  });
}

/** Clicks `button` (a locator) and returns the download: { name, text, bytes }. */
export async function download(page, button) {
  const [dl] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const bytes = readFileSync(await dl.path());
  return { name: dl.suggestedFilename(), bytes, text: bytes.toString("utf8").replace(/^\uFEFF/, "") };
}

/** Why an R script cannot be run here (null when it can): Rscript with lavaan and semTools. */
export function missingR() {
  const r = spawnSync("Rscript", ["-e", "suppressMessages({library(lavaan); library(semTools)}); cat('ok')"], {
    encoding: "utf8",
  });
  if (r.error) return `Rscript is not installed (${r.error.code})`;
  if (r.status !== 0 || !r.stdout.includes("ok")) {
    return `R lacks lavaan or semTools: ${(r.stderr || "").trim().split("\n").pop()}`;
  }
  return null;
}
