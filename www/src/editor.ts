// The report text area with line numbers, file drop and span selection. It owns the user's text:
// every programmatic replacement goes through replaceText so it can be undone.
import { el } from './dom';
import { openFile } from './decode';
import { describe, htmlHasTable, readHtmlText } from './documents';

export interface Editor {
  root: HTMLElement;
  textarea: HTMLTextAreaElement;
  getText(): string;
  /** Sets the text and refreshes the line numbers (fires `onChange`). */
  setText(text: string): void;
  /** Selects [start, end) and scrolls it into view; Escape returns focus to `returnTo`. */
  select(start: number, end: number, line: number, returnTo?: HTMLElement): void;
}

export interface EditorOptions {
  id: string;
  label: string;
  hint: string;
  rows: number;
  onChange(text: string): void;
  /** A dropped or chosen file was read; `replace` puts its text in (undoably). */
  onFile(name: string, text: string, encoding: string): void;
  onFileError(name: string, error: unknown): void;
  /**
   * Text is being pasted over [start, end) of `before`. Return true when the paste was handled
   * (the text area then does nothing); otherwise the text area inserts it as usual.
   */
  onPaste?(pasted: string, before: string, start: number, end: number): boolean;
  /** Says something about a paste (read from its HTML tables). */
  onNotice?(message: string): void;
}

/**
 * Above this many characters the text is kept out of the text area, which shows only its first
 * lines, read-only: a browser needs over a second of layout for a 10 MB text area, during which
 * the page is frozen. The checks still read the whole text.
 */
const LARGE_TEXT = 1_000_000;
const PREVIEW_LINES = 2000;

function firstLines(text: string, count: number): string {
  let at = -1;
  for (let i = 0; i < count; i++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1) return text;
  }
  return text.slice(0, at);
}

function lineCount(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

export function createEditor(options: EditorOptions): Editor {
  // Only the visible line numbers are drawn: a 100 000-line gutter would cost a second of layout.
  const numbers = el('div', { class: 'nb-gutter-numbers' });
  const gutter = el('div', { class: 'nb-gutter', 'aria-hidden': 'true' }, numbers);
  const textarea = el('textarea', {
    id: options.id,
    class: 'nb-textarea',
    rows: options.rows,
    wrap: 'off',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-describedby': `${options.id}-hint`,
  });
  let returnTo: HTMLElement | undefined;
  let lines = 1;
  let drawn = '';
  /** The whole text while it is too large for the text area (see LARGE_TEXT), else null. */
  let large: string | null = null;
  const largeNote = el('p', { class: 'nb-large-note', role: 'status', hidden: true });

  const drawGutter = () => {
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 24;
    const first = Math.min(lines - 1, Math.floor(textarea.scrollTop / lineHeight));
    const last = Math.min(lines, first + Math.ceil(textarea.clientHeight / lineHeight) + 2);
    const key = `${first}:${last}`;
    if (key !== drawn) {
      const visible: string[] = [];
      for (let i = first + 1; i <= last; i++) visible.push(String(i));
      numbers.textContent = visible.join('\n');
      drawn = key;
    }
    numbers.style.transform = `translateY(${first * lineHeight - textarea.scrollTop}px)`;
  };
  // Drawn in the next frame, never synchronously: measuring the text area would force the first
  // layout of the whole page before the first check has even been asked for.
  let pendingDraw = 0;
  const refreshGutter = () => {
    lines = lineCount(textarea.value);
    drawn = '';
    if (!pendingDraw) {
      pendingDraw = requestAnimationFrame(() => {
        pendingDraw = 0;
        drawGutter();
      });
    }
  };

  textarea.addEventListener('input', () => {
    refreshGutter();
    options.onChange(textarea.value);
  });
  // Every paste passes here (the one place to read other clipboard formats): a huge one never
  // reaches the text area (its layout alone would freeze the page); the page may handle others.
  textarea.addEventListener('paste', (event) => {
    // Word, WPS, Excel and browsers put the tables on the clipboard as HTML too: read those
    // cells exactly instead of the flattened text/plain.
    const html = event.clipboardData ? event.clipboardData.getData('text/html') : '';
    if (large === null && html && htmlHasTable(html)) {
      event.preventDefault();
      // The clipboard is readable only during the event: keep the plain text for the fallback.
      const plain = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
      const start = textarea.selectionStart;
      const end = textarea.selectionEnd;
      readHtmlText(html).then(
        (doc) => {
          const value = textarea.value;
          editor.setText(value.slice(0, start) + doc.text + value.slice(end));
          if (options.onNotice) options.onNotice(`已粘贴（${describe(doc)}）。`);
        },
        () => {
          const value = textarea.value;
          editor.setText(value.slice(0, start) + plain + value.slice(end));
        },
      );
      return;
    }
    const pasted = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
    if (!pasted) return;
    const value = editor.getText();
    const start = large !== null ? 0 : textarea.selectionStart;
    const end = large !== null ? value.length : textarea.selectionEnd;
    if (options.onPaste && options.onPaste(pasted, value, start, end)) {
      event.preventDefault();
      return;
    }
    if (large !== null || pasted.length <= LARGE_TEXT) return;
    event.preventDefault();
    editor.setText(value.slice(0, start) + pasted + value.slice(end));
  });
  textarea.addEventListener('scroll', drawGutter);
  // The box can be resized (resize: vertical) or the page zoomed: more numbers may be visible.
  if (typeof ResizeObserver === 'function') new ResizeObserver(drawGutter).observe(textarea);
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && returnTo && document.contains(returnTo)) {
      event.preventDefault();
      returnTo.focus();
      returnTo = undefined;
    }
  });

  const frame = el('div', { class: 'nb-editor-frame' }, gutter, textarea);
  frame.addEventListener('dragover', (event) => {
    if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, 'Files') !== -1) {
      event.preventDefault();
      frame.classList.add('nb-editor-frame--drop');
    }
  });
  frame.addEventListener('dragleave', () => frame.classList.remove('nb-editor-frame--drop'));
  frame.addEventListener('drop', (event) => {
    frame.classList.remove('nb-editor-frame--drop');
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (!file) return; // dropped text: the text area inserts it itself
    event.preventDefault();
    openFile(file).then(
      (decoded) => options.onFile(file.name, decoded.text, decoded.encoding),
      (error) => options.onFileError(file.name, error),
    );
  });

  const root = el(
    'div',
    { class: 'nb-editor' },
    el('label', { class: 'nb-label', for: options.id }, options.label),
    el('p', { class: 'nb-hint', id: `${options.id}-hint` }, options.hint),
    largeNote,
    frame,
  );

  const showLarge = (text: string) => {
    large = text;
    const preview = firstLines(text, PREVIEW_LINES);
    textarea.value = preview;
    textarea.readOnly = true;
    const total = lineCount(text);
    const megabytes = (text.length / 1e6).toFixed(1);
    largeNote.textContent = `全文共 ${total} 行、约 ${megabytes} 百万字，较大：为保持页面流畅，下面只显示前 ${Math.min(total, PREVIEW_LINES)} 行且不能直接修改；校验针对全文。要修改，请在原文件中改好后重新打开，或清除后重新粘贴。`;
    largeNote.hidden = false;
  };
  const leaveLarge = () => {
    if (large === null) return;
    large = null;
    textarea.readOnly = false;
    largeNote.hidden = true;
  };

  const editor: Editor = {
    root,
    textarea,
    getText: () => (large !== null ? large : textarea.value),
    setText(text) {
      if (text.length > LARGE_TEXT) showLarge(text);
      else {
        leaveLarge();
        textarea.value = text;
      }
      refreshGutter();
      options.onChange(editor.getText());
    },
    select(start, end, line, back) {
      returnTo = back;
      // The page scrolls to the finding's cells or to the text itself; focusing must not jump.
      try {
        textarea.focus({ preventScroll: true });
      } catch {
        textarea.focus();
      }
      // Beyond the preview of a large text there is nothing to select; the line is still shown.
      const shown = textarea.value.length;
      textarea.setSelectionRange(Math.min(start, shown), Math.min(end, shown));
      // Bring the line to the upper third of the box; the browser does not scroll on its own.
      const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
      textarea.scrollTop = Math.max(0, (line - 1) * lineHeight - textarea.clientHeight / 3);
      drawGutter();
    },
  };
  refreshGutter();
  return editor;
}

/** A button that opens a file chooser for report files (.txt, .docx, .html). */
export function fileButton(label: string, onPick: (file: File) => void): HTMLElement {
  const input = el('input', { type: 'file', accept: '.txt,text/plain,.docx,.html,.htm,.doc,.wps,.pdf', class: 'nb-visually-hidden', tabindex: '-1', 'aria-hidden': 'true' });
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    if (file) onPick(file);
    input.value = '';
  });
  const button = el('button', { type: 'button', class: 'nb-button', onclick: () => input.click() }, label);
  return el('span', { class: 'nb-file' }, button, input);
}
