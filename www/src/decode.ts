// Turns the bytes of a chosen or dropped .txt file into text with the browser's TextDecoder:
// UTF-16 by its BOM, else UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK).
import { describe, isDocument, readDocumentBytes } from './documents';

export interface Decoded {
  text: string;
  /** The encoding, or for a document how it was read (e.g. “Word 文档，按其中的表格读取”). */
  encoding: 'UTF-8' | 'GB18030' | 'UTF-16LE' | 'UTF-16BE' | string;
}

export function decodeBytes(buffer: ArrayBuffer): Decoded {
  const bytes = new Uint8Array(buffer);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

/**
 * Reads a File (FileReader, since Blob.arrayBuffer needs Chromium 76). A .docx or HTML file is
 * read as its tables (documents.ts); .doc/.pdf/images reject with an Error saying what to do.
 */
export function readFile(file: Blob): Promise<Decoded> {
  return new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  }).then((buffer) => {
    const bytes = new Uint8Array(buffer);
    const name = (file as File).name || '';
    if (!isDocument(bytes, name)) return decodeBytes(buffer);
    return readDocumentBytes(bytes, name).then((doc) => (doc ? { text: doc.text, encoding: describe(doc) } : decodeBytes(buffer)));
  });
}
