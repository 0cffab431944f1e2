// `npm run bench`: builds the page, takes every native and browser figure in one run (so ratios
// compare like with like on this noisy machine), keeps the raw results (bench/results.json) and
// writes BENCHMARKS.md.
//
//   node bench/run.mjs                 full run (~10–15 min on 2 cores), writes BENCHMARKS.md
//   node bench/run.mjs --quick         short windows and few iterations, to try the scripts;
//                                      writes target/bench/BENCHMARKS.quick.md instead
//   node bench/run.mjs --no-build      use dist/ as it is
//   node bench/run.mjs --from=FILE     re-render a report from saved results (no measuring)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { root } from '../scripts/paths.mjs';
import { browserBench } from './browser.mjs';
import { machine, parallelCapacity } from './inputs.mjs';
import { native } from './native.mjs';
import { renderReport } from './report.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const from = (args.find((a) => a.startsWith('--from=')) || '').slice('--from='.length);
const outDir = join(root, 'target', 'bench');
const log = (message) => console.error(`[bench] ${message}`);
const load = () => loadavg().map((l) => Number(l.toFixed(2)));

async function measure() {
  const started = new Date();
  if (!args.includes('--no-build')) {
    log('npm run build (the page and wasm measured are the ones the sources give now)');
    execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const git = (a) => execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim();
  const results = {
    quick,
    started: started.toISOString(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: git(['status', '--porcelain', '--untracked-files=no', '--', 'crates', 'www', 'bench']) !== '',
    machine: machine(),
    loadAverage: { start: load() },
  };
  log('parallel capacity (busy loop on 1 thread vs one per core)');
  results.machine.parallel = await parallelCapacity();
  results.native = native({ quick });
  results.loadAverage.afterNative = load();
  results.browser = await browserBench({ quick });
  results.machine.chromium = results.browser.chromium;
  results.loadAverage.end = load();
  results.seconds = (Date.now() - started.getTime()) / 1000;
  return results;
}

const results = from ? JSON.parse(readFileSync(from, 'utf8')) : await measure();
mkdirSync(outDir, { recursive: true });
if (!from) {
  // A full run's raw results are kept next to the script, so BENCHMARKS.md can be checked.
  const saved = quick ? join(outDir, 'results.quick.json') : join(root, 'bench', 'results.json');
  writeFileSync(saved, `${JSON.stringify(results, null, 2)}\n`);
  log(`raw results: ${saved}`);
}
const report = results.quick ? join(outDir, 'BENCHMARKS.quick.md') : join(root, 'BENCHMARKS.md');
writeFileSync(report, renderReport(results));
log(`wrote ${report}${results.seconds ? ` (run took ${Math.round(results.seconds)} s)` : ''}`);
