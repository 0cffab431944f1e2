//! O1/O2/N1/N3–N9 · a pre-2019 statistics row = the sum of its parts where the parts are
//! exhaustive (format-spec §4.2); documented in [`DOC`].

use crate::naming;
use crate::relations::instance::Instance;
use super::unassessable::Gaps;
use super::{failure, rule_doc, side_expr, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::relations::RelationId;
use crate::join::Joined;

crate::codes::declare_codes! {
    /// Pre-2019 table: a parent row ≠ the sum of its exhaustive parts.
    OldPartsSum = "old-parts-sum", Error, "统计表：合计行不等于其分项之和";
}

rule_doc! {
    DOC: OldPartsSum,
    formula: "合计行 = 其下各分项之和（分项穷尽时；本年度、历年累计各列分别核对）",
    explanation: "2019 年以前的统计表中，许多行由下面的编号分项组成，例如“受理依申请公开信息总数”由当面、传真、电子邮件、网上、信函、其他形式申请数组成，“对申请的答复总数”由同意公开、同意部分公开、不予公开等答复数组成，“行政复议数量”由维持、纠错、其他情形组成。分项覆盖了全部情形时，合计必须等于分项之和。“主动公开信息数”这类行的分项只列了部分渠道，不适用本规则，只核对“其中”各项不超过合计。",
    example: "受理依申请公开信息总数 7，分项为当面 0、传真 0、电子邮件 3、网上 4、信函 0、其他 0：0 + 0 + 3 + 4 + 0 + 0 = 7，相等。",
}

/// This check in the registry ([`super::RULES`]).
pub const RULE: Rule = Rule {
    docs: &[DOC],
    run: Run::Relations(check),
};

pub(crate) fn column_place(cx: &Cx, instance: &Instance) -> String {
    let name = naming::name(cx.report, instance.lhs[0].path);
    if name.column.is_empty() {
        name.row
    } else {
        format!("{}（{}）", name.row, name.column)
    }
}

/// "当面申请数 + 网上申请数 = 3 + 4": the parts of a row by name, then by value.
pub(super) fn parts_expr(cx: &Cx, instance: &Instance) -> String {
    let parts: Vec<String> = instance
        .rhs
        .iter()
        .map(|t| naming::name(cx.report, t.path).row)
        .collect();
    format!("{} = {}", parts.joined(" + "), side_expr(&instance.rhs))
}

pub fn check<'i, 'a>(
    cx: &Cx,
    instances: &'i [Instance<'a>],
    gaps: &mut Gaps<'i, 'a>,
    out: &mut Vec<Diagnostic>,
) {
    for instance in instances.iter().filter(|i| i.id == RelationId::OldPartsSum) {
        // Named only when the relation does not hold (most do).
        let column = || column_place(cx, instance);
        let Some((lhs, rhs)) = gaps.broken(instance, column) else {
            continue;
        };
        let place = column();
        let message = format!("统计表{place}为 {lhs}，但其下各分项之和为 {rhs}，两者应相等。");
        let primary = &instance.lhs[0].path;
        out.push(
            failure(cx, instance, Code::OldPartsSum, message, primary, rhs, lhs)
                .with_note(format!(
                    "{} = {rhs}，但合计 = {lhs}",
                    parts_expr(cx, instance)
                ))
                .with_help("请核对这一行和它的各分项。"),
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
    fn passes_when_parts_add_up() {
        let report = testing::old(&[
            ("受理依申请公开信息总数", None, 7, Some(28)),
            ("当面申请数", Some(1), 3, Some(18)),
            ("网上申请数", Some(1), 4, Some(10)),
        ]);
        assert!(run(&report).is_empty());
    }

    #[test]
    fn fails_per_column() {
        let report = testing::old(&[
            ("受理依申请公开信息总数", None, 7, Some(29)),
            ("当面申请数", Some(1), 3, Some(18)),
            ("网上申请数", Some(1), 4, Some(10)),
        ]);
        let out = run(&report);
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("历年累计"));
        assert_eq!(out[0].expected.as_deref(), Some("28"));
        assert_eq!(out[0].actual.as_deref(), Some("29"));
    }

    #[test]
    fn channel_parents_are_not_exhaustive() {
        // 主动公开信息数 2026 ≥ 网站 1795 + 公报 0 (平潭县 2012): not an equality.
        let report = testing::old(&[
            ("主动公开信息数", None, 2026, None),
            ("网站公开", Some(1), 1795, None),
            ("政府公报公开", Some(1), 0, None),
        ]);
        assert!(run(&report).is_empty());
    }
}
