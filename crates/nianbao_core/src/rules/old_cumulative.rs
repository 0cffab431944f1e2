//! O4 · 历年累计 ≥ the year's value in a pre-2019 statistics row (format-spec §4.2);
//! documented in [`DOC`].

use crate::naming;
use crate::relations::instance::Instance;
use super::unassessable::Gaps;
use super::{failure, rule_doc, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::relations::RelationId;

crate::codes::declare_codes! {
    /// Pre-2019 table: 历年累计 < the year's value.
    OldCumulativeBelow = "old-cumulative-below", Error, "统计表：历年累计小于本年度数";
}

rule_doc! {
    DOC: OldCumulativeBelow,
    formula: "历年累计 ≥ 本年度（每一行）",
    explanation: "福建等地 2008–2018 年的统计表有“本年度”和“历年累计”两列，历年累计是自 2008 年以来的合计，包含本年度，所以不可能小于本年度数。",
    example: "受理依申请公开信息总数：本年度 7，历年累计 28，成立；若历年累计印成 2，则不成立。",
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
        .filter(|i| i.id == RelationId::OldCumulative)
    {
        // Named only when the relation does not hold (most do).
        let row_name = || naming::name(cx.report, instance.lhs[0].path).row;
        let Some((lhs, rhs)) = gaps.broken(instance, row_name) else {
            continue;
        };
        let row = row_name();
        let message = format!(
            "统计表{row}的历年累计为 {lhs}，小于本年度的 {rhs}；历年累计包含本年度，不应更小。"
        );
        let primary = &instance.lhs[0].path;
        out.push(
            failure(
                cx,
                instance,
                Code::OldCumulativeBelow,
                message,
                primary,
                rhs,
                lhs,
            )
            .with_values(format!("≥ {rhs}"), lhs.to_string())
            .with_note(format!("历年累计 {lhs} < 本年度 {rhs}"))
            .with_help("请核对这一行的两个数，是否填反或漏了位数。"),
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
    fn passes_and_fails() {
        assert!(run(&testing::old(&[("行政复议数", None, 2, Some(2))])).is_empty());
        let out = run(&testing::old(&[("行政复议数", None, 3, Some(2))]));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::OldCumulativeBelow);
        assert_eq!(out[0].actual.as_deref(), Some("2"));
    }
}
