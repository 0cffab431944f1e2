//! The structural relations between cells of a table (format-spec §4), as data. The parser
//! uses them to split glued digits; the balance rules check them and explain failures; the
//! repair search solves them. One definition, three uses. [`instance`] binds them to a
//! report's cells, for every stage (rules, repair, prose, cross-year).

pub mod instance;

use crate::report::Format;
use crate::vocab::national::{t3_data_rows, T3_COLUMNS};

/// Which relation of format-spec §4 a relation instance is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelationId {
    /// 一 + 二 = （七）总计 + 四, for one column.
    T3Identity,
    /// 总计 column = sum of the six applicant columns, for one row.
    T3RowTotal,
    /// （七）总计 = sum of the result rows, for one column.
    T3ResultTotal,
    /// 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, for one group of table 四.
    T4GroupTotal,
    /// A pre-2019 parent row = the sum of its exhaustive parts.
    OldPartsSum,
    /// A pre-2019 parent row ≥ the sum of its non-exhaustive "其中" parts.
    OldPartsAtMost,
    /// 历年累计 ≥ the year's value.
    OldCumulative,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Σ lhs = Σ rhs
    Equal,
    /// Σ lhs ≥ Σ rhs
    AtLeast,
}

/// A cell of a table grid: (row index, column index) in the table's own row list.
pub type GridRef = (usize, usize);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    pub id: RelationId,
    pub kind: Kind,
    pub lhs: Vec<GridRef>,
    pub rhs: Vec<GridRef>,
    /// The column (for per-column relations) or row (per-row) it is about.
    pub index: usize,
}

impl Relation {
    pub fn refs(&self) -> impl Iterator<Item = &GridRef> {
        self.lhs.iter().chain(self.rhs.iter())
    }

    /// `Some(true)` when it holds, `Some(false)` when it fails, `None` when a cell is missing.
    pub fn holds(&self, value: impl Fn(GridRef) -> Option<i64>) -> Option<bool> {
        let sum = |refs: &[GridRef]| -> Option<i64> {
            refs.iter()
                .try_fold(0i64, |acc, &r| value(r).and_then(|v| acc.checked_add(v)))
        };
        let (l, r) = (sum(&self.lhs)?, sum(&self.rhs)?);
        Some(match self.kind {
            Kind::Equal => l == r,
            Kind::AtLeast => l >= r,
        })
    }
}

/// Index of a table 三 row key in `t3_data_rows(format)`.
pub fn t3_row_index(format: Format, key: &str) -> Option<usize> {
    t3_data_rows(format).position(|r| r.key == key)
}

/// R1, R2 and R3 over table 三 (rows indexed as in `t3_data_rows(format)`).
pub fn t3_relations(format: Format) -> Vec<Relation> {
    let row = |key| t3_row_index(format, key).expect("table 三 vocabulary has the row");
    let (new, carried, total, forward) = (
        row("new"),
        row("carried_over"),
        row("total"),
        row("carried_forward"),
    );
    let columns = T3_COLUMNS.len();
    let total_column = columns - 1;
    let result_rows: Vec<usize> = t3_data_rows(format)
        .enumerate()
        .filter(|(_, r)| !matches!(r.key, "new" | "carried_over" | "total" | "carried_forward"))
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    for c in 0..columns {
        out.push(Relation {
            id: RelationId::T3Identity,
            kind: Kind::Equal,
            lhs: vec![(new, c), (carried, c)],
            rhs: vec![(total, c), (forward, c)],
            index: c,
        });
    }
    for r in 0..t3_data_rows(format).count() {
        out.push(Relation {
            id: RelationId::T3RowTotal,
            kind: Kind::Equal,
            lhs: vec![(r, total_column)],
            rhs: (0..total_column).map(|c| (r, c)).collect(),
            index: r,
        });
    }
    for c in 0..columns {
        out.push(Relation {
            id: RelationId::T3ResultTotal,
            kind: Kind::Equal,
            lhs: vec![(total, c)],
            rhs: result_rows.iter().map(|&r| (r, c)).collect(),
            index: c,
        });
    }
    out
}

/// R4 over table 四 read as one row of fifteen cells (three groups of five).
pub fn t4_relations() -> Vec<Relation> {
    (0..3)
        .map(|g| Relation {
            id: RelationId::T4GroupTotal,
            kind: Kind::Equal,
            lhs: vec![(0, g * 5 + 4)],
            rhs: (0..4).map(|c| (0, g * 5 + c)).collect(),
            index: g,
        })
        .collect()
}

/// Relations of a pre-2019 statistics table: each parent against its parts (equal when the
/// parts are exhaustive, at least otherwise) in every value column, and 历年累计 ≥ the year's
/// value when the table has that column. `parents[r]` is the parent row of row `r`;
/// `exhaustive[p]` says whether row `p`'s parts are exhaustive.
pub fn old_relations(
    parents: &[Option<usize>],
    exhaustive: &[bool],
    columns: usize,
) -> Vec<Relation> {
    // Parts of each row in one pass (a scan per parent is quadratic in a long table).
    let mut parts_of: Vec<Vec<usize>> = vec![Vec::new(); exhaustive.len()];
    for (r, parent) in parents.iter().enumerate() {
        if let Some(parts) = parent.and_then(|p| parts_of.get_mut(p)) {
            parts.push(r);
        }
    }
    // Sized once: a table repeated by the thousand has tens of thousands of relations, and a
    // doubling vector holds its old and new buffer at once.
    let with_parts = parts_of.iter().filter(|p| !p.is_empty()).count();
    let cumulative = if columns == 2 { parents.len() } else { 0 };
    let mut out = Vec::with_capacity(with_parts * columns + cumulative);
    for (p, &complete) in exhaustive.iter().enumerate() {
        let parts = &parts_of[p];
        if parts.is_empty() {
            continue;
        }
        for c in 0..columns {
            out.push(Relation {
                id: if complete {
                    RelationId::OldPartsSum
                } else {
                    RelationId::OldPartsAtMost
                },
                kind: if complete { Kind::Equal } else { Kind::AtLeast },
                lhs: vec![(p, c)],
                rhs: parts.iter().map(|&r| (r, c)).collect(),
                index: p,
            });
        }
    }
    if columns == 2 {
        for r in 0..parents.len() {
            out.push(Relation {
                id: RelationId::OldCumulative,
                kind: Kind::AtLeast,
                lhs: vec![(r, 1)],
                rhs: vec![(r, 0)],
                index: r,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_three_relations_cover_every_column_and_row() {
        let r = t3_relations(Format::F2019);
        assert_eq!(r.len(), 7 + 23 + 7);
        let r3 = r
            .iter()
            .find(|x| x.id == RelationId::T3ResultTotal)
            .unwrap();
        assert_eq!(r3.rhs.len(), 19);
        let r = t3_relations(Format::F2021);
        assert_eq!(r.len(), 7 + 25 + 7);
    }

    #[test]
    fn holds_reports_missing_cells() {
        let rel = &t4_relations()[0];
        let full = |(_, c): GridRef| Some(if c == 4 { 3 } else { 1 });
        assert_eq!(rel.holds(full), Some(false)); // 1+1+1+1 = 4 ≠ 3
        let missing = |(_, c): GridRef| (c != 2).then_some(0);
        assert_eq!(rel.holds(missing), None);
    }
}
