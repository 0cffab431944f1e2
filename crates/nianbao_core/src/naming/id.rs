//! Cell identity: which table, row and column a cell is, as a small typed value. The contract's
//! path strings (`t3.total.natural_person`, `old.12.cumulative`, `pct.2.5.percent`,
//! `docs/data-contract.md`) are built and taken apart only here: every stage asks for a
//! [`CellId`] instead of cutting strings.

use std::fmt;

/// A national-format statistics table (format-spec §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    /// 表二 主动公开政府信息情况.
    T2,
    /// 表三 收到和处理政府信息公开申请情况.
    T3,
    /// 表四 政府信息公开行政复议、行政诉讼情况.
    T4,
}

impl Table {
    /// The path prefix: `t2`, `t3`, `t4`.
    pub fn key(self) -> &'static str {
        match self {
            Table::T2 => "t2",
            Table::T3 => "t3",
            Table::T4 => "t4",
        }
    }

    /// How messages name the table: 表二, 表三, 表四.
    pub fn name(self) -> &'static str {
        match self {
            Table::T2 => "表二",
            Table::T3 => "表三",
            Table::T4 => "表四",
        }
    }

    fn from_key(key: &str) -> Option<Table> {
        match key {
            "t2" => Some(Table::T2),
            "t3" => Some(Table::T3),
            "t4" => Some(Table::T4),
            _ => None,
        }
    }
}

/// Where a cell is. Row and column keys of the national tables are the keys of
/// [`crate::vocab::national`] (a table 四 row is its group: `review`, `litigation_direct`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CellId<'a> {
    /// `t2.<row>.<column>`, `t3.<row>.<column>`, `t4.<group>.<column>`.
    National {
        table: Table,
        row: &'a str,
        column: &'a str,
    },
    /// A pre-2019 statistics row, numbered from 1 in document order: `old.<n>` (the year's
    /// value) or `old.<n>.cumulative` (历年累计).
    Old { row: u32, cumulative: bool },
    /// A row of the `table`-th 数量/百分比 table: `pct.<t>.<n>` (the count) or
    /// `pct.<t>.<n>.percent`.
    Percent { table: u32, row: u32, percent: bool },
}

impl<'a> CellId<'a> {
    pub fn t2(row: &'a str, column: &'a str) -> CellId<'a> {
        CellId::National {
            table: Table::T2,
            row,
            column,
        }
    }

    pub fn t3(row: &'a str, column: &'a str) -> CellId<'a> {
        CellId::National {
            table: Table::T3,
            row,
            column,
        }
    }

    pub fn t4(group: &'a str, column: &'a str) -> CellId<'a> {
        CellId::National {
            table: Table::T4,
            row: group,
            column,
        }
    }

    /// The year's value of pre-2019 row `row` (`old.<row>`).
    pub fn old(row: u32) -> CellId<'static> {
        CellId::Old {
            row,
            cumulative: false,
        }
    }

    /// The 历年累计 of pre-2019 row `row` (`old.<row>.cumulative`).
    pub fn old_cumulative(row: u32) -> CellId<'static> {
        CellId::Old {
            row,
            cumulative: true,
        }
    }

    /// Reads a contract path; `None` for anything that is not one.
    pub fn parse(path: &'a str) -> Option<CellId<'a>> {
        let (head, rest) = path.split_once('.')?;
        match head {
            "old" => {
                let (row, cumulative) = match rest.strip_suffix(".cumulative") {
                    Some(row) => (row, true),
                    None => (rest, false),
                };
                Some(CellId::Old {
                    row: number(row)?,
                    cumulative,
                })
            }
            "pct" => {
                let (item, percent) = match rest.strip_suffix(".percent") {
                    Some(item) => (item, true),
                    None => (rest, false),
                };
                let (table, row) = item.split_once('.')?;
                Some(CellId::Percent {
                    table: number(table)?,
                    row: number(row)?,
                    percent,
                })
            }
            _ => {
                let table = Table::from_key(head)?;
                let (row, column) = rest.rsplit_once('.')?;
                Some(CellId::National { table, row, column })
            }
        }
    }

    /// The same id with no borrowed text: always for old and percentage cells; a national
    /// cell's keys are the vocabulary's, which only a `'static` id holds.
    pub fn into_static(self) -> Option<CellId<'static>> {
        match self {
            CellId::Old { row, cumulative } => Some(CellId::Old { row, cumulative }),
            CellId::Percent {
                table,
                row,
                percent,
            } => Some(CellId::Percent {
                table,
                row,
                percent,
            }),
            CellId::National { .. } => None,
        }
    }

    /// The national table, if it is one.
    pub fn table(self) -> Option<Table> {
        match self {
            CellId::National { table, .. } => Some(table),
            _ => None,
        }
    }

    /// The row a cell belongs to, as the contract names rows of the tables without fixed
    /// rows (`old.<n>`, `pct.<t>.<n>`), where the row's label is kept.
    pub fn row_path(self) -> String {
        match self {
            CellId::Old { row, .. } => CellId::old(row).to_string(),
            CellId::Percent { table, row, .. } => CellId::Percent {
                table,
                row,
                percent: false,
            }
            .to_string(),
            national => national.to_string(),
        }
    }
}

impl fmt::Display for CellId<'_> {
    /// The contract path.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match *self {
            CellId::National { table, row, column } => {
                write!(f, "{}.{row}.{column}", table.key())
            }
            CellId::Old { row, cumulative } => {
                write!(f, "old.{row}")?;
                if cumulative {
                    f.write_str(".cumulative")?;
                }
                Ok(())
            }
            CellId::Percent {
                table,
                row,
                percent,
            } => {
                write!(f, "pct.{table}.{row}")?;
                if percent {
                    f.write_str(".percent")?;
                }
                Ok(())
            }
        }
    }
}

/// A [`crate::report::CellPath`].
impl From<CellId<'_>> for std::borrow::Cow<'static, str> {
    fn from(id: CellId<'_>) -> std::borrow::Cow<'static, str> {
        id.to_string().into()
    }
}

/// The path prefix of the `table`-th 数量/百分比 table, as the contract's `table_captions` keys
/// it: `pct.<t>`.
pub fn percent_table_path(table: u32) -> String {
    format!("pct.{table}")
}

/// A placeholder path for column `column` of an old-table row not numbered yet (the parser
/// numbers rows once the whole table is read).
pub fn unnumbered_old(column: usize) -> String {
    format!("old.?.{column}")
}

/// A row number as paths print it: ASCII digits only, no sign, no leading `+` (a fold, not
/// `str::parse`, which costs kilobytes of wasm).
fn number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        digits
            .bytes()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0')),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_shape_round_trips() {
        for path in [
            "t2.licensing.change",
            "t3.total.natural_person",
            "t3.result_other.total",
            "t4.litigation_after_review.pending",
            "old.1",
            "old.12.cumulative",
            "pct.2.5",
            "pct.2.5.percent",
        ] {
            let id = CellId::parse(path).unwrap_or_else(|| panic!("{path}"));
            assert_eq!(id.to_string(), path);
        }
        assert_eq!(
            CellId::parse("t3.total.natural_person"),
            Some(CellId::t3("total", "natural_person"))
        );
        assert_eq!(
            CellId::parse("old.7.cumulative"),
            Some(CellId::old_cumulative(7))
        );
        assert_eq!(
            CellId::parse("pct.1.3.percent")
                .map(CellId::row_path)
                .as_deref(),
            Some("pct.1.3")
        );
    }

    #[test]
    fn what_is_not_a_path_is_refused() {
        for path in [
            "", "t3", "t3.total", "t9.a.b", "old.", "old.x", "old.?.0", "old.-1", "pct.1",
            "pct.a.1",
        ] {
            assert_eq!(CellId::parse(path), None, "{path}");
        }
    }
}
