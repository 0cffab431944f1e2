//! The report as read: metadata, sections and the flat map of cells that the result contract
//! (`docs/data-contract.md`) publishes. Nothing here knows how the text was parsed.

use std::borrow::Cow;

use crate::decimal::Decimal;
use crate::naming::CellId;

/// A byte range into the *original* input text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn empty_at(offset: usize) -> Span {
        Span::new(offset, offset)
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// Which table layout the report uses, detected from the table labels (format-spec §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// 国办公开办函〔2019〕60号 trial format.
    F2019,
    /// 国办公开办函〔2021〕30号 format.
    F2021,
    /// Pre-2019 statistics tables (or no table at all in an old report).
    Old,
    Unknown,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::F2019 => "f2019",
            Format::F2021 => "f2021",
            Format::Old => "old",
            Format::Unknown => "unknown",
        }
    }

    /// The inverse of [`Format::as_str`].
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "f2019" => Some(Format::F2019),
            "f2021" => Some(Format::F2021),
            "old" => Some(Format::Old),
            "unknown" => Some(Format::Unknown),
            _ => None,
        }
    }

    pub fn is_national(self) -> bool {
        matches!(self, Format::F2019 | Format::F2021)
    }
}

/// One of the report's numbered parts (一、总体情况 …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub number: u8,
    pub title: String,
    pub span: Span,
    pub line: u32,
}

/// What a cell holds. Blank, "/" and 0 stay different: a blank cell is no `Cell` at all
/// (`None` in the map), "/" is `Placeholder`, 0 is `Count(0)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A count of items (applications, cases, documents…); signed for 本年增/减.
    Count(i64),
    /// An amount of money in 元, exact.
    Money(Decimal),
    /// Any other decimal (a percentage as printed, without the % sign).
    Decimal(Decimal),
    /// "/", "—", "无" … printed where a number would go.
    Placeholder,
}

impl Value {
    /// The numeric value as an exact decimal, `None` for a placeholder.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            Value::Count(n) => Some(Decimal::from_int(*n)),
            Value::Money(d) | Value::Decimal(d) => Some(*d),
            Value::Placeholder => None,
        }
    }

    pub fn as_count(&self) -> Option<i64> {
        match self {
            Value::Count(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as the contract prints it in `expected`/`actual` and repairs.
    pub fn display(&self) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Money(d) | Value::Decimal(d) => d.to_string(),
            Value::Placeholder => "/".to_string(),
        }
    }
}

/// Extra facts about a row of a pre-2019 statistics table (`old.<n>` cells).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OldRowInfo {
    /// The row label as printed, cleaned of spaces.
    pub label: String,
    /// The row this one is a part of (`old.<n>`, by its number), if any.
    pub parent: Option<u32>,
    /// 计量单位 (条, 件, 万元 …) when printed.
    pub unit: Option<&'static str>,
}

/// A cell read from the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub value: Value,
    /// Where the cell's text is in the original input.
    pub span: Span,
    /// 1-based line of `span.start` in the original input.
    pub line: u32,
    /// Only for the first value cell of a pre-2019 row.
    pub old: Option<Box<OldRowInfo>>,
}

/// A cell path such as `t3.total.natural_person` or `old.12.cumulative`: how the contract and
/// the diagnostics name a cell. The cell map is keyed by the typed [`CellId`].
pub type CellPath = Cow<'static, str>;

/// What a cell map lookup accepts: a typed [`CellId`], or a contract path (read once into
/// one; a string that is no path finds nothing).
pub trait CellKey {
    fn cell_id(&self) -> Option<CellId<'_>>;
}

impl CellKey for CellId<'_> {
    fn cell_id(&self) -> Option<CellId<'_>> {
        Some(*self)
    }
}

impl CellKey for str {
    fn cell_id(&self) -> Option<CellId<'_>> {
        CellId::parse(self)
    }
}

impl CellKey for String {
    fn cell_id(&self) -> Option<CellId<'_>> {
        CellId::parse(self)
    }
}

impl CellKey for CellPath {
    fn cell_id(&self) -> Option<CellId<'_>> {
        CellId::parse(self)
    }
}

impl<K: CellKey + ?Sized> CellKey for &K {
    fn cell_id(&self) -> Option<CellId<'_>> {
        (**self).cell_id()
    }
}

/// The flat, ordered map of every cell the detected format defines, keyed by [`CellId`]. Order
/// is the contract's order (table 二, 三, 四, then old rows), lookups go through a sorted
/// index of key hashes. The contract paths of the keys are kept in one string (a dozen bytes
/// a cell, no allocation per cell) for the stages that still name cells by path (relation
/// terms, repairs, diagnostics).
#[derive(Clone, Debug, Default)]
pub struct CellMap {
    ids: Vec<Key>,
    /// The national ids, which `Key::National` indexes (their row and column are the
    /// vocabulary's strings: 40 bytes an id, too many for every old-table cell).
    national: Vec<CellId<'static>>,
    cells: Vec<Option<Cell>>,
    /// The paths of `ids`, one after the other; path `i` ends at `path_ends[i]`.
    paths: String,
    path_ends: Vec<u32>,
    /// (key hash, entry index), sorted: a lookup compares hashes and then one key.
    by_hash: Vec<(u32, u32)>,
    /// Entry index + 1 (0: none) of `old.<n>` at 2n and `old.<n>.cumulative` at 2n + 1: a long
    /// pre-2019 table is tens of thousands of cells, looked up once or more each, and a
    /// binary search over their hashes misses the cache at every step. Old keys numbered
    /// past the map's size are in `by_hash` instead.
    old_index: Vec<u32>,
}

/// A [`CellId`] in 12 bytes: old and percentage ids as they are, national ids by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    National(u32),
    Old(u32, bool),
    Percent(u32, u32, bool),
}

/// Byte order of two paths, compared in place: paths are a dozen bytes, too short for a call
/// to memcmp to pay off.
pub(crate) fn path_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes().cmp(b.bytes())
}

/// FNV-1a's starting value; the core's one hash (no SipHash in the wasm).
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes`, continuing from `hash`.
pub(crate) fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A path's hash, for lookups that compare hashes first and bytes only when equal.
pub(crate) fn path_hash(path: &str) -> u64 {
    fnv1a(FNV_OFFSET, path.as_bytes())
}

/// The cell map's hash of a key, from its parts (no path is built): 32 bits are plenty for
/// the cells of a report, and four radix passes sort them.
fn cell_hash(id: CellId) -> u32 {
    let h = match id {
        CellId::National { table, row, column } => {
            let h = fnv1a(FNV_OFFSET, table.key().as_bytes());
            let h = fnv1a(h, row.as_bytes());
            fnv1a(fnv1a(h, b"."), column.as_bytes())
        }
        CellId::Old { row, cumulative } => {
            let h = fnv1a(fnv1a(FNV_OFFSET, b"old"), &row.to_le_bytes());
            fnv1a(h, &[u8::from(cumulative)])
        }
        CellId::Percent {
            table,
            row,
            percent,
        } => {
            let h = fnv1a(fnv1a(FNV_OFFSET, b"pct"), &table.to_le_bytes());
            fnv1a(fnv1a(h, &row.to_le_bytes()), &[u8::from(percent)])
        }
    };
    (h >> 32) as u32
}

/// Where an old key sits in `CellMap::old_index`.
fn old_slot(id: CellId) -> Option<usize> {
    match id {
        CellId::Old { row, cumulative } => Some(row as usize * 2 + usize::from(cumulative)),
        _ => None,
    }
}

/// The highest `old_index` slot a map of `len` cells keeps: the parser numbers rows from 1, so
/// a row numbered past twice the cells is not one of its rows (and must not size the index).
fn old_bound(len: usize) -> usize {
    2 * len + 16
}

impl CellMap {
    pub fn new() -> CellMap {
        CellMap::default()
    }

    /// The map of cells read in contract order, indexed with one sort (not an insertion per
    /// cell: a report has hundreds). Keys must be unique.
    pub fn from_entries(entries: Vec<(CellId<'static>, Option<Cell>)>) -> CellMap {
        let mut map = CellMap {
            ids: Vec::with_capacity(entries.len()),
            national: Vec::new(),
            cells: Vec::with_capacity(entries.len()),
            paths: String::new(),
            path_ends: Vec::with_capacity(entries.len()),
            by_hash: Vec::new(),
            old_index: Vec::new(),
        };
        let bound = old_bound(entries.len());
        let mut hashed = Vec::new();
        for (id, cell) in entries {
            let i = map.ids.len() as u32;
            if !map.index_old(id, i, bound) {
                hashed.push((cell_hash(id), i));
            }
            map.append(id, cell);
        }
        map.paths.shrink_to_fit();
        map.old_index.shrink_to_fit();
        map.by_hash = crate::order::radix_sort_pairs(hashed);
        map
    }

    /// Puts an old key in `old_index` when its number is within `bound`; false otherwise.
    fn index_old(&mut self, id: CellId, i: u32, bound: usize) -> bool {
        let Some(slot) = old_slot(id).filter(|&slot| slot < bound) else {
            return false;
        };
        if self.old_index.len() <= slot {
            self.old_index.resize(slot + 1, 0);
        }
        self.old_index[slot] = i + 1;
        true
    }

    fn append(&mut self, id: CellId<'static>, cell: Option<Cell>) {
        use std::fmt::Write;
        let _ = write!(self.paths, "{id}");
        self.path_ends.push(self.paths.len() as u32);
        let key = match id {
            CellId::National { .. } => {
                self.national.push(id);
                Key::National(self.national.len() as u32 - 1)
            }
            CellId::Old { row, cumulative } => Key::Old(row, cumulative),
            CellId::Percent {
                table,
                row,
                percent,
            } => Key::Percent(table, row, percent),
        };
        self.ids.push(key);
        self.cells.push(cell);
    }

    /// The id of entry `i`.
    fn id(&self, i: usize) -> CellId<'static> {
        match self.ids[i] {
            Key::National(n) => self.national[n as usize],
            Key::Old(row, cumulative) => CellId::Old { row, cumulative },
            Key::Percent(table, row, percent) => CellId::Percent {
                table,
                row,
                percent,
            },
        }
    }

    /// Appends a cell (or a known-but-missing cell). Keys must be unique.
    pub fn push(&mut self, id: CellId<'static>, cell: Option<Cell>) {
        let i = self.ids.len() as u32;
        if !self.index_old(id, i, old_bound(self.ids.len() + 1)) {
            let key = (cell_hash(id), i);
            let position = self.by_hash.partition_point(|&k| k < key);
            self.by_hash.insert(position, key);
        }
        self.append(id, cell);
    }

    /// The entry of a key. Not generic (nor is any lookup's body): each key type's copy of a
    /// generic lookup would be code in the page's wasm.
    fn find(&self, id: Option<CellId>) -> Option<usize> {
        let id = id?;
        if let Some(&i) = old_slot(id).and_then(|slot| self.old_index.get(slot)) {
            if i > 0 {
                return Some(i as usize - 1);
            }
        }
        let hash = cell_hash(id);
        let first = self.by_hash.partition_point(|&(h, _)| h < hash);
        self.by_hash[first..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .map(|&(_, i)| i as usize)
            .find(|&i| self.id(i) == id)
    }

    /// The contract path of entry `i`.
    fn path(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |p| self.path_ends[p] as usize);
        &self.paths[start..self.path_ends[i] as usize]
    }

    /// `None` when the key is unknown *or* the cell is missing; see [`CellMap::contains`].
    pub fn get<K: CellKey + ?Sized>(&self, key: &K) -> Option<&Cell> {
        self.entry(key).flatten()
    }

    fn entry_of(&self, id: Option<CellId>) -> Option<Option<&Cell>> {
        self.find(id).map(|i| self.cells[i].as_ref())
    }

    /// `Some(cell)` when the map defines the key (`cell` is `None` when it was not read), in
    /// one lookup; `None` when the key is unknown.
    pub fn entry<K: CellKey + ?Sized>(&self, key: &K) -> Option<Option<&Cell>> {
        self.entry_of(key.cell_id())
    }

    /// [`CellMap::entry`] for keys asked in the order the map holds them (a table's grid):
    /// `cursor` is just past the last one found, so each costs one comparison, not a lookup.
    pub fn entry_after<K: CellKey + ?Sized>(
        &self,
        key: &K,
        cursor: &mut usize,
    ) -> Option<Option<&Cell>> {
        self.entry_after_id(key.cell_id(), cursor)
    }

    fn entry_after_id(&self, id: Option<CellId>, cursor: &mut usize) -> Option<Option<&Cell>> {
        let id = id?;
        let i = match *cursor < self.ids.len() && self.id(*cursor) == id {
            true => *cursor,
            false => self.find(Some(id))?,
        };
        *cursor = i + 1;
        Some(self.cells[i].as_ref())
    }

    pub fn contains<K: CellKey + ?Sized>(&self, key: &K) -> bool {
        self.entry(key).is_some()
    }

    pub fn set<K: CellKey + ?Sized>(&mut self, key: &K, cell: Option<Cell>) -> bool {
        self.set_id(key.cell_id(), cell)
    }

    fn set_id(&mut self, id: Option<CellId>, cell: Option<Cell>) -> bool {
        match self.find(id) {
            Some(i) => {
                self.cells[i] = cell;
                true
            }
            None => false,
        }
    }

    /// Every entry in order, by contract path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Option<&Cell>)> {
        (0..self.ids.len()).map(|i| (self.path(i), self.cells[i].as_ref()))
    }

    /// Every entry in order, with its typed key and its path.
    pub fn entries(&self) -> impl Iterator<Item = (CellId<'static>, &str, Option<&Cell>)> {
        (0..self.ids.len()).map(|i| (self.id(i), self.path(i), self.cells[i].as_ref()))
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// How many defined cells were actually read (placeholders count as read).
    pub fn read_count(&self) -> usize {
        self.cells.iter().filter(|c| c.is_some()).count()
    }
}

/// Years that the text states in different places, kept apart so a rule can compare them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearEvidence {
    /// From the title ("铁力市2020年政府信息公开工作年度报告").
    pub title: Option<(u16, Span)>,
    /// From the statistics period ("统计期限为2020年1月1日至12月31日").
    pub period: Option<(u16, Span)>,
}

/// Everything read from one report.
#[derive(Clone, Debug)]
pub struct Report {
    pub title: Option<String>,
    pub agency: Option<String>,
    pub year: Option<u16>,
    pub years: YearEvidence,
    pub format: Format,
    pub sections: Vec<Section>,
    pub cells: CellMap,
    /// Label, parent and unit of pre-2019 rows whose cells could not be read (their cells are
    /// null), by row number (`old.<n>`), so messages can still name the row and rules still
    /// know its place in the table.
    pub unread_rows: Vec<(u32, OldRowInfo)>,
    /// Where the pre-2019 statistics table is printed, from its first row's label to its last
    /// value: table, not prose.
    pub old_table: Option<Span>,
    /// The printed caption ("表 1 2017 年市政府及其部门主动公开情况") of each breakdown table
    /// `pct.<t>`, at index t − 1; `None` when none is printed next to the table.
    pub pct_captions: Vec<Option<String>>,
}

impl Report {
    /// How messages name breakdown table `pct.<t>`: its printed caption, or its place.
    pub fn pct_table_name(&self, table: &str) -> String {
        let caption = table
            .parse::<usize>()
            .ok()
            .and_then(|t| self.pct_captions.get(t.checked_sub(1)?)?.as_deref());
        match caption {
            Some(caption) => format!("数量/百分比表“{caption}”"),
            None => format!("第 {table} 张数量/百分比表"),
        }
    }

    /// What the table says about pre-2019 row `old.<n>` (or a 数量/百分比 row), read or not.
    pub fn old_row<K: CellKey + ?Sized>(&self, row: &K) -> Option<&OldRowInfo> {
        self.old_row_of(row.cell_id())
    }

    fn old_row_of(&self, id: Option<CellId>) -> Option<&OldRowInfo> {
        let id = id?;
        if let Some(info) = self.cells.get(&id).and_then(|c| c.old.as_deref()) {
            return Some(info);
        }
        // The parser pushes unread rows in table order, n rising: a binary search by n (many
        // unread rows must not make every lookup a scan).
        match id {
            CellId::Old {
                row,
                cumulative: false,
            } => {
                let at = self
                    .unread_rows
                    .binary_search_by_key(&row, |&(n, _)| n)
                    .ok()?;
                Some(&self.unread_rows[at].1)
            }
            _ => None,
        }
    }
}

impl Default for Report {
    fn default() -> Self {
        Report {
            title: None,
            agency: None,
            year: None,
            years: YearEvidence::default(),
            format: Format::Unknown,
            sections: Vec::new(),
            cells: CellMap::new(),
            unread_rows: Vec::new(),
            old_table: None,
            pct_captions: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_small() {
        // A long pre-2019 table holds tens of thousands of cells (issue 14's memory bound).
        assert!(std::mem::size_of::<Cell>() <= 56);
        assert!(std::mem::size_of::<Key>() <= 12);
    }

    #[test]
    fn cell_map_keeps_order_and_finds_by_path() {
        let mut map = CellMap::new();
        let cell = |n| Cell {
            value: Value::Count(n),
            span: Span::new(0, 1),
            line: 1,
            old: None,
        };
        let id = |p: &'static str| CellId::parse(p).unwrap();
        map.push(id("t3.new.total"), Some(cell(3)));
        map.push(id("t2.rules.made"), None);
        map.push(id("t3.new.commercial"), Some(cell(1)));
        let order: Vec<_> = map.iter().map(|(p, _)| p).collect();
        assert_eq!(
            order,
            ["t3.new.total", "t2.rules.made", "t3.new.commercial"]
        );
        assert_eq!(map.get("t3.new.total").unwrap().value, Value::Count(3));
        assert!(map.get("t2.rules.made").is_none());
        assert!(map.contains("t2.rules.made"));
        let built =
            CellMap::from_entries(map.entries().map(|(id, _, c)| (id, c.cloned())).collect());
        assert_eq!(built.paths, "t3.new.totalt2.rules.madet3.new.commercial");
        assert_eq!(built.by_hash, map.by_hash);
        assert_eq!(
            built.get("t3.new.commercial").unwrap().value,
            Value::Count(1)
        );
        assert!(!map.contains("t9.nothing"));
        assert!(!map.contains("t3.new"));
        assert_eq!(
            map.get(&CellId::t3("new", "commercial")).unwrap().value,
            Value::Count(1)
        );
        assert_eq!(map.read_count(), 2);
    }

    #[test]
    fn entry_after_follows_the_map_order_and_falls_back_to_a_lookup() {
        let mut map = CellMap::new();
        for (i, path) in ["old.1", "old.2", "old.3"].into_iter().enumerate() {
            let cell = (i != 1).then(|| Cell {
                value: Value::Count(i as i64),
                span: Span::new(0, 1),
                line: 1,
                old: None,
            });
            map.push(CellId::parse(path).unwrap(), cell);
        }
        let value = |e: Option<Option<&Cell>>| e.map(|c| c.map(|c| c.value.clone()));
        let mut cursor = 0;
        // In order: each is the entry at the cursor.
        assert_eq!(
            value(map.entry_after("old.1", &mut cursor)),
            Some(Some(Value::Count(0)))
        );
        assert_eq!(value(map.entry_after("old.2", &mut cursor)), Some(None));
        assert_eq!(cursor, 2);
        // Out of order and unknown paths are looked up; an unknown one leaves the cursor.
        assert_eq!(
            value(map.entry_after("old.1", &mut cursor)),
            Some(Some(Value::Count(0)))
        );
        assert_eq!(cursor, 1);
        assert_eq!(value(map.entry_after("old.9", &mut cursor)), None);
        assert_eq!(value(map.entry_after("zz", &mut cursor)), None);
        assert_eq!(cursor, 1);
        assert_eq!(
            value(map.entry_after("old.3", &mut cursor)),
            Some(Some(Value::Count(2)))
        );
        assert_eq!(cursor, 3);
        assert_eq!(value(map.entry_after("old.2", &mut cursor)), Some(None));
    }

    #[test]
    fn old_keys_numbered_far_past_the_map_are_hashed_not_indexed() {
        let cell = Cell {
            value: Value::Count(7),
            span: Span::new(0, 1),
            line: 1,
            old: None,
        };
        let far = CellId::old_cumulative(900_000_000);
        for map in [
            CellMap::from_entries(vec![(CellId::old(1), None), (far, Some(cell.clone()))]),
            {
                let mut map = CellMap::new();
                map.push(CellId::old(1), None);
                map.push(far, Some(cell.clone()));
                map
            },
        ] {
            assert!(map.old_index.len() < 64);
            assert_eq!(map.get(&far), Some(&cell));
            assert_eq!(map.get("old.900000000.cumulative"), Some(&cell));
            assert_eq!(map.entry(&CellId::old(1)), Some(None));
            assert!(!map.contains(&CellId::old(2)));
            assert!(!map.contains(&CellId::old(900_000_000)));
        }
    }
}
