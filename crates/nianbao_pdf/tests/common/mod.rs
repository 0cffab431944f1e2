//! Shared by the PDF tests: the truth files' cells and the cell-by-cell comparison.
#![allow(dead_code)]

use std::path::PathBuf;

pub fn originals() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/originals");
    p.is_dir().then_some(p)
}

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pdf")
}

/// The `"cells": { "path": value, … }` object of a truth file: `None` for null, else the value
/// as the contract displays it.
pub fn truth_cells(json: &str) -> Vec<(String, Option<String>)> {
    let start = json.find("\"cells\"").expect("cells key");
    let body = &json[start..];
    let open = body.find('{').expect("{");
    let close = body.find('}').expect("}");
    let mut out = Vec::new();
    for entry in body[open + 1..close].split(',') {
        let Some((k, v)) = entry.split_once(':') else {
            continue;
        };
        let k = k.trim().trim_matches('"').to_string();
        let v = v.trim();
        let v = if v == "null" {
            None
        } else {
            Some(v.trim_matches('"').to_string())
        };
        out.push((k, v));
    }
    out
}

/// Checks the text view and compares every truth cell; returns the mismatches.
pub fn compare(text: &str, truth: &[(String, Option<String>)]) -> Vec<String> {
    let checked = nianbao_core::check(text);
    let mut bad = Vec::new();
    for (path, want) in truth {
        let got = match checked.report.cells.entry(path) {
            None => {
                bad.push(format!("{path}: missing from the report (want {want:?})"));
                continue;
            }
            Some(c) => c.map(|c| c.value.display()),
        };
        if &got != want {
            bad.push(format!("{path}: got {got:?}, want {want:?}"));
        }
    }
    bad
}

pub fn codes(text: &str) -> Vec<String> {
    let mut v: Vec<String> = nianbao_core::check(text)
        .diagnostics
        .iter()
        .map(|d| format!("{:?}", d.code))
        .collect();
    v.sort();
    v
}
