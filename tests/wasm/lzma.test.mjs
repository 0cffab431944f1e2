// The page's LZMA decoder (www/src/lzma.ts over the built crates/nianbao_unlzma module, bundled
// here with esbuild as the page bundles it) against streams from an independent encoder (LZMA-JS,
// the one the build uses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { paths } from '../../scripts/paths.mjs';

const { compress } = createRequire(import.meta.url)('lzma');
const decoderModule = {
  name: 'unlzma',
  setup(build) {
    build.onResolve({ filter: /^nianbao:unlzma$/ }, (args) => ({ path: args.path, namespace: 'nianbao' }));
    build.onLoad({ filter: /.*/, namespace: 'nianbao' }, () => ({
      contents: `export default ${JSON.stringify(readFileSync(paths.decoderWasm).toString('base64'))};`, loader: 'js',
    }));
  },
};
const bundled = await esbuild.build({
  entryPoints: [join(paths.src, 'lzma.ts')], bundle: true, format: 'esm', write: false, target: 'chrome75',
  plugins: [decoderModule],
});
const { lzmaDecode } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);

const roundTrip = (bytes, mode = 9) => Buffer.from(lzmaDecode(Uint8Array.from(compress(bytes, mode))));

test('decodes every fixture text and the shipped wasm byte for byte', () => {
  const inputs = [readFileSync(paths.distWasm)];
  for (const dir of [paths.seeds, paths.corpus]) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt'))) inputs.push(readFileSync(join(dir, f)));
  }
  for (const bytes of inputs) assert.ok(roundTrip(bytes).equals(bytes));
});

test('decodes empty, tiny, repetitive and random inputs at every compression level', () => {
  let x = 12345;
  const random = Buffer.alloc(70000, 0).map(() => { x = (x * 1103515245 + 12345) >>> 0; return x >>> 24; });
  const inputs = [Buffer.alloc(0), Buffer.from('a'), Buffer.alloc(100000, 'ab'), random,
    Buffer.from('年报校验'.repeat(3000))];
  for (const bytes of inputs) {
    for (const mode of [1, 5, 9]) assert.ok(roundTrip(bytes, mode).equals(bytes), `mode ${mode}, ${bytes.length} bytes`);
  }
});

test('a cut or damaged stream throws instead of returning short output', () => {
  const packed = Uint8Array.from(compress(readFileSync(join(paths.seeds, readdirSync(paths.seeds)[0])), 9));
  assert.throws(() => lzmaDecode(packed.subarray(0, 10)), /lzma/);
  assert.throws(() => lzmaDecode(packed.subarray(0, packed.length >> 1)), /lzma/);
  const bad = packed.slice();
  bad[0] = 250;
  assert.throws(() => lzmaDecode(bad), /properties/);
});

test('the decoder module stays under 4 KB, which old kernels still compile synchronously', () => {
  // Chromium before 115 refuses `new WebAssembly.Module` of more than 4 KB on the main thread.
  assert.ok(readFileSync(paths.decoderWasm).length < 4096);
});
