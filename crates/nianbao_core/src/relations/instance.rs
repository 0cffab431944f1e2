//! The relations of [`crate::relations`] bound to a report's cells, and their verdict. A
//! missing cell is never read as 0: a relation with missing cells is `Unknown`, unless the
//! cells that were read already break it whatever the missing ones hold (counts are never
//! negative), which is `FailsAnyway`.

use crate::naming::CellId;
use crate::relations::{old_relations, t3_relations, t4_relations, Kind, RelationId};
use crate::report::{Cell, Report};
use crate::vocab::national::{path_table, T3_COLUMNS};
use crate::vocab::old::parts_are_exhaustive;

/// One cell of a relation as read; the path is borrowed from the report's cell map or from
/// the format's path table.
#[derive(Clone, Debug)]
pub struct Term<'a> {
    pub path: &'a str,
    pub cell: Option<&'a Cell>,
}

impl Term<'_> {
    /// The whole number the cell holds (a count, or whole 元 in an old table's money row);
    /// `None` when the cell is missing, a placeholder or not a whole number.
    pub fn count(&self) -> Option<i64> {
        self.cell
            .and_then(|c| c.value.as_decimal())
            .and_then(|d| d.as_integer())
    }
}

/// A relation of a report: Σ lhs = Σ rhs (or ≥).
#[derive(Clone, Debug)]
pub struct Instance<'a> {
    pub id: RelationId,
    pub kind: Kind,
    /// Column for per-column relations (R1, R3, old tables: 0 = 本年度, 1 = 历年累计), row
    /// for R2, group for R4.
    pub index: usize,
    /// The parent row (old tables) or the row (R2), when the relation is about one row.
    pub row: Option<usize>,
    pub lhs: Vec<Term<'a>>,
    pub rhs: Vec<Term<'a>>,
    /// Some parts may be unlisted because their rows could not be read (old tables).
    pub incomplete: bool,
}

/// The verdict on one relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Holds,
    Fails {
        lhs: i64,
        rhs: i64,
    },
    /// Cells are missing, but the cells read already break the relation: the complete side
    /// is smaller than what was read of the other side.
    FailsAnyway {
        lhs: i64,
        rhs: i64,
    },
    /// Cannot be assessed; how many cells are missing ([`Instance::missing`] names them).
    Unknown {
        missing: usize,
    },
}

impl<'a> Instance<'a> {
    pub fn terms(&self) -> impl Iterator<Item = &Term<'a>> {
        self.lhs.iter().chain(self.rhs.iter())
    }

    pub fn paths(&self) -> Vec<String> {
        self.terms()
            .filter(|t| !t.path.is_empty())
            .map(|t| t.path.to_string())
            .collect()
    }

    /// Paths of the cells that hold no whole number (blank, missing, "/").
    pub fn missing(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.terms()
            .filter(|t| t.count().is_none() && !t.path.is_empty())
            .map(|t| t.path)
    }

    pub fn outcome(&self) -> Outcome {
        let side = |terms: &[Term]| -> (i64, bool) {
            let mut sum = 0i64;
            let mut complete = true;
            for t in terms {
                match t.count() {
                    Some(v) => sum = sum.saturating_add(v),
                    None => complete = false,
                }
            }
            (sum, complete)
        };
        let (l, l_complete) = side(&self.lhs);
        let (r, r_complete) = side(&self.rhs);
        if l_complete && r_complete && !self.incomplete {
            let holds = match self.kind {
                Kind::Equal => l == r,
                Kind::AtLeast => l >= r,
            };
            return if holds {
                Outcome::Holds
            } else {
                Outcome::Fails { lhs: l, rhs: r }
            };
        }
        let missing = self.terms().filter(|t| t.count().is_none()).count();
        // Bounds only hold when every value read is a proper (non-negative) count.
        let all_non_negative = self.terms().filter_map(Term::count).all(|v| v >= 0);
        if all_non_negative {
            let l_full = l_complete;
            let r_full = r_complete && !self.incomplete;
            let breaks = match self.kind {
                // lhs ≥ rhs: a complete lhs below what is read of rhs.
                Kind::AtLeast => l_full && r > l,
                Kind::Equal => (l_full && r > l) || (r_full && l > r),
            };
            if breaks {
                return Outcome::FailsAnyway { lhs: l, rhs: r };
            }
        }
        Outcome::Unknown { missing }
    }
}

/// Every relation of the report's tables: R1–R4 for the national formats, the parts and
/// cumulative relations for a pre-2019 table.
pub fn instances(report: &Report) -> Vec<Instance<'_>> {
    let mut out = Vec::new();
    if report.format.is_national() {
        national(report, &mut out);
    }
    old(report, &mut out);
    out
}

/// The cells of tables 三 and 四 on their grids, looked up by the format's paths in grid order.
/// A relation cell the map does not define (never for a national format) is a missing term
/// with an empty path.
fn national<'a>(report: &'a Report, out: &mut Vec<Instance<'a>>) {
    let paths = path_table(report.format);
    // The map holds a national report's cells in the path table's order.
    let mut cursor = 0;
    let mut term = |path: &'static str| match report.cells.entry_after(path, &mut cursor) {
        Some(cell) => Term { path, cell },
        None => Term {
            path: "",
            cell: None,
        },
    };
    let t3: Vec<Term<'a>> = paths.t3.iter().flatten().map(|&p| term(p)).collect();
    let t4: Vec<Term<'a>> = paths.t4.iter().map(|&p| term(p)).collect();
    let at3 = |&(r, c): &(usize, usize)| t3[r * T3_COLUMNS.len() + c].clone();
    for relation in t3_relations(report.format) {
        out.push(Instance {
            id: relation.id,
            kind: relation.kind,
            index: relation.index,
            row: (relation.id == RelationId::T3RowTotal).then_some(relation.index),
            lhs: relation.lhs.iter().map(at3).collect(),
            rhs: relation.rhs.iter().map(at3).collect(),
            incomplete: false,
        });
    }
    let at4 = |&(_, k): &(usize, usize)| t4[k].clone();
    for relation in t4_relations() {
        out.push(Instance {
            id: relation.id,
            kind: relation.kind,
            index: relation.index,
            row: None,
            lhs: relation.lhs.iter().map(at4).collect(),
            rhs: relation.rhs.iter().map(at4).collect(),
            incomplete: false,
        });
    }
}

/// Whether a cell is a pre-2019 row's own (its year's) cell: `old.<n>`, not `.cumulative`.
fn is_old_row(id: &CellId) -> bool {
    matches!(
        id,
        CellId::Old {
            cumulative: false,
            ..
        }
    )
}

/// The rows of a pre-2019 table in document order (`old.<n>` paths without `.cumulative`).
pub fn old_rows(report: &Report) -> Vec<&str> {
    report
        .cells
        .entries()
        .filter(|(id, _, _)| is_old_row(id))
        .map(|(_, p, _)| p)
        .collect()
}

fn old<'a>(report: &'a Report, out: &mut Vec<Instance<'a>>) {
    // Year and cumulative cells of each row, in one pass, with each row's number. Sized by a
    // count first: a doubling vector holds its old and new buffer at once, and a table
    // repeated by the thousand has tens of thousands of rows.
    let count = report
        .cells
        .entries()
        .filter(|(id, _, _)| is_old_row(id))
        .count();
    let mut rows: Vec<(Term<'a>, Option<Term<'a>>)> = Vec::with_capacity(count);
    let mut numbers: Vec<u32> = Vec::with_capacity(count);
    for (id, path, cell) in report.cells.entries() {
        let CellId::Old { row, cumulative } = id else {
            continue;
        };
        match cumulative {
            true => {
                if let Some(at) = numbers.iter().rposition(|&n| n == row) {
                    rows[at].1 = Some(Term { path, cell });
                }
            }
            false => {
                rows.push((Term { path, cell }, None));
                numbers.push(row);
            }
        }
    }
    if rows.is_empty() {
        return;
    }
    let columns = if rows.iter().any(|(_, c)| c.is_some()) {
        2
    } else {
        1
    };
    // Lookups by row number through a table built once: a long table must not cost a scan
    // per row. (A sorted table and binary search, not a hash map: the wasm carries no SipHash.)
    let infos: Vec<Option<&crate::report::OldRowInfo>> = rows
        .iter()
        .zip(&numbers)
        .map(|((t, _), &n)| {
            t.cell
                .and_then(|c| c.old.as_deref())
                .or_else(|| report.old_row(&CellId::old(n)))
        })
        .collect();
    let info = |r: usize| infos[r];
    let mut row_of: Vec<(u32, usize)> = numbers.iter().copied().zip(0..).collect();
    // Stable: for a number met twice the first row is found, as a scan from the top would.
    crate::order::sort_by(&mut row_of, |a, b| a.0.cmp(&b.0));
    let find_row = |n: u32| -> Option<usize> {
        let first = row_of.partition_point(|&(m, _)| m < n);
        row_of.get(first).filter(|&&(m, _)| m == n).map(|&(_, r)| r)
    };
    let parents: Vec<Option<usize>> = (0..rows.len())
        .map(|r| info(r).and_then(|i| i.parent).and_then(find_row))
        .collect();
    let exhaustive: Vec<bool> = (0..rows.len())
        .map(|r| {
            info(r).is_some_and(|i| {
                let canonical: String = i
                    .label
                    .chars()
                    .filter(|c| crate::text::chars::is_label_char(*c))
                    .collect();
                parts_are_exhaustive(&canonical)
            })
        })
        .collect();
    // A row the parser could not place has no label and no known parent: a neighbouring
    // parent's parts may then be unlisted.
    let mut incomplete = vec![false; rows.len()];
    for u in (0..rows.len()).filter(|&r| info(r).is_none()) {
        if u == 0 {
            continue;
        }
        for p in [
            Some(u - 1),
            parents[u - 1],
            parents.get(u + 1).copied().flatten(),
        ]
        .into_iter()
        .flatten()
        {
            if p < u {
                incomplete[p] = true;
            }
        }
    }
    // What binding the relations below needs is the rows and `incomplete`: the lookups go
    // first (a long table's are megabytes, and the instances come on top of them).
    drop((infos, row_of, numbers));
    let may_be_part_of = |p: usize| incomplete.get(p).copied().unwrap_or(false);
    let term = |&(r, c): &(usize, usize)| -> Term<'a> {
        if c == 1 {
            rows[r].1.clone().unwrap_or(Term {
                path: "",
                cell: None,
            })
        } else {
            rows[r].0.clone()
        }
    };
    let relations = old_relations(&parents, &exhaustive, columns);
    drop((parents, exhaustive));
    // Room made once, as for `rows` above.
    out.reserve_exact(relations.len());
    for relation in relations {
        let column = relation.lhs.first().map_or(0, |r| r.1);
        let parts = relation.id != RelationId::OldCumulative;
        out.push(Instance {
            id: relation.id,
            kind: relation.kind,
            index: column,
            row: Some(relation.index),
            lhs: relation.lhs.iter().map(term).collect(),
            rhs: relation.rhs.iter().map(term).collect(),
            incomplete: parts && may_be_part_of(relation.index),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Format;
    use crate::testing;

    fn find<'a>(all: &'a [Instance<'a>], id: RelationId, index: usize) -> &'a Instance<'a> {
        all.iter().find(|i| i.id == id && i.index == index).unwrap()
    }

    #[test]
    fn a_missing_cell_is_unknown_not_zero() {
        let mut report = testing::national(Format::F2019);
        testing::blank(&mut report, "t4.review.upheld");
        let all = instances(&report);
        assert_eq!(
            find(&all, RelationId::T4GroupTotal, 0).outcome(),
            Outcome::Unknown { missing: 1 }
        );
        assert_eq!(
            find(&all, RelationId::T4GroupTotal, 1).outcome(),
            Outcome::Holds
        );
    }

    #[test]
    fn cells_read_can_break_a_relation_whatever_is_missing() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t4.review.corrected", 3);
        testing::set(&mut report, "t4.review.total", 2);
        testing::blank(&mut report, "t4.review.upheld");
        let all = instances(&report);
        assert_eq!(
            find(&all, RelationId::T4GroupTotal, 0).outcome(),
            Outcome::FailsAnyway { lhs: 2, rhs: 3 }
        );
    }

    #[test]
    fn old_tables_bind_parts_and_cumulative() {
        let report = testing::old(&[
            ("受理依申请公开信息总数", None, 7, Some(28)),
            ("当面申请数", Some(1), 3, Some(18)),
            ("网上申请数", Some(1), 4, Some(10)),
        ]);
        let all = instances(&report);
        let parts: Vec<_> = all
            .iter()
            .filter(|i| i.id == RelationId::OldPartsSum)
            .collect();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].outcome(), Outcome::Holds);
        assert_eq!(parts[1].outcome(), Outcome::Holds);
        assert_eq!(
            all.iter()
                .filter(|i| i.id == RelationId::OldCumulative)
                .count(),
            3
        );
    }
}
