// The report text area with line numbers, file drop and span selection. It owns the user's text:
// every programmatic replacement goes through replaceText so it can be undone.
import { el, replaceChildren } from './dom';
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
 * Above this many characters a text the page puts in (opened, dropped, pasted, restored) is kept
 * out of the text area and shown read-only in a view that draws only the lines in sight: a text
 * area lays out its whole text at once, about 2.5 ms per 1000 characters of Chinese here, so a
 * 300-page PDF's text (214 500) froze the page for half a second or more (BENCHMARKS.md). The
 * largest real report has about 13 000; typing never gets here. The checks read the whole text.
 */
const LARGE_TEXT = 50_000;
/** Up to this many characters the view offers to edit the text in the text area anyway (one slow layout, asked for). */
const EDITABLE_TEXT = 1_000_000;
/** A line longer than this is cut in the view (its layout would cost as much as a text area's). */
const LONG_LINE = 2000;
/** Browsers cap an element's height near 33 million px: taller texts scroll proportionally. */
const MAX_HEIGHT = 3e7;

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
  /** Where each line of `large` starts, and the span the view marks as chosen. */
  let starts: number[] = [];
  let chosen: [number, number] | null = null;
  let shown = '';
  const largeNote = el('p', { class: 'nb-large-note', role: 'status', hidden: true });
  const viewLines = el('div', { class: 'nb-view-lines' });
  const spacer = el('div', { class: 'nb-view-spacer' }, viewLines);
  // Focusable, so the keyboard scrolls it; read-only, as the note says.
  const view = el('div', { class: 'nb-view', hidden: true, tabindex: '0', role: 'textbox', 'aria-readonly': 'true', 'aria-multiline': 'true',
    'aria-labelledby': `${options.id}-label`, 'aria-describedby': `${options.id}-hint` }, spacer);
  // Through the CSSOM: a portal's CSP may forbid style attributes.
  view.style.setProperty('--nb-rows', String(options.rows));

  const lineHeightOf = (box: HTMLElement) => parseFloat(getComputedStyle(box).lineHeight) || 24;
  /** Numbers first+1…last in the gutter, shifted by `top` px. */
  const number = (first: number, last: number, top: number) => {
    const key = `${first}:${last}`;
    if (key !== drawn) {
      const visible: string[] = [];
      for (let i = first + 1; i <= last; i++) visible.push(String(i));
      numbers.textContent = visible.join('\n');
      drawn = key;
    }
    numbers.style.transform = `translateY(${top}px)`;
  };
  /** The view: only the lines in sight (and the chosen span marked), placed where they scroll to. */
  const drawView = (text: string) => {
    const lineHeight = lineHeightOf(view);
    const count = starts.length;
    const scale = Math.min(1, MAX_HEIGHT / (count * lineHeight));
    const at = view.scrollTop / (lineHeight * scale);
    const first = Math.min(count - 1, Math.floor(at));
    const last = Math.min(count, first + Math.ceil(view.clientHeight / lineHeight) + 2);
    const top = view.scrollTop - (at - first) * lineHeight;
    viewLines.style.top = `${top}px`;
    number(first, last, top - view.scrollTop);
    const key = `${first}:${last}:${chosen}`;
    if (key === shown) return;
    shown = key;
    const parts: (Node | string)[] = [];
    let plain = '';
    for (let i = first; i < last; i++) {
      const start = starts[i];
      const end = i + 1 < count ? starts[i + 1] - 1 : text.length;
      const cut = Math.min(end, start + LONG_LINE);
      if (chosen && chosen[0] < cut && chosen[1] > start) {
        const from = Math.max(start, chosen[0]);
        const to = Math.min(cut, chosen[1]);
        parts.push(plain + text.slice(start, from), el('mark', { class: 'nb-view-chosen' }, text.slice(from, to)));
        plain = text.slice(to, cut);
      } else {
        plain += text.slice(start, cut);
      }
      plain += `${cut < end ? ' …' : ''}\n`;
    }
    parts.push(plain);
    replaceChildren(viewLines, parts);
  };
  const drawGutter = () => {
    if (large !== null) {
      drawView(large);
      return;
    }
    const lineHeight = lineHeightOf(textarea);
    const first = Math.min(lines - 1, Math.floor(textarea.scrollTop / lineHeight));
    number(first, Math.min(lines, first + Math.ceil(textarea.clientHeight / lineHeight) + 2), first * lineHeight - textarea.scrollTop);
  };
  // Drawn in the next frame, never synchronously: measuring the text area would force the first
  // layout of the whole page before the first check has even been asked for.
  let pendingDraw = 0;
  const refreshGutter = () => {
    lines = large !== null ? starts.length : lineCount(textarea.value);
    drawn = '';
    shown = '';
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
  view.addEventListener('scroll', drawGutter);
  // The box can be resized (resize: vertical) or the page zoomed: more numbers may be visible.
  if (typeof ResizeObserver === 'function') {
    const resized = new ResizeObserver(drawGutter);
    resized.observe(textarea);
    resized.observe(view);
  }
  const escape = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && returnTo && document.contains(returnTo)) {
      event.preventDefault();
      returnTo.focus();
      returnTo = undefined;
    }
  };
  textarea.addEventListener('keydown', escape);
  view.addEventListener('keydown', escape);

  const frame = el('div', { class: 'nb-editor-frame' }, gutter, textarea, view);
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
    el('label', { class: 'nb-label', for: options.id, id: `${options.id}-label` }, options.label),
    el('p', { class: 'nb-hint', id: `${options.id}-hint` }, options.hint),
    largeNote,
    frame,
  );

  const showLarge = (text: string) => {
    // As a text area would hold it (its value never has \r), so offsets agree with the checks'.
    large = text.replace(/\r\n?/g, '\n');
    starts = [0];
    for (let i = large.indexOf('\n'); i !== -1; i = large.indexOf('\n', i + 1)) starts.push(i + 1);
    chosen = null;
    textarea.value = '';
    textarea.readOnly = true;
    textarea.hidden = true;
    view.hidden = false;
    view.scrollTop = 0;
    const lineHeight = lineHeightOf(view);
    spacer.style.height = `${Math.min(MAX_HEIGHT, starts.length * lineHeight)}px`;
    const whole = large;
    replaceChildren(largeNote, `全文共 ${starts.length} 行、约 ${(whole.length / 1e4).toFixed(1)} 万字，较大：为保持页面流畅，以只读方式显示；校验针对全文。要修改，请在原文件中改好后重新打开，或清除后重新粘贴。`,
      whole.length <= EDITABLE_TEXT ? el('button', { type: 'button', class: 'nb-button nb-button--link', 'data-action': 'edit-large', onclick: () => {
        // Asked for: one slow layout of the whole text; typing keeps it in the text area.
        leaveLarge();
        textarea.value = whole;
        refreshGutter();
        textarea.focus();
      } }, '仍在输入框中编辑（页面会停顿片刻）') : null);
    largeNote.hidden = false;
  };
  const leaveLarge = () => {
    if (large === null) return;
    large = null;
    starts = [];
    replaceChildren(viewLines);
    view.hidden = true;
    textarea.hidden = false;
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
      const box = large !== null ? view : textarea;
      // The page scrolls to the finding's cells or to the text itself; focusing must not jump.
      try {
        box.focus({ preventScroll: true });
      } catch {
        box.focus();
      }
      const lineHeight = lineHeightOf(box);
      if (large !== null) {
        chosen = [start, end];
        const scale = Math.min(1, MAX_HEIGHT / (starts.length * lineHeight));
        view.scrollTop = Math.max(0, (line - 1) * lineHeight * scale - view.clientHeight / 3);
      } else {
        textarea.setSelectionRange(start, end);
        // Bring the line to the upper third of the box; the browser does not scroll on its own.
        textarea.scrollTop = Math.max(0, (line - 1) * lineHeight - textarea.clientHeight / 3);
      }
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
