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

export function check(text, previous) {
  return JSON.parse(glue.checkReport(text, previous));
}

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
