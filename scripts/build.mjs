// Builds everything the page ships: the old-browser wasm (cargo → strip → wasm-bindgen → wasm-opt)
// of the checker and of the documents module (.docx, HTML, PDF; loaded only when a document arrives),
// the LZMA decoder's own tiny wasm, the TypeScript bundles (esbuild, chrome75) and dist/: nianbao.html (one self-contained file),
// index.html (the same file, for the hosted folder), nianbao-embed.js, nianbao_bg.wasm, SIZE.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, readdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { root, paths } from './paths.mjs';
import { writeSizeRecord } from './size.mjs';

// LZMA-JS: a pure-JS encoder, the fallback where xz is missing (the page carries only a decoder).
const { compress: lzmaCompress } = createRequire(import.meta.url)('lzma');

/** What Chromium 75 runs: wasm-opt must not use anything newer. */
const OLD_CHROMIUM_FEATURES = ['--mvp-features', '--enable-sign-ext', '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int', '--enable-bulk-memory'];

function run(command, args, env = {}) {
  console.log(`  $ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

function step(title) {
  console.log(`\n[build] ${title}`);
}

/**
 * `cargo build` of a wasm crate. The workspace profile is tuned for the CLI; the wasm gets its
 * profile from env here, and its own target dir so neither build invalidates the other; no
 * reference-types or multivalue, which old Chromium kernels lack.
 */
function cargoWasm(crate, optLevel, rustflags, smallStd = false) {
  // The page's modules rebuild std with panics that abort on the spot, without file locations or
  // Debug formatting: nothing in them formats a panic (the page turns a trap into a zh-CN message),
  // and the shipped page is about 14 KB smaller. These are unstable flags of the pinned stable
  // compiler, enabled with RUSTC_BOOTSTRAP for this build only (needs the rust-src component).
  const std = smallStd ? ['-Zbuild-std=std,panic_abort', '-Zbuild-std-features=optimize_for_size'] : [];
  const flags = smallStd ? '-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort ' : '';
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '-p', crate, '--target-dir', paths.cargoTarget, ...std], {
    RUSTFLAGS: `-C target-feature=-reference-types,-multivalue ${flags}${rustflags}`,
    ...(smallStd ? { RUSTC_BOOTSTRAP: '1' } : {}),
    CARGO_PROFILE_RELEASE_OPT_LEVEL: optLevel,
    CARGO_PROFILE_RELEASE_LTO: 'true',
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '1',
    CARGO_PROFILE_RELEASE_PANIC: 'abort',
  });
}

/**
 * cargo → wasm-tools strip → wasm-bindgen → wasm-opt, for one wasm-bindgen crate: writes `out`
 * (shipped) and `named` (the same optimization keeping names, for SIZE.md).
 */
/**
 * The page's callers always pass bytes as `{ module }` / `{ module_or_path }` (engine.ts,
 * docs-engine.ts): the glue's branches for wasm-bindgen's older calling form, and for a path or
 * URL to fetch, are dead weight in the page (two copies, one per module), and the page then
 * carries no `fetch` from the glue at all. Fails loudly when a new wasm-bindgen prints them
 * differently.
 */
function dropUnusedInitForms(glue, outName) {
  const oldForm = (name, what) => `    if (${name} !== undefined) {
        if (Object.getPrototypeOf(${name}) === Object.prototype) {
            ({${name}} = ${name})
        } else {
            console.warn('using deprecated parameters for ${what}; pass a single object instead')
        }
    }
`;
  const fetchForm = `
    if (module_or_path === undefined) {
        module_or_path = new URL('${outName}_bg.wasm', import.meta.url);
    }
    const imports = __wbg_get_imports();

    if (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request) || (typeof URL === 'function' && module_or_path instanceof URL)) {
        module_or_path = fetch(module_or_path);
    }
`;
  const cuts = [
    [oldForm('module', '\`initSync()\`'), '    ({ module } = module);\n'],
    [oldForm('module_or_path', 'the initialization function') + fetchForm,
      '    ({ module_or_path } = module_or_path);\n    const imports = __wbg_get_imports();\n'],
  ];
  let code = readFileSync(glue, 'utf8');
  for (const [from, to] of cuts) {
    if (!code.includes(from)) throw new Error(`${glue}: the glue's init is not printed as the build expects`);
    code = code.replace(from, () => to);
  }
  writeFileSync(glue, code);
}

function buildBindgenWasm({ crate, cargoWasm: built, stripped, glueDir, outName, out, named, linkArgs = '' }) {
  step(`wasm ${crate}: cargo build (size profile, no reference-types/multivalue for old Chromium kernels)`);
  // Panic locations keep file paths in the module; the crates' own need not be spelled out.
  const remap = ['crates/nianbao_core/src/', 'crates/nianbao_pdf/src/', 'crates/nianbao_doc/src/'];
  cargoWasm(crate, 'z', remap.map((prefix) => `--remap-path-prefix=${prefix}=`).join(' ') + linkArgs, true);
  mkdirSync(glueDir, { recursive: true });
  step(`wasm ${crate}: strip the target_features section (the precompiled std still advertises reference-types)`);
  run('wasm-tools', ['strip', '-d', 'target_features', built, '-o', stripped]);
  step(`wasm ${crate}: wasm-bindgen --target web`);
  run('wasm-bindgen', ['--target', 'web', '--out-dir', glueDir, '--out-name', outName, stripped]);
  dropUnusedInitForms(join(glueDir, `${outName}.js`), outName);
  step(`wasm ${crate}: wasm-opt -Oz (npm binaryen), limited to the Chromium 75 feature set`);
  mkdirSync(paths.dist, { recursive: true });
  // --converge repeats -Oz until the module stops shrinking (about 1 KB compressed). The memory is
  // the module's own, so it starts zeroed; Rust places nothing in its first 1 KB (data starts at
  // 1 MB): both let wasm-opt drop zero data and fold constant addresses (0.5 KB compressed).
  const optimize = ['-Oz', '--converge', '--zero-filled-memory', '--low-memory-unused', ...OLD_CHROMIUM_FEATURES];
  run(paths.wasmOpt, [...optimize, '--strip-debug', '--strip-producers', join(glueDir, `${outName}_bg.wasm`), '-o', out]);
  // Then once more through flat IR and the relooper: control flow rebuilt from scratch and shrunk
  // again saves about 0.7 KB of each module's LZMA (measured on both; it costs 20-30 s of build).
  run(paths.wasmOpt, ['--flatten', '--rereloop', ...optimize, '--strip-debug', '--strip-producers', out, '-o', out]);
  // A copy with the name section, only for SIZE.md's "where the bytes go".
  run(paths.wasmOpt, [...optimize, '-g', join(glueDir, `${outName}_bg.wasm`), '-o', named]);
}

/** The checker (crates/nianbao_wasm), on the path to the first result. */
function buildWasm() {
  buildBindgenWasm({ crate: 'nianbao_wasm', cargoWasm: paths.cargoWasm, stripped: paths.strippedWasm, glueDir: paths.glueDir,
    outName: 'nianbao', out: paths.distWasm, named: paths.namedWasm,
    // A 256 KB stack, not Rust's 1 MB: the deepest check of every fixture, fuzz-corpus text and
    // hostile input class used 8.5 KB (BENCHMARKS.md), and the megabyte counted against every
    // check's memory. The stack comes first in memory, so an overflow traps (a zh-CN message).
    linkArgs: ' -C link-arg=-zstack-size=262144' });
}

/** The documents module (crates/nianbao_docs_wasm: .docx, HTML, PDF), loaded only when a document arrives. */
function buildDocsWasm() {
  buildBindgenWasm({ crate: 'nianbao_docs_wasm', cargoWasm: paths.cargoDocsWasm, stripped: paths.strippedDocsWasm,
    glueDir: paths.docsGlueDir, outName: 'nianbao_docs', out: paths.distDocsWasm, named: paths.namedDocsWasm });
}

/** The LZMA decoder (crates/nianbao_unlzma): a raw wasm module of about 3 KB, no wasm-bindgen. */
function buildDecoder() {
  step('wasm: the LZMA decoder (no_std, no allocator; exports its memory and __heap_base)');
  // "s", not "z": the same size, and it decodes a little faster. A 64 KB stack holds its models
  // (about 30 KB); the input and output go above __heap_base.
  cargoWasm('nianbao_unlzma', 's', '-C link-arg=--export=__heap_base -C link-arg=-zstack-size=65536');
  run(paths.wasmOpt, ['-Oz', '--converge', ...OLD_CHROMIUM_FEATURES, '--strip-debug', '--strip-producers',
    '--strip-target-features', paths.cargoDecoderWasm, '-o', paths.decoderWasm]);
}

/**
 * The page's example: 000 (a 2019-format report with four balance errors: what the checker is
 * for). The other seeds stay out of the page (004, the short one, was an example until this
 * round's readers took its 2.3 KB), which must fit its size budget now that it carries the readers.
 */
const PAGE_EXAMPLES = ['000'];

/** The page's example reports; the label is the report's title line. Their texts (NUL-separated
 * UTF-16LE: Chinese text compresses 9% smaller in LZMA than as UTF-8) follow the wasm in the page's
 * LZMA stream: one stream is 1.3 KB smaller than two, and the page decodes once. */
function seedReports() {
  return readdirSync(paths.seeds).filter((f) => f.endsWith('.txt') && PAGE_EXAMPLES.includes(f.slice(0, 3))).sort().map((file) => {
    const text = readFileSync(join(paths.seeds, file), 'utf8');
    if (text.includes('\0')) throw new Error(`${file} contains NUL, the separator of the packed texts`);
    const title = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).find((l) => l) || file;
    return { id: file.slice(0, 3), file, title, text };
  });
}

/** The LZMA decoder's wasm as the `nianbao:unlzma` module (base64: it cannot be compressed itself). */
function decoderModule() {
  return `export default ${DECODER_PARAMETER};`;
}

/**
 * The wasm, what follows it (the seed texts) and the documents module as the `nianbao:wasm`
 * module: one LZMA stream, then base64. One stream is 12 KB smaller than a stream per module (the
 * two share much of Rust's std); the page decodes the checker's part first and the rest only when
 * a document arrives (www/src/wasm-bytes.ts).
 */
function wasmModule(wasm, after, docs) {
  const lzma = compressLzma(Buffer.concat([wasm, after, docs])).toString('base64');
  const module = `export default { lzma: ${STREAM_PARAMETER}, size: ${wasm.length}, docs: [${wasm.length + after.length}, ${docs.length}] };`;
  return { module, lzma };
}

/**
 * The name the bundle's outer function gives the base64 stream. The stream is passed to it as
 * its argument, so it stands at the very end of the script: gzip then compresses the code as one
 * piece (its window is 32 KB; with the stream in the middle, the code after it could not refer to
 * the code before), which saves 2 KB of the page (4 KB by GNU gzip's measure).
 */
const STREAM_PARAMETER = 'NB_STREAM';
/** The decoder's base64 (4 KB) rides last too, after the stream, for the same reason (0.1 KB by Node's zlib, 0.25 KB by GNU gzip). */
const DECODER_PARAMETER = 'NB_DECODER';

/** Passes `lzma` and the decoder to the bundle's outer function `(()=>{…})();` as its two parameters. */
function streamLast(code, lzma) {
  const strict = code.startsWith('"use strict";') ? '"use strict";' : '';
  const head = `${strict}(()=>{`;
  const tail = /\}\)\(\);\n?$/;
  if (!code.startsWith(head) || !tail.test(code)) throw new Error(`bundle is not (()=>{…})(); — cannot pass the stream last: ${JSON.stringify(code.slice(0, 40))} … ${JSON.stringify(code.slice(-20))}`);
  const decoder = readFileSync(paths.decoderWasm).toString('base64');
  return `${strict}((${STREAM_PARAMETER},${DECODER_PARAMETER})=>{${code.slice(head.length).replace(tail, `})(${JSON.stringify(lzma)},${JSON.stringify(decoder)});\n`)}`;
}

/**
 * A ".lzma" stream whose header states the unpacked size (what www/src/lzma.ts decodes). xz
 * (xz-utils, which scripts/setup.sh installs) with pb=0 — wasm code has no 4-byte rhythm for
 * the position bits to learn — writes it 0.5 KB smaller than LZMA-JS's best, in a second rather
 * than eight; LZMA-JS (pure JS) is the fallback where xz is missing. lc=4 (literals coded by
 * the previous byte's top four bits; the decoder takes lc + lp ≤ 4) is 70 bytes smaller than 3.
 */
function compressLzma(bytes) {
  let packed;
  try {
    packed = execFileSync('xz', ['--format=lzma', '--lzma1=preset=9e,pb=0,lc=4', '--stdout'], { input: bytes, maxBuffer: 1 << 30 });
  } catch {
    console.warn('  xz is missing: LZMA-JS packs the wasm (about 0.5 KB larger; scripts/setup.sh installs xz-utils)');
    return Buffer.from(lzmaCompress(bytes, 9));
  }
  // xz leaves the size unknown (all ones) and ends with an end marker: the decoder needs the size
  // and stops there, before the marker.
  packed.writeBigUInt64LE(BigInt(bytes.length), 5);
  return packed;
}

/** esbuild plugin loading CSS as minified text (the page installs it as a stylesheet). */
const minifiedCss = {
  name: 'nianbao-css',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await esbuild.transform(readFileSync(args.path, 'utf8'), { loader: 'css', minify: true, target: 'chrome75' });
      return { contents: `export default ${JSON.stringify(code)};`, loader: 'js' };
    });
  },
};

/** esbuild plugin serving the build-time values as modules: the wasm bytes, the worker source, the seeds. */
function virtualModules(modules) {
  return {
    name: 'nianbao-virtual',
    setup(build) {
      build.onResolve({ filter: /^nianbao:/ }, (args) => ({ path: args.path, namespace: 'nianbao' }));
      build.onLoad({ filter: /.*/, namespace: 'nianbao' }, (args) => {
        if (!(args.path in modules)) throw new Error(`unknown virtual module ${args.path}`);
        return { contents: modules[args.path](), loader: 'js' };
      });
    },
  };
}

const common = {
  bundle: true,
  format: 'iife',
  target: 'chrome75',
  charset: 'utf8',
  minify: true,
  legalComments: 'none',
  // The glue only reads import.meta.url when no bytes are given; we always give bytes.
  define: { 'import.meta.url': '""' },
  logLevel: 'warning',
};

/** Bundles a file, or (`{ contents }`) a few lines of code importing from www/src. */
async function bundle(entry, modules) {
  const input = typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: paths.src, loader: 'ts' } };
  const result = await esbuild.build({ ...common, ...input, write: false, plugins: [virtualModules(modules), minifiedCss] });
  const code = result.outputFiles[0].text;
  // The page inlines the bundles in <script>; these sequences would end or confuse that element.
  if (/<\/script|<!--/i.test(code)) throw new Error(`${entry.contents || entry}: bundle contains </script or <!--`);
  return code;
}

async function buildScripts() {
  step('js: esbuild (chrome75): worker, embed script, page script');
  // Compressed before base64, since gzip cannot see through base64. LZMA (www/src/lzma.ts decodes
  // it) makes wasm code about a fifth smaller than DEFLATE does.
  const wasm = readFileSync(paths.distWasm);
  const seeds = seedReports();
  // The page starts its workers from its own script (www/src/own-script.ts); the embed script,
  // loaded from a URL, cannot read its own text without a request, so it carries their bundles.
  const worker = await bundle({ contents: "import { serveChecks } from './worker'; serveChecks();" }, {});
  // The documents module rides at the end of the stream, decoded only when a document arrives,
  // and reads in its own worker (a 300-page PDF must not freeze the page).
  const docs = readFileSync(paths.distDocsWasm);
  const docsWorker = await bundle({ contents: "import { serveDocuments } from './docs-worker'; serveDocuments();" }, {});
  const modules = (stream, workers) => ({
    'nianbao:wasm': () => stream,
    'nianbao:worker': () => `export default ${JSON.stringify(workers ? worker : '')};`,
    'nianbao:docs-worker': () => `export default ${JSON.stringify(workers ? docsWorker : '')};`,
    'nianbao:unlzma': decoderModule,
    'nianbao:seeds': () => `export default ${JSON.stringify({ list: seeds.map(({ id, file, title }) => ({ id, file, title })) })};`,
  });
  const embedStream = wasmModule(wasm, Buffer.alloc(0), docs);
  const embed = streamLast(await bundle(join(paths.src, 'embed.ts'), modules(embedStream.module, true)), embedStream.lzma);
  const pageStream = wasmModule(wasm, Buffer.from(seeds.map((s) => s.text).join('\0'), 'utf16le'), docs);
  const page = streamLast(await bundle(join(paths.src, 'page.ts'), modules(pageStream.module, false)), pageStream.lzma);
  writeFileSync(paths.distEmbed, embed);
  // Types for portal developers: the contract and the API, plus the one global.
  const types = readFileSync(join(paths.src, 'types.ts'), 'utf8');
  writeFileSync(join(paths.dist, 'nianbao-embed.d.ts'),
    `${types}\ndeclare global {\n  interface Window {\n    Nianbao: NianbaoApi;\n  }\n}\n`);

  step('html: one self-contained file (CSS and wasm inside the script, instantiated asynchronously)');
  const template = readFileSync(join(paths.www, 'index.html'), 'utf8');
  if (!template.includes('<!--NB:SCRIPT-->')) throw new Error('www/index.html lacks <!--NB:SCRIPT-->');
  const html = template.replace('<!--NB:SCRIPT-->', () => `<script>${page}</script>`);
  writeFileSync(paths.distHtml, html);
  copyFileSync(paths.distHtml, join(paths.dist, 'index.html'));
  // The example portal page the embedding guide and the browser tests use.
  for (const file of ['embed-host.html', 'embed-host.js', 'embed-host.css']) {
    copyFileSync(join(paths.www, 'examples', file), join(paths.dist, file));
  }
}

const started = Date.now();
if (!process.argv.includes('--skip-wasm')) {
  buildWasm();
  buildDocsWasm();
  buildDecoder();
}
await buildScripts();
step('size record');
writeSizeRecord();
console.log(`\n[build] done in ${((Date.now() - started) / 1000).toFixed(1)} s → ${paths.dist}`);
