#![allow(dead_code)]
//! Comparing a document's reading with its text fixture's.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use nianbao_core::{Checked, Value};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// (stem, text fixture) from MANIFEST.tsv.
pub fn manifest() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("docs/MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Findings a text's layout causes and a table cannot have: digits glued together, rows cut.
fn layout_code(code: &str) -> bool {
    code.starts_with("glued-")
}

/// The findings, without the layout ones and without those about cells the text itself leaves
/// unread: there the text says "row unreadable" and the document, whose cells are blank, says
/// "cells blank" — both right.
fn findings(c: &Checked, truth: &Checked) -> BTreeSet<(String, Vec<String>)> {
    let unread = |p: &str| truth.report.cells.get(p).is_none();
    c.diagnostics
        .iter()
        .filter(|d| !layout_code(d.code.as_str()))
        .filter(|d| d.cells.is_empty() || !d.cells.iter().all(|p| unread(p)))
        .map(|d| {
            (
                d.code.as_str().to_string(),
                d.cells.iter().map(|p| p.to_string()).collect(),
            )
        })
        .collect()
}

pub fn values(c: &Checked) -> Vec<(String, Option<Value>)> {
    c.report
        .cells
        .iter()
        .map(|(p, cell)| (p.to_string(), cell.map(|c| c.value.clone())))
        .collect()
}

/// Compares one document's reading with the text fixture's; returns what differs.
/// The document is checked as the front ends check it: its rows read from its cells.
pub fn compare(name: &str, truth: &Checked, doc: &nianbao_core::document::Document) -> Vec<String> {
    let got = nianbao_core::check_document(doc);
    let mut problems = Vec::new();
    if got.report.format != truth.report.format {
        problems.push(format!(
            "{name}: format {:?} != {:?}",
            got.report.format, truth.report.format
        ));
    }
    // The headings as the text has them (Word may draw their numbers: numbering.xml).
    let sections = |c: &Checked| -> Vec<(u8, String)> {
        // Titles compared without punctuation: a one-line text's heading loses its 、 there.
        let canon = |t: &str| -> String { t.chars().filter(|c| c.is_alphanumeric()).collect() };
        c.report
            .sections
            .iter()
            .map(|s| (s.number, canon(&s.title)))
            .collect()
    };
    if sections(&got) != sections(truth) {
        problems.push(format!(
            "{name}: sections {:?} != {:?}",
            sections(&got),
            sections(truth)
        ));
    }
    let (want, have) = (values(truth), values(&got));
    if want.len() != have.len() {
        problems.push(format!("{name}: {} cells != {}", have.len(), want.len()));
    }
    for ((p, w), (_, h)) in want.iter().zip(&have) {
        if w != h {
            problems.push(format!("{name}: {p}: {h:?} != {w:?}"));
        }
    }
    let (fw, fh) = (findings(truth, truth), findings(&got, truth));
    for extra in fh.difference(&fw) {
        problems.push(format!("{name}: extra finding {extra:?}"));
    }
    for missing in fw.difference(&fh) {
        problems.push(format!("{name}: missing finding {missing:?}"));
    }
    problems
}
