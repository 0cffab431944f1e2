//! R7 · 2019 table 二: 对外公开总数量 ≥ 本年新公开数量 (format-spec §4.1, heuristic);
//! documented in [`DOC`].

use crate::naming::{self, CellId};
use super::{rule_doc, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::report::Format;

crate::codes::declare_codes! {
    /// R7: 2019 table 二 对外公开总数量 < 本年新公开数量.
    T2TotalBelowPublished = "t2-total-below-published", Warning, "表二：对外公开总数量小于本年新公开数量";
}

rule_doc! {
    DOC: T2TotalBelowPublished,
    formula: "对外公开总数量 ≥ 本年新公开数量（2019 年格式表二，第二十条第（一）项）",
    explanation: "对外公开总数量是截至本年底对外公开的规章或规范性文件总数，通常包含本年新公开的文件，所以一般不会小于本年新公开数量。它不是严格的等式（文件会废止或失效），因此只作提醒。",
    example: "规范性文件：本年新公开 60，对外公开总数 368，正常；若对外公开总数为 45 而本年新公开为 60，请核对。",
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
    for row in ["rules", "normative_docs"] {
        let published_path = CellId::t2(row, "published").to_string();
        let total_path = CellId::t2(row, "total").to_string();
        let (Some(published), Some(total)) = (
            cx.report.cells.get(&published_path),
            cx.report.cells.get(&total_path),
        ) else {
            continue;
        };
        let (Some(p), Some(t)) = (published.value.as_count(), total.value.as_count()) else {
            continue;
        };
        if t >= p {
            continue;
        }
        let label = naming::name(cx.report, &total_path).row;
        out.push(
            Diagnostic::new(
                Code::T2TotalBelowPublished,
                total.span,
                format!("表二“{label}”的对外公开总数量为 {t}，小于本年新公开数量 {p}。"),
            )
            .with_cells([total_path, published_path])
            .with_values(format!("≥ {p}"), t.to_string())
            .with_label(published.span, format!("本年新公开数量 = {p}"))
            .with_help("请核对对外公开总数量是否只填了本年数，或与本年新公开数量填反。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    #[test]
    fn warns_only_when_the_total_is_smaller() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t2.normative_docs.published", 60);
        testing::set(&mut report, "t2.normative_docs.total", 368);
        let cx = Cx {
            text: "",
            report: &report,
        };
        let mut out = Vec::new();
        check(&cx, &mut out);
        assert!(out.is_empty());
        testing::set(&mut report, "t2.normative_docs.total", 45);
        let cx = Cx {
            text: "",
            report: &report,
        };
        check(&cx, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].expected.as_deref(), Some("≥ 60"));
    }
}
