// Everything the user reads is Chinese: no path key ("old.1", "issued", "natural_person"), no
// "undefined"/"NaN"/"null"/"[object Object]", no raw JSON, no number where the cell was blank,
// no unpaired （） “” 《》. Read over a representative set of inputs, each opened as a file: the
// page's visible text (the report's own text excluded), its tooltips and labels, and the print view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { openPage, servedBrowser, settled } from './chromium.mjs';

const fixture = (name) => new URL(`../fixtures/${name}`, import.meta.url);
const INPUTS = [
  'seeds/000_7a90e1b32b8dd451.txt', // 2019 format
  'seeds/003_fda1f0f22a5f0f10.txt', // pre-2019 statistics table
  'corpus/old_2012_pingtan-xian.txt', // pre-2019 with rows not read at all (no label)
  'variants/pingtan-2022-blankcols/word.txt', // 2021 format, blank table 二 cells
  'variants/seed-002/crawler.txt', // cells glued by a crawler
  'docs/corpus_f2021_2022_pingtan-syq.docx', // Word, blank table 二 cells
  'pdf/report_chromium.pdf',
];
const MIME = { txt: 'text/plain', pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
// Names users know (file kinds, products) and the CLI option the marks export is for.
const ALLOWED = new Set(['Word', 'WPS', 'PDF', 'OCR', 'UTF', 'GBK', 'CSV', 'JSON', 'docx', 'doc', 'wps', 'pdf', 'html', 'htm', 'txt', 'csv', 'json', 'tsv', 'nianbao', 'accept']);
const PAIRS = [['（', '）'], ['“', '”'], ['《', '》']];

/** What is wrong with one line the user reads; `own` holds the words the report itself contains. */
export function leaks(line, own) {
  const found = [];
  const text = line.replace(/[\w.-]+\.(txt|docx|pdf)\b/g, ''); // the opened file's name
  for (const word of text.match(/[A-Za-z_][A-Za-z0-9_.]*/g) || []) {
    if (/[a-z]/.test(word) && !ALLOWED.has(word) && !own.has(word)) found.push(word);
  }
  if (/\[object |\{"|\bNaN\b/.test(text)) found.push('raw value');
  for (const [open, close] of PAIRS) if (text.split(open).length !== text.split(close).length) found.push(`${open}${close} unpaired`);
  if (text.includes('““') || text.includes('””')) found.push('““ or ”” (the inner quote should be ‘’)');
  if (/。。|。）。/.test(text)) found.push('。 doubled');
  return found;
}

const session = servedBrowser();

test('the leak finder sees keys, raw values and unpaired brackets, and passes plain Chinese', () => {
  assert.deepEqual(leaks('表二“规章”一行有 3 个单元格为空（issued、in_force）', new Set()), ['issued', 'in_force']);
  assert.deepEqual(leaks('涉及：old.1；统计表第 2 行', new Set()), ['old.1']);
  assert.deepEqual(leaks('建议改为 undefined', new Set()), ['undefined']);
  assert.deepEqual(leaks('（Word 文档；文档含修订标记（删除的文字不计）。）。', new Set()), ['。 doubled']);
  assert.deepEqual(leaks('[object Object]（', new Set()), ['object', 'Object', 'raw value', '（） unpaired']);
  assert.deepEqual(leaks('已打开 a_b.docx（Word 文档，从 PDF 复制）：http', new Set(['http'])), []);
});

test('what the user reads is Chinese, over every kind of input', async () => {
  const { context, page, errors } = await openPage(session.browser);
  try {
    await page.goto(session.server.url);
    await settled(page);
    const problems = [];
    for (const name of INPUTS) {
      const bytes = readFileSync(fixture(name));
      const before = await page.inputValue('textarea.nb-textarea');
      await page.setInputFiles('.nb-input > .nb-editor ~ * input[type=file], .nb-actions input[type=file]', {
        name: basename(name), mimeType: MIME[name.split('.').pop()], buffer: bytes,
      });
      await page.waitForFunction((old) => document.querySelector('textarea.nb-textarea').value !== old, before);
      await settled(page);
      const seen = await page.evaluate(() => {
        const editor = document.querySelector('.nb-editor');
        editor.style.display = 'none'; // the report's own text is the user's, not ours
        const attributes = [...document.querySelectorAll('[title],[aria-label],[placeholder],[alt]')]
          .flatMap((e) => ['title', 'aria-label', 'placeholder', 'alt'].map((a) => e.getAttribute(a)).filter(Boolean));
        const print = document.querySelector('.nb-print-report');
        const lines = [...document.body.innerText.split('\n'), ...attributes, print ? print.textContent : ''];
        // A cell blank or "/" in the report must not show a number.
        const numbered = [...document.querySelectorAll('td[data-path]')]
          .filter((td) => /原文中为空|原文“[/／]”/.test(td.title) && /\d/.test(td.querySelector('.nb-cell-value')?.textContent || ''))
          .map((td) => td.getAttribute('data-path'));
        editor.style.display = '';
        return { lines, numbered, own: document.querySelector('textarea.nb-textarea').value };
      });
      assert.ok(seen.lines.some((l) => /统计表|表二|表三/.test(l)), `${name}: tables drawn`);
      const own = new Set(seen.own.match(/[A-Za-z_][A-Za-z0-9_.]*/g) || []);
      for (const line of seen.lines) {
        const found = leaks(line, own);
        if (found.length) problems.push(`${name}: ${found.join(', ')} in “${line.slice(0, 160)}”`);
      }
      for (const path of seen.numbered) problems.push(`${name}: a number shown in blank cell ${path}`);
    }
    assert.deepEqual([...new Set(problems)], []);
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await context.close();
  }
});
