//! The report year as stated in different places: the title, the statistics period and the
//! statistics sentences of the prose; documented in [`DOC`] and [`DOC_PROSE`].

use super::{rule_doc, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::report::Span;
use crate::text::find::find_all;

crate::codes::declare_codes! {
    /// The year in the title and the statistics period differ.
    YearMismatch = "year-mismatch", Warning, "标题中的年度与统计期限的年度不一致";
    /// A statistics sentence in the prose names another year.
    ProseYear = "prose-year", Info, "正文中统计数据所属的年份与报告年度不一致";
}

rule_doc! {
    DOC: YearMismatch,
    formula: "标题中的年度 = 统计期限的年度",
    explanation: "年度报告的标题（如“2020年政府信息公开工作年度报告”）和正文中的统计期限（如“本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止”）应是同一年。两者不一致，多半是沿用了往年的报告没有改全，所报数字属于哪一年也就不清楚了。",
    example: "标题为 2020 年度，统计期限却写“2019年1月1日至12月31日”。",
}

rule_doc! {
    DOC_PROSE: ProseYear,
    formula: "正文中陈述本年统计数据的句子所写的年份 = 报告年度",
    explanation: "正文中以年份开头陈述申请、收费、主动公开、复议诉讼等统计情况的句子，所写年份应是报告年度。写成上一年，常是沿用往年报告的文字没有改年份。含“同比”“以来”“截至”等词的句子是在比较或回顾，不在此列。只作提示。",
    example: "2017 年度报告写“2016年我市各级政府及其工作部门依申请提供政府信息继续暂不收费”。",
}

/// This check in the registry ([`super::RULES`]).
pub const RULE: Rule = Rule {
    docs: &[DOC, DOC_PROSE],
    run: Run::Report(check),
};

/// Words of a sentence that states this year's statistics.
const CUES: [&str; 7] = [
    "收费",
    "收取",
    "费用",
    "申请",
    "主动公开",
    "行政复议",
    "行政诉讼",
];
/// Words of a sentence that compares with or looks back to another year.
const ELSEWHERE: [&str; 20] = [
    "同比",
    "上年",
    "去年",
    "上一年",
    "较",
    "相比",
    "以来",
    "截至",
    "截止",
    "修订",
    "印发",
    "施行",
    "《",
    "〔",
    "至",
    "起",
    "年度报告",
    "工作要点",
    "思路",
    "将",
];

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let years = &cx.report.years;
    if let (Some((title, title_span)), Some((period, period_span))) = (years.title, years.period) {
        if title != period {
            out.push(
                Diagnostic::new(
                    Code::YearMismatch,
                    period_span,
                    format!("标题写的是 {title} 年度，统计期限写的却是 {period} 年。"),
                )
                .with_label(title_span, format!("标题：{title} 年"))
                .with_values(title.to_string(), period.to_string())
                .with_help("请核对标题和统计期限，改为同一年。"),
            );
        }
    }
    if let Some(year) = cx.report.year {
        prose_years(cx.text, year, out);
    }
}

/// A 4-digit year followed by 年 at the start of a clause: (year, byte span of the digits).
fn clause_years(sentence: &str, base: usize) -> Vec<(u16, Span)> {
    let mut found = Vec::new();
    let mut clause_start = true;
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '，' | ',' | '（' | '(' | '：' | ':') {
            clause_start = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if clause_start && c.is_ascii_digit() {
            let digits: String = chars[i..]
                .iter()
                .take_while(|(_, d)| d.is_ascii_digit())
                .map(|(_, d)| *d)
                .collect();
            let next = chars.get(i + digits.len()).map(|(_, c)| *c);
            if digits.len() == 4 && next == Some('年') {
                if let Ok(y) = digits.parse() {
                    found.push((y, Span::new(base + at, base + at + 4)));
                }
            }
        }
        clause_start = false;
        i += 1;
    }
    found
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '\n')
}

fn prose_years(text: &str, year: u16, out: &mut Vec<Diagnostic>) {
    let this_year = year.to_string();
    let bytes = text.as_bytes();
    let mut last_sentence = usize::MAX;
    // Candidates first: "dddd年" naming one of the two years before the report year.
    for at in find_all(text, "年") {
        if at < 4 || !bytes[at - 4..at].iter().all(u8::is_ascii_digit) {
            continue;
        }
        let y: u16 = text[at - 4..at].parse().unwrap_or(0);
        if y + 2 < year || y >= year {
            continue;
        }
        let start = text[..at - 4]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_sentence_end(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if start == last_sentence {
            continue;
        }
        last_sentence = start;
        let end = text[at..]
            .char_indices()
            .find(|&(_, c)| is_sentence_end(c))
            .map_or(text.len(), |(i, _)| at + i);
        let sentence = &text[start..end];
        if sentence.contains(&this_year)
            || !CUES.iter().any(|w| sentence.contains(w))
            || ELSEWHERE.iter().any(|w| sentence.contains(w))
        {
            continue;
        }
        for (y, span) in clause_years(sentence, start) {
            if y + 2 < year || y >= year {
                continue;
            }
            let shown: String = sentence.trim().chars().take(60).collect();
            out.push(
                Diagnostic::new(
                    Code::ProseYear,
                    span,
                    format!("这是 {year} 年度报告，但陈述统计情况的这句话写的是 {y} 年，可能是沿用往年文字未改年份。"),
                )
                .with_note(format!("原文：{shown}"))
                .with_values(this_year.clone(), y.to_string())
                .with_help(format!("如果说的是本年情况，请把 {y} 年改为 {year} 年。")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Report, YearEvidence};

    fn run(text: &str, title: Option<u16>, period: Option<u16>) -> Vec<Diagnostic> {
        let report = Report {
            year: title.or(period),
            years: YearEvidence {
                title: title.map(|y| (y, Span::new(0, 1))),
                period: period.map(|y| (y, Span::new(2, 3))),
            },
            ..Report::default()
        };
        let cx = Cx {
            text,
            report: &report,
        };
        let mut out = Vec::new();
        check(&cx, &mut out);
        out
    }

    #[test]
    fn title_and_period_must_agree() {
        assert!(run("", Some(2020), Some(2020)).is_empty());
        let out = run("", Some(2020), Some(2019));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::YearMismatch);
    }

    #[test]
    fn a_statistics_sentence_naming_last_year_is_info() {
        let text = "（五）费用情况\n为方便公众，2016年我市各级政府及其工作部门依申请提供政府信息继续暂不收费。";
        let out = run(text, Some(2017), None);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::ProseYear);
        assert_eq!(&text[out[0].span.range()], "2016");
    }

    #[test]
    fn comparisons_and_other_topics_are_quiet() {
        let quiet = [
            "2016年以来，我市共收到申请10件。",
            "与2016年相比，主动公开信息增加。",
            "2016年我市开展了培训。",
            "2017年我市收到申请26件，2016年为20件。",
        ];
        for text in quiet {
            assert!(run(text, Some(2017), None).is_empty(), "{text}");
        }
    }
}
