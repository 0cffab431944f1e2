// The wasm modules shipped inside the script (works from file://, where fetch fails): one LZMA
// stream in base64. gzip cannot compress base64 well, so the bytes are compressed first. The
// stream holds the checker's wasm, then (in the page) the seed texts, then the documents module
// (.docx, HTML, PDF): one stream is smaller than several, since the two modules share much of
// Rust's standard library. The first check decodes only the stream's beginning; the documents
// module is decoded (the whole stream once more, in the documents worker: page.ts) only when a
// document arrives.
import wasm from 'nianbao:wasm';
import { lzmaDecodeBase64 } from './lzma';

let decoded: Uint8Array | null = null;

function payload(): Uint8Array {
  if (!decoded) {
    decoded = lzmaDecodeBase64(wasm.lzma, wasm.docs[0]);
    if (decoded.length < wasm.docs[0]) throw new Error(`wasm: ${decoded.length} bytes decoded, ${wasm.docs[0]} expected`);
  }
  return decoded;
}

export function wasmBytes(): Uint8Array {
  return payload().subarray(0, wasm.size);
}

/** What the stream carries between the checker and the documents module (the page's seed texts). */
export function bytesAfterWasm(): Uint8Array {
  return payload().subarray(wasm.size, wasm.docs[0]);
}

/** The documents module (crates/nianbao_docs_wasm): decoded only when a document arrives. */
export function docsWasmBytes(): Uint8Array {
  const [start, length] = wasm.docs;
  const all = lzmaDecodeBase64(wasm.lzma);
  if (all.length !== start + length) throw new Error(`documents wasm: ${all.length - start} bytes decoded, ${length} expected`);
  return all.subarray(start);
}
