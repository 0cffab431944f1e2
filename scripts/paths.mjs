// Every path the build, the server and the tests share, so none of them guesses another's layout.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const www = join(root, 'www');
const dist = join(root, 'dist');
const glueDir = join(www, 'build', 'wasm');
const cargoTarget = join(root, 'target', 'wasm-page');

export const paths = {
  www,
  src: join(www, 'src'),
  dist,
  glueDir,
  glue: join(glueDir, 'nianbao.js'),
  // The documents module (crates/nianbao_docs_wasm: .docx, HTML, PDF), loaded only when a document arrives.
  docsGlueDir: join(www, 'build', 'wasm-docs'),
  docsGlue: join(www, 'build', 'wasm-docs', 'nianbao_docs.js'),
  cargoDocsWasm: join(cargoTarget, 'wasm32-unknown-unknown', 'release', 'nianbao_docs_wasm.wasm'),
  strippedDocsWasm: join(www, 'build', 'stripped-docs.wasm'),
  namedDocsWasm: join(www, 'build', 'named-docs.wasm'),
  distDocsWasm: join(dist, 'nianbao_docs_bg.wasm'),
  cargoTarget,
  cargoWasm: join(cargoTarget, 'wasm32-unknown-unknown', 'release', 'nianbao_wasm.wasm'),
  strippedWasm: join(www, 'build', 'stripped.wasm'),
  cargoDecoderWasm: join(cargoTarget, 'wasm32-unknown-unknown', 'release', 'nianbao_unlzma.wasm'),
  decoderWasm: join(www, 'build', 'unlzma.wasm'),
  namedWasm: join(www, 'build', 'named.wasm'),
  wasmOpt: join(root, 'node_modules', '.bin', 'wasm-opt'),
  distWasm: join(dist, 'nianbao_bg.wasm'),
  distHtml: join(dist, 'nianbao.html'),
  distEmbed: join(dist, 'nianbao-embed.js'),
  seeds: join(root, 'tests', 'fixtures', 'seeds'),
  corpus: join(root, 'tests', 'fixtures', 'corpus'),
  sizeRecord: join(root, 'SIZE.md'),
};

/** The gzip budget of dist/nianbao.html (gzip -9): issue 17 raised issue 5's "150 KB" to "230 KB" for the document and PDF readers, read as 230 000 bytes. */
export const HTML_GZIP_BUDGET = 230_000;
