//! Shared helpers of the integration tests: the fixture folder and a readable rendering of a
//! check result for snapshots.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use nianbao_core::{Checked, Span, Value};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// Every report text of the seeds and the corpus, sorted: (folder/name, text).
pub fn all_reports() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for folder in ["seeds", "corpus"] {
        let mut names: Vec<_> = std::fs::read_dir(fixtures().join(folder))
            .expect("fixture folder")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        for path in names {
            let text = std::fs::read_to_string(&path).expect("fixture text");
            let name = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
            out.push((name, text));
        }
    }
    out
}

/// A committed generated file (`relative` to the fixtures folder) must equal `fresh`; with
/// `NIANBAO_BLESS=1` it is rewritten instead. `regenerate` says which test to bless.
pub fn assert_current(relative: &str, fresh: &str, regenerate: &str) {
    let path = fixtures().join(relative);
    if std::env::var_os("NIANBAO_BLESS").is_some() {
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{relative} is stale; review and regenerate with \
         NIANBAO_BLESS=1 cargo test -p nianbao_core --test {regenerate}\n\n{fresh}"
    );
}

pub fn read(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn value_text(value: &Value) -> String {
    match value {
        Value::Count(n) => n.to_string(),
        Value::Money(d) => format!("{d}元"),
        Value::Decimal(d) => d.to_string(),
        Value::Placeholder => "占位".to_string(),
    }
}

/// Input → cells and diagnostics in biome's shape: `# Input` (what was read, each cell with its
/// readable name and the text it was read from), `# Diagnostics` (each with the input line it
/// points at, the span in «»), `# Repairs` — so a reviewer reads input and output together.
pub fn render(text: &str, checked: &Checked) -> String {
    let r = &checked.report;
    let name = |path: &str| nianbao_core::naming::full(r, path);
    let index = nianbao_core::text::LineIndex::new(text);
    let mut out = String::new();
    out.push_str("# Input\n\n");
    out.push_str(&format!(
        "format: {} ({})\ntitle: {}\nagency: {}\nyear: {}\n",
        r.format.as_str(),
        nianbao_core::naming::words::format(r.format),
        r.title.as_deref().unwrap_or("-"),
        r.agency.as_deref().unwrap_or("-"),
        r.year.map_or("-".to_string(), |y| y.to_string()),
    ));
    out.push_str("sections:\n");
    for s in &r.sections {
        out.push_str(&format!("  {} {} (line {})\n", s.number, s.title, s.line));
    }
    out.push_str(&format!(
        "cells ({}/{} read):\n",
        r.cells.read_count(),
        r.cells.len()
    ));
    for (path, cell) in r.cells.iter() {
        match cell {
            None => out.push_str(&format!("  {path} {} = —\n", name(path))),
            Some(c) => {
                let printed = &text[c.span.range()];
                out.push_str(&format!(
                    "  {path} {} = {} ({:?} line {})",
                    name(path),
                    value_text(&c.value),
                    printed,
                    c.line
                ));
                if let Some(old) = &c.old {
                    out.push_str(&format!(
                        " [{}{}{}]",
                        old.label,
                        old.unit.map(|u| format!(" | {u}")).unwrap_or_default(),
                        old.parent
                            .map(|n| format!(" ⊂ old.{n}"))
                            .unwrap_or_default()
                    ));
                }
                out.push('\n');
            }
        }
    }
    out.push_str("\n# Diagnostics\n\n");
    for d in &checked.diagnostics {
        let (line, column) = index.line_column(text, d.span.start as usize);
        out.push_str(&format!(
            "{}[{}] {line}:{column}: {}\n",
            d.severity.as_str(),
            d.code.as_str(),
            d.message
        ));
        out.push_str(&format!("    > {}\n", excerpt(text, &index, d.span)));
        if !d.cells.is_empty() {
            let shown: Vec<String> = d
                .cells
                .iter()
                .take(8)
                .map(|c| format!("{c} {}", name(c)))
                .collect();
            let more = d.cells.len().saturating_sub(8);
            out.push_str(&format!(
                "    cells: {}{}\n",
                shown.join(", "),
                if more > 0 {
                    format!(" …(+{more})")
                } else {
                    String::new()
                }
            ));
        }
        if let (Some(e), Some(a)) = (&d.expected, &d.actual) {
            out.push_str(&format!("    expected {e}, actual {a}\n"));
        }
        for label in &d.labels {
            let (l, c) = index.line_column(text, label.span.start as usize);
            out.push_str(&format!("    see {l}:{c}: {}\n", label.message));
        }
        for note in &d.notes {
            out.push_str(&format!("    note: {note}\n"));
        }
        if let Some(help) = &d.help {
            out.push_str(&format!("    help: {help}\n"));
        }
    }
    out.push_str("\n# Repairs\n\n");
    for repair in &checked.repairs {
        let changes: Vec<String> = repair
            .changes
            .iter()
            .map(|(p, v)| format!("{p} {} → {v}", name(p)))
            .collect();
        out.push_str(&format!("{}\n", changes.join(", ")));
    }
    out
}

/// The input line holding `span`, at most 30 characters each side of it, the span in «».
fn excerpt(text: &str, index: &nianbao_core::text::LineIndex, span: Span) -> String {
    let start = nianbao_core::text::floor_boundary(text, (span.start as usize).min(text.len()));
    let line = index.line_of(start as u32);
    let line_start = index.line_start(line) as usize;
    let line_end = index.line_end(text, line).max(start);
    let end = nianbao_core::text::floor_boundary(text, (span.end as usize).clamp(start, line_end));
    let before: String = {
        let chars: Vec<char> = text[line_start..start].chars().rev().take(30).collect();
        chars.into_iter().rev().collect()
    };
    let after: String = text[end..line_end].chars().take(30).collect();
    format!("{before}«{}»{after}", &text[start..end]).replace('\t', "⇥")
}
