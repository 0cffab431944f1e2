//! The page's path for documents, end to end natively: the documents module's JSON (text view
//! and outline) handed to the checker's `checkReport` gives, for every committed .docx, HTML
//! and PDF fixture, exactly what `check_document` gives on the reader's model — the same cells
//! and the same findings — and the outline read back is that model.

use nianbao_core::document::Document;
use nianbao_core::{check_input, to_json, Input, PositionEncoding};
use std::path::{Path, PathBuf};

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            matches!(ext, "docx" | "html" | "htm" | "pdf")
        })
        .collect();
    paths.sort();
    paths
}

/// The reader's model, as the CLI gets it (None when the file is refused).
fn model(path: &Path) -> Option<Document> {
    let bytes = std::fs::read(path).expect("file");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.ends_with(".pdf") {
        return nianbao_pdf::read_pdf(&bytes)
            .ok()
            .map(|p| p.into_document());
    }
    nianbao_doc::read_document(&bytes, name)
        .ok()
        .map(|d| d.document)
}

/// The string value of `key` in the documents module's JSON (only the escapes it writes).
fn json_field(json: &str, key: &str) -> String {
    let open = format!("\"{key}\":\"");
    let start = json.find(&open).expect(key) + open.len();
    let mut out = String::new();
    let mut chars = json[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return out,
            '\\' => match chars.next().expect("escape") {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let n = u32::from_str_radix(&hex, 16).expect("hex");
                    out.push(char::from_u32(n).expect("char"));
                }
                c => out.push(c),
            },
            c => out.push(c),
        }
    }
    panic!("unterminated {key}")
}

/// The text view and outline the page gets for a fixture.
fn page_read(path: &Path) -> (String, String) {
    let bytes = std::fs::read(path).expect("file");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let json = nianbao_docs_wasm::read_document(&bytes, name);
    assert!(json.starts_with(r#"{"ok":true"#), "{name}: {json:.120}");
    (json_field(&json, "text"), json_field(&json, "outline"))
}

#[test]
fn every_document_fixture_checks_from_its_cells_through_the_page_path() {
    let mut paths = fixtures("docs");
    paths.extend(fixtures("pdf"));
    let mut checked = 0;
    for path in &paths {
        let Some(document) = model(path) else {
            continue;
        };
        let name = path.display();
        let (text, outline) = page_read(path);
        assert_eq!(text, document.text, "{name}: text view");
        assert_eq!(
            Document::with_outline(text.clone(), &outline).as_ref(),
            Ok(&document),
            "{name}: the outline read back is the model"
        );
        let expected = to_json(
            &nianbao_core::check_document(&document),
            &document.text,
            PositionEncoding::Utf16,
        );
        assert!(
            expected.contains(r#""cells":{"#),
            "{name}: cells in the result"
        );
        let got = nianbao_wasm::check_report(text.clone(), None, Some(outline), None);
        assert_eq!(got, expected, "{name}: checked from its cells");
        checked += 1;
    }
    assert!(checked >= 60, "{checked} documents checked");
}

/// The paths differ only where a cell holds what the text reader takes for a separator (a `|`
/// or `｜`): through its outline the cell stays one cell.
#[test]
fn a_bar_inside_a_cell_does_not_split_it() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/docs/seeds_002_3fca4d743e11907b.word.html");
    let html = std::fs::read_to_string(path).expect("fixture");
    let label = html.find("（一）予以公开").expect("row");
    let zero = label + html[label..].find(">0<").expect("its first cell");
    let html = format!("{}>0 |<{}", &html[..zero], &html[zero + 3..]);
    let document = nianbao_doc::read_html(&html).document;
    let json = nianbao_docs_wasm::read_html(&html);
    let (text, outline) = (json_field(&json, "text"), json_field(&json, "outline"));
    let expected = to_json(
        &nianbao_core::check_document(&document),
        &document.text,
        PositionEncoding::Utf16,
    );
    let got = nianbao_wasm::check_report(text.clone(), None, Some(outline), None);
    assert_eq!(got, expected);
    assert_ne!(got, nianbao_wasm::check_report(text, None, None, None));
}

#[test]
fn last_years_document_is_read_from_its_cells_too() {
    let dir = "docs";
    let this = fixtures(dir)
        .into_iter()
        .find(|p| p.ends_with("corpus_f2021_2022_pingtan-syq.docx"))
        .expect("2022 fixture");
    let previous = fixtures(dir)
        .into_iter()
        .find(|p| p.ends_with("corpus_f2021_2021_pingtan-syq.word.html"))
        .expect("2021 fixture");
    let (this_doc, previous_doc) = (model(&this).expect("2022"), model(&previous).expect("2021"));
    let expected = to_json(
        &check_input(
            Input::Document(&this_doc),
            Some(Input::Document(&previous_doc)),
        ),
        &this_doc.text,
        PositionEncoding::Utf16,
    );
    let ((text, outline), (previous_text, previous_outline)) =
        (page_read(&this), page_read(&previous));
    let got = nianbao_wasm::check_report(
        text,
        Some(previous_text),
        Some(outline),
        Some(previous_outline),
    );
    assert_eq!(got, expected);
}

/// An outline that does not fit the text (the user edited the view): the text is checked as
/// text, exactly as without an outline.
#[test]
fn an_outline_that_does_not_fit_checks_the_text() {
    let path = fixtures("docs")
        .into_iter()
        .find(|p| p.ends_with("corpus_f2021_2022_pingtan-syq.docx"))
        .expect("fixture");
    let (text, outline) = page_read(&path);
    let edited = text.replacen('\n', "\n\n", 3);
    assert_eq!(
        nianbao_wasm::check_report(edited.clone(), None, Some(outline), None),
        nianbao_wasm::check_report(edited, None, None, None)
    );
}
