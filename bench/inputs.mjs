// What every benchmark measures on, built the same way for native and browser runs so their
// figures divide: the fixture reports, the 10 KB–10 MB scaling texts, and the machine.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { paths, root } from '../scripts/paths.mjs';

/** Input sizes of the scaling run; the criterion group `scaling/<bytes>` uses the same list. */
export const SCALING_SIZES = [10_000, 100_000, 1_000_000, 10_000_000];

/** Seeds then corpus, each sorted by file name: the order benches/check.rs reads them in. */
export function fixtures() {
  return [['seeds', paths.seeds], ['corpus', paths.corpus]].flatMap(([set, dir]) =>
    readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((file) => {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      return { set, name: file.replace(/\.txt$/, ''), path, text, bytes: Buffer.byteLength(text) };
    }));
}

/**
 * Every fixture joined with "\n", repeated until `size` bytes, cut at the last character
 * boundary at or before `size` — byte for byte what `scaling()` in benches/check.rs builds.
 */
export function scaledText(size, all = fixtures().map((f) => f.text).join('\n')) {
  const unit = Buffer.from(all);
  const whole = Buffer.alloc(Math.ceil(size / unit.length) * unit.length);
  for (let at = 0; at < whole.length; at += unit.length) unit.copy(whole, at);
  let cut = Math.min(size, whole.length);
  while (cut > 0 && (whole[cut] & 0xc0) === 0x80) cut--; // a UTF-8 continuation byte
  return whole.subarray(0, cut).toString('utf8');
}

const firstLine = (command, args) => {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].trim() : null;
};

/** The machine the figures were taken on (Chromium's version is added by the browser run). */
export function machine() {
  const lscpu = spawnSync('lscpu', { encoding: 'utf8' }).stdout || '';
  const field = (name) => ((lscpu.match(new RegExp(`^${name}:\\s*(.+)$`, 'm')) || [])[1] || '').trim();
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const os = (osRelease.match(/^PRETTY_NAME="?([^"\n]+)"?/m) || [])[1] || process.platform;
  return {
    cpu: field('Model name') || (cpus()[0] && cpus()[0].model) || 'unknown',
    cores: cpus().length,
    hypervisor: field('Hypervisor vendor') || null,
    ramGiB: totalmem() / 2 ** 30,
    os: `${os}, Linux ${release()}`,
    rustc: firstLine('rustc', ['--version']),
    node: process.version,
  };
}

/** Median of a list of numbers (the upper one of the middle two for even lengths). */
export function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * How many cores' worth of work the machine really runs at once: the same busy loop on one
 * worker thread, then on one per core. A shared VM may list two cores but give little more
 * than one, and the batch's "per core" figure is only fair next to this.
 */
export async function parallelCapacity(loops = 3e8) {
  const { Worker } = await import('node:worker_threads');
  const source = `const { parentPort, workerData } = require('node:worker_threads');
    let x = 0; for (let i = 0; i < workerData; i++) x = (x * 31 + i) | 0;
    parentPort.postMessage(x);`;
  const run = async (threads) => {
    const start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: threads }, () => new Promise((resolve, reject) => {
      const worker = new Worker(source, { eval: true, workerData: loops });
      worker.once('message', resolve);
      worker.once('error', reject);
    })));
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  const threads = cpus().length;
  await run(1); // warm-up
  const one = median([await run(1), await run(1), await run(1)]);
  const all = median([await run(threads), await run(threads), await run(threads)]);
  return { threads, secondsOne: one, secondsAll: all, capacity: (threads * one) / all };
}

/** Filler for the batch reports: prose without numbers, as reports end (a few bytes per check). */
const FILLER = '本机关将继续加强政府信息公开工作，不断提升公开质量和实效，更好地服务人民群众。\n';

/**
 * The page's batch benchmark: `count` files of `bytes` bytes each. Seeds 000, 001, 002 and 004
 * (the 2019 format, year 2020) in turn, each under its own agency name, every agency twice —
 * its 2020 report and the same text as 2021 — so the batch holds count / 2 consecutive-year
 * pairs to cross-check; each text padded to `bytes` with a sentence of prose.
 */
export function batchReports(count = 100, bytes = 20_000) {
  const seeds = fixtures().filter((f) => f.set === 'seeds' && /^00[0124]_/.test(f.name));
  const agencies = { '000': '铁力市', '001': '虎林市', '002': '金林区', '004': '镜管委' };
  const first = '东南西北上下左右前后';
  const second = '山川河湖林田江海原岭';
  const out = [];
  for (let i = 0; i < count; i++) {
    const pair = Math.floor(i / 2);
    const seed = seeds[pair % seeds.length];
    const name = `${first[Math.floor(pair / 10) % 10]}${second[pair % 10]}县`;
    let text = seed.text.split(agencies[seed.name.slice(0, 3)]).join(name);
    if (i % 2) text = text.replace(/2020/g, '2021');
    while (Buffer.byteLength(text) < bytes) text += FILLER;
    const whole = Buffer.from(text);
    let end = bytes;
    while (end > 0 && (whole[end] & 0xc0) === 0x80) end--; // a UTF-8 continuation byte
    out.push({ name: `${name}${i % 2 ? 2021 : 2020}年度报告.txt`, text: whole.subarray(0, end).toString('utf8') });
  }
  return out;
}

/**
 * The PDFs the PDF benchmarks read (written to target/bench/pdf so criterion reads the same
 * files): the real 6-page huaian report when ../shared is present, a 6-page PDF of three copies
 * of the 2-page fixture report and a 300-page one of 150 copies (both made with qpdf, skipped
 * without it), and the 2-page fixture itself.
 */
export function pdfInputs() {
  const dir = join(root, 'target', 'bench', 'pdf');
  mkdirSync(dir, { recursive: true });
  const report = join(root, 'tests', 'fixtures', 'pdf', 'report.pdf');
  const list = [{ name: 'fixture_2_pages', pages: 2, path: report }];
  const real = join(root, '..', 'shared', 'corpus', 'originals', 'f2021_2024_huaian-shi.pdf');
  if (existsSync(real)) list.push({ name: 'huaian_6_pages', pages: 6, path: real });
  const qpdf = spawnSync('qpdf', ['--version']).status === 0;
  if (qpdf) {
    for (const [name, copies] of [['fixture_x3_6_pages', 3], ['fixture_x150_300_pages', 150]]) {
      const path = join(dir, `${name}.pdf`);
      if (!existsSync(path)) spawnSync('qpdf', ['--empty', '--pages', ...Array(copies).fill(report), '--', path]);
      list.push({ name, pages: copies * 2, path });
    }
  }
  return list.map((p) => ({ ...p, bytes: readFileSync(p.path) }));
}
