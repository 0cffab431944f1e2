//! Words for cell paths in messages: "表三（七）总计·自然人", or a row and a column apart
//! ("（七）总计", "自然人") for repairs written row by row. [`id`] owns what a cell path
//! means.

pub mod id;
pub mod words;

pub use id::{CellId, Table};

use crate::join::Joined;
use crate::report::Report;
use crate::vocab::national::{self, t2_rows, t3_data_rows, T3_COLUMNS, T4_COLUMNS, T4_GROUPS};

/// A cell named as (table and row, column): ("表三（七）总计", "自然人").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub table: &'static str,
    pub row: String,
    pub column: String,
}

impl Name {
    /// "表三（七）总计·自然人"; "统计表“收到申请数”" for an old single-column row.
    pub fn full(&self) -> String {
        if self.column.is_empty() {
            format!("{}{}", self.table, self.row)
        } else {
            format!("{}{}·{}", self.table, self.row, self.column)
        }
    }
}

/// Names a cell path of any table the parser reads.
pub fn name(report: &Report, path: &str) -> Name {
    let format = report.format;
    match CellId::parse(path) {
        Some(CellId::Old { row, cumulative }) => {
            let label = old_label(report, &CellId::old(row).to_string());
            let two_columns = report
                .cells
                .contains(&CellId::old_cumulative(row).to_string());
            let column = match (two_columns, cumulative) {
                (_, true) => "历年累计",
                (true, false) => "本年度",
                (false, false) => "",
            };
            Name {
                table: "统计表",
                row: format!("“{label}”"),
                column: column.to_string(),
            }
        }
        Some(id @ CellId::Percent { table, percent, .. }) => {
            let label = old_label(report, &id.row_path());
            Name {
                table: "",
                row: format!("{}中“{label}”", report.pct_table_name(&table.to_string())),
                column: if percent { "百分比" } else { "数量" }.to_string(),
            }
        }
        Some(CellId::National { table, row, column }) => national_name(report, table, row, column)
            .unwrap_or_else(|| Name {
                table: "",
                row: national::describe_path(format, path).unwrap_or_else(|| path.to_string()),
                column: String::new(),
            }),
        None => Name {
            table: "",
            row: national::describe_path(format, path).unwrap_or_else(|| path.to_string()),
            column: String::new(),
        },
    }
}

/// A cell of tables 二/三/四 whose row and column the report's format defines.
fn national_name(report: &Report, table: Table, row_key: &str, column_key: &str) -> Option<Name> {
    let format = report.format;
    match table {
        Table::T3 => {
            let row = t3_data_rows(format).find(|r| r.key == row_key)?;
            let column = T3_COLUMNS.iter().find(|c| c.key == column_key)?;
            Some(Name {
                table: Table::T3.name(),
                row: row.short.to_string(),
                column: column.label.to_string(),
            })
        }
        Table::T4 => {
            let group = T4_GROUPS.iter().find(|g| g.key == row_key)?;
            let column = T4_COLUMNS.iter().find(|c| c.key == column_key)?;
            Some(Name {
                table: Table::T4.name(),
                row: group.label.to_string(),
                column: column.label.to_string(),
            })
        }
        Table::T2 => {
            let row = t2_rows(format).iter().find(|r| r.key == row_key)?;
            let (column, _) = row.columns.iter().find(|(c, _)| c.key == column_key)?;
            Some(Name {
                table: Table::T2.name(),
                row: row.label.to_string(),
                column: column.label.to_string(),
            })
        }
    }
}

/// A label ready to stand inside “”: its own “” become ‘’ (表三“（三）3.危及‘三安全一稳定’”),
/// since a quote opened inside a quote reads as a stray mark.
pub fn quotable(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars() {
        out.push(match c {
            '“' => '‘',
            '”' => '’',
            c => c,
        });
    }
    out
}

/// "表三（七）总计·自然人".
pub fn full(report: &Report, path: &str) -> String {
    name(report, path).full()
}

/// The printed label of an old-table or percentage row.
pub fn old_label(report: &Report, row_path: &str) -> String {
    report.old_row(row_path).map_or_else(
        || format!("第 {} 行", row_path.rsplit('.').next().unwrap_or("?")),
        |info| info.label.clone(),
    )
}

/// Lists names "a、b、c" with at most `max` shown and "等 n 个" after.
pub fn list(names: &[String], max: usize) -> String {
    if names.len() <= max {
        names.joined("、")
    } else {
        format!("{} 等 {} 个", names[..max].joined("、"), names.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Format;
    use crate::testing;

    #[test]
    fn names_cells_of_every_table() {
        let report = testing::national(Format::F2019);
        assert_eq!(
            full(&report, "t3.total.natural_person"),
            "表三（七）总计·自然人"
        );
        assert_eq!(full(&report, "t4.review.total"), "表四行政复议·总计");
        assert_eq!(
            full(&report, "t2.normative_docs.published"),
            "表二规范性文件·本年新公开数量"
        );
        let old = testing::old(&[("受理数", None, 3, Some(5))]);
        assert_eq!(full(&old, "old.1"), "统计表“受理数”·本年度");
        assert_eq!(full(&old, "old.1.cumulative"), "统计表“受理数”·历年累计");
        assert_eq!(
            list(&["a".into(), "b".into(), "c".into()], 2),
            "a、b 等 3 个"
        );
    }

    #[test]
    fn a_label_with_quotes_gets_inner_quotes() {
        assert_eq!(
            quotable("（三）3.危及“三安全一稳定”"),
            "（三）3.危及‘三安全一稳定’"
        );
        assert_eq!(quotable("（七）总计"), "（七）总计");
    }
}
