//! The JavaScript boundary of nianbao (ruff_wasm/biome_wasm style): strings in, one call into
//! `nianbao_core`, JSON strings out. No domain logic lives here; offsets become UTF-16 in the
//! core's contract writer because JavaScript strings index by UTF-16 code units.

use nianbao_core::{vocab, Format, PositionEncoding};
use wasm_bindgen::prelude::wasm_bindgen;

/// Checks one report and returns the result contract (schema `nianbao/1`) as JSON, with
/// UTF-16 offsets and columns. `previous_text` is last year's report, for cross-year checks.
#[wasm_bindgen(js_name = checkReport)]
pub fn check_report(text: &str, previous_text: Option<String>) -> String {
    let checked = nianbao_core::check_with_previous(text, previous_text.as_deref());
    nianbao_core::to_json(&checked, text, PositionEncoding::Utf16)
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    nianbao_core::VERSION.to_string()
}

/// Every diagnostic code with its severity, summary and explanation, as a JSON array.
#[wasm_bindgen(js_name = ruleCatalogue)]
pub fn rule_catalogue() -> String {
    nianbao_core::catalogue::catalogue_json()
}

/// The official layout of tables 二/三/四 for a format name ("f2019", "f2021", "old",
/// "unknown") as JSON; an unrecognised name gives the empty layout `{}`.
#[wasm_bindgen(js_name = tableLayout)]
pub fn table_layout(format: &str) -> String {
    vocab::layout_json(Format::from_name(format).unwrap_or(Format::Unknown))
}

/// Reads a dropped or opened file (.docx, HTML) into the text view the checker reads, as JSON:
/// `{"ok":true,"kind":"docx"|"html","text":…,"notes":[…]}`; for plain text
/// `{"ok":false,"reason":"text"}` (the caller decodes it as before); for HTML in another
/// charset `{"ok":false,"reason":"charset","charset":"gbk"}` (decode with TextDecoder, then
/// `readHtml`); otherwise `{"ok":false,"reason":"unsupported","message":…}` in zh-CN.
#[wasm_bindgen(js_name = readDocument)]
pub fn read_document(bytes: &[u8], name: &str) -> String {
    match nianbao_doc::read_document(bytes, name) {
        Ok(document) => document_json(&document),
        Err(nianbao_doc::ReadError::NotADocument) => r#"{"ok":false,"reason":"text"}"#.into(),
        Err(nianbao_doc::ReadError::Charset(charset)) => {
            let mut out = String::from(r#"{"ok":false,"reason":"charset","charset":"#);
            json_string(&charset, &mut out);
            out.push('}');
            out
        }
        Err(error) => {
            let mut out = String::from(r#"{"ok":false,"reason":"unsupported","message":"#);
            json_string(&error.message_zh(), &mut out);
            out.push('}');
            out
        }
    }
}

/// Reads HTML (the clipboard's `text/html`, a decoded file, a portal's article markup) into
/// the text view, as the JSON `readDocument` gives for a document.
#[wasm_bindgen(js_name = readHtml)]
pub fn read_html(html: &str) -> String {
    document_json(&nianbao_doc::read_html(html))
}

fn document_json(document: &nianbao_doc::Document) -> String {
    let mut out = String::with_capacity(document.text.len() + 64);
    out.push_str(r#"{"ok":true,"kind":"#);
    json_string(document.kind.as_str(), &mut out);
    out.push_str(r#","text":"#);
    json_string(&document.text, &mut out);
    out.push_str(r#","notes":["#);
    for (i, note) in document.notes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(note, &mut out);
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
    fn unknown_format_names_give_the_empty_layout() {
        assert_eq!(table_layout("no-such-format"), "{}");
        assert!(table_layout("f2019").contains("\"t3\""));
    }

    #[test]
    fn documents_come_back_as_json() {
        assert_eq!(
            read_html("<table><tr><td>规章</td><td>1\"</td></tr></table>"),
            r#"{"ok":true,"kind":"html","text":"规章\t1\"\n","notes":[]}"#
        );
        assert_eq!(
            read_document("一、".as_bytes(), "a.txt"),
            r#"{"ok":false,"reason":"text"}"#
        );
        assert!(read_document(b"%PDF-1.4", "a.pdf")
            .starts_with(r#"{"ok":false,"reason":"unsupported","message":""#));
        assert_eq!(
            read_document(b"<meta charset=gbk><p>\xb9</p>", "a.htm"),
            r#"{"ok":false,"reason":"charset","charset":"gbk"}"#
        );
    }
}
