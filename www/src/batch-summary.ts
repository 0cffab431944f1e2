// The batch summary as data: its columns, the words of each cell, sorting, filtering, and the
// CSV export (UTF-8 with BOM and CRLF, as Excel on Chinese Windows expects). No DOM here.
import type { Entry } from './batch';
import { fromCore } from './labels';
import type { Format } from './types';

export type ColumnKey = 'file' | 'agency' | 'year' | 'format' | 'errors' | 'warnings' | 'unread' | 'marked' | 'cross';
export type Direction = 'ascending' | 'descending';

export interface Sort {
  key: ColumnKey;
  direction: Direction;
}

export interface Filter {
  /** Only reports with at least one error. */
  errorsOnly: boolean;
  /** Kept when the agency or the file path contains it (case-insensitive, spaces ignored). */
  text: string;
}

/** The format in a column: "2019 年版" (the core's words). */
export const SHORT_FORMATS: Record<Format, string> = fromCore((w) => w.formats_short);

export const COLUMNS: { key: ColumnKey; label: string; numeric: boolean }[] = [
  { key: 'file', label: '文件', numeric: false },
  { key: 'agency', label: '单位', numeric: false },
  { key: 'year', label: '年度', numeric: true },
  { key: 'format', label: '格式', numeric: false },
  { key: 'errors', label: '错误', numeric: true },
  { key: 'warnings', label: '警告', numeric: true },
  { key: 'unread', label: '未读单元格', numeric: true },
  { key: 'marked', label: '已核实', numeric: true },
  { key: 'cross', label: '跨年度核对', numeric: true },
];

/** Read and checked (its figures are the report's own, possibly cross-checked already). */
export function isRead(e: Entry): boolean {
  return e.state === 'done' || e.state === 'cross';
}

/** The value a column sorts by; null (unknown, unread) always sorts last. */
export function sortValue(e: Entry, key: ColumnKey): string | number | null {
  const read = isRead(e);
  switch (key) {
    case 'file': return e.path;
    case 'agency': return e.agency;
    case 'year': return e.year;
    case 'format': return e.format ? SHORT_FORMATS[e.format] : null;
    case 'errors': return read ? e.errors : null;
    case 'warnings': return read ? e.warnings : null;
    case 'unread': return read ? e.cellsExpected - e.cellsRead : null;
    case 'marked': return read ? e.marked : null;
    case 'cross': return e.previous && e.checkedWith === e.previous ? e.crossYear : null;
  }
}

export function sortEntries(entries: Entry[], sort: Sort | null): Entry[] {
  const list = entries.slice();
  if (!sort) return list;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  list.sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
    return order ? sign * order : a.id - b.id;
  });
  return list;
}

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

export function filterEntries(entries: Entry[], filter: Filter): Entry[] {
  const text = squash(filter.text);
  return entries.filter((e) => (!filter.errorsOnly || (isRead(e) && e.errors > 0))
    && (!text || squash(e.agency || '').indexOf(text) !== -1 || squash(e.path).indexOf(text) !== -1));
}

/** The verdict in words: what the row says before any number. */
export function verdictWords(e: Entry): string {
  switch (e.state) {
    case 'waiting':
    case 'reading':
    case 'read':
    case 'checking':
      return '正在校验';
    case 'refused':
      return '未能读取';
    case 'failed':
      return '校验出错';
    default:
      if (e.cellsRead === 0) return '没有读到统计表';
      return e.errors ? `${e.errors} 处错误` : '未发现错误';
  }
}

/** Last year's report and the cross-year findings, in words. */
export function crossWords(e: Entry): string {
  if (!isRead(e)) return '';
  if (e.previous) {
    const year = e.previous.year === null ? '上一年度' : `${e.previous.year} 年度`;
    if (e.state === 'cross' || e.checkedWith !== e.previous) return `与 ${year}报告核对中`;
    if (e.crossNote) return `与 ${year}报告：未能核对`;
    return `与 ${year}报告核对：${e.crossYear ? `${e.crossYear} 条问题` : '一致'}`;
  }
  if (e.duplicate) return '同一单位同一年度有多份，未配对';
  if (e.next) return `作为 ${e.next.year} 年度的上年报告`;
  if (e.agency === null || e.year === null) return '未识别单位或年度';
  return '无上一年度报告';
}

/** What else the row must say: why a file was not read, or how it was. */
export function noteWords(e: Entry): string {
  if (e.message) return e.message;
  const how = e.how && !/^UTF-8$/.test(e.how) ? e.how : '';
  return [e.crossNote || '', how].filter(Boolean).join('；');
}

export interface Totals {
  reports: number;
  read: number;
  withErrors: number;
  unreadable: number;
  pairs: number;
  crossFindings: number;
}

export function totals(entries: Entry[]): Totals {
  const t: Totals = { reports: entries.length, read: 0, withErrors: 0, unreadable: 0, pairs: 0, crossFindings: 0 };
  for (const e of entries) {
    if (isRead(e)) t.read++;
    if (isRead(e) && e.errors) t.withErrors++;
    if (e.state === 'refused' || e.state === 'failed') t.unreadable++;
    if (e.previous) t.pairs++;
    if (e.previous && e.crossYear) t.crossFindings += e.crossYear;
  }
  return t;
}

export function totalsWords(t: Totals): string {
  const parts = [`共 ${t.reports} 份报告`, `已校验 ${t.read} 份`, `其中 ${t.withErrors} 份有错误`];
  if (t.unreadable) parts.push(`${t.unreadable} 份未能读取`);
  parts.push(t.pairs ? `${t.pairs} 组相邻年度报告已配对跨年度核对（发现 ${t.crossFindings} 条问题）` : '没有可配对跨年度核对的相邻年度报告');
  return `${parts.join('，')}。`;
}

/** A CSV field: quoted when needed; text Excel would run as a formula gets a leading apostrophe. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function summaryCsv(entries: Entry[]): string {
  const rows: (string | number | null)[][] = [[
    '文件', '单位', '年度', '格式', '结论', '错误', '警告', '提示', '未读单元格', '已读单元格', '应有单元格',
    '已核实', '跨年度核对', '跨年度问题', '上年报告文件', '说明',
  ]];
  for (const e of entries) {
    const read = isRead(e);
    const crossDone = e.previous !== null && e.checkedWith === e.previous;
    rows.push([
      e.path, e.agency, e.year, e.format ? SHORT_FORMATS[e.format] : null, verdictWords(e),
      read ? e.errors : null, read ? e.warnings : null, read ? e.infos : null,
      read ? e.cellsExpected - e.cellsRead : null, read ? e.cellsRead : null, read ? e.cellsExpected : null,
      read ? e.marked : null, crossWords(e), crossDone ? e.crossYear : null, e.previous ? e.previous.path : null, noteWords(e),
    ]);
  }
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
