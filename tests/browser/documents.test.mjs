// Documents in the page: a paste whose clipboard carries text/html (Word's markup) next to a
// flattened text/plain, a dropped .docx, a dropped .doc, and the embed API given an element.
// Each must draw exactly the tables and findings the text fixture gives (the generated
// fixtures in tests/fixtures/docs are cell-exact copies of the seed's values), and each is
// checked from its cells (the documents module's outline), not from its text view re-read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { paths } from '../../scripts/paths.mjs';
import { drawnCells, openPage, servedBrowser, settled, typeInto } from './chromium.mjs';
import { seeds, check, encodeGbk } from './fixtures.mjs';
import { assertDrawn, readSummary } from './render.mjs';

// The documents module (crates/nianbao_docs_wasm) reads the files the page is given.
const glue = await import(pathToFileURL(paths.docsGlue).href);
await glue.default({ module_or_path: readFileSync(paths.distDocsWasm) });
const docs = new URL('../fixtures/docs/', import.meta.url);
const STEM = 'seeds_002_3fca4d743e11907b';
const seed = seeds.find((s) => s.id === '002');

const session = servedBrowser();

async function withPage(run) {
  const opened = await openPage(session.browser);
  try {
    await opened.page.goto(session.server.url);
    await settled(opened.page);
    await run(opened);
    const outside = opened.requests.filter((url) => !url.startsWith(session.server.url) && !url.startsWith('blob:'));
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

/** A paste into the text area whose clipboard carries `html` as text/html and `plain` as text/plain. */
function pasteHtml(page, html, plain) {
  return page.evaluate(({ html, plain }) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', plain);
    document.querySelector('textarea.nb-textarea').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, { html, plain });
}

test('a paste carrying text/html is read from its tables, not from the flattened text/plain', () => withPage(async ({ page }) => {
  const html = readFileSync(new URL(`${STEM}.word.html`, docs), 'utf8');
  // What a browser's text/plain of a Word table looks like: cells run together.
  const plain = seed.text.replace(/\t/g, '');
  await page.fill('textarea.nb-textarea', '');
  await settled(page);
  await page.focus('textarea.nb-textarea');
  await pasteHtml(page, html, plain);
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

// A cell holding a bar ("0 |": a stray separator typed into the cell) is where reading the text
// view and reading the cells differ: the text reader takes the bar for a cell boundary, the
// cells say it is inside one cell. Put into the first cell of 表三（一）予以公开.
const withBar = (markup) => {
  const zero = markup.indexOf('>0<', markup.indexOf('（一）予以公开'));
  return `${markup.slice(0, zero)}>0 |<${markup.slice(zero + 3)}`;
};

/** A .docx with `edit` applied to word/document.xml, rewritten as a zip of stored entries. */
function editDocx(bytes, edit) {
  const u16 = (at) => bytes.readUInt16LE(at);
  const u32 = (at) => bytes.readUInt32LE(at);
  const end = bytes.length - 22; // the end record (the fixtures have no zip comment)
  const entries = [];
  for (let at = u32(end + 16), i = 0; i < u16(end + 10); i++) {
    const name = bytes.toString('utf8', at + 46, at + 46 + u16(at + 28));
    const local = u32(at + 42);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    const raw = bytes.subarray(start, start + u32(at + 20));
    let data = u16(at + 10) === 8 ? inflateRawSync(raw) : raw;
    if (name === 'word/document.xml') data = Buffer.from(edit(data.toString('utf8')), 'utf8');
    entries.push({ name: Buffer.from(name, 'utf8'), data });
    at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
  }
  const parts = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x21, 12); // 1980-01-01, method 0 (stored)
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    head.copy(dir, 10, 8, 30); // method, date, CRC, sizes, name length (extra length 0)
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    parts.push(head, name, data);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const tail = Buffer.alloc(22);
  tail.writeUInt32LE(0x06054b50, 0);
  tail.writeUInt16LE(entries.length, 8);
  tail.writeUInt16LE(entries.length, 10);
  tail.writeUInt32LE(directory.length, 12);
  tail.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, tail]);
}

/**
 * The page shows what the checker gives for the document's cells (`read`: the documents
 * module's JSON), not what it gives for its text view read as text; the two differ here.
 */
async function assertFromCells(page, read, name) {
  await page.waitForFunction((expected) => document.querySelector('textarea.nb-textarea').value === expected, read.text);
  await settled(page);
  const cells = check(read.text, undefined, read.outline);
  const text = check(read.text);
  const messages = (result) => result.diagnostics.map((d) => d.message);
  assert.notDeepEqual(messages(cells), messages(text), `${name}: the two readings differ`);
  const drawn = await page.$$eval('.nb-finding-message', (spans) => spans.map((s) => s.textContent).join('\n'));
  for (const message of messages(cells)) assert.ok(drawn.includes(message), `${name}: drawn: ${message}`);
  for (const message of messages(text).filter((m) => !messages(cells).includes(m))) {
    assert.ok(!drawn.includes(message), `${name}: not the text's reading: ${message}`);
  }
  const count = await page.$$eval('.nb-finding', (li) => li.length);
  assertDrawn(cells, await drawnCells(page), await readSummary(page), count, name);
  return { cells, text };
}

test('a paste carrying text/html is checked from its cells: a bar inside a cell does not split it', () => withPage(async ({ page }) => {
  const html = withBar(readFileSync(new URL(`${STEM}.word.html`, docs), 'utf8'));
  await page.focus('textarea.nb-textarea');
  await pasteHtml(page, html, seed.text);
  await assertFromCells(page, JSON.parse(glue.readHtml(html)), 'paste');
}));

test('a dropped .docx is checked from its cells; once the user edits the text, the text is checked', () => withPage(async ({ page }) => {
  const bytes = editDocx(readFileSync(new URL(`${STEM}.docx`, docs)), withBar);
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], '金林区2020年报.docx'));
    document.querySelector('.nb-editor-frame').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, [...bytes]);
  const read = JSON.parse(glue.readDocument(bytes, 'a.docx'));
  // Edited (a line added at the end): no longer the document's view, so read as text.
  const edited = `${read.text}补充说明\n`;
  const { cells } = await assertFromCells(page, read, 'docx');
  const result = check(edited);
  const textsOwn = result.diagnostics.map((d) => d.message).filter((m) => !cells.diagnostics.some((d) => d.message === m));
  assert.ok(textsOwn.length > 0, 'the edited text reads otherwise');
  await typeInto(page, edited);
  await page.waitForFunction((message) => [...document.querySelectorAll('.nb-finding-message')]
    .some((s) => s.textContent.includes(message)), textsOwn[0]);
  await settled(page);
  const count = await page.$$eval('.nb-finding', (li) => li.length);
  assertDrawn(result, await drawnCells(page), await readSummary(page), count, 'edited');
  const drawn = await page.$$eval('.nb-finding-message', (spans) => spans.map((s) => s.textContent).join('\n'));
  for (const d of result.diagnostics) assert.ok(drawn.includes(d.message), `edited: drawn: ${d.message}`);
}));

test('the API checks an HTML string and an element from their cells', () => withPage(async ({ page }) => {
  const html = withBar(readFileSync(new URL(`${STEM}.portal.html`, docs), 'utf8'));
  const got = await page.evaluate(async (markup) => {
    const article = new DOMParser().parseFromString(markup, 'text/html').querySelector('#zoom');
    return { fromElement: await window.Nianbao.check(article), fromString: await window.Nianbao.check(markup) };
  }, html);
  const read = JSON.parse(glue.readHtml(html));
  const cells = check(read.text, undefined, read.outline);
  assert.notDeepEqual(cells.diagnostics, check(read.text).diagnostics, 'the two readings differ');
  assert.deepEqual(got.fromString, cells, 'the string: checked from its cells');
  assert.deepEqual(got.fromElement.diagnostics.map((d) => d.message), cells.diagnostics.map((d) => d.message), 'the element: checked from its cells');
}));
