// The batch section of the page: a switch between checking one report and checking many, the
// file and folder pickers and the drop zone, the progress bar, the summary table (sortable by
// buttons in its headers, filterable), its exports, and each report's full view — the single
// view mounted again for that report, with no draft of its own, so the user's draft in the
// single view is never touched. Drawing is throttled and rows are updated in place, so focus
// stays where it is while results arrive.
import { append, download, el, replaceChildren } from './dom';
import { mountApp } from './app';
import { engineReady } from './checker';
import { coreVersion } from './model';
import { installStyles } from './styles';
import batchCss from './batch.css';
import { Batch, type Entry } from './batch';
import { fromDrop, fromInput, type Picked } from './batch-files';
import {
  COLUMNS, SHORT_FORMATS, crossWords, filterEntries, isRead, noteWords, sortEntries, summaryCsv, totals, totalsWords, verdictWords,
  type ColumnKey, type Filter, type Sort,
} from './batch-summary';
import type { Mounted } from './types';

/**
 * While results arrive: the progress bar is drawn at most every DRAW_EVERY_MS, the rows at most
 * every ROWS_EVERY_MS (each drawing of a hundred rows costs the browser a layout and a paint of
 * the table, tens of milliseconds on a slow machine); when the batch is done, or the user sorts
 * or filters, at once.
 */
const DRAW_EVERY_MS = 200;
const ROWS_EVERY_MS = 1000;

interface Row {
  tr: HTMLTableRowElement;
  open: HTMLElement;
  cells: HTMLTableCellElement[];
  drawn: string;
}

function stamp(date: Date): string {
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

function picker(label: string, action: string, folder: boolean, onPick: (picked: Picked) => void): HTMLElement {
  const input = el('input', {
    type: 'file', multiple: true, class: 'nb-visually-hidden', tabindex: '-1', 'aria-hidden': 'true',
    accept: folder ? null : '.txt,text/plain,.docx,.html,.htm,.pdf,.doc,.wps,.tsv',
  });
  if (folder) {
    input.setAttribute('webkitdirectory', '');
    input.setAttribute('directory', '');
  }
  input.addEventListener('change', () => {
    onPick(fromInput(input.files));
    input.value = '';
  });
  return el('span', { class: 'nb-file' },
    el('button', { type: 'button', class: 'nb-button', 'data-action': action, onclick: () => input.click() }, label), input);
}

/**
 * Mounts the batch section into `host` and the switch between the two modes; `single` is the
 * element holding the single-report view (hidden, never destroyed, while the batch is shown).
 */
export function mountBatch(host: HTMLElement, single: HTMLElement): void {
  installStyles(host.ownerDocument || document);
  installStyles(host.ownerDocument || document, batchCss);
  const root = el('div', { class: 'nb-batch', lang: 'zh-CN', 'data-nb-batch-state': 'empty' });
  let sort: Sort | null = null;
  const filter: Filter = { errorsOnly: false, text: '' };
  let detail: Mounted | null = null;
  let drawTimer: ReturnType<typeof setTimeout> | undefined;
  let lastDraw = 0;
  let lastRows = 0;
  let wasBusy = false;
  const rows = new Map<number, Row>();

  // ── modes ───────────────────────────────────────────────────────────────────────────────────
  const modeButton = (mode: string, label: string) =>
    el('button', { type: 'button', class: 'nb-button nb-mode', 'data-mode': mode, 'aria-pressed': 'false', onclick: () => show(mode === 'batch') }, label);
  const singleButton = modeButton('single', '校验一份报告');
  const batchButton = modeButton('batch', '批量校验多份报告');
  const area = el('section', { class: 'nb-batch-area', 'aria-labelledby': 'nb-batch-heading', hidden: true });
  const show = (batchMode: boolean) => {
    single.hidden = batchMode;
    area.hidden = !batchMode;
    singleButton.setAttribute('aria-pressed', String(!batchMode));
    batchButton.setAttribute('aria-pressed', String(batchMode));
    root.classList.toggle('nb-batch--active', batchMode);
  };

  // ── the batch and its controls ──────────────────────────────────────────────────────────────
  const notice = el('div', { class: 'nb-batch-notice', role: 'status' });
  const announce = el('div', { class: 'nb-visually-hidden', role: 'status', 'aria-live': 'polite' });
  const bar = el('div', { class: 'nb-batch-bar-fill' });
  const progress = el('div', {
    class: 'nb-batch-bar', role: 'progressbar', 'aria-label': '批量校验进度', 'aria-valuemin': '0', 'aria-valuemax': '0', 'aria-valuenow': '0',
  }, bar);
  const progressText = el('span', { class: 'nb-batch-progress-text' });
  const progressBox = el('div', { class: 'nb-batch-progress', hidden: true }, progress, progressText);
  const totalsLine = el('p', { class: 'nb-batch-totals' });
  const shown = el('p', { class: 'nb-batch-shown', 'aria-live': 'polite' });
  const body = el('tbody', {});
  const headers = new Map<ColumnKey, { th: HTMLTableCellElement; arrow: HTMLElement }>();
  const printTime = el('span', {});
  const printVersion = el('span', {});
  const printFilter = el('span', {});

  const batch = new Batch(() => scheduleDraw());

  const added = (picked: Picked) => {
    if (!picked.files.length) {
      replaceChildren(notice, picked.skipped ? `所选内容中没有报告文件（.txt、.docx、.html、.pdf），跳过了 ${picked.skipped} 个其他文件。` : '没有选中文件。');
      return;
    }
    const parts = [`已加入 ${picked.files.length} 个文件`];
    if (picked.skipped) parts.push(`文件夹中另有 ${picked.skipped} 个不是报告的文件，已跳过`);
    if (picked.truncated) parts.push('文件太多，只取了前面一部分');
    replaceChildren(notice, `${parts.join('；')}。`);
    batch.add(picked.files);
  };

  const errorsOnly = el('input', { type: 'checkbox', id: 'nb-batch-errors-only', 'data-filter': 'errors' });
  errorsOnly.addEventListener('change', () => { filter.errorsOnly = errorsOnly.checked; draw(); });
  const textFilter = el('input', { type: 'search', id: 'nb-batch-filter', class: 'nb-batch-search', 'data-filter': 'text', autocomplete: 'off' });
  textFilter.addEventListener('input', () => { filter.text = textFilter.value; draw(); });

  const visible = () => sortEntries(filterEntries(batch.entries, filter), sort);
  const exportCsv = el('button', { type: 'button', class: 'nb-button', 'data-action': 'batch-csv', disabled: true, onclick: () => {
    const now = new Date();
    download(`年报批量校验汇总_${stamp(now).slice(0, 10)}.csv`, 'text/csv', summaryCsv(visible()));
  } }, '导出汇总表（CSV）');
  const print = el('button', { type: 'button', class: 'nb-button', 'data-action': 'batch-print', disabled: true, onclick: () => window.print() }, '打印汇总表');
  const clear = el('button', { type: 'button', class: 'nb-button', 'data-action': 'batch-clear', disabled: true, onclick: () => {
    batch.clear();
    rows.clear();
    replaceChildren(body);
    replaceChildren(notice, '已清空列表（只清空此处的汇总，不影响原文件和单份校验的草稿）。');
  } }, '清空列表');

  // ── the table ───────────────────────────────────────────────────────────────────────────────
  const sortBy = (key: ColumnKey, numeric: boolean) => {
    const first = numeric ? 'descending' : 'ascending';
    sort = sort && sort.key === key
      ? { key, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' }
      : { key, direction: first };
    draw();
  };
  const headRow = el('tr', {}, COLUMNS.map((c) => {
    const arrow = el('span', { class: 'nb-sort-arrow', 'aria-hidden': 'true' }, '↕');
    const th = el('th', { scope: 'col', 'data-col': c.key },
      el('button', { type: 'button', class: 'nb-sort', 'data-sort': c.key, onclick: () => sortBy(c.key, c.numeric) }, c.label, arrow));
    headers.set(c.key, { th, arrow });
    return th;
  }), el('th', { scope: 'col', 'data-col': 'note' }, '说明'));
  const table = el('table', { class: 'nb-table nb-batch-table' },
    el('caption', {}, '批量校验汇总表',
      el('span', { class: 'nb-batch-caption-hint' }, '（点击表头按该列排序；点击文件名查看该报告的完整校验结果）')),
    el('thead', {}, headRow), body);

  const rowFor = (e: Entry): Row => {
    let row = rows.get(e.id);
    if (!row) {
      const open = el('button', { type: 'button', class: 'nb-batch-open', 'data-open': String(e.id), onclick: () => openReport(e.id) }, e.path);
      const cells = COLUMNS.slice(1).map((c) => el('td', { 'data-col': c.key, class: c.key === 'cross' ? 'nb-batch-cross' : c.numeric ? 'nb-batch-num' : '' }));
      cells.push(el('td', { 'data-col': 'note', class: 'nb-batch-note' }));
      const tr = el('tr', { 'data-id': String(e.id), 'data-file': e.path }, el('th', { scope: 'row', 'data-col': 'file' }, open), cells);
      row = { tr, open, cells, drawn: '' };
      rows.set(e.id, row);
    }
    return row;
  };

  const fill = (e: Entry, row: Row) => {
    const read = isRead(e);
    const num = (n: number) => (read ? String(n) : '—');
    const words = [
      e.agency || (read ? '（未识别）' : ''),
      e.year === null ? (read ? '（未识别）' : '') : String(e.year),
      e.format ? SHORT_FORMATS[e.format] : '',
      num(e.errors), num(e.warnings), num(e.cellsExpected - e.cellsRead), num(e.marked),
      crossWords(e),
      [read && e.cellsRead ? '' : verdictWords(e), noteWords(e)].filter(Boolean).join('；'),
    ];
    const key = `${e.state}\u0000${e.previous ? e.previous.id : 0}\u0000${words.join('\u0000')}`;
    if (key === row.drawn) return;
    row.drawn = key;
    row.tr.setAttribute('data-state', e.state);
    row.tr.setAttribute('data-previous', e.previous ? e.previous.path : '');
    row.tr.className = read && e.errors ? 'nb-batch-row--errors' : e.state === 'refused' || e.state === 'failed' ? 'nb-batch-row--unread' : '';
    row.open.setAttribute('aria-disabled', String(e.text === null));
    words.forEach((w, i) => {
      const td = row.cells[i];
      if (i === 3 && read && e.errors) replaceChildren(td, el('span', { 'aria-hidden': 'true' }, '✖ '), w);
      else if (i === 4 && read && e.warnings) replaceChildren(td, el('span', { 'aria-hidden': 'true' }, '⚠ '), w);
      else td.textContent = w;
    });
  };

  const draw = (now = true) => {
    if (drawTimer !== undefined) clearTimeout(drawTimer);
    drawTimer = undefined;
    lastDraw = performance.now();
    const entries = batch.entries;
    const p = batch.progress();
    const rowsDue = now || !p.busy || lastDraw - lastRows >= ROWS_EVERY_MS;
    root.setAttribute('data-nb-batch-state', !entries.length ? 'empty' : p.busy ? 'busy' : 'done');
    progressBox.hidden = !entries.length;
    progress.setAttribute('aria-valuemax', String(p.total));
    progress.setAttribute('aria-valuenow', String(p.done));
    progress.setAttribute('aria-valuetext', p.busy ? `已完成 ${p.done} / ${p.total} 步` : '全部完成');
    bar.style.width = `${p.total ? Math.round((100 * p.done) / p.total) : 0}%`;
    progressText.textContent = p.busy ? `正在校验：${p.done} / ${p.total}` : entries.length ? `已完成：${entries.length} 份报告` : '';
    const t = totals(entries);
    if (rowsDue) totalsLine.textContent = entries.length ? totalsWords(t) : '';
    if (wasBusy && !p.busy && entries.length) {
      announce.textContent = `批量校验完成。${totalsWords(t)}`;
      printTime.textContent = `校验时间 ${stamp(new Date())}`;
    }
    wasBusy = p.busy;
    exportCsv.disabled = print.disabled = clear.disabled = !entries.length;
    if (!rowsDue) return;
    lastRows = lastDraw;

    for (const c of COLUMNS) {
      const h = headers.get(c.key);
      if (!h) continue;
      if (sort && sort.key === c.key) {
        h.th.setAttribute('aria-sort', sort.direction);
        h.arrow.textContent = sort.direction === 'ascending' ? '▲' : '▼';
      } else {
        h.th.removeAttribute('aria-sort');
        h.arrow.textContent = '↕';
      }
    }
    const list = visible();
    const focused = document.activeElement;
    const order = list.map((e) => {
      const row = rowFor(e);
      fill(e, row);
      return row.tr;
    });
    const same = order.length === body.children.length && order.every((tr, i) => body.children[i] === tr);
    if (!same) {
      replaceChildren(body, order);
      // Moving a row takes focus from its button: give it back.
      if (focused instanceof HTMLElement && focused !== document.activeElement && body.contains(focused)) focused.focus();
    }
    shown.textContent = entries.length
      ? list.length === entries.length ? `显示全部 ${entries.length} 份报告。` : `显示 ${entries.length} 份中的 ${list.length} 份（已筛选）。`
      : '';
    const filters = [filter.errorsOnly ? '只列出有错误的报告' : '', filter.text.trim() ? `筛选“${filter.text.trim()}”` : ''].filter(Boolean);
    printFilter.textContent = filters.length ? `（${filters.join('，')}）` : '';
  };

  const scheduleDraw = () => {
    if (drawTimer !== undefined) return;
    drawTimer = setTimeout(() => draw(false), Math.max(0, DRAW_EVERY_MS - (performance.now() - lastDraw)));
  };

  // ── one report's full view ──────────────────────────────────────────────────────────────────
  const summaryView = el('div', { class: 'nb-batch-summary-view' });
  const detailHost = el('div', { class: 'nb-batch-detail-app' });
  const detailTitle = el('h2', { class: 'nb-heading nb-batch-detail-title', tabindex: '-1' });
  const detailNote = el('p', { class: 'nb-hint' });
  let openedId = 0;
  const back = () => {
    if (detail) detail.destroy();
    detail = null;
    detailBox.hidden = true;
    summaryView.hidden = false;
    draw();
    const row = rows.get(openedId);
    if (row && document.contains(row.open)) row.open.focus();
  };
  const detailBox = el('div', { class: 'nb-batch-detail', hidden: true },
    el('div', { class: 'nb-batch-toolbar' },
      el('button', { type: 'button', class: 'nb-button', 'data-action': 'batch-back', onclick: back }, '← 返回汇总表')),
    detailTitle, detailNote, detailHost);
  const openReport = (id: number) => {
    const e = batch.entries.filter((x) => x.id === id)[0];
    if (!e || e.text === null) return;
    openedId = id;
    const previous = e.previous && e.previous.text !== null ? e.previous : null;
    detailTitle.textContent = `${e.path}${e.agency ? ` · ${e.agency}` : ''}${e.year !== null ? ` · ${e.year} 年度` : ''}`;
    detailNote.textContent = `${previous ? `已同时载入上一年度报告 ${previous.path}，核对跨年度数据。` : ''}在这里修改文字只用于查看，不会保存，也不影响原文件和“校验一份报告”中的草稿。`;
    summaryView.hidden = true;
    detailBox.hidden = false;
    if (detail) detail.destroy();
    detail = mountApp(detailHost, { text: e.text, previousText: previous ? previous.text || '' : '', storageKey: null });
    detailTitle.focus();
  };

  // ── drop anywhere on the batch section ──────────────────────────────────────────────────────
  const hasFiles = (event: DragEvent) => !!event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, 'Files') !== -1;
  area.addEventListener('dragover', (event) => {
    if (!hasFiles(event) || summaryView.hidden) return;
    event.preventDefault();
    root.classList.add('nb-batch--drop');
  });
  area.addEventListener('dragleave', () => root.classList.remove('nb-batch--drop'));
  area.addEventListener('drop', (event) => {
    root.classList.remove('nb-batch--drop');
    if (!event.dataTransfer || summaryView.hidden) return;
    event.preventDefault();
    fromDrop(event.dataTransfer).then(added, () => replaceChildren(notice, '未能读取拖入的文件。'));
  });

  append(summaryView, [
    el('h2', { class: 'nb-heading', id: 'nb-batch-heading' }, '批量校验多份报告'),
    el('p', { class: 'nb-hint' }, '选择或拖入多份年度报告（.txt、.docx、.html，或整个文件夹），逐份校验后在下表列出；同一单位相邻年度的报告自动配对，核对跨年度数据；随报告一并选入各单位导出的“已核实标记”文件（.tsv），其中标记的问题计入“已核实”一列。全部在本机完成，不上传；“校验一份报告”中的草稿不受影响。'),
    el('div', { class: 'nb-batch-drop' },
      picker('选择多个文件', 'batch-files', false, added),
      picker('选择文件夹', 'batch-folder', true, added),
      el('span', { class: 'nb-batch-drop-hint' }, '或把文件、文件夹拖到这里')),
    notice, announce, progressBox,
    el('div', { class: 'nb-batch-print-head' },
      el('p', { class: 'nb-batch-print-title' }, '政府信息公开工作年度报告 批量校验汇总', printFilter),
      el('p', {}, printTime, ' ', printVersion)),
    totalsLine,
    el('div', { class: 'nb-batch-toolbar nb-batch-controls' },
      el('span', { class: 'nb-batch-check' }, errorsOnly, el('label', { for: 'nb-batch-errors-only' }, '只看有错误的')),
      el('span', { class: 'nb-batch-check' }, el('label', { for: 'nb-batch-filter' }, '按单位或文件名筛选：'), textFilter),
      exportCsv, print, clear),
    shown,
    el('div', { class: 'nb-table-scroll nb-batch-scroll', tabindex: '0', role: 'region', 'aria-label': '批量校验汇总表（可横向滚动）' }, table),
  ]);
  append(area, [summaryView, detailBox]);
  append(root, [el('div', { class: 'nb-modes', role: 'group', 'aria-label': '校验方式' }, singleButton, batchButton), area]);
  replaceChildren(host, root);
  engineReady().then(() => { printVersion.textContent = `校验程序版本 ${coreVersion()}`; }, () => undefined);
  show(/^#batch$/.test(location.hash));
  draw();
}
