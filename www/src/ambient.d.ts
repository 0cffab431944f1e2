// Modules the build provides (scripts/build.mjs): the wasm (LZMA, base64), the worker's bundled
// source, the seed reports, and CSS loaded as text.
declare module 'nianbao:wasm' {
  /**
   * LZMA stream (base64): the checker's wasm (`size` bytes), in the page's the seed texts, then
   * the documents module at `docs` = [offset, length].
   */
  const wasm: { lzma: string; size: number; docs: [number, number] };
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
declare module 'nianbao:docs-worker' {
  const source: string;
  export default source;
}
