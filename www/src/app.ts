// Mounts the checker into an element: input (report, last year's report, files, examples, draft),
// live re-checking, and the results (summary, tables, findings, exports). Composes the rendering
// modules; holds the page state.
import { append, download, el, replaceChildren } from './dom';
import { checkAsync, engineReady } from './checker';
import { createEditor, fileButton, type Editor } from './editor';
import { readFile } from './decode';
import { renderSummary } from './summary';
import { highlightCells, marksOf, renderTables } from './tables';
import { renderFindings } from './findings';
import { resultJson, tablesCsv } from './export';
import { clearDraft, loadDraft, saveDraft } from './storage';
import { pathDescriber } from './labels';
import { coreVersion, layoutFor, ruleMap } from './model';
import { installStyles } from './styles';
import type { CheckResult, Mounted, MountOptions } from './types';

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

  const storageKey = options.storageKey || null;
  const debounceMs = options.debounceMs === undefined ? 300 : options.debounceMs;
  const examples = options.examples || [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  let lastResult: CheckResult | null = null;
  let chosen: HTMLElement | null = null;
  let warnedStorage = false;

  // ── notices (with undo, so no replacement ever loses the user's text) ───────────────────────
  const notice = el('div', { class: 'nb-notice', role: 'status' });
  const say = (message: string, action?: { label: string; run(): void }) => {
    replaceChildren(notice, message, action
      ? el('button', { type: 'button', class: 'nb-button nb-button--link', onclick: () => { replaceChildren(notice); action.run(); } }, action.label)
      : null);
  };
  const isExample = (text: string) => examples.some((e) => e.text.replace(/\r\n?/g, '\n') === text);
  const replaceText = (target: Editor, text: string, what: string) => {
    const old = target.getText();
    target.setText(text);
    if (old.trim() && old !== target.getText() && !isExample(old)) {
      say(`${what}。`, { label: '恢复原来的文字', run: () => target.setText(old) });
    } else {
      say(`${what}。`);
    }
  };

  // ── results area ─────────────────────────────────────────────────────────────────────────────
  const summary = el('div', { class: 'nb-summary', role: 'status', 'aria-live': 'polite' }, '正在加载校验程序……');
  const tables = el('div', { class: 'nb-tables-box' });
  const findings = el('div', { class: 'nb-findings-box' });
  const exportJson = el('button', { type: 'button', class: 'nb-button', 'data-action': 'export-json', disabled: true, onclick: () => lastResult && download('nianbao-result.json', 'application/json', resultJson(lastResult)) }, '导出结果（JSON）');
  const exportCsv = el('button', { type: 'button', class: 'nb-button', 'data-action': 'export-csv', disabled: true, onclick: () => {
    if (!lastResult) return;
    const layout = layoutFor(lastResult.report.format);
    download('nianbao-tables.csv', 'text/csv', tablesCsv(lastResult, marksOf(lastResult), pathDescriber(layout, lastResult)));
  } }, '导出表格（CSV）');
  const print = el('button', { type: 'button', class: 'nb-button', 'data-action': 'print', onclick: () => window.print() }, '打印');

  const render = (result: CheckResult, text: string) => {
    lastResult = result;
    chosen = null;
    const layout = layoutFor(result.report.format);
    const describe = pathDescriber(layout, result);
    const marks = marksOf(result);
    if (!text.trim()) {
      replaceChildren(summary, '请在输入框中粘贴、拖入或打开年度报告全文。');
      replaceChildren(tables);
      replaceChildren(findings);
    } else {
      replaceChildren(summary, renderSummary(result));
      replaceChildren(tables, renderTables(result, layout, marks, describe));
      replaceChildren(findings, renderFindings({
        result,
        rules: ruleMap(),
        describe,
        choose(index, button) {
          const d = result.diagnostics[index];
          if (chosen) chosen.removeAttribute('aria-current');
          chosen = button;
          button.setAttribute('aria-current', 'true');
          highlightCells(tables, d.cells);
          editor.select(d.span[0], d.span[1], d.line, button);
        },
      }));
    }
    exportJson.disabled = false;
    exportCsv.disabled = false;
    root.setAttribute('data-nb-state', 'done');
    if (options.onResult) options.onResult(result);
  };

  const save = () => {
    if (!storageKey) return;
    if (!editor.getText() && !previous.getText()) {
      clearDraft(storageKey);
      return;
    }
    if (!saveDraft(storageKey, { text: editor.getText(), previousText: previous.getText() }) && !warnedStorage) {
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
    root.setAttribute('data-nb-state', 'pending');
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => { runCheck().catch(() => undefined); }, debounceMs);
  };

  // ── input area ───────────────────────────────────────────────────────────────────────────────
  const openFileInto = (target: () => Editor, what: string) => (file: File) => {
    readFile(file).then(
      (decoded) => replaceText(target(), decoded.text, `已打开 ${file.name}（${decoded.encoding}）${what}`),
      (error: unknown) => say(error instanceof Error && error.message ? `无法读取文件 ${file.name}：${error.message}` : `无法读取文件 ${file.name}。`),
    );
  };
  const editor: Editor = createEditor({
    id: `${id}-text`,
    label: '年度报告全文',
    hint: '粘贴、拖入或打开 .txt 文件（UTF-8 或 GBK/GB18030），或 Word 文档（.docx）、网页（.html）——按其中的表格读取。输入时自动重新校验；在下方问题列表中选择一项，会在此处选中对应文字，按 Esc 返回列表。',
    rows: 24,
    onChange: schedule,
    onFile: (name, text, encoding) => replaceText(editor, text, `已打开 ${name}（${encoding}）`),
    onFileError: (name, why) => say(why ? `无法读取文件 ${name}：${why}` : `无法读取文件 ${name}。`),
    onNotice: (message) => say(message),
  });
  const previous: Editor = createEditor({
    id: `${id}-previous`,
    label: '上一年度报告全文（可选）',
    hint: '提供上一年度的报告后，会核对跨年度的结转数据。',
    rows: 10,
    onChange: schedule,
    onFile: (name, text, encoding) => replaceText(previous, text, `已打开上一年度报告 ${name}（${encoding}）`),
    onFileError: (name, why) => say(why ? `无法读取文件 ${name}：${why}` : `无法读取文件 ${name}。`),
    onNotice: (message) => say(message),
  });
  const previousBox = el('details', { class: 'nb-previous' },
    el('summary', {}, '上一年度报告（可选，用于跨年度核对）'),
    el('div', { class: 'nb-toolbar' }, fileButton('打开上一年度 .txt 文件', openFileInto(() => previous, '作为上一年度报告'))),
    previous.root);

  const toolbar = el('div', { class: 'nb-toolbar' },
    examples.length
      ? el('div', { class: 'nb-examples', role: 'group', 'aria-label': '示例报告' },
          el('span', { class: 'nb-examples-label' }, '示例：'),
          examples.map((example) => el('button', { type: 'button', class: 'nb-button nb-example', 'data-example': example.id,
            onclick: () => replaceText(editor, example.text, `已载入示例“${example.title}”`) }, example.title)))
      : null,
    el('div', { class: 'nb-actions' },
      fileButton('打开文件（.txt/.docx/.html）', openFileInto(() => editor, '')),
      storageKey
        ? el('button', { type: 'button', class: 'nb-button', 'data-action': 'clear-draft', onclick: () => {
            const old = { text: editor.getText(), previousText: previous.getText() };
            clearDraft(storageKey);
            editor.setText('');
            previous.setText('');
            say('已清除草稿。', { label: '撤销', run: () => { editor.setText(old.text); previous.setText(old.previousText); } });
          } }, '清除草稿')
        : null,
      options.offlineHtml
        ? el('button', { type: 'button', class: 'nb-button', 'data-action': 'download-offline', onclick: () => options.offlineHtml && download('nianbao.html', 'text/html', options.offlineHtml()) }, '下载离线版')
        : null));

  const version = el('span', { class: 'nb-version' });
  append(root, [
    toolbar,
    notice,
    el('div', { class: 'nb-columns' },
      el('section', { class: 'nb-input', 'aria-label': '输入' }, editor.root, previousBox),
      el('section', { class: 'nb-output', 'aria-label': '校验结果' },
        summary,
        el('div', { class: 'nb-toolbar nb-result-actions' }, exportJson, exportCsv, print),
        el('h2', { class: 'nb-heading' }, '统计表（按校验程序读取的数值）'),
        tables,
        el('h2', { class: 'nb-heading' }, '发现的问题'),
        findings)),
    el('p', { class: 'nb-footer' }, '全部校验在本机浏览器内完成，报告文字不会上传。', version),
  ]);

  // ── initial text: explicit text, else the saved draft, else the first example ───────────────
  const draft = storageKey ? loadDraft(storageKey) : null;
  const initialText = options.text !== undefined ? options.text : draft ? draft.text : examples.length ? examples[0].text : '';
  const initialPrevious = options.previousText !== undefined ? options.previousText : draft ? draft.previousText : '';
  editor.textarea.value = initialText;
  previous.textarea.value = initialPrevious;
  editor.setText(editor.getText());
  previous.setText(previous.getText());
  if (initialPrevious) previousBox.open = true;
  if (draft && options.text === undefined) say('已恢复上次未完成的草稿。');

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
      replaceChildren(host);
    },
  };
}
