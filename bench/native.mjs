// Native figures: criterion estimates per report (check, the memchr line scan of the same bytes,
// check + contract JSON for the seeds, 10 KB–10 MB scaling), the time of each pipeline step
// (examples/stages.rs), the release CLI over 1,000 reports on every core and on one, and the
// CLI's peak memory on a 10 MB input.
// Usage: node bench/native.mjs [--quick]   (prints JSON; bench/run.mjs runs it with the browser part)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { root } from '../scripts/paths.mjs';
import { SCALING_SIZES, fixtures, median, pdfInputs, scaledText } from './inputs.mjs';

const criterionDir = join(root, 'target', 'criterion');
const cli = join(root, 'target', 'release', 'nianbao');
const log = (message) => console.error(`[bench:native] ${message}`);

function cargo(args, env = {}) {
  return execFileSync('cargo', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'inherit'], });
}

/** A criterion estimate, in nanoseconds per iteration (the median of the samples). */
function estimate(group, id) {
  const file = join(criterionDir, group, id, 'new', 'estimates.json');
  return JSON.parse(readFileSync(file, 'utf8')).median.point_estimate;
}

/** The bytes criterion measured for an id, to prove the scaling inputs match the browser's. */
function measuredBytes(group, id) {
  const file = join(criterionDir, group, id, 'new', 'benchmark.json');
  return JSON.parse(readFileSync(file, 'utf8')).throughput.Bytes;
}

function criterion({ quick }) {
  // Stale estimates from an older run must never be read as this run's.
  for (const group of ['check', 'line_scan', 'contract', 'scaling']) rmSync(join(criterionDir, group), { recursive: true, force: true });
  // Short windows keep the whole run near ten minutes on two cores; the machine's noise is larger
  // than what longer windows would remove, which is why ratios are taken within one run.
  const [warm, measure] = quick ? ['0.2', '0.5'] : ['1', '2'];
  log(`cargo bench (warm-up ${warm} s, measurement ${measure} s per benchmark)`);
  cargo(['bench', '-q', '-p', 'nianbao_core', '--bench', 'check', '--',
    '--noplot', '--warm-up-time', warm, '--measurement-time', measure]);
  const reports = fixtures().map(({ set, name, bytes }) => {
    const check = estimate('check', name);
    const lineScan = estimate('line_scan', name);
    const contract = set === 'seeds' ? estimate('contract', name) : null;
    return { set, name, bytes, checkNs: check, lineScanNs: lineScan, contractNs: contract };
  });
  const scaling = SCALING_SIZES.map((size) => {
    const bytes = measuredBytes('scaling', String(size));
    const expected = Buffer.byteLength(scaledText(size));
    if (bytes !== expected) throw new Error(`scaling/${size}: criterion measured ${bytes} bytes, bench/inputs.mjs builds ${expected}`);
    return { size, bytes, ns: estimate('scaling', String(size)) };
  });
  return { warmUpSeconds: Number(warm), measurementSeconds: Number(measure), reports, scaling };
}

/** Median nanoseconds of each step of check, per report (examples/stages.rs --json). */
function stages({ quick }) {
  log('cargo run --example stages');
  const out = cargo(['run', '-q', '--release', '-p', 'nianbao_core', '--example', 'stages', '--',
    '--json', '--iterations', quick ? '20' : '300', ...fixtures().map((f) => f.path)]);
  return JSON.parse(out).map((row) => ({ ...row, path: relative(root, row.path), name: basename(row.path, '.txt') }));
}

/** Check + JSON over the fixtures round robin against each fixture many times in a row. */
function orders({ quick }) {
  log('cargo run --example stages -- --orders');
  const out = cargo(['run', '-q', '--release', '-p', 'nianbao_core', '--example', 'stages', '--',
    '--orders', quick ? '4' : '40', ...fixtures().map((f) => f.path)]);
  return JSON.parse(out);
}

function timeRun(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cli, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // 1 means "a report has errors" (most fixtures do); anything else is a failure.
  if (r.status !== 0 && r.status !== 1) throw new Error(`nianbao ${args.join(' ')} exited ${r.status}`);
  return seconds;
}

/** 1,000 reports (the fixtures round robin) through the release CLI, on every core and on one. */
function batch({ quick }) {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-batch-'));
  try {
    const list = fixtures();
    let bytes = 0;
    for (let i = 0; i < 1000; i++) {
      const f = list[i % list.length];
      writeFileSync(join(dir, `${String(i).padStart(4, '0')}-${f.name}.txt`), f.text);
      bytes += f.bytes;
    }
    const args = ['check', '--format', 'json', dir];
    timeRun(args); // warms the page cache and the binary
    const runs = quick ? 2 : 7;
    log(`CLI batch: ${runs} runs on every core, ${runs} on one`);
    const all = Array.from({ length: runs }, () => timeRun(args));
    const one = Array.from({ length: runs }, () => timeRun(['check', '--jobs', '1', '--format', 'json', dir]));
    return { reports: 1000, bytes, cores: cpus().length, secondsAllCores: median(all), secondsOneThread: median(one), runsAll: all, runsOne: one };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Maximum resident set of the CLI (GNU time) checking a 10 MB text, and of an empty one. */
function memory() {
  if (!existsSync('/usr/bin/time')) return null;
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-big-'));
  try {
    const peak = (file) => {
      const r = spawnSync('/usr/bin/time', ['-f', '%M %e', cli, 'check', '--format', 'json', file],
        { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
      const [kb, seconds] = r.stderr.trim().split(/\s+/).slice(-2).map(Number);
      return { rssBytes: kb * 1024, seconds };
    };
    const big = join(dir, 'big.txt');
    writeFileSync(big, scaledText(10_000_000));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    log('peak memory on 10 MB');
    const inputBytes = Buffer.byteLength(readFileSync(big));
    return { inputBytes, ...peak(big), baselineRssBytes: peak(empty).rssBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reading a ≈50 KB .docx and a long portal article (crates/nianbao_doc/benches/read.rs). */
export function documents({ quick }) {
  rmSync(join(criterionDir, 'read'), { recursive: true, force: true });
  const [warm, measure] = quick ? ['0.2', '0.5'] : ['1', '2'];
  log('cargo bench -p nianbao_doc (reading .docx and HTML)');
  cargo(['bench', '-q', '-p', 'nianbao_doc', '--bench', 'read', '--', '--noplot', '--warm-up-time', warm, '--measurement-time', measure]);
  return ['docx_50k', 'html_article_200k'].map((id) => ({ id, bytes: measuredBytes('read', id), ns: estimate('read', id) }));
}

/**
 * PDFs read into the text view, and read and checked (crates/nianbao_pdf/benches/read.rs), and
 * the release CLI on the 300-page PDF (too slow per iteration for criterion's samples).
 */
export function pdf({ quick }) {
  rmSync(join(criterionDir, 'pdf'), { recursive: true, force: true });
  const [warm, measure] = quick ? ['0.2', '0.5'] : ['1', '2'];
  const inputs = pdfInputs();
  const extra = inputs.filter((p) => p.name === 'fixture_x3_6_pages');
  log('cargo bench -p nianbao_pdf (reading and checking PDFs)');
  execFileSync('cargo', ['bench', '-q', '-p', 'nianbao_pdf', '--bench', 'read', '--', '--noplot', '--warm-up-time', warm, '--measurement-time', measure],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NIANBAO_BENCH_PDFS: extra.map((p) => `${p.name}=${p.path}`).join(';') } });
  const ids = ['fixture_report', 'fixture_report_aes256', 'huaian_6_pages', ...extra.map((p) => p.name)];
  const criterionRows = ids.filter((id) => existsSync(join(criterionDir, 'pdf', `read_and_check_${id}`))).map((id) => ({
    id,
    bytes: (inputs.find((p) => p.name === id) || { bytes: { length: null } }).bytes.length,
    readNs: estimate('pdf', `read_${id}`),
    readAndCheckNs: estimate('pdf', `read_and_check_${id}`),
  }));
  const big = inputs.find((p) => p.name === 'fixture_x150_300_pages');
  let cli300 = null;
  if (big) {
    const runs = Array.from({ length: quick ? 1 : 3 }, () => timeRun(['check', '--format', 'json', big.path]));
    cli300 = { pages: big.pages, bytes: big.bytes.length, seconds: median(runs), runs };
  }
  return { criterion: criterionRows, cli300 };
}

export function native({ quick = false } = {}) {
  log('cargo build --release -p nianbao_cli');
  cargo(['build', '-q', '--release', '-p', 'nianbao_cli']);
  return { criterion: criterion({ quick }), documents: documents({ quick }), pdf: pdf({ quick }), stages: stages({ quick }), orders: orders({ quick }), batch: batch({ quick }), memory: memory() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(native({ quick: process.argv.includes('--quick') }), null, 2));
}
