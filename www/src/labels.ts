// Chinese names for what the contract holds in English: cell paths (from the core's table layout,
// never a second copy of the vocabulary), formats, severities and values.
import type { Cell, CheckResult, Format, Layout, Severity } from './types';

export const FORMAT_NAMES: Record<Format, string> = {
  f2019: '2019 年版格式（国办公开办函〔2019〕60号）',
  f2021: '2021 年版格式（国办公开办函〔2021〕30号）',
  old: '2019 年以前的统计表格式',
  unknown: '未识别的格式',
};

export const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
/** Shown with the severity's colour and name, so it never rests on colour alone. */
export const SEVERITY_ICONS: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

/** Table names for grouping findings and CSV rows; drawn national tables take their captions from the core's layout. */
export const TABLE_NAMES: Record<string, string> = {
  t2: '表二 主动公开政府信息情况',
  t3: '表三 收到和处理政府信息公开申请情况',
  t4: '表四 政府信息公开行政复议、行政诉讼情况',
  old: '统计表',
  pct: '正文中的百分比表',
};

/** "（二）部分公开（区分处理的…）" → "（二）部分公开": the row's number and name without the note. */
function shortLabel(label: string): string {
  const match = /^(（[^）]*）)?[^（(]*/.exec(label);
  return match && match[0] ? match[0] : label;
}

/** Describes cell paths in Chinese, e.g. "表三（七）总计 自然人". */
export function pathDescriber(layout: Layout, result: CheckResult): (path: string) => string {
  const names = new Map<string, string>();
  if (layout.t3) {
    let group = '';
    for (const row of layout.t3.rows) {
      if (!row.key) {
        group = row.level > 0 ? shortLabel(row.label) : '';
        continue;
      }
      if (row.level < 2) group = '';
      const rowName = (row.level === 2 && group ? `${group} ` : '') + shortLabel(row.label);
      for (const column of layout.t3.columns) names.set(`t3.${row.key}.${column.key}`, `表三${rowName} ${column.label}`);
    }
  }
  if (layout.t4) {
    for (const group of layout.t4.groups)
      for (const column of layout.t4.columns) names.set(`t4.${group.key}.${column.key}`, `表四${group.label} ${column.label}`);
  }
  for (const row of layout.t2 || [])
    for (const column of row.columns) names.set(`t2.${row.key}.${column.key}`, `表二${row.label} ${column.label}`);
  return (path) => {
    const known = names.get(path);
    if (known) return known;
    const old = /^(old\.\d+)(\.cumulative)?$/.exec(path);
    const cell = old ? result.report.cells[old[1]] : null;
    if (old && cell && cell.label) return `统计表“${cell.label}”${old[2] ? ' 历年累计' : ''}`;
    const pct = /^pct\.(\d+)\.(\d+)(\.percent)?$/.exec(path);
    const category = pct ? result.report.cells[`pct.${pct[1]}.${pct[2]}`] : null;
    if (pct) return `正文表 ${pct[1]}“${category && category.label ? category.label : pct[2]}”${pct[3] ? ' 百分比' : ' 数量'}`;
    return path;
  };
}

/** The value as read, for display: counts as digits, money in 元, placeholders as printed. */
export function displayValue(cell: Cell): string {
  if (cell.value === null) return cell.text;
  return String(cell.value);
}

/** The table a path belongs to: "t2", "t3", "t4", "old", or "" when none. */
export function tableOf(path: string): string {
  const head = path.split('.')[0];
  return head in TABLE_NAMES ? head : '';
}
