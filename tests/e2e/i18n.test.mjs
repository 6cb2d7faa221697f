// 简体中文 / English: switching the language changes every heading, table
// caption, column, note and message — the engine's too (tables, methods
// paragraph, diagram, errors) — and keeps the data, the model and the
// results (no refit); the numbers and the lavaan syntax stay as they are.
// A browser whose language is Chinese opens in Chinese.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openApp } from "./helpers.mjs";
import { EXAMPLES, loadExample, resultsState, until } from "./app.mjs";
import { readDiagram } from "./publish.mjs";

let app;
const lc = EXAMPLES.find((e) => e.fixture === "livecommerce_sem");
before(async () => {
  app = await openApp();
  await loadExample(app.page, lc);
});
after(async () => {
  await app?.close();
});

const CJK = /[\u4e00-\u9fff]/;

/** Types the model in the editor (whatever the language of its label). */
async function typeModel(page, text) {
  const editor = page.locator("#model");
  await editor.click();
  await editor.press("Control+A");
  await editor.press("Delete");
  await editor.pressSequentially(text, { delay: 0 });
}

/** Everything on the page that is words: headings, captions, column headers, notes, labels, buttons. */
async function words(page) {
  return page.evaluate(() => {
    const text = (sel) =>
      [...document.querySelectorAll(sel)]
        .filter((el) => el.offsetParent !== null || el.closest("caption"))
        .map((el) => el.textContent.replace(/\s+/g, " ").trim())
        .filter(Boolean);
    return {
      lang: document.documentElement.lang,
      title: document.title,
      headings: text("h1 ~ *, h2, h3, legend"),
      captions: text("#results caption"),
      apa: text("#publish .apa-title"),
      columns: text("#results thead th, #publish thead th"),
      notes: text(".table-note, .apa-note"),
      labels: text("label, .hint, button:not(.variable):not(.example), summary, option"),
      fit: [...document.querySelectorAll("#table-fit tbody tr")].map((r) => r.cells[1].textContent),
      apaCells: [...document.querySelectorAll("#publish tbody td")].map((c) => c.textContent),
      model: document.getElementById("model").value,
      methods: document.getElementById("methods-text").value,
    };
  });
}

/** English words (four or more lower-case letters) left in Chinese text, but for names of things
 * (and file names such as `livecommerce_sem.csv`, which are the user's or the example's). */
const ALLOWED = new Set(["semlab", "lavaan", "booktabs", "iframe", "coverage", "xlsx"]);
const FILE_NAME = /[\p{L}\p{N}_.-]+\.(?:csv|tsv|txt|xlsx|sav|lav|R)(?![\p{L}\p{N}])/gu;
function english(s) {
  return (s.replace(FILE_NAME, " ").match(/(?<![\p{L}\p{N}])[a-z]{4,}(?![\p{L}\p{N}])/gu) || []).filter(
    (w) => !ALLOWED.has(w),
  );
}

test("switching to 简体中文 changes every caption and keeps the data, model and results", async () => {
  const { page } = app;
  const en = await words(page);
  const before = (await resultsState(page)).shown;
  assert.equal(en.lang, "en");
  const d0 = await readDiagram(page);

  await page.getByRole("button", { name: "简体中文" }).click();
  await until(async () => (await page.evaluate(() => document.documentElement.lang)) === "zh-CN", {
    what: "the page in Chinese",
  });
  const zh = await words(page);
  assert.match(zh.title, CJK);
  // every caption, APA title and heading changed, and is Chinese
  assert.equal(zh.captions.length, en.captions.length);
  zh.captions.forEach((c, i) => {
    assert.notEqual(c, en.captions[i]);
    assert.match(c, CJK, `caption ${c}`);
  });
  zh.apa.forEach((c, i) => {
    assert.notEqual(c, en.apa[i]);
    assert.match(c, CJK, `APA title ${c}`);
  });
  for (const h of zh.headings) assert.match(h, CJK, `heading ${h}`);
  for (const n of zh.notes) assert.match(n, CJK, `note ${n}`);
  // no English words left in the words of the page
  const leftover = [...zh.headings, ...zh.captions, ...zh.apa, ...zh.columns, ...zh.notes, ...zh.labels]
    .flatMap((s) => english(s).map((w) => `${w} (in “${s.slice(0, 60)}”)`));
  assert.deepEqual(leftover, [], "English words in the Chinese page");
  // numbers, model and results stay; no refit
  assert.deepEqual(zh.fit, en.fit);
  assert.deepEqual(zh.apaCells.filter((c) => /^[-.\d]/.test(c)), en.apaCells.filter((c) => /^[-.\d]/.test(c)));
  assert.equal(zh.model, en.model);
  assert.equal((await resultsState(page)).shown, before, "the results were not fitted again");
  await page.getByText("livecommerce_sem.csv：465 行，21 列").waitFor();
  // the methods paragraph and the diagram are in Chinese too
  assert.match(zh.methods, /本研究采用结构方程模型/);
  assert.match(zh.methods, /N = 465/);
  const d1 = await readDiagram(page);
  assert.match(d1.title, /^路径图/);
  assert.deepEqual(
    d1.edges.map((e) => e.label),
    d0.edges.map((e) => e.label),
    "the same numbers on the paths",
  );

  // back to English: the same words as before
  await page.getByRole("button", { name: "English" }).click();
  await until(async () => (await page.evaluate(() => document.documentElement.lang)) === "en", {
    what: "the page in English",
  });
  const back = await words(page);
  assert.deepEqual(back.captions, en.captions);
  assert.deepEqual(back.apa, en.apa);
  assert.deepEqual(back.headings, en.headings);
  assert.equal((await resultsState(page)).shown, before);
  app.assertClean();
});

test("errors and warnings are in Chinese too, with their line, column and names", async () => {
  const { page } = app;
  await page.getByRole("button", { name: "简体中文" }).click();
  await page.locator("html[lang=zh-CN]").waitFor();
  const model = await page.getByLabel("模型", { exact: true }).inputValue();
  await typeModel(page, "Trust =~ T1 + T2 + T3\nTrust -> SN1\n");
  const status = page.locator(".model-error");
  await status.waitFor();
  const text = (await status.textContent()).replace(/\s+/g, " ");
  assert.match(text, /第 2 行，第 7 列/);
  assert.match(text, /未知的运算符 `->`/);
  await typeModel(page, "Trust =~ T1 + T2 + Tx3\n");
  await until(async () => /不是数据中的列/.test((await status.textContent()) || ""), {
    what: "the unknown-variable message",
  });
  assert.match(await status.textContent(), /`Tx3`/);
  // a data error
  await page.getByLabel("上传数据").setInputFiles({
    name: "broken.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("a,b,c\n1,2,3\n4,5\n"),
  });
  const alert = page.locator(".data-error");
  await alert.waitFor();
  assert.match(await alert.textContent(), /第 2 行数据（文件第 3 行）有 2 个值，而表头有 3 个列名/);
  // switching keeps the message, in the other language
  await page.getByRole("button", { name: "English" }).click();
  await page.locator("html[lang=en]").waitFor();
  assert.match(await page.locator(".data-error").textContent(), /Row 2 \(line 3 of the file\) has 2 values/);
  assert.match(await page.locator(".model-error").textContent(), /`Tx3` is not a column of the data/);
  await typeModel(page, model);
  app.assertClean();
});

test("a browser set to Chinese opens the page in Chinese", async () => {
  const zhApp = await openApp({ locale: "zh-CN" });
  try {
    const { page } = zhApp;
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
    await page.getByRole("heading", { name: "1. 数据" }).waitFor();
    await page.getByRole("button", { name: "Holzinger–Swineford 验证性因子分析" }).click();
    await page.locator("#results caption", { hasText: "拟合指数（N = 301" }).waitFor();
    zhApp.assertClean();
  } finally {
    await zhApp.close();
  }
});
