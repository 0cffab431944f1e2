// Opening a file: the one place a chosen or dropped file becomes report text. Text files are
// decoded with the browser's TextDecoder (UTF-16 by its BOM, else UTF-8 when the bytes are valid
// UTF-8, else GB18030, a superset of GBK). Word, PDF, WPS and other binary files are refused with
// what to do instead, so garbage never reaches the editor; .docx and HTML are read as their
// tables by the core (documents.ts).
import { describe, isDocument, readDocumentBytes } from './documents';

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

const COPY_TEXT = '也可以在原程序中全选、复制文字，再粘贴到输入框。';

/** Why `bytes` (named `name`) cannot be read as text, or null when they can. */
export function refusal(bytes: Uint8Array, name: string): string | null {
  const ext = (/\.([a-z0-9]+)$/i.exec(name) || ['', ''])[1].toLowerCase();
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  const utf16 = starts(0xff, 0xfe) || starts(0xfe, 0xff);
  if (starts(0x25, 0x50, 0x44, 0x46) || ext === 'pdf') {
    return `${name} 是 PDF 文件，暂时不能直接打开。请在 PDF 阅读器中全选、复制文字，再粘贴到输入框。`;
  }
  if (starts(0x50, 0x4b, 0x03, 0x04) || ext === 'docx' || ext === 'zip') {
    return ext === 'docx' || ext === 'wps' || ext === 'doc'
      ? `${name} 是 Word 文件，暂时不能直接打开。请在 Word 或 WPS 中全选、复制文字后粘贴到输入框，或“另存为”纯文本（.txt）后再打开。`
      : `${name} 是压缩文件，不能直接打开。请解压后打开其中的报告文字（.txt），或复制文字后粘贴到输入框。`;
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0) || ext === 'doc' || ext === 'wps' || ext === 'et' || ext === 'xls') {
    return `${name} 是旧版 Word/WPS 文件，不能直接打开。请在 Word 或 WPS 中打开，“另存为” .docx 或纯文本（.txt）后再打开；${COPY_TEXT}`;
  }
  // Any other file with NUL bytes (not UTF-16 text) is binary: images, archives, executables.
  if (!utf16) {
    const end = Math.min(bytes.length, 65536);
    for (let i = 0; i < end; i++) {
      if (bytes[i] === 0) return `${name} 不是文本文件，无法读取。请打开报告的 .txt 文本文件；${COPY_TEXT}`;
    }
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
          (doc) => resolve(doc ? { text: doc.text, encoding: describe(doc) } : decodeBytes(buffer)),
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
