//! O3/N10 · the "其中" parts of a pre-2019 statistics row never add up to more than the row
//! (format-spec §4.2); documented in [`DOC`].

use super::old_parts_sum::{column_place, parts_expr};
use crate::relations::instance::Instance;
use super::unassessable::Gaps;
use super::{failure, rule_doc, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::relations::RelationId;

crate::codes::declare_codes! {
    /// Pre-2019 table: the "其中" parts of a row add up to more than the row.
    OldPartsExceed = "old-parts-exceed", Error, "统计表：“其中”各项之和大于所属的行";
}

rule_doc! {
    DOC: OldPartsExceed,
    formula: "“其中”各项之和 ≤ 所属的行（分项不穷尽时）",
    explanation: "“主动公开信息数”下的“其中：网站公开、政府公报公开”只列了部分公开渠道，“新闻发布会总次数”下的“其中：主要负责同志参加…”只是其中一部分，所以这些分项之和可以小于所属的行，但不能大于它。",
    example: "主动公开信息数 2026，其中网站公开 1795、政府公报公开 0：1795 ≤ 2026，成立。",
}

/// This check in the registry ([`super::RULES`]).
pub const RULE: Rule = Rule {
    docs: &[DOC],
    run: Run::Relations(check),
};

pub fn check<'i, 'a>(
    cx: &Cx,
    instances: &'i [Instance<'a>],
    gaps: &mut Gaps<'i, 'a>,
    out: &mut Vec<Diagnostic>,
) {
    for instance in instances
        .iter()
        .filter(|i| i.id == RelationId::OldPartsAtMost)
    {
        // Named only when the relation does not hold (most do).
        let column = || column_place(cx, instance);
        let Some((lhs, rhs)) = gaps.broken(instance, column) else {
            continue;
        };
        let place = column();
        let message =
            format!("统计表{place}为 {lhs}，但它的“其中”各项之和为 {rhs}，分项不应超过所属的行。");
        let primary = &instance.lhs[0].path;
        out.push(
            failure(
                cx,
                instance,
                Code::OldPartsExceed,
                message,
                primary,
                rhs,
                lhs,
            )
            .with_values(format!("≥ {rhs}"), lhs.to_string())
            .with_note(format!("{} = {rhs} > {lhs}", parts_expr(cx, instance)))
            .with_help("请核对这一行和它的“其中”各项。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    fn run(report: &crate::report::Report) -> Vec<Diagnostic> {
        testing::run(report, check)
    }

    #[test]
    fn passes_when_parts_stay_below() {
        let report = testing::old(&[
            ("主动公开信息数", None, 2026, Some(3542)),
            ("网站公开", Some(1), 1795, Some(3304)),
            ("政府公报公开", Some(1), 0, Some(7)),
        ]);
        assert!(run(&report).is_empty());
    }

    #[test]
    fn fails_when_parts_exceed_the_row() {
        let report = testing::old(&[
            ("主动公开信息数", None, 1795, None),
            ("网站公开", Some(1), 2026, None),
        ]);
        let out = run(&report);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::OldPartsExceed);
        assert_eq!(out[0].expected.as_deref(), Some("≥ 2026"));
    }
}
