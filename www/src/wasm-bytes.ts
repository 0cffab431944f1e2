// The wasm module shipped inside the script (works from file://, where fetch fails): raw DEFLATE
// in base64, inflated once. DecompressionStream would need Chromium 80; tiny-inflate runs anywhere.
import wasm from 'nianbao:wasm';
import inflate from 'tiny-inflate';

let bytes: Uint8Array | null = null;

export function wasmBytes(): Uint8Array {
  if (!bytes) {
    const binary = atob(wasm.deflated);
    const deflated = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) deflated[i] = binary.charCodeAt(i);
    bytes = new Uint8Array(wasm.size);
    inflate(deflated, bytes);
  }
  return bytes;
}
