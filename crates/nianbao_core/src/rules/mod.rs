//! The balance rules (勾稽关系) and structure rules run over a parsed report. One rule per
//! file; each file carries its user documentation as a [`RuleDoc`] (generated into the page's
//! rule catalogue and `docs/rules.md`) and its pass/fail vectors at the bottom.
//!
//! The relation rules (R1–R4, the pre-2019 parts rules) evaluate the relations of
//! [`crate::relations`] — the same definitions the parser uses to split glued digits and the
//! repair search uses to name the likely culprit.

pub mod describe;
pub mod relation;

pub mod format_year;
pub mod non_negative;
pub mod old_cumulative;
pub mod old_parts_exceed;
pub mod old_parts_sum;
pub mod percent;
pub mod sections;
pub mod t2_items;
pub mod t2_published;
pub mod t3_identity;
pub mod t3_result_total;
pub mod t3_row_total;
pub mod t4_group_total;
pub mod unassessable;
pub mod years;

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::report::Report;

/// User documentation of one code, written once in the rule's own file.
#[derive(Clone, Copy, Debug)]
pub struct RuleDoc {
    pub code: Code,
    /// The relation checked, e.g. "一 + 二 = （七）总计 + 四（每一列）".
    pub formula: &'static str,
    /// What it checks and why it matters, in zh-CN.
    pub explanation: &'static str,
    /// A short worked example.
    pub example: &'static str,
}

/// Declares a rule's documentation: one `const` whose rustdoc is the same text the page shows.
macro_rules! rule_doc {
    ($name:ident: $code:ident, formula: $formula:literal, explanation: $explanation:literal, example: $example:literal $(,)?) => {
        #[doc = concat!("公式：", $formula, "\n\n", $explanation, "\n\n例：", $example)]
        pub const $name: $crate::rules::RuleDoc = $crate::rules::RuleDoc {
            code: $crate::codes::Code::$code,
            formula: $formula,
            explanation: $explanation,
            example: $example,
        };
    };
}
pub(crate) use rule_doc;

/// Every rule's documentation (rules, prose and cross-year checks), in registry order of
/// their codes.
pub fn docs() -> Vec<RuleDoc> {
    let mut all = vec![
        t3_identity::DOC,
        t3_row_total::DOC,
        t3_result_total::DOC,
        t4_group_total::DOC,
        non_negative::DOC,
        t2_published::DOC,
        t2_items::DOC,
        old_parts_sum::DOC,
        old_parts_exceed::DOC,
        old_cumulative::DOC,
        percent::DOC,
        percent::DOC_ROUNDING,
        unassessable::DOC,
        sections::DOC,
        format_year::DOC,
        format_year::DOC_NOTICE,
        years::DOC,
        years::DOC_PROSE,
        crate::prose::DOC,
        crate::prose::DOC_SUM,
        crate::cross_year::DOC_CARRY,
        crate::cross_year::DOC_ITEMS,
        crate::cross_year::DOC_CUMULATIVE,
        crate::cross_year::DOC_MISMATCH,
    ];
    crate::order::sort_by_key(&mut all, |d| d.code);
    all
}

/// What every rule sees: the text and the report read from it.
pub struct Cx<'a> {
    pub text: &'a str,
    pub report: &'a Report,
}

/// Runs every table and structure rule over the report's relations
/// ([`relation::instances`]). Diagnostics come out unsorted.
pub fn check(text: &str, report: &Report, instances: &[relation::Instance]) -> Vec<Diagnostic> {
    let cx = Cx { text, report };
    let mut out = Vec::new();
    let mut gaps = unassessable::Gaps::default();
    t3_identity::check(&cx, instances, &mut gaps, &mut out);
    t3_row_total::check(&cx, instances, &mut gaps, &mut out);
    t3_result_total::check(&cx, instances, &mut gaps, &mut out);
    t4_group_total::check(&cx, instances, &mut gaps, &mut out);
    old_parts_sum::check(&cx, instances, &mut gaps, &mut out);
    old_parts_exceed::check(&cx, instances, &mut gaps, &mut out);
    old_cumulative::check(&cx, instances, &mut gaps, &mut out);
    gaps.report(&cx, &mut out);
    non_negative::check(&cx, &mut out);
    t2_published::check(&cx, &mut out);
    t2_items::check(&cx, &mut out);
    percent::check(&cx, &mut out);
    sections::check(&cx, &mut out);
    format_year::check(&cx, &mut out);
    years::check(&cx, &mut out);
    out
}

/// The sum of a side as printed: "1 + 0 + 空白".
pub(crate) fn side_expr(terms: &[relation::Term]) -> String {
    terms
        .iter()
        .map(|t| match (t.cell, t.count()) {
            (_, Some(v)) if v < 0 => format!("({v})"),
            (_, Some(v)) => v.to_string(),
            (Some(_), None) => "“/”".to_string(),
            (None, None) => "空白".to_string(),
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// A broken relation as a diagnostic: every cell involved, the compared amounts, the printed
/// total as the primary location until the repair search names a likelier cell, and the
/// other non-zero cells as secondary labels.
pub(crate) fn failure(
    cx: &Cx,
    instance: &relation::Instance,
    code: Code,
    message: String,
    primary: &str,
    expected: i64,
    actual: i64,
) -> Diagnostic {
    let outcome = instance.outcome();
    let span = instance
        .terms()
        .find(|t| t.path == primary)
        .and_then(|t| t.cell)
        .or_else(|| instance.terms().find_map(|t| t.cell))
        .map(|c| c.span)
        .unwrap_or_default();
    let mut d = Diagnostic::new(code, span, message)
        .with_cells(instance.paths())
        .with_values(expected.to_string(), actual.to_string());
    for t in instance.terms() {
        if let (Some(cell), Some(v)) = (t.cell, t.count()) {
            if t.path != primary && v != 0 {
                d = d.with_label(
                    cell.span,
                    format!("{} = {v}", describe::full(cx.report, t.path)),
                );
            }
        }
    }
    if let relation::Outcome::FailsAnyway { .. } = outcome {
        let blanks = instance.terms().filter(|t| t.count().is_none()).count();
        d = d.with_note(format!(
            "另有 {blanks} 个单元格没有读到数字；空白不按 0 计，但由于数量不会是负数，无论空白处填什么，这个关系都不能成立。"
        ));
    }
    d
}

#[cfg(test)]
pub(crate) mod testing {
    //! Builders for the rule vectors: a report with a few cells set.

    use crate::report::{Cell, CellMap, Format, OldRowInfo, Report, Span, Value};
    use crate::vocab::national::{t2_rows, t3_data_rows, T3_COLUMNS, T4_COLUMNS, T4_GROUPS};

    pub fn cell(value: Value, at: usize) -> Cell {
        Cell {
            value,
            span: Span::new(at, at + 1),
            line: 1,
            old: None,
        }
    }

    /// A national report with every cell of tables 二/三/四 set to 0 (or to `fill`).
    pub fn national(format: Format) -> Report {
        let mut cells = CellMap::new();
        let mut at = 0;
        for row in t2_rows(format) {
            for (column, _) in row.columns {
                cells.push(
                    format!("t2.{}.{}", row.key, column.key).into(),
                    Some(cell(Value::Count(0), at)),
                );
                at += 2;
            }
        }
        for row in t3_data_rows(format) {
            for column in &T3_COLUMNS {
                cells.push(
                    format!("t3.{}.{}", row.key, column.key).into(),
                    Some(cell(Value::Count(0), at)),
                );
                at += 2;
            }
        }
        for group in &T4_GROUPS {
            for column in &T4_COLUMNS {
                cells.push(
                    format!("t4.{}.{}", group.key, column.key).into(),
                    Some(cell(Value::Count(0), at)),
                );
                at += 2;
            }
        }
        Report {
            format,
            year: Some(if format == Format::F2021 { 2022 } else { 2020 }),
            cells,
            ..Report::default()
        }
    }

    pub fn set(report: &mut Report, path: &str, value: i64) {
        let span = report
            .cells
            .iter()
            .position(|(p, _)| p == path)
            .map_or(0, |i| i * 2);
        assert!(
            report
                .cells
                .set(path, Some(cell(Value::Count(value), span))),
            "{path}"
        );
    }

    /// Runs one relation rule's `check` over `report`, then reports the relations it could not
    /// assess, as the pipeline does.
    pub fn run(
        report: &Report,
        check: for<'i, 'a> fn(
            &super::Cx,
            &'i [super::relation::Instance<'a>],
            &mut super::unassessable::Gaps<'i, 'a>,
            &mut Vec<crate::diagnostic::Diagnostic>,
        ),
    ) -> Vec<crate::diagnostic::Diagnostic> {
        let cx = super::Cx { text: "", report };
        let instances = super::relation::instances(report);
        let mut gaps = super::unassessable::Gaps::default();
        let mut out = Vec::new();
        check(&cx, &instances, &mut gaps, &mut out);
        gaps.report(&cx, &mut out);
        out
    }

    pub fn blank(report: &mut Report, path: &str) {
        assert!(report.cells.set(path, None), "{path}");
    }

    /// An old-format report from rows (label, parent row number, year value, cumulative).
    pub fn old(rows: &[(&str, Option<usize>, i64, Option<i64>)]) -> Report {
        let mut cells = CellMap::new();
        for (i, (label, parent, value, cumulative)) in rows.iter().enumerate() {
            let mut c = cell(Value::Count(*value), i * 4);
            c.old = Some(Box::new(OldRowInfo {
                label: label.to_string(),
                parent: parent.map(|p| format!("old.{p}").into()),
                unit: Some("件".to_string()),
            }));
            cells.push(format!("old.{}", i + 1).into(), Some(c));
            if let Some(v) = cumulative {
                cells.push(
                    format!("old.{}.cumulative", i + 1).into(),
                    Some(cell(Value::Count(*v), i * 4 + 2)),
                );
            }
        }
        Report {
            format: Format::Old,
            year: Some(2013),
            cells,
            ..Report::default()
        }
    }
}
