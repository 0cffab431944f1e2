//! R4 · 表四 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, for each of the three groups
//! (format-spec §4.1); documented in [`DOC`].

use crate::relations::instance::Instance;
use super::unassessable::Gaps;
use super::{failure, rule_doc, side_expr, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::relations::RelationId;
use crate::vocab::national::T4_GROUPS;

crate::codes::declare_codes! {
    /// R4: table 四 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, per group.
    T4GroupTotal = "t4-group-total", Error, "表四：总计不等于结果维持、结果纠正、其他结果、尚未审结之和";
}

rule_doc! {
    DOC: T4GroupTotal,
    formula: "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结（行政复议、未经复议直接起诉、复议后起诉各一组）",
    explanation: "表四分三组统计因政府信息公开工作引起的行政复议和行政诉讼：行政复议，行政诉讼中未经复议直接起诉的，以及复议后起诉的。每组的“总计”是该组全部案件数，每件案件要么已有结果（维持、纠正、其他结果），要么尚未审结，所以总计必须等于这四项之和。",
    example: "行政复议：结果维持 5、结果纠正 0、其他结果 0、尚未审结 2，总计应为 7。",
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
        .filter(|i| i.id == RelationId::T4GroupTotal)
    {
        let group = T4_GROUPS[instance.index].label;
        let Some((lhs, rhs)) = gaps.broken(instance, || format!("“{group}”")) else {
            continue;
        };
        let message = format!(
            "表四“{group}”的总计为 {lhs}，但结果维持、结果纠正、其他结果、尚未审结之和为 {rhs}，两者应相等。"
        );
        let primary = &instance.lhs[0].path;
        out.push(
            failure(cx, instance, Code::T4GroupTotal, message, primary, rhs, lhs)
                .with_note(format!(
                    "结果维持 + 结果纠正 + 其他结果 + 尚未审结 = {} = {rhs}，但总计 = {lhs}",
                    side_expr(&instance.rhs)
                ))
                .with_help("请核对这一组的总计和四项结果。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Format;
    use crate::rules::testing;

    fn run(report: &crate::report::Report) -> Vec<Diagnostic> {
        testing::run(report, check)
    }

    #[test]
    fn passes_when_each_group_adds_up() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t4.review.upheld", 5);
        testing::set(&mut report, "t4.review.pending", 2);
        testing::set(&mut report, "t4.review.total", 7);
        assert!(run(&report).is_empty());
    }

    #[test]
    fn fails_on_a_group_total() {
        let mut report = testing::national(Format::F2021);
        testing::set(&mut report, "t4.litigation_after_review.upheld", 1);
        let out = run(&report);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::T4GroupTotal);
        assert!(out[0].message.contains("复议后起诉"));
        assert_eq!(
            out[0].notes[0],
            "结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 1 + 0 + 0 + 0 = 1，但总计 = 0"
        );
    }

    #[test]
    fn a_blank_group_cannot_be_assessed() {
        let mut report = testing::national(Format::F2019);
        for column in ["upheld", "corrected", "other", "pending", "total"] {
            testing::blank(&mut report, &format!("t4.review.{column}"));
        }
        let out = run(&report);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::RelationUnassessable);
        assert_eq!(out[0].cells.len(), 5);
        assert!(out[0].message.contains("行政复议"));
    }
}
