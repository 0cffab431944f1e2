// Modules the build provides (scripts/build.mjs): the wasm (LZMA, base64), the worker's bundled
// source, the seed reports, and CSS loaded as text.
declare module 'nianbao:wasm' {
  /** LZMA stream (base64) of the wasm's `size` bytes, followed in the page's by the seed texts. */
  const wasm: { lzma: string; size: number };
  export default wasm;
}
declare module 'nianbao:unlzma' {
  /** The LZMA decoder's wasm module (crates/nianbao_unlzma), base64. */
  const base64: string;
  export default base64;
}
declare module 'nianbao:worker' {
  const source: string;
  export default source;
}
declare module 'nianbao:seeds' {
  /** The seed reports' names (their texts follow the wasm in the page's stream). */
  const seeds: { list: { id: string; file: string; title: string }[] };
  export default seeds;
}
declare module '*.css' {
  const css: string;
  export default css;
}
