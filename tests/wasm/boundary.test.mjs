// Boundary tests through the real shipped wasm (dist/nianbao_bg.wasm with its wasm-bindgen glue),
// never a mock: every fixture returns a contract whose UTF-16 spans slice out each cell's text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { paths, root } from '../../scripts/paths.mjs';

const glue = await import(pathToFileURL(paths.glue).href);
await glue.default({ module_or_path: readFileSync(paths.distWasm) });

// checkReport hands all of its result but the last piece to this global as it writes it, so
// the wasm memory never holds a long result whole (crates/nianbao_wasm, www/src/engine.ts).
let pieces = [];
globalThis.nianbaoJsonPiece = (piece) => pieces.push(piece);
const checkPieces = (...args) => {
  pieces = [];
  const last = glue.checkReport(...args);
  return [...pieces, last];
};
const check = (text, previous) => JSON.parse(checkPieces(text, previous).join(''));

const fixtures = [paths.seeds, paths.corpus].flatMap((dir) =>
  readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: `${dir === paths.seeds ? 'seeds' : 'corpus'}/${f}`, text: readFileSync(join(dir, f), 'utf8') })));

/** 1-based line and UTF-16 column of a UTF-16 offset, counting \n, \r\n and lone \r as breaks. */
function position(text, offset) {
  let line = 1, column = 1;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) { line++; column = 1; } else column++;
  }
  return { line, column };
}

function assertSpan(text, span, what) {
  assert.ok(Array.isArray(span) && span.length === 2, `${what}: span is [start, end]`);
  assert.ok(Number.isInteger(span[0]) && Number.isInteger(span[1]) && span[0] >= 0 && span[0] <= span[1] && span[1] <= text.length,
    `${what}: span ${span} inside the text (length ${text.length})`);
}

function assertContract(text, result, name) {
  assert.equal(result.schema, 'nianbao/1');
  assert.deepEqual(Object.keys(result).sort(), ['diagnostics', 'repairs', 'report', 'schema', 'summary']);
  assert.ok(['f2019', 'f2021', 'old', 'unknown'].includes(result.report.format), `${name}: format`);
  const cells = Object.entries(result.report.cells);
  let read = 0;
  for (const [path, cell] of cells) {
    if (cell === null) continue;
    read++;
    assertSpan(text, cell.span, `${name} ${path}`);
    assert.equal(text.slice(cell.span[0], cell.span[1]), cell.text, `${name} ${path}: the UTF-16 span slices out the cell's text`);
    assert.equal(cell.line, position(text, cell.span[0]).line, `${name} ${path}: line`);
    assert.ok(cell.value === null || Number.isInteger(cell.value) || /^-?\d+(\.\d+)?$/.test(cell.value), `${name} ${path}: value ${cell.value}`);
  }
  assert.equal(result.summary.cells_expected, cells.length, `${name}: cells_expected`);
  assert.equal(result.summary.cells_read, read, `${name}: cells_read`);
  for (const severity of ['error', 'warning', 'info']) {
    const key = { error: 'errors', warning: 'warnings', info: 'infos' }[severity];
    assert.equal(result.summary[key], result.diagnostics.filter((d) => d.severity === severity).length, `${name}: summary.${key}`);
  }
  for (const d of result.diagnostics) {
    assertSpan(text, d.span, `${name} ${d.code}`);
    const at = position(text, d.span[0]);
    assert.deepEqual([d.line, d.column], [at.line, at.column], `${name} ${d.code}: line and UTF-16 column of the span start`);
    for (const label of d.labels) {
      assertSpan(text, label.span, `${name} ${d.code} label`);
      assert.equal(label.line, position(text, label.span[0]).line, `${name} ${d.code}: label line`);
    }
    for (const path of d.cells) assert.ok(path in result.report.cells || /^old\./.test(path), `${name} ${d.code}: cell ${path} is in the report`);
  }
  for (const repair of result.repairs) {
    for (const path of Object.keys(repair.changes)) assert.ok(path in result.report.cells, `${name}: repaired cell ${path} exists`);
  }
}

for (const { name, text } of fixtures) {
  test(`${name}: the contract's UTF-16 spans slice out every cell's text`, () => {
    assertContract(text, check(text), name);
  });
}

test('the fixtures exercise the boundary: some cells are read and some text is non-ASCII before them', () => {
  const result = check(fixtures[0].text);
  const read = Object.values(result.report.cells).filter(Boolean);
  assert.ok(read.length > 0, 'seed 000 has cells read');
  // With CJK before a cell, UTF-16 and UTF-8 offsets differ: the span must be the UTF-16 one.
  const first = read[0];
  assert.ok(Buffer.byteLength(fixtures[0].text.slice(0, first.span[0])) > first.span[0]);
});

/** Seed 002 again with a BOM, an emoji in the title, and every ASCII digit made full-width. */
function mixed(text) {
  const fullWidth = text.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  const lines = fullWidth.split('\n');
  lines[0] = `📄${lines[0]}😀`;
  return `\uFEFF${lines.join('\n')}`;
}

test('CJK, full-width digits, an emoji and a BOM: same values, spans still exact', () => {
  const plainText = readFileSync(join(paths.seeds, '002_3fca4d743e11907b.txt'), 'utf8');
  const plain = check(plainText);
  const text = mixed(plainText);
  const result = check(text);
  assertContract(text, result, 'mixed');
  assert.equal(result.report.format, plain.report.format);
  const values = (r) => Object.fromEntries(Object.entries(r.report.cells).map(([p, c]) => [p, c && c.value]));
  assert.deepEqual(values(result), values(plain), 'full-width digits read as the same values');
  const someCell = Object.values(result.report.cells).find((c) => c && /[０-９]/.test(c.text));
  assert.ok(someCell, 'a cell printed in full-width digits');
  // Two emoji (two UTF-16 units each) and the BOM shift every later offset by 5 units.
  const plainCell = Object.entries(plain.report.cells).find(([, c]) => c)[0];
  assert.equal(result.report.cells[plainCell].span[0], plain.report.cells[plainCell].span[0] + 5);
});

test('checkReport takes last year\'s report as an optional second argument', () => {
  const text = fixtures.find((f) => f.name.includes('f2021_2022_pingtan')).text;
  const previous = fixtures.find((f) => f.name.includes('f2021_2021_pingtan')).text;
  assertContract(text, check(text, previous), 'with previous');
  assertContract(text, check(text, undefined), 'without previous');
});

test('empty and odd input never throws and still returns the contract', () => {
  for (const text of ['', '\uFEFF', '😀', '\r\n\r', '表三'.repeat(1000), '\u0000\uFFFF']) assertContract(text, check(text), JSON.stringify(text.slice(0, 8)));
});

test('breakdown tables carry their printed captions; national reports have none', () => {
  const captions = (name) => check(fixtures.find((f) => f.name.includes(name)).text).report.table_captions;
  const yichun = captions('003_');
  assert.equal(yichun['pct.1'], '表 1 2017 年市政府及其部门主动公开情况');
  assert.equal(Object.keys(yichun).length, 7);
  assert.deepEqual(captions('000_'), {});
});

test('version() is the workspace version', () => {
  const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  assert.equal(glue.version(), /\[workspace\.package\][^[]*?version\s*=\s*"([^"]+)"/.exec(cargo)[1]);
});

test('ruleCatalogue() lists every code the checks emit, each with a zh-CN summary', () => {
  const catalogue = JSON.parse(glue.ruleCatalogue());
  assert.ok(Array.isArray(catalogue) && catalogue.length > 0);
  const codes = new Set(catalogue.map((r) => r.code));
  for (const rule of catalogue) {
    assert.deepEqual(Object.keys(rule).sort(), ['code', 'example', 'explanation', 'formula', 'severity', 'summary']);
    assert.match(rule.summary, /[\u4e00-\u9fff]/, `${rule.code}: summary in Chinese`);
  }
  for (const { name, text } of fixtures) {
    for (const d of check(text).diagnostics) assert.ok(codes.has(d.code), `${name}: ${d.code} is in the catalogue`);
  }
});

test('tableLayout() draws exactly the cells the contract has, for both national formats', () => {
  for (const format of ['f2019', 'f2021']) {
    const layout = JSON.parse(glue.tableLayout(format));
    const drawn = new Set();
    for (const row of layout.t2) for (const c of row.columns) drawn.add(`t2.${row.key}.${c.key}`);
    for (const row of layout.t3.rows) if (row.key) for (const c of layout.t3.columns) drawn.add(`t3.${row.key}.${c.key}`);
    for (const g of layout.t4.groups) for (const c of layout.t4.columns) drawn.add(`t4.${g.key}.${c.key}`);
    const report = fixtures.map((f) => check(f.text)).find((r) => r.report.format === format);
    assert.ok(report, `a fixture in ${format}`);
    assert.deepEqual([...drawn].sort(), Object.keys(report.report.cells).sort(), `${format}: layout paths = contract paths`);
  }
  for (const format of ['f2019', 'f2021']) {
    const { titles, t3 } = JSON.parse(glue.tableLayout(format));
    assert.deepEqual(Object.keys(titles), ['t2', 't3', 't4']);
    assert.equal(titles.t3, '表三 收到和处理政府信息公开申请情况');
    assert.equal(t3.header, '申请人情况');
    // format-spec §1.3: 法人或其他组织 spans 商业企业 … 其他; 自然人 and 总计 stand alone.
    assert.deepEqual(t3.groups, [{ label: '法人或其他组织', first: 1, span: 5 }]);
    assert.deepEqual(t3.columns.slice(1, 6).map((c) => c.label), ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  }
  assert.equal(glue.tableLayout('old'), '{}');
  assert.equal(glue.tableLayout('nonsense'), '{}');
});

test('tableLayout() names every cell the contract has; words() gives the words the page shows', () => {
  for (const format of ['f2019', 'f2021']) {
    const { names } = JSON.parse(glue.tableLayout(format));
    const report = fixtures.map((f) => check(f.text)).find((r) => r.report.format === format);
    assert.deepEqual(Object.keys(names).sort(), Object.keys(report.report.cells).sort(), `${format}: a name for every cell`);
    assert.equal(names['t3.total.natural_person'], '表三（七）总计 自然人');
    assert.equal(names['t4.review.total'], '表四行政复议 总计');
  }
  const words = JSON.parse(glue.words());
  assert.deepEqual(words.severities, { error: '错误', warning: '警告', info: '提示' });
  assert.deepEqual(Object.keys(words.formats), ['f2019', 'f2021', 'old', 'unknown']);
  assert.deepEqual(Object.keys(words.formats_short), ['f2019', 'f2021', 'old', 'unknown']);
  assert.deepEqual(Object.keys(words.tables), ['t2', 't3', 't4', 'old', 'pct']);
  assert.deepEqual(words.values.default, ['应为', '实为']);
  assert.deepEqual(words.values['prose-table'], ['统计表为', '正文为']);
  const codes = new Set(JSON.parse(glue.ruleCatalogue()).map((r) => r.code));
  for (const code of Object.keys(words.values)) assert.ok(code === 'default' || codes.has(code), code);
});

test('dist/nianbao_bg.wasm and dist/nianbao_docs_bg.wasm are exactly the modules inlined in nianbao.html and nianbao-embed.js', async () => {
  // Decoded with LZMA-JS, not with the page's own decoder: the two must agree on the format.
  const { decompress } = createRequire(import.meta.url)('lzma');
  const shipped = readFileSync(paths.distWasm);
  const docs = readFileSync(paths.distDocsWasm);
  // The page's examples (scripts/build.mjs PAGE_EXAMPLES), NUL-separated UTF-16LE.
  const seeds = readdirSync(paths.seeds).filter((f) => /^000_.*\.txt$/.test(f)).sort()
    .map((f) => readFileSync(join(paths.seeds, f), 'utf8'));
  // The stream: the checker, then (the page's) the seed texts, then the documents module.
  for (const [file, after] of [[paths.distHtml, seeds.join('\0')], [paths.distEmbed, '']]) {
    // The stream is the argument of the script's outer function, at its end (scripts/build.mjs).
    const code = readFileSync(file, 'utf8');
    const inlined = /lzma:NB_STREAM,size:(\d+),docs:\[(\d+),(\d+)\]/.exec(code);
    const stream = /\}\)\("([A-Za-z0-9+/=]{1000,})","[A-Za-z0-9+/=]+"\);\n?(<\/script>|$)/.exec(code);
    assert.ok(inlined && stream, `${file} holds the LZMA-compressed wasm, passed last`);
    const bytes = Buffer.from(decompress(Buffer.from(stream[1], 'base64')));
    assert.equal(Number(inlined[1]), shipped.length);
    assert.ok(bytes.subarray(0, shipped.length).equals(shipped), `${file}: inlined wasm = dist/nianbao_bg.wasm`);
    const [start, length] = [Number(inlined[2]), Number(inlined[3])];
    assert.equal(bytes.subarray(shipped.length, start).toString('utf16le'), after, `${file}: what follows the wasm`);
    assert.equal(length, docs.length);
    assert.ok(bytes.subarray(start).equals(docs), `${file}: inlined documents module = dist/nianbao_docs_bg.wasm`);
  }
});

test('a long result comes out in pieces of about 64 KB that join into the whole contract', () => {
  const seed = fixtures.find((f) => f.name.startsWith('seeds/003'));
  const table = seed.text.slice(seed.text.indexOf('统计指标'));
  const text = seed.text + table.repeat(Math.ceil((1 << 20) / table.length));
  const parts = checkPieces(text);
  assert.ok(parts.length > 10, `${parts.length} pieces`);
  for (const part of parts.slice(0, -1)) {
    assert.ok(part.length >= 16_000 && part.length < 200_000, `a piece of ${part.length} characters`);
  }
  const result = JSON.parse(parts.join(''));
  const cells = Object.values(result.report.cells);
  assert.ok(cells.length > 10_000, `${cells.length} cells`);
  for (const cell of cells.filter(Boolean).slice(-50)) assert.equal(text.slice(...cell.span), cell.text);
  // A short result is the last piece alone.
  assert.equal(checkPieces(seed.text).length, 1);
});
