// The verdict, first thing in the results panel: a clear pass ("未发现勾稽关系错误") or the number of
// errors, the report's title and year, the counts (each a link to its findings), the cells read,
// and the most likely repair in words. Errors marked 已核实，不改 do not count as open; the number
// marked is said beside the counts.
import { el } from './dom';
import { FORMAT_NAMES, SEVERITY_ICONS } from './labels';
import type { CheckResult, Severity } from './types';

export interface VerdictContext {
  /** Words for the first repair ("（七）总计 自然人 0 → 1；…"), or null when there is none. */
  repair: string | null;
  /** Shown under the verdict: e.g. that the text holds two reports. */
  caution: string | null;
  /** A count was activated: go to the first finding of that severity. */
  jump(severity: Severity): void;
  /** Errors not marked 已核实 (default: every error). */
  openErrors?: number;
  /** Findings marked 已核实，不改 (default 0). */
  accepted?: number;
}

/** A title the core took from prose ("》规定，按照《…关于…年度报告") is no title. */
function plausible(title: string | null): string | null {
  return title && !/^[》》」』）)，,。、；;：:]|[《》]|关于/.test(title) ? title : null;
}

function heading(result: CheckResult): string {
  const { year } = result.report;
  const title = plausible(result.report.title);
  if (title) return year !== null && title.indexOf(String(year)) < 0 ? `${title}（${year} 年度）` : title;
  return year !== null ? `${year} 年度报告（未识别出报告标题）` : '';
}

export function renderSummary(result: CheckResult, ctx: VerdictContext): HTMLElement {
  const { report, summary } = result;
  const tablesFound = summary.cells_read > 0;
  const count = (kind: string, severity: Severity, label: string, n: number) => {
    const inner = [el('span', { 'aria-hidden': 'true' }, SEVERITY_ICONS[severity]), ` ${label} `, el('strong', {}, String(n))];
    return n
      ? el('button', { type: 'button', class: `nb-count nb-count--${kind} nb-count-link`, 'data-count': kind, title: `查看${label}`, onclick: () => ctx.jump(severity) }, inner)
      : el('span', { class: `nb-count nb-count--${kind} nb-count--zero`, 'data-count': kind }, inner);
  };
  const open = ctx.openErrors === undefined ? summary.errors : ctx.openErrors;
  const accepted = ctx.accepted || 0;
  let verdict: HTMLElement;
  if (!tablesFound) {
    verdict = el('p', { class: 'nb-verdict nb-verdict--none', 'data-verdict': 'none' }, '没有读到统计表，无法核对勾稽关系。');
  } else if (summary.errors > 0 && open === 0) {
    verdict = el('p', { class: 'nb-verdict nb-verdict--pass', 'data-verdict': 'accepted' },
      el('span', { 'aria-hidden': 'true' }, '✔ '), `勾稽关系错误 ${summary.errors} 处均已核实，不改`,
      summary.warnings ? el('span', { class: 'nb-verdict-more' }, `，另有 ${summary.warnings} 条警告请核对`) : null);
  } else if (summary.errors === 0) {
    verdict = el('p', { class: 'nb-verdict nb-verdict--pass', 'data-verdict': 'pass' },
      el('span', { 'aria-hidden': 'true' }, '✔ '), '未发现勾稽关系错误',
      summary.warnings ? el('span', { class: 'nb-verdict-more' }, `，另有 ${summary.warnings} 条警告请核对`) : null);
  } else {
    verdict = el('p', { class: 'nb-verdict nb-verdict--fail', 'data-verdict': 'fail' },
      el('span', { 'aria-hidden': 'true' }, '✖ '), `发现 ${open} 处勾稽关系错误`,
      summary.errors > open ? el('span', { class: 'nb-verdict-more' }, `（另有 ${summary.errors - open} 处已核实，不改）`) : null);
  }
  const title = heading(result);
  return el('div', { class: 'nb-summary-body' },
    verdict,
    ctx.caution ? el('p', { class: 'nb-caution' }, el('span', { 'aria-hidden': 'true' }, '⚠ '), ctx.caution) : null,
    ctx.repair ? el('p', { class: 'nb-repair nb-repair--best' }, `最可能需要修改：${ctx.repair}`) : null,
    title ? el('p', { class: 'nb-summary-title' }, title) : null,
    el('p', { class: 'nb-summary-counts' },
      count('errors', 'error', '错误', open),
      count('warnings', 'warning', '警告', summary.warnings),
      count('infos', 'info', '提示', summary.infos),
      accepted ? el('span', { class: 'nb-count nb-count--accepted', 'data-count': 'accepted' },
        el('span', { 'aria-hidden': 'true' }, '☑'), ' 已核实 ', el('strong', {}, String(accepted)), ' 项') : null,
      el('span', { class: 'nb-count nb-count--cells', 'data-count': 'cells' },
        '读取单元格 ', el('strong', {}, `${summary.cells_read} / ${summary.cells_expected}`)),
      el('span', { class: 'nb-format' }, FORMAT_NAMES[report.format])));
}
