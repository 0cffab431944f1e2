//! The table format against the report year and against the format notice the report cites
//! (format-spec §6); documented in [`DOC`] and [`DOC_NOTICE`].

use super::{rule_doc, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::report::{Format, Span};
use crate::text::find::find_all;

crate::codes::declare_codes! {
    /// The table format does not match the report year.
    FormatYear = "format-year", Warning, "统计表格式与报告年度不符";
    /// The report cites one format notice but uses the other format's tables.
    FormatNotice = "format-notice", Info, "引用的年报格式通知与实际使用的表格不一致";
}

rule_doc! {
    DOC: FormatYear,
    formula: "2019、2020 年度用 2019 年试行格式；2021 年度起用 2021 年格式；2018 年度及以前没有统一格式",
    explanation: "国办公开办函〔2019〕60号印发的试行格式用于 2019 和 2020 年度报告；国办公开办函〔2021〕30号印发的新格式自 2021 年度报告起使用，表二的栏目、表三（六）其他处理的分行都不同。报告年度与所用表格的格式不符，说明套用了旧模板，有些栏目会缺失或多余。格式按表格标签判断，不按年份猜测。",
    example: "2022 年度报告的表二仍是“本年新制作数量 / 本年新公开数量 / 对外公开总数量”和“政府集中采购”，这是 2019 年试行格式。",
}

rule_doc! {
    DOC_NOTICE: FormatNotice,
    formula: "引用〔2019〕60号 ⇔ 使用 2019 年试行格式；引用〔2021〕30号 ⇔ 使用 2021 年格式",
    explanation: "报告开头常写明依据哪份年报格式通知编制。引用的通知与实际使用的表格格式不一致，多半是沿用了往年的开头文字，只作提示。",
    example: "2022 年度报告写“按照国办公开办函〔2019〕60号要求”，但表格是 2021 年格式。",
}

/// This check in the registry ([`super::RULES`]).
pub const RULE: Rule = Rule {
    docs: &[DOC, DOC_NOTICE],
    run: Run::Report(check),
};

/// Byte offset of a citation of 国办公开办函〔year〕number号, however the brackets are printed.
fn cites(text: &str, year: &str, number: &str) -> Option<usize> {
    let wanted = format!("{year}{number}号");
    for at in find_all(text, "办函") {
        let after = &text[at + "办函".len()..];
        let digits: String = after
            .chars()
            .take(16)
            .filter(|c| c.is_ascii_digit() || *c == '号' || ('０'..='９').contains(c))
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                c => c,
            })
            .collect();
        if digits.starts_with(&wanted) {
            return Some(at);
        }
    }
    None
}

fn first_table_span(cx: &Cx) -> Span {
    cx.report
        .cells
        .iter()
        .find_map(|(_, c)| c.map(|c| c.span))
        .unwrap_or_default()
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let format = cx.report.format;
    if let Some(year) = cx.report.year {
        let problem = match format {
            Format::F2019 if year >= 2021 => Some(format!(
                "这是 {year} 年度报告，却使用了 2019 年试行格式（国办公开办函〔2019〕60号）的统计表；2021 年度起应使用国办公开办函〔2021〕30号印发的格式。"
            )),
            Format::F2019 if year <= 2018 => Some(format!(
                "这是 {year} 年度报告，却使用了 2019 年试行格式的统计表；该格式自 2019 年度报告起使用。"
            )),
            Format::F2021 if year <= 2020 => Some(format!(
                "这是 {year} 年度报告，却使用了 2021 年格式（国办公开办函〔2021〕30号）的统计表；该格式自 2021 年度报告起使用，{year} 年度应使用 2019 年试行格式。"
            )),
            Format::Old if year >= 2019 => Some(format!(
                "这是 {year} 年度报告，却使用了 2019 年以前的统计表；{year} 年度应使用全国统一的年度报告格式。"
            )),
            _ => None,
        };
        if let Some(message) = problem {
            out.push(
                Diagnostic::new(Code::FormatYear, first_table_span(cx), message)
                    .with_help("请按报告年度对应的格式重新填写统计表。"),
            );
        }
    }
    let notice = match format {
        Format::F2021 => cites(cx.text, "2019", "60").map(|at| (at, "〔2019〕60号", "2021 年格式")),
        Format::F2019 => {
            cites(cx.text, "2021", "30").map(|at| (at, "〔2021〕30号", "2019 年试行格式"))
        }
        _ => None,
    };
    if let Some((at, cited, used)) = notice {
        let right = if format == Format::F2021 {
            "〔2021〕30号"
        } else {
            "〔2019〕60号"
        };
        out.push(
            Diagnostic::new(
                Code::FormatNotice,
                Span::new(at, at + "办函".len()),
                format!("报告引用了国办公开办函{cited}，但统计表使用的是 {used}（对应国办公开办函{right}）。"),
            )
            .with_help(format!("请把引用的通知改为国办公开办函{right}。")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Report;

    fn run(format: Format, year: u16, text: &str) -> Vec<Diagnostic> {
        let report = Report {
            format,
            year: Some(year),
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
    fn matching_format_and_notice_pass() {
        assert!(run(Format::F2019, 2020, "按照国办公开办函〔2019〕60号要求").is_empty());
        assert!(run(Format::F2021, 2024, "国办公开办函〔2021〕30号").is_empty());
    }

    #[test]
    fn a_2022_report_with_2019_tables_is_a_warning() {
        let out = run(Format::F2019, 2022, "");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::FormatYear);
    }

    #[test]
    fn citing_the_old_notice_with_new_tables_is_info() {
        let out = run(Format::F2021, 2022, "国办公开办函[2019] 60 号");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::FormatNotice);
    }
}
