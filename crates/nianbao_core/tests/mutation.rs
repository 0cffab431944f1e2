//! The honest measure of a balance checker: take every clean national-format report of the
//! seeds and the corpus, change one table 三/四 cell's digits *in the text*, check again, and
//! ask (1) does an error name that cell, and (2) does the first repair restore the value?

mod common;

use nianbao_core::rules::relation::{instances, Outcome};
use nianbao_core::{check, Checked, Severity, Value};

/// The changed value keeps the digit count, so glued digits stay glued the same way.
fn mutated(value: i64) -> i64 {
    if value % 10 == 9 {
        value - 1
    } else {
        value + 1
    }
}

struct Tally {
    cases: usize,
    /// An error names the changed cell.
    detected: usize,
    /// The parser cannot read the changed digits (glued digits that no longer split one way)
    /// and a warning names the cell, which is recorded as missing.
    unreadable: usize,
    /// Every relation of the cell has blank cells, and the blanks could absorb the change.
    undecidable: usize,
    restored: usize,
    missed: Vec<String>,
    not_restored: Vec<String>,
}

fn unreadable(result: &Checked, path: &str) -> bool {
    result.report.cells.get(path).is_none()
        && result
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning && d.cells.iter().any(|c| c == path))
}

fn undecidable(result: &Checked, path: &str) -> bool {
    let all = instances(&result.report);
    let mine: Vec<_> = all
        .iter()
        .filter(|i| i.terms().any(|t| t.path == path))
        .collect();
    !mine.is_empty()
        && mine
            .iter()
            .all(|i| matches!(i.outcome(), Outcome::Unknown { .. } | Outcome::Holds))
        && mine
            .iter()
            .any(|i| matches!(i.outcome(), Outcome::Unknown { .. }))
}

fn run() -> Tally {
    let mut tally = Tally {
        cases: 0,
        detected: 0,
        unreadable: 0,
        undecidable: 0,
        restored: 0,
        missed: Vec::new(),
        not_restored: Vec::new(),
    };
    for (name, text) in common::all_reports() {
        let original = check(&text);
        let report = &original.report;
        if !report.format.is_national() || original.has_errors() {
            continue;
        }
        for (path, cell) in report.cells.iter() {
            if !(path.starts_with("t3.") || path.starts_with("t4.")) {
                continue;
            }
            let Some(cell) = cell else { continue };
            let Value::Count(value) = cell.value else {
                continue;
            };
            let printed = &text[cell.span.range()];
            if !printed.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let new = mutated(value);
            let mut changed = String::with_capacity(text.len() + 2);
            changed.push_str(&text[..cell.span.start as usize]);
            changed.push_str(&new.to_string());
            changed.push_str(&text[cell.span.end as usize..]);
            let result = check(&changed);
            tally.cases += 1;
            let detected = result
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error && d.cells.iter().any(|c| c == path));
            if detected {
                tally.detected += 1;
            } else if unreadable(&result, path) {
                tally.unreadable += 1;
            } else if undecidable(&result, path) {
                tally.undecidable += 1;
            } else {
                tally.missed.push(format!("{name} {path} {value}→{new}"));
            }
            let restored = result.repairs.first().is_some_and(|r| {
                r.changes
                    .iter()
                    .any(|(p, v)| p == path && *v == value.to_string())
            });
            if restored {
                tally.restored += 1;
            } else {
                let first = result
                    .repairs
                    .first()
                    .map(|r| {
                        r.changes
                            .iter()
                            .map(|(p, v)| format!("{p}={v}"))
                            .collect::<Vec<_>>()
                            .join(",")
                    })
                    .unwrap_or_else(|| "none".into());
                tally
                    .not_restored
                    .push(format!("{name} {path} {value}→{new}: first repair {first}"));
            }
        }
    }
    tally
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

#[test]
fn every_changed_cell_is_found_and_most_are_restored() {
    let tally = run();
    let detected = percent(tally.detected, tally.cases);
    let restored = percent(tally.restored, tally.cases);
    println!(
        "mutation: {} cases; error names the cell: {}/{} ({detected:.1}%); first repair restores it: {}/{} ({restored:.1}%)",
        tally.cases, tally.detected, tally.cases, tally.restored, tally.cases
    );
    println!(
        "mutation: not named by an error: {} where the parser can no longer split the glued digits (warning, cell missing), {} where blank cells leave every relation of the cell undecidable",
        tally.unreadable, tally.undecidable
    );
    for m in &tally.missed {
        println!("  missed: {m}");
    }
    for m in tally.not_restored.iter().take(60) {
        println!("  not restored: {m}");
    }
    assert!(tally.cases > 500, "too few cases: {}", tally.cases);
    assert!(
        tally.missed.is_empty(),
        "{} changed cells went unnoticed",
        tally.missed.len()
    );
    assert!(
        restored >= 90.0,
        "first repair restores only {restored:.1}%"
    );
}
