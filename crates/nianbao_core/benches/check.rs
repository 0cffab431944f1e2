//! Criterion benchmarks: parse + check of every fixture, the same bytes scanned for line ends
//! with memchr (the floor no checker can beat), check + the contract JSON of each seed (the work
//! the wasm's `checkReport` does, so the browser's figure divides by it), and inputs from 10 KB
//! to 10 MB to show the cost stays linear. `npm run bench` (bench/run.mjs) runs this and turns
//! the estimates into BENCHMARKS.md.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nianbao_core::PositionEncoding;

fn fixtures() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut out = Vec::new();
    for folder in ["seeds", "corpus"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    out
}

fn line_scan(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

fn per_report(c: &mut Criterion) {
    let reports = fixtures();
    let mut check = c.benchmark_group("check");
    for (name, text) in &reports {
        check.throughput(Throughput::Bytes(text.len() as u64));
        check.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| nianbao_core::check(std::hint::black_box(t)))
        });
    }
    check.finish();
    let mut floor = c.benchmark_group("line_scan");
    for (name, text) in &reports {
        floor.throughput(Throughput::Bytes(text.len() as u64));
        floor.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| line_scan(std::hint::black_box(t)))
        });
    }
    floor.finish();
    let mut contract = c.benchmark_group("contract");
    for (name, text) in reports.iter().take_while(|(n, _)| is_seed(n)) {
        contract.throughput(Throughput::Bytes(text.len() as u64));
        contract.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| {
                let t = std::hint::black_box(t);
                let checked = nianbao_core::check(t);
                nianbao_core::to_json(&checked, t, PositionEncoding::Utf16)
            })
        });
    }
    contract.finish();
}

/// Seeds are named "000_<hash>"; they come first in `fixtures()`.
fn is_seed(name: &str) -> bool {
    name.len() > 3 && name.as_bytes()[..3].iter().all(u8::is_ascii_digit)
}

fn scaling(c: &mut Criterion) {
    let all: String = fixtures()
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n");
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for size in [10_000usize, 100_000, 1_000_000, 10_000_000] {
        let mut text = String::with_capacity(size + all.len());
        while text.len() < size {
            text.push_str(&all);
        }
        let mut cut = size.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, t| {
            b.iter(|| nianbao_core::check(std::hint::black_box(t)))
        });
    }
    group.finish();
}

criterion_group!(benches, per_report, scaling);
criterion_main!(benches);
