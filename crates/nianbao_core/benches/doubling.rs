//! Doubling tests (issue 14): each input class at sizes doubling from 256 KB, check + the
//! contract JSON, and the growth ratio per doubling — it must stay ≤ 2.3× (linear work; a
//! quadratic step shows as 4×). Classes: prose, national tables, pre-2019 tables,
//! 数量/百分比 tables, glued digit runs, dense numbers ("1 ", "1\n", TABs, "|"), one long line.
//!
//! `cargo bench -p nianbao_core --bench doubling` runs the criterion group (per-size
//! estimates) and then prints the ratio table (fastest of 7 runs per size) that
//! BENCHMARKS.md quotes. `-- --ratios` prints only the table.
//!
//! `-- --count CLASS BYTES [--build-only]` builds one input and checks it once, for
//! `bench/doubling-instructions.mjs`, which counts the instructions under valgrind: a count
//! that, unlike time on a shared machine, does not move with the load.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use nianbao_core::PositionEncoding;

#[path = "../tests/common/input_classes.rs"]
mod input_classes;
use input_classes::{build, classes};

const SIZES: [usize; 4] = [256 << 10, 512 << 10, 1 << 20, 2 << 20];
const LIMIT: f64 = 2.3;

fn work(text: &str) -> usize {
    let checked = nianbao_core::check(text);
    nianbao_core::to_json(&checked, text, PositionEncoding::Utf16).len()
}

fn fastest(text: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(work(black_box(text)));
            start.elapsed()
        })
        .min()
        .unwrap()
}

fn ratios() {
    println!("\ndoubling: check + JSON, fastest of 7 runs per size; growth per doubling (limit {LIMIT}×)");
    let mut worst: f64 = 0.0;
    for (class, head, unit) in classes() {
        let times: Vec<Duration> = SIZES
            .iter()
            .map(|&size| fastest(&build(&head, &unit, size), 7))
            .collect();
        let growth: Vec<f64> = times
            .windows(2)
            .map(|w| w[1].as_secs_f64() / w[0].as_secs_f64().max(1e-9))
            .collect();
        let max = growth.iter().copied().fold(0.0, f64::max);
        worst = worst.max(max);
        let shown: Vec<String> = times
            .iter()
            .map(|t| format!("{:.1} ms", t.as_secs_f64() * 1e3))
            .collect();
        let growth_shown: Vec<String> = growth.iter().map(|g| format!("{g:.2}×")).collect();
        println!(
            "{class:<16} {}  growth {}  {}",
            shown.join(" / "),
            growth_shown.join(" "),
            if max <= LIMIT { "ok" } else { "OVER" }
        );
    }
    println!("worst growth per doubling: {worst:.2}× (limit {LIMIT}×)");
}

/// One input checked once (or only built), for an instruction count.
fn count_one(args: &[String]) {
    let at = args.iter().position(|a| a == "--count").unwrap();
    let (class, size) = (&args[at + 1], args[at + 2].parse::<usize>().unwrap());
    let (_, head, unit) = classes().into_iter().find(|c| c.0 == class).unwrap();
    let text = build(&head, &unit, size);
    if !args.iter().any(|a| a == "--build-only") {
        black_box(work(black_box(&text)));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--count") {
        return count_one(&args);
    }
    let only_ratios = std::env::args().any(|a| a == "--ratios");
    if !only_ratios {
        let mut c = Criterion::default()
            .sample_size(10)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2))
            .configure_from_args();
        let mut group = c.benchmark_group("doubling");
        for (class, head, unit) in classes() {
            for size in SIZES {
                let text = build(&head, &unit, size);
                group.throughput(Throughput::Bytes(text.len() as u64));
                group.bench_with_input(BenchmarkId::new(class, size >> 10), &text, |b, t| {
                    b.iter(|| work(black_box(t)))
                });
            }
        }
        group.finish();
        c.final_summary();
    }
    ratios();
}
