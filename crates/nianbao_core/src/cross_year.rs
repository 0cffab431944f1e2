//! Checks against last year's report of the same agency (format-spec §4.1 X1, X4; §4.2 O5).
//! Diagnostics point at this year's cells and quote last year's values.

use crate::codes::rule_doc;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::naming::{self, CellId};
use crate::report::{Format, Report, Span};
use crate::vocab::national::T3_COLUMNS;

crate::codes::declare_codes! {
    /// 二、上年结转 (this year) ≠ 四、结转下年度继续办理 (last year).
    CrossYearCarry = "cross-year-carry", Warning, "本年上年结转数与上年报告的结转下年度数不一致";
    /// 2019 table 二: 上一年项目数量 ≠ last year's 上一年项目数量 + 本年增/减.
    CrossYearItems = "cross-year-items", Warning, "本年上一年项目数量与上年报告不衔接";
    /// Pre-2019 table: 历年累计 ≠ last year's 历年累计 + this year's value.
    CrossYearCumulative = "cross-year-cumulative", Warning, "历年累计与上年报告不衔接";
    /// The previous report is not last year's, or its format cannot be compared.
    CrossYearMismatch = "cross-year-mismatch", Info, "上年报告与本报告无法对比";
}

rule_doc! {
    DOC_CARRY: CrossYearCarry,
    formula: "本年 二、上年结转 = 上年报告 四、结转下年度继续办理（每一列）",
    explanation: "上一年度结转到下一年度继续办理的申请，就是本年度的“上年结转”申请。提供上一年度的报告时，逐列核对两者是否相等。有的报告会重新核定上年数字，所以只作警告。",
    example: "上年报告四、结转下年度继续办理·总计为 1，本年二、上年结转·总计却为 0。",
}

rule_doc! {
    DOC_ITEMS: CrossYearItems,
    formula: "本年 上一年项目数量 = 上年报告 上一年项目数量 + 本年增/减（2019 年试行格式表二）",
    explanation: "2019 年试行格式表二第二十条第（五）（六）（八）项的“上一年项目数量”，应等于上一年报告中的上一年项目数量加上它的本年增/减。两份报告衔接不上，说明其中一份的项目数量或增减数有误。",
    example: "2019 年行政许可 上一年项目数量 396、本年增/减 0，则 2020 年的上一年项目数量应为 396。",
}

rule_doc! {
    DOC_CUMULATIVE: CrossYearCumulative,
    formula: "本年 历年累计 = 上年报告 历年累计 + 本年度（2019 年以前的统计表，按行标签对应）",
    explanation: "2019 年以前福建等地的统计表有“历年累计”列。本年的历年累计应等于上一年报告的历年累计加上本年度数。累计数有时会重新起算，所以只作警告。",
    example: "2014 年主动公开文件数历年累计 76424 + 2015 年度 2949 = 81916。",
}

rule_doc! {
    DOC_MISMATCH: CrossYearMismatch,
    formula: "上年报告的年度 = 本报告年度 − 1，且两份报告的统计表可以对应",
    explanation: "跨年度核对需要同一机关上一年度的报告。所给报告的年度不是上一年，或两份报告的表格格式无法对应（例如一份是 2019 年以前的统计表，一份是统一格式）时，说明哪些核对没有进行。",
    example: "本报告为 2022 年度，所给“上年报告”却是 2020 年度。",
}

/// The cross-year checks' documentation, for the catalogue (they run with last year's report).
pub const DOCS: &[crate::codes::RuleDoc] = &[DOC_CARRY, DOC_ITEMS, DOC_CUMULATIVE, DOC_MISMATCH];

fn count(report: &Report, path: &str) -> Option<i64> {
    report.cells.get(path).and_then(|c| c.value.as_count())
}

fn span_of(report: &Report, path: &str) -> Span {
    report.cells.get(path).map_or(Span::default(), |c| c.span)
}

/// Compares this year's report with last year's; `previous` is last year's report as read.
pub fn check(report: &Report, previous: &Report) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let first_span = report
        .cells
        .iter()
        .find_map(|(_, c)| c.map(|c| c.span))
        .unwrap_or_default();
    if let (Some(this), Some(last)) = (report.year, previous.year) {
        if last + 1 != this {
            out.push(
                Diagnostic::new(
                    Code::CrossYearMismatch,
                    first_span,
                    format!(
                        "所给的上年报告是 {last} 年度，不是 {} 年度，没有进行跨年度核对。",
                        this - 1
                    ),
                )
                .with_values((this - 1).to_string(), last.to_string()),
            );
            return out;
        }
    }
    let both_national = report.format.is_national() && previous.format.is_national();
    let both_old = report.format == Format::Old && previous.format == Format::Old;
    if !both_national && !both_old {
        out.push(Diagnostic::new(
            Code::CrossYearMismatch,
            first_span,
            format!(
                "本报告的统计表格式（{}）与上年报告（{}）无法对应，没有进行跨年度核对。",
                format_words(report.format),
                format_words(previous.format)
            ),
        ));
        return out;
    }
    if both_national {
        carry(report, previous, &mut out);
        if report.format == Format::F2019 && previous.format == Format::F2019 {
            items(report, previous, &mut out);
        }
    }
    if both_old {
        cumulative(report, previous, &mut out);
    }
    out
}

fn format_words(format: Format) -> &'static str {
    match format {
        Format::F2019 => "2019 年试行格式",
        Format::F2021 => "2021 年格式",
        Format::Old => "2019 年以前的统计表",
        Format::Unknown => "未识别",
    }
}

/// X4: 二、上年结转 (this year) = 四、结转下年度继续办理 (last year), per column.
fn carry(report: &Report, previous: &Report, out: &mut Vec<Diagnostic>) {
    for column in &T3_COLUMNS {
        let this_path = CellId::t3("carried_over", column.key).to_string();
        let last_path = CellId::t3("carried_forward", column.key).to_string();
        let (Some(this), Some(last)) = (count(report, &this_path), count(previous, &last_path))
        else {
            continue;
        };
        if this == last {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::CrossYearCarry,
                span_of(report, &this_path),
                format!(
                    "表三“{}”列：本年二、上年结转为 {this}，但上年报告的四、结转下年度继续办理为 {last}。",
                    column.label
                ),
            )
            .with_cells([this_path])
            .with_values(last.to_string(), this.to_string())
            .with_note(format!("上年报告 四、结转下年度继续办理·{} = {last}", column.label))
            .with_help("请核对本年的上年结转数，或上年报告的结转下年度数。"),
        );
    }
}

/// X1: 上一年项目数量 (this year) = 上一年项目数量 + 本年增/减 (last year).
fn items(report: &Report, previous: &Report, out: &mut Vec<Diagnostic>) {
    for row in [
        "licensing",
        "other_services",
        "penalty",
        "enforcement",
        "fees",
    ] {
        let this_path = CellId::t2(row, "previous").to_string();
        let (Some(this), Some(base), Some(change)) = (
            count(report, &this_path),
            count(previous, &CellId::t2(row, "previous").to_string()),
            count(previous, &CellId::t2(row, "change").to_string()),
        ) else {
            continue;
        };
        let expected = base + change;
        if this == expected {
            continue;
        }
        let label = naming::name(report, &this_path).row;
        out.push(
            Diagnostic::new(
                Code::CrossYearItems,
                span_of(report, &this_path),
                format!(
                    "表二“{label}”：本年上一年项目数量为 {this}，但按上年报告应为 {base} + ({change}) = {expected}。"
                ),
            )
            .with_cells([this_path])
            .with_values(expected.to_string(), this.to_string())
            .with_note(format!(
                "上年报告：上一年项目数量 {base}，本年增/减 {change}"
            ))
            .with_help("请核对本年的上一年项目数量，或上年报告的项目数量和增减数。"),
        );
    }
}

/// The canonical words of an old row's label, for matching rows across years.
fn label_key(report: &Report, row: &str) -> Option<String> {
    let info = report.old_row(row)?;
    let words: String = info
        .label
        .split(['(', '（'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| crate::text::chars::is_label_char(*c) && !c.is_ascii_digit())
        .collect();
    let words = words.strip_prefix("其中").unwrap_or(&words).to_string();
    (!words.is_empty()).then_some(words)
}

/// O5: 历年累计 (this year) = 历年累计 (last year) + 本年度 (this year), rows matched by label.
fn cumulative(report: &Report, previous: &Report, out: &mut Vec<Diagnostic>) {
    // Last year's rows by label key, sorted once: a long table must not compare every row of
    // this year with every row of last year.
    let mut last_rows: Vec<(String, &str)> = crate::relations::instance::old_rows(previous)
        .into_iter()
        .filter_map(|r| Some((label_key(previous, r)?, r)))
        .collect();
    crate::order::sort_by(&mut last_rows, |a, b| a.0.cmp(&b.0));
    for row in crate::relations::instance::old_rows(report) {
        let Some(key) = label_key(report, row) else {
            continue;
        };
        let first = last_rows.partition_point(|(k, _)| k.as_str() < key.as_str());
        let matches: Vec<&str> = last_rows[first..]
            .iter()
            .take_while(|(k, _)| *k == key)
            .map(|&(_, r)| r)
            .collect();
        let [last_row] = matches.as_slice() else {
            continue;
        };
        let this_cumulative = format!("{row}.cumulative");
        let (Some(year), Some(total), Some(last_total)) = (
            count(report, row),
            count(report, &this_cumulative),
            count(previous, &format!("{last_row}.cumulative")),
        ) else {
            continue;
        };
        let expected = last_total + year;
        if total == expected {
            continue;
        }
        let label = naming::old_label(report, row);
        out.push(
            Diagnostic::new(
                Code::CrossYearCumulative,
                span_of(report, &this_cumulative),
                format!(
                    "统计表“{label}”：本年历年累计为 {total}，但上年报告的历年累计 {last_total} 加本年度 {year} 应为 {expected}。"
                ),
            )
            .with_cells([this_cumulative, row.to_string()])
            .with_values(expected.to_string(), total.to_string())
            .with_note(format!("{last_total} + {year} = {expected} ≠ {total}"))
            .with_help("累计数如果重新起算，请在报告中说明；否则请核对历年累计。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn carried_over_must_match_last_years_carried_forward() {
        let mut last = testing::national(Format::F2021);
        last.year = Some(2021);
        testing::set(&mut last, "t3.carried_forward.natural_person", 1);
        testing::set(&mut last, "t3.carried_forward.total", 1);
        let mut this = testing::national(Format::F2021);
        this.year = Some(2022);
        testing::set(&mut this, "t3.carried_over.natural_person", 1);
        testing::set(&mut this, "t3.carried_over.total", 1);
        assert!(check(&this, &last).is_empty());
        testing::set(&mut this, "t3.carried_over.total", 0);
        let out = check(&this, &last);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::CrossYearCarry);
        assert_eq!(out[0].cells, ["t3.carried_over.total"]);
        assert_eq!(out[0].expected.as_deref(), Some("1"));
    }

    #[test]
    fn item_counts_carry_over_in_the_2019_format() {
        let mut last = testing::national(Format::F2019);
        last.year = Some(2019);
        testing::set(&mut last, "t2.licensing.previous", 396);
        testing::set(&mut last, "t2.licensing.change", -6);
        let mut this = testing::national(Format::F2019);
        this.year = Some(2020);
        testing::set(&mut this, "t2.licensing.previous", 390);
        let out = check(&this, &last);
        assert!(out.iter().all(|d| d.code != Code::CrossYearItems));
        testing::set(&mut this, "t2.licensing.previous", 396);
        let out = check(&this, &last);
        assert_eq!(
            out.iter()
                .filter(|d| d.code == Code::CrossYearItems)
                .count(),
            1
        );
    }

    #[test]
    fn cumulative_rows_match_by_label() {
        let mut last = testing::old(&[("主动公开文件数", None, 2543, Some(78967))]);
        last.year = Some(2014);
        let mut this = testing::old(&[("主动公开文件数", None, 2949, Some(81916))]);
        this.year = Some(2015);
        assert!(check(&this, &last).is_empty());
        let mut this = testing::old(&[("主动公开文件数", None, 2122, Some(10037))]);
        this.year = Some(2015);
        let out = check(&this, &last);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::CrossYearCumulative);
        assert_eq!(out[0].expected.as_deref(), Some("81089"));
    }

    #[test]
    fn a_report_from_another_year_is_not_compared() {
        let mut last = testing::national(Format::F2019);
        last.year = Some(2018);
        let this = testing::national(Format::F2019);
        let out = check(&this, &last);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::CrossYearMismatch);
    }
}
