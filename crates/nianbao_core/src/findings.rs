//! The one step that builds the diagnostics the user reads. Every stage only adds its own
//! facts — the parse and the checks their findings, the repair search its [`Advice`], the
//! prose its findings and the [`Support`] its statements give a repair, cross-year its
//! findings — and [`assemble`] puts them together: the repair points each relation error at
//! its likeliest cell and gives its help, the prose evidence becomes notes and labels, then
//! everything is sorted. No stage edits a diagnostic another stage made.

use crate::codes::Code;
use crate::diagnostic::{self, Diagnostic, Label, Severity};
use crate::prose::Support;
use crate::repair::Advice;
use crate::report::Report;
use crate::rules::{Run, RULES};

/// What each stage found, in pipeline order.
#[derive(Default)]
pub struct Findings {
    /// Reading the text.
    pub parse: Vec<Diagnostic>,
    /// The table and structure checks ([`crate::rules`]).
    pub rules: Vec<Diagnostic>,
    /// Prose against the tables, then prose sums.
    pub prose: Vec<Diagnostic>,
    /// Against last year's report.
    pub cross_year: Vec<Diagnostic>,
}

/// The diagnostics as the user reads them, sorted ([`diagnostic::sort`]).
pub fn assemble(
    report: &Report,
    findings: Findings,
    advice: Option<&Advice>,
    support: &[Support],
) -> Vec<Diagnostic> {
    let Findings {
        parse,
        rules,
        prose,
        cross_year,
    } = findings;
    let mut out = parse;
    out.extend(rules);
    if let Some(advice) = advice {
        for d in out.iter_mut() {
            attach_repair(report, d, advice);
        }
        for s in support {
            for d in out.iter_mut() {
                attach_support(d, s, advice);
            }
        }
    }
    out.extend(prose);
    out.extend(cross_year);
    diagnostic::sort(&mut out);
    out
}

/// A code reported by a relation check ([`Run::Relations`] in the registry): the errors a
/// repair explains.
fn is_relation_code(code: Code) -> bool {
    RULES
        .iter()
        .filter(|r| matches!(r.run, Run::Relations(_)))
        .any(|r| r.docs.iter().any(|doc| doc.code == code))
}

/// Points a relation error at the cell the repair changes, its likeliest cells first, and
/// gives the repair as its help.
fn attach_repair(report: &Report, d: &mut Diagnostic, advice: &Advice) {
    if d.severity != Severity::Error || !is_relation_code(d.code) {
        return;
    }
    let touched: Vec<&str> = advice
        .repair
        .changes
        .iter()
        .map(|(p, _)| p.as_ref())
        .filter(|p| d.cells.iter().any(|c| c == p))
        .collect();
    let Some(&culprit) = touched.first() else {
        return;
    };
    if let Some(cell) = report.cells.get(culprit) {
        d.span = cell.span;
    }
    // Most likely wrong cells first.
    crate::order::sort_by_key(&mut d.cells, |c| !touched.contains(&c.as_ref()));
    d.help = Some(advice.help.clone());
    if let Some(note) = &advice.alternatives {
        d.notes.push(note.clone());
    }
}

/// A prose statement agreeing with the repair, on an error about the cells it describes.
fn attach_support(d: &mut Diagnostic, support: &Support, advice: &Advice) {
    if d.severity == Severity::Error
        && advice
            .repair
            .changes
            .iter()
            .any(|(p, _)| d.cells.contains(p))
        && d.cells.iter().any(|c| support.cells.iter().any(|m| m == c))
    {
        d.notes.push(support.note.clone());
        d.labels.push(Label {
            span: support.span,
            message: support.label.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relations::instance::instances;
    use crate::report::{Format, Span};
    use crate::testing;

    /// Seed 000's slip: 一 and （二）部分公开 are 1 in 自然人 and 总计, （七）总计 stays 0.
    fn seed_000() -> Report {
        let mut report = testing::national(Format::F2019);
        for path in [
            "t3.new.natural_person",
            "t3.new.total",
            "t3.partial.natural_person",
            "t3.partial.total",
        ] {
            testing::set(&mut report, path, 1);
        }
        report
    }

    #[test]
    fn the_repair_is_attached_to_relation_errors_only() {
        let report = seed_000();
        let rules = crate::rules::check("", &report, &instances(&report));
        let repairs = crate::repair::search(&report, &instances(&report), &[]);
        let advice = crate::repair::advice(&report, &repairs).expect("a repair");
        let other = Diagnostic::new(Code::TableMissing, Span::new(0, 1), "表二缺失")
            .with_severity(Severity::Error)
            .with_cells(["t3.total.total"]);
        let findings = Findings {
            parse: vec![other.clone()],
            rules,
            ..Findings::default()
        };
        let out = assemble(&report, findings, Some(&advice), &[]);
        let total = report.cells.get("t3.total.total").unwrap().span;
        let identity: Vec<_> = out.iter().filter(|d| d.code == Code::T3Identity).collect();
        assert!(!identity.is_empty());
        for d in identity {
            assert_eq!(d.help.as_deref(), Some(advice.help.as_str()));
            assert!(d.cells[0].starts_with("t3.total."), "{:?}", d.cells);
        }
        assert!(out.iter().any(|d| d.span == total));
        assert!(
            out.contains(&other),
            "a parse finding is left as it was made"
        );
    }

    #[test]
    fn prose_support_becomes_a_note_and_a_label() {
        let report = seed_000();
        let repairs = crate::repair::search(&report, &instances(&report), &[]);
        let advice = crate::repair::advice(&report, &repairs).expect("a repair");
        let support = Support {
            cells: vec!["t3.total.total".to_string()],
            note: "正文“办结1件”与建议修改后的数字一致。".to_string(),
            span: Span::new(5, 9),
            label: "正文：办结1件".to_string(),
        };
        let findings = Findings {
            rules: crate::rules::check("", &report, &instances(&report)),
            ..Findings::default()
        };
        let out = assemble(
            &report,
            findings,
            Some(&advice),
            std::slice::from_ref(&support),
        );
        let supported: Vec<_> = out
            .iter()
            .filter(|d| d.notes.contains(&support.note))
            .collect();
        assert!(!supported.is_empty());
        for d in supported {
            assert!(d.cells.iter().any(|c| c == "t3.total.total"));
            assert!(d.labels.iter().any(|l| l.span == support.span));
        }
    }
}
