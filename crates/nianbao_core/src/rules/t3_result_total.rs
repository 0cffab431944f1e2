//! R3 · 表三 （七）总计 = the sum of every result row, for each column (format-spec §4.1);
//! documented in [`DOC`].

use crate::relations::instance::Instance;
use super::unassessable::Gaps;
use super::{failure, rule_doc, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::naming::{CellId, Table};
use crate::relations::RelationId;
use crate::vocab::national::{t3_data_rows, T3_COLUMNS};
use crate::join::Joined;

crate::codes::declare_codes! {
    /// R3: （七）总计 = the sum of every result row, per column.
    T3ResultTotal = "t3-result-total", Error, "表三：（七）总计不等于各项办理结果之和";
}

rule_doc! {
    DOC: T3ResultTotal,
    formula: "（七）总计 = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）（2021 年格式为（六）1–3），每一列",
    explanation: "“三、本年度办理结果”下的每一行都是一种办理结果。（二）部分公开的行标签写明“区分处理的，只计这一情形，不计其他情形”，即每件办结的申请只计入一种结果，所以（七）总计必须等于（一）至（六）各行之和。只核对第一项加第二项等于第三项加第四项还不够：有的报告总计与一、二、四平衡，但各结果行加起来并不等于总计。",
    example: "（二）部分公开·自然人 = 1，其他结果行都是 0，而（七）总计·自然人 = 0：各结果行之和为 1，总计却是 0。",
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
    for instance in instances
        .iter()
        .filter(|i| i.id == RelationId::T3ResultTotal)
    {
        let column = T3_COLUMNS[instance.index].label;
        let Some((lhs, rhs)) = gaps.broken(instance, || column.to_string()) else {
            continue;
        };
        let message = format!(
            "表三“{column}”列的（七）总计为 {lhs}，但（一）至（六）各项办理结果之和为 {rhs}，两者应相等。"
        );
        // Name the non-zero rows; the zeros only lengthen the sum.
        let mut parts = Vec::new();
        let mut zeros = 0;
        for term in &instance.rhs {
            let row = match CellId::parse(term.path) {
                Some(CellId::National {
                    table: Table::T3,
                    row,
                    ..
                }) => Some(row),
                _ => None,
            }
            .and_then(|key| {
                    t3_data_rows(cx.report.format)
                        .position(|r| r.key == key)
                        .map(|i| rows[i])
                })
                .unwrap_or("");
            match term.count() {
                Some(0) => zeros += 1,
                Some(v) => parts.push(format!("{row} {v}")),
                None => parts.push(format!("{row} 空白")),
            }
        }
        let listed = if parts.is_empty() {
            "各行都是 0".to_string()
        } else {
            parts.joined(" + ")
        };
        let rest = if zeros > 0 && !parts.is_empty() {
            format!("（其余 {zeros} 行为 0）")
        } else {
            String::new()
        };
        let primary = &instance.lhs[0].path;
        out.push(
            failure(
                cx,
                instance,
                Code::T3ResultTotal,
                message,
                primary,
                rhs,
                lhs,
            )
            .with_note(format!(
                "各结果行之和 = {listed}{rest} = {rhs}，但（七）总计 = {lhs}"
            ))
            .with_help("请核对这一列的（七）总计和各项办理结果。"),
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
    fn passes_when_results_add_up_in_both_formats() {
        for (format, other) in [
            (Format::F2019, "t3.other.natural_person"),
            (Format::F2021, "t3.other.other.natural_person"),
        ] {
            let mut report = testing::national(format);
            testing::set(&mut report, other, 2);
            testing::set(&mut report, "t3.partial.natural_person", 1);
            testing::set(&mut report, "t3.total.natural_person", 3);
            assert!(run(&report).is_empty(), "{format:?}");
        }
    }

    #[test]
    fn fails_when_the_total_misses_a_row() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t3.partial.natural_person", 1);
        let out = run(&report);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::T3ResultTotal);
        assert_eq!(
            out[0].notes[0],
            "各结果行之和 = （二）部分公开 1（其余 18 行为 0） = 1，但（七）总计 = 0"
        );
        assert_eq!(out[0].cells.len(), 20);
    }

    #[test]
    fn parts_read_above_the_total_fail_whatever_the_blanks_hold() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t3.granted.natural_person", 2);
        testing::blank(&mut report, "t3.partial.natural_person");
        testing::set(&mut report, "t3.total.natural_person", 1);
        let out = run(&report);
        let r3: Vec<_> = out
            .iter()
            .filter(|d| d.code == Code::T3ResultTotal)
            .collect();
        assert_eq!(r3.len(), 1);
        assert!(r3[0].notes.iter().any(|n| n.contains("无论空白处填什么")));
    }
}
