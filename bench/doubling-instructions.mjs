// Issue 14's doubling test counted in instructions, not time: each input class of
// crates/nianbao_core/benches/doubling.rs at the same four sizes, checked once (check + the
// contract JSON) under valgrind's cachegrind, less the instructions that only build the input.
// An instruction count does not move with the machine's load, so the growth per doubling it
// shows is the work's own (a quadratic step shows as 4×); it does not see cache misses, which the
// timed bench does.
//
//   node bench/doubling-instructions.mjs            (needs valgrind; about 3 minutes)
import { execFileSync, spawnSync } from 'node:child_process';
import { root } from '../scripts/paths.mjs';

const SIZES = [256 << 10, 512 << 10, 1 << 20, 2 << 20];
const LIMIT = 2.3;
const CLASSES = ['prose', 'national', 'old', 'percent', 'glued', 'dense-1-space', 'dense-1-newline',
  'dense-tab', 'dense-pipe', 'one-long-line'];

if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('valgrind is not installed (apt-get install valgrind)');
  process.exit(1);
}

const built = execFileSync('cargo', ['bench', '-p', 'nianbao_core', '--bench', 'doubling', '--no-run',
  '--message-format=json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const bench = built.split('\n').filter(Boolean).map((line) => JSON.parse(line))
  .find((m) => m.reason === 'compiler-artifact' && m.target?.name === 'doubling' && m.executable)?.executable;
if (!bench) throw new Error('cargo did not report the doubling bench executable');

/** Instructions executed by the bench binary for one class and size. */
function instructions(klass, size, buildOnly) {
  const args = ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', bench,
    '--count', klass, String(size), ...(buildOnly ? ['--build-only'] : [])];
  const run = spawnSync('valgrind', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const found = /I\s+refs:\s+([\d,]+)/.exec(run.stderr);
  if (run.status !== 0 || !found) throw new Error(`valgrind ${klass} ${size}: ${run.stderr.slice(-500)}`);
  return Number(found[1].replaceAll(',', ''));
}

console.log(`doubling, counted: instructions of check + JSON (less building the input) per size; growth per doubling (limit ${LIMIT}×)`);
let worst = 0;
for (const klass of CLASSES) {
  const counts = SIZES.map((size) => instructions(klass, size, false) - instructions(klass, size, true));
  const growth = counts.slice(1).map((n, i) => n / counts[i]);
  const max = Math.max(...growth);
  worst = Math.max(worst, max);
  const shown = counts.map((n) => `${(n / 1e6).toFixed(1)} M`).join(' / ');
  console.log(`${klass.padEnd(16)} ${shown}  growth ${growth.map((g) => `${g.toFixed(2)}×`).join(' ')}  ${max <= LIMIT ? 'ok' : 'OVER'}`);
}
console.log(`worst growth per doubling: ${worst.toFixed(2)}× (limit ${LIMIT}×)`);
