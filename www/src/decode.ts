// Opening a file: the one place a chosen or dropped file becomes report text. Text files are
// decoded with the browser's TextDecoder (UTF-16 by its BOM, else UTF-8 when the bytes are valid
// UTF-8, else GB18030, a superset of GBK). Documents (.docx, HTML, PDF) are read as their tables by
// the documents module (documents.ts), which says what to do with .doc, .wps, images and the like;
// other binary files are refused, so garbage never reaches the editor.
import { describe, isDocument, readDocumentBytes } from './documents';
import { rememberPages } from './pages';

export interface Decoded {
  text: string;
  /** The encoding, or for a document how it was read (e.g. “Word 文档，按其中的表格读取”). */
  encoding: 'UTF-8' | 'GB18030' | 'UTF-16LE' | 'UTF-16BE' | string;
}

/** A file that is not text: `message` says in Chinese what to do instead. */
export class RefusedFile extends Error {}

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
 * Why `bytes` (named `name`) cannot be read as text, or null when they can. Documents (.docx,
 * .doc, .wps, PDF, HTML, images, zips…) never come here: the documents module reads them or says
 * what to do (isDocument).
 */
export function refusal(bytes: Uint8Array, name: string): string | null {
  // Any other file with NUL bytes (not UTF-16 text) is binary: archives, executables.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
  const end = Math.min(bytes.length, 65536);
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0) return `${name} 不是文本文件，无法读取。请打开报告的 .txt 文本文件；也可以在原程序中全选、复制文字，再粘贴到输入框。`;
  }
  return null;
}

/**
 * Reads a chosen or dropped file (FileReader, since Blob.arrayBuffer needs Chromium 76). Rejects
 * with a RefusedFile for binary files, with the reader's error when the file cannot be read.
 */
export function openFile(file: File): Promise<Decoded> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const buffer = reader.result as ArrayBuffer;
      const bytes = new Uint8Array(buffer);
      if (isDocument(bytes, file.name)) {
        // The core reads .docx/HTML and says what to do for every other document kind.
        readDocumentBytes(bytes, file.name).then(
          (doc) => {
            if (doc) rememberPages(doc.text, doc.pages);
            resolve(doc ? { text: doc.text, encoding: describe(doc) } : decodeBytes(buffer));
          },
          (error: unknown) => reject(new RefusedFile(error instanceof Error ? `${file.name}：${error.message}` : `无法读取文件 ${file.name}。`)),
        );
        return;
      }
      const why = refusal(bytes, file.name);
      if (why) reject(new RefusedFile(why));
      else resolve(decodeBytes(buffer));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/** The message for a file that could not be opened. */
export function openError(name: string, error: unknown): string {
  return error instanceof RefusedFile ? error.message : `无法读取文件 ${name}。`;
}
