//! The JavaScript boundary of nianbao (ruff_wasm/biome_wasm style): strings in, one call into
//! `nianbao_core`, JSON strings out. No domain logic lives here; offsets become UTF-16 in the
//! core's contract writer because JavaScript strings index by UTF-16 code units. The document
//! readers (.docx, HTML, PDF) are a second module, `nianbao_docs_wasm`, loaded only when a
//! document arrives.

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
