//! Criterion: a 6-page report PDF read into the text view and checked (target ≤ 30 ms natively).
//! Uses the real huaian PDF from ../shared when present, and the committed 2-page fixture
//! (plain and AES-256) always; `NIANBAO_BENCH_PDFS="name=path;…"` (bench/native.mjs) adds more.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;

fn bench(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![
        (
            "fixture_report",
            root.join("../../tests/fixtures/pdf/report.pdf"),
        ),
        (
            "fixture_report_aes256",
            root.join("../../tests/fixtures/pdf/report_aes256.pdf"),
        ),
    ];
    let real = root.join("../../../shared/corpus/originals/f2021_2024_huaian-shi.pdf");
    if real.exists() {
        files.push(("huaian_6_pages", real));
    } else {
        eprintln!("SKIP huaian_6_pages: ../shared/corpus/originals is absent");
    }
    if let Ok(more) = std::env::var("NIANBAO_BENCH_PDFS") {
        for entry in more.split(';').filter(|e| !e.is_empty()) {
            if let Some((name, path)) = entry.split_once('=') {
                files.push((
                    Box::leak(name.to_string().into_boxed_str()),
                    PathBuf::from(path),
                ));
            }
        }
    }
    let mut g = c.benchmark_group("pdf");
    for (name, path) in files {
        let bytes = std::fs::read(&path).unwrap();
        g.bench_function(format!("read/{name}"), |b| {
            b.iter(|| nianbao_pdf::read_pdf(std::hint::black_box(&bytes)).unwrap())
        });
        g.bench_function(format!("read_and_check/{name}"), |b| {
            b.iter(|| {
                let t = nianbao_pdf::read_pdf(std::hint::black_box(&bytes)).unwrap();
                nianbao_core::check(&t.text).diagnostics.len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
