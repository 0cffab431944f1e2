// Exports of a result: the contract as JSON, and every table cell as CSV (UTF-8 with BOM, so
// Excel on Chinese Windows opens it correctly).
import { displayValue, TABLE_NAMES, tableOf } from './labels';
import type { CheckResult } from './types';
import { suggestedValue, type Marks } from './tables';

export function resultJson(result: CheckResult): string {
  return JSON.stringify(result, null, 2);
}

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tablesCsv(result: CheckResult, marks: Marks, describe: (path: string) => string): string {
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
      [state, mark === 'error' ? '有错误' : mark === 'warning' ? '有警告' : '', fix !== undefined ? `建议改为 ${fix}` : '']
        .filter(Boolean).join('；'),
    ]);
  }
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
