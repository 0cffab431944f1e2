//! Accuracy per pasted-text form (issue 18): every report with truth, in every form staff paste
//! (tests/fixtures/variants, made by scripts/variants/generate.py), read cell by cell against its
//! truth: exact / unread / wrong. The table is `tests/corpus-accuracy.txt`, regenerated with
//! `NIANBAO_BLESS=1 cargo test -p nianbao_core --test variants_accuracy`.
//!
//! The suite fails if any cell is read wrong (a number in a cell whose truth is another number or
//! blank, or in a cell the report's format does not have), if a cell is left unread without a
//! diagnostic naming it, or if a form of a report whose truth balances gets an error-severity
//! finding.
//!
//! The real PDF in ../shared/corpus/originals joins when that folder is present and `pdftotext`
//! runs; its texts are made at test time and never committed.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nianbao_core::Severity;

/// The forms, in the table's order, with the file each report folder holds.
const FORMS: [(&str, &str); 5] = [
    ("pdf-default", "pdftotext（阅读顺序）"),
    ("pdf-layout", "pdftotext -layout"),
    ("web", "网页 innerText"),
    ("word", "Word 表格复制"),
    ("crawler", "爬虫文本（单元格相连）"),
];

/// One report's truth: path → value as `Value::display` prints it, `None` for a blank cell.
type Truth = Vec<(String, Option<String>)>;

#[derive(Default, Clone, Copy)]
struct Count {
    exact: usize,
    unread: usize,
    wrong: usize,
}

impl Count {
    fn add(&mut self, other: Count) {
        self.exact += other.exact;
        self.unread += other.unread;
        self.wrong += other.wrong;
    }
    fn total(&self) -> usize {
        self.exact + self.unread + self.wrong
    }
}

struct Outcome {
    count: Count,
    /// Wrong cells: path, truth, read.
    wrong: Vec<String>,
    /// Unread rows (path without its column).
    unread_rows: Vec<String>,
    /// Unread cells no diagnostic names.
    unexplained: Vec<String>,
    errors: Vec<String>,
}

fn compare(text: &str, truth: &Truth) -> Outcome {
    let checked = nianbao_core::check(text);
    let cells = &checked.report.cells;
    let mut count = Count::default();
    let mut wrong = Vec::new();
    let mut unread_rows: Vec<String> = Vec::new();
    let mut unexplained = Vec::new();
    for (path, want) in truth {
        let got = cells.get(path).map(|c| c.value.display());
        match (want, got) {
            (Some(w), Some(g)) if *w == g => count.exact += 1,
            (None, None) => count.exact += 1,
            (Some(_), None) => {
                count.unread += 1;
                // Every cell left unread is named by a diagnostic saying why.
                let named = checked
                    .diagnostics
                    .iter()
                    .any(|d| d.cells.iter().any(|c| c.as_ref() == path.as_str()));
                if !named {
                    unexplained.push(path.clone());
                }
                // The row: the path without its column (a percentage cell names its row).
                let row = path.strip_suffix(".percent").unwrap_or(path);
                let row = if row.starts_with("t") {
                    row.rsplit_once('.').map_or(row, |(r, _)| r)
                } else {
                    row
                };
                if !unread_rows.iter().any(|r| r == row) {
                    unread_rows.push(row.to_string());
                }
            }
            (w, Some(g)) => {
                count.wrong += 1;
                wrong.push(format!(
                    "{path}: 应为 {} 读成 {g}",
                    w.as_deref().unwrap_or("空")
                ));
            }
        }
    }
    // A number placed in a cell the truth does not have is wrong too (a misread format).
    for (path, cell) in cells.iter() {
        if cell.is_some() && !truth.iter().any(|(p, _)| p == path) {
            count.wrong += 1;
            wrong.push(format!("{path}: 表中没有这一格"));
        }
    }
    let errors = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}", d.code.as_str(), d.message))
        .collect();
    Outcome {
        count,
        wrong,
        unread_rows,
        unexplained,
        errors,
    }
}

fn variants_dir() -> PathBuf {
    common::fixtures().join("variants")
}

fn read_truth(path: &Path) -> Truth {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (p, v) = l.split_once('\t').expect("path TAB value");
            (p.to_string(), (v != "-").then(|| v.to_string()))
        })
        .collect()
}

/// The real PDF's truth.json: the "cells" object's `"path": value` lines (null = blank).
fn read_truth_json(text: &str) -> Truth {
    let start = text.find("\"cells\"").expect("cells object");
    let body = &text[start..];
    let end = body.find('}').expect("end of cells");
    body[..end]
        .lines()
        .filter_map(|l| {
            let l = l.trim().trim_end_matches(',');
            let (p, v) = l.split_once(':')?;
            let p = p.trim().trim_matches('"');
            if !p.starts_with('t') {
                return None;
            }
            let v = v.trim().trim_matches('"');
            Some((p.to_string(), (v != "null").then(|| v.to_string())))
        })
        .collect()
}

/// Every report with truth and its forms' texts: (report, truth, [(form, text)]).
fn reports() -> (Vec<Report>, String) {
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(variants_dir())
        .expect("tests/fixtures/variants")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    for dir in names {
        let truth = read_truth(&dir.join("truth.tsv"));
        let texts = FORMS
            .iter()
            .filter_map(|(form, _)| {
                let text = std::fs::read_to_string(dir.join(format!("{form}.txt"))).ok()?;
                Some((*form, text))
            })
            .collect();
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        out.push((name, truth, texts));
    }
    let note = match original_pdf() {
        Ok(original) => {
            out.push(original);
            "real PDF f2021_2024_huaian-shi.pdf: included (texts made by pdftotext at test time)"
                .to_string()
        }
        Err(why) => format!("real PDF f2021_2024_huaian-shi.pdf: skipped ({why})"),
    };
    (out, note)
}

type Report = (String, Truth, Vec<(&'static str, String)>);

fn original_pdf() -> Result<Report, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/originals");
    let pdf = dir.join("f2021_2024_huaian-shi.pdf");
    let truth = std::fs::read_to_string(dir.join("f2021_2024_huaian-shi.truth.json"))
        .map_err(|_| "../shared/corpus/originals is absent".to_string())?;
    let mut texts = Vec::new();
    for (form, args) in [("pdf-default", &[][..]), ("pdf-layout", &["-layout"][..])] {
        let out = std::process::Command::new("pdftotext")
            .args(args)
            .arg(&pdf)
            .arg("-")
            .output()
            .map_err(|_| "pdftotext (poppler-utils) is not installed".to_string())?;
        if !out.status.success() {
            return Err("pdftotext failed".to_string());
        }
        texts.push((
            form,
            String::from_utf8(out.stdout).map_err(|e| e.to_string())?,
        ));
    }
    Ok((
        "huaian-2024-pdf".to_string(),
        read_truth_json(&truth),
        texts,
    ))
}

fn percent(n: usize, d: usize) -> String {
    if d == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", n as f64 * 100.0 / d as f64)
    }
}

struct Run {
    table: String,
    failures: Vec<String>,
}

fn run() -> Run {
    let (reports, note) = reports();
    let mut per_form: BTreeMap<&str, Count> = BTreeMap::new();
    // The same without the blank-column reports (a web-page habit; in PDF and crawler text the
    // columns of a row's few numbers cannot be known, so those rows stay unread).
    let mut per_form_filled: BTreeMap<&str, Count> = BTreeMap::new();
    let mut per_report = String::new();
    let mut failures = Vec::new();
    for (name, truth, texts) in &reports {
        // The truth balances when its most faithful form (Word's TAB rows) reads exactly and
        // no error is found.
        let faithful = texts
            .iter()
            .find(|(f, _)| *f == "word")
            .map(|(_, t)| compare(t, truth));
        let balanced = faithful
            .as_ref()
            .is_none_or(|o| o.count.exact == truth.len() && o.errors.is_empty());
        for (form, text) in texts {
            let outcome = compare(text, truth);
            per_form.entry(form).or_default().add(outcome.count);
            if !name.ends_with("-blankcols") {
                per_form_filled.entry(form).or_default().add(outcome.count);
            }
            let c = outcome.count;
            per_report.push_str(&format!(
                "{name:<16} {form:<12} exact {:>3}/{:<3} unread {:>3} wrong {}{}\n",
                c.exact,
                c.total(),
                c.unread,
                c.wrong,
                if outcome.unread_rows.is_empty() {
                    String::new()
                } else {
                    format!("  unread rows: {}", outcome.unread_rows.join(", "))
                }
            ));
            for w in &outcome.wrong {
                failures.push(format!("{name} {form}: {w}"));
            }
            if !outcome.unexplained.is_empty() {
                failures.push(format!(
                    "{name} {form}: unread without a diagnostic naming them: {}",
                    outcome.unexplained.join(", ")
                ));
            }
            if balanced {
                for e in &outcome.errors {
                    failures.push(format!(
                        "{name} {form}: balance error on balanced truth: {e}"
                    ));
                }
            }
        }
    }
    let mut table = String::new();
    table.push_str(
        "# Accuracy per pasted-text form — generated by crates/nianbao_core/tests/variants_accuracy.rs\n",
    );
    table.push_str("# forms made by scripts/variants/generate.py into tests/fixtures/variants\n");
    table.push_str(
        "# wrong must be 0; every unread cell is named by a diagnostic (the suite fails otherwise)\n\n",
    );
    table.push_str(&format!("{note}\n\n"));
    for (title, counts) in [
        ("every report with truth", &per_form),
        (
            "without the *-blankcols reports (blank applicant columns)",
            &per_form_filled,
        ),
    ] {
        table.push_str(&format!("{title}:\n"));
        table.push_str("form         cells  exact           unread  wrong\n");
        for (form, label) in FORMS {
            let c = counts.get(form).copied().unwrap_or_default();
            table.push_str(&format!(
                "{form:<12} {:>5}  {:>5} {:>7}  {:>6}  {:>5}   {label}\n",
                c.total(),
                c.exact,
                percent(c.exact, c.total()),
                c.unread,
                c.wrong
            ));
        }
        table.push('\n');
    }
    table.push_str("per report:\n");
    table.push_str(&per_report);
    Run { table, failures }
}

#[test]
fn no_wrong_cell_in_any_form() {
    let run = run();
    // The committed table leaves out the real PDF's rows when ../shared is absent, so it is
    // only compared (and blessed) when the PDF joined.
    if run
        .table
        .contains("real PDF f2021_2024_huaian-shi.pdf: included")
    {
        common::assert_current("../corpus-accuracy.txt", &run.table, "variants_accuracy");
    } else {
        eprintln!("{}", run.table);
    }
    assert!(
        run.failures.is_empty(),
        "{} wrong cells or balance errors:\n{}\n\n{}",
        run.failures.len(),
        run.failures.join("\n"),
        run.table
    );
}
