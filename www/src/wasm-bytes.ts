// The wasm module shipped inside the script (works from file://, where fetch fails): LZMA in
// base64, decoded once. gzip cannot compress base64 well, so the bytes are compressed first. The
// page's stream carries the seed texts after the wasm (one stream compresses and decodes better
// than two); the embed script's carries the wasm alone.
import wasm from 'nianbao:wasm';
import { lzmaDecodeBase64 } from './lzma';

let decoded: Uint8Array | null = null;

function payload(): Uint8Array {
  if (!decoded) {
    decoded = lzmaDecodeBase64(wasm.lzma);
    if (decoded.length < wasm.size) throw new Error(`wasm: ${decoded.length} bytes decoded, ${wasm.size} expected`);
  }
  return decoded;
}

export function wasmBytes(): Uint8Array {
  return payload().subarray(0, wasm.size);
}

/** What the stream carries after the wasm (the page's seed texts; empty for the embed script). */
export function bytesAfterWasm(): Uint8Array {
  return payload().subarray(wasm.size);
}
