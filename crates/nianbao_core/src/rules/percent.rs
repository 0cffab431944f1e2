//! 数量/百分比 tables of older reports (seed 003, 表1–表7): each printed percentage is its
//! count ÷ the row's total, rounded; documented in [`DOC`] and [`DOC_ROUNDING`].

use crate::naming::{self, CellId};
use super::{rule_doc, Cx, Rule, Run};
use crate::codes::Code;
use crate::decimal::Decimal;
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::{Cell, Value};

crate::codes::declare_codes! {
    /// A percentage in a 数量/百分比 table is not its count ÷ the row total.
    PercentMismatch = "percent-mismatch", Error, "百分比与数量不符";
    /// A percentage off by 0.01 so that the row sums to 100.00%.
    PercentRounding = "percent-rounding", Info, "百分比为凑足 100% 调整了 0.01";
}

rule_doc! {
    DOC: PercentMismatch,
    formula: "百分比 = 数量 ÷ 本行数量合计 × 100%（按印出的小数位四舍五入，允许为凑足 100% 调整 0.01）",
    explanation: "一些 2019 年以前的报告在正文中用“数量/百分比”小表说明构成（如各公开渠道、各申请方式所占比例）。每个百分比应等于该项数量除以本行全部数量之和。与正确的四舍五入值相差超过 0.01 个百分点，说明数量或百分比有误。",
    example: "当面 3、网络 15、信函 8，合计 26：网络申请应为 15 ÷ 26 = 57.69%；若印成 59.69%，则不符。",
}

rule_doc! {
    DOC_ROUNDING: PercentRounding,
    formula: "百分比与正确的四舍五入值相差 0.01，且本行百分比之和正好为 100.00%",
    explanation: "各项百分比分别四舍五入后，合计可能是 99.99% 或 100.01%。编写者常把其中一项调整 0.01，使合计正好为 100.00%。这不是错误，只作提示；调整后合计仍不是 100% 的，作为警告提示核对。",
    example: "政府网站 43206 ÷ 53021 = 81.488…%，四舍五入为 81.49%，报告印为 81.48%，本行合计正好 100.00%。",
}

/// This check in the registry ([`super::RULES`]).
pub const RULE: Rule = Rule {
    docs: &[DOC, DOC_ROUNDING],
    run: Run::Report(check),
};

struct Item<'a> {
    count_path: String,
    percent_path: String,
    count: Option<&'a Cell>,
    percent: Option<&'a Cell>,
}

/// Digits after the decimal point as printed ("81.48%" → 2).
fn printed_decimals(text: &str, cell: &Cell) -> u32 {
    let printed = text.get(cell.span.range()).unwrap_or("");
    let printed: String = printed
        .chars()
        .map(|c| match crate::text::chars::normalize(c) {
            crate::text::chars::Norm::Char(c) => c,
            _ => ' ',
        })
        .collect();
    match printed.split_once('.') {
        Some((_, after)) => after.chars().take_while(char::is_ascii_digit).count() as u32,
        None => 0,
    }
}

/// `value` rounded half up to `decimals` places, in units of 10^-decimals.
fn rounded(numerator: i128, denominator: i128, decimals: u32) -> i128 {
    let scaled = numerator * 10i128.pow(decimals);
    (2 * scaled + denominator).div_euclid(2 * denominator)
}

fn format_units(units: i128, decimals: u32) -> String {
    Decimal::new(units, decimals).map_or_else(|| units.to_string(), |d| d.to_string())
}

pub fn check(cx: &Cx, out: &mut Vec<Diagnostic>) {
    let mut tables: Vec<(String, Vec<Item>)> = Vec::new();
    for (path, cell) in cx.report.cells.iter() {
        let Some(CellId::Percent {
            table,
            row,
            percent: false,
        }) = CellId::parse(path)
        else {
            continue;
        };
        let percent_path = CellId::Percent {
            table,
            row,
            percent: true,
        }
        .to_string();
        let table = table.to_string();
        let item = Item {
            count_path: path.to_string(),
            percent: cx.report.cells.get(&percent_path),
            percent_path,
            count: cell,
        };
        match tables.iter_mut().find(|(t, _)| *t == table) {
            Some((_, items)) => items.push(item),
            None => tables.push((table, vec![item])),
        }
    }
    for (table, items) in &tables {
        check_table(cx, table, items, out);
    }
}

fn check_table(cx: &Cx, table: &str, items: &[Item], out: &mut Vec<Diagnostic>) {
    let counts: Option<Vec<i64>> = items
        .iter()
        .map(|i| i.count.and_then(|c| c.value.as_count()))
        .collect();
    let percents: Option<Vec<Decimal>> = items
        .iter()
        .map(|i| match i.percent.map(|c| &c.value) {
            Some(Value::Decimal(d)) => Some(*d),
            _ => None,
        })
        .collect();
    let (Some(counts), Some(percents)) = (counts, percents) else {
        let missing: Vec<String> = items
            .iter()
            .flat_map(|i| {
                [
                    (i.count.is_none(), &i.count_path),
                    (i.percent.is_none(), &i.percent_path),
                ]
            })
            .filter(|(m, _)| *m)
            .map(|(_, p)| p.clone())
            .collect();
        if let Some(span) = items.iter().find_map(|i| i.count.or(i.percent)) {
            out.push(
                Diagnostic::new(
                    Code::RelationUnassessable,
                    span.span,
                    format!(
                        "{}有单元格没有读到数字，百分比无法核对。",
                        cx.report.pct_table_name(table)
                    ),
                )
                .with_cells(missing),
            );
        }
        return;
    };
    let total: i64 = counts.iter().sum();
    if total <= 0 {
        return;
    }
    let sum = percents
        .iter()
        .try_fold(Decimal::ZERO, |acc, p| acc.checked_add(*p));
    let sums_to_100 = sum == Some(Decimal::from_int(100));
    for (i, item) in items.iter().enumerate() {
        let (Some(percent_cell), count) = (item.percent, counts[i]) else {
            continue;
        };
        let decimals = printed_decimals(cx.text, percent_cell);
        let Some(printed) = percents[i]
            .shift(decimals)
            .and_then(|d| d.as_integer())
            .map(i128::from)
        else {
            continue;
        };
        let numerator = 100 * i128::from(count);
        let denominator = i128::from(total);
        if rounded(numerator, denominator, decimals) == printed {
            continue;
        }
        let scale = 10i128.pow(decimals);
        // |printed − exact| ≤ 0.015 percentage points ⇔ |printed·total − 100·count·10^d|·1000 ≤ 15·total·10^d
        let gap = (printed * denominator - numerator * scale).abs();
        let adjustment = gap * 1000 <= 15 * denominator * scale;
        let shown_decimals = decimals.max(2);
        let exact = format_units(
            rounded(numerator, denominator, shown_decimals),
            shown_decimals,
        );
        let label = naming::name(cx.report, &item.count_path).row;
        let printed_text = format!("{}%", percents[i]);
        let (code, severity, message) = if adjustment {
            (
                Code::PercentRounding,
                if sums_to_100 {
                    Severity::Info
                } else {
                    Severity::Warning
                },
                if sums_to_100 {
                    format!("{label}的百分比印为 {printed_text}，按数量计算四舍五入应为 {exact}%，相差 0.01，是为使本行合计等于 100% 所作的调整。")
                } else {
                    format!("{label}的百分比印为 {printed_text}，按数量计算四舍五入应为 {exact}%，相差 0.01，且本行百分比合计也不是 100%。")
                },
            )
        } else {
            (
                Code::PercentMismatch,
                Severity::Error,
                format!("{label}的百分比印为 {printed_text}，但按数量计算应为 {exact}%。"),
            )
        };
        out.push(
            Diagnostic::new(code, percent_cell.span, message)
                .with_severity(severity)
                .with_cells([item.percent_path.clone(), item.count_path.clone()])
                .with_values(format!("{exact}%"), printed_text)
                .with_note(format!(
                    "{count} ÷ {total} × 100% = {exact}%（本行数量合计 {total}{}）",
                    match sum {
                        Some(s) => format!("，印出的百分比合计 {s}%"),
                        None => String::new(),
                    }
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{CellMap, OldRowInfo, Report, Span};

    /// A report with one 数量/百分比 table; the text holds the printed percentages.
    fn report(items: &[(i64, &str)]) -> (String, Report) {
        let mut text = String::new();
        let mut cells = CellMap::new();
        for (i, (count, percent)) in items.iter().enumerate() {
            let start = text.len();
            text.push_str(percent);
            text.push(' ');
            let mut c = Cell {
                value: Value::Count(*count),
                span: Span::new(start, start),
                line: 1,
                old: Some(Box::new(OldRowInfo {
                    label: format!("项{i}"),
                    parent: None,
                    unit: None,
                })),
            };
            let row = i as u32 + 1;
            let id = |percent| CellId::Percent {
                table: 1,
                row,
                percent,
            };
            cells.push(id(false), Some(c.clone()));
            c.old = None;
            c.span = Span::new(start, start + percent.len());
            let (mantissa, scale) = match percent.split_once('.') {
                Some((a, b)) => (format!("{a}{b}").parse().unwrap(), b.len() as u32),
                None => (percent.parse().unwrap(), 0),
            };
            c.value = Value::Decimal(Decimal::new(mantissa, scale).unwrap());
            cells.push(id(true), Some(c));
        }
        (
            text,
            Report {
                cells,
                ..Report::default()
            },
        )
    }

    fn run(items: &[(i64, &str)]) -> Vec<Diagnostic> {
        let (text, report) = report(items);
        let cx = Cx {
            text: &text,
            report: &report,
        };
        let mut out = Vec::new();
        check(&cx, &mut out);
        out
    }

    #[test]
    fn exact_rounding_passes_at_the_printed_precision() {
        assert!(run(&[(3, "11.54"), (15, "57.69"), (8, "30.77")]).is_empty());
        // 2 ÷ 26 = 7.69…% printed with one decimal.
        assert!(run(&[(24, "92.3"), (2, "7.7")]).is_empty());
    }

    #[test]
    fn an_adjustment_to_reach_100_is_info() {
        // seed 003 表1: 43206 ÷ 53021 = 81.488…% printed 81.48% so the row sums to 100.00%.
        let out = run(&[
            (43, "0.08"),
            (43206, "81.48"),
            (843, "1.59"),
            (3115, "5.88"),
            (5814, "10.97"),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::PercentRounding);
        assert_eq!(out[0].severity, Severity::Info);
        assert_eq!(out[0].expected.as_deref(), Some("81.49%"));
    }

    #[test]
    fn a_larger_gap_is_an_error() {
        let out = run(&[(3, "11.54"), (15, "59.69"), (8, "30.77")]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::PercentMismatch);
        assert_eq!(out[0].severity, Severity::Error);
    }
}
