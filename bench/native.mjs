// Native figures for BENCHMARKS.md: criterion estimates per report and for the memchr line
// scan of the same bytes, the 10 KB–10 MB scaling run, the CLI batch over 1,000 reports and
// peak memory on a 10 MB input. Everything in one run, so ratios compare like with like.
// Usage: node bench/native.mjs  (prints JSON; bench/report.mjs writes BENCHMARKS.md)

import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"], ...opts }).toString();

function criterion(group, name) {
  const file = join(root, "target/criterion", group, name, "new/estimates.json");
  const estimates = JSON.parse(readFileSync(file, "utf8"));
  return estimates.median.point_estimate; // nanoseconds
}

function fixtures() {
  const out = [];
  for (const folder of ["seeds", "corpus"]) {
    const dir = join(root, "tests/fixtures", folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
      out.push({ name: file.replace(/\.txt$/, ""), path: join(dir, file), bytes: statSync(join(dir, file)).size });
    }
  }
  return out;
}

export function native() {
  run("cargo", ["bench", "-q", "-p", "nianbao_core", "--bench", "check", "--", "--noplot"]);
  const reports = fixtures().map((f) => {
    const check = criterion("check", f.name);
    const scan = criterion("line_scan", f.name);
    return { ...f, check_ns: check, line_scan_ns: scan, ratio_to_line_scan: check / scan };
  });
  const scaling = [10_000, 100_000, 1_000_000, 10_000_000].map((size) => {
    const ns = criterion("scaling", String(size));
    return { bytes: size, ns, mb_per_s: size / 1e6 / (ns / 1e9) };
  });

  // Batch: 1,000 reports (the fixtures, round robin) through the release CLI on every core.
  run("cargo", ["build", "-q", "--release", "-p", "nianbao_cli"]);
  const cli = join(root, "target/release/nianbao");
  const dir = mkdtempSync(join(tmpdir(), "nianbao-batch-"));
  const list = fixtures();
  let batchBytes = 0;
  for (let i = 0; i < 1000; i++) {
    const f = list[i % list.length];
    cpSync(f.path, join(dir, `${String(i).padStart(4, "0")}-${f.name}.txt`));
    batchBytes += f.bytes;
  }
  const runs = [];
  for (let k = 0; k < 5; k++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(cli, ["check", "--format", "json", dir], { stdio: ["ignore", "ignore", "inherit"] });
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (r.status !== 0 && r.status !== 1) throw new Error(`batch run failed: ${r.status}`);
  }
  runs.sort((a, b) => a - b);
  const seconds = runs[Math.floor(runs.length / 2)];
  const cores = cpus().length;
  rmSync(dir, { recursive: true, force: true });

  // Peak memory on a 10 MB input (GNU time's maximum resident set size).
  const big = join(mkdtempSync(join(tmpdir(), "nianbao-big-")), "big.txt");
  const all = list.map((f) => readFileSync(f.path, "utf8")).join("\n");
  let text = "";
  while (text.length * 3 < 10_000_000) text += all;
  writeFileSync(big, text);
  const bigBytes = statSync(big).size;
  const timed = spawnSync("/usr/bin/time", ["-f", "%M %e", cli, "check", "--format", "json", big], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  const [kb, elapsed] = timed.stderr.trim().split(/\s+/).slice(-2).map(Number);

  return {
    machine: machine(),
    reports,
    scaling,
    batch: { reports: 1000, bytes: batchBytes, seconds, cores, mb_per_s: batchBytes / 1e6 / seconds, mb_per_s_per_core: batchBytes / 1e6 / seconds / cores },
    memory: { input_bytes: bigBytes, peak_rss_bytes: kb * 1024, ratio: (kb * 1024) / bigBytes, seconds: elapsed },
  };
}

function machine() {
  const lscpu = spawnSync("lscpu", { encoding: "utf8" }).stdout || "";
  const model = (lscpu.match(/Model name:\s*(.+)/) || [])[1] || "unknown CPU";
  return { cpu: model.trim(), cores: cpus().length, rustc: run("rustc", ["--version"]).trim(), node: process.version };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(native(), null, 2));
}
