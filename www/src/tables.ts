// Draws tables 二, 三 and 四 in their official layout (from the core's layout, not from labels kept
// here), or the pre-2019 statistics table, with the value read in every cell and its state:
// marked by a finding (colour, icon and words), missing, or a placeholder such as "/".
import { el } from './dom';
import { cellShown, rowName, SEVERITY_ICONS, SEVERITY_NAMES, TABLE_NAMES, valueText } from './labels';
import type { Cell, CheckResult, Diagnostic, Layout, Severity } from './types';

/** Cell path → the most severe finding that marks it (see marked). */
export type Marks = Map<string, Severity>;

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The value the first (most likely) repair gives `path`, if that repair changes it. */
export function suggestedValue(result: CheckResult, path: string): string | undefined {
  const first = result.repairs[0];
  return first && Object.prototype.hasOwnProperty.call(first.changes, path) ? first.changes[path] : undefined;
}

/** The cells a finding's labels point at ("表三（二）部分公开·自然人 = 1"), found by their spans. */
export function labelledCells(result: CheckResult, d: Diagnostic): string[] {
  const wanted = new Set(d.labels.map((l) => `${l.span[0]}:${l.span[1]}`));
  wanted.add(`${d.span[0]}:${d.span[1]}`);
  return d.cells.filter((path) => {
    const cell = result.report.cells[path];
    return cell ? wanted.has(`${cell.span[0]}:${cell.span[1]}`) : false;
  });
}

/**
 * The cells a finding colours in the tables. An error marks the cells the first repair changes,
 * its own cell and the cells its labels name (the other side of the broken equation), not every
 * cell of a column sum (those are outlined when the finding is chosen); an error naming none of
 * these, and every other finding, marks all its cells.
 */
export function marked(result: CheckResult, d: Diagnostic): string[] {
  if (d.severity !== 'error') return d.cells;
  const keep = new Set(labelledCells(result, d));
  const some = d.cells.filter((p) => keep.has(p) || suggestedValue(result, p) !== undefined);
  return some.length ? some : d.cells;
}

export function marksOf(result: CheckResult): Marks {
  const marks: Marks = new Map();
  for (const d of result.diagnostics) {
    for (const path of marked(result, d)) {
      const current = marks.get(path);
      if (!current || RANK[d.severity] > RANK[current]) marks.set(path, d.severity);
    }
  }
  return marks;
}

/** In an error whose likely culprit is another cell: drawn quieter, so the culprit stands out. */
function onlyRelated(result: CheckResult, path: string): boolean {
  return result.diagnostics.some((d) => d.severity === 'error' && d.cells.indexOf(path) >= 0
    && d.cells.some((p) => suggestedValue(result, p) !== undefined));
}

function valueCell(result: CheckResult, path: string, marks: Marks, describe: (path: string) => string): HTMLTableCellElement {
  const cells = result.report.cells;
  const cell: Cell | null | undefined = cells[path];
  const classes = ['nb-cell'];
  const content: (Node | string)[] = [];
  let title = describe(path);
  if (cell === undefined) {
    classes.push('nb-cell--absent');
    content.push(el('span', { class: 'nb-cell-note' }, '无此格'));
  } else if (cell === null) {
    classes.push('nb-cell--missing');
    content.push(el('span', { class: 'nb-cell-icon', 'aria-hidden': 'true' }, '?'), el('span', { class: 'nb-cell-note' }, '缺失'));
    title += '：原文中为空或无法读取';
  } else {
    if (cell.value === null) {
      classes.push('nb-cell--placeholder');
      content.push(el('span', { class: 'nb-cell-value' }, cell.text), el('span', { class: 'nb-visually-hidden' }, '（占位符）'));
    } else {
      const [value, unit] = cellShown(result, path, cell);
      content.push(el('span', { class: 'nb-cell-value' }, value), unit);
    }
    title += `：原文“${cell.text}”，第 ${cell.line} 行`;
  }
  const severity = marks.get(path);
  const fix = suggestedValue(result, path);
  if (fix !== undefined) {
    classes.push('nb-cell--error', 'nb-cell--fix');
    content.push(
      el('span', { class: 'nb-flag' },
        el('span', { class: 'nb-flag-icon', 'aria-hidden': 'true' }, SEVERITY_ICONS.error),
        el('span', { class: 'nb-flag-text' }, `错误，建议改为 ${valueText(result, path, fix)}`)),
    );
    title += `；最可能需要修改，建议改为 ${valueText(result, path, fix)}`;
  } else if (severity) {
    const related = severity === 'error' && onlyRelated(result, path);
    classes.push(`nb-cell--${severity}`);
    if (related) classes.push('nb-cell--related');
    content.push(
      el('span', { class: 'nb-flag' },
        el('span', { class: 'nb-flag-icon', 'aria-hidden': 'true' }, SEVERITY_ICONS[severity]),
        el('span', { class: 'nb-flag-text' }, related ? '相关错误' : SEVERITY_NAMES[severity])),
    );
    if (related) title += '；参与了不成立的关系，但最可能需要修改的是别的单元格';
  }
  return el('td', { class: classes.join(' '), 'data-path': path, title }, content);
}

/** A national table's caption, from the core's vocabulary. */
function titleOf(layout: Layout, key: 't2' | 't3' | 't4'): string {
  return layout.titles ? layout.titles[key] : TABLE_NAMES[key];
}

function tableShell(key: string, caption: string, ...rows: HTMLTableSectionElement[]): HTMLElement {
  // A focusable scroll region: wide tables scroll sideways at 200% zoom, reachable by keyboard.
  return el('div', { class: 'nb-table-scroll', tabindex: '0', role: 'region', 'aria-label': caption },
    el('table', { class: `nb-table nb-table--${key}` }, el('caption', {}, caption), rows));
}

function table2(result: CheckResult, layout: Layout, marks: Marks, describe: (p: string) => string): HTMLElement[] {
  const rows = layout.t2 || [];
  if (!rows.length) return [];
  const blocks: HTMLElement[] = [];
  // Rows sharing one set of columns form one block with its own header, as in the official table.
  let i = 0;
  while (i < rows.length) {
    const columns = rows[i].columns;
    const signature = columns.map((c) => c.key).join();
    const block = [];
    while (i < rows.length && rows[i].columns.map((c) => c.key).join() === signature) block.push(rows[i++]);
    blocks.push(el('tbody', {},
      el('tr', { class: 'nb-subhead' },
        el('th', { scope: 'col' }, block[0].item),
        columns.map((c) => el('th', { scope: 'col' }, c.label))),
      block.map((row) => el('tr', {},
        el('th', { scope: 'row' }, row.label),
        row.columns.map((c) => valueCell(result, `t2.${row.key}.${c.key}`, marks, describe))))));
  }
  return [tableShell('t2', titleOf(layout, 't2'), ...(blocks as HTMLTableSectionElement[]))];
}

function table3(result: CheckResult, layout: Layout, marks: Marks, describe: (p: string) => string): HTMLElement[] {
  const t3 = layout.t3;
  if (!t3) return [];
  // The official three-row header: 申请人情况 over all; 法人或其他组织 over its five columns;
  // columns outside a group span the two lower rows.
  const groupAt = (i: number) => t3.groups.find((g) => i >= g.first && i < g.first + g.span);
  const middle: HTMLElement[] = [];
  const bottom: HTMLElement[] = [];
  t3.columns.forEach((c, i) => {
    const group = groupAt(i);
    if (!group) middle.push(el('th', { scope: 'col', rowspan: 2 }, c.label));
    else {
      if (i === group.first) middle.push(el('th', { scope: 'colgroup', colspan: group.span }, group.label));
      bottom.push(el('th', { scope: 'col' }, c.label));
    }
  });
  const head = el('thead', {},
    el('tr', {}, el('th', { scope: 'col', rowspan: 3 }, '项目'), el('th', { scope: 'colgroup', colspan: t3.columns.length }, t3.header)),
    el('tr', {}, middle),
    el('tr', {}, bottom));
  const body = el('tbody', {}, t3.rows.map((row) => {
    const label = el('th', { scope: 'row', class: `nb-level-${row.level}` }, row.label);
    if (!row.key) {
      label.setAttribute('colspan', String(t3.columns.length + 1));
      return el('tr', { class: 'nb-group-row' }, label);
    }
    return el('tr', {}, label, t3.columns.map((c) => valueCell(result, `t3.${row.key}.${c.key}`, marks, describe)));
  }));
  return [tableShell('t3', titleOf(layout, 't3'), head, body)];
}

function table4(result: CheckResult, layout: Layout, marks: Marks, describe: (p: string) => string): HTMLElement[] {
  const t4 = layout.t4;
  if (!t4) return [];
  const head = el('thead', {},
    el('tr', {}, t4.groups.map((g) => el('th', { scope: 'colgroup', colspan: t4.columns.length }, g.label))),
    el('tr', {}, t4.groups.map(() => t4.columns.map((c) => el('th', { scope: 'col' }, c.label)))));
  const body = el('tbody', {}, el('tr', {}, t4.groups.map((g) => t4.columns.map((c) => valueCell(result, `t4.${g.key}.${c.key}`, marks, describe)))));
  return [tableShell('t4', titleOf(layout, 't4'), head, body)];
}

/** Pre-2019 statistics rows in document order: label, unit, value, cumulative value. */
function oldTable(result: CheckResult, marks: Marks, describe: (p: string) => string): HTMLElement[] {
  const cells = result.report.cells;
  const rows = Object.keys(cells).filter((p) => /^old\.\d+$/.test(p)).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  if (!rows.length) return [];
  const depth = (path: string): number => {
    let d = 0;
    for (let cell = cells[path]; cell && cell.parent && d < 6; cell = cells[cell.parent]) d++;
    return d;
  };
  const head = el('thead', {}, el('tr', {}, ['统计指标', '单位', '统计数', '历年累计'].map((h) => el('th', { scope: 'col' }, h))));
  const body = el('tbody', {}, rows.map((path) => {
    const cell = cells[path];
    const cumulative = `${path}.cumulative`;
    return el('tr', {},
      el('th', { scope: 'row', class: `nb-level-${Math.min(depth(path), 3)}` }, cell && cell.label ? cell.label : rowName(path)),
      el('td', { class: 'nb-unit' }, cell && cell.unit ? cell.unit : ''),
      valueCell(result, path, marks, describe),
      cumulative in cells ? valueCell(result, cumulative, marks, describe) : el('td', { class: 'nb-cell nb-cell--none' }, ''));
  }));
  return [tableShell('old', TABLE_NAMES.old, head, body)];
}

/** The breakdown tables in the body of older reports (表1…): category, count, percentage. */
function percentTables(result: CheckResult, marks: Marks, describe: (p: string) => string): HTMLElement[] {
  const cells = result.report.cells;
  const tables = new Map<string, string[]>();
  for (const path of Object.keys(cells)) {
    const match = /^pct\.(\d+)\.\d+$/.exec(path);
    if (!match) continue;
    if (!tables.has(match[1])) tables.set(match[1], []);
    (tables.get(match[1]) as string[]).push(path);
  }
  return Array.from(tables.keys()).sort((a, b) => Number(a) - Number(b)).map((t) => {
    const rows = (tables.get(t) as string[]).sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]));
    const head = el('thead', {}, el('tr', {}, ['类别', '数量', '百分比（%）'].map((h) => el('th', { scope: 'col' }, h))));
    const body = el('tbody', {}, rows.map((path) => {
      const cell = cells[path];
      const percent = `${path}.percent`;
      return el('tr', {},
        el('th', { scope: 'row' }, cell && cell.label ? cell.label : rowName(path)),
        valueCell(result, path, marks, describe),
        percent in cells ? valueCell(result, percent, marks, describe) : el('td', { class: 'nb-cell nb-cell--none' }, ''));
    }));
    const caption = result.report.table_captions && result.report.table_captions[`pct.${t}`];
    return tableShell(`pct-${t}`, caption ? `${caption}（数量与百分比）` : `正文表 ${t}（数量与百分比）`, head, body);
  });
}

/** Whatever the contract holds that no layout above drew (a newer core's cells), so nothing read is hidden. */
function otherCells(result: CheckResult, drawn: Set<string>, marks: Marks, describe: (p: string) => string): HTMLElement[] {
  const rest = Object.keys(result.report.cells).filter((path) => !drawn.has(path));
  if (!rest.length) return [];
  const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, '单元格'), el('th', { scope: 'col' }, '读取值')));
  const body = el('tbody', {}, rest.map((path) => el('tr', {}, el('th', { scope: 'row' }, describe(path)), valueCell(result, path, marks, describe))));
  return [tableShell('other', '其他读取的单元格', head, body)];
}

export function renderTables(result: CheckResult, layout: Layout, marks: Marks, describe: (p: string) => string): HTMLElement {
  const parts = [
    ...table2(result, layout, marks, describe),
    ...table3(result, layout, marks, describe),
    ...table4(result, layout, marks, describe),
    ...oldTable(result, marks, describe),
    ...percentTables(result, marks, describe),
  ];
  const drawn = new Set<string>();
  for (const part of parts) {
    const tds = part.querySelectorAll('[data-path]');
    for (let i = 0; i < tds.length; i++) drawn.add(tds[i].getAttribute('data-path') || '');
  }
  parts.push(...otherCells(result, drawn, marks, describe));
  if (!parts.length) parts.push(el('p', { class: 'nb-empty' }, '没有找到统计表。请确认粘贴的是政府信息公开工作年度报告的全文，包括统计表。'));
  return el('div', { class: 'nb-tables' }, parts);
}

/** Outlines the cells of the chosen finding (and only those) and scrolls the first into view. */
export function highlightCells(container: HTMLElement, paths: string[]): HTMLElement | null {
  const wanted = new Set(paths);
  const cells = container.querySelectorAll<HTMLElement>('[data-path]');
  let first: HTMLElement | null = null;
  for (let i = 0; i < cells.length; i++) {
    const on = wanted.has(cells[i].getAttribute('data-path') || '');
    cells[i].classList.toggle('nb-cell--chosen', on);
    if (on && !first) first = cells[i];
  }
  return first;
}
