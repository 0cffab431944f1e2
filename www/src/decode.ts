// Turns the bytes of a chosen or dropped .txt file into text with the browser's TextDecoder:
// UTF-16 by its BOM, else UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK).

export interface Decoded {
  text: string;
  encoding: 'UTF-8' | 'GB18030' | 'UTF-16LE' | 'UTF-16BE';
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

/** Reads a File (FileReader, since Blob.arrayBuffer needs Chromium 76). */
export function readFile(file: Blob): Promise<Decoded> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(decodeBytes(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}
