// Exports of a result: the contract as JSON, every table cell as CSV and every finding as CSV
// (UTF-8 with BOM and CRLF, so Excel on Chinese Windows opens them correctly). Findings marked
// 已核实，不改 say so in each.
import { adviceText } from './findings';
import { displayValue, SEVERITY_NAMES, TABLE_NAMES, tableOf } from './labels';
import { markOf, withAccepted, type ReviewMarks } from './marks';
import type { CheckResult, Rule } from './types';
import { suggestedValue, type Marks } from './tables';

/** The contract; with marks on this result, as `nianbao check --accept` prints it. */
export function resultJson(result: CheckResult, marks: ReviewMarks = new Map()): string {
  return JSON.stringify(withAccepted(result, marks), null, 2);
}

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tablesCsv(result: CheckResult, marks: Marks, describe: (path: string) => string, review: ReviewMarks = new Map()): string {
  // A cell whose findings are all marked 已核实 says so after its state.
  const open = new Set<string>();
  const accepted = new Set<string>();
  for (const d of result.diagnostics) for (const path of d.cells) (markOf(d, review) ? accepted : open).add(path);
  const rows: (string | number)[][] = [['表', '单元格', '路径', '读取值', '原文', '行号', '状态']];
  for (const path of Object.keys(result.report.cells)) {
    const cell = result.report.cells[path];
    const table = TABLE_NAMES[tableOf(path)] || '';
    const state = cell === null ? '缺失' : cell.value === null ? '占位符' : '';
    const mark = marks.get(path);
    const fix = suggestedValue(result, path);
    rows.push([
      table,
      describe(path),
      path,
      cell ? displayValue(cell) : '',
      cell ? cell.text : '',
      cell ? cell.line : '',
      [state, mark === 'error' ? '有错误' : mark === 'warning' ? '有警告' : '', mark && accepted.has(path) && !open.has(path) ? '已核实，不改' : '',
        fix !== undefined ? `建议改为 ${fix}` : '']
        .filter(Boolean).join('；'),
    ]);
  }
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One row per finding (folded ones too), in the contract's order. */
export function findingsCsv(result: CheckResult, marks: ReviewMarks, rules: Map<string, Rule>, describe: (path: string) => string): string {
  const rows: (string | number)[][] = [['级别', '规则', '表', '单元格', '说明', '建议', '已核实', '备注', '行号', '指纹']];
  for (const d of result.diagnostics) {
    const rule = rules.get(d.code);
    const tables = d.cells.map((p) => TABLE_NAMES[tableOf(p)] || '').filter((t, i, all) => t && all.indexOf(t) === i);
    const mark = markOf(d, marks);
    rows.push([
      SEVERITY_NAMES[d.severity],
      rule ? rule.summary : d.code,
      tables.join('；'),
      d.cells.map(describe).join('；'),
      d.message,
      adviceText(result, d, describe) || '',
      mark ? '已核实，不改' : '',
      // A note is the user's own words: one starting like a formula stays text in Excel.
      mark ? mark.note.replace(/^[=+\-@]/, "'$&") : '',
      d.line,
      d.fingerprint,
    ]);
  }
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
