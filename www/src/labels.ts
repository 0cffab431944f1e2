// Chinese names for what the contract holds in English: cell paths, formats, severities and values,
// all in the core's words (`words()` and the table layout's names): the page keeps no copy.
import { coreWords } from './model';
import type { Cell, CheckResult, Format, Layout, Severity, Words } from './types';

/** A record of the core's words, read on first use (the engine is ready before anything is drawn). */
export function fromCore<K extends string>(pick: (words: Words) => Record<K, string>): Record<K, string> {
  let record: Record<K, string> | null = null;
  const get = () => record || (record = pick(coreWords()));
  return new Proxy({} as Record<K, string>, { get: (_, key) => get()[key as K], has: (_, key) => key in get() });
}

export const FORMAT_NAMES: Record<Format, string> = fromCore((w) => w.formats);
export const SEVERITY_NAMES: Record<Severity, string> = fromCore((w) => w.severities);
/** Shown with the severity's colour and name, so it never rests on colour alone. */
export const SEVERITY_ICONS: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

/** Table names for grouping findings and CSV rows; drawn national tables take their captions from the core's layout. */
export const TABLE_NAMES: Record<string, string> = fromCore((w) => w.tables);

/** How a finding's expected and actual amounts are named ("应为/实为" unless the rule cannot take sides). */
export function valueWords(code: string): [string, string] {
  const values = coreWords().values;
  return Object.prototype.hasOwnProperty.call(values, code) ? values[code] : values.default;
}

/** Describes cell paths in Chinese, e.g. "表三（七）总计 自然人": the core names the official tables' cells (`layout.names`). */
/** A row without a label (not read at all), by its place: "old.3", "pct.1.3" → "第 3 行". */
export const rowName = (path: string): string => `第 ${path.slice(path.lastIndexOf('.') + 1)} 行`;

export function pathDescriber(layout: Layout, result: CheckResult): (path: string) => string {
  const names = layout.names || {};
  const words = coreWords().cells;
  return (path) => {
    if (Object.prototype.hasOwnProperty.call(names, path)) return names[path];
    const old = /^(old\.\d+)(\.cumulative)?$/.exec(path);
    const cell = old ? result.report.cells[old[1]] : null;
    // A row not read at all (its cell is null) has no label: named by its place, never "old.1".
    if (old) return `${words.old}${cell && cell.label ? `“${cell.label}”` : rowName(old[1])}${old[2] ? ` ${words.cumulative}` : ''}`;
    const pct = /^pct\.(\d+)\.(\d+)(\.percent)?$/.exec(path);
    const category = pct ? result.report.cells[`pct.${pct[1]}.${pct[2]}`] : null;
    if (pct) return `${words.pct} ${pct[1]}“${category && category.label ? category.label : pct[2]}” ${pct[3] ? words.percent : words.count}`;
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
