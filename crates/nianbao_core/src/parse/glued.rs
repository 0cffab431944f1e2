//! Digits printed without separators ("7000007", "230 000023", "21317000001324019" for
//! fifteen cells) split back into cells. Every way to cut the digits is enumerated (no leading
//! zeros, bounded length) by a search bounded by the nodes it visits (`MAX_NODES`), never by
//! the splits it happens to find; the table's own relations (`crate::relations`) then pick the
//! reading. A reading is accepted only when it is the single one that fits; otherwise the
//! cells stay unread and the caller reports the candidates (or that the bound stopped it).

use crate::relations::{GridRef, Relation};
use crate::report::Span;
use crate::text::scan::{Scan, TokenKind};

/// One digit with its place in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digit {
    pub value: u8,
    pub start: u32,
    pub end: u32,
}

/// The digits of a run of glued numbers: one group per printed number (spaces between
/// numbers are real cell boundaries), plus the text after the last number's integer digits
/// (a decimal fraction or unit), which belongs to the last cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Glued {
    pub groups: Vec<Vec<Digit>>,
    /// The number tokens the digits come from.
    pub tokens: Vec<usize>,
    /// End offset of the last number (including fraction and unit), when it has a tail.
    pub tail_end: Option<u32>,
}

impl Glued {
    pub fn digit_count(&self) -> usize {
        self.groups.iter().map(Vec::len).sum()
    }

    /// Whether every printed number could be one cell as printed (no leading zero), so that
    /// "a number was left out" reads the row as well as any split does: a split is then
    /// taken only when the table's sums confirm it.
    pub fn reads_as_printed(&self) -> bool {
        self.groups
            .iter()
            .all(|g| g.len() <= MAX_CELL_DIGITS && (g.len() == 1 || g[0].value != 0))
    }

    /// From the first digit to the end of the last number (its fraction and unit included).
    pub fn span(&self) -> Span {
        let start = self
            .groups
            .first()
            .and_then(|g| g.first())
            .map_or(0, |d| d.start);
        let end = self
            .tail_end
            .or_else(|| self.groups.last().and_then(|g| g.last()).map(|d| d.end))
            .unwrap_or(start);
        Span { start, end }
    }

    /// Reads the digits of value tokens; `None` when a token is not a plain run of digits
    /// (only the last may carry a fraction or unit).
    pub fn from_tokens(scan: &Scan, text: &str, tokens: &[usize]) -> Option<Glued> {
        let mut glued = Glued {
            tokens: tokens.to_vec(),
            ..Glued::default()
        };
        for (n, &index) in tokens.iter().enumerate() {
            let token = &scan.tokens[index];
            let number = scan.number(token)?;
            let is_last = n + 1 == tokens.len();
            if !number.plain && !is_last {
                return None;
            }
            let mut group = Vec::new();
            let mut tail = false;
            for (i, c) in text[token.span().range()].char_indices() {
                let start = token.span().start + i as u32;
                // Read through the tokenizer's normalization, so both see the same digits.
                let digit = match crate::text::chars::digit(c) {
                    Some(d) => d,
                    None if matches!(
                        crate::text::chars::normalize(c),
                        crate::text::chars::Norm::Skip
                    ) =>
                    {
                        continue
                    }
                    None => {
                        tail = true;
                        break;
                    }
                };
                group.push(Digit {
                    value: digit,
                    start,
                    end: start + c.len_utf8() as u32,
                });
            }
            if group.is_empty() {
                return None;
            }
            if tail {
                // Only a fraction or unit may follow; a sign or separator means it is not glued.
                if !is_last || number.value.is_some_and(|v| v.is_negative()) {
                    return None;
                }
                glued.tail_end = Some(token.span().end);
            }
            glued.groups.push(group);
        }
        Some(glued)
    }
}

/// One way of cutting the digits into cells: for each cell, (group, first digit, end digit).
/// `u16`s: a search runs only on a few hundred digits, and a row may keep 20,000 splits
/// (6 bytes a cell, not 24: issue 14's memory bound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub cells: Vec<(u16, u16, u16)>,
}

impl Split {
    /// The integer value of each cell (the last cell's fraction, if any, is not included).
    pub fn values(&self, glued: &Glued) -> Vec<i64> {
        self.cells
            .iter()
            .map(|&(g, from, to)| {
                glued.groups[usize::from(g)][usize::from(from)..usize::from(to)]
                    .iter()
                    .fold(0i64, |acc, d| {
                        acc.saturating_mul(10).saturating_add(d.value as i64)
                    })
            })
            .collect()
    }

    /// Where each cell is in the original text.
    pub fn span(&self, glued: &Glued, cell: usize) -> Span {
        let (g, from, to) = self.cells[cell];
        let (g, from, to) = (usize::from(g), usize::from(from), usize::from(to));
        let digits = &glued.groups[g];
        let mut end = digits[to - 1].end;
        if cell + 1 == self.cells.len() {
            if let Some(tail_end) = glued.tail_end {
                end = tail_end;
            }
        }
        Span {
            start: digits[from].start,
            end,
        }
    }
}

/// Most nodes (partial splits) one row's search may visit: the bound on work done, whatever
/// the number of splits found. Real rows need a few hundred; a hostile digit run stops here.
pub const MAX_NODES: usize = 200_000;
/// Most digits of one cell: more would not fit an `i64` and could only be a misreading.
const MAX_CELL_DIGITS: usize = 18;

/// The outcome of one split search, with the work it did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search {
    /// Every split, or `None` when the search was stopped (more than `limit` splits, or
    /// `MAX_NODES` nodes visited): the row is then unread, never guessed.
    pub splits: Option<Vec<Split>>,
    /// Nodes visited (the work done).
    pub nodes: usize,
}

/// Every split of the digits into exactly `cells` cells of at most `max_digits` digits with
/// no leading zero, or `None` when there are more than `limit` or the work bound stops it.
pub fn splits(glued: &Glued, cells: usize, max_digits: usize, limit: usize) -> Option<Vec<Split>> {
    search(glued, cells, max_digits, limit).splits
}

/// `splits`, saying how much work it did. The search only enters a position from which the
/// cells left can still be filled exactly (a `0` starts only a one-digit cell), so every node
/// lies on the way to a split and the work is bounded by the splits found as well as by
/// `MAX_NODES`.
pub fn search(glued: &Glued, cells: usize, max_digits: usize, limit: usize) -> Search {
    let max_digits = max_digits.clamp(1, MAX_CELL_DIGITS);
    let total: usize = glued.digit_count();
    if cells < glued.groups.len()
        || total < cells
        || total > cells.saturating_mul(max_digits)
        || total > usize::from(u16::MAX)
    {
        return Search {
            splits: Some(Vec::new()),
            nodes: 0,
        };
    }
    let fewest = fewest_cells(glued, max_digits);
    if glued.groups.iter().any(Vec::is_empty) || glued.groups.is_empty() || fewest[0][0] > cells {
        return Search {
            splits: Some(Vec::new()),
            nodes: 0,
        };
    }
    let mut digits_after_group = vec![0; glued.groups.len()];
    for g in (0..glued.groups.len().saturating_sub(1)).rev() {
        digits_after_group[g] = digits_after_group[g + 1] + glued.groups[g + 1].len();
    }
    let mut state = Walk {
        glued,
        max_digits,
        limit,
        fewest,
        digits_after_group,
        nodes: 0,
        current: Vec::with_capacity(cells),
        out: Vec::new(),
    };
    let ok = state.walk(0, 0, cells);
    Search {
        splits: ok.then_some(state.out),
        nodes: state.nodes,
    }
}

/// For each group and position, the fewest cells the digits from there to the end can be
/// cut into (the most is one per digit, and every count in between is reachable: splitting
/// off a cell's last digit adds one).
fn fewest_cells(glued: &Glued, max_digits: usize) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); glued.groups.len()];
    let mut after = 0;
    for (g, digits) in glued.groups.iter().enumerate().rev() {
        let n = digits.len();
        let mut m = vec![0usize; n + 1];
        m[n] = after;
        for p in (0..n).rev() {
            m[p] = if digits[p].value == 0 {
                1 + m[p + 1]
            } else {
                (1..=max_digits.min(n - p))
                    .map(|len| 1 + m[p + len])
                    .min()
                    .unwrap_or(usize::MAX)
            };
        }
        after = m[0];
        out[g] = m;
    }
    out
}

struct Walk<'a> {
    glued: &'a Glued,
    max_digits: usize,
    limit: usize,
    fewest: Vec<Vec<usize>>,
    /// Digits in the groups after each group.
    digits_after_group: Vec<usize>,
    nodes: usize,
    current: Vec<(u16, u16, u16)>,
    out: Vec<Split>,
}

impl Walk<'_> {
    /// False when stopped (too many splits or too much work).
    fn walk(&mut self, group: usize, position: usize, cells_left: usize) -> bool {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return false;
        }
        if group == self.glued.groups.len() {
            if cells_left == 0 {
                if self.out.len() >= self.limit {
                    return false;
                }
                self.out.push(Split {
                    cells: self.current.clone(),
                });
            }
            return true;
        }
        let digits = &self.glued.groups[group];
        let left_here = digits.len() - position;
        let max_len = if digits[position].value == 0 {
            1
        } else {
            self.max_digits.min(left_here)
        };
        for len in 1..=max_len {
            let next = position + len;
            let (next_group, next_position) = if next == digits.len() {
                (group + 1, 0)
            } else {
                (group, next)
            };
            // Enter only positions from which exactly `cells_left - 1` cells can be cut.
            let (fewest, most) = if next_group == self.glued.groups.len() {
                (0, 0)
            } else {
                let digits_after = self.glued.groups[next_group].len() - next_position
                    + self.digits_after_group[next_group];
                (self.fewest[next_group][next_position], digits_after)
            };
            let want = cells_left - 1;
            if want < fewest || want > most {
                continue;
            }
            // Below 2^16: the search runs only when the digits fit the cells (a few hundred).
            self.current
                .push((group as u16, position as u16, next as u16));
            let ok = self.walk(next_group, next_position, want);
            self.current.pop();
            if !ok {
                return false;
            }
        }
        true
    }
}

/// How an ambiguous row was settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The only candidate satisfying every relation that can be checked.
    Unique(usize),
    /// No candidate satisfies every relation; this one breaks the fewest and is the only
    /// one that does. The reading may be wrong and must be reported as uncertain.
    FewestConflicts(usize),
    /// Several readings fit equally well.
    Ambiguous,
    /// Every reading of the row (with every reading of the other open rows) breaks a relation
    /// that touches the row: the table cannot balance, whichever reading is right. Several
    /// readings break fewest, so none is placed. Bit `id as u8` is set for each
    /// [`crate::relations::RelationId`] broken where the row comes closest to balancing.
    Unbalanced(u8),
}

/// Largest number of joint readings tried before giving up on a table.
const MAX_COMBINATIONS: usize = 200_000;

/// Chooses a candidate for each ambiguous row. `fixed(r, c)` gives the value of cells in
/// rows that are not ambiguous (`None` when missing); `rows[i]` is (row index, candidate
/// values). Relations that touch only one ambiguous row filter that row first; the rest are
/// solved jointly.
pub fn resolve(
    fixed: impl Fn(GridRef) -> Option<i64>,
    rows: &[(usize, Vec<Vec<i64>>)],
    relations: &[Relation],
) -> Vec<Resolution> {
    // The slot of each table row in `rows`: looked up for every cell of every relation in
    // every joint reading, so a table rather than a search.
    let mut slots_by_row: Vec<Option<usize>> = Vec::new();
    for (slot, &(row, _)) in rows.iter().enumerate() {
        if slots_by_row.len() <= row {
            slots_by_row.resize(row + 1, None);
        }
        slots_by_row[row].get_or_insert(slot);
    }
    let row_slot = |r: usize| slots_by_row.get(r).copied().flatten();
    // Relations involving at least one ambiguous row, with the ambiguous rows they touch.
    let involved: Vec<(&Relation, Vec<usize>)> = relations
        .iter()
        .filter_map(|rel| {
            let mut slots: Vec<usize> = Vec::new();
            for slot in rel.refs().filter_map(|&(r, _)| row_slot(r)) {
                if !slots.contains(&slot) {
                    slots.push(slot);
                }
            }
            (!slots.is_empty()).then_some((rel, slots))
        })
        .collect();

    // 1. Filter each row by the relations that involve only that row.
    let mut candidates: Vec<Vec<usize>> = Vec::with_capacity(rows.len());
    let mut result = vec![Resolution::Ambiguous; rows.len()];
    let mut settled: Vec<Option<usize>> = vec![None; rows.len()];
    for (slot, (row, values)) in rows.iter().enumerate() {
        let local: Vec<&Relation> = involved
            .iter()
            .filter(|(_, s)| s.len() == 1 && s[0] == slot)
            .map(|(rel, _)| *rel)
            .collect();
        let fits: Vec<usize> = (0..values.len())
            .filter(|&k| {
                local.iter().all(|rel| {
                    rel.holds(|(r, c)| {
                        if r == *row {
                            values[k].get(c).copied()
                        } else {
                            fixed((r, c))
                        }
                    }) != Some(false)
                })
            })
            .collect();
        if fits.len() == 1 {
            result[slot] = Resolution::Unique(fits[0]);
            settled[slot] = Some(fits[0]);
        }
        candidates.push(if fits.is_empty() {
            (0..values.len()).collect()
        } else {
            fits
        });
    }

    // 2. Jointly, over the rows still open, count broken relations per combination.
    let open: Vec<usize> = (0..rows.len()).filter(|&s| settled[s].is_none()).collect();
    if open.is_empty() {
        return result;
    }
    let combinations = open
        .iter()
        .try_fold(1usize, |acc, &s| acc.checked_mul(candidates[s].len()));
    if combinations.is_none_or(|n| n > MAX_COMBINATIONS || n == 0) {
        return result;
    }
    // For each open row: the fewest broken relations touching it in any combination, and
    // the families broken where that fewest is reached (a row no reading of which fits
    // when the combinations are too many stays ambiguous: nothing is claimed unchecked).
    // Both packed in one number: the count above the low 8 bits, the families' bits in them.
    let mut least = vec![usize::MAX; open.len()];
    let mut touching = vec![0usize; rows.len()];
    let value_at = |choice: &[Option<usize>], (r, c): GridRef| -> Option<i64> {
        match row_slot(r) {
            Some(slot) => choice[slot].and_then(|k| rows[slot].1[k].get(c).copied()),
            None => fixed((r, c)),
        }
    };
    let mut choice = settled.clone();
    let mut indices = vec![0usize; open.len()];
    let mut best = usize::MAX;
    // For each open row: the candidate chosen by every best combination so far, if the same.
    let mut agreed: Vec<Option<Option<usize>>> = vec![None; open.len()];
    loop {
        for (i, &slot) in open.iter().enumerate() {
            choice[slot] = Some(candidates[slot][indices[i]]);
        }
        touching.fill(0);
        let mut broken = 0;
        for (rel, slots) in &involved {
            if rel.holds(|g| value_at(&choice, g)) == Some(false) {
                broken += 1;
                for &slot in slots {
                    touching[slot] = (touching[slot] + 256) | 1 << rel.id as u8;
                }
            }
        }
        for (i, &slot) in open.iter().enumerate() {
            let t = touching[slot];
            if t >> 8 < least[i] >> 8 {
                least[i] = t;
            } else if t >> 8 == least[i] >> 8 {
                least[i] |= t;
            }
        }
        if broken < best {
            best = broken;
            for (i, &slot) in open.iter().enumerate() {
                agreed[i] = Some(choice[slot]);
            }
        } else if broken == best {
            for (i, &slot) in open.iter().enumerate() {
                if agreed[i] != Some(choice[slot]) {
                    agreed[i] = Some(None);
                }
            }
        }
        // Next combination (odometer).
        let mut i = 0;
        loop {
            if i == open.len() {
                break;
            }
            indices[i] += 1;
            if indices[i] < candidates[open[i]].len() {
                break;
            }
            indices[i] = 0;
            i += 1;
        }
        if i == open.len() {
            break;
        }
    }
    for (i, &slot) in open.iter().enumerate() {
        result[slot] = match agreed[i] {
            Some(Some(k)) if best == 0 => Resolution::Unique(k),
            Some(Some(k)) => Resolution::FewestConflicts(k),
            _ if least[i] >> 8 > 0 => Resolution::Unbalanced(least[i] as u8),
            _ => Resolution::Ambiguous,
        };
    }
    result
}

/// For each row of `rows` settled on a candidate: whether an equality of the table that
/// touches the row holds with the chosen values (other rows at their settled candidates).
/// Only then is the split confirmed rather than merely possible.
pub fn confirmed(
    fixed: impl Fn(GridRef) -> Option<i64>,
    rows: &[(usize, Vec<Vec<i64>>)],
    relations: &[Relation],
    resolutions: &[Resolution],
) -> Vec<bool> {
    let mut slot_by_row: Vec<Option<usize>> = Vec::new();
    for (slot, &(row, _)) in rows.iter().enumerate() {
        if slot_by_row.len() <= row {
            slot_by_row.resize(row + 1, None);
        }
        slot_by_row[row].get_or_insert(slot);
    }
    let slot_of = |r: usize| slot_by_row.get(r).copied().flatten();
    let chosen = |slot: usize| match resolutions.get(slot) {
        Some(Resolution::Unique(k)) => Some(*k),
        _ => None,
    };
    let value = |(r, c): GridRef| -> Option<i64> {
        match slot_of(r) {
            Some(slot) => chosen(slot).and_then(|k| rows[slot].1[k].get(c).copied()),
            None => fixed((r, c)),
        }
    };
    // One pass over the relations: an equality that holds confirms every settled row it touches.
    let mut out = vec![false; rows.len()];
    for rel in relations {
        if rel.kind != crate::relations::Kind::Equal
            || rel.refs().all(|&(r, _)| slot_of(r).is_none())
        {
            continue;
        }
        if rel.holds(value) == Some(true) {
            for &(r, _) in rel.refs() {
                if let Some(slot) = slot_of(r) {
                    out[slot] = chosen(slot).is_some();
                }
            }
        }
    }
    out
}

/// Token indices of the numbers among collected values.
pub fn number_tokens(scan: &Scan, values: &[crate::parse::rows::RawValue]) -> Vec<usize> {
    values
        .iter()
        .map(|v| v.token)
        .filter(|&t| matches!(scan.tokens[t].kind(), TokenKind::Number))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relations::{t4_relations, Kind, RelationId};
    use crate::text::scan::scan;

    fn glued(text: &str) -> Glued {
        let s = scan(text);
        let numbers: Vec<usize> = (0..s.tokens.len())
            .filter(|&i| matches!(s.tokens[i].kind(), TokenKind::Number))
            .collect();
        Glued::from_tokens(&s, text, &numbers).unwrap()
    }

    fn all_values(text: &str, cells: usize) -> Vec<Vec<i64>> {
        let g = glued(text);
        splits(&g, cells, 9, 10_000)
            .unwrap()
            .iter()
            .map(|s| s.values(&g))
            .collect()
    }

    #[test]
    fn seven_digits_for_seven_cells_split_one_way() {
        assert_eq!(all_values("7000007", 7), vec![vec![7, 0, 0, 0, 0, 0, 7]]);
    }

    #[test]
    fn spaces_are_real_boundaries() {
        let values = all_values("230 000023", 7);
        assert!(values.contains(&vec![23, 0, 0, 0, 0, 0, 23]));
        assert!(values.iter().all(|v| v.len() == 7));
        // "0 0 00 00 0" (seven zeros) has exactly one reading.
        assert_eq!(all_values("0 0 00 00 0", 7), vec![vec![0; 7]]);
    }

    #[test]
    fn money_tail_stays_with_the_last_cell() {
        let text = "13575394432.52元";
        let g = glued(text);
        let splits = splits(&g, 2, 11, 100).unwrap();
        assert_eq!(splits.len(), 10);
        let s = &splits[2]; // 135 | 75394432.52元
        assert_eq!(s.values(&g), vec![135, 75394432]);
        assert_eq!(&text[s.span(&g, 1).range()], "75394432.52元");
    }

    #[test]
    fn table_four_of_seventeen_digits_splits_uniquely_by_its_totals() {
        let g = glued("21317000001324019");
        let splits = splits(&g, 15, 9, 100_000).unwrap();
        let candidates: Vec<Vec<i64>> = splits.iter().map(|s| s.values(&g)).collect();
        let result = resolve(|_| None, &[(0, candidates.clone())], &t4_relations());
        let Resolution::Unique(k) = result[0] else {
            panic!("not unique: {result:?}")
        };
        assert_eq!(
            candidates[k],
            vec![2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]
        );
    }

    #[test]
    fn joint_relations_settle_what_a_row_alone_cannot() {
        // Row 0 reads 27,0,0,2,0,1,30 or 2,7,0,0,20,1,30; a column relation with row 1 decides.
        let rows = vec![(0, vec![vec![27, 0], vec![2, 7]])];
        let rel = Relation {
            id: RelationId::T3Identity,
            kind: Kind::Equal,
            lhs: vec![(0, 0)],
            rhs: vec![(1, 0)],
            index: 0,
        };
        let fixed = |(r, c): GridRef| (r == 1 && c == 0).then_some(27);
        assert_eq!(
            resolve(fixed, &rows, std::slice::from_ref(&rel)),
            vec![Resolution::Unique(0)]
        );
        // Nothing fits and both readings break the relation once: no reading is placed, but
        // the table certainly does not balance.
        let fixed = |(r, c): GridRef| (r == 1 && c == 0).then_some(26);
        let result = resolve(fixed, &rows, std::slice::from_ref(&rel));
        let Resolution::Unbalanced(mask) = result[0] else {
            panic!("not unbalanced: {result:?}")
        };
        assert_eq!(mask, 1 << RelationId::T3Identity as u8);
        // A missing cell leaves the relation undecided: nothing is certain.
        assert_eq!(
            resolve(|_| None, &rows, &[rel]),
            vec![Resolution::Ambiguous]
        );
    }

    #[test]
    fn a_row_is_unbalanced_only_when_its_own_relations_break() {
        let equal = |index, lhs: Vec<GridRef>, rhs: Vec<GridRef>| Relation {
            id: RelationId::T4GroupTotal,
            kind: Kind::Equal,
            lhs,
            rhs,
            index,
        };
        // Row 0 fits (its first cell equals row 2's 5) under one of its readings; row 1 breaks
        // its own relation (cell 0 = cell 1) under both of its readings.
        let rows = vec![
            (0, vec![vec![5, 1], vec![6, 1]]),
            (1, vec![vec![1, 2], vec![3, 4]]),
        ];
        let relations = [
            equal(0, vec![(0, 0)], vec![(2, 0)]),
            equal(1, vec![(1, 0)], vec![(1, 1)]),
        ];
        let fixed = |(r, c): GridRef| (r == 2 && c == 0).then_some(5);
        let result = resolve(fixed, &rows, &relations);
        assert_eq!(result[0], Resolution::Unique(0));
        assert!(matches!(result[1], Resolution::Unbalanced(_)), "{result:?}");
        // A relation across both rows that only some combinations break names neither.
        let rows = vec![(0, vec![vec![5], vec![7]]), (1, vec![vec![5], vec![7]])];
        let across = [equal(0, vec![(0, 0)], vec![(1, 0)])];
        let result = resolve(|_| None, &rows, &across);
        assert_eq!(result, vec![Resolution::Ambiguous, Resolution::Ambiguous]);
    }
}
