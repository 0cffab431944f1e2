//! Reading a .docx of ≈50 KB (fixture reports in one document) and a ≈200 KB portal
//! article, natively. Budget (issue 17): ≤ 5 ms each.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn read(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/docs");
    let docx = std::fs::read(dir.join("bench_all_reports.docx")).unwrap();
    let html = std::fs::read_to_string(dir.join("bench_all_reports.portal.html")).unwrap();
    let mut group = c.benchmark_group("read");
    group.throughput(Throughput::Bytes(docx.len() as u64));
    group.bench_function("docx_50k", |b| {
        b.iter(|| nianbao_doc::read_document(std::hint::black_box(&docx), "a.docx"))
    });
    group.throughput(Throughput::Bytes(html.len() as u64));
    group.bench_function("html_article_200k", |b| {
        b.iter(|| nianbao_doc::read_html(std::hint::black_box(&html)))
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
