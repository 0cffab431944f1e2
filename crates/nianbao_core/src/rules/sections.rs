//! The six parts of a national-format report (format-spec: report skeleton); documented in
//! [`DOC`].

use super::{rule_doc, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::report::{Format, Span};

crate::codes::declare_codes! {
    /// One of the six parts of a national-format report is missing.
    SectionMissing = "section-missing", Warning, "报告缺少规定的部分";
}

rule_doc! {
    DOC: SectionMissing,
    formula: "一、总体情况 … 六、其他需要报告的事项，六个部分齐全",
    explanation: "2019 年和 2021 年的统一格式都要求年度报告包括六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。缺少某一部分说明内容不全，或标题写法与规定相差太远。文本在表格中途结束时，另有“文本不完整”的提示，不再逐个列出后面缺少的部分。",
    example: "报告有一、二、三、四、六，没有“五、存在的主要问题及改进情况”。",
}

/// This check in the registry ([`super::RULES`]).
pub const RULE: Rule = Rule {
    docs: &[DOC],
    run: Run::Report(check),
};

/// Official titles of the six parts.
pub const TITLES: [&str; 6] = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
];

const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let report = cx.report;
    let national_year = report.year.is_some_and(|y| y >= 2019);
    let applies =
        report.format.is_national() || (report.format == Format::Unknown && national_year);
    if !applies || report.sections.is_empty() {
        return;
    }
    let last = report.sections.iter().map(|s| s.number).max().unwrap_or(0);
    // A text cut off before 五 is reported as truncated; only gaps and a missing 六 after 五.
    let upto = if last == 5 { 6 } else { last };
    for number in 1..=upto {
        if report.sections.iter().any(|s| s.number == number) {
            continue;
        }
        let i = usize::from(number - 1);
        let at = report
            .sections
            .iter()
            .find(|s| s.number > number)
            .map_or(Span::empty_at(cx.text.trim_end().len()), |s| {
                Span::empty_at(s.span.start as usize)
            });
        out.push(
            Diagnostic::new(
                Code::SectionMissing,
                at,
                format!(
                    "报告中没有找到第{}部分“{}、{}”；统一格式要求年度报告包括六个部分。",
                    NUMERALS[i], NUMERALS[i], TITLES[i]
                ),
            )
            .with_help(format!(
                "如果报告中有这部分内容，请使用“{}、{}”作为标题。",
                NUMERALS[i], TITLES[i]
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Report, Section};

    fn report(numbers: &[u8]) -> Report {
        Report {
            format: Format::F2021,
            year: Some(2022),
            sections: numbers
                .iter()
                .map(|&n| Section {
                    number: n,
                    title: String::new(),
                    span: Span::new(usize::from(n) * 10, usize::from(n) * 10 + 2),
                    line: 1,
                })
                .collect(),
            ..Report::default()
        }
    }

    fn run(numbers: &[u8]) -> Vec<Diagnostic> {
        let report = report(numbers);
        let text = " ".repeat(100);
        let cx = Cx {
            text: &text,
            report: &report,
        };
        let mut out = Vec::new();
        check(&cx, &mut out);
        out
    }

    #[test]
    fn six_parts_pass() {
        assert!(run(&[1, 2, 3, 4, 5, 6]).is_empty());
    }

    #[test]
    fn a_gap_and_a_missing_last_part_are_reported() {
        let out = run(&[1, 2, 3, 4, 6]);
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("五、存在的主要问题及改进情况"));
        assert_eq!(out[0].span, Span::empty_at(60));
        let out = run(&[1, 2, 3, 4, 5]);
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("六、其他需要报告的事项"));
    }

    #[test]
    fn a_truncated_text_is_left_to_the_truncation_finding() {
        assert!(run(&[1, 2]).is_empty());
    }
}
