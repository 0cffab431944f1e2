// Unpacks the LZMA streams the build embeds (the checker's wasm, and the page's seed texts after
// it) with a tiny wasm decoder of our own (crates/nianbao_unlzma). LZMA makes wasm code about a
// fifth smaller than DEFLATE; decoding it in JavaScript took 40–55 ms on a cold engine, the
// largest part of the time to the first result, where the wasm decoder needs well under half.
import decoderBase64 from 'nianbao:unlzma';

interface Decoder {
  memory: WebAssembly.Memory;
  unlzma(input: number, inputLength: number, out: number, outLength: number): number;
  __heap_base: WebAssembly.Global;
}

/** Why the decoder refused a stream, by the code it returns (negated). */
const REFUSALS = ['', 'input too short', 'bad properties', 'unknown or wrong unpacked size', 'corrupted stream', 'input ends early'];

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Decodes a ".lzma" stream whose header states its unpacked size (the build's always do): all of
 * it, or only its first `length` bytes (the page's stream holds the checker first and the
 * documents module last, which is decoded only when a document arrives).
 */
export function lzmaDecode(input: Uint8Array, length?: number): Uint8Array {
  if (input.length < 13) throw new Error('lzma: input too short');
  let size = 0;
  for (let i = 12; i >= 5; i--) size = size * 256 + input[i];
  if (size > 0x7fffffff) throw new Error('lzma: unknown or wrong unpacked size');
  if (length !== undefined && length <= size) size = length;
  // Under 4 KB, so even the old kernels that refuse synchronous compiles of big modules allow it.
  // A new instance per stream (the page decodes one): its memory is freed with it.
  const decoder = new WebAssembly.Instance(new WebAssembly.Module(base64Bytes(decoderBase64))).exports as unknown as Decoder;
  const { memory, unlzma } = decoder;
  const base = decoder.__heap_base.value as number;
  const missing = base + input.length + size - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  new Uint8Array(memory.buffer, base, input.length).set(input);
  const status = unlzma(base, input.length, base + input.length, size);
  if (status !== 0) throw new Error(`lzma: ${REFUSALS[-status] || `error ${status}`}`);
  return new Uint8Array(memory.buffer, base + input.length, size).slice();
}

/** Decodes what the build embeds: LZMA bytes written as base64 (so they fit in a script). */
export function lzmaDecodeBase64(base64: string, length?: number): Uint8Array {
  return lzmaDecode(base64Bytes(base64), length);
}
