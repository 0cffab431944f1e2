// PDF in the page: a dropped report PDF (tests/fixtures/pdf, made by
// scripts/fixtures/make_pdf_fixtures.py) is read by the documents module in its worker into the
// text view; the page draws exactly the tables and findings the report's typed text gives, and a
// finding's location names its page. Password, scanned, damaged and not-a-PDF files get the
// reader's zh-CN message; a 300-page PDF is read while the page stays responsive. The real
// published PDF under ../shared is used when present (never committed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { paths } from '../../scripts/paths.mjs';
import { drawnCells, openPage, servedBrowser, settled } from './chromium.mjs';
import { check } from './fixtures.mjs';
import { assertDrawn, findingCount, readSummary } from './render.mjs';

const glue = await import(pathToFileURL(paths.docsGlue).href);
await glue.default({ module_or_path: readFileSync(paths.distDocsWasm) });
const fixtures = new URL('../fixtures/pdf/', import.meta.url);
const REAL = new URL('../../../shared/corpus/originals/f2021_2024_huaian-shi.pdf', import.meta.url);

const session = servedBrowser();

async function withPage(run) {
  const opened = await openPage(session.browser);
  try {
    // Counts the workers the page starts (the PDF must be read in one) and the wasm modules the
    // main thread compiles (the documents module must be unpacked and compiled in its worker).
    await opened.page.addInitScript(() => {
      const Native = window.Worker;
      window.__workers = [];
      window.__workerNames = [];
      window.Worker = function Worker(url, options) {
        window.__workers.push(String(url).slice(0, 5));
        window.__workerNames.push(options && options.name);
        return new Native(url, options);
      };
      const NativeModule = WebAssembly.Module;
      const nativeInstantiate = WebAssembly.instantiate;
      window.__compiled = 0;
      WebAssembly.Module = function Module(bytes) {
        window.__compiled++;
        return new NativeModule(bytes);
      };
      WebAssembly.Module.prototype = NativeModule.prototype;
      WebAssembly.instantiate = function instantiate(...args) {
        if (!(args[0] instanceof NativeModule)) window.__compiled++;
        return nativeInstantiate.apply(WebAssembly, args);
      };
    });
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

function drop(page, bytes, name) {
  return page.evaluate(({ data, name }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], name, { type: 'application/pdf' }));
    document.querySelector('.nb-editor-frame').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, { data: [...bytes], name });
}

const values = (result) => Object.fromEntries(Object.entries(result.report.cells).map(([p, c]) => [p, c && c.value]));
const findings = (result) => result.diagnostics.map((d) => `${d.code} ${d.cells.join(',')}`).sort();

/** What the documents module gives for a file, read in node by the same shipped wasm. */
const readInNode = (bytes, name) => JSON.parse(glue.readDocument(bytes, name));

/** The 1-based page of a UTF-16 offset, from the module's page starts. */
const pageOf = (pages, offset) => pages.filter((start) => start <= offset).length;

async function dropAndCompare(page, file, typed) {
  const bytes = readFileSync(new URL(file, fixtures));
  const read = readInNode(bytes, file);
  assert.equal(read.ok, true, `${file} reads`);
  await page.fill('textarea.nb-textarea', '');
  await settled(page);
  await drop(page, bytes, file);
  await page.waitForFunction((expected) => document.querySelector('textarea.nb-textarea').value === expected, read.text);
  await settled(page);
  const result = check(read.text);
  const truth = check(readFileSync(new URL(typed, fixtures), 'utf8'));
  assert.ok(Object.values(values(truth)).filter((v) => v !== null).length > 150, `${typed} has its tables`);
  assert.deepEqual(values(result), values(truth), `${file}: every cell as ${typed} reads it`);
  assert.deepEqual(findings(result), findings(truth), `${file}: the findings of ${typed}`);
  assert.ok(result.diagnostics.length > 0, `${file}: the seed's wrong 总计 row gives findings`);
  assertDrawn(result, await drawnCells(page), await readSummary(page), await findingCount(page), file);
  assert.match(await page.textContent('.nb-notice'), new RegExp(`PDF 文件，共 ${read.pages.length} 页`));
  return { read, result };
}

test('dropped report PDFs draw the tables and findings of their typed text', () => withPage(async ({ page }) => {
  const pairs = [
    ['report.pdf', 'report.txt'],
    ['report_split_header.pdf', 'report_split_header.txt'],
    ['report_aes256.pdf', 'report.txt'],
    ['report_rc4_128.pdf', 'report.txt'],
    ['report_objstm.pdf', 'report.txt'],
    ['report_chromium.pdf', 'report_chromium.txt'],
    ['report_chromium_norules.pdf', 'report_chromium_norules.txt'],
    ['report_libreoffice.pdf', 'report_libreoffice.txt'],
    // Every other generated report PDF too: each encryption, forms, rotation, a rebuilt xref,
    // Chromium's other table styles.
    ['report_rc4_40.pdf', 'report.txt'],
    ['report_aes128.pdf', 'report.txt'],
    ['report_form.pdf', 'report.txt'],
    ['report_rotate90.pdf', 'report.txt'],
    ['report_rotate270.pdf', 'report.txt'],
    ['trap_bad_xref.pdf', 'report.txt'],
    ['report_chromium_noframe.pdf', 'report_chromium_noframe.txt'],
    ['report_chromium_hrules.pdf', 'report_chromium_hrules.txt'],
  ];
  const compiledBefore = await page.evaluate(() => window.__compiled);
  for (const [file, typed] of pairs) await dropAndCompare(page, file, typed);
  const kinds = await page.evaluate(() => window.__workers);
  assert.ok(kinds.includes('blob:'), `the PDFs were read in a worker (workers started: ${kinds.join(', ')})`);
  // The page is its own workers' script: the documents worker unpacks the module from the stream
  // it carries, so no drop made the main thread decode (the LZMA decoder is a wasm module) or
  // compile anything.
  assert.ok((await page.evaluate(() => window.__workerNames)).includes('docs'), 'the documents worker was started');
  assert.equal(await page.evaluate(() => window.__compiled), compiledBefore, 'no wasm compiled on the main thread for the PDFs');
}));

test('a finding names its page and selects its place in the PDF text view', () => withPage(async ({ page }) => {
  const { read, result } = await dropAndCompare(page, 'report.pdf', 'report.txt');
  assert.ok(read.pages.length === 2 && read.pages[1] > 0, 'two pages');
  // The first finding drawn (errors come first) that is not about prose (those point at the prose).
  const indexes = await page.$$eval('.nb-finding-choose', (b) => b.map((x) => Number(x.getAttribute('data-index'))));
  const index = indexes.find((i) => !result.diagnostics[i].code.startsWith('prose-'));
  const first = result.diagnostics[index];
  const button = page.locator(`.nb-finding-choose[data-index="${index}"]`).first();
  const where = await button.locator('.nb-finding-where').textContent();
  assert.equal(where, `第 ${pageOf(read.pages, first.span[0])} 页 第 ${first.line} 行`);
  // Findings on both pages name theirs.
  const pagesNamed = new Set((await page.$$eval('.nb-finding-where', (w) => w.map((x) => x.textContent)))
    .map((t) => (/^第 (\d+) 页/.exec(t) || [])[1]));
  const expected = new Set(result.diagnostics.map((d) => String(pageOf(read.pages, d.span[0]))));
  assert.ok([...pagesNamed].every((p) => expected.has(p)), `pages named ${[...pagesNamed]} ⊆ ${[...expected]}`);
  await button.click();
  const selection = await page.evaluate(() => {
    const area = document.querySelector('textarea.nb-textarea');
    return [area.selectionStart, area.selectionEnd];
  });
  assert.deepEqual(selection, first.span, 'the finding selects its place in the text view');
  // Once the text is edited it is no longer the PDF's view: the location is the line alone.
  await page.fill('textarea.nb-textarea', `${read.text}\n（完）`);
  await settled(page);
  assert.match(await page.locator('.nb-finding-where').first().textContent(), /^第 \d+ 行$/);
}));

test('password, scanned, damaged and not-a-PDF files get the reader\'s message; .doc/.wps keep theirs', () => withPage(async ({ page }) => {
  await page.fill('textarea.nb-textarea', '我的报告');
  await settled(page);
  const cases = [
    ['trap_password.pdf', /PDF 设有打开密码/],
    ['trap_scanned.pdf', /扫描件/],
    ['trap_truncated.pdf', /PDF 文件已损坏/],
    ['trap_not_pdf.pdf', /这不是 PDF 文件/],
    ['trap_font_no_tounicode.pdf', /字体“SimSun”/],
  ];
  for (const [file, message] of cases) {
    const bytes = readFileSync(new URL(file, fixtures));
    const read = readInNode(bytes, file);
    assert.equal(read.ok, false, `${file} is refused`);
    assert.match(read.message, message);
    await page.evaluate(() => { document.querySelector('.nb-notice').textContent = ''; });
    await drop(page, bytes, file);
    await page.waitForFunction((name) => document.querySelector('.nb-notice').textContent.includes(name), file);
    const notice = await page.textContent('.nb-notice');
    assert.ok(notice.includes(read.message), `${file}: the page says the reader's message (${notice})`);
  }
  for (const [name, message] of [['报告.doc', /另存为/], ['报告.wps', /另存为/]]) {
    await page.evaluate(() => { document.querySelector('.nb-notice').textContent = ''; });
    await drop(page, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), name);
    await page.waitForFunction(() => document.querySelector('.nb-notice').textContent !== '');
    assert.match(await page.textContent('.nb-notice'), message);
  }
  assert.equal(await page.inputValue('textarea.nb-textarea'), '我的报告', 'a refused file leaves the text alone');
}));

/** Waits until the dropped file's text is in the page (the notice names the file) and checked. */
async function dropped(page, bytes, name) {
  await page.evaluate(() => { document.querySelector('.nb-notice').textContent = ''; });
  await drop(page, bytes, name);
  await page.waitForFunction((n) => document.querySelector('.nb-notice').textContent.includes(n), name, { timeout: 120000 });
  await settled(page);
}

/** The large text's view: shown instead of the text area, with the lines it draws. */
const viewState = (page) => page.evaluate(() => {
  const view = document.querySelector('.nb-view');
  const mark = view.querySelector('.nb-view-chosen');
  const box = view.getBoundingClientRect();
  const at = mark ? mark.getBoundingClientRect() : null;
  return {
    shown: !view.hidden && view.offsetHeight > 0,
    areaHidden: document.querySelector('textarea.nb-textarea').offsetHeight === 0,
    lines: view.querySelector('.nb-view-lines').textContent.split('\n'),
    numbers: document.querySelector('.nb-gutter-numbers').textContent.split('\n'),
    mark: mark ? mark.textContent : null,
    markInView: at !== null && at.top >= box.top && at.bottom <= box.bottom,
    focused: document.activeElement === view,
  };
});

test('a 300-page PDF is read in a worker: the page answers while it is read, shows it in the large view, checks it whole', (t) => {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
  } catch {
    t.skip('qpdf is not installed (scripts/setup.sh installs it): the 300-page PDF is made with it');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-300-'));
  const file = join(dir, '300.pdf');
  // 150 copies of the two-page report: 300 pages, each with its tables.
  const source = new URL('report.pdf', fixtures).pathname;
  execFileSync('qpdf', ['--empty', '--pages', ...Array(150).fill(source), '--', file]);
  const bytes = readFileSync(file);
  rmSync(dir, { recursive: true, force: true });
  const read = readInNode(bytes, '300.pdf');
  assert.equal(read.pages.length, 300);
  return withPage(async ({ page }) => {
    await page.fill('textarea.nb-textarea', '我的报告');
    await settled(page);
    await drop(page, bytes, '三百页.pdf');
    // The main thread answers while the PDF is being read (a read on it would block this
    // evaluate until the text had arrived).
    const during = await page.evaluate(() => document.querySelector('textarea.nb-textarea').value);
    assert.equal(during, '我的报告', 'the page answered before the 300 pages were read');
    await page.waitForFunction(() => /共 300 页/.test(document.querySelector('.nb-notice').textContent), null, { timeout: 120000 });
    await settled(page);
    // Too large for the text area (laying it out would freeze the page): the read-only view
    // draws the lines in sight, and the note says the whole text is checked.
    const view = await viewState(page);
    assert.ok(view.shown && view.areaHidden, 'the view replaces the text area');
    assert.deepEqual(view.lines.slice(0, 10), read.text.split('\n').slice(0, 10), 'the view starts with the text');
    assert.ok(view.lines.length < 100, `only the lines in sight are drawn (${view.lines.length})`);
    assert.match(await page.textContent('.nb-large-note'), /全文共 \d+ 行.*校验针对全文/);
    const result = check(read.text);
    assertDrawn(result, await drawnCells(page), await readSummary(page), await findingCount(page), '300 pages');
    // 150 reports in one text: the page says so.
    assert.match(await page.textContent('.nb-caution'), /两套统计表/);
    // Scrolled to its end, the view draws the last lines.
    await page.$eval('.nb-view', (v) => { v.scrollTop = v.scrollHeight; });
    await page.waitForFunction((last) => document.querySelector('.nb-view-lines').textContent.includes(last), read.text.trim().split('\n').pop());
    // Clearing gives the text area back.
    await page.click('[data-action="clear-draft"]');
    assert.equal(await page.inputValue('textarea.nb-textarea'), '');
    assert.ok(!(await viewState(page)).shown, 'the view is gone');
  });
});

test('a 300-page report whose tables are on its last pages: read whole, findings on 第 299 页 select their cell and their place in the view', () => withPage(async ({ page }) => {
  // scripts/fixtures/make_long_pdf.py: report.pdf's report with 296 pages of prose before its tables.
  const bytes = readFileSync(new URL('../fixtures/pdf-large/report_300_pages.pdf', import.meta.url));
  const read = readInNode(bytes, 'report_300_pages.pdf');
  assert.equal(read.pages.length, 300);
  await dropped(page, bytes, 'report_300_pages.pdf');
  assert.match(await page.textContent('.nb-notice'), /共 300 页/);
  const result = check(read.text);
  const truth = check(readFileSync(new URL('report.txt', fixtures), 'utf8'));
  assert.deepEqual(values(result), values(truth), 'every cell as report.txt reads it');
  assert.deepEqual(findings(result), findings(truth), 'the findings of report.txt');
  assertDrawn(result, await drawnCells(page), await readSummary(page), await findingCount(page), 'report_300_pages');
  assert.ok((await viewState(page)).shown, 'shown in the large view');
  // Every finding names its page: the tables are on pages 297-300.
  const where = await page.$$eval('.nb-finding-where', (w) => w.map((x) => x.textContent));
  assert.ok(where.length > 0);
  for (const text of where) assert.match(text, /^第 (29[7-9]|300) 页 第 \d+ 行$/);
  // Choosing a table finding outlines its cells and marks its place in the view, scrolled there.
  const indexes = await page.$$eval('.nb-finding-choose', (b) => b.map((x) => Number(x.getAttribute('data-index'))));
  const index = indexes.find((i) => result.diagnostics[i].cells.length && !result.diagnostics[i].code.startsWith('prose-'));
  const d = result.diagnostics[index];
  const button = page.locator(`.nb-finding-choose[data-index="${index}"]`).first();
  assert.equal(await button.locator('.nb-finding-where').textContent(), `第 ${pageOf(read.pages, d.span[0])} 页 第 ${d.line} 行`);
  await button.click();
  const chosen = await page.$$eval('.nb-cell--chosen', (tds) => tds.map((td) => td.getAttribute('data-path')).sort());
  assert.deepEqual(chosen, [...d.cells].sort(), 'the finding outlines its cells');
  await page.waitForFunction((text) => {
    const mark = document.querySelector('.nb-view-chosen');
    return mark !== null && mark.textContent === text;
  }, read.text.slice(d.span[0], d.span[1]));
  const view = await viewState(page);
  assert.ok(view.markInView, 'the marked place is scrolled into the view');
  assert.ok(view.focused, 'the view has the focus (Esc returns to the finding)');
  assert.ok(view.numbers.includes(String(d.line)), `the gutter numbers the line (${view.numbers[0]}…)`);
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-index')), String(index), 'Esc returns to the finding');
  // Asked for, the whole text goes into the text area (one slow layout) and can be edited.
  await page.click('[data-action="edit-large"]');
  assert.equal(await page.inputValue('textarea.nb-textarea'), read.text);
  assert.ok(!(await viewState(page)).shown, 'the view is gone');
  assert.ok(!(await page.$eval('textarea.nb-textarea', (a) => a.readOnly)), 'editable');
}));

test('the real published PDF reads cell-exact in the page', (t) => {
  if (!existsSync(REAL)) {
    t.skip('../shared/corpus/originals is absent (a stranger\'s clone): the real PDF is not in the repository');
    return undefined;
  }
  const bytes = readFileSync(REAL);
  const truth = JSON.parse(readFileSync(new URL('f2021_2024_huaian-shi.truth.json', REAL), 'utf8')).cells;
  const read = readInNode(bytes, 'huaian.pdf');
  return withPage(async ({ page }) => {
    await drop(page, bytes, '淮安市2024年报.pdf');
    await page.waitForFunction((expected) => document.querySelector('textarea.nb-textarea').value === expected, read.text);
    await settled(page);
    const result = check(read.text);
    let compared = 0;
    for (const [path, want] of Object.entries(truth)) {
      const cell = result.report.cells[path];
      assert.ok(cell, `${path} is read`);
      assert.equal(String(cell.value), String(want), `${path}`);
      compared++;
    }
    assert.equal(compared, 200);
    assert.equal(result.summary.errors, 0, 'all balance rules hold in this report');
    assertDrawn(result, await drawnCells(page), await readSummary(page), await findingCount(page), 'huaian');
    assert.match(await page.textContent('.nb-notice'), /共 6 页/);
  });
});
