// Mounts the checker into an element: input (report, last year's report, files, examples, draft),
// live re-checking, and the results (the verdict panel with the findings, the tables, exports).
// Composes the rendering modules; holds the page state, and guards the user's text: every
// replacement can be undone, and an undo offer dies with the next edit.
import { append, download, el, replaceChildren } from './dom';
import { checkAsync, engineReady } from './checker';
import { createEditor, fileButton, type Editor } from './editor';
import { openError, openFile } from './decode';
import { pageFinder } from './pages';
import { renderSummary } from './summary';
import { highlightCells, labelledCells, marksOf, renderTables } from './tables';
import { placeOf, renderFindings, repairText } from './findings';
import { mixedReports } from './mixed';
import { findingsCsv, resultJson, tablesCsv } from './export';
import { acceptedCount, cleanNote, marksFromJson, marksToJson, marksTsv, openErrors, parseMarksTsv, type ReviewMarks } from './marks';
import { renderPrintReport, reportBaseName } from './print';
import { renderChecklist } from './checklist';
import { marksFileButton } from './marks-file';
import { DraftStore } from './storage';
import { pathDescriber } from './labels';
import { coreVersion, layoutFor, ruleMap } from './model';
import { installStyles } from './styles';
import type { CheckResult, Mounted, MountOptions, Severity } from './types';

let mounts = 0;

export const NO_WASM_MESSAGE =
  '您的浏览器不支持 WebAssembly，无法运行年报校验。请使用新版浏览器；如使用 360 等双核浏览器，请切换到“极速模式”。';

export function supportsWasm(): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
}

export function mountApp(host: HTMLElement, options: MountOptions = {}): Mounted {
  const doc = host.ownerDocument || document;
  // Start the engine first: the worker decodes and compiles the wasm while the page is built.
  if (supportsWasm()) engineReady().catch(() => undefined);
  installStyles(doc);
  const id = `nb-${++mounts}`;
  const root = el('div', { class: 'nb-app', lang: 'zh-CN', 'data-nb-state': 'idle' });
  replaceChildren(host, root);
  if (!supportsWasm()) {
    append(root, [el('p', { class: 'nb-fatal', role: 'alert' }, NO_WASM_MESSAGE)]);
    return { setText() {}, getText: () => '', check: () => Promise.reject(new Error(NO_WASM_MESSAGE)), destroy() {} };
  }

  const drafts = options.storageKey ? new DraftStore(options.storageKey) : null;
  const debounceMs = options.debounceMs === undefined ? 300 : options.debounceMs;
  const examples = options.examples || [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  let lastResult: CheckResult | null = null;
  let chosen: HTMLElement | null = null;
  let warnedStorage = false;
  // 已核实 marks, kept with this tab's draft (marks.ts).
  const marks: ReviewMarks = marksFromJson(drafts ? (drafts.load() || { marks: '' }).marks || null : null);
  let lastText = '';
  let checkedAt = new Date();

  // ── notices (with undo, so no replacement ever loses the user's text) ───────────────────────
  const notice = el('div', { class: 'nb-notice', role: 'status' });
  /** The text both editors held when the shown offer was made; any edit since voids the offer. */
  let offeredAt: string | null = null;
  const both = () => `${editor.getText()}\u0000${previous.getText()}`;
  const say = (message: string, action?: { label: string; run(): void }) => {
    offeredAt = action ? both() : null;
    replaceChildren(notice, message, action
      ? el('button', { type: 'button', class: 'nb-button nb-button--link', 'data-action': 'undo', onclick: () => {
          const valid = offeredAt !== null && offeredAt === both();
          replaceChildren(notice);
          offeredAt = null;
          if (valid) action.run();
        } }, action.label)
      : null);
  };
  /** An edit: an offer made before it would overwrite it, so the offer goes. */
  const edited = () => {
    if (offeredAt !== null && offeredAt !== both()) {
      offeredAt = null;
      replaceChildren(notice);
    }
  };
  const replaceText = (target: Editor, text: string, what: string) => {
    const old = target.getText();
    target.setText(text);
    if (old.trim() && old !== target.getText()) {
      say(`${what}。`, { label: '撤销，恢复原来的文字', run: () => target.setText(old) });
    } else {
      say(`${what}。`);
    }
  };

  // ── results area ─────────────────────────────────────────────────────────────────────────────
  const summary = el('div', { class: 'nb-summary', role: 'status', 'aria-live': 'polite' }, '正在加载校验程序……');
  const tables = el('div', { class: 'nb-tables-box' });
  const findings = el('div', { class: 'nb-findings-box' });
  const printView = el('div', { class: 'nb-print-report' });
  const checklist = el('div', { class: 'nb-checklist-box' });
  const exportJson = el('button', { type: 'button', class: 'nb-button', 'data-action': 'export-json', disabled: true, onclick: () => lastResult && download(`${reportBaseName(lastResult)}_校验结果.json`, 'application/json', resultJson(lastResult, marks)) }, '导出结果（JSON）');
  const exportCsv = el('button', { type: 'button', class: 'nb-button', 'data-action': 'export-csv', disabled: true, onclick: () => {
    if (!lastResult) return;
    const layout = layoutFor(lastResult.report.format);
    download(`${reportBaseName(lastResult)}_单元格.csv`, 'text/csv', tablesCsv(lastResult, marksOf(lastResult), pathDescriber(layout, lastResult), marks));
  } }, '导出表格（CSV）');
  const exportFindings = el('button', { type: 'button', class: 'nb-button', 'data-action': 'export-findings', disabled: true, onclick: () => {
    if (!lastResult) return;
    const describe = pathDescriber(layoutFor(lastResult.report.format), lastResult);
    download(`${reportBaseName(lastResult)}_问题清单.csv`, 'text/csv', findingsCsv(lastResult, marks, ruleMap(), describe));
  } }, '导出问题清单（CSV）');
  const exportMarks = el('button', { type: 'button', class: 'nb-button', 'data-action': 'export-marks', disabled: true, onclick: () => {
    if (lastResult) download(`${reportBaseName(lastResult)}_已核实标记.tsv`, 'text/tab-separated-values', marksTsv(marks, lastResult));
  } }, '导出已核实标记（供命令行 --accept）');
  const importMarks = marksFileButton((content, name) => {
    const added = parseMarksTsv(content);
    added.forEach((mark, fingerprint) => marks.set(fingerprint, mark));
    save();
    if (lastResult) render(lastResult, lastText);
    const here = lastResult ? lastResult.diagnostics.filter((d) => added.has(d.fingerprint)).length : 0;
    say(added.size ? `已从 ${name} 导入 ${added.size} 条已核实标记，其中 ${here} 条对应当前报告的问题。` : `${name} 中没有已核实标记（每行应为“指纹<TAB>备注”）。`);
  }, (name) => say(`无法读取 ${name}。`));
  // The browser names the saved PDF after the document's title: "某某县人民政府_2023_校验报告"
  // (also for Ctrl+P, hence the print events).
  let pageTitle: string | null = null;
  const beforePrint = () => {
    if (!lastResult || pageTitle !== null) return;
    pageTitle = doc.title;
    doc.title = `${reportBaseName(lastResult)}_校验报告`;
  };
  const afterPrint = () => {
    if (pageTitle !== null) doc.title = pageTitle;
    pageTitle = null;
  };
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);
  const print = el('button', { type: 'button', class: 'nb-button', 'data-action': 'print', onclick: () => {
    beforePrint();
    window.print();
    afterPrint();
  } }, '打印校验报告（可存为 PDF）');

  /** The first finding of `severity`, focused (its list scrolls to it). */
  const jump = (severity: Severity) => {
    const first = findings.querySelector<HTMLElement>(`[data-severity="${severity}"] .nb-finding-choose`);
    if (first) first.focus();
  };

  /** Marks (note) or unmarks (null) findings, keeps the marks with the draft and redraws. */
  const remark = (fingerprints: string[], note: string | null) => {
    for (const fingerprint of fingerprints) {
      if (note === null) marks.delete(fingerprint);
      else marks.set(fingerprint, { note: cleanNote(note), time: Date.now() });
    }
    save();
    if (!lastResult) return;
    render(lastResult, lastText);
    // Focus stays on the finding: its new control (unmark, or mark again).
    const key = fingerprints.join(' ');
    const control = Array.prototype.filter.call(findings.querySelectorAll('.nb-mark'), (m: Element) => m.getAttribute('data-fingerprints') === key)[0] as HTMLElement | undefined;
    const button = control && control.querySelector<HTMLElement>('button');
    if (button) button.focus();
  };

  const render = (result: CheckResult, text: string) => {
    if (result !== lastResult) checkedAt = new Date();
    lastResult = result;
    lastText = text;
    chosen = null;
    const layout = layoutFor(result.report.format);
    const describe = pathDescriber(layout, result);
    const cellMarks = marksOf(result);
    if (!text.trim()) {
      replaceChildren(summary, el('p', { class: 'nb-verdict nb-verdict--none', 'data-verdict': 'empty' }, '请在输入框中粘贴、拖入或打开年度报告全文，这里会显示校验结论。'));
      replaceChildren(tables);
      replaceChildren(findings);
      replaceChildren(printView);
      replaceChildren(checklist);
    } else {
      const best = result.repairs[0];
      const repair = best ? repairText(result, best, describe) : null;
      replaceChildren(summary, renderSummary(result, {
        repair,
        caution: mixedReports(text),
        jump,
        openErrors: openErrors(result, marks),
        accepted: acceptedCount(result, marks),
      }));
      replaceChildren(checklist, renderChecklist(result, (span, line, from) => {
        editor.select(span[0], span[1], line, from);
        if (editor.root.scrollIntoView) editor.root.scrollIntoView({ block: 'center', inline: 'nearest' });
      }));
      replaceChildren(printView, renderPrintReport({ result, marks, describe, repair, version: coreVersion(), checkedAt }));
      replaceChildren(tables, renderTables(result, layout, cellMarks, describe));
      replaceChildren(findings, renderFindings({
        result,
        rules: ruleMap(),
        describe,
        marks,
        mark: remark,
        page: pageFinder(text),
        choose(index, button) {
          const d = result.diagnostics[index];
          if (chosen) chosen.removeAttribute('aria-current');
          chosen = button;
          button.setAttribute('aria-current', 'true');
          const first = highlightCells(tables, d.cells);
          const place = placeOf(d);
          editor.select(place.span[0], place.span[1], place.line, button);
          // Bring the place into view: the finding's own cell, or the text for a finding about prose.
          const own = labelledCells(result, d).filter((p) => {
            const cell = result.report.cells[p];
            return cell !== null && cell !== undefined && cell.span[0] === d.span[0];
          })[0];
          const cell = own ? tables.querySelector<HTMLElement>(`[data-path="${own}"]`) : first;
          const target = place !== d || !cell ? editor.root : cell;
          if (target.scrollIntoView) target.scrollIntoView({ block: 'center', inline: 'nearest' });
        },
      }));
    }
    exportJson.disabled = false;
    exportCsv.disabled = false;
    exportFindings.disabled = false;
    exportMarks.disabled = !acceptedCount(result, marks);
    root.setAttribute('data-nb-state', 'done');
    if (options.onResult) options.onResult(result);
  };

  const save = () => {
    if (!drafts) return;
    if (!drafts.save({ text: editor.getText(), previousText: previous.getText(), marks: marks.size ? marksToJson(marks) : '' }) && !warnedStorage) {
      warnedStorage = true;
      say('草稿未能保存在本机（浏览器存储已满或被禁用），请另行保存报告文字。');
    }
  };

  const runCheck = (): Promise<CheckResult> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    save();
    const mine = ++sequence;
    const text = editor.getText();
    const previousText = previous.getText();
    root.setAttribute('data-nb-state', 'checking');
    return Promise.all([checkAsync(text, previousText), engineReady()]).then(([result]) => {
      if (mine === sequence) render(result, text);
      return result;
    }, (error: unknown) => {
      if (mine === sequence) {
        root.setAttribute('data-nb-state', 'failed');
        const csp = /Content Security Policy|CompileError|unsafe-eval/i.test(String(error))
          ? '所在网页的内容安全策略（CSP）可能禁止了 WebAssembly，请网站管理员按嵌入说明放行。' : '';
        replaceChildren(summary, el('span', { class: 'nb-fatal' }, `校验程序出错：${String(error)}。${csp}您的文字仍在输入框中。`));
      }
      throw error;
    });
  };

  const schedule = () => {
    edited();
    root.setAttribute('data-nb-state', 'pending');
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => { runCheck().catch(() => undefined); }, debounceMs);
  };

  // ── input area ───────────────────────────────────────────────────────────────────────────────
  const opened = (target: () => Editor, what: string) => (name: string, text: string, encoding: string) =>
    replaceText(target(), text, `已打开 ${name}（${encoding}）${what}`);
  const openInto = (target: () => Editor, what: string) => (file: File) => {
    openFile(file).then((decoded) => opened(target, what)(file.name, decoded.text, decoded.encoding), (error) => say(openError(file.name, error)));
  };
  const refused = (name: string, error: unknown) => say(openError(name, error));
  const isExample = (text: string) => examples.some((e) => e.text.replace(/\r\n?/g, '\n') === text);
  /**
   * A paste into an example replaces the example (it was only there to look at). A whole report
   * pasted into other text mixes two reports: it is inserted as the user asked, and the page
   * offers to keep only the pasted report.
   */
  const pasted = (text: string, before: string, start: number, end: number): boolean => {
    if (before && isExample(before)) {
      replaceText(editor, text, '已用粘贴的文字替换示例');
      return true;
    }
    const rest = before.slice(0, start) + before.slice(end);
    // Only when the paste is what makes two reports (a small correction pasted in never is).
    if (!rest.trim() || mixedReports(rest) || !mixedReports(`${rest}\n${text}`)) return false;
    // After the text area has inserted the paste (and its input event has passed).
    setTimeout(() => say('粘贴的文字已插入原有文字之中，这段文字里现在有两份报告。', {
      label: '只保留刚粘贴的报告',
      run: () => replaceText(editor, text, '已只保留刚粘贴的报告'),
    }), 0);
    return false;
  };
  const editor: Editor = createEditor({
    id: `${id}-text`,
    label: '年度报告全文',
    hint: '粘贴、拖入或打开 .txt 文件（UTF-8 或 GBK/GB18030），或 Word 文档（.docx）、网页（.html）——按其中的表格读取。输入时自动重新校验；在问题列表中选择一项，会在此处选中对应文字，按 Esc 返回列表。',
    rows: 22,
    onChange: schedule,
    onFile: opened(() => editor, ''),
    onFileError: refused,
    onPaste: pasted,
    onNotice: (message) => say(message),
  });
  const previous: Editor = createEditor({
    id: `${id}-previous`,
    label: '上一年度报告全文（可选）',
    hint: '提供上一年度的报告后，会核对跨年度的结转数据。',
    rows: 10,
    onChange: schedule,
    onFile: opened(() => previous, '作为上一年度报告'),
    onFileError: refused,
    onNotice: (message) => say(message),
  });
  const previousBox = el('details', { class: 'nb-previous' },
    el('summary', {}, '上一年度报告（可选，用于跨年度核对）'),
    el('div', { class: 'nb-toolbar' }, fileButton('打开上一年度报告文件', openInto(() => previous, '作为上一年度报告'))),
    previous.root);

  const toolbar = el('div', { class: 'nb-toolbar' },
    el('div', { class: 'nb-actions' },
      fileButton('打开文件（.txt/.docx/.html）', openInto(() => editor, '')),
      el('button', { type: 'button', class: 'nb-button', 'data-action': 'clear-draft', onclick: () => {
        const old = { text: editor.getText(), previousText: previous.getText() };
        if (!old.text && !old.previousText) return;
        editor.setText('');
        previous.setText('');
        if (drafts) drafts.clear();
        say('已清除输入框中的文字。', { label: '撤销，恢复原来的文字', run: () => { editor.setText(old.text); previous.setText(old.previousText); } });
      } }, '清除'),
      options.offlineHtml
        ? el('button', { type: 'button', class: 'nb-button', 'data-action': 'download-offline', onclick: () => options.offlineHtml && download('nianbao.html', 'text/html', options.offlineHtml()) }, '下载离线版')
        : null),
    examples.length
      ? el('div', { class: 'nb-examples', role: 'group', 'aria-label': '示例报告（点击后载入输入框，可撤销）' },
          el('span', { class: 'nb-examples-label', 'aria-hidden': 'true' }, '示例（点击载入）：'),
          examples.map((example) => el('button', { type: 'button', class: 'nb-button nb-example', 'data-example': example.id,
            title: example.title,
            onclick: () => replaceText(editor, example.text, `已载入示例“${example.title}”，这不是您的报告`) }, example.title.replace(/\s*政府信息公开\s*工作\s*年度报告$/, ''))))
      : null);

  const version = el('span', { class: 'nb-version' });
  append(root, [
    el('div', { class: 'nb-columns' },
      el('section', { class: 'nb-input', 'aria-label': '输入' }, toolbar, notice, editor.root, previousBox),
      el('section', { class: 'nb-output', 'aria-label': '校验结论与问题' },
        summary,
        checklist,
        el('h2', { class: 'nb-heading nb-heading--findings' }, '发现的问题'),
        findings,
        el('div', { class: 'nb-toolbar nb-result-actions' }, print, exportFindings, exportCsv, exportJson, exportMarks, importMarks)),
      // The footer ends the left column, so the sticky panel is not pushed up at the page's end.
      el('section', { class: 'nb-tables-area', 'aria-label': '统计表' },
        el('h2', { class: 'nb-heading' }, '统计表（按校验程序读取的数值）'),
        tables,
        el('p', { class: 'nb-footer' }, '全部校验在本机浏览器内完成，报告文字不会上传。', version))),
    printView,
  ]);

  // ── initial text: explicit text, else this tab's (or the newest) draft; examples only on request ──
  const draft = drafts ? drafts.load() : null;
  const initialText = options.text !== undefined ? options.text : draft ? draft.text : '';
  const initialPrevious = options.previousText !== undefined ? options.previousText : draft ? draft.previousText : '';
  editor.textarea.value = initialText;
  previous.textarea.value = initialPrevious;
  editor.setText(editor.getText());
  previous.setText(previous.getText());
  if (initialPrevious) previousBox.open = true;
  if (draft && (draft.text || draft.previousText) && options.text === undefined) say('已恢复上次未完成的草稿。');

  const onHide = () => save();
  window.addEventListener('pagehide', onHide);
  engineReady().then(() => { version.textContent = ` 校验程序版本 ${coreVersion()}。`; }, () => undefined);
  runCheck().catch(() => undefined);

  return {
    setText(text, previousText) {
      editor.setText(text);
      if (previousText !== undefined) previous.setText(previousText);
    },
    getText: () => editor.getText(),
    check: runCheck,
    destroy() {
      if (timer !== undefined) clearTimeout(timer);
      sequence++;
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      replaceChildren(host);
    },
  };
}
