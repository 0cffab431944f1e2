//! The page's copies of what the core defines are checked against the core: the display words
//! of `www/src/labels.ts` against `naming::words`, and the contract types of `www/src/types.ts`
//! against the keys and values the core actually writes (every fixture's result, the rule
//! catalogue and the table layouts). A field added on one side and not the other fails here.

mod common;

use std::path::PathBuf;

use nianbao_core::report::Format;
use nianbao_core::{to_json, PositionEncoding, Severity};

fn www(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../www/src")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `key: 'value'` entries of `export const NAME … = { … };` in TypeScript source.
fn ts_object(source: &str, name: &str) -> Vec<(String, String)> {
    let start = source
        .find(&format!("export const {name}"))
        .unwrap_or_else(|| panic!("{name} not found"));
    let open = start + source[start..].find('{').unwrap() + 1;
    let close = open + source[open..].find("};").unwrap();
    source[open..close]
        .split(',')
        .filter_map(|entry| {
            let (key, value) = entry.split_once(':')?;
            let value = value.trim().strip_prefix('\'')?.strip_suffix('\'')?;
            Some((key.trim().to_string(), value.to_string()))
        })
        .collect()
}

/// The `"key":value` pairs of an object of `words_json()` — flat string objects only.
fn json_object(json: &str, name: &str) -> Vec<(String, String)> {
    let start = json.find(&format!("\"{name}\":{{")).unwrap() + name.len() + 4;
    let end = start + json[start..].find('}').unwrap();
    json[start..end]
        .split(',')
        .map(|pair| {
            let (key, value) = pair.split_once(':').unwrap();
            (
                key.trim_matches('"').to_string(),
                value.trim_matches('"').to_string(),
            )
        })
        .collect()
}

#[test]
fn the_page_shows_the_cores_words() {
    let labels = www("labels.ts");
    let words = nianbao_core::naming::words::words_json();
    for (ts, core) in [
        ("SEVERITY_NAMES", "severities"),
        ("FORMAT_NAMES", "formats"),
        ("TABLE_NAMES", "tables"),
    ] {
        let page = ts_object(&labels, ts);
        assert!(page.len() >= 3, "{ts}: {page:?}");
        assert_eq!(
            page,
            json_object(&words, core),
            "www/src/labels.ts {ts} differs from the core's naming::words ({core})"
        );
    }
}

/// Every object key in a JSON text (a string followed by `:`), once each.
fn json_keys(json: &str, keys: &mut Vec<String>) {
    let bytes = json.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i + 1;
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        let end = i.min(bytes.len());
        i += 1;
        if bytes.get(i) == Some(&b':') && !keys.iter().any(|k| k.as_bytes() == &bytes[start..end]) {
            keys.push(json[start..end].to_string());
        }
    }
}

#[test]
fn types_ts_declares_every_field_the_core_writes() {
    let types = www("types.ts");
    let mut keys = Vec::new();
    for (_, text) in common::all_reports() {
        let checked = nianbao_core::check(&text);
        json_keys(
            &to_json(&checked, &text, PositionEncoding::Utf16),
            &mut keys,
        );
    }
    json_keys(&nianbao_core::catalogue::catalogue_json(), &mut keys);
    for format in [Format::F2019, Format::F2021] {
        json_keys(&nianbao_core::vocab::layout_json(format), &mut keys);
    }
    assert!(keys.len() > 30, "{keys:?}");
    // Keys that are data (cell paths, table prefixes, row keys) are records in the types.
    let fields: Vec<&String> = keys
        .iter()
        .filter(|k| !k.contains('.') && !k.is_empty())
        .collect();
    let missing: Vec<&&String> = fields
        .iter()
        .filter(|k| {
            !types.contains(&format!("{k}:"))
                && !types.contains(&format!("{k}?:"))
                && !types.contains(&format!("{k}: "))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "www/src/types.ts does not declare {missing:?}"
    );
    // The enumerations, value for value.
    let severities: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    assert!(
        types.contains(&format!(
            "export type Severity = {};",
            severities.join(" | ")
        )),
        "Severity in www/src/types.ts"
    );
    let formats: Vec<String> = [Format::F2019, Format::F2021, Format::Old, Format::Unknown]
        .iter()
        .map(|f| format!("'{}'", f.as_str()))
        .collect();
    assert!(
        types.contains(&format!("export type Format = {};", formats.join(" | "))),
        "Format in www/src/types.ts"
    );
    assert!(types.contains(&format!("schema: '{}';", "nianbao/1")));
}
