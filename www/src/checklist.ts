// What the notice requires of a report, as a short checklist beside the verdict: the six parts
// present and in order, a title with agency and year, the statistics period, and tables of the
// format the year requires. Every fact comes from the core's result (sections, title_year,
// period, required_format, format); each item with a place in the text is a button that selects it.
import { el } from './dom';
import { FORMAT_NAMES } from './labels';
import type { CheckResult, Span } from './types';

export interface ChecklistItem {
  key: 'sections' | 'order' | 'title' | 'period' | 'format';
  /** null: cannot be judged (e.g. no year read). */
  ok: boolean | null;
  label: string;
  detail: string;
  place: { span: Span; line: number } | null;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六'];

export function checklistItems(result: CheckResult): ChecklistItem[] {
  const { report } = result;
  const items: ChecklistItem[] = [];
  const sections = report.sections.slice().sort((a, b) => a.span[0] - b.span[0]);
  const numbers = sections.map((s) => s.number);
  const missing = [1, 2, 3, 4, 5, 6].filter((n) => numbers.indexOf(n) < 0);
  const firstMissing = result.diagnostics.filter((d) => d.code === 'section-missing')[0];
  items.push({
    key: 'sections',
    ok: missing.length === 0,
    label: '六个部分齐全',
    detail: missing.length === 0 ? '一至六部分都已找到'
      : `未找到第${missing.map((n) => NUMERALS[n - 1]).join('、')}部分`,
    place: firstMissing ? { span: firstMissing.span, line: firstMissing.line } : sections.length ? { span: sections[0].span, line: sections[0].line } : null,
  });
  const outOfOrder = sections.filter((s, i) => i > 0 && s.number <= sections[i - 1].number)[0];
  items.push({
    key: 'order',
    ok: sections.length < 2 ? null : !outOfOrder,
    label: '各部分顺序正确',
    detail: sections.length < 2 ? '找到的部分不足两个，无法判断'
      : outOfOrder ? `第${NUMERALS[outOfOrder.number - 1] || outOfOrder.number}部分“${outOfOrder.title}”出现在后面的部分之后` : '按一至六的顺序排列',
    place: outOfOrder ? { span: outOfOrder.span, line: outOfOrder.line } : null,
  });
  const titleYear = report.title_year;
  items.push({
    key: 'title',
    ok: Boolean(report.title && report.agency && titleYear),
    label: '标题写明机关和年度',
    detail: !report.title ? '未找到标题（应如“某某县人民政府2023年政府信息公开工作年度报告”）'
      : !report.agency ? '标题中未识别出机关名称'
      : !titleYear ? '标题中没有年度' : `${report.agency}，${titleYear.year} 年度`,
    place: titleYear ? { span: titleYear.span, line: titleYear.line } : null,
  });
  const period = report.period;
  const periodAgrees = period !== null && (report.year === null || period.year === report.year);
  items.push({
    key: 'period',
    ok: period !== null && periodAgrees,
    label: '写明统计期限',
    detail: period === null ? '未找到统计期限（如“统计期限为2023年1月1日至12月31日”）'
      : periodAgrees ? `统计期限为 ${period.year} 年` : `统计期限为 ${period.year} 年，与报告年度 ${report.year} 不一致`,
    place: period ? { span: period.span, line: period.line } : null,
  });
  const required = report.required_format;
  const firstCell = Object.keys(report.cells).map((p) => report.cells[p]).filter((c) => c !== null)[0];
  items.push({
    key: 'format',
    ok: required === null || report.format === 'unknown' ? null : report.format === required,
    label: '统计表格式符合年度要求',
    detail: required === null ? '未识别报告年度，无法判断'
      : report.format === 'unknown' ? `${report.year} 年度应使用${FORMAT_NAMES[required]}；未能识别本报告的表格格式`
      : report.format === required ? `${report.year} 年度，使用${FORMAT_NAMES[required]}`
      : `${report.year} 年度应使用${FORMAT_NAMES[required]}，本报告为${FORMAT_NAMES[report.format]}`,
    place: firstCell ? { span: firstCell.span, line: firstCell.line } : null,
  });
  return items;
}

const MARKS = { yes: '✓', no: '✗', unknown: '？' };

/** The checklist; `go` selects a place in the text (from the button that asked). */
export function renderChecklist(result: CheckResult, go: (span: Span, line: number, from: HTMLElement) => void): HTMLElement {
  const items = checklistItems(result);
  const failed = items.filter((item) => item.ok === false).length;
  // Open when something is wanting; all met, it is one line that can be opened.
  return el('details', { class: 'nb-checklist', open: failed > 0 },
    el('summary', { class: 'nb-checklist-heading' }, '格式要求核对：',
      failed ? el('strong', {}, `${failed} 项不符合`) : `${items.filter((item) => item.ok).length} 项均符合`),
    el('ul', { class: 'nb-checklist-list' }, items.map((item) => {
      const state = item.ok === null ? 'unknown' : item.ok ? 'yes' : 'no';
      const word = item.ok === null ? '无法判断' : item.ok ? '符合' : '不符合';
      const body = [
        el('span', { class: `nb-check-icon nb-check-icon--${state}`, 'aria-hidden': 'true' }, MARKS[state]),
        el('span', { class: 'nb-visually-hidden' }, `${word}：`),
        el('span', { class: 'nb-check-label' }, item.label),
        el('span', { class: 'nb-check-detail' }, `（${item.detail}）`),
      ];
      const place = item.place;
      return el('li', { class: `nb-check nb-check--${state}`, 'data-check': item.key, 'data-ok': state },
        place
          ? el('button', { type: 'button', class: 'nb-check-go', title: `在原文中查看（第 ${place.line} 行）`,
              onclick: (event: Event) => go(place.span, place.line, event.currentTarget as HTMLElement) }, body)
          : el('span', { class: 'nb-check-go' }, body));
    })));
}
