//! R1 · 表三 一 + 二 = （七）总计 + 四, for each of the seven columns (format-spec §4.1). The
//! only balance rule printed in the official table itself; documented in [`DOC`].

use crate::relations::instance::Instance;
use super::unassessable::Gaps;
use super::{failure, rule_doc, side_expr, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::relations::RelationId;
use crate::vocab::national::T3_COLUMNS;

crate::codes::declare_codes! {
    /// R1: 一 + 二 = （七）总计 + 四, per column of table 三 (printed in the official table).
    T3Identity = "t3-identity", Error, "表三：第一项加第二项之和，不等于第三项加第四项之和";
}

rule_doc! {
    DOC: T3Identity,
    formula: "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理（每一列）",
    explanation: "表三左上角印有官方的勾稽关系：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”。也就是说，每一列（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）中，本年新收的申请加上上年结转的申请，必须等于本年办理完毕的申请（三、本年度办理结果的（七）总计）加上结转到下年度继续办理的申请。申请不会凭空出现或消失，所以这是一个必须严格相等的关系；不相等说明至少有一个数字填错了。",
    example: "某列一 = 1、二 = 0，但（七）总计 = 0、四 = 0：1 + 0 = 1，而 0 + 0 = 0，不相等；通常是（七）总计漏填了 1。",
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
    for instance in instances.iter().filter(|i| i.id == RelationId::T3Identity) {
        let column = T3_COLUMNS[instance.index].label;
        let Some((lhs, rhs)) = gaps.broken(instance, || column.to_string()) else {
            continue;
        };
        let message = format!(
            "表三“{column}”列不平衡：一、本年新收与二、上年结转之和为 {lhs}，而（七）总计与四、结转下年度继续办理之和为 {rhs}，两者应相等。"
        );
        let primary = &instance.rhs[0].path;
        out.push(
            failure(cx, instance, Code::T3Identity, message, primary, lhs, rhs)
                .with_note(format!(
                    "一 + 二 = {} = {lhs}，但（七）总计 + 四 = {} = {rhs}",
                    side_expr(&instance.lhs),
                    side_expr(&instance.rhs)
                ))
                .with_help("请核对这一列的一、二、（七）总计和四这四个数，至少有一个填错了。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Format;
    use crate::relations::instance as relation;
    use crate::rules::testing;

    fn run(report: &crate::report::Report) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let cx = Cx { text: "", report };
        let instances = relation::instances(report);
        let mut gaps = Gaps::default();
        let mut out = Vec::new();
        check(&cx, &instances, &mut gaps, &mut out);
        let mut info = Vec::new();
        gaps.report(&cx, &mut info);
        (out, info)
    }

    #[test]
    fn passes_when_every_column_balances() {
        let mut report = testing::national(Format::F2019);
        for (path, v) in [
            ("t3.new.natural_person", 3),
            ("t3.carried_over.natural_person", 1),
            ("t3.total.natural_person", 2),
            ("t3.carried_forward.natural_person", 2),
        ] {
            testing::set(&mut report, path, v);
        }
        let (errors, info) = run(&report);
        assert!(errors.is_empty() && info.is_empty());
    }

    #[test]
    fn fails_with_both_sums_and_the_arithmetic() {
        let mut report = testing::national(Format::F2021);
        testing::set(&mut report, "t3.new.natural_person", 1);
        let (errors, _) = run(&report);
        assert_eq!(errors.len(), 1);
        let d = &errors[0];
        assert_eq!(d.code, Code::T3Identity);
        assert!(d.message.contains("自然人"));
        assert_eq!(
            (d.expected.as_deref(), d.actual.as_deref()),
            (Some("1"), Some("0"))
        );
        assert_eq!(
            d.notes[0],
            "一 + 二 = 1 + 0 = 1，但（七）总计 + 四 = 0 + 0 = 0"
        );
        assert_eq!(d.cells.len(), 4);
    }

    #[test]
    fn a_blank_is_not_read_as_zero() {
        let mut report = testing::national(Format::F2019);
        testing::blank(&mut report, "t3.carried_over.research");
        let (errors, info) = run(&report);
        assert!(errors.is_empty());
        assert_eq!(info.len(), 1);
        assert_eq!(info[0].cells, ["t3.carried_over.research"]);
        assert!(info[0].message.contains("在科研机构列无法核对"));
    }
}
