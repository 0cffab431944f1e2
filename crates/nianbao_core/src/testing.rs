//! Builders for the checks' test vectors (every stage's): a report with a few cells set.

use crate::naming::CellId;
use crate::report::{Cell, CellMap, Format, OldRowInfo, Report, Span, Value};
use crate::vocab::national::{t2_rows, t3_data_rows, T3_COLUMNS, T4_COLUMNS, T4_GROUPS};

pub fn cell(value: Value, at: usize) -> Cell {
    Cell {
        value,
        span: Span::new(at, at + 1),
        line: 1,
        old: None,
    }
}

/// A national report with every cell of tables 二/三/四 set to 0 (or to `fill`).
pub fn national(format: Format) -> Report {
    let mut cells = CellMap::new();
    let mut at = 0;
    for row in t2_rows(format) {
        for (column, _) in row.columns {
            cells.push(
                CellId::t2(row.key, column.key),
                Some(cell(Value::Count(0), at)),
            );
            at += 2;
        }
    }
    for row in t3_data_rows(format) {
        for column in &T3_COLUMNS {
            cells.push(
                CellId::t3(row.key, column.key),
                Some(cell(Value::Count(0), at)),
            );
            at += 2;
        }
    }
    for group in &T4_GROUPS {
        for column in &T4_COLUMNS {
            cells.push(
                CellId::t4(group.key, column.key),
                Some(cell(Value::Count(0), at)),
            );
            at += 2;
        }
    }
    Report {
        format,
        year: Some(if format == Format::F2021 { 2022 } else { 2020 }),
        cells,
        ..Report::default()
    }
}

pub fn set(report: &mut Report, path: &str, value: i64) {
    let span = report
        .cells
        .iter()
        .position(|(p, _)| p == path)
        .map_or(0, |i| i * 2);
    assert!(
        report
            .cells
            .set(path, Some(cell(Value::Count(value), span))),
        "{path}"
    );
}

pub fn blank(report: &mut Report, path: &str) {
    assert!(report.cells.set(path, None), "{path}");
}

/// An old-format report from rows (label, parent row number, year value, cumulative).
pub fn old(rows: &[(&str, Option<usize>, i64, Option<i64>)]) -> Report {
    let mut cells = CellMap::new();
    for (i, (label, parent, value, cumulative)) in rows.iter().enumerate() {
        let mut c = cell(Value::Count(*value), i * 4);
        c.old = Some(Box::new(OldRowInfo {
            label: label.to_string(),
            parent: parent.map(|p| p as u32),
            unit: Some("件"),
        }));
        cells.push(CellId::old(i as u32 + 1), Some(c));
        if let Some(v) = cumulative {
            cells.push(
                CellId::old_cumulative(i as u32 + 1),
                Some(cell(Value::Count(*v), i * 4 + 2)),
            );
        }
    }
    Report {
        format: Format::Old,
        year: Some(2013),
        cells,
        ..Report::default()
    }
}
