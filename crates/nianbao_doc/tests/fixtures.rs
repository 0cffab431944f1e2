//! Every generated .docx and HTML fixture (tests/fixtures/docs, made by make.py from the text
//! fixtures) reads cell-exact against its text fixture, with the same findings.

mod common;

use common::{compare, manifest, root};

#[test]
fn every_document_fixture_reads_cell_exact_with_the_same_findings() {
    let list = manifest();
    assert!(list.len() >= 9, "MANIFEST.tsv lists {} reports", list.len());
    let mut problems = Vec::new();
    let mut read = 0;
    for (stem, text_fixture) in &list {
        let text = std::fs::read_to_string(root().join(text_fixture)).unwrap();
        let truth = nianbao_core::check(&text);
        assert!(
            truth.report.cells.read_count() > 0,
            "{text_fixture} reads no cell"
        );
        for file in [
            format!("{stem}.docx"),
            format!("{stem}.word.html"),
            format!("{stem}.wps.html"),
            format!("{stem}.portal.html"),
        ] {
            let bytes = std::fs::read(root().join("docs").join(&file)).unwrap();
            let doc = nianbao_doc::read_document(&bytes, &file)
                .unwrap_or_else(|e| panic!("{file}: {}", e.message_zh()));
            problems.extend(compare(&file, &truth, &doc.text));
            read += 1;
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(read, list.len() * 4);
}
