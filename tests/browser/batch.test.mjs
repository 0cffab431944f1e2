// Many reports at once: the five seeds, the corpus texts and one made-up next-year copy of seed
// 000 dropped together; the summary must say for every file what the core says for it (checked
// here in node by the same shipped wasm, with last year's report where the page pairs one),
// the pairs must be the reports of one agency in consecutive years, sorting and filtering must
// work from the keyboard, a row must open the full view and lead back, the exports must be
// right, and the user's draft in the single view must be untouched throughout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { paths } from '../../scripts/paths.mjs';
import { launch, openPage, settled, typeInto } from './chromium.mjs';
import { check, seeds, asTextarea } from './fixtures.mjs';

const corpus = readdirSync(paths.corpus).filter((f) => f.endsWith('.txt')).sort()
  .map((file) => ({ file, text: readFileSync(join(paths.corpus, file), 'utf8') }));
const seed000 = seeds.find((s) => s.id === '000');
/** Seed 000 (铁力市, 2020) as if it were the 2021 report: its 上一年项目数量 do not follow on. */
const NEXT_YEAR = { file: '铁力市2021年度报告（测试用）.txt', text: seed000.text.replace(/2020/g, '2021') };
/** Not a report the page can read as text (until PDFs are read in the page, or a damaged one after). */
const NOT_TEXT = { file: '扫描件.pdf', bytes: [...Buffer.from('%PDF-1.4\n% not really a PDF\n')] };

const files = [...seeds.map((s) => ({ file: s.file, text: s.text })), ...corpus, NEXT_YEAR];
const byName = new Map(files.map((f) => [f.file, f]));

/**
 * The pairs the page must make: the same agency (as the core reads it, 人民政府/管委会 aside) in
 * consecutive years, each year's report the only one of its agency in the batch. The pingtan-syq
 * reports of 2022, 2024 and 2025 carry no title, so the core names no agency and they stay unpaired.
 */
const PAIRS = {
  'old_2012_pingtan-xian.txt': 'old_2011_pingtan-xian.txt',
  'old_2013_pingtan-xian.txt': 'old_2012_pingtan-xian.txt',
  'old_2015_pingtan-syq.txt': 'old_2014_pingtan-syq.txt',
  'old_2018_pingtan-syq.txt': 'old_2017_pingtan-syq.txt',
  'f2019_2019_pingtan-syq.txt': 'old_2018_pingtan-syq.txt',
  [NEXT_YEAR.file]: seed000.file,
};

const SHORT = { f2019: '2019 年版', f2021: '2021 年版', old: '2019 年以前', unknown: '未识别' };
const crossCount = (result) => result.diagnostics.filter((d) => d.code.startsWith('cross-year') && d.severity !== 'info').length;

/** What each row must say, from the core. */
function expected(file) {
  const { text } = byName.get(file);
  const previous = PAIRS[file];
  const result = check(text, previous ? byName.get(previous).text : undefined);
  return { result, previous: previous || '', cross: previous ? crossCount(result) : null };
}

let server, browser, folder;
before(async () => {
  server = await serve();
  browser = await launch();
  // A folder as staff keep it: reports, a notes file and Word's lock file, which are skipped.
  folder = mkdtempSync(join(tmpdir(), 'nianbao-batch-'));
  mkdirSync(join(folder, '2020'));
  for (const s of seeds) copyFileSync(join(paths.seeds, s.file), join(folder, '2020', s.file));
  writeFileSync(join(folder, '说明.xlsx'), 'PK');
  writeFileSync(join(folder, '2020', '~$铁力市.docx'), 'lock');
});
after(async () => {
  await browser.close();
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

async function withPage(run, options) {
  const opened = await openPage(browser, options);
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

function drop(page, list) {
  return page.evaluate((given) => {
    const transfer = new DataTransfer();
    for (const f of given) transfer.items.add(new File([f.bytes ? new Uint8Array(f.bytes) : f.text], f.file));
    document.querySelector('.nb-batch-area').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, list);
}

const done = (page) => page.waitForSelector('.nb-batch[data-nb-batch-state="done"]', { timeout: 60000 });

/** The summary table as drawn: one object per row, in order. */
function rows(page) {
  return page.$$eval('.nb-batch-table tbody tr', (trs) => trs.map((tr) => {
    const cell = (col) => tr.querySelector(`[data-col="${col}"]`).textContent.replace(/^[✖⚠]\s*/, '');
    return {
      file: tr.getAttribute('data-file'), state: tr.getAttribute('data-state'), previous: tr.getAttribute('data-previous'),
      agency: cell('agency'), year: cell('year'), format: cell('format'), errors: cell('errors'), warnings: cell('warnings'),
      unread: cell('unread'), marked: cell('marked'), cross: cell('cross'), note: cell('note'),
    };
  }));
}

test('dropping the seeds and the corpus at once lists each report as the core checks it, with consecutive years paired', () => withPage(async ({ page }) => {
  // The user's own draft in the single view, which nothing below may touch.
  const draft = asTextarea(seeds.find((s) => s.id === '002').text).replace('金林区', '我的草稿区');
  await typeInto(page, draft);
  await settled(page);

  await page.click('[data-mode="batch"]');
  assert.equal(await page.isHidden('#nb-app'), true, 'the single view steps aside');
  // Every value the progress bar takes on the way, to see it only ever fills.
  await page.$eval('[role="progressbar"]', (bar) => {
    window.__steps = [];
    new MutationObserver(() => window.__steps.push(Number(bar.getAttribute('aria-valuenow')))).observe(bar, { attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  assert.equal(await page.getAttribute('[data-mode="batch"]', 'aria-pressed'), 'true');
  await drop(page, [...files, NOT_TEXT]);
  await done(page);

  const drawn = rows(page);
  const list = await drawn;
  assert.equal(list.length, files.length + 1, 'one row per dropped file');
  const got = new Map(list.map((r) => [r.file, r]));
  for (const { file } of files) {
    const row = got.get(file);
    const { result, previous, cross } = expected(file);
    assert.equal(row.state, 'done', `${file}: checked`);
    assert.equal(row.agency, result.report.agency || '（未识别）', `${file}: agency`);
    assert.equal(row.year, result.report.year === null ? '（未识别）' : String(result.report.year), `${file}: year`);
    assert.equal(row.format, SHORT[result.report.format], `${file}: format`);
    assert.equal(row.errors, String(result.summary.errors), `${file}: errors`);
    assert.equal(row.warnings, String(result.summary.warnings), `${file}: warnings`);
    assert.equal(row.unread, String(result.summary.cells_expected - result.summary.cells_read), `${file}: cells unread`);
    assert.equal(row.marked, '0', `${file}: no finding is marked`);
    assert.equal(row.previous, previous, `${file}: paired with ${previous || 'nothing'}`);
    if (previous) {
      const note = result.diagnostics.find((d) => d.code === 'cross-year-mismatch');
      const words = note ? '未能核对' : cross ? `${cross} 条问题` : '一致';
      assert.ok(row.cross.includes(words), `${file}: cross-year column says "${words}" (got "${row.cross}")`);
      if (note) assert.ok(row.note.includes(note.message), `${file}: the note says why (${note.message})`);
    }
  }
  assert.equal(got.get(seed000.file).errors, '4', 'seed 000 has its 4 errors');
  assert.equal(expected(NEXT_YEAR.file).cross, 4, 'the made-up next year breaks the carry-over of four items');
  assert.match(got.get(NEXT_YEAR.file).cross, /与 2020 年度报告核对：4 条问题/);
  assert.match(got.get(seed000.file).cross, /作为 2021 年度的上年报告/);
  const refused = got.get(NOT_TEXT.file);
  assert.equal(refused.state, 'refused', 'a file the page cannot read is listed as such');
  assert.ok(refused.note.length > 10, `it says why: ${refused.note}`);
  assert.equal(refused.errors, '—');

  const bar = await page.$eval('[role="progressbar"]', (b) => [b.getAttribute('aria-valuenow'), b.getAttribute('aria-valuemax')]);
  assert.equal(bar[0], bar[1], 'the progress bar is full');
  const steps = await page.evaluate(() => window.__steps);
  assert.ok(steps.length >= 2, `the bar moved while the batch ran (${steps.join(' ')})`);
  assert.deepEqual(steps, steps.slice().sort((a, b) => a - b), 'and never went back');
  assert.equal(Number(bar[1]), files.length + 1 + Object.keys(PAIRS).length, 'a step per file and one per pair');
  assert.match(await page.textContent('.nb-batch-totals'), new RegExp(`共 ${files.length + 1} 份报告.*其中 2 份有错误.*1 份未能读取.*${Object.keys(PAIRS).length} 组`));

  // ── sorting: buttons in the headers, by keyboard ──
  await page.focus('[data-sort="errors"]');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('th[data-col="errors"]', 'aria-sort'), 'descending');
  let order = await rows(page);
  const numbers = (rs, key) => rs.map((r) => r[key]).filter((v) => /^\d+$/.test(v)).map(Number);
  assert.deepEqual(numbers(order, 'errors'), numbers(order, 'errors').slice().sort((a, b) => b - a), 'most errors first');
  assert.equal(order[0].file, seed000.file, 'seed 000 leads (its copy ties, and comes later in the drop)');
  assert.equal(order[order.length - 1].file, NOT_TEXT.file, 'an unread file sorts last');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('th[data-col="errors"]', 'aria-sort'), 'ascending');
  order = await rows(page);
  assert.deepEqual(numbers(order, 'errors'), numbers(order, 'errors').slice().sort((a, b) => a - b));
  await page.click('[data-sort="year"]');
  order = await rows(page);
  assert.equal(await page.getAttribute('th[data-col="errors"]', 'aria-sort'), null, 'one column is sorted at a time');
  const years = numbers(order, 'year');
  assert.deepEqual(years, years.slice().sort((a, b) => b - a), 'years, newest first');
  await page.click('[data-sort="agency"]');
  order = await rows(page);
  const agencies = order.map((r) => r.agency).filter((a) => a && a !== '（未识别）');
  assert.deepEqual(agencies, agencies.slice().sort((a, b) => a.localeCompare(b, 'zh-CN')), 'agencies in Chinese order');

  // ── filtering ──
  await page.check('#nb-batch-errors-only');
  order = await rows(page);
  assert.deepEqual(order.map((r) => r.file).sort(), [seed000.file, NEXT_YEAR.file].sort(), '只看有错误的');
  assert.match(await page.textContent('.nb-batch-shown'), /中的 2 份/);
  await page.uncheck('#nb-batch-errors-only');
  await page.fill('#nb-batch-filter', '平潭县');
  order = await rows(page);
  assert.deepEqual(order.map((r) => r.file).sort(), ['old_2011_pingtan-xian.txt', 'old_2012_pingtan-xian.txt', 'old_2013_pingtan-xian.txt']);
  await page.fill('#nb-batch-filter', '');
  assert.equal((await rows(page)).length, files.length + 1);

  // ── a row opens the full view; back returns to the summary and the row ──
  await page.click(`tr[data-file="${NEXT_YEAR.file}"] .nb-batch-open`);
  const detail = '.nb-batch-detail .nb-app';
  await page.waitForSelector(`${detail}[data-nb-state="done"]`);
  assert.equal(await page.isHidden('.nb-batch-summary-view'), true);
  const next = expected(NEXT_YEAR.file).result;
  assert.equal(await page.textContent(`${detail} [data-count="errors"] strong`), String(next.summary.errors));
  assert.equal(await page.textContent(`${detail} [data-count="warnings"] strong`), String(next.summary.warnings), 'with the cross-year findings');
  assert.equal(await page.inputValue(`${detail} textarea.nb-textarea`), asTextarea(NEXT_YEAR.text));
  assert.equal(await page.$eval(`${detail} .nb-previous textarea`, (t) => t.value), asTextarea(seed000.text), 'last year\'s report beside it');
  await page.click('[data-action="batch-back"]');
  assert.equal(await page.isVisible('.nb-batch-table'), true);
  assert.equal(await page.$(detail), null, 'the full view is gone');
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr').getAttribute('data-file')), NEXT_YEAR.file, 'focus back on its row');

  // ── exports ──
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="batch-csv"]')]);
  assert.match(download.suggestedFilename(), /^年报批量校验汇总_\d{4}-\d\d-\d\d\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFF文件,单位,年度,格式,结论,错误,警告'), 'BOM and the header');
  assert.ok(csv.endsWith('\r\n') && !/[^\r]\n/.test(csv), 'CRLF line ends only');
  const lines = csv.slice(1).split('\r\n').filter(Boolean);
  assert.equal(lines.length, files.length + 2, 'a header and a line per report');
  const line000 = lines.find((l) => l.startsWith(`${seed000.file},`)).split(',');
  assert.deepEqual(line000.slice(1, 7), ['铁力市', '2020', '2019 年版', '4 处错误', '4', String(check(seed000.text).summary.warnings)]);

  await page.emulateMedia({ media: 'print' });
  const pdfBytes = await page.pdf({ format: 'A4' });
  if (process.env.NIANBAO_KEEP_PRINT) writeFileSync(process.env.NIANBAO_KEEP_PRINT, pdfBytes);
  const pdf = pdfBytes.toString('latin1');
  const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `the summary of ${files.length + 1} reports prints on one page`);
  assert.match(await page.textContent('.nb-batch-print-head'), /批量校验汇总.*校验时间 \d{4}-\d\d-\d\d \d\d:\d\d 校验程序版本 \d/);
  await page.emulateMedia({ media: 'screen' });

  // ── the single view and its draft were never touched ──
  await page.click('[data-mode="single"]');
  assert.equal(await page.isVisible('#nb-app textarea.nb-textarea'), true);
  assert.equal(await page.inputValue('#nb-app textarea.nb-textarea'), draft);
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => /:text$/.test(k)).map((k) => localStorage.getItem(k)));
  assert.ok(stored.includes(draft), 'the saved draft is the user\'s');
}));

test('a chosen folder is walked: its reports are listed, other files skipped', () => withPage(async ({ page }) => {
  await page.click('[data-mode="batch"]');
  await page.setInputFiles('[data-action="batch-folder"] + input[type=file]', folder);
  await done(page);
  const list = await rows(page);
  assert.deepEqual(list.map((r) => r.file.replace(/^.*\//, '')).sort(), seeds.map((s) => s.file).sort());
  assert.ok(list.every((r) => r.file.includes('2020/')), 'shown with their folder');
  assert.match(await page.textContent('.nb-batch-notice'), /另有 2 个不是报告的文件，已跳过/);
  const row = list.find((r) => r.file.endsWith(seed000.file));
  assert.equal(row.errors, '4');
  await page.click('[data-action="batch-clear"]');
  assert.equal((await rows(page)).length, 0);
}));

test('at 200% zoom and by keyboard alone: no page-wide overflow, no serious axe finding, a row opens and leads back', () => withPage(async ({ page }) => {
  await page.click('[data-mode="batch"]');
  await drop(page, seeds.map((s) => ({ file: s.file, text: s.text })));
  await done(page);
  // 200% zoom of a 1280 px window is a 640 CSS px viewport; the table scrolls in its own box.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
  await page.addScriptTag({ path: new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname });
  const violations = () => page.evaluate(async () => (await window.axe.run(document.querySelector('#nb-batch'), { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`));
  assert.deepEqual(await violations(), []);

  await page.focus('[data-sort="errors"]');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('th[data-col="errors"]', 'aria-sort'), 'descending');
  const path = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    path.push(await page.evaluate(() => document.activeElement.getAttribute('data-sort') || document.activeElement.className));
  }
  assert.deepEqual(path, ['warnings', 'unread', 'marked', 'cross', 'nb-batch-open', 'nb-batch-open'], 'the headers, then the rows');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.nb-batch-detail .nb-app[data-nb-state="done"]');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('nb-batch-detail-title')), true, 'focus moves to the report');
  assert.equal(await page.textContent('.nb-batch-detail [data-count="errors"] strong'), '4', 'seed 000, most errors, opened');
  assert.deepEqual(await violations(), []);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('.nb-batch-table'), true, 'back to the summary');
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr').getAttribute('data-file')), seed000.file);
}, { viewport: { width: 640, height: 900 } }));

test('a dropped folder is walked through its entries (webkitGetAsEntry): nested folders, batches of entries, lock files skipped', () => withPage(async ({ page }) => {
  await page.click('[data-mode="batch"]');
  // A synthetic drop carries no file system: the entries API is stood in for, shaped as Chromium's
  // (readEntries answers in batches, then with an empty one).
  await page.evaluate((given) => {
    const file = (path, text) => {
      const name = path.replace(/^.*\//, '');
      return { isFile: true, isDirectory: false, name, fullPath: `/${path}`, file: (ok) => ok(new File([text], name)) };
    };
    const folder = (path, children) => ({
      isFile: false, isDirectory: true, name: path.replace(/^.*\//, ''), fullPath: `/${path}`,
      createReader() {
        let at = 0;
        return { readEntries(ok) { const batch = children.slice(at, at + 2); at += 2; setTimeout(() => ok(batch), 0); } };
      },
    });
    const sub = folder('报告/2020年', [...given.slice(2).map((s) => file(`报告/2020年/${s.file}`, s.text)),
      file('报告/2020年/~$锁定.docx', 'lock'), file('报告/2020年/统计.xlsx', 'PK')]);
    const top = folder('报告', [file(`报告/${given[0].file}`, given[0].text), sub, file(`报告/${given[1].file}`, given[1].text),
      file('报告/.DS_Store', '')]);
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], 'folder-stand-in'));
    const original = DataTransferItem.prototype.webkitGetAsEntry;
    DataTransferItem.prototype.webkitGetAsEntry = () => top;
    document.querySelector('.nb-batch-area').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    DataTransferItem.prototype.webkitGetAsEntry = original;
  }, seeds.map((s) => ({ file: s.file, text: s.text })));
  await done(page);
  const list = await rows(page);
  assert.deepEqual(list.map((r) => r.file.replace(/^.*\//, '')).sort(), seeds.map((s) => s.file).sort(), 'every report, none of the rest');
  assert.equal(list.filter((r) => r.file.startsWith('报告/2020年/')).length, 3, 'the nested ones with their folder');
  assert.match(await page.textContent('.nb-batch-notice'), /另有 3 个不是报告的文件，已跳过/);
  assert.equal(list.find((r) => r.file.endsWith(seed000.file)).errors, '4');
}));

test('a marks file (…_已核实标记.tsv) dropped with the reports counts its marks on the report they belong to', () => withPage(async ({ page }) => {
  await page.click('[data-mode="batch"]');
  const errors = check(seed000.text).diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 4);
  // Two of seed 000's four errors marked, as the page's 导出已核实标记 writes them; a line for a
  // finding no report has, and a comment, change nothing.
  const tsv = `# 已核实标记\n${errors[0].fingerprint}\t已与业务科室核对\n${errors[1].fingerprint}\t\n0123456789abcdef\t别的报告\n`;
  const other = seeds.find((s) => s.id === '004');
  await drop(page, [{ file: seed000.file, text: seed000.text }, { file: '铁力市_2020_已核实标记.tsv', text: tsv }, { file: other.file, text: other.text }]);
  await done(page);
  const list = await rows(page);
  assert.equal(list.length, 2, 'the marks file is not listed as a report');
  assert.equal(list.find((r) => r.file === seed000.file).marked, '2');
  assert.equal(list.find((r) => r.file === other.file).marked, '0');
}));
