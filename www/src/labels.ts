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

/** A decimal string times 10^by (by may be negative), exactly: "230830000", -4 → "23083". */
export function shiftDecimal(value: string, by: number): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!match) return value;
  let digits = match[2] + (match[3] || '');
  let point = match[2].length + by;
  while (point > digits.length) digits += '0';
  while (point < 1) {
    digits = `0${digits}`;
    point++;
  }
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(point).replace(/0+$/, '');
  return `${match[1]}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "23083.5" → "23,083.5". */
export function grouped(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  return match ? match[1] + match[2].replace(/\B(?=(\d{3})+$)/g, ',') + (match[3] || '') : value;
}

/** Money as the report printed it: 万元 when its cells were printed in 万元 (the contract holds 元). */
export interface MoneyUnit {
  unit: '元' | '万元';
  shift: number;
}

const WAN: MoneyUnit = { unit: '万元', shift: -4 };
const YUAN: MoneyUnit = { unit: '元', shift: 0 };

/** The unit one money cell was printed in, or null when its text does not tell (0, or unreadable). */
function printedUnit(text: string, value: string): MoneyUnit | null {
  if (/万/.test(text)) return WAN;
  const printed = text.replace(/[^\d.]/g, '');
  if (!printed || shiftDecimal(value, 0) === '0') return null;
  if (shiftDecimal(printed, 4) === shiftDecimal(value, 0)) return WAN;
  if (shiftDecimal(printed, 0) === shiftDecimal(value, 0)) return YUAN;
  return null;
}

/**
 * The unit `path` (or, without it, the report's money) was printed in: the cell's own printed text
 * decides; else any other money cell's; else 万元, the unit the official tables print.
 */
export function moneyUnitOf(result: CheckResult, path?: string): MoneyUnit {
  const cells = result.report.cells;
  const own = path ? cells[path] : null;
  if (own && typeof own.value === 'string') {
    const unit = printedUnit(own.text, own.value);
    if (unit) return unit;
  }
  for (const other of Object.keys(cells)) {
    const cell = cells[other];
    if (!cell || typeof cell.value !== 'string' || !/^t[234]\./.test(other)) continue;
    const unit = printedUnit(cell.text, cell.value);
    if (unit) return unit;
  }
  return WAN;
}

/** Whether `path` holds money in a national table (old tables print their own unit column; percentages are not money). */
export function isMoney(result: CheckResult, path: string): boolean {
  if (!/^t[234]\./.test(path)) return false;
  const cell = result.report.cells[path];
  return cell ? typeof cell.value === 'string' : /^t2\.(fees|procurement)\.amount$/.test(path);
}

/** A money amount of the contract (元) in the report's unit with grouping: "23,083 万元". */
export function moneyText(value: string, unit: MoneyUnit): string {
  return `${grouped(shiftDecimal(value, unit.shift))} ${unit.unit}`;
}

/** The table a path belongs to: "t2", "t3", "t4", "old", or "" when none. */
export function tableOf(path: string): string {
  const head = path.split('.')[0];
  return head in TABLE_NAMES ? head : '';
}

/** A value of the contract for reading: money in the report's unit with grouping, counts as digits. */
export function valueText(result: CheckResult, path: string, value: string): string {
  return isMoney(result, path) && /^-?\d+(\.\d+)?$/.test(value) ? moneyText(value, moneyUnitOf(result, path)) : value;
}

/** A drawn cell's value and the unit after it: "23,083" and " 万元" for money, "15" and "" for counts. */
export function cellShown(result: CheckResult, path: string, cell: Cell): [string, string] {
  if (cell.value === null) return [cell.text, ''];
  if (typeof cell.value === 'string' && isMoney(result, path)) {
    const unit = moneyUnitOf(result, path);
    return [grouped(shiftDecimal(cell.value, unit.shift)), ` ${unit.unit}`];
  }
  return [String(cell.value), ''];
}
