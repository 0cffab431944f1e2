// What the browser tests compare the page with: the fixture texts, and the contract computed in
// node by the same shipped wasm (so a page that draws something else fails).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { paths } from '../../scripts/paths.mjs';

const glue = await import(pathToFileURL(paths.glue).href);
await glue.default({ module_or_path: readFileSync(paths.distWasm) });

/** The five seeds in file order: { id: '000', file, text }. */
export const seeds = readdirSync(paths.seeds).filter((f) => f.endsWith('.txt')).sort()
  .map((file) => ({ id: file.slice(0, 3), file, text: readFileSync(join(paths.seeds, file), 'utf8') }));

/** A textarea normalizes line breaks to \n; spans in the page are offsets into that value. */
export const asTextarea = (text) => text.replace(/\r\n?/g, '\n');

/** The checker's result; with a document's `outline` (the documents module's), read from its cells. */
export function check(text, previous, outline) {
  pieces = [];
  const last = glue.checkReport(text, previous, outline);
  return JSON.parse(pieces.join('') + last);
}

// checkReport hands all of its result but the last piece to this global (crates/nianbao_wasm).
let pieces = [];
globalThis.nianbaoJsonPiece = (piece) => pieces.push(piece);

export const catalogue = JSON.parse(glue.ruleCatalogue());


/** Encodes text as GBK bytes, using the runtime's GBK decoder to build the table (node has ICU). */
export function encodeGbk(text) {
  const decoder = new TextDecoder('gbk');
  const table = new Map();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  const bytes = [];
  for (const char of text) {
    const code = char.codePointAt(0);
    if (code < 0x80) bytes.push(code);
    else if (table.has(char)) bytes.push(...table.get(char));
    else throw new Error(`not in GBK: U+${code.toString(16)}`);
  }
  return Buffer.from(bytes);
}

/** "230830000" shifted by -4 → "23083": exact decimal shifting for the money oracle. */
function shift(value, by) {
  const [whole, fraction = ''] = value.split('.');
  let digits = whole + fraction;
  let point = whole.length + by;
  while (point > digits.length) digits += '0';
  while (point < 1) { digits = `0${digits}`; point++; }
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/**
 * What a drawn cell's value should read: counts as digits, placeholders as printed, and money of
 * tables 二–四 in the unit the report printed (万元 when its text says 万 or its number is the value
 * in 万元) with digit grouping.
 */
export function shownValue(path, cell) {
  if (cell.value === null) return cell.text;
  if (typeof cell.value !== 'string' || !/^t[234]\./.test(path)) return String(cell.value);
  // Printed in 万元: the text says 万, or its number is the value in 万元 (the official tables' unit).
  const printed = cell.text.replace(/[^\d.]/g, '');
  const wan = /万/.test(cell.text) || (printed !== '' && shift(printed, 4) === shift(cell.value, 0) && shift(cell.value, 0) !== '0');
  const amount = wan ? shift(cell.value, -4) : cell.value;
  const [int, frac] = amount.split('.');
  return int.replace(/\B(?=(\d{3})+$)/g, ',') + (frac ? `.${frac}` : '');
}

/**
 * The cells the page should colour as errors: of each error's cells, those the first repair
 * changes and those at the error's own place or its labels' places; all its cells when none is.
 */
export function errorCells(result) {
  const repair = result.repairs[0] ? result.repairs[0].changes : {};
  const marked = new Set();
  for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
    const named = new Set([d.span, ...d.labels.map((l) => l.span)].map((s) => s.join(':')));
    const some = d.cells.filter((path) => {
      const cell = result.report.cells[path];
      return path in repair || (cell && named.has(cell.span.join(':')));
    });
    for (const path of some.length ? some : d.cells) marked.add(path);
  }
  return marked;
}
