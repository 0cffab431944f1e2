//! Every committed PDF fixture reads into a document model that describes its text view
//! exactly (rows are their cells joined by TAB, every line in a block), with tables found.

mod common;

#[test]
fn every_pdf_fixture_reads_into_a_consistent_model() {
    let dir = common::fixtures();
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("pdf") {
            continue;
        }
        let Ok(pdf) = nianbao_pdf::read_pdf(&std::fs::read(&path).expect("pdf")) else {
            continue;
        };
        let document = pdf.into_document();
        assert_eq!(document.inconsistency(), None, "{}", path.display());
        read += 1;
    }
    assert!(read >= 3, "{read} PDFs read");
    let report = std::fs::read(dir.join("report.pdf")).expect("report.pdf");
    let document = nianbao_pdf::read_pdf(&report)
        .expect("reads")
        .into_document();
    assert!(document.rows().count() > 40, "the tables' rows are rows");
}
