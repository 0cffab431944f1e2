//! Doubling tests (issue 14): each input class at sizes doubling from 256 KB, check + the
//! contract JSON, and the growth ratio per doubling — it must stay ≤ 2.3× (linear work; a
//! quadratic step shows as 4×). Classes: prose, national tables, pre-2019 tables,
//! 数量/百分比 tables, glued digit runs, dense numbers ("1 ", "1\n", TABs, "|"), one long line.
//!
//! `cargo bench -p nianbao_core --bench doubling` runs the criterion group (per-size
//! estimates) and then prints the ratio table (fastest of 7 runs per size) that
//! BENCHMARKS.md quotes. `-- --ratios` prints only the table.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use nianbao_core::PositionEncoding;

const SIZES: [usize; 4] = [256 << 10, 512 << 10, 1 << 20, 2 << 20];
const LIMIT: f64 = 2.3;

fn seed(prefix: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

/// (class, text before the repeated unit, unit).
fn classes() -> Vec<(&'static str, String, String)> {
    let s000 = seed("000");
    let s002 = seed("002");
    let s003 = seed("003");
    let lines: Vec<&str> = s003.lines().collect();
    let table_at = lines
        .iter()
        .position(|l| l.starts_with("统计指标"))
        .unwrap();
    let old_table = lines[table_at..table_at + 60].join("\n") + "\n";
    let before_table = s003[..s003.find("统计指标").unwrap()].to_string();
    let pct_at = lines
        .iter()
        .position(|l| l.starts_with("公开渠道、方式"))
        .unwrap();
    let percent = lines[pct_at..pct_at + 5].join("\n") + "\n";
    let prose = lines
        .iter()
        .find(|l| l.starts_with("2017 年，全市主动公开"))
        .unwrap()
        .to_string()
        + "\n";
    let glued = s002.replace("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", &"123456789".repeat(7));
    vec![
        ("prose", String::new(), prose),
        ("national", String::new(), s000.clone()),
        ("old", before_table, old_table),
        ("percent", String::new(), percent),
        ("glued", String::new(), glued),
        ("dense-1-space", String::new(), "1 ".into()),
        ("dense-1-newline", String::new(), "1\n".into()),
        ("dense-tab", String::new(), "\t".into()),
        ("dense-pipe", String::new(), "|".into()),
        ("one-long-line", String::new(), s000.replace('\n', " ")),
    ]
}

fn build(head: &str, unit: &str, size: usize) -> String {
    let n = (size.saturating_sub(head.len()) / unit.len()).max(1);
    let mut text = String::with_capacity(head.len() + unit.len() * n);
    text.push_str(head);
    for _ in 0..n {
        text.push_str(unit);
    }
    text
}

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

fn main() {
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
