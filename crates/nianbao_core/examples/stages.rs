//! Where the time of one check goes: runs the steps of `check_with_previous` one by one (same
//! order, same inputs) many times per report and prints the median of each step, plus the
//! contract JSON the CLI and the page print. `bench/run.mjs` reads `--json` for BENCHMARKS.md.
//!
//! Usage: cargo run --release -p nianbao_core --example stages -- [--json] [--iterations N] FILE...
//!
//! The steps are copied from `lib.rs`; the run asserts that they produce exactly the
//! diagnostics `check` does, so a change to the pipeline fails loudly here instead of
//! silently timing something else.

use std::hint::black_box;
use std::time::Instant;

use nianbao_core::{diagnostic, parse, prose, repair, rules, text, Checked, PositionEncoding};

/// Step names, in pipeline order; `tokenize` is the first part of `parse`, timed apart.
const STEPS: [&str; 7] = [
    "tokenize", "parse", "rules", "prose", "repairs", "sort", "json",
];

/// One pass over the pipeline; returns each step's nanoseconds and the result.
fn pass(text: &str) -> ([u64; 7], Checked) {
    let mut ns = [0u64; 7];
    let mut clock = Instant::now();
    let mut lap = |i: usize| {
        let now = Instant::now();
        ns[i] += (now - clock).as_nanos() as u64;
        clock = now;
    };
    // The tokenizer again on its own: `parse` runs it first, so its share is known.
    black_box(text::scan::scan(black_box(text)));
    lap(0);
    let parsed = parse::parse(text);
    lap(1);
    let mut diagnostics = parsed.diagnostics;
    let report = &parsed.report;
    let instances = rules::relation::instances(report);
    diagnostics.extend(rules::check(text, report, &instances));
    lap(2);
    let prose = prose::read(text, report);
    lap(3);
    let repairs = repair::search(report, &instances, &prose::evidence(&prose));
    repair::annotate(report, &mut diagnostics, &repairs);
    lap(4);
    prose::check(text, report, &prose, repairs.first(), &mut diagnostics);
    prose::sums::check(&prose.stream, &mut diagnostics);
    lap(3);
    diagnostic::sort(&mut diagnostics);
    lap(5);
    drop(instances);
    let checked = Checked {
        report: parsed.report,
        diagnostics,
        repairs,
    };
    black_box(nianbao_core::to_json(
        &checked,
        text,
        PositionEncoding::Utf16,
    ));
    lap(6);
    (ns, checked)
}

fn median(mut xs: Vec<u64>) -> u64 {
    xs.sort_unstable();
    xs[xs.len() / 2]
}

fn main() {
    let mut json = false;
    let mut iterations = 200;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--iterations" => iterations = args.next().and_then(|n| n.parse().ok()).unwrap_or(200),
            _ => files.push(arg),
        }
    }
    let mut rows = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let (_, checked) = pass(&text);
        assert_eq!(
            checked.diagnostics,
            nianbao_core::check(&text).diagnostics,
            "{path}: the steps here no longer match check(); update them from lib.rs"
        );
        let mut samples: Vec<Vec<u64>> = vec![Vec::new(); STEPS.len()];
        for _ in 0..iterations {
            let (ns, _) = pass(&text);
            for (s, v) in samples.iter_mut().zip(ns) {
                s.push(v);
            }
        }
        let medians: Vec<u64> = samples.into_iter().map(median).collect();
        rows.push((path.clone(), text.len(), medians));
    }
    if json {
        let items: Vec<String> = rows
            .iter()
            .map(|(path, bytes, m)| {
                let steps: Vec<String> = STEPS
                    .iter()
                    .zip(m)
                    .map(|(name, ns)| format!("\"{name}\":{ns}"))
                    .collect();
                format!(
                    "{{\"path\":{path:?},\"bytes\":{bytes},\"ns\":{{{}}}}}",
                    steps.join(",")
                )
            })
            .collect();
        println!("[{}]", items.join(","));
        return;
    }
    println!("median µs per step ({iterations} runs); parse includes its own tokenize");
    println!(
        "{:>7} {}  file",
        "bytes",
        STEPS.map(|s| format!("{s:>9}")).join("")
    );
    for (path, bytes, m) in rows {
        let cols: String = m
            .iter()
            .map(|ns| format!("{:>9.1}", *ns as f64 / 1e3))
            .collect();
        println!("{bytes:>7} {cols}  {path}");
    }
}
