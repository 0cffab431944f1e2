//! R2 · 表三 each row's 总计 = the six applicant columns (format-spec §4.1); documented in
//! [`DOC`].

use crate::relations::instance::{Instance, Outcome};
use super::unassessable::Gaps;
use super::{failure, rule_doc, side_expr, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::relations::RelationId;
use crate::vocab::national::t3_data_rows;

crate::codes::declare_codes! {
    /// R2: each row's 总计 = the six applicant columns.
    T3RowTotal = "t3-row-total", Error, "表三：某行的总计不等于各申请人列之和";
}

rule_doc! {
    DOC: T3RowTotal,
    formula: "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他（每一行）",
    explanation: "表三的“总计”列是同一行六类申请人（自然人，以及法人或其他组织中的商业企业、科研机构、社会公益组织、法律服务机构、其他）的合计。每一行的总计都必须等于这六个数之和；不相等时，要么总计算错，要么某一类申请人的数填错了。",
    example: "“（一）予以公开”一行：自然人 258、商业企业 12、法律服务机构 1、其他 1，其余为 0，总计应为 272；若总计印成 258，则不平衡。",
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
    let rows: Vec<&str> = t3_data_rows(cx.report.format).map(|r| r.short).collect();
    for instance in instances.iter().filter(|i| i.id == RelationId::T3RowTotal) {
        let row = rows.get(instance.index).copied().unwrap_or("");
        let (lhs, rhs) = match instance.outcome() {
            Outcome::Holds => continue,
            Outcome::Unknown { .. } => {
                // A row with no cell read is already reported as missing by the reader.
                if instance.terms().any(|t| t.count().is_some()) {
                    gaps.add(instance, format!("“{row}”"));
                }
                continue;
            }
            Outcome::Fails { lhs, rhs } | Outcome::FailsAnyway { lhs, rhs } => (lhs, rhs),
        };
        let message =
            format!("表三“{row}”一行的总计为 {lhs}，但六类申请人之和为 {rhs}，两者应相等。");
        let primary = &instance.lhs[0].path;
        out.push(
            failure(cx, instance, Code::T3RowTotal, message, primary, rhs, lhs)
                .with_note(format!(
                    "自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 = {} = {rhs}，但总计 = {lhs}",
                    side_expr(&instance.rhs)
                ))
                .with_help("请核对这一行的总计和六类申请人的数字。"),
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
    fn passes_when_the_total_is_the_sum() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t3.granted.natural_person", 258);
        testing::set(&mut report, "t3.granted.commercial", 14);
        testing::set(&mut report, "t3.granted.total", 272);
        assert!(run(&report).is_empty());
    }

    #[test]
    fn fails_on_a_wrong_total() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t3.granted.natural_person", 258);
        testing::set(&mut report, "t3.granted.commercial", 14);
        testing::set(&mut report, "t3.granted.total", 258);
        let out = run(&report);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::T3RowTotal);
        assert_eq!(out[0].expected.as_deref(), Some("272"));
        assert_eq!(out[0].actual.as_deref(), Some("258"));
        assert!(out[0].message.contains("（一）予以公开"));
    }

    #[test]
    fn a_blank_total_is_stated_with_what_it_should_hold_if_blanks_were_zero() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t3.granted.natural_person", 258);
        testing::blank(&mut report, "t3.granted.total");
        let out = run(&report);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::RelationUnassessable);
        assert!(out[0].notes.iter().any(|n| n.contains("0 与 258 不符")));
    }
}
