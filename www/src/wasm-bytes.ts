// The wasm module shipped inside the script (works from file://, where fetch fails): LZMA in
// base64, decoded once. gzip cannot compress base64 well, so the bytes are compressed first.
import wasm from 'nianbao:wasm';
import { lzmaDecodeBase64 } from './lzma';

let bytes: Uint8Array | null = null;

export function wasmBytes(): Uint8Array {
  if (!bytes) {
    bytes = lzmaDecodeBase64(wasm.lzma);
    if (bytes.length !== wasm.size) throw new Error(`wasm: ${bytes.length} bytes decoded, ${wasm.size} expected`);
  }
  return bytes;
}
