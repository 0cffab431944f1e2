// Documents as staff hold them: a dropped or opened .docx or .html/.htm, a paste whose clipboard
// carries text/html with tables, and the embed API's HTML string or DOM element. The wasm reads
// them (crates/nianbao_doc) into the text view the checker reads — each table row one line of
// TAB-separated cells — so no cell is guessed. Plain text never comes here.
import { engineReady } from './checker';
import { readDocumentJson, readHtmlJson } from './engine';

export interface DocumentText {
  kind: 'docx' | 'html';
  text: string;
  /** zh-CN notes about the reading (tracked changes accepted, layout tables unfolded). */
  notes: string[];
}

type ReadJson =
  | { ok: true; kind: 'docx' | 'html'; text: string; notes: string[] }
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

function toDocument(json: string): DocumentText {
  const read = JSON.parse(json) as ReadJson;
  if (read.ok) return { kind: read.kind, text: read.text, notes: read.notes };
  throw new Error(read.reason === 'unsupported' ? read.message : '无法读取这个文件。');
}

/**
 * Reads a document file. Resolves null for plain text (the caller decodes it as before);
 * rejects with an Error whose message says, in zh-CN, what to do (.doc, .pdf, images…).
 */
export function readDocumentBytes(bytes: Uint8Array, name: string): Promise<DocumentText | null> {
  return engineReady().then(() => {
    const read = JSON.parse(readDocumentJson(bytes, name)) as ReadJson;
    if (read.ok) return { kind: read.kind, text: read.text, notes: read.notes };
    if (read.reason === 'text') return null;
    if (read.reason === 'charset') return toDocument(readHtmlJson(decodeLabel(bytes, read.charset)));
    throw new Error(read.reason === 'unsupported' ? read.message : '无法读取这个文件。');
  });
}

/** Reads HTML markup (clipboard, a string, an element's outerHTML) into the text view. */
export function readHtmlText(html: string): Promise<DocumentText> {
  return engineReady().then(() => toDocument(readHtmlJson(html)));
}

/** Whether clipboard HTML holds a table worth reading instead of the flattened text/plain. */
export function htmlHasTable(html: string): boolean {
  return /<table[\s>]/i.test(html);
}

/** What the notice after opening says about how the file was read. */
export function describe(doc: DocumentText): string {
  const what = doc.kind === 'docx' ? 'Word 文档，按其中的表格读取' : '网页，按其中的表格读取';
  return doc.notes.length ? `${what}；${doc.notes.join('；')}` : what;
}
