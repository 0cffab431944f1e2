// Modules the build provides (scripts/build.mjs): the wasm (raw DEFLATE, base64), the worker's
// bundled source, the seed reports, and CSS loaded as text; plus tiny-inflate's untyped export.
declare module 'nianbao:wasm' {
  const wasm: { deflated: string; size: number };
  export default wasm;
}
declare module 'tiny-inflate' {
  function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array;
  export default inflate;
}
declare module 'nianbao:worker' {
  const source: string;
  export default source;
}
declare module 'nianbao:seeds' {
  const seeds: { id: string; file: string; title: string; text: string }[];
  export default seeds;
}
declare module '*.css' {
  const css: string;
  export default css;
}
