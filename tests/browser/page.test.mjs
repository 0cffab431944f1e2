// The standalone page served on localhost, driven in Debian's Chromium: every seed drawn as the
// contract says, findings select their text, live re-checking, the draft, files, exports, no
// network, accessibility and the keyboard-only path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { drawnCells, openPage, servedBrowser, settled, tabTo, typeInto } from './chromium.mjs';
import { seeds, asTextarea, check, encodeGbk } from './fixtures.mjs';
import { assertDrawn, findingCount, readSummary } from './render.mjs';

const require = createRequire(import.meta.url);
const session = servedBrowser();

/** Opens the page with an empty localStorage; asserts at the end that nothing left the page. */
async function withPage(run, options) {
  const opened = await openPage(session.browser, options);
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

/** Loads seed `id`: through its example button when the page offers it (000), else typed in. */
async function loadSeed(page, id) {
  const button = await page.$(`button[data-example="${id}"]`);
  if (button) await button.click();
  else await page.fill('textarea.nb-textarea', asTextarea(seeds.find((s) => s.id === id).text));
  await settled(page);
}

for (const seed of seeds) {
  test(`seed ${seed.id} checked through the page is drawn exactly as the contract says`, () => withPage(async ({ page }) => {
    await loadSeed(page, seed.id);
    const text = await page.inputValue('textarea.nb-textarea');
    assert.equal(text, asTextarea(seed.text).replace(/^\uFEFF/, text.startsWith('\uFEFF') ? '\uFEFF' : ''), 'the seed is in the text area');
    const result = check(text);
    const findings = await findingCount(page);
    assertDrawn(result, await drawnCells(page), await readSummary(page), findings, seed.file);
  }));
}

test('seed 000 marks the cells to change and the other side of each broken equation, not whole columns, with the repair in words once',
  () => withPage(async ({ page }) => {
    await loadSeed(page, '000');
    const result = check(await page.inputValue('textarea.nb-textarea'));
    assert.ok(result.summary.errors > 0, 'EXPECTED.md: seed 000 has balance errors');
    const drawn = await drawnCells(page);
    const pink = Object.keys(drawn).filter((p) => drawn[p].classes.includes('nb-cell--error')).sort();
    // The two cells of the repair, and 一、本年新收 and （二）部分公开 of the two columns: 6 of the 40 cells the errors involve.
    assert.deepEqual(pink, ['t3.new.natural_person', 't3.new.total', 't3.partial.natural_person', 't3.partial.total',
      't3.total.natural_person', 't3.total.total']);
    assert.equal((await page.$$('.nb-cell--chosen')).length, 0, 'nothing outlined before a finding is chosen');
    // The repair is said once, in the verdict; the four errors point to it.
    const said = await page.$$eval('.nb-repair', (ps) => ps.map((p) => p.textContent));
    assert.equal(said.length, 1, `one 建议: ${said}`);
    assert.equal(said[0], '最可能需要修改：表三（七）总计：自然人 0 → 1，总计 0 → 1');
    assert.ok(result.repairs.length > 0, 'EXPECTED.md: a repair exists');
    const repairs = await page.$$eval('.nb-repair', (ps) => ps.map((p) => p.textContent));
    for (const [path, value] of Object.entries(result.repairs[0].changes)) {
      assert.ok(repairs.some((r) => r.includes(`→ ${value}`) && !r.includes(path)), `repair of ${path} in words`);
      // The likely culprit stands out in the table with the value it needs.
      assert.ok(drawn[path].classes.includes('nb-cell--fix'), `${path} drawn as the cell to change`);
      assert.ok(drawn[path].text.includes(`建议改为 ${value}`), `${path} shows 建议改为 ${value}`);
    }
    // The prose warning names its two amounts by source, not as right and wrong.
    const prose = await page.$$eval('.nb-finding--warning .nb-finding-values', (ps) => ps.map((p) => p.textContent));
    assert.ok(prose.includes('统计表为 15，正文为 11'), `prose-table values: ${prose}`);
    const related = Object.entries(drawn).filter(([, c]) => c.classes.includes('nb-cell--related'));
    assert.ok(related.length > 0, 'cells only involved in an error are drawn quieter than the culprit');
    for (const [path] of related) assert.ok(!(path in result.repairs[0].changes), `${path} is not a repair cell`);
  }));

test('a text that is not a report draws no empty table and says why', () => withPage(async ({ page }) => {
  await page.fill('textarea.nb-textarea', '这不是一份年度报告。\n只是随便写的几行字。');
  await settled(page);
  assert.equal(await page.$$eval('.nb-tables table', (t) => t.length), 0, 'no table drawn');
  assert.match(await page.textContent('.nb-tables'), /没有找到统计表/);
  assert.match(await page.textContent('.nb-findings'), /没有找到统计表/);
}));

test('a long text is checked in the worker and drawn exactly as the contract says', () => withPage(async ({ page, requests }) => {
  await loadSeed(page, '000');
  assert.ok(!requests.some((url) => url.startsWith('blob:')), 'an ordinary report needs no worker');
  const long = `${asTextarea(seeds[0].text)}\n${'附：本段文字仅用于加长报告，不含任何统计数字。\n'.repeat(4500)}`;
  await typeInto(page, long);
  await settled(page);
  assert.ok(requests.some((url) => url.startsWith('blob:')), 'the worker was started from a Blob URL');
  const result = check(long);
  const findings = await findingCount(page);
  assertDrawn(result, await drawnCells(page), await readSummary(page), findings, 'long text');
}));

test('sixty copies of one report: findings of one kind folded with their rows, all counted, the text flagged as mixed', () => withPage(async ({ page }) => {
  const seed003 = seeds.find((s) => s.id === '003');
  const text = Array(60).fill(asTextarea(seed003.text)).join('\n');
  await typeInto(page, text);
  await settled(page);
  const result = check(text);
  const items = await page.$$eval('.nb-finding', (li) => li.length);
  assert.ok(items < 10, `folded into a few findings: ${items}`);
  assert.equal(await findingCount(page), result.diagnostics.length, 'every diagnostic counted in a fold');
  const fold = await page.$('.nb-finding--folded');
  assert.ok(fold, 'a folded finding');
  assert.match(await fold.textContent(), /共 \d+ 处/);
  // Each folded row jumps to its own place in the text.
  await fold.$eval('.nb-fold > summary', (s) => s.click());
  const member = await fold.$('.nb-fold-member:nth-child(1)');
  const rows = await fold.$$('.nb-fold-member');
  const last = rows[rows.length - 1];
  const index = Number(await last.getAttribute('data-index'));
  await last.click();
  const d = result.diagnostics[index];
  const selected = await page.evaluate(() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]);
  assert.ok(member, 'rows listed');
  if (!d.code.startsWith('prose-')) assert.deepEqual(selected, d.span);
  assert.match(await page.textContent('.nb-caution'), /出现了 60 次/);
}));

test('a paste over a million characters stays out of the text area but is checked whole', () => withPage(async ({ page }) => {
  // Seed 000 followed by filler prose: about 1.2 million characters.
  const filler = '附：本段文字仅用于加长报告，不含任何统计数字。\n'.repeat(52000);
  const text = `${asTextarea(seeds[0].text)}\n${filler}`;
  await page.fill('textarea.nb-textarea', '');
  await settled(page);
  await page.focus('textarea.nb-textarea');
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    document.querySelector('textarea.nb-textarea').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await settled(page);
  const shown = await page.inputValue('textarea.nb-textarea');
  assert.ok(shown.length < text.length / 10, `the text area holds a preview (${shown.length} characters)`);
  assert.ok(text.startsWith(shown), 'the preview is the start of the text');
  assert.ok(await page.$eval('textarea.nb-textarea', (t) => t.readOnly), 'the preview is read-only');
  assert.match(await page.textContent('.nb-large-note'), /校验针对全文/);
  const result = check(text);
  const findings = await findingCount(page);
  assertDrawn(result, await drawnCells(page), await readSummary(page), findings, 'large paste');
  // Choosing a finding still works (its place is within the preview here).
  await page.click('.nb-finding-choose[data-index="0"]');
  // Clearing leaves the large mode: the text area is editable again.
  await page.click('[data-action="clear-draft"]');
  assert.equal(await page.inputValue('textarea.nb-textarea'), '');
  assert.ok(!(await page.$eval('textarea.nb-textarea', (t) => t.readOnly)), 'editable again');
  assert.ok(await page.$eval('.nb-large-note', (n) => n.hidden), 'the note is gone');
}));

test('table 三 has the official three-row header', () => withPage(async ({ page }) => {
  await loadSeed(page, '002');
  const rows = await page.$$eval('.nb-table--t3 thead tr', (trs) => trs.map((tr) =>
    [...tr.children].map((th) => `${th.textContent}|${th.getAttribute('colspan') || 1}|${th.getAttribute('rowspan') || 1}`)));
  assert.deepEqual(rows, [
    ['项目|1|3', '申请人情况|7|1'],
    ['自然人|1|2', '法人或其他组织|5|1', '总计|1|2'],
    ['商业企业|1|1', '科研机构|1|1', '社会公益组织|1|1', '法律服务机构|1|1', '其他|1|1'],
  ]);
}));

test('choosing a finding selects its span in the text area and outlines its cells', () => withPage(async ({ page }) => {
  await loadSeed(page, '001');
  const result = check(await page.inputValue('textarea.nb-textarea'));
  assert.ok(result.diagnostics.length > 0, 'seed 001 has findings (EXPECTED.md: a short row)');
  const index = result.diagnostics.length - 1;
  const d = result.diagnostics[index];
  await page.click(`.nb-finding-choose[data-index="${index}"]`);
  const selection = await page.evaluate(() => {
    const t = document.activeElement;
    return { tag: t.tagName, start: t.selectionStart, end: t.selectionEnd };
  });
  assert.deepEqual(selection, { tag: 'TEXTAREA', start: d.span[0], end: d.span[1] });
  const chosen = await page.$$eval('.nb-cell--chosen', (tds) => tds.map((td) => td.getAttribute('data-path')).sort());
  assert.deepEqual(chosen, [...d.cells].sort());
  // The chosen cell is scrolled into the window.
  const seen = await page.$eval('.nb-cell--chosen', (td) => {
    const r = td.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(seen, 'an outlined cell is on screen');
}));

test('typing re-checks: a digit changed in the text changes the drawn cell', () => withPage(async ({ page }) => {
  await loadSeed(page, '002');
  const text = await page.inputValue('textarea.nb-textarea');
  const cell = check(text).report.cells['t3.new.natural_person'];
  assert.ok(cell && cell.value !== null, 'seed 002 has 一、本年新收 自然人');
  const changed = text.slice(0, cell.span[0]) + '7' + text.slice(cell.span[1]);
  await page.fill('textarea.nb-textarea', changed);
  await settled(page);
  const drawn = await drawnCells(page);
  assert.equal(drawn['t3.new.natural_person'].value, '7');
  assert.equal(drawn['t3.new.natural_person'].value, String(check(changed).report.cells['t3.new.natural_person'].value));
}));

test('the draft survives a reload; clearing it can be undone', () => withPage(async ({ page }) => {
  await loadSeed(page, '004');
  const draft = `${await page.inputValue('textarea.nb-textarea')}\n草稿末尾的一行`;
  await page.fill('textarea.nb-textarea', draft);
  await settled(page);
  await page.reload();
  await settled(page);
  assert.equal(await page.inputValue('textarea.nb-textarea'), draft);
  await page.click('[data-action="clear-draft"]');
  assert.equal(await page.inputValue('textarea.nb-textarea'), '');
  await page.click('button:has-text("撤销")');
  assert.equal(await page.inputValue('textarea.nb-textarea'), draft);
}));

test('loading an example over the user\'s own text offers to bring it back', () => withPage(async ({ page }) => {
  await page.fill('textarea.nb-textarea', '我自己的报告文字');
  await settled(page);
  await loadSeed(page, '000');
  assert.notEqual(await page.inputValue('textarea.nb-textarea'), '我自己的报告文字');
  await page.click('button:has-text("恢复原来的文字")');
  assert.equal(await page.inputValue('textarea.nb-textarea'), '我自己的报告文字');
}));

test('a GBK .txt file chosen from disk opens with its Chinese intact', () => withPage(async ({ page }) => {
  const seed = seeds.find((s) => s.id === '001');
  await page.setInputFiles('.nb-input > .nb-editor ~ * input[type=file], .nb-actions input[type=file]', {
    name: '虎林市2020.txt', mimeType: 'text/plain', buffer: encodeGbk(seed.text.replace(/^\uFEFF/, '')),
  });
  await page.waitForFunction((expected) => document.querySelector('textarea.nb-textarea').value === expected, asTextarea(seed.text.replace(/^\uFEFF/, '')));
  await settled(page);
  assert.match(await page.textContent('.nb-notice'), /GB18030/);
}));

test('a UTF-8 .txt file dropped on the text area opens', () => withPage(async ({ page }) => {
  const seed = seeds.find((s) => s.id === '002');
  const bytes = [...readFileSync(new URL(`../fixtures/seeds/${seed.file}`, import.meta.url))];
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'report.txt', { type: 'text/plain' }));
    const frame = document.querySelector('.nb-editor-frame');
    frame.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, bytes);
  await page.waitForFunction((expected) => document.querySelector('textarea.nb-textarea').value === expected, asTextarea(seed.text.replace(/^\uFEFF/, '')));
  assert.match(await page.textContent('.nb-notice'), /UTF-8/);
}));

test('exports: the result as JSON and every cell as CSV', () => withPage(async ({ page }) => {
  await loadSeed(page, '000');
  const result = check(await page.inputValue('textarea.nb-textarea'));
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-json"]')]);
  assert.deepEqual(JSON.parse(readFileSync(await json.path(), 'utf8')), result);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-csv"]')]);
  const lines = readFileSync(await csv.path(), 'utf8').split('\r\n').filter(Boolean);
  assert.ok(lines[0].startsWith('\uFEFF表,'), 'UTF-8 BOM and a header');
  assert.equal(lines.length, Object.keys(result.report.cells).length + 1, 'one line per cell');
}));

test('last year\'s report is an optional second input, kept in the draft', () => withPage(async ({ page }) => {
  await page.click('.nb-previous > summary');
  await page.fill('.nb-previous textarea', seeds[1].text);
  await settled(page);
  await page.reload();
  await settled(page);
  assert.equal(await page.inputValue('.nb-previous textarea'), asTextarea(seeds[1].text));
  assert.equal(await page.getAttribute('.nb-previous', 'open'), '', 'opened because it holds text');
}));

test('without WebAssembly the page says so in Chinese instead of staying blank', async () => {
  const { context, page } = await openPage(session.browser);
  try {
    await context.addInitScript(() => { delete window.WebAssembly; });
    await page.goto(session.server.url);
    await page.waitForFunction(() => /不支持 WebAssembly/.test(document.getElementById('nb-app').textContent));
  } finally {
    await context.close();
  }
});

test('axe-core finds no serious or critical accessibility violation', () => withPage(async ({ page }) => {
  await loadSeed(page, '001');
  await page.click('.nb-previous > summary');
  await page.click('.nb-finding-choose');
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`));
  assert.deepEqual(violations, []);
}));

test('readable at 200% zoom: nothing wider than the window except scrollable tables', () => withPage(async ({ page }) => {
  await loadSeed(page, '000');
  // 200% zoom of a 1280 px window is a 640 CSS px viewport.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
}, { viewport: { width: 640, height: 900 } }));

test('the whole path works by keyboard alone', () => withPage(async ({ page }) => {
  await tabTo(page, 'button[data-example="000"]');
  await page.keyboard.press('Enter');
  await settled(page);
  const result = check(await page.inputValue('textarea.nb-textarea'));
  await tabTo(page, '.nb-finding-choose');
  const index = Number(await page.evaluate(() => document.activeElement.getAttribute('data-index')));
  await page.keyboard.press('Enter');
  const selected = await page.evaluate(() => [document.activeElement.tagName, document.activeElement.selectionStart, document.activeElement.selectionEnd]);
  assert.deepEqual(selected, ['TEXTAREA', ...result.diagnostics[index].span]);
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-index')), String(index), 'Escape returns to the finding');
  await tabTo(page, '.nb-rule > summary');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.parentElement.open), true, 'rule explanation opens');
  await page.keyboard.press('Shift+Tab');
  await tabTo(page, '[data-action="export-json"]', 300);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  // Exports are named by agency and year (issue 20).
  assert.equal(download.suggestedFilename(), `${result.report.agency}_${result.report.year}_校验结果.json`);
}));

test('printing shows the one-page 校验报告 without the editor and buttons', () => withPage(async ({ page }) => {
  await loadSeed(page, '001');
  await page.emulateMedia({ media: 'print' });
  // Issue 20: print gives the 校验报告 (print.ts) only; review.test.mjs checks its content.
  const shown = await page.evaluate(() => Object.fromEntries(['.nb-input', '.nb-toolbar', '.nb-summary', '.nb-tables', '.nb-findings', '.nb-print-report']
    // Drawn at all: a hidden ancestor hides it though its own display is not none.
    .map((s) => [s, document.querySelector(s).getClientRects().length > 0])));
  assert.deepEqual(shown, { '.nb-input': false, '.nb-toolbar': false, '.nb-summary': false, '.nb-tables': false, '.nb-findings': false, '.nb-print-report': true });
}));

test('the page asks dual-kernel browsers for their webkit kernel', () => withPage(async ({ page }) => {
  assert.equal(await page.getAttribute('meta[name="renderer"]', 'content'), 'webkit');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
}));
