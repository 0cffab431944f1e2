//! What every fuzz input goes through: the text reader end to end (check, with and without a
//! previous year, and the contract JSON in both encodings), with the soundness checks of
//! `crates/nianbao_core/tests/no_panic.rs`: spans inside the text on character boundaries,
//! JSON an object. Shared by the libFuzzer target and the corpus replay test.

use nianbao_core::{check, check_with_previous, to_json, PositionEncoding};

pub fn text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let checked = check(&text);
    let ok = |start: u32, end: u32| {
        start <= end
            && (end as usize) <= text.len()
            && text.is_char_boundary(start as usize)
            && text.is_char_boundary(end as usize)
    };
    for (path, cell) in checked.report.cells.iter() {
        if let Some(cell) = cell {
            assert!(
                ok(cell.span.start, cell.span.end),
                "{path}: {:?}",
                cell.span
            );
        }
    }
    for d in &checked.diagnostics {
        assert!(
            ok(d.span.start, d.span.end),
            "{}: {:?}",
            d.code.as_str(),
            d.span
        );
    }
    for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
        let json = to_json(&checked, &text, encoding);
        assert!(json.starts_with('{') && json.ends_with('}'));
    }
    // The same text as its own previous year: the cross-year path.
    if text.len() < 64 * 1024 {
        let _ = check_with_previous(&text, Some(&text));
    }
}

/// The document readers (.docx/HTML by sniffing, HTML also as markup): never a panic, the model
/// they build describes its text view exactly, the model is checked with its rows read from
/// its cells, and the text view goes through the text reader's checks.
pub fn document(data: &[u8]) {
    if let Ok(document) = nianbao_doc::read_document(data, "fuzz.docx") {
        model(&document.document);
        text(document.text().as_bytes());
    }
    let markup = String::from_utf8_lossy(data);
    let html = nianbao_doc::read_html(&markup);
    model(&html.document);
    text(html.text().as_bytes());
}

/// A document model: consistent with its view, checked without a panic, and its outline
/// read back over its text view gives it again.
fn model(document: &nianbao_core::document::Document) {
    assert_eq!(document.inconsistency(), None);
    let checked = nianbao_core::check_document(document);
    let json = to_json(&checked, &document.text, PositionEncoding::Utf8);
    assert!(json.starts_with('{') && json.ends_with('}'));
    let outline = document.outline();
    let back = nianbao_core::document::Document::with_outline(document.text.clone(), &outline);
    assert_eq!(back.as_ref(), Ok(document));
}

/// The PDF reader: never a panic; its page starts lie inside its text view.
pub fn pdf(data: &[u8]) {
    if let Ok(pdf) = nianbao_pdf::read_pdf(data) {
        assert!(pdf.page_starts.iter().all(|&p| p <= pdf.text.len()));
        text(pdf.text.as_bytes());
        model(&pdf.into_document());
    }
}
