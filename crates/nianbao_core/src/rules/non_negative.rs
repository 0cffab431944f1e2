//! R5 · counts of tables 三 and 四, 2021 table 二 and 2019 table 二 (except 本年增/减) are
//! never negative; amounts of money are never negative (format-spec §4.1); documented in
//! [`DOC`].

use crate::naming::{self, CellId, Table};
use super::{rule_doc, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::report::Value;

crate::codes::declare_codes! {
    /// R5: a count (or 2021 amount) that must not be negative is negative.
    NegativeValue = "negative-value", Error, "不应为负数的单元格是负数";
}

rule_doc! {
    DOC: NegativeValue,
    formula: "表三、表四的每个数 ≥ 0；表二除 2019 年格式的“本年增/减”外每个数 ≥ 0；金额 ≥ 0",
    explanation: "申请件数、案件数、文件件数、处理决定数量和金额都不可能是负数。只有 2019 年格式表二的“本年增/减”是带符号的变化量，可以为负（如 -28）；2021 年格式的表二没有这一列，所以其中任何负数都是错误。",
    example: "表二“行政许可”本年增/减印为 -28，正常；表三某格印为 -1，错误。",
}

/// This check in the registry ([`super::RULES`]).
pub const RULE: Rule = Rule {
    docs: &[DOC],
    run: Run::Report(check),
};

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    for (path, cell) in cx.report.cells.iter() {
        let Some(cell) = cell else { continue };
        let signed = matches!(
            CellId::parse(path),
            Some(CellId::National {
                table: Table::T2,
                column: "change",
                ..
            })
        );
        if signed {
            continue;
        }
        let negative = match &cell.value {
            Value::Count(n) => *n < 0,
            Value::Money(d) => d.is_negative(),
            Value::Decimal(_) | Value::Placeholder => false,
        };
        if !negative {
            continue;
        }
        let name = naming::full(cx.report, path);
        let shown = &cx.text[cell.span.range()];
        out.push(
            Diagnostic::new(
                Code::NegativeValue,
                cell.span,
                format!("{name}是负数（{shown}），这一格不可能小于 0。"),
            )
            .with_cells([path.to_string()])
            .with_values("≥ 0", cell.value.display())
            .with_help("请核对这一格，是否误加了负号。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Format;
    use crate::rules::testing;

    fn run(report: &crate::report::Report) -> Vec<Diagnostic> {
        let text = " ".repeat(2000);
        let cx = Cx {
            text: &text,
            report,
        };
        let mut out = Vec::new();
        check(&cx, &mut out);
        out
    }

    #[test]
    fn a_signed_change_may_be_negative() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t2.licensing.change", -28);
        assert!(run(&report).is_empty());
    }

    #[test]
    fn counts_may_not() {
        let mut report = testing::national(Format::F2021);
        testing::set(&mut report, "t2.licensing.decisions", -1);
        testing::set(&mut report, "t3.new.total", -2);
        let out = run(&report);
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|d| d.code == Code::NegativeValue));
    }
}
