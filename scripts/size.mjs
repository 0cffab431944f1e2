// Measures what the build shipped (raw and gzip -9), writes SIZE.md with where the wasm bytes go,
// and checks the budget: `node scripts/size.mjs --check` exits 1 when dist/nianbao.html is over it.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { paths, HTML_GZIP_BUDGET } from './paths.mjs';

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
// Decimal kilobytes (1 KB = 1000 bytes), the stricter reading of the budget's "230 KB".
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

function leb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export',
  'start', 'element', 'code', 'data', 'datacount'];

/** Section sizes, and each defined function's body size with its (demangled-ish) name. */
export function wasmAnatomy(bytes) {
  const sections = [];
  const bodies = [];
  const names = new Map();
  let importedFunctions = 0;
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    const end = start + size;
    let name = SECTION_NAMES[id] || `#${id}`;
    if (id === 0) {
      const [len, p] = leb(bytes, start);
      name = `custom:${Buffer.from(bytes.subarray(p, p + len)).toString()}`;
      if (name === 'custom:name') readNames(bytes, p + len, end, names);
    } else if (id === 2) {
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i++) {
        let len;
        [len, p] = leb(bytes, p); p += len; // module
        [len, p] = leb(bytes, p); p += len; // field
        const kind = bytes[p++];
        if (kind === 0) { importedFunctions++; [, p] = leb(bytes, p); }
        else if (kind === 1) { p++; const [flags, q] = leb(bytes, p); [, p] = leb(bytes, q); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 2) { const [flags, q] = leb(bytes, p); [, p] = leb(bytes, q); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 3) p += 2;
      }
    } else if (id === 10) {
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i++) {
        const [len, q] = leb(bytes, p);
        bodies.push({ index: importedFunctions + i, size: len + (q - p) });
        p = q + len;
      }
    }
    sections.push({ name, size: end - at });
    at = end;
  }
  for (const body of bodies) body.name = names.get(body.index) || `func[${body.index}]`;
  return { sections, bodies };
}

function readNames(bytes, at, end, names) {
  while (at < end) {
    const kind = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    if (kind === 1) {
      let [count, p] = leb(bytes, start);
      for (let i = 0; i < count; i++) {
        let index, len;
        [index, p] = leb(bytes, p);
        [len, p] = leb(bytes, p);
        names.set(index, Buffer.from(bytes.subarray(p, p + len)).toString());
        p += len;
      }
    }
    at = start + size;
  }
}

/** A symbol without its hashes: wasm-bindgen leaves names demangled, with `::h…` and `[…]` hashes. */
function shortName(name) {
  return name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{8,}\]/g, '');
}

/** The crate a function belongs to: the first path segment (inside a leading `<` for impls). */
function crateOf(name) {
  if (/^(checkReport|version|ruleCatalogue|tableLayout)$/.test(name)) return 'nianbao_wasm exports (core inlined by LTO)';
  if (/^(readDocument|readHtml)$/.test(name)) return 'nianbao_docs_wasm exports (readers inlined by LTO)';
  if (/^__wbindgen|^__wbg/.test(name)) return 'wasm_bindgen';
  const first = (/^<*([A-Za-z_][A-Za-z0-9_]*)/.exec(shortName(name)) || [, 'other'])[1];
  if (/^(core|alloc|std|dlmalloc|compiler_builtins)$/.test(first)) return `${first} (Rust std)`;
  // Impls on primitives (`<u128 as …>`, `<T as …>`) and compiler intrinsics (`__multi3`) are std too.
  if (/^(char|str|bool|[iuf](8|16|32|64|128|size)|T|__\w+)$/.test(first)) return 'core (Rust std)';
  if (/^nianbao_\w+$|^wasm_bindgen$/.test(first)) return first;
  return 'other';
}

export function measure() {
  const html = readFileSync(paths.distHtml);
  const wasm = readFileSync(paths.distWasm);
  const embed = readFileSync(paths.distEmbed);
  const decoder = readFileSync(paths.decoderWasm);
  const docs = readFileSync(paths.distDocsWasm);
  return {
    docs: { raw: docs.length, gzip: gz(docs) },
    html: { raw: html.length, gzip: gz(html) },
    wasm: { raw: wasm.length, gzip: gz(wasm) },
    embed: { raw: embed.length, gzip: gz(embed) },
    decoder: { raw: decoder.length, gzip: gz(decoder) },
  };
}

/** The page's parts: the LZMA payload (the wasm, then the seed texts) and everything else. */
function htmlParts() {
  const html = readFileSync(paths.distHtml, 'utf8');
  // The stream is the argument of the script's outer function, at its end (scripts/build.mjs).
  const payloads = [...html.matchAll(/\}\)\("([A-Za-z0-9+/=]{1000,})",/g)].map((x) => x[1]);
  if (payloads.length !== 1) throw new Error(`dist/nianbao.html: ${payloads.length} LZMA payloads, expected 1`);
  const rest = html.replace(payloads[0], '');
  return [
    { name: 'checker wasm, seed texts, documents module wasm (one LZMA stream, base64)', lzma: Buffer.from(payloads[0], 'base64').length, gzip: gz(Buffer.from(payloads[0])) },
    { name: 'page script, styles, markup', lzma: null, gzip: gz(Buffer.from(rest)) },
  ];
}

export function writeSizeRecord() {
  const m = measure();
  const parts = htmlParts();
  const { sections, bodies } = wasmAnatomy(readFileSync(paths.namedWasm));
  const byCrate = new Map();
  for (const b of bodies) byCrate.set(crateOf(b.name), (byCrate.get(crateOf(b.name)) || 0) + b.size);
  const codeTotal = bodies.reduce((s, b) => s + b.size, 0);
  const top = [...bodies].sort((a, b) => b.size - a.size).slice(0, 10);
  const docs = wasmAnatomy(readFileSync(paths.namedDocsWasm));
  const docsByCrate = new Map();
  for (const b of docs.bodies) docsByCrate.set(crateOf(b.name), (docsByCrate.get(crateOf(b.name)) || 0) + b.size);
  const docsCode = docs.bodies.reduce((s, b) => s + b.size, 0);
  const docsData = docs.sections.filter((x) => x.name === 'data').reduce((s, x) => s + x.size, 0);
  const lines = [
    '# Size of what the page ships',
    '',
    'Written by `npm run build` (scripts/size.mjs); `npm test` fails when `dist/nianbao.html` is over',
    `the budget of ${HTML_GZIP_BUDGET} bytes gzipped (gzip -9); 1 KB here is 1000 bytes.`,
    '',
    '| file | raw | gzip -9 |',
    '|---|---:|---:|',
    `| dist/nianbao.html (page, wasm, seeds inline) | ${kb(m.html.raw)} | ${kb(m.html.gzip)} (${m.html.gzip} bytes) |`,
    `| dist/nianbao_bg.wasm (the checker) | ${kb(m.wasm.raw)} | ${kb(m.wasm.gzip)} |`,
    `| dist/nianbao_docs_bg.wasm (the documents module: .docx, HTML, PDF; inline in both, decoded only when a document arrives) | ${kb(m.docs.raw)} | ${kb(m.docs.gzip)} |`,
    `| dist/nianbao-embed.js (wasm inline, no seeds) | ${kb(m.embed.raw)} | ${kb(m.embed.gzip)} |`,
    `| www/build/unlzma.wasm (the LZMA decoder, inline in both as base64) | ${kb(m.decoder.raw)} | ${kb(m.decoder.gzip)} |`,
    '',
    '## Where the page\'s bytes go',
    '',
    'Each part of `dist/nianbao.html` gzipped on its own (so the sum is close to, not exactly, the',
    'whole). The two wasm modules and the seed texts are embedded as one LZMA stream, since gzip',
    'cannot compress base64; LZMA makes wasm code about a fifth smaller than gzip does. One stream',
    'is 12 KB smaller than one per module (the modules share much of Rust\'s std); the page decodes',
    'only its beginning (the checker and the seeds) before the first result, and the whole stream',
    'again, in the documents worker, only when a document (.docx, HTML paste, PDF) arrives.',
    '',
    'What made room this round: the page was 229.5 KB (Node zlib -9; 230.2 KB by GNU `gzip -9`) and',
    'came down to 226.1 KB (226.0 KB) before the merges of issues 14, 17 and 18 took 3.1 KB of it:',
    '',
    '- **The page is its own workers\' script** (`www/src/own-script.ts`): the checker\'s and the',
    '  documents worker start from the page\'s script text, not from bundles of their own inside it,',
    '  so their code and the two wasm-bindgen glues ship once: −1.3 KB.',
    '- **xz packs the stream** (`xz --format=lzma --lzma1=preset=9e,pb=0`; LZMA-JS, used before, is the',
    '  fallback where xz is missing): wasm code has no 4-byte rhythm for the position bits to learn,',
    '  so pb=0 codes it smaller: −0.5 KB.',
    '- **The stream stands last in the script**, as the argument of the bundle\'s outer function',
    '  (`scripts/build.mjs` `streamLast`): gzip\'s window is 32 KB, so with 250 KB of base64 in the',
    '  middle, the code after it could not refer to the code before: −1.6 KB (−3.6 KB by GNU gzip).',
    '  The LZMA decoder\'s base64 (4 KB) follows it as the second argument: −0.1 KB (−0.25 KB).',
    '',
    '| part | LZMA | gzip -9 of the part |',
    '|---|---:|---:|',
    ...parts.map((p) => `| ${p.name} | ${p.lzma === null ? '–' : kb(p.lzma)} | ${kb(p.gzip)} |`),
    '',
    'What keeps the wasm small: no dependencies in the core (no regex, no serde); `opt-level = "z"`,',
    'LTO, one codegen unit and `panic = "abort"` for the wasm build only; `wasm-opt -Oz --converge`',
    '(with `--zero-filled-memory --low-memory-unused`), then `--flatten --rereloop -Oz` once more',
    '(0.8 KB of the page); one sort for the whole core (`order.rs`: each',
    '`sort_by` call site used to cost a driftsort copy, 35 KB in all); sorted vectors instead of hash',
    'maps (SipHash and each hashbrown copy cost 1.6 KB of the page). Both page modules rebuild std',
    '(`-Zbuild-std`, with the pinned stable compiler and `RUSTC_BOOTSTRAP=1` for this build only)',
    'with `-Cpanic=immediate-abort`, `-Zlocation-detail=none`, `-Zfmt-debug=none` and std\'s',
    '`optimize_for_size`: no panic formatting, file paths or Debug impls ship (the page was 249.5 KB',
    'after this round\'s merges; the flags took 18.6 KB off it). The page\'s one example (seed 000)',
    'rides in the wasm\'s LZMA stream as UTF-16LE (9 % smaller than UTF-8 for Chinese text; the',
    'other four seeds stay out: 004 was a second example until the merges of issues 14-19 needed',
    'its 1.6 KB). What remains is mostly the checker itself and',
    'Rust\'s `core::fmt` for the zh-CN messages. The lists below are read from the name section of',
    'an identically optimized copy (what `twiggy top` reports), so they name the shipped functions exactly.',
    '',
    '## The documents module (issues 17, 19), measured wasm size',
    '',
    'The .docx/HTML reader (`nianbao_doc`) and the PDF reader (`nianbao_pdf`) are a second wasm module',
    '(`crates/nianbao_docs_wasm`), off the path to the first result of pasted text: it is decoded and',
    'instantiated, in a worker of its own, only when a document is dropped, opened or pasted as HTML.',
    'Both readers share one `miniz_oxide` 0.9 (the PDF reader had 0.8, a second copy). Measured',
    'on wasm32 with the page profile (opt-level z, LTO, panic abort, wasm-opt -Oz), gzip -9:',
    '',
    '| what | wasm gzip -9 |',
    '|---|---:|',
    '| the checker with the readers inside (before the split) | 168.4 KB |',
    `| the checker alone (\`dist/nianbao_bg.wasm\`) | ${kb(m.wasm.gzip)} |`,
    `| the documents module (\`dist/nianbao_docs_bg.wasm\`) | ${kb(m.docs.gzip)} |`,
    '| saved by replacing the RustCrypto `aes` 0.8 crate with `nianbao_pdf/src/aes.rs` (byte-oriented, tables built at run time) | −4.0 KB |',
    '| saved by sorting object numbers through the PDF reader\'s one sort (a second `sort_unstable` copy) | −1.4 KB |',
    '',
    `Function bodies of the documents module (${kb(docsCode)}; data ${kb(docsData)}) by crate:`,
    '',
    ...[...docsByCrate].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([c, n]) => `- ${c}: ${kb(n)}`),
    '',
    '## Where the checker\'s wasm bytes go',
    '',
    'Sections of the checker\'s module (measured on a copy optimized identically but keeping names):',
    '',
    ...sections.filter((s) => s.name !== 'custom:name').map((s) => `- ${s.name}: ${kb(s.size)}`),
    '',
    `Function bodies (${kb(codeTotal)}) by crate:`,
    '',
    ...[...byCrate].sort((a, b) => b[1] - a[1]).map(([c, n]) => `- ${c}: ${kb(n)}`),
    '',
    'Largest functions:',
    '',
    ...top.map((b) => `- ${kb(b.size)} \`${shortName(b.name)}\``),
    '',
  ];
  writeFileSync(paths.sizeRecord, lines.join('\n'));
  console.log(`  dist/nianbao.html ${kb(m.html.raw)} raw, ${m.html.gzip} bytes gzip (budget ${HTML_GZIP_BUDGET}); wasm ${kb(m.wasm.raw)} raw, ${kb(m.wasm.gzip)} gzip`);
  return m;
}

if (process.argv.includes('--check')) {
  const m = measure();
  const ok = m.html.gzip <= HTML_GZIP_BUDGET;
  console.log(`dist/nianbao.html: ${m.html.gzip} bytes gzipped; budget ${HTML_GZIP_BUDGET} bytes: ${ok ? 'within' : 'OVER'}`);
  if (!ok) process.exit(1);
}
