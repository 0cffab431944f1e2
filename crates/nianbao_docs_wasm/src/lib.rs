//! The documents module of the page: a second wasm module, decoded and instantiated only when a
//! document arrives (a dropped or opened .docx/HTML/PDF, a paste carrying HTML tables, the embed
//! API given markup), so the first check of pasted text never waits for it. It holds the .docx
//! and HTML reader (nianbao_doc) and the PDF reader (nianbao_pdf), which share one miniz_oxide.
//! Like nianbao_wasm it converts only: bytes in, the reader's document model out as JSON (its
//! text view, and its outline, which the checker's `checkReport` takes back to read each table
//! row from its cells).

use nianbao_core::document::Document;
use wasm_bindgen::prelude::wasm_bindgen;

/// Reads a dropped or opened file into the text view the checker reads, as JSON:
/// `{"ok":true,"kind":"docx"|"html"|"pdf","text":…,"outline":…,"notes":[…],"pages":[…]}` —
/// `outline` says which lines of `text` are table rows and where their cells stand in the grid
/// (`Document::outline`), `pages` (PDF only, else empty) holds the UTF-16 offset in `text`
/// where each page begins; for plain text
/// `{"ok":false,"reason":"text"}` (the caller decodes it); for HTML in another charset
/// `{"ok":false,"reason":"charset","charset":"gbk"}` (decode with TextDecoder, then `readHtml`);
/// otherwise `{"ok":false,"reason":"unsupported","message":…}` in zh-CN.
#[wasm_bindgen(js_name = readDocument)]
pub fn read_document(bytes: &[u8], name: &str) -> String {
    // A file named .pdf goes to the PDF reader even without the %PDF mark: it says that the
    // file is not a PDF, rather than showing its bytes as text.
    let named_pdf = name.len() > 4
        && name.is_char_boundary(name.len() - 4)
        && name[name.len() - 4..].eq_ignore_ascii_case(".pdf");
    if named_pdf || nianbao_doc::sniff(bytes, name) == nianbao_doc::Sniffed::Pdf {
        return match nianbao_pdf::read_pdf(bytes) {
            Ok(pdf) => {
                let document = Document {
                    text: pdf.text,
                    blocks: pdf.blocks,
                };
                document_json("pdf", &document, &pdf.notes, &pdf.page_starts)
            }
            Err(error) => unsupported(&error.message_zh()),
        };
    }
    match nianbao_doc::read_document(bytes, name) {
        Ok(document) => document_json(
            document.kind.as_str(),
            &document.document,
            &document.notes,
            &[],
        ),
        Err(nianbao_doc::ReadError::NotADocument) => r#"{"ok":false,"reason":"text"}"#.into(),
        Err(nianbao_doc::ReadError::Charset(charset)) => {
            let mut out = String::from(r#"{"ok":false,"reason":"charset","charset":"#);
            json_string(&charset, &mut out);
            out.push('}');
            out
        }
        Err(error) => unsupported(&error.message_zh()),
    }
}

/// Reads HTML (the clipboard's `text/html`, a decoded file, a portal's article markup) into
/// the text view, as the JSON `readDocument` gives for a document.
#[wasm_bindgen(js_name = readHtml)]
pub fn read_html(html: &str) -> String {
    let document = nianbao_doc::read_html(html);
    document_json(
        document.kind.as_str(),
        &document.document,
        &document.notes,
        &[],
    )
}

fn unsupported(message: &str) -> String {
    let mut out = String::from(r#"{"ok":false,"reason":"unsupported","message":"#);
    json_string(message, &mut out);
    out.push('}');
    out
}

/// `page_starts` are byte offsets into the text view, in order; the JSON carries UTF-16 offsets.
fn document_json(
    kind: &str,
    document: &Document,
    notes: &[String],
    page_starts: &[usize],
) -> String {
    let text = document.text.as_str();
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(r#"{"ok":true,"kind":"#);
    json_string(kind, &mut out);
    out.push_str(r#","text":"#);
    json_string(text, &mut out);
    out.push_str(r#","outline":"#);
    json_string(&document.outline(), &mut out);
    out.push_str(r#","notes":["#);
    for (i, note) in notes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(note, &mut out);
    }
    out.push_str(r#"],"pages":["#);
    let (mut byte, mut unit) = (0usize, 0usize);
    let mut chars = text.chars();
    for (i, &start) in page_starts.iter().enumerate() {
        while byte < start {
            let Some(c) = chars.next() else { break };
            byte += c.len_utf8();
            unit += c.len_utf16();
        }
        if i > 0 {
            out.push(',');
        }
        out.push_str(&unit.to_string());
    }
    out.push_str("]}");
    out
}

/// A JSON string literal (control characters escaped; everything else as UTF-8).
fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let n = c as u32;
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(char::from_digit((n >> shift) & 0xF, 16).unwrap_or('0'));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_come_back_as_json() {
        assert_eq!(
            read_html("<table><tr><td>规章</td><td>1\"</td></tr></table>"),
            r#"{"ok":true,"kind":"html","text":"规章\t1\"\n","outline":"t;;\n","notes":[],"pages":[]}"#
        );
        assert_eq!(
            read_document("一、".as_bytes(), "a.txt"),
            r#"{"ok":false,"reason":"text"}"#
        );
        assert_eq!(
            read_document(b"<meta charset=gbk><p>\xb9</p>", "a.htm"),
            r#"{"ok":false,"reason":"charset","charset":"gbk"}"#
        );
        // A PDF is read by the PDF reader: a damaged one gets its zh-CN message, and so does a
        // file named .pdf that is not one.
        let not_pdf = read_document("一、".as_bytes(), "报告.PDF");
        assert!(not_pdf.contains("这不是 PDF 文件"), "{not_pdf}");
        let damaged = read_document(b"%PDF-1.4\n", "a.pdf");
        assert!(
            damaged.starts_with(r#"{"ok":false,"reason":"unsupported","message":"PDF"#),
            "{damaged}"
        );
    }

    #[test]
    fn page_starts_become_utf16_offsets() {
        let mut view = nianbao_core::document::Builder::new();
        view.paragraph("一😀");
        view.paragraph("二");
        let pages = [0, "一😀\n".len()];
        let json = document_json("pdf", &view.finish(), &[], &pages);
        assert!(json.ends_with(r#""pages":[0,4]}"#), "{json}");
    }

    #[test]
    fn a_generated_report_pdf_reads_with_its_pages() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/pdf/report.pdf"
        ))
        .expect("tests/fixtures/pdf/report.pdf");
        let json = read_document(&bytes, "report.pdf");
        assert!(
            json.starts_with(r#"{"ok":true,"kind":"pdf","text":""#),
            "{}",
            &json[..80.min(json.len())]
        );
        assert!(json.contains(r#""pages":[0,"#), "a page list");
    }
}
