// The findings list, grouped by table: each finding is a button that selects its place in the
// text; below it the arithmetic, the suggested repair in words and the rule's explanation.
import { el } from './dom';
import { displayValue, SEVERITY_ICONS, SEVERITY_NAMES, TABLE_NAMES, tableOf } from './labels';
import type { CheckResult, Diagnostic, Repair, Rule } from './types';

export interface FindingsContext {
  result: CheckResult;
  rules: Map<string, Rule>;
  describe(path: string): string;
  choose(index: number, button: HTMLElement): void;
}

const GROUP_ORDER = ['t2', 't3', 't4', 'old', 'pct', ''];

/** How a finding's two amounts are named where "应为/实为" would take sides the rule cannot. */
const VALUE_WORDS: Record<string, [string, string]> = {
  'prose-table': ['统计表为', '正文为'],
  'prose-sum': ['分项之和为', '正文所述总数为'],
  'cross-year-carry': ['上年报告为', '本年为'],
};

function valuesLine(d: Diagnostic): HTMLElement | null {
  if (d.expected === null && d.actual === null) return null;
  const [first, second] = VALUE_WORDS[d.code] || ['应为', '实为'];
  const parts = [d.expected !== null ? `${first} ${d.expected}` : '', d.actual !== null ? `${second} ${d.actual}` : ''];
  return el('p', { class: 'nb-finding-values' }, parts.filter(Boolean).join('，'));
}

function currentValue(result: CheckResult, path: string): string {
  const cell = result.report.cells[path];
  if (cell === undefined || cell === null) return '空';
  return displayValue(cell);
}

/** "（七）总计 自然人 0 → 1；…" for one repair. */
export function repairText(result: CheckResult, repair: Repair, describe: (path: string) => string): string {
  return Object.keys(repair.changes)
    .map((path) => `${describe(path)} ${currentValue(result, path)} → ${repair.changes[path]}`)
    .join('；');
}

function repairFor(result: CheckResult, d: Diagnostic): Repair | undefined {
  for (const repair of result.repairs) {
    if (d.cells.some((path) => path in repair.changes)) return repair;
  }
  return undefined;
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

function ruleHelp(rule: Rule | undefined, code: string): HTMLElement {
  const body = rule
    ? [
        el('p', {}, rule.summary),
        rule.explanation ? el('p', {}, rule.explanation) : null,
        rule.formula ? el('p', {}, '关系：', el('span', { class: 'nb-formula' }, rule.formula)) : null,
        rule.example ? el('p', {}, '例：', rule.example) : null,
      ]
    : [el('p', {}, '规则目录中没有这一代码的说明。')];
  return el('details', { class: 'nb-rule' }, el('summary', {}, `规则说明（${code}）`), body);
}

function finding(ctx: FindingsContext, d: Diagnostic, index: number): HTMLElement {
  const repair = repairFor(ctx.result, d);
  const button = el('button', { type: 'button', class: `nb-finding-choose nb-finding-choose--${d.severity}`, 'data-index': index },
    el('span', { class: 'nb-severity' },
      el('span', { 'aria-hidden': 'true' }, SEVERITY_ICONS[d.severity]), ' ', SEVERITY_NAMES[d.severity]),
    ' ',
    el('span', { class: 'nb-finding-message' }, d.message),
    ' ',
    el('span', { class: 'nb-finding-where' }, `第 ${d.line} 行第 ${d.column} 列`));
  button.addEventListener('click', () => ctx.choose(index, button));
  const values = valuesLine(d);
  return el('li', { class: `nb-finding nb-finding--${d.severity}` },
    button,
    values,
    d.notes.length ? el('ul', { class: 'nb-notes' }, d.notes.map((n) => el('li', {}, n))) : null,
    d.labels.length ? el('ul', { class: 'nb-notes' }, d.labels.map((l) => el('li', {}, `第 ${l.line} 行：${l.message}`))) : null,
    // The core words the repair into its help ("（七）总计 自然人 0 → 1 …"); say it once.
    d.help && repair && d.help.indexOf('→') >= 0
      ? el('p', { class: 'nb-repair' }, d.help)
      : [d.help ? el('p', { class: 'nb-help' }, d.help) : null,
          repair ? el('p', { class: 'nb-repair' }, `建议：${repairText(ctx.result, repair, ctx.describe)}`) : null],
    cellsInvolved(d.cells, ctx.describe),
    ruleHelp(ctx.rules.get(d.code), d.code));
}

/** Findings drawn per group at first: a pasted 10 MB text can have thousands, and drawing them
 * all at once would hold the page for a noticeable moment. More come 250 at a time. */
const FIRST_SHOWN = 50;

function moreButton(ctx: FindingsContext, list: HTMLElement, indices: number[]): HTMLElement | null {
  if (indices.length <= FIRST_SHOWN) return null;
  let shown = FIRST_SHOWN;
  const button = el('button', { type: 'button', class: 'nb-button nb-more' });
  const label = () => { button.textContent = `再显示 ${Math.min(FIRST_SHOWN * 5, indices.length - shown)} 项（共 ${indices.length} 项，已显示 ${shown} 项）`; };
  label();
  button.addEventListener('click', () => {
    const next = indices.slice(shown, shown + FIRST_SHOWN * 5);
    const added = next.map((i) => list.appendChild(finding(ctx, ctx.result.diagnostics[i], i)));
    shown += next.length;
    if (shown < indices.length) {
      label();
      return;
    }
    // The button goes away: keyboard focus moves to the first finding it brought in.
    button.remove();
    const first = added[0] && added[0].querySelector('button');
    if (first) (first as HTMLElement).focus();
  });
  return button;
}

export function renderFindings(ctx: FindingsContext): HTMLElement {
  const { result } = ctx;
  if (!result.diagnostics.length) {
    return el('div', { class: 'nb-findings' }, el('p', { class: 'nb-empty' }, '没有发现问题。'));
  }
  const groups = new Map<string, number[]>();
  result.diagnostics.forEach((d, i) => {
    const key = d.cells.length ? tableOf(d.cells[0]) : '';
    if (!groups.has(key)) groups.set(key, []);
    (groups.get(key) as number[]).push(i);
  });
  const best = result.repairs[0];
  return el('div', { class: 'nb-findings' },
    best ? el('p', { class: 'nb-repair nb-repair--best' }, `最可能需要修改：${repairText(result, best, ctx.describe)}`) : null,
    GROUP_ORDER.filter((key) => groups.has(key)).map((key) => {
      const indices = groups.get(key) as number[];
      const list = el('ol', { class: 'nb-finding-list' }, indices.slice(0, FIRST_SHOWN).map((i) => finding(ctx, result.diagnostics[i], i)));
      return el('section', { class: 'nb-finding-group' },
        el('h3', {}, `${key ? TABLE_NAMES[key] : '全文'}（${indices.length} 项）`),
        list,
        moreButton(ctx, list, indices));
    }));
}
