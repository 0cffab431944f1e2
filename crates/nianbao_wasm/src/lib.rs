//! The JavaScript boundary of nianbao (ruff_wasm/biome_wasm style): strings in, one call into
//! `nianbao_core`, JSON strings out. No domain logic lives here; offsets become UTF-16 in the
//! core's contract writer because JavaScript strings index by UTF-16 code units. The document
//! readers (.docx, HTML, PDF) are a second module, `nianbao_docs_wasm`, loaded only when a
//! document arrives.

use nianbao_core::document::Document;
use nianbao_core::{vocab, Format, Input, PositionEncoding};
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// Takes the next piece of a result `checkReport` hands out in pieces: a global function
    /// the page's engine (www/src/engine.ts) defines around each check.
    #[wasm_bindgen(js_name = nianbaoJsonPiece)]
    fn json_piece(piece: &str);
}

/// Checks one report and returns the result contract (schema `nianbao/1`) as JSON, with
/// UTF-16 offsets and columns. `previous_text` is last year's report, for cross-year checks.
/// A report that is a document's text view comes with that document's `outline` (the
/// documents module's `readDocument`/`readHtml` give it; `previous_outline` likewise for last
/// year's): each table row is then read from its cells. Without one, or when it does not
/// describe the text (the user edited it since), the text is read as text.
///
/// All of the result but its last piece goes to the global function `nianbaoJsonPiece` as it
/// is written, and the last piece is returned (the result is the pieces joined): a long
/// table's result is several times its text, and the wasm memory, which never shrinks back,
/// need not hold it.
#[wasm_bindgen(js_name = checkReport)]
pub fn check_report(
    text: String,
    previous_text: Option<String>,
    outline: Option<String>,
    previous_outline: Option<String>,
) -> String {
    let read = |text: String, outline: Option<String>| match outline {
        Some(outline) => Document::with_outline(text, &outline),
        None => Err(text),
    };
    let this = read(text, outline);
    let previous = previous_text.map(|text| read(text, previous_outline));
    let checked = nianbao_core::check_input(input(&this), previous.as_ref().map(input));
    let text = input(&this).text();
    nianbao_core::to_json_pieces(&checked, text, PositionEncoding::Utf16, &mut json_piece)
}

/// What is checked: the document read back, or the text.
fn input(read: &Result<Document, String>) -> Input<'_> {
    match read {
        Ok(document) => Input::Document(document),
        Err(text) => Input::Text(text),
    }
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

/// The words the page shows for the contract's English values (severities, formats, tables,
/// a finding's two amounts, cells outside the official tables), as JSON.
#[wasm_bindgen]
pub fn words() -> String {
    nianbao_core::naming::words::words_json()
}

/// The official layout of tables 二/三/四 for a format name ("f2019", "f2021", "old",
/// "unknown") as JSON, with the name of every cell; an unrecognised name gives the empty layout `{}`.
#[wasm_bindgen(js_name = tableLayout)]
pub fn table_layout(format: &str) -> String {
    vocab::layout_json(Format::from_name(format).unwrap_or(Format::Unknown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_format_names_give_the_empty_layout() {
        assert_eq!(table_layout("no-such-format"), "{}");
        assert!(table_layout("f2019").contains("\"t3\""));
    }
}
