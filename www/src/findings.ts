// The findings list: errors first, then warnings, then notes. Each finding is a button that
// selects its place in the text and its cells in the tables; below it the arithmetic and the
// rule's explanation. Quiet by design: the most likely repair is said once (above the list, by
// the verdict), and findings of one kind in one table are folded into one with their rows listed
// (so even a 10 MB text gives a short list: at most two items per kind and table). Each item can
// be marked 已核实，不改 with a note (marks.ts); a marked one stays listed, marked as such.
import { el } from './dom';
import { isAccepted, markOf, MAX_NOTE, type ReviewMarks } from './marks';
import { SEVERITY_ICONS, SEVERITY_NAMES, tableOf, valueText, valueWords } from './labels';
import type { CheckResult, Diagnostic, Repair, Rule, Severity } from './types';

export interface FindingsContext {
  result: CheckResult;
  rules: Map<string, Rule>;
  describe(path: string): string;
  choose(index: number, button: HTMLElement): void;
  /** The reviewer's marks, by fingerprint. */
  marks: ReviewMarks;
  /** Marks these findings 已核实 with `note`, or (null) takes the mark off. */
  mark(fingerprints: string[], note: string | null): void;
  /** For a PDF's text view: the page an offset lies on (the location then says 第 N 页). */
  page?: ((offset: number) => number) | null;
}

let forms = 0;

/**
 * "标记为已核实，不改" and its note, or, once marked, the note and a button to take it off. The
 * note's form opens in place; Enter confirms, Esc closes it and returns to the button.
 */
function markControl(ctx: FindingsContext, members: Diagnostic[]): HTMLElement {
  const fingerprints = members.map((d) => d.fingerprint).filter(Boolean);
  const key = fingerprints.join(' ');
  const marked = members.every((d) => isAccepted(d, ctx.marks));
  if (marked) {
    const note = (markOf(members[0], ctx.marks) || { note: '' }).note;
    return el('div', { class: 'nb-mark nb-mark--done', 'data-fingerprints': key },
      el('p', { class: 'nb-accepted-note' }, el('span', { 'aria-hidden': 'true' }, '☑ '),
        `已核实，不改${members.length > 1 ? `（${members.length} 处）` : ''}：${note || '（无备注）'}`),
      el('button', { type: 'button', class: 'nb-button nb-button--link', 'data-action': 'unmark', onclick: () => ctx.mark(fingerprints, null) },
        '撤销“已核实”'));
  }
  const id = `nb-mark-${++forms}`;
  const input = el('input', { type: 'text', id: `${id}-note`, class: 'nb-mark-input', maxlength: MAX_NOTE, autocomplete: 'off' });
  const form = el('form', { class: 'nb-mark-form', id, hidden: true },
    el('label', { for: `${id}-note` }, '核实说明（为何不改，可留空）'),
    input,
    el('button', { type: 'submit', class: 'nb-button', 'data-action': 'confirm-mark' }, '确认标记'),
    el('button', { type: 'button', class: 'nb-button nb-button--link', 'data-action': 'cancel-mark', onclick: () => close() }, '取消'));
  const open = el('button', { type: 'button', class: 'nb-button nb-button--link', 'data-action': 'mark', 'aria-expanded': 'false', 'aria-controls': id,
    onclick: () => {
      form.hidden = false;
      open.setAttribute('aria-expanded', 'true');
      input.focus();
    } }, members.length > 1 ? `将这 ${members.length} 处标记为“已核实，不改”` : '标记为“已核实，不改”');
  const close = () => {
    form.hidden = true;
    open.setAttribute('aria-expanded', 'false');
    open.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.mark(fingerprints, input.value);
  });
  form.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape') {
      event.stopPropagation();
      close();
    }
  });
  return el('div', { class: 'nb-mark', 'data-fingerprints': key }, open, form);
}

/** "第 12 行", or for a PDF "第 3 页 第 12 行". */
function whereText(ctx: FindingsContext, place: { span: [number, number]; line: number }): string {
  return `${ctx.page ? `第 ${ctx.page(place.span[0])} 页 ` : ''}第 ${place.line} 行`;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const GROUP_ORDER = ['t2', 't3', 't4', 'old', 'pct', ''];
/** Findings of one kind in one table are folded into one from this many on. */
const FOLD_FROM = 3;

/** "分项之和为" + "至少 275" → "分项之和至少为 275". */
function amount(word: string, value: string): string {
  const bound = /^(至少|至多|不少于|不超过)\s*(.*)$/.exec(value);
  return bound ? `${word.replace(/为$/, '')}${bound[1]}为 ${bound[2]}` : `${word} ${value}`;
}

function valuesLine(ctx: FindingsContext, d: Diagnostic): HTMLElement | null {
  if (d.expected === null && d.actual === null) return null;
  const [first, second] = valueWords(d.code);
  const shown = (v: string) => (d.cells.length ? valueText(ctx.result, d.cells[0], v) : v);
  const parts = [d.expected !== null ? amount(first, shown(d.expected)) : '', d.actual !== null ? amount(second, shown(d.actual)) : ''];
  return el('p', { class: 'nb-finding-values' }, parts.filter(Boolean).join('，'));
}

function currentValue(result: CheckResult, path: string): string {
  const cell = result.report.cells[path];
  if (cell === undefined || cell === null) return '空';
  return cell.value === null ? cell.text : valueText(result, path, String(cell.value));
}

/** "表三（七）总计：自然人 0 → 1，总计 0 → 1" for one repair: each row named once. */
export function repairText(result: CheckResult, repair: Repair, describe: (path: string) => string): string {
  const rows: { row: string; changes: string[] }[] = [];
  for (const path of Object.keys(repair.changes)) {
    const name = describe(path);
    const cut = name.lastIndexOf(' ');
    const row = cut > 0 ? name.slice(0, cut) : '';
    const change = `${cut > 0 ? name.slice(cut + 1) : name} ${currentValue(result, path)} → ${valueText(result, path, repair.changes[path])}`;
    const last = rows[rows.length - 1];
    if (row && last && last.row === row) last.changes.push(change);
    else rows.push({ row, changes: [change] });
  }
  return rows.map((r) => (r.row ? `${r.row}：` : '') + r.changes.join('，')).join('；');
}

function repairFor(result: CheckResult, d: Diagnostic): Repair | undefined {
  for (const repair of result.repairs) {
    if (d.cells.some((path) => path in repair.changes)) return repair;
  }
  return undefined;
}

/** What to change for a finding, in words: its repair, else the core's help; null when neither. */
export function adviceText(result: CheckResult, d: Diagnostic, describe: (path: string) => string): string | null {
  const repair = repairFor(result, d);
  if (repair) return repairText(result, repair, describe);
  return d.help ? d.help.replace(/^建议[：:]\s*/, '') : null;
}

/** Where a finding is in the text: a finding about prose is at the prose sentence it quotes. */
export function placeOf(d: Diagnostic): { span: [number, number]; line: number; column: number } {
  if (d.code.indexOf('prose-') === 0) {
    for (const label of d.labels) if (label.message.indexOf('正文') === 0) return label;
  }
  return d;
}

/** "表三（五）… 1.信访举报投诉类申请：自然人、商业企业…" — cells of one row named once. */
function cellList(paths: string[], describe: (path: string) => string): string {
  const rows: { row: string; columns: string[] }[] = [];
  for (const name of paths.map(describe)) {
    const cut = name.lastIndexOf(' ');
    const row = cut > 0 ? name.slice(0, cut) : name;
    const last = rows[rows.length - 1];
    if (cut > 0 && last && last.row === row) last.columns.push(name.slice(cut + 1));
    else rows.push({ row, columns: cut > 0 ? [name.slice(cut + 1)] : [] });
  }
  return rows.map((r) => (r.columns.length ? `${r.row}：${r.columns.join('、')}` : r.row)).join('；');
}

/** The cells a finding involves; a long list (a column sum names 20 cells) is folded. */
function cellsInvolved(paths: string[], describe: (path: string) => string): HTMLElement | null {
  if (!paths.length) return null;
  const list = cellList(paths, describe);
  if (paths.length <= 6) return el('p', { class: 'nb-finding-cells' }, `涉及：${list}`);
  return el('details', { class: 'nb-finding-cells' }, el('summary', {}, `涉及 ${paths.length} 个单元格`), el('p', {}, list));
}

/** The rule's explanation, titled by what the rule checks (never by its code). */
function ruleHelp(rule: Rule | undefined): HTMLElement | null {
  if (!rule) return null;
  return el('details', { class: 'nb-rule' }, el('summary', {}, `规则说明：${rule.summary}`),
    rule.explanation ? el('p', {}, rule.explanation) : null,
    rule.formula ? el('p', {}, '关系：', el('span', { class: 'nb-formula' }, rule.formula)) : null,
    rule.example ? el('p', {}, '例：', rule.example) : null);
}

function chooser(ctx: FindingsContext, d: Diagnostic, index: number, message: string): HTMLElement {
  const place = placeOf(d);
  const button = el('button', { type: 'button', class: `nb-finding-choose nb-finding-choose--${d.severity}`, 'data-index': index },
    el('span', { class: 'nb-severity' },
      el('span', { 'aria-hidden': 'true' }, SEVERITY_ICONS[d.severity]), ' ', SEVERITY_NAMES[d.severity]),
    ' ',
    el('span', { class: 'nb-finding-message' }, message),
    ' ',
    el('span', { class: 'nb-finding-where' }, whereText(ctx, place)));
  button.addEventListener('click', () => ctx.choose(index, button));
  return button;
}

/** Repairs already worded in this list: each is said once. */
type Said = Set<Repair>;

function finding(ctx: FindingsContext, index: number, said: Said): HTMLElement {
  const d = ctx.result.diagnostics[index];
  const repair = repairFor(ctx.result, d);
  // The core words the repair into its help ("建议：（七）总计 自然人 0 → 1 …"): say it only the first time.
  const repairHelp = d.help !== null && d.help.indexOf('→') >= 0;
  let advice: HTMLElement | null = null;
  if (repair && said.has(repair)) {
    advice = el('p', { class: 'nb-help' }, repair === ctx.result.repairs[0] ? '修改建议见上方“最可能需要修改”。' : '修改建议同上。');
  } else if (repair) {
    said.add(repair);
    advice = el('p', { class: 'nb-repair' }, `建议：${repairText(ctx.result, repair, ctx.describe)}`);
  }
  const accepted = isAccepted(d, ctx.marks);
  return el('li', { class: `nb-finding nb-finding--${d.severity}${accepted ? ' nb-finding--accepted' : ''}`, 'data-fingerprint': d.fingerprint, 'data-accepted': accepted ? 'true' : null },
    chooser(ctx, d, index, d.message),
    markControl(ctx, [d]),
    valuesLine(ctx, d),
    d.notes.length ? el('ul', { class: 'nb-notes' }, d.notes.map((n) => el('li', {}, n))) : null,
    d.labels.length ? el('ul', { class: 'nb-notes' }, d.labels.map((l) => el('li', {}, `第 ${l.line} 行：${l.message}`))) : null,
    d.help && !(repairHelp && repair) ? el('p', { class: 'nb-help' }, d.help) : null,
    advice,
    cellsInvolved(d.cells, ctx.describe),
    ruleHelp(ctx.rules.get(d.code)));
}

/** Several findings of one kind in one table as one: the first one's words, a count, and each place. */
function folded(ctx: FindingsContext, members: number[]): HTMLElement {
  const diagnostics = ctx.result.diagnostics;
  const d = diagnostics[members[0]];
  const rule = ctx.rules.get(d.code);
  const title = `${rule ? rule.summary : d.message}（共 ${members.length} 处）`;
  const rows = members.slice(0, 100).map((i) => {
    const m = diagnostics[i];
    const where = m.cells.length ? cellList(m.cells.slice(0, 1), ctx.describe).replace(/：.*$/, '') : m.message;
    const button = el('button', { type: 'button', class: 'nb-button nb-button--link nb-fold-member', 'data-index': i },
      `${whereText(ctx, placeOf(m))} ${where}`);
    button.addEventListener('click', () => ctx.choose(i, button));
    return el('li', {}, button, el('span', { class: 'nb-fold-detail' }, m.message));
  });
  const accepted = members.every((i) => isAccepted(diagnostics[i], ctx.marks));
  return el('li', { class: `nb-finding nb-finding--${d.severity} nb-finding--folded${accepted ? ' nb-finding--accepted' : ''}`, 'data-folded': members.length, 'data-accepted': accepted ? 'true' : null },
    chooser(ctx, d, members[0], title),
    markControl(ctx, members.map((i) => diagnostics[i])),
    el('details', { class: 'nb-fold' },
      el('summary', {}, `逐行列出 ${members.length} 处`),
      el('ol', { class: 'nb-fold-list' }, rows),
      members.length > 100 ? el('p', {}, `另有 ${members.length - 100} 处未列出。`) : null),
    ruleHelp(rule));
}

/** The findings of one severity as items: single findings, and folds of one kind in one table. */
function itemsOf(result: CheckResult, severity: Severity): number[][] {
  const byKind = new Map<string, number[]>();
  result.diagnostics.forEach((d, i) => {
    if (d.severity !== severity) return;
    const table = d.cells.length ? tableOf(d.cells[0]) : '';
    const key = `${GROUP_ORDER.indexOf(table)}|${d.code}|${table}`;
    if (!byKind.has(key)) byKind.set(key, []);
    (byKind.get(key) as number[]).push(i);
  });
  const items: number[][] = [];
  const order = Array.from(byKind.keys()).sort((a, b) => Number(a.split('|')[0]) - Number(b.split('|')[0]));
  for (const key of order) {
    const members = byKind.get(key) as number[];
    if (members.length >= FOLD_FROM) items.push(members);
    else for (const i of members) items.push([i]);
  }
  // Within a severity: table order, then the text's order.
  return items.sort((a, b) => {
    const ta = GROUP_ORDER.indexOf(tableOfItem(result, a));
    const tb = GROUP_ORDER.indexOf(tableOfItem(result, b));
    return ta - tb || result.diagnostics[a[0]].span[0] - result.diagnostics[b[0]].span[0];
  });
}

function tableOfItem(result: CheckResult, item: number[]): string {
  const d = result.diagnostics[item[0]];
  return d.cells.length ? tableOf(d.cells[0]) : '';
}

export function renderFindings(ctx: FindingsContext): HTMLElement {
  const { result } = ctx;
  if (!result.diagnostics.length) {
    return el('div', { class: 'nb-findings' }, el('p', { class: 'nb-empty' }, '没有发现问题。'));
  }
  // The first repair is worded by the verdict above the list.
  const said: Said = new Set(result.repairs.slice(0, 1));
  const draw = (item: number[]) => (item.length > 1 ? folded(ctx, item) : finding(ctx, item[0], said));
  return el('div', { class: 'nb-findings' }, SEVERITIES.map((severity) => {
    const items = itemsOf(result, severity);
    if (!items.length) return null;
    const count = items.reduce((n, item) => n + item.length, 0);
    const accepted = items.reduce((n, item) => n + item.filter((i) => isAccepted(result.diagnostics[i], ctx.marks)).length, 0);
    return el('section', { class: 'nb-finding-group', 'data-severity': severity },
      el('h3', {}, `${SEVERITY_NAMES[severity]}（${count} 项${accepted ? `，其中已核实 ${accepted} 项` : ''}）`),
      el('ol', { class: 'nb-finding-list' }, items.map(draw)));
  }));
}
