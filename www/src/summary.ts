// The summary bar: detected format, errors, warnings, and cells read out of those the format has.
import { el } from './dom';
import { FORMAT_NAMES, SEVERITY_ICONS } from './labels';
import type { CheckResult } from './types';

export function renderSummary(result: CheckResult): HTMLElement {
  const { report, summary } = result;
  const heading = [report.title, report.year !== null ? `（${report.year} 年度）` : ''].filter(Boolean).join('');
  const count = (kind: string, icon: string, label: string, n: number) =>
    el('span', { class: `nb-count nb-count--${kind}${n ? '' : ' nb-count--zero'}`, 'data-count': kind },
      el('span', { 'aria-hidden': 'true' }, icon), ` ${label} `, el('strong', {}, String(n)));
  return el('div', { class: 'nb-summary-body' },
    heading ? el('p', { class: 'nb-summary-title' }, heading) : null,
    el('p', { class: 'nb-summary-counts' },
      count('errors', SEVERITY_ICONS.error, '错误', summary.errors),
      count('warnings', SEVERITY_ICONS.warning, '警告', summary.warnings),
      count('infos', SEVERITY_ICONS.info, '提示', summary.infos),
      el('span', { class: 'nb-count nb-count--cells', 'data-count': 'cells' },
        '读取单元格 ', el('strong', {}, `${summary.cells_read} / ${summary.cells_expected}`)),
      el('span', { class: 'nb-format' }, FORMAT_NAMES[report.format])));
}
