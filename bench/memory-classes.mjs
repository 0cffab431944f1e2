// Peak memory per hostile input class (issue 14), in wasm and for the native CLI, as a
// multiple of the input's UTF-8 bytes. The classes are built as
// crates/nianbao_core/tests/common/input_classes.rs builds them (a unit repeated to a size).
//
//   node bench/memory-classes.mjs wasm [MiB...]   linear memory after one checkReport, a fresh
//                                                 instance per input (default 2 4)
//   node bench/memory-classes.mjs cli [MiB...]    peak RSS of `target/release/nianbao check
//                                                 --format json FILE` (default 2 4 8); in
//                                                 brackets, less the peak RSS the same command
//                                                 has on a one-line report
//
// wasm needs `npm run build` (dist/nianbao_bg.wasm, glue www/build/wasm/nianbao.js); cli needs
// `cargo build --release -p nianbao_cli`. wasm memory never shrinks, so its size after the
// check is the most the module held.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../scripts/paths.mjs';

const seedsDir = join(root, 'tests/fixtures/seeds');
const seed = (prefix) =>
  readFileSync(join(seedsDir, readdirSync(seedsDir).find((f) => f.startsWith(prefix))), 'utf8');

/** [class, head, unit], as `classes()` in input_classes.rs. */
export function classes() {
  const s000 = seed('000');
  const s002 = seed('002');
  const s003 = seed('003');
  const lines = s003.split('\n').map((l) => l.replace(/\r$/, ''));
  const tableAt = lines.findIndex((l) => l.startsWith('统计指标'));
  const oldTable = lines.slice(tableAt, tableAt + 60).join('\n') + '\n';
  const beforeTable = s003.slice(0, s003.indexOf('统计指标'));
  const pctAt = lines.findIndex((l) => l.startsWith('公开渠道、方式'));
  const percent = lines.slice(pctAt, pctAt + 5).join('\n') + '\n';
  const prose = lines.find((l) => l.startsWith('2017 年，全市主动公开')) + '\n';
  const glued = s002.replaceAll('0 0 0 0 0 0 0 0 0 0 0 0 0 0 0', '123456789'.repeat(7));
  return [
    ['prose', '', prose],
    ['national', '', s000],
    ['old', beforeTable, oldTable],
    ['percent', '', percent],
    ['glued', '', glued],
    ['dense-1-space', '', '1 '],
    ['dense-1-newline', '', '1\n'],
    ['dense-tab', '', '\t'],
    ['dense-pipe', '', '|'],
    ['one-long-line', '', s000.replaceAll('\n', ' ')],
  ];
}

/** `head`, then `unit` repeated to about `size` bytes (as `build()` in input_classes.rs). */
export function build(head, unit, size) {
  const headBytes = Buffer.byteLength(head);
  const n = Math.max(1, Math.floor(Math.max(0, size - headBytes) / Buffer.byteLength(unit)));
  return head + unit.repeat(n);
}

let fresh = 0;
async function wasmRatio(text) {
  // A query string makes a new module instance, so each input gets a fresh wasm memory.
  const glue = await import(`${pathToFileURL(join(root, 'www/build/wasm/nianbao.js'))}?${fresh++}`);
  const wasm = glue.initSync({ module: readFileSync(join(root, 'dist/nianbao_bg.wasm')) });
  // As the page's engine calls it: the result handed out in pieces (www/src/engine.ts).
  const pieces = [];
  globalThis.nianbaoJsonPiece = (piece) => pieces.push(piece);
  pieces.push(glue.checkReport(text));
  if (!JSON.parse(pieces.join('')).report) throw new Error('no result');
  return wasm.memory.buffer.byteLength / Buffer.byteLength(text);
}

/** Peak RSS in bytes of `nianbao check --format json` on `text`. */
function cliPeak(text, dir) {
  const file = join(dir, 'input.txt');
  writeFileSync(file, text);
  const bin = join(root, 'target/release/nianbao');
  const r = spawnSync('/usr/bin/time', ['-f', '%M', bin, 'check', '--format', 'json', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  return Number(r.stderr.trim().split('\n').pop()) * 1024;
}

/** The process's own: the lowest peak RSS of five runs on a one-line report (the binary's and
 * libc's pages, the allocator's first pages), the same whatever the input. */
function cliFixed(dir) {
  return Math.min(...[1, 2, 3, 4, 5].map(() => cliPeak('x\n', dir)));
}

async function main() {
  const [mode = 'wasm', ...sizes] = process.argv.slice(2);
  const mib = sizes.length ? sizes.map(Number) : mode === 'cli' ? [2, 4, 8] : [2, 4];
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-mem-'));
  try {
    console.log(`${mode}: peak ÷ input at ${mib.join(' / ')} MiB`);
    // The CLI's peak RSS counts the process's own pages too; the input's share is the peak
    // less them (shown after the whole peak's ratio).
    const fixed = mode === 'cli' ? cliFixed(dir) : 0;
    if (mode === 'cli') console.log(`(peak RSS of a one-line report: ${(fixed / 1024).toFixed(0)} KiB)`);
    for (const [name, head, unit] of classes()) {
      const ratios = [];
      for (const m of mib) {
        const text = build(head, unit, m << 20);
        const bytes = Buffer.byteLength(text);
        if (mode === 'cli') {
          const peak = cliPeak(text, dir);
          ratios.push(`${(peak / bytes).toFixed(1)} (${((peak - fixed) / bytes).toFixed(1)})`);
        } else {
          ratios.push((await wasmRatio(text)).toFixed(1));
        }
      }
      console.log(`${name.padEnd(16)} ${ratios.join(' / ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
