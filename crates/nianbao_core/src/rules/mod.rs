//! The table and structure checks run over a parsed report. One check per file; each file
//! declares its [`Rule`] — the code's documentation ([`RuleDoc`], generated into the page's
//! rule catalogue and `docs/rules.md`) and its run function — and carries its pass/fail
//! vectors at the bottom; it declares its codes ([`crate::codes::declare_codes!`]) too.
//! [`registry!`] below is the one list of checks and codes: adding a check is one new file and
//! one line there.
//!
//! The relation rules (R1–R4, the pre-2019 parts rules) evaluate the relations of
//! [`crate::relations`] — the same definitions the parser uses to split glued digits and the
//! repair search uses to name the likely culprit. Cell names come from [`crate::naming`].

pub(crate) use crate::codes::rule_doc;
pub use crate::codes::RuleDoc;
use crate::codes::{count, flatten, Code, CodeDef};
use crate::diagnostic::Diagnostic;
use crate::join::Joined;
use crate::naming;
use crate::relations::instance::{self, Instance, Term};
use crate::report::Report;

/// Kept for code written before the move: the relation instances now live in
/// [`crate::relations::instance`] and cell naming in [`crate::naming`], below every stage.
#[doc(hidden)]
pub use crate::{naming as describe, relations::instance as relation};

/// How a check runs over a report.
#[derive(Clone, Copy)]
pub enum Run {
    /// Over the relation instances; a relation it cannot assess goes to the [`unassessable::Gaps`].
    Relations(
        for<'i, 'a> fn(
            &Cx,
            &'i [Instance<'a>],
            &mut unassessable::Gaps<'i, 'a>,
            &mut Vec<Diagnostic>,
        ),
    ),
    /// After every relation check: reports what they could not assess.
    Gaps(for<'i, 'a> fn(unassessable::Gaps<'i, 'a>, &Cx, &mut Vec<Diagnostic>)),
    /// Over the report as read.
    Report(fn(&Cx, &mut Vec<Diagnostic>)),
}

/// One check: the codes it reports, documented, and how it runs.
#[derive(Clone, Copy)]
pub struct Rule {
    pub docs: &'static [RuleDoc],
    pub run: Run,
}

/// The registry: declares each check's module and lists its [`Rule`] and its codes — the one
/// list of every code, with the codes of the stages that have no check file (reading the text
/// before the checks, the prose and cross-year checks after them). A code's place here is its
/// order: diagnostics at one offset and the catalogue follow it. Checks run in this order by
/// kind (relation checks, then the gaps they left, then the report checks).
macro_rules! registry {
    (codes: [$($before:path),*], checks: [$($module:ident,)*], codes: [$($after:path),*] $(,)?) => {
        $(pub mod $module;)*
        /// Every table and structure check.
        pub const RULES: &[Rule] = &[$($module::RULE,)*];

        const CODE_GROUPS: &[&[CodeDef]] = &[$($before,)* $($module::CODES,)* $($after,)*];
        /// Every code, in order ([`Code`] is its place here).
        pub const CODE_TABLE: [CodeDef; count(CODE_GROUPS)] = flatten(CODE_GROUPS);

        /// Each check with the module name and the codes it declares, for the registry's tests.
        #[cfg(test)]
        const CHECKS: &[(&str, &[CodeDef], Rule)] = &[$((stringify!($module), $module::CODES, $module::RULE),)*];
    };
}

registry! {
    codes: [crate::parse::codes::CODES],
    checks: [
        t3_identity,
        t3_row_total,
        t3_result_total,
        t4_group_total,
        non_negative,
        t2_published,
        t2_items,
        old_parts_sum,
        old_parts_exceed,
        old_cumulative,
        percent,
        unassessable,
        sections,
        format_year,
        years,
    ],
    codes: [crate::prose::CODES, crate::cross_year::CODES],
}

/// What every rule sees: the text and the report read from it.
pub struct Cx<'a> {
    pub text: &'a str,
    pub report: &'a Report,
}

/// Runs every check of [`RULES`] over the report's relations ([`instance::instances`]).
/// Diagnostics come out unsorted.
pub fn check(text: &str, report: &Report, instances: &[Instance]) -> Vec<Diagnostic> {
    let cx = Cx { text, report };
    let mut out = Vec::new();
    let mut gaps = unassessable::Gaps::default();
    for rule in RULES {
        if let Run::Relations(run) = rule.run {
            run(&cx, instances, &mut gaps, &mut out);
        }
    }
    for rule in RULES {
        if let Run::Gaps(run) = rule.run {
            run(std::mem::take(&mut gaps), &cx, &mut out);
        }
    }
    for rule in RULES {
        if let Run::Report(run) = rule.run {
            run(&cx, &mut out);
        }
    }
    out
}

/// The sum of a side as printed: "1 + 0 + 空白".
pub(crate) fn side_expr(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| match (t.cell, t.count()) {
            (_, Some(v)) if v < 0 => format!("({v})"),
            (_, Some(v)) => v.to_string(),
            (Some(_), None) => "“/”".to_string(),
            (None, None) => "空白".to_string(),
        })
        .collect::<Vec<_>>()
        .joined(" + ")
}

/// A broken relation as a diagnostic: every cell involved, the compared amounts, the printed
/// total as the primary location until the repair search names a likelier cell, and the
/// other non-zero cells as secondary labels.
pub(crate) fn failure(
    cx: &Cx,
    instance: &Instance,
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
                    format!("{} = {v}", naming::full(cx.report, t.path)),
                );
            }
        }
    }
    if let instance::Outcome::FailsAnyway { .. } = outcome {
        let blanks = instance.terms().filter(|t| t.count().is_none()).count();
        d = d.with_note(format!(
            "另有 {blanks} 个单元格没有读到数字；空白不按 0 计，但由于数量不会是负数，无论空白处填什么，这个关系都不能成立。"
        ));
    }
    d
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    #[test]
    fn every_code_is_declared_exactly_once() {
        for (i, def) in CODE_TABLE.iter().enumerate() {
            let declared = CODE_TABLE.iter().filter(|d| d.name == def.name).count();
            assert_eq!(declared, 1, "{} is declared {declared} times", def.name);
            assert_eq!(Code::ALL[i].as_str(), def.name);
            assert_eq!(Code::declared(def.name), Code::ALL[i]);
        }
        assert_eq!(Code::ALL.len(), CODE_TABLE.len());
    }

    #[test]
    fn each_check_declares_the_codes_it_documents() {
        for (module, codes, rule) in CHECKS {
            assert!(!codes.is_empty(), "{module} declares no code");
            for doc in rule.docs {
                assert!(
                    codes.iter().any(|c| c.name == doc.code.as_str()),
                    "{module} documents {}, declared elsewhere",
                    doc.code.as_str()
                );
            }
            for code in *codes {
                assert!(
                    rule.docs.iter().any(|d| d.code.as_str() == code.name),
                    "{module} declares {} without documenting it",
                    code.name
                );
            }
        }
    }

    #[test]
    fn the_catalogue_lists_every_code_in_registry_order() {
        let entries = crate::catalogue::entries();
        let listed: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
        let declared: Vec<&str> = CODE_TABLE.iter().map(|d| d.name).collect();
        assert_eq!(listed, declared);
        let markdown = crate::catalogue::markdown();
        for name in declared {
            assert_eq!(
                markdown.matches(&format!("`{name}`")).count(),
                1,
                "{name} in docs/rules.md"
            );
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! The builders of [`crate::testing`], and a runner for one relation rule.

    use crate::report::Report;
    pub use crate::testing::*;

    /// Runs one relation rule's `check` over `report`, then reports the relations it could not
    /// assess, as the pipeline does.
    pub fn run(
        report: &Report,
        check: for<'i, 'a> fn(
            &super::Cx,
            &'i [super::Instance<'a>],
            &mut super::unassessable::Gaps<'i, 'a>,
            &mut Vec<crate::diagnostic::Diagnostic>,
        ),
    ) -> Vec<crate::diagnostic::Diagnostic> {
        let cx = super::Cx { text: "", report };
        let instances = super::instance::instances(report);
        let mut gaps = super::unassessable::Gaps::default();
        let mut out = Vec::new();
        check(&cx, &instances, &mut gaps, &mut out);
        gaps.report(&cx, &mut out);
        out
    }
}
