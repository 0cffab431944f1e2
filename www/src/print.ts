// The one-page 校验报告 that printing (or "另存为 PDF") gives: which report, when and by which
// version it was checked, the verdict, each finding with its 建议 and the reviewer's note, and a
// line for the checker's name. It is its own element, hidden on screen and the only thing shown
// in print (style.css), so nothing screen-only (line numbers, buttons, toggles) reaches paper.
import { el } from './dom';
import { adviceText } from './findings';
import { FORMAT_NAMES, SEVERITY_NAMES } from './labels';
import { markOf, openErrors, type ReviewMarks } from './marks';
import type { CheckResult, Diagnostic, Severity } from './types';

export interface PrintContext {
  result: CheckResult;
  marks: ReviewMarks;
  describe(path: string): string;
  /** Words for the first repair, or null. */
  repair: string | null;
  version: string;
  checkedAt: Date;
}

/** Findings listed one by one on paper; beyond this, a count (the page lists them all). */
const MAX_LISTED = 40;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "2026-12-03 07:40" in the reader's local time. */
export function dateTime(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** "某某县人民政府_2023": what exports are named by; characters file systems refuse are dropped. */
export function reportBaseName(result: CheckResult): string {
  const agency = (result.report.agency || '').replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 60) || '年度报告';
  const year = result.report.year !== null ? String(result.report.year) : '年度未识别';
  return `${agency}_${year}`;
}

/** The verdict in one sentence, with marked errors set apart. */
export function verdictText(result: CheckResult, marks: ReviewMarks): string {
  const { summary } = result;
  if (summary.cells_read === 0) return '没有读到统计表，无法核对勾稽关系。';
  const open = openErrors(result, marks);
  const warnings = summary.warnings ? `，另有 ${summary.warnings} 条警告` : '';
  if (summary.errors === 0) return `未发现勾稽关系错误${warnings}。`;
  if (open === 0) return `勾稽关系错误 ${summary.errors} 处均已核实，不改${warnings}。`;
  const marked = summary.errors > open ? `（另有 ${summary.errors - open} 处已核实，不改）` : '';
  return `发现 ${open} 处勾稽关系错误${marked}${warnings}。`;
}

function item(ctx: PrintContext, d: Diagnostic): HTMLElement {
  const advice = adviceText(ctx.result, d, ctx.describe);
  const mark = markOf(d, ctx.marks);
  return el('li', { class: `nb-print-finding nb-print-finding--${d.severity}` },
    el('span', { class: 'nb-print-severity' }, `【${SEVERITY_NAMES[d.severity]}】`),
    d.message,
    advice ? el('div', { class: 'nb-print-advice' }, `建议：${advice}`) : null,
    mark ? el('div', { class: 'nb-print-note' }, `已核实，不改：${mark.note || '（无备注）'}`) : null);
}

export function renderPrintReport(ctx: PrintContext): HTMLElement {
  const { result } = ctx;
  const { report, summary } = result;
  const order: Severity[] = ['error', 'warning'];
  const listed = order.reduce<Diagnostic[]>((all, s) => all.concat(result.diagnostics.filter((d) => d.severity === s)), []);
  const marked = result.diagnostics.filter((d) => markOf(d, ctx.marks)).length;
  const row = (name: string, value: string) => el('tr', {}, el('th', { scope: 'row' }, name), el('td', {}, value));
  return el('div', { class: 'nb-print-body' },
    el('h1', { class: 'nb-print-title' }, '政府信息公开工作年度报告校验报告'),
    el('table', { class: 'nb-print-meta' },
      el('tbody', {},
        row('报告', report.title || '（未识别出报告标题）'),
        row('机关', report.agency || '（未识别）'),
        row('年度', report.year !== null ? `${report.year} 年度` : '（未识别）'),
        row('表格格式', FORMAT_NAMES[report.format]),
        row('校验时间', dateTime(ctx.checkedAt)),
        row('校验程序', `年报校验 ${ctx.version}（在本机浏览器内校验）`))),
    el('p', { class: 'nb-print-verdict', 'data-verdict': openErrors(result, ctx.marks) ? 'fail' : 'pass' }, `结论：${verdictText(result, ctx.marks)}`),
    el('p', { class: 'nb-print-counts' },
      `错误 ${summary.errors} 处、警告 ${summary.warnings} 条、提示 ${summary.infos} 条；已核实 ${marked} 项；读取单元格 ${summary.cells_read} / ${summary.cells_expected}。`),
    ctx.repair ? el('p', { class: 'nb-print-repair' }, `最可能需要修改：${ctx.repair}`) : null,
    listed.length
      ? [el('h2', { class: 'nb-print-heading' }, `问题清单（错误与警告，共 ${listed.length} 项）`),
          el('ol', { class: 'nb-print-findings' }, listed.slice(0, MAX_LISTED).map((d) => item(ctx, d))),
          listed.length > MAX_LISTED ? el('p', {}, `另有 ${listed.length - MAX_LISTED} 项未列出，见“问题清单”CSV。`) : null]
      : el('p', {}, '没有错误或警告。'),
    summary.infos ? el('p', { class: 'nb-print-infos' }, `另有提示 ${summary.infos} 条（不影响结论），见网页或“问题清单”CSV。`) : null,
    el('p', { class: 'nb-print-sign' }, '核对人：________________　　核对日期：________________'));
}
