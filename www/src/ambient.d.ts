// Modules the build provides (scripts/build.mjs): the wasm (LZMA, base64), the worker's bundled
// source, the seed reports, and CSS loaded as text.
declare module 'nianbao:wasm' {
  const wasm: { lzma: string; size: number };
  export default wasm;
}
declare module 'nianbao:worker' {
  const source: string;
  export default source;
}
declare module 'nianbao:seeds' {
  /** The seed reports' names, and their texts as one LZMA stream of NUL-separated UTF-8. */
  const seeds: { list: { id: string; file: string; title: string }[]; lzma: string };
  export default seeds;
}
declare module '*.css' {
  const css: string;
  export default css;
}
