//! Page glyphs and rules → the text view. Rules form grids; a grid's cells are the regions
//! its rules enclose (merged cells are regions without an inner rule); each grid row becomes
//! one line with the regions that start in it, TAB-separated. Text outside tables becomes
//! lines; page numbers in the margins are dropped.

use crate::content::{Glyph, Seg};
use crate::Page;
use nianbao_core::document::Builder;

const TOL: f64 = 2.0;

struct Table {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Region id of each elementary cell, row-major.
    region: Vec<usize>,
    top: f64,
    bottom: f64,
    left: f64,
    right: f64,
    /// Horizontal rules only: each band between two rules is a row, its cells found by the
    /// gaps between glyphs.
    bands: bool,
}

enum Item {
    /// Top, text, starts at the left margin, ends at the right margin.
    Line(f64, String, bool, bool),
    Table(f64, usize),
}

/// What the next page needs to know to continue this one.
#[derive(Default)]
pub struct PageEnds {
    /// The first line starts flush left (may continue the previous page's paragraph).
    pub starts_flush: bool,
    /// The last line runs to the right margin (a paragraph continued across the break).
    pub ends_full: bool,
    /// The page begins with a table (may continue the previous page's table).
    pub starts_with_table: bool,
    /// When the page ends with a table: that table's header rows as written ("row\n"…).
    pub table_head: String,
}

/// Writes the page into the document model (which writes its text view).
pub fn page_text(p: &Page, out: &mut Builder) -> PageEnds {
    let tables = find_tables(&p.segs);
    let mut in_table: Vec<Option<usize>> = vec![None; p.glyphs.len()];
    for (gi, g) in p.glyphs.iter().enumerate() {
        let (cx, cy) = (g.cx(), g.cy());
        in_table[gi] = tables
            .iter()
            .position(|t| cx > t.left && cx < t.right && cy > t.top && cy < t.bottom);
    }
    let mut items = Vec::new();
    let free: Vec<&Glyph> = p
        .glyphs
        .iter()
        .zip(&in_table)
        .filter(|(_, t)| t.is_none())
        .map(|(g, _)| g)
        .collect();
    // Lines outside tables; a line that fills the measure continues into the next unindented
    // line of the same size (a wrapped paragraph becomes one line).
    let lines = group_lines(&free);
    let right = lines
        .iter()
        .filter_map(|l| l.last().map(|g| g.x1))
        .fold(f64::MIN, f64::max);
    let left = lines
        .iter()
        .filter_map(|l| l.first().map(|g| g.x0))
        .fold(f64::MAX, f64::min);
    let mut prev: Option<(f64, f64, f64)> = None; // bottom, x1, size of the previous line
    for line in lines {
        let top = line.iter().map(|g| g.top).fold(f64::MAX, f64::min);
        let bottom = line.iter().map(|g| g.bottom).fold(f64::MIN, f64::max);
        let text = line_text(&line, true);
        let margin = top > p.height * 0.88 || bottom < p.height * 0.08;
        if margin && is_page_number(&text) {
            continue;
        }
        let size = line.iter().map(|g| g.size).fold(0.0, f64::max);
        let x0 = line[0].x0;
        let x1 = line[line.len() - 1].x1;
        let joins = prev.is_some_and(|(pb, px1, ps)| {
            (ps - size).abs() < 0.6
                && top - pb < 1.2 * size
                && px1 >= right - 1.5 * size
                && right - left >= 0.5 * p.width
                && x0 <= left + 0.5 * size
                && !text.contains('\t')
        });
        prev = Some((bottom, x1, size));
        if joins {
            if let Some(Item::Line(_, t, _, full)) = items.last_mut() {
                *full = x1 >= right - 1.5 * size && right - left >= 0.5 * p.width;
                let a = t.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
                let b = text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
                if a && b {
                    t.push(' ');
                }
                t.push_str(&text);
                continue;
            }
        }
        let flush = x0 <= left + 0.5 * size;
        let full = x1 >= right - 1.5 * size && right - left >= 0.5 * p.width;
        items.push(Item::Line(top, text, flush, full));
    }
    for (ti, t) in tables.iter().enumerate() {
        items.push(Item::Table(t.top, ti));
    }
    let keys: Vec<(f64, f64)> = items
        .iter()
        .map(|i| match i {
            Item::Line(y, ..) | Item::Table(y, _) => (*y, 0.0),
        })
        .collect();
    let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    let items: Vec<Item> = order(&keys)
        .into_iter()
        .filter_map(|i| slots[i].take())
        .collect();
    let mut ends = PageEnds {
        starts_flush: matches!(items.first(), Some(Item::Line(_, _, true, _))),
        ends_full: matches!(items.last(), Some(Item::Line(_, _, _, true))),
        starts_with_table: matches!(items.first(), Some(Item::Table(..))),
        table_head: String::new(),
    };
    let ends_with_table = matches!(items.last(), Some(Item::Table(..)));
    for it in items {
        match it {
            Item::Line(_, t, ..) => out.paragraph(&t),
            Item::Table(_, ti) => {
                let t = &tables[ti];
                let glyphs: Vec<&Glyph> = p
                    .glyphs
                    .iter()
                    .zip(&in_table)
                    .filter(|(_, k)| **k == Some(ti))
                    .map(|(g, _)| g)
                    .collect();
                let head = table_text(t, &glyphs, out);
                if ends_with_table {
                    ends.table_head = head;
                }
            }
        }
    }
    ends
}

/// The crate's one sort (std's sort is monomorphised per call site, kilobytes of wasm each):
/// indices ordered by two f64 keys.
pub fn order(keys: &[(f64, f64)]) -> Vec<usize> {
    let mut idx: Vec<(f64, f64, usize)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.0, k.1, i))
        .collect();
    idx.sort_unstable_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    idx.into_iter().map(|t| t.2).collect()
}

/// `v` reordered by `key` (stable: ties keep their order).
fn sort_by_key2<T: Clone>(v: &mut Vec<T>, key: impl Fn(&T) -> (f64, f64)) {
    let keys: Vec<(f64, f64)> = v.iter().map(key).collect();
    let o = order(&keys);
    *v = o.into_iter().map(|i| v[i].clone()).collect();
}

fn is_page_number(t: &str) -> bool {
    let s: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let core = s
        .trim_start_matches(['-', '—', '–', '－', '第', '·'])
        .trim_end_matches(['-', '—', '–', '－', '页', '·']);
    let core = core.split(['/', '共']).next().unwrap_or("");
    !core.is_empty() && core.len() <= 4 && core.chars().all(|c| c.is_ascii_digit())
}

/// Groups glyphs into lines: vertical overlap with the line's band, then left to right.
fn group_lines<'g>(glyphs: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    let mut order: Vec<&Glyph> = glyphs.iter().filter(|g| g.upright).copied().collect();
    sort_by_key2(&mut order, |g| (g.cy(), g.x0));
    // Vertical writing: a column of glyphs stacked without gaps reads top to bottom as one line.
    let mut vert: Vec<&Glyph> = glyphs.iter().filter(|g| !g.upright).copied().collect();
    sort_by_key2(&mut vert, |g| (g.cx(), g.top));
    let mut columns: Vec<Vec<&Glyph>> = Vec::new();
    for g in vert {
        match columns.last_mut() {
            Some(c)
                if c.last().is_some_and(|p| {
                    (p.cx() - g.cx()).abs() < 0.5 * g.size && g.top - p.bottom < 0.6 * g.size
                }) =>
            {
                c.push(g)
            }
            _ => columns.push(vec![g]),
        }
    }
    let mut lines: Vec<(f64, f64, Vec<&Glyph>)> = Vec::new();
    for g in order {
        let h = (g.bottom - g.top).max(0.1);
        let hit = lines.iter_mut().rev().take(4).find(|(t, b, _)| {
            let ov = b.min(g.bottom) - t.max(g.top);
            ov > 0.5 * h.min(*b - *t)
        });
        match hit {
            Some((t, b, l)) => {
                *t = t.min(g.top);
                *b = b.max(g.bottom);
                l.push(g);
            }
            _ => lines.push((g.top, g.bottom, vec![g])),
        }
    }
    let mut out: Vec<Vec<&Glyph>> = lines
        .into_iter()
        .map(|(_, _, mut l)| {
            sort_by_key2(&mut l, |g| (g.x0, 0.0));
            l
        })
        .chain(columns)
        .collect();
    sort_by_key2(&mut out, |l| (l[0].top, l[0].x0));
    out
}

/// A line's text: a space where the gap is wider than a fifth of the size; with `tabs`, a TAB
/// where it is wider than three sizes (columns aligned without rules).
fn line_text(line: &[&Glyph], tabs: bool) -> String {
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in line {
        if let Some(p) = prev {
            let gap = g.x0 - p.x1;
            let size = p.size.max(g.size).max(1.0);
            let ascii = |t: &str, last: bool| {
                let c = if last {
                    t.chars().last()
                } else {
                    t.chars().next()
                };
                c.is_some_and(|c| c.is_ascii_alphanumeric())
            };
            if tabs && gap > 3.0 * size {
                s.push('\t');
            } else if gap > 0.2 * size && (ascii(&p.text, true) || ascii(&g.text, false)) {
                s.push(' ');
            }
        }
        s.push_str(&g.text);
        prev = Some(g);
    }
    s
}

fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    sort_by_key2(&mut v, |x| (*x, 0.0));
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((m, n)) if (x - *m / *n as f64).abs() <= TOL => {
                *m += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(m, n)| m / n as f64).collect()
}

fn find_tables(segs: &[Seg]) -> Vec<Table> {
    let hs: Vec<Seg> = merge(
        segs.iter()
            .filter(|s| s.y1 - s.y0 < 1.0 && s.x1 - s.x0 > 2.0)
            .copied()
            .collect(),
        true,
    );
    let vs: Vec<Seg> = merge(
        segs.iter()
            .filter(|s| s.x1 - s.x0 < 1.0 && s.y1 - s.y0 > 2.0)
            .copied()
            .collect(),
        false,
    );
    // Connected components of crossing/touching rules.
    let n = hs.len() + vs.len();
    // Bounded work: real tables have hundreds of rules, not thousands.
    if n > 4_000 {
        return vec![];
    }
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            let y = h.y0;
            let x = v.x0;
            if x >= h.x0 - TOL && x <= h.x1 + TOL && y >= v.y0 - TOL && y <= v.y1 + TOL {
                let (a, b) = (root(&mut parent, i), root(&mut parent, hs.len() + j));
                parent[a] = b;
            }
        }
    }
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        match groups.iter_mut().find(|(k, _)| *k == r) {
            Some((_, g)) => g.push(i),
            None => groups.push((r, vec![i])),
        }
    }
    let mut tables = Vec::new();
    let mut lone: Vec<Seg> = Vec::new();
    for (_, members) in groups {
        let gh: Vec<Seg> = members
            .iter()
            .filter(|&&i| i < hs.len())
            .map(|&i| hs[i])
            .collect();
        let gv: Vec<Seg> = members
            .iter()
            .filter(|&&i| i >= hs.len())
            .map(|&i| vs[i - hs.len()])
            .collect();
        if gv.is_empty() {
            lone.extend(gh);
            continue;
        }
        if gv.len() < 2 {
            continue;
        }
        if gh.len() < 2 {
            continue;
        }
        let mut ys = cluster(gh.iter().map(|s| s.y0).collect());
        let mut xs = cluster(gv.iter().map(|s| s.x0).collect());
        // Likewise a table drawn without its outer frame: the horizontal rules reach past the
        // outermost vertical ones, and their ends are the table's sides.
        let hleft = gh.iter().map(|s| s.x0).fold(f64::MAX, f64::min);
        let hright = gh.iter().map(|s| s.x1).fold(f64::MIN, f64::max);
        let mut open_x = Vec::new();
        if let (Some(&first), Some(&last)) = (xs.first(), xs.last()) {
            if hleft < first - 3.0 * TOL {
                xs.insert(0, hleft);
                open_x.push(hleft);
            }
            if hright > last + 3.0 * TOL {
                xs.push(hright);
                open_x.push(hright);
            }
        }
        // A table cut by a page break has no rule on its open edge: the vertical rules reach
        // past the last horizontal one, and their ends are that edge.
        let vtop = gv.iter().map(|s| s.y0).fold(f64::MAX, f64::min);
        let vbottom = gv.iter().map(|s| s.y1).fold(f64::MIN, f64::max);
        let mut open = Vec::new();
        if let (Some(&first), Some(&last)) = (ys.first(), ys.last()) {
            if vtop < first - 3.0 * TOL {
                ys.insert(0, vtop);
                open.push(vtop);
            }
            if vbottom > last + 3.0 * TOL {
                ys.push(vbottom);
                open.push(vbottom);
            }
        }
        if ys.len() < 2 || xs.len() < 2 || ys.len() > 500 || xs.len() > 200 {
            continue;
        }
        let (rows, cols) = (ys.len() - 1, xs.len() - 1);
        if rows * cols * (gh.len() + gv.len()) > 20_000_000 {
            continue;
        }
        let covered_v = |x: f64, a: f64, b: f64| {
            open_x.contains(&x)
                || gv
                    .iter()
                    .any(|s| (s.x0 - x).abs() <= TOL && s.y0 <= a + TOL && s.y1 >= b - TOL)
        };
        let covered_h = |y: f64, a: f64, b: f64| {
            open.contains(&y)
                || gh
                    .iter()
                    .any(|s| (s.y0 - y).abs() <= TOL && s.x0 <= a + TOL && s.x1 >= b - TOL)
        };
        let mut uf: Vec<usize> = (0..rows * cols).collect();
        for r in 0..rows {
            for c in 0..cols {
                let id = r * cols + c;
                if c + 1 < cols && !covered_v(xs[c + 1], ys[r], ys[r + 1]) {
                    let (a, b) = (root(&mut uf, id), root(&mut uf, id + 1));
                    uf[a] = b;
                }
                if r + 1 < rows && !covered_h(ys[r + 1], xs[c], xs[c + 1]) {
                    let (a, b) = (root(&mut uf, id), root(&mut uf, id + cols));
                    uf[a] = b;
                }
            }
        }
        let region: Vec<usize> = (0..rows * cols).map(|i| root(&mut uf, i)).collect();
        tables.push(Table {
            top: ys[0],
            bottom: ys[rows],
            left: xs[0],
            right: xs[cols],
            xs,
            ys,
            region,
            bands: false,
        });
    }
    band_tables(lone, &mut tables);
    tables
}

/// Horizontal rules that cross no vertical one, stacked at row distances over the same
/// width: a table ruled by rows only (each band between two rules is a row).
fn band_tables(mut lone: Vec<Seg>, tables: &mut Vec<Table>) {
    sort_by_key2(&mut lone, |s| (s.y0, s.x0));
    let mut chains: Vec<Vec<Seg>> = Vec::new();
    for s in lone {
        let joins = chains.last().and_then(|c| c.last()).is_some_and(|l| {
            let overlap = l.x1.min(s.x1) - l.x0.max(s.x0);
            s.y0 - l.y0 <= 80.0 && overlap >= 0.8 * (l.x1 - l.x0).min(s.x1 - s.x0)
        });
        match chains.last_mut() {
            Some(c) if joins => c.push(s),
            _ => chains.push(vec![s]),
        }
    }
    for c in chains {
        let ys = cluster(c.iter().map(|s| s.y0).collect());
        if ys.len() < 3 || ys.len() > 500 {
            continue;
        }
        let left = c.iter().map(|s| s.x0).fold(f64::MAX, f64::min);
        let right = c.iter().map(|s| s.x1).fold(f64::MIN, f64::max);
        let rows = ys.len() - 1;
        tables.push(Table {
            top: ys[0],
            bottom: ys[rows],
            left,
            right,
            xs: vec![left, right],
            ys,
            region: (0..rows).collect(),
            bands: true,
        });
    }
}

/// Joins collinear overlapping segments.
fn merge(mut v: Vec<Seg>, horizontal: bool) -> Vec<Seg> {
    let key = |s: &Seg| {
        if horizontal {
            (s.y0, s.x0)
        } else {
            (s.x0, s.y0)
        }
    };
    sort_by_key2(&mut v, key);
    let mut out: Vec<Seg> = Vec::new();
    for s in v {
        if let Some(l) = out.iter_mut().rev().take(8).find(|l| {
            if horizontal {
                (l.y0 - s.y0).abs() <= 1.0 && s.x0 <= l.x1 + TOL && s.x1 >= l.x0 - TOL
            } else {
                (l.x0 - s.x0).abs() <= 1.0 && s.y0 <= l.y1 + TOL && s.y1 >= l.y0 - TOL
            }
        }) {
            l.x0 = l.x0.min(s.x0);
            l.y0 = l.y0.min(s.y0);
            l.x1 = l.x1.max(s.x1);
            l.y1 = l.y1.max(s.y1);
            continue;
        }
        out.push(s);
    }
    out
}

/// Writes the table's rows; returns its header rows as written (those before the first row
/// with a number).
fn table_text(t: &Table, glyphs: &[&Glyph], out: &mut Builder) -> String {
    let cols = t.xs.len() - 1;
    let rows = t.ys.len() - 1;
    let idx = |v: &[f64], x: f64| v.windows(2).position(|w| x >= w[0] && x < w[1]);
    let mut texts: Vec<Vec<&Glyph>> = vec![Vec::new(); rows * cols];
    for g in glyphs {
        if let (Some(c), Some(r)) = (idx(&t.xs, g.cx()), idx(&t.ys, g.cy())) {
            texts[t.region[r * cols + c]].push(g);
        }
    }
    let mut seen = vec![false; rows * cols];
    let mut head = String::new();
    let mut in_head = true;
    for r in 0..rows {
        // Each field with the grid columns its region covers in this row.
        let mut fields: Vec<(String, u32, u32)> = Vec::new();
        for c in 0..cols {
            let reg = t.region[r * cols + c];
            if seen[reg] {
                continue;
            }
            seen[reg] = true;
            let text = cell_text(&texts[reg]);
            // An empty label cell spanning several rows before anything else in the row is
            // a merged cell continued from the previous page, not a blank value.
            let tall = (r + 1..rows).any(|r2| t.region[r2 * cols + c] == reg);
            if text.is_empty() && tall && fields.iter().all(|f| f.0.is_empty()) {
                continue;
            }
            let width = (c..cols)
                .take_while(|&c2| t.region[r * cols + c2] == reg)
                .count();
            fields.push((text, c as u32, width as u32));
        }
        if fields.is_empty() || fields.iter().all(|f| f.0.is_empty()) {
            continue;
        }
        if t.bands {
            fields = band_cells(&texts[t.region[r * cols]])
                .into_iter()
                .enumerate()
                .map(|(i, f)| (f, i as u32, 1))
                .collect();
            if fields.is_empty() {
                continue;
            }
        }
        let numeric = fields.iter().any(|(f, ..)| {
            !f.is_empty()
                && f.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        });
        if numeric {
            in_head = false;
        }
        out.begin_row();
        let start = out.text().len();
        for (text, column, width) in &fields {
            out.next_column(*column);
            out.cell(text, *width, false);
        }
        if in_head {
            head.push_str(&out.text()[start..]);
            head.push('\n');
        }
    }
    out.end_table();
    head
}

/// A band's cells: runs of glyphs whose horizontal extents overlap or nearly touch (a wrapped
/// label stays one cell; a gap wider than a character separates cells).
fn band_cells(glyphs: &[&Glyph]) -> Vec<String> {
    let mut order: Vec<&Glyph> = glyphs.to_vec();
    sort_by_key2(&mut order, |g| (g.x0, g.top));
    let mut cells: Vec<(f64, Vec<&Glyph>)> = Vec::new();
    for g in order {
        match cells.last_mut() {
            Some((end, c)) if g.x0 - *end < 0.9 * g.size => {
                *end = end.max(g.x1);
                c.push(g);
            }
            _ => cells.push((g.x1, vec![g])),
        }
    }
    cells.iter().map(|(_, c)| cell_text(c)).collect()
}

/// A cell's lines joined: no separator between CJK text, a space between ASCII words.
fn cell_text(glyphs: &[&Glyph]) -> String {
    let mut s = String::new();
    for line in group_lines(glyphs) {
        let t = line_text(&line, false);
        if let (Some(a), Some(b)) = (s.chars().last(), t.chars().next()) {
            if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                s.push(' ');
            }
        }
        s.push_str(&t);
    }
    s
}
