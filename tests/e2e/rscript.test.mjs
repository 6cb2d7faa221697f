// The R script of each example, downloaded through the page, reproduces the
// analysis in lavaan: with the data path pointed at the fixture CSV, Rscript
// runs it and prints the χ² the page shows. Skipped, saying why, when
// Rscript or the lavaan and semTools packages are not installed.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, fitValues, fixturePath, loadExample } from "./app.mjs";
import { download, missingR } from "./publish.mjs";

const why = missingR();
if (why) console.log(`# rscript: skipped: ${why}`);

let app;
before(async () => {
  if (!why) app = await openApp();
});
after(async () => {
  await app?.close();
});

for (const ex of EXAMPLES) {
  test(`${ex.fixture}: the downloaded R script gives the χ² shown`, { skip: why ?? false }, async () => {
    const { page } = app;
    await loadExample(page, ex);
    const shown = (await fitValues(page))["χ²"];
    const script = await download(page, page.getByRole("button", { name: "Download R script (lavaan)" }));
    assert.equal(script.name, "semlab-analysis.R");
    const name = `${ex.fixture}.csv`;
    assert.ok(script.text.includes(`read.csv("${name}"`), "reads the example's CSV by name");
    assert.ok(script.text.includes("fit <- sem(model, data = data)"), "defaults add no arguments");
    // point it at the fixture and print χ² the way the page does
    const text =
      script.text.replace(`read.csv("${name}"`, `read.csv(${JSON.stringify(fixturePath(ex.fixture, name))}`) +
      '\ncat(sprintf("SEMLAB_CHISQ %.3f\\n", fitMeasures(fit)[["chisq"]]))\n';
    const dir = mkdtempSync(join(tmpdir(), "semlab-r-"));
    const file = join(dir, "analysis.R");
    writeFileSync(file, text);
    const r = spawnSync("Rscript", [file], { encoding: "utf8", cwd: dir, timeout: 120_000 });
    assert.equal(r.status, 0, `Rscript failed:\n${r.stderr}`);
    const m = /SEMLAB_CHISQ (\S+)/.exec(r.stdout);
    assert.ok(m, "the script printed χ²");
    assert.equal(m[1], shown, `lavaan's χ² ${m[1]}, the page shows ${shown}`);
    app.assertClean();
  });
}
