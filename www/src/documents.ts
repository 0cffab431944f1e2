// Documents as staff hold them: a dropped or opened .docx, .html/.htm or .pdf, a paste whose
// clipboard carries text/html with tables, and the embed API's HTML string or DOM element. The
// documents module (crates/nianbao_docs_wasm) reads them into the text view the checker reads —
// each table row one line of TAB-separated cells — so no cell is guessed. That module is loaded
// only when a document arrives (plain text never comes here, and the first check of pasted text
// never waits for it), and it reads in its own worker: a 300-page PDF does not freeze the page.
// Without workers (a portal's CSP may forbid blob: workers) it reads on the main thread.
import docsWorkerSource from 'nianbao:docs-worker';
import { initDocs, readDocumentJson, readHtmlJson } from './docs-engine';
import type { DocsRequest } from './docs-worker';
import { ownScript } from './own-script';
import { WorkerPool } from './worker-pool';
import { docsWasmBytes } from './wasm-bytes';
import { rememberOutline } from './doc-rows';

export interface DocumentText {
  kind: 'docx' | 'html' | 'pdf';
  text: string;
  /** zh-CN notes about the reading (tracked changes accepted, layout tables unfolded). */
  notes: string[];
  /** A PDF's page boundaries: the UTF-16 offset in `text` where each page begins (else empty). */
  pages: number[];
}

type ReadJson =
  | { ok: true; kind: 'docx' | 'html' | 'pdf'; text: string; outline: string; notes: string[]; pages: number[] }
  | { ok: false; reason: 'text' }
  | { ok: false; reason: 'charset'; charset: string }
  | { ok: false; reason: 'unsupported'; message: string };

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/**
 * Whether the bytes need the document reader: zip (.docx, .xlsx), PDF, OLE2 (.doc, .wps), RTF,
 * images, HTML by name or by its first tag. Cheap, so plain text pays nothing.
 */
export function isDocument(bytes: Uint8Array, name: string): boolean {
  if (/\.(docx?|wps|html?|pdf|xlsx?|pptx?|ofd|rtf|png|jpe?g|gif|bmp|tiff?|webp)$/i.test(name)) return true;
  if (startsWith(bytes, [0x50, 0x4b]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return true;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]) || startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return true;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff])) return true;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 64 && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x3c; // '<': a report's text never starts with a tag
}

function decodeLabel(bytes: Uint8Array, charset: string): string {
  // GBK/GB2312 are read as GB18030, their superset; an unknown label falls back to it too.
  const label = /^(gbk|gb2312|gb_2312|x-gbk|cp936|euc-cn)/i.test(charset) ? 'gb18030' : charset;
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

type Request = { type: 'read'; bytes: Uint8Array; name: string } | { type: 'html'; html: string };

const READ_FAILED = '读取文件时出错（可能是文件过大、内存不足），没有读出内容。';

let mainReady: Promise<void> | null = null;
let docsBytes: Uint8Array | null = null;

function moduleBytes(): Uint8Array {
  if (!docsBytes) docsBytes = docsWasmBytes();
  return docsBytes;
}

const pool = new WorkerPool<Request>({
  source: () => docsWorkerSource || ownScript,
  name: 'docs',
  // The page's own script carries the module and unpacks it in the worker: a dropped file never
  // makes the main thread decode it (the embed's bundle does not carry it, so it is sent).
  moduleBytes: () => (docsWorkerSource ? moduleBytes() : null),
  onMainThread(r) {
    if (!mainReady) mainReady = initDocs(moduleBytes());
    return mainReady.then(() => (r.type === 'read' ? readDocumentJson(r.bytes, r.name) : readHtmlJson(r.html)));
  },
  // The bytes are copied, not transferred: the main thread keeps them for the fallback.
  request: (r, id): DocsRequest => (r.type === 'read'
    ? { type: 'read', id, bytes: r.bytes.slice().buffer, name: r.name }
    : { type: 'html', id, html: r.html }),
  failure: () => new Error(READ_FAILED),
  // A trap (out of memory on a huge file) may leave the module unusable: the next document gets
  // a fresh worker.
  restartAfterFailure: true,
});

function read(request: Request): Promise<ReadJson> {
  return pool.run(request).then((json) => JSON.parse(json) as ReadJson);
}

function toDocument(read: ReadJson): DocumentText {
  if (read.ok) {
    // A check of this very text reads its table rows from their cells (doc-rows.ts).
    rememberOutline(read.text, read.outline);
    return { kind: read.kind, text: read.text, notes: read.notes, pages: read.pages || [] };
  }
  throw new Error(read.reason === 'unsupported' ? read.message : '无法读取这个文件。');
}

/**
 * Reads a document file. Resolves null for plain text (the caller decodes it as before);
 * rejects with an Error whose message says, in zh-CN, what to do (.doc, a scanned PDF, images…).
 */
export function readDocumentBytes(bytes: Uint8Array, name: string): Promise<DocumentText | null> {
  return read({ type: 'read', bytes, name }).then((result) => {
    if (!result.ok && result.reason === 'text') return null;
    if (!result.ok && result.reason === 'charset') return read({ type: 'html', html: decodeLabel(bytes, result.charset) }).then(toDocument);
    return toDocument(result);
  });
}

/** Reads HTML markup (clipboard, a string, an element's outerHTML) into the text view. */
export function readHtmlText(html: string): Promise<DocumentText> {
  return read({ type: 'html', html }).then(toDocument);
}

/** Whether clipboard HTML holds a table worth reading instead of the flattened text/plain. */
export function htmlHasTable(html: string): boolean {
  return /<table[\s>]/i.test(html);
}

/** What the notice after opening says about how the file was read. */
export function describe(doc: DocumentText): string {
  const what = doc.kind === 'pdf' ? `PDF 文件，共 ${doc.pages.length} 页，按其中的文字位置和表格线读取`
    : doc.kind === 'docx' ? 'Word 文档，按其中的表格读取' : '网页，按其中的表格读取';
  // Inside the notice's brackets: a note's own "。" would read "…不计）。）。".
  return doc.notes.length ? `${what}；${doc.notes.map((n) => n.replace(/。$/, '')).join('；')}` : what;
}
