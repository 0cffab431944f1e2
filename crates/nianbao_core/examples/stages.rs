//! Where the time of one check goes: runs the steps of `check_with_previous` one by one (same
//! order, same inputs) many times per report and prints the median of each step, plus the
//! contract JSON the CLI and the page print. `bench/run.mjs` reads `--json` for BENCHMARKS.md.
//!
//! Usage: cargo run --release -p nianbao_core --example stages -- [--json] [--iterations N] FILE...
//!
//! With `--orders`, it instead times check + JSON over all the files in two orders, the same
//! work in each: round robin (every file once per round, like a batch of different reports)
//! and each file many times in a row (like criterion). The difference is what a report costs
//! for being new to the CPU's branch predictors and caches.
//!
//! The steps are copied from `lib.rs`; the run asserts that they produce exactly the
//! diagnostics `check` does, so a change to the pipeline fails loudly here instead of
//! silently timing something else.

use std::hint::black_box;
use std::time::Instant;

use nianbao_core::{
    findings, parse, prose, relations, repair, rules, text, Checked, PositionEncoding,
};

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
    let report = &parsed.report;
    let mut findings = findings::Findings {
        parse: parsed.diagnostics,
        ..findings::Findings::default()
    };
    let instances = relations::instance::instances(report);
    findings.rules = rules::check(text, report, &instances);
    lap(2);
    let prose = prose::read(text, report);
    lap(3);
    let repairs = repair::search(report, &instances, &prose::evidence(&prose));
    let advice = repair::advice(report, &repairs);
    lap(4);
    let support = prose::check(text, report, &prose, repairs.first(), &mut findings.prose);
    prose::sums::check(&prose.stream, &mut findings.prose);
    lap(3);
    let diagnostics = findings::assemble(report, findings, advice.as_ref(), &support);
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

/// Check + JSON (byte offsets, as the CLI prints) of one text.
fn check_and_print(text: &str) {
    let checked = nianbao_core::check(black_box(text));
    black_box(nianbao_core::to_json(
        &checked,
        text,
        PositionEncoding::Utf8,
    ));
}

/// Seconds for `rounds` checks of every text, round robin and then one text after another,
/// alternating the two orders five times and keeping each one's fastest.
fn orders(texts: &[String], rounds: usize) -> (f64, f64) {
    let time = |run: &dyn Fn()| {
        let start = Instant::now();
        run();
        start.elapsed().as_secs_f64()
    };
    let round_robin = || {
        for _ in 0..rounds {
            texts.iter().for_each(|t| check_and_print(t));
        }
    };
    let one_after_another = || {
        for t in texts {
            (0..rounds).for_each(|_| check_and_print(t));
        }
    };
    let (mut best_rr, mut best_seq) = (f64::MAX, f64::MAX);
    for _ in 0..5 {
        best_rr = best_rr.min(time(&round_robin));
        best_seq = best_seq.min(time(&one_after_another));
    }
    (best_rr, best_seq)
}

fn main() {
    let mut json = false;
    let mut order_rounds = None;
    let mut iterations = 200;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--orders" => order_rounds = args.next().and_then(|n| n.parse().ok()),
            "--iterations" => iterations = args.next().and_then(|n| n.parse().ok()).unwrap_or(200),
            _ => files.push(arg),
        }
    }
    if let Some(rounds) = order_rounds {
        let texts: Vec<String> = files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        let bytes: usize = texts.iter().map(String::len).sum::<usize>() * rounds;
        let (round_robin, one_after_another) = orders(&texts, rounds);
        println!(
            "{{\"rounds\":{rounds},\"bytes\":{bytes},\"roundRobinSeconds\":{round_robin},\"oneAfterAnotherSeconds\":{one_after_another}}}"
        );
        return;
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
