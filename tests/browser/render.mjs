// Shared assertion: the page drew exactly what the contract says, cell by cell.
import assert from 'node:assert/strict';
import { errorCells as coloured, shownValue } from './fixtures.mjs';

/** Compares the drawn tables, summary counts and findings with `result`. */
export function assertDrawn(result, drawn, summary, findingCount, name) {
  const errorCells = coloured(result);
  for (const [path, cell] of Object.entries(result.report.cells)) {
    const td = drawn[path];
    assert.ok(td, `${name}: cell ${path} is drawn`);
    if (cell === null) {
      assert.ok(td.classes.includes('nb-cell--missing'), `${name}: ${path} marked missing`);
      assert.match(td.text, /缺失/, `${name}: ${path} says 缺失`);
      assert.equal(td.value, null, `${name}: ${path} shows no value`);
    } else if (cell.value === null) {
      assert.ok(td.classes.includes('nb-cell--placeholder'), `${name}: ${path} marked as placeholder`);
      assert.equal(td.value, cell.text, `${name}: ${path} shows the placeholder as printed`);
    } else {
      assert.ok(!td.classes.includes('nb-cell--missing') && !td.classes.includes('nb-cell--placeholder'), `${name}: ${path} is a value`);
      assert.equal(td.value, shownValue(path, cell), `${name}: ${path} shows the value read`);
    }
    if (errorCells.has(path)) {
      assert.ok(td.classes.includes('nb-cell--error'), `${name}: ${path} in an error is coloured`);
      assert.match(td.text, /✖/, `${name}: ${path} in an error has the icon`);
      assert.match(td.text, /错误/, `${name}: ${path} in an error says 错误`);
    } else {
      assert.ok(!td.classes.includes('nb-cell--error'), `${name}: ${path} is not marked as an error`);
    }
  }
  assert.equal(Object.keys(drawn).length, Object.keys(result.report.cells).length, `${name}: no extra cells drawn`);
  assert.equal(summary.errors, result.summary.errors, `${name}: error count`);
  assert.equal(summary.warnings, result.summary.warnings, `${name}: warning count`);
  assert.equal(summary.cells, `${result.summary.cells_read} / ${result.summary.cells_expected}`, `${name}: cells read`);
  assert.equal(findingCount, result.diagnostics.length, `${name}: every diagnostic drawn (folded ones counted)`);
}

/** How many diagnostics the findings list holds: a folded finding counts its members. */
export function findingCount(page) {
  return page.$$eval('.nb-finding', (li) => li.reduce((n, f) => n + Number(f.getAttribute('data-folded') || 1), 0));
}

/** The summary bar's numbers as drawn. */
export function readSummary(page) {
  return page.$$eval('[data-count]', (spans) => Object.fromEntries(spans.map((s) => {
    const strong = s.querySelector('strong');
    const text = strong ? strong.textContent : '';
    return [s.getAttribute('data-count'), /^\d+$/.test(text) ? Number(text) : text];
  })));
}
