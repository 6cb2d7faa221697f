#!/usr/bin/env node
// Browser benchmark of the built app (dist/) in headless Chromium:
//
//   - time to first render, median of several fresh loads, from the start
//     of the navigation (performance.timeOrigin): the mark
//     `semlab:first-render`, made in the first animation frame after the
//     app has mounted (the header, the examples, the data, the model and
//     the results drawn; before that frame's style, layout and paint), and
//     Chromium's first-contentful-paint (that frame painted); and the mark
//     `semlab:page-complete`, the frame after the rest of the page (the
//     options, the checks, the diagram, *For the paper*) was drawn;
//   - size of each .wasm file, raw and gzipped (gzip level 9), and of all
//     of them together against the budget, 1,500,000 bytes gzip;
//   - median time of a full analysis of each example in the worker (inside
//     the worker, and the page's whole round trip), from the page route
//     `?bench=REPS&boot=BOOT` (src/app/components/bench.rs);
//   - median time of 5000 bias-corrected bootstrap resamples and of a Monte
//     Carlo power run with 500 replications of the live-commerce model, as
//     the app runs them (prepared by the worker with the data, made in
//     ranges in chunks with progress messages, merged in the page), on one
//     worker and on as many as the app uses (`navigator.hardwareConcurrency`,
//     at most 4);
//   - median time of the invariance ladder (four levels, LR and score
//     tests) of the live-commerce data by sales channel in the worker, under
//     ML and MLR (the data handed to the page, which carries none with
//     groups);
//   - dragging a node of a 30-node model in the drawing editor (6
//     constructs of 4 items): 60 pointer moves, one per animation frame,
//     each redrawing the drawing; frames per second from the
//     requestAnimationFrame times (a frame waits for the redraw).
//
// Prints a Markdown table (machine and date included) for the README.
// Usage: node scripts/bench-browser.mjs [REPS (30)] [LOADS (7)] [BOOT (3)]

import { readdirSync, readFileSync, statSync } from "node:fs";
import { cpus, loadavg, release } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { DIST, launchBrowser, serveDist } from "../tests/e2e/helpers.mjs";

const reps = Number(process.argv[2] || 30);
const loads = Number(process.argv[3] || 7);
const boot = Number(process.argv[4] || 3);

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

// the machine's load when the benchmark starts (other builds slow it down)
const loadAtStart = loadavg()[0];
const server = await serveDist();
const context = await launchBrowser();
try {
  // First render, each load in a fresh page (the server sends no-store).
  const firstRender = [];
  const fcp = [];
  const complete = [];
  for (let i = 0; i < loads; i++) {
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: "load" });
    await page.waitForSelector("body .page");
    const t = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const read = () => {
            const mark = performance.getEntriesByName("semlab:first-render")[0];
            const paint = performance.getEntriesByName("first-contentful-paint")[0];
            const all = performance.getEntriesByName("semlab:page-complete")[0];
            if (mark && paint && all) resolve({ mark: mark.startTime, fcp: paint.startTime, all: all.startTime });
            else setTimeout(read, 20);
          };
          read();
        }),
    );
    firstRender.push(t.mark);
    fcp.push(t.fcp);
    complete.push(t.all);
    await page.close();
  }

  // Analyses in the worker.
  const page = await context.newPage();
  // the invariance ladder's data (the app carries no data set with groups)
  const ladderDir = fileURLToPath(new URL("../tests/fixtures/invariance/livecommerce_invariance_ladder/", import.meta.url));
  await page.addInitScript((spec) => {
    window.semlabBenchLadder = spec;
  }, {
    csv: readFileSync(join(ladderDir, "livecommerce_invariance_ladder.csv"), "utf8"),
    model: readFileSync(join(ladderDir, "model.lav"), "utf8"),
    group: "channel",
  });
  await page.goto(`${server.url}?bench=${reps}&boot=${boot}`, { waitUntil: "load" });
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const json = await page.locator("#bench-results").textContent({ timeout: 1_800_000 });
  const results = JSON.parse(json);
  await page.close();

  // Dragging a node of a 30-node model in the drawing editor.
  const model = [1, 2, 3, 4, 5, 6]
    .map((f) => `F${f} =~ ${[1, 2, 3, 4].map((i) => `y${(f - 1) * 4 + i}`).join(" + ")}`)
    .concat(["F3 ~ F1 + F2", "F4 ~ F3", "F5 ~ F3", "F6 ~ F4 + F5"])
    .join("\n");
  const dragPage = await context.newPage();
  await dragPage.setViewportSize({ width: 1366, height: 900 });
  await dragPage.goto(`${server.url}#model=${encodeURIComponent(model)}`, { waitUntil: "load" });
  await dragPage.getByRole("button", { name: "Draw the model" }).click();
  const canvas = dragPage.locator("#model-drawing .drawing-canvas");
  await canvas.locator('g.node[data-name="F3"]').waitFor();
  const nodes = await canvas.locator("g.node").count();
  const drag = await canvas.evaluate(
    (c, moves) =>
      new Promise((resolve) => {
        const shape = c.querySelector('g.node[data-name="F3"] ellipse');
        const r = shape.getBoundingClientRect();
        const [x0, y0] = [r.left + r.width / 2, r.top + r.height / 2];
        const ev = (type, x, y, target) =>
          target.dispatchEvent(
            new PointerEvent(type, { bubbles: true, clientX: x, clientY: y, pointerId: 1, button: 0, buttons: 1, isPrimary: true }),
          );
        ev("pointerdown", x0, y0, shape);
        const times = [];
        const frame = (t) => {
          times.push(t);
          const k = times.length;
          if (k > moves) {
            ev("pointerup", x0, y0, c);
            const secs = (times[times.length - 1] - times[0]) / 1000;
            const moved = c.querySelector('g.node[data-name="F3"] ellipse').getBoundingClientRect();
            resolve({ fps: moves / secs, moved: Math.hypot(moved.left - r.left, moved.top - r.top) });
            return;
          }
          ev("pointermove", x0 + 2 * k, y0 + Math.sin(k / 6) * 40, c);
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    60,
  );
  await dragPage.close();
  if (nodes !== 30 || drag.moved < 20) {
    throw new Error(`the drag benchmark did not drag: ${nodes} nodes, moved ${drag.moved} px`);
  }

  const wasm = readdirSync(DIST)
    .filter((f) => f.endsWith(".wasm"))
    .map((f) => {
      const bytes = readFileSync(join(DIST, f));
      return { file: f, raw: statSync(join(DIST, f)).size, gzip: gzipSync(bytes, { level: 9 }).length };
    });

  const names = { hs1939: "Holzinger–Swineford CFA", poldem: "Political democracy SEM", livecommerce: "Live-commerce value co-creation" };
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const browser = context.browser()?.version() ?? "Chromium";
  console.log(
    `Machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, Linux ${release()}; ` +
      `headless Chromium ${browser} (navigator.hardwareConcurrency ${cores}); date ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; ` +
      `load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end`,
  );
  console.log();
  console.log("| measure | value | target |");
  console.log("|---|---:|---:|");
  console.log(`| first render (median of ${loads} loads; first contentful paint) | ${median(firstRender).toFixed(0)} ms (${median(fcp).toFixed(0)} ms) | < 150 ms |`);
  console.log(`| whole page drawn (median of ${loads} loads) | ${median(complete).toFixed(0)} ms | |`);
  for (const w of wasm) {
    console.log(`| \`${w.file.replace(/-[0-9a-f]{8,16}_bg/, "_bg")}\` raw / gzip | ${kb(w.raw)} / ${kb(w.gzip)} | |`);
  }
  const total = wasm.reduce((a, w) => a + w.gzip, 0);
  // the budget is 1.5 MB read as 1,500,000 bytes (not 1536 KiB)
  console.log(`| all .wasm, gzip | ${total.toLocaleString("en-US")} bytes (${kb(total)}) | < 1,500,000 bytes |`);
  console.log(
    `| dragging a node of a ${nodes}-node model in the drawing editor (60 pointer moves, one per frame) | ${drag.fps.toFixed(0)} frames/s | 60 frames/s |`,
  );
  for (const r of results) {
    if (r.ladder) {
      const value = r.worker_ms != null ? `${r.worker_ms.toFixed(1)} ms (${r.round_trip_ms.toFixed(1)} ms)` : `error: ${r.error}`;
      console.log(
        `| invariance ladder (${r.ladder}) in the worker: live-commerce by channel, 4 levels + LR and score tests (median of ${r.reps}; round trip) | ${value} | < 100 ms |`,
      );
      continue;
    }
    if (r.bootstrap || r.monte_carlo) {
      const name = names[r.example] ?? r.example;
      const value = r.round_trip_ms ? `${(r.round_trip_ms / 1000).toFixed(2)} s` : `error: ${r.error}`;
      const on = r.workers === 1 ? "1 worker" : `${r.workers} workers`;
      const what = r.bootstrap
        ? `${r.bootstrap} bias-corrected bootstrap resamples on ${on} (fit, draws, intervals; ${r.ok} converged`
        : `Monte Carlo power, ${r.monte_carlo} replications on ${on} (population fit, replications, answer; ${r.ok} converged`;
      const target = r.bootstrap ? "< 5 s" : "";
      console.log(`| ${name}: ${what}; median of ${r.reps}; round trip) | ${value} | ${target} |`);
      continue;
    }
    if (r.error && !r.worker_ms) {
      console.log(`| ${names[r.example] ?? r.example}: full analysis | error: ${r.error} | |`);
      continue;
    }
    const target = r.example === "livecommerce" ? "< 30 ms" : "";
    console.log(
      `| ${names[r.example] ?? r.example}: full analysis in the worker (median of ${r.reps}; round trip) | ${r.worker_ms.toFixed(1)} ms (${r.round_trip_ms.toFixed(1)} ms) | ${target} |`,
    );
  }
} finally {
  await context.close();
  await server.close();
}
