//! 2019 table 二: 上一年项目数量 + 本年增/减 ≥ 0 for the (五)(六)(八) rows (format-spec §4.1
//! R6); documented in [`DOC`].

use crate::naming::{self, CellId};
use super::{rule_doc, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::report::Format;

crate::codes::declare_codes! {
    /// 2019 table 二: 上一年项目数量 + 本年增/减 < 0.
    T2ItemsNegative = "t2-items-negative", Warning, "表二：上一年项目数量加本年增/减后小于 0";
}

rule_doc! {
    DOC: T2ItemsNegative,
    formula: "上一年项目数量 + 本年增/减 ≥ 0（2019 年格式表二，第二十条第（五）（六）（八）项）",
    explanation: "“本年增/减”是项目数量相对上一年的变化，可以为负，但减少的数量不会超过上一年原有的数量，所以上一年项目数量加上本年增/减后不应小于 0。",
    example: "行政许可：上一年 451，本年增/减 -256，本年为 195，正常；若上一年为 16 而本年增/减为 -28，请核对。",
}

/// This check in the registry ([`super::RULES`]).
pub const RULE: Rule = Rule {
    docs: &[DOC],
    run: Run::Report(check),
};

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    if cx.report.format != Format::F2019 {
        return;
    }
    for row in [
        "licensing",
        "other_services",
        "penalty",
        "enforcement",
        "fees",
    ] {
        let previous_path = CellId::t2(row, "previous").to_string();
        let change_path = CellId::t2(row, "change").to_string();
        let (Some(previous), Some(change)) = (
            cx.report.cells.get(&previous_path),
            cx.report.cells.get(&change_path),
        ) else {
            continue;
        };
        let (Some(p), Some(c)) = (previous.value.as_count(), change.value.as_count()) else {
            continue;
        };
        if p + c >= 0 {
            continue;
        }
        let label = naming::name(cx.report, &previous_path).row;
        out.push(
            Diagnostic::new(
                Code::T2ItemsNegative,
                change.span,
                format!(
                    "表二“{label}”的上一年项目数量为 {p}，本年增/减为 {c}，相加为 {}，项目数量不会小于 0。",
                    p + c
                ),
            )
            .with_cells([change_path, previous_path])
            .with_values(format!("≥ {}", -p), c.to_string())
            .with_label(previous.span, format!("上一年项目数量 = {p}"))
            .with_note(format!("{p} + ({c}) = {}", p + c))
            .with_help("请核对本年增/减和上一年项目数量。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    #[test]
    fn warns_when_the_decrease_exceeds_last_year() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t2.licensing.previous", 451);
        testing::set(&mut report, "t2.licensing.change", -256);
        testing::set(&mut report, "t2.fees.previous", 16);
        testing::set(&mut report, "t2.fees.change", -28);
        let cx = Cx {
            text: "",
            report: &report,
        };
        let mut out = Vec::new();
        check(&cx, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].cells[0], "t2.fees.change");
    }
}
