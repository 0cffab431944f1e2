// Review work (issue 20): a finding marked 已核实，不改 with a note follows the finding through edits
// and reloads and lapses when its value changes; the one-page 校验报告 prints as one page for seed
// 000; the exports are named by agency and year, and the findings CSV and the marks file say
// which findings were marked — the marks file read by `nianbao check --accept` too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, servedBrowser, settled, typeInto } from './chromium.mjs';
import { seeds, asTextarea, check } from './fixtures.mjs';

const session = servedBrowser();

async function withPage(run, options) {
  const opened = await openPage(session.browser, options);
  try {
    await opened.page.goto(session.server.url);
    await settled(opened.page);
    await run(opened);
    assert.deepEqual(opened.errors, [], 'no script errors');
  } finally {
    await opened.context.close();
  }
}

const seed000 = asTextarea(seeds.find((s) => s.id === '000').text);
const TOTALS = '（七）总计 0 0 0 0 0 0 0';
/** The 总计-column balance error of seed 000: its fingerprint changes when （七）总计's 总计 does. */
const target = (result) => result.diagnostics.find((d) => d.code === 't3-identity' && d.cells[0] === 't3.total.total');

async function loadSeed000(page) {
  await page.click('button[data-example="000"]');
  await settled(page);
}

/** Marks the finding with `fingerprint` from the keyboard: its button, the note, Enter. */
async function markByKeyboard(page, fingerprint, note) {
  const item = `li[data-fingerprint="${fingerprint}"]`;
  await page.focus(`${item} [data-action="mark"]`);
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute(`${item} [data-action="mark"]`, 'aria-expanded'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('nb-mark-input')), true, 'the note field has focus');
  await page.keyboard.type(note);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${item}[data-accepted="true"]`);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-action')), 'unmark', 'focus stays on the finding');
}

const verdict = (page) => page.textContent('.nb-verdict');

test('a mark follows its finding through an edit elsewhere and a reload, and lapses when the value changes', () => withPage(async ({ page }) => {
  await loadSeed000(page);
  const result = check(seed000);
  const finding = target(result);
  assert.ok(finding && /^[0-9a-f]{16}$/.test(finding.fingerprint), 'the contract gives each finding a fingerprint');
  assert.match(await verdict(page), /发现 4 处勾稽关系错误/);

  await markByKeyboard(page, finding.fingerprint, '经核对原始台账，数字无误');
  assert.match(await verdict(page), /发现 3 处勾稽关系错误（另有 1 处已核实，不改）/);
  assert.equal(await page.textContent('[data-count="accepted"]'), '☑ 已核实 1 项');
  assert.match(await page.textContent(`li[data-fingerprint="${finding.fingerprint}"] .nb-accepted-note`), /已核实，不改：经核对原始台账，数字无误/);
  assert.equal(await page.$$eval('.nb-finding', (items) => items.length), result.diagnostics.length, 'the marked finding stays listed');

  // An edit elsewhere (a sentence at the end), then a reload: still marked.
  await typeInto(page, `${seed000}\n本报告如有疑问，请与办公室联系。\n`);
  await settled(page);
  await page.waitForSelector(`li[data-fingerprint="${finding.fingerprint}"][data-accepted="true"]`);
  await page.reload();
  await settled(page);
  assert.match(await page.inputValue('textarea.nb-textarea'), /请与办公室联系/, 'the draft came back');
  await page.waitForSelector(`li[data-fingerprint="${finding.fingerprint}"][data-accepted="true"]`);
  assert.match(await verdict(page), /发现 3 处勾稽关系错误/);

  // The finding's own value changes: a new finding, open again.
  const changed = `${seed000.replace(TOTALS, '（七）总计 0 0 0 0 0 0 2')}\n本报告如有疑问，请与办公室联系。\n`;
  await typeInto(page, changed);
  await settled(page);
  const revived = target(check(changed));
  assert.ok(revived && revived.fingerprint !== finding.fingerprint, 'the changed value gives a new fingerprint');
  assert.equal(await page.$$eval('[data-accepted="true"]', (items) => items.length), 0, 'no finding is marked');
  assert.equal(await page.$('[data-count="accepted"]'), null);
  // Every error open (the 2 also breaks its row's total: one more error than before).
  assert.equal(await verdict(page), `✖ 发现 ${check(changed).summary.errors} 处勾稽关系错误`);

  // Taking a mark off: back to open.
  await typeInto(page, seed000);
  await settled(page);
  await page.waitForSelector(`li[data-fingerprint="${finding.fingerprint}"][data-accepted="true"]`);
  await page.click(`li[data-fingerprint="${finding.fingerprint}"] [data-action="unmark"]`);
  assert.match(await verdict(page), /发现 4 处勾稽关系错误/);
}));

test('all errors marked: the verdict says so, and the exports carry the marks', () => withPage(async ({ page }) => {
  await loadSeed000(page);
  const result = check(seed000);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 4);
  for (const [i, d] of errors.entries()) await markByKeyboard(page, d.fingerprint, `说明${i + 1}`);
  assert.match(await verdict(page), /勾稽关系错误 4 处均已核实，不改/);
  assert.equal(await page.getAttribute('.nb-verdict', 'data-verdict'), 'accepted');

  // Findings CSV: one row per finding, BOM, CRLF, marked rows say so.
  const [findings] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-findings"]')]);
  assert.equal(findings.suggestedFilename(), '铁力市_2020_问题清单.csv');
  const csv = readFileSync(await findings.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFF级别,规则,表,单元格,说明,建议,已核实,备注,'), 'BOM and header');
  assert.ok(csv.endsWith('\r\n') && !/[^\r]\n/.test(csv), 'CRLF line ends');
  const rows = csv.split('\r\n').filter(Boolean);
  assert.equal(rows.length, result.diagnostics.length + 1, 'one row per finding');
  assert.equal(rows.filter((r) => r.includes(',已核实，不改,说明')).length, 4);
  assert.ok(rows.some((r) => r.startsWith('警告,') && !r.includes('已核实')), 'the warning is not marked');

  const [cells] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-csv"]')]);
  assert.equal(cells.suggestedFilename(), '铁力市_2020_单元格.csv');
  const cellRows = readFileSync(await cells.path(), 'utf8').split('\r\n');
  const total = cellRows.find((r) => r.includes(',t3.total.total,'));
  assert.match(total, /有错误；已核实，不改/, 'a cell whose findings are all marked says so');

  // JSON: as `nianbao check --accept` prints it.
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-json"]')]);
  assert.equal(json.suggestedFilename(), '铁力市_2020_校验结果.json');
  const exported = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(exported.summary.accepted, 4);
  assert.equal(exported.summary.open_errors, 0);
  assert.equal(exported.diagnostics.filter((d) => d.accepted).length, 4);

  // The marks file: fingerprint<TAB>note, which the CLI reads with --accept.
  const [marksFile] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-marks"]')]);
  assert.equal(marksFile.suggestedFilename(), '铁力市_2020_已核实标记.tsv');
  const tsv = readFileSync(await marksFile.path(), 'utf8');
  const lines = tsv.split('\r\n').filter((l) => l && !l.startsWith('#'));
  assert.deepEqual(lines.map((l) => l.split('\t')[0]).sort(), errors.map((d) => d.fingerprint).sort());
  // Opened in a fresh browser (no draft, no marks): the file brings the marks back.
  const other = await openPage(session.browser);
  try {
    await other.page.goto(session.server.url);
    await settled(other.page);
    await loadSeed000(other.page);
    assert.equal(await other.page.$$eval('[data-accepted="true"]', (items) => items.length), 0);
    await other.page.setInputFiles('.nb-marks-file', { name: '铁力市_2020_已核实标记.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(tsv) });
    await other.page.waitForSelector('.nb-verdict[data-verdict="accepted"]');
    assert.equal(await other.page.$$eval('[data-accepted="true"]', (items) => items.length), 4);
    assert.match(await other.page.textContent('.nb-notice'), /导入 4 条已核实标记，其中 4 条对应当前报告的问题/);
    assert.deepEqual(other.errors, []);
  } finally {
    await other.context.close();
  }

  const cli = join(import.meta.dirname, '../../target/debug/nianbao');
  if (!existsSync(cli)) {
    console.log('# target/debug/nianbao is not built: the CLI half of this check is skipped');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-review-'));
  writeFileSync(join(dir, 'marks.tsv'), tsv);
  writeFileSync(join(dir, 'report.txt'), seed000);
  const before = spawnSync(cli, ['check', join(dir, 'report.txt')]);
  assert.equal(before.status, 1, 'without the marks the CLI fails on the errors');
  const run = spawnSync(cli, ['check', '--accept', join(dir, 'marks.tsv'), join(dir, 'report.txt')], { encoding: 'utf8' });
  assert.equal(run.status, 0, 'with the page\'s marks the CLI passes');
  assert.equal(run.stdout.split('已核实，不改：说明').length - 1, 4);
}));

/** Pages of a PDF: poppler's pdfinfo when present, else the /Type /Page objects. */
function pageCount(pdf) {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-print-'));
  const file = join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)[1]), file };
  } catch {
    return { pages: (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length, file };
  }
}

function pdfText(file) {
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch {
    return null;
  }
}

test('the 校验报告 prints as one page for seed 000: report, time, version, verdict, four errors, 建议, notes, checker line', () => withPage(async ({ page }) => {
  await loadSeed000(page);
  const result = check(seed000);
  const marked = result.diagnostics.find((d) => d.severity === 'error');
  await markByKeyboard(page, marked.fingerprint, '已与业务科室核对');
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => Object.fromEntries(['.nb-input', '.nb-toolbar', '.nb-summary', '.nb-tables', '.nb-findings', '.nb-print-report', '.nb-page-title']
    // Drawn at all: a hidden ancestor hides it though its own display is not none.
    .map((s) => [s, document.querySelector(s).getClientRects().length > 0])));
  assert.deepEqual(shown, { '.nb-input': false, '.nb-toolbar': false, '.nb-summary': false, '.nb-tables': false, '.nb-findings': false, '.nb-print-report': true, '.nb-page-title': false });
  const printed = await page.textContent('.nb-print-report');
  for (const expected of ['铁力市2020年政府信息公开工作年度报告', '铁力市', '2020 年度', '2019 年版格式', '校验时间', '校验程序', '结论：发现 3 处勾稽关系错误（另有 1 处已核实，不改）', '核对人：', '已核实，不改：已与业务科室核对', '建议：'])
    assert.ok(printed.includes(expected), `the report says ${expected}`);
  assert.match(printed, /校验时间\d{4}-\d\d-\d\d \d\d:\d\d/);
  assert.equal(await page.$$eval('.nb-print-finding--error', (items) => items.length), 4, 'the four errors');
  assert.doesNotMatch(printed, /第 \d+ 行|撤销|标记为|规则说明/, 'nothing screen-only');
  const version = await page.evaluate(() => window.Nianbao.version());
  assert.ok(printed.includes(version), 'the program version');

  // Saving as PDF suggests the file name from the title (Ctrl+P too: the print events).
  const title = await page.title();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.title(), '铁力市_2020_校验报告');
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.title(), title);

  const { pages, file } = pageCount(await page.pdf({ format: 'A4', printBackground: false }));
  assert.equal(pages, 1, 'one page');
  const text = pdfText(file);
  if (text !== null) {
    assert.match(text.replace(/\s+/g, ''), /发现3处勾稽关系错误/, 'the PDF holds the verdict (CJK font present)');
    assert.equal((text.match(/【错误】/g) || []).length, 4);
  }
}));

test('readable at 200 % zoom: the mark control fits a 640 px wide window', () => withPage(async ({ page }) => {
  await loadSeed000(page);
  const fingerprint = target(check(seed000)).fingerprint;
  await page.click(`li[data-fingerprint="${fingerprint}"] [data-action="mark"]`);
  const fits = await page.evaluate((fp) => {
    const item = document.querySelector(`li[data-fingerprint="${fp}"]`).getBoundingClientRect();
    return Array.from(document.querySelectorAll(`li[data-fingerprint="${fp}"] .nb-mark-form > *`))
      .every((child) => { const r = child.getBoundingClientRect(); return r.left >= item.left - 1 && r.right <= item.right + 1; });
  }, fingerprint);
  assert.equal(fits, true, 'label, field and buttons stay inside the finding');
}, { viewport: { width: 640, height: 900 } }));

test('the checklist of notice requirements: seed 000 meets each, and each item selects its place', () => withPage(async ({ page }) => {
  await loadSeed000(page);
  // All met: folded to one line, opened by keyboard.
  assert.equal(await page.getAttribute('.nb-checklist', 'open'), null);
  assert.match(await page.textContent('.nb-checklist > summary'), /格式要求核对：5 项均符合/);
  await page.focus('.nb-checklist > summary');
  await page.keyboard.press('Enter');
  const states = await page.$$eval('.nb-check', (items) => items.map((li) => [li.getAttribute('data-check'), li.getAttribute('data-ok')]));
  assert.deepEqual(states, [['sections', 'yes'], ['order', 'yes'], ['title', 'yes'], ['period', 'yes'], ['format', 'yes']]);
  // The statistics period: the button selects the year where the text states it.
  await page.focus('[data-check="period"] button');
  await page.keyboard.press('Enter');
  const selected = await page.evaluate(() => {
    const area = document.querySelector('textarea.nb-textarea');
    return area.value.slice(area.selectionStart, area.selectionEnd);
  });
  assert.equal(selected, '2020');
  assert.match(await page.textContent('[data-check="title"]'), /铁力市，2020 年度/);
}));

test('the checklist says when the tables are of another year\'s format', () => withPage(async ({ page }) => {
  const text = asTextarea(readFileSync(join(import.meta.dirname, '../fixtures/corpus/f2019_2022_jiaxian-xizhen.txt'), 'utf8'));
  await typeInto(page, text);
  await settled(page);
  assert.equal(await page.getAttribute('.nb-checklist', 'open'), '', 'open: something is wanting');
  // This copy from a portal stops after part 三 and states no statistics period.
  assert.match(await page.textContent('.nb-checklist > summary'), /3 项不符合/);
  const states = await page.$$eval('.nb-check', (items) => items.map((li) => [li.getAttribute('data-check'), li.getAttribute('data-ok')]));
  assert.deepEqual(states, [['sections', 'no'], ['order', 'yes'], ['title', 'yes'], ['period', 'no'], ['format', 'no']]);
  assert.match(await page.textContent('[data-check="sections"]'), /未找到第四、五、六部分/);
  assert.match(await page.textContent('[data-check="format"]'), /2022 年度应使用2021 年版格式.*本报告为2019 年版格式/);
}));
