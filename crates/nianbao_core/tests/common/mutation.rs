//! The mutation measure shared by `tests/mutation.rs` (which asserts it) and the corpus
//! summary (which records it): change one table 三/四 cell's digits in the text of every
//! clean national-format report and check again.
#![allow(dead_code)]

use nianbao_core::relations::instance::{instances, Outcome};
use nianbao_core::{check, Checked, Severity, Value};

/// The changed value keeps the digit count, so glued digits stay glued the same way.
fn mutated(value: i64) -> i64 {
    if value % 10 == 9 {
        value - 1
    } else {
        value + 1
    }
}

pub struct Tally {
    pub cases: usize,
    /// An error names the changed cell.
    pub detected: usize,
    /// The parser cannot read the changed digits (glued digits that no longer split one way)
    /// and a warning names the cell, which is recorded as missing.
    pub unreadable: usize,
    /// The unreadable cases, named.
    pub unread: Vec<String>,
    /// Every relation of the cell has blank cells, and the blanks could absorb the change.
    pub undecidable: usize,
    pub restored: usize,
    pub missed: Vec<String>,
    pub not_restored: Vec<String>,
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

pub fn run() -> Tally {
    let mut tally = Tally {
        cases: 0,
        detected: 0,
        unreadable: 0,
        unread: Vec::new(),
        undecidable: 0,
        restored: 0,
        missed: Vec::new(),
        not_restored: Vec::new(),
    };
    for (name, text) in crate::common::all_reports() {
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
                tally.unread.push(format!("{name} {path} {value}→{new}"));
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

pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

impl Tally {
    /// The two rates as one line each, for the test output and the corpus summary.
    pub fn lines(&self) -> String {
        format!(
            "cases (one table 三/四 cell changed in the text of a clean national-format report): {}\n\
             an error names the changed cell: {}/{} ({:.1}%)\n\
             the first repair restores the printed value: {}/{} ({:.1}%)\n\
             not named by an error: {} where glued digits no longer split one way (warning, cell unread), {} where blank cells make every relation of the cell undecidable\n",
            self.cases,
            self.detected,
            self.cases,
            percent(self.detected, self.cases),
            self.restored,
            self.cases,
            percent(self.restored, self.cases),
            self.unreadable,
            self.undecidable,
        )
    }
}
