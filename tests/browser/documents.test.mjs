// Documents in the page: a paste whose clipboard carries text/html (Word's markup) next to a
// flattened text/plain, a dropped .docx, a dropped .doc, and the embed API given an element.
// Each must draw exactly the tables and findings the text fixture gives (the generated
// fixtures in tests/fixtures/docs are cell-exact copies of the seed's values).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { paths } from '../../scripts/paths.mjs';
import { launch, openPage, settled, drawnCells } from './chromium.mjs';
import { seeds, check, encodeGbk } from './fixtures.mjs';
import { assertDrawn, readSummary } from './render.mjs';

// The documents module (crates/nianbao_docs_wasm) reads the files the page is given.
const glue = await import(pathToFileURL(paths.docsGlue).href);
await glue.default({ module_or_path: readFileSync(paths.distDocsWasm) });
const docs = new URL('../fixtures/docs/', import.meta.url);
const STEM = 'seeds_002_3fca4d743e11907b';
const seed = seeds.find((s) => s.id === '002');

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser.close();
  await server.close();
});

async function withPage(run) {
  const opened = await openPage(browser);
  try {
    await opened.page.goto(server.url);
    await settled(opened.page);
    await run(opened);
    const outside = opened.requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('blob:'));
    assert.deepEqual(outside, [], 'no request leaves the page');
    assert.deepEqual(opened.errors, [], 'no script errors');
  } finally {
    await opened.context.close();
  }
}

/** Every cell value of a result (the seed's text and the document's view must agree). */
const values = (result) => Object.fromEntries(Object.entries(result.report.cells).map(([p, c]) => [p, c && c.value]));
const findings = (result) => result.diagnostics.map((d) => `${d.code} ${d.cells.join(',')}`).sort();

async function assertTables(page, view, name) {
  await page.waitForFunction((expected) => document.querySelector('textarea.nb-textarea').value === expected, view);
  await settled(page);
  const result = check(view);
  const truth = check(seed.text);
  assert.deepEqual(values(result), values(truth), `${name}: every cell as the text fixture reads it`);
  assert.deepEqual(findings(result), findings(truth), `${name}: the text fixture's findings`);
  const count = await page.$$eval('.nb-finding', (li) => li.length);
  assertDrawn(result, await drawnCells(page), await readSummary(page), count, name);
}

test('a paste carrying text/html is read from its tables, not from the flattened text/plain', () => withPage(async ({ page }) => {
  const html = readFileSync(new URL(`${STEM}.word.html`, docs), 'utf8');
  // What a browser's text/plain of a Word table looks like: cells run together.
  const plain = seed.text.replace(/\t/g, '');
  await page.fill('textarea.nb-textarea', '');
  await settled(page);
  await page.focus('textarea.nb-textarea');
  await page.evaluate(({ html, plain }) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', plain);
    document.querySelector('textarea.nb-textarea').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, { html, plain });
  const view = JSON.parse(glue.readHtml(html)).text;
  await assertTables(page, view, 'paste');
  assert.match(await page.textContent('.nb-notice'), /按其中的表格读取/);
}));

test('a dropped .docx is read from its tables', () => withPage(async ({ page }) => {
  const bytes = readFileSync(new URL(`${STEM}.docx`, docs));
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], '金林区2020年报.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
    document.querySelector('.nb-editor-frame').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, [...bytes]);
  const view = JSON.parse(glue.readDocument(bytes, 'a.docx')).text;
  await assertTables(page, view, 'docx');
  assert.match(await page.textContent('.nb-notice'), /Word 文档/);
}));

test('a dropped .doc says to save it as .docx and leaves the text alone', () => withPage(async ({ page }) => {
  await page.fill('textarea.nb-textarea', '我的报告');
  await settled(page);
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)], '报告.doc'));
    document.querySelector('.nb-editor-frame').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /另存为/.test(document.querySelector('.nb-notice').textContent));
  assert.equal(await page.inputValue('textarea.nb-textarea'), '我的报告');
}));

test('the API checks an element a portal shows, and an HTML string, from their tables', () => withPage(async ({ page }) => {
  const html = readFileSync(new URL(`${STEM}.portal.html`, docs), 'utf8');
  const got = await page.evaluate(async (markup) => {
    // The article as a portal has it in its DOM (built by the parser, not by innerHTML).
    const article = new DOMParser().parseFromString(markup, 'text/html').querySelector('#zoom');
    const fromElement = await window.Nianbao.check(article);
    const fromString = await window.Nianbao.check(markup);
    const view = await window.Nianbao.readHtml(article);
    return { fromElement, fromString, view };
  }, html);
  const truth = check(seed.text);
  for (const result of [got.fromElement, got.fromString]) {
    assert.deepEqual(values(result), values(truth));
    assert.deepEqual(findings(result), findings(truth));
  }
  assert.deepEqual(got.fromElement, check(got.view.text), 'offsets refer to the text view readHtml gives');
}));

test('an opened GB2312 .htm (WPS "save as web page") is decoded by its meta charset and read from its tables', () => withPage(async ({ page }) => {
  const html = readFileSync(new URL(`${STEM}.wps.html`, docs), 'utf8').replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    .replace(/\u2022/g, '·'); // the one character of the seed GBK lacks
  await page.setInputFiles('.nb-input > .nb-editor ~ * input[type=file], .nb-actions input[type=file]', {
    name: '金林区2020年报.htm', mimeType: 'text/html', buffer: encodeGbk(html),
  });
  const view = JSON.parse(glue.readHtml(html)).text;
  await assertTables(page, view, 'gbk htm');
  assert.match(await page.textContent('.nb-notice'), /网页/);
}));
