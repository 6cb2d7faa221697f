// The promise "nothing leaves this device", checked on the network: every
// request from page load to the end of a full session (examples, a
// bootstrap, WLSMV, an upload, typing, a modification index, exports) is
// recorded; all are the app's own files, and all happen while the page
// (and its worker) load — none after.

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { DIST, openApp } from "./helpers.mjs";
import { EXAMPLES, afterRefit, fixturePath, loadExample, typeModel, until } from "./app.mjs";

let app;
before(async () => {
  app = await openApp();
  await app.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
});
after(async () => {
  await app?.close();
});

test("a whole session requests only the app's own files, all at load", async () => {
  const { page, log, server } = app;
  // Loaded: the page, and the worker (it answers the first example).
  await loadExample(page, EXAMPLES[0]);
  await page.waitForLoadState("networkidle");
  const atLoad = log.requests.length;
  const files = new Set(readdirSync(DIST));
  for (const r of log.requests) {
    const path = new URL(r.url).pathname.replace(/^\//, "");
    assert.ok(path === "" || files.has(path), `request for ${r.url} is one of the app's files`);
  }
  const paths = log.requests.map((r) => new URL(r.url).pathname);
  assert.ok(paths.some((p) => /^\/app-[0-9a-f]+_bg\.wasm$/.test(p)), "the page's wasm");
  assert.ok(paths.some((p) => /^\/worker-[0-9a-f]+_bg\.wasm$/.test(p)), "the worker's wasm");
  assert.ok(paths.includes("/worker-loader.js"), "the worker's loader");

  // A whole session.
  for (const ex of EXAMPLES.slice(1)) await loadExample(page, ex);
  // A bootstrap in the worker, then WLSMV for the ordinal items.
  await page.getByLabel("Resamples (B)").fill("50");
  await page.getByLabel("Resamples (B)").press("Tab");
  await page.getByRole("button", { name: "Run bootstrap" }).click();
  await page.getByText(/^Bootstrap done in/).waitFor();
  await afterRefit(page, () => page.getByRole("button", { name: /^Treat these \d+ items as ordinal/ }).click());
  await afterRefit(page, () => page.getByLabel("Estimator", { exact: true }).selectOption("ML"));
  await page.getByRole("button", { name: /^Add .* to the model$/ }).first().click();
  await page.getByLabel("Upload data").setInputFiles(fixturePath("poldem_sem", "poldem_sem.csv"));
  await page.getByText("poldem_sem.csv: 75 rows, 11 columns").waitFor();
  await afterRefit(page, () => typeModel(page, "ind60 =~ x1 + x2 + x3\ndem60 =~ y1 + y2 + y3 + y4\ndem60 ~ ind60\n"));
  await page.getByLabel("Significance level α").selectOption(".01");
  const fit = page.locator("section.result", { has: page.locator("caption", { hasText: "Fit indices" }) });
  await Promise.all([page.waitForEvent("download"), fit.getByRole("button", { name: "Download CSV" }).click()]);
  await fit.getByRole("button", { name: "Copy table" }).click();
  await fit.getByText("Copied").waitFor();
  await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download report (HTML)" }).click(),
  ]);
  await page.getByLabel("Upload data").setInputFiles({
    name: "broken.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("a,b\n1\n"),
  });
  await until(async () => (await page.locator(".data-error").count()) > 0, { what: "the data error" });
  await page.waitForTimeout(500);

  const later = log.requests.slice(atLoad).map((r) => r.url);
  assert.deepEqual(later, [], "no request after the page had loaded");
  assert.deepEqual(log.foreign, [], "no request to anything but the local server");
  assert.equal(server.requests.length, atLoad, "the server saw only the load");
  app.assertClean();
});
