//! Pre-2019 statistics tables (format-spec §3): the Fujian "指标名称 计量单位 年度 历年累计"
//! tables and the national "统计指标 单位 统计数" table. There is no fixed vocabulary, so every
//! row is read with its label, unit, value(s) and the row it is a part of, as `old.<n>` cells.

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::join::Joined;
use crate::naming::{self, CellId};
use crate::parse::cells::{describe_splits, old_row_kinds, resolution_of, RowCells, TableRows};
use crate::parse::glued::Resolution;
use crate::parse::rows::{collect_values, Chunk};
use crate::parse::Ctx;
use crate::relations::old_relations;
use crate::report::{Cell, OldRowInfo, Span};
use crate::text::scan::TokenKind;
use crate::vocab::old::{parts_are_exhaustive, UNITS};

/// How a row label is numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    /// No number ("主动公开信息数").
    None,
    /// "一、"
    Chapter,
    /// "（一）"
    Item,
    /// "1." / "1、"
    Point,
}

impl Marker {
    fn level(self) -> u8 {
        match self {
            Marker::None => 0,
            Marker::Chapter => 1,
            Marker::Item => 2,
            Marker::Point => 3,
        }
    }
}

/// One row of the statistics table as read.
struct OldRow {
    label: String,
    /// Into `UNITS`: a thin pointer, so a row is 48 bytes, not 64 (tables repeated by the
    /// thousand hold one per row).
    unit: Option<&'static &'static str>,
    marker: Marker,
    /// Printed under "其中".
    part_of_above: bool,
    label_span: Span,
    /// The row's values, as an index into the table's rows (`TableRows::rows`); `None` for a
    /// heading row without values ([`NO_CELLS`]). Kept apart so a heading or label costs no
    /// `RowCells`.
    cells: u32,
}

/// The rows as read: every row in order, and the values of those that have them.
struct Rows {
    rows: Vec<OldRow>,
    table: TableRows,
}

/// `OldRow::cells` of a row without values.
const NO_CELLS: u32 = u32::MAX;

impl Rows {
    fn push(&mut self, mut row: OldRow, cells: Option<RowCells>) {
        if let Some(cells) = cells {
            row.cells = self.table.rows.len() as u32;
            self.table.rows.push(Some(cells));
        }
        self.rows.push(row);
    }
}

const HEADER_KEYS: [&str; 2] = ["指标名称", "统计指标"];
const HEADER_END_KEYS: [&str; 5] = ["历年累计", "统计数", "年度", "计量单位", "单位"];
/// A label longer than this is prose: the table has ended.
const MAX_LABEL_CHARS: usize = 60;

/// The table's rows as read from the tokens; [`cells`] makes its cells.
pub struct Read {
    rows: Rows,
    columns: usize,
}

/// Reads the table's rows: the part of reading that needs the tokens, so they can be given
/// back before the cells are made (a table repeated by the thousand holds both otherwise).
pub fn read(ctx: &mut Ctx) -> Option<Read> {
    let canon = &ctx.scan.canon;
    let anchor = HEADER_KEYS
        .iter()
        .filter_map(|k| crate::parse::rows::find(canon, k, 0, canon.len()))
        .min()?;
    let window_end = (anchor + 40).min(canon.len());
    let columns = if crate::parse::rows::find(canon, "历年累计", anchor, window_end).is_some() {
        2
    } else {
        1
    };
    let header_end = HEADER_END_KEYS
        .iter()
        .filter_map(|k| {
            crate::parse::rows::find(canon, k, anchor, window_end).map(|i| i + k.chars().count())
        })
        .max()
        .unwrap_or(anchor);

    let has_unit_column = crate::parse::rows::find(canon, "单位", anchor, window_end).is_some();
    // The label characters were wanted to find the header; the rows and the breakdown tables
    // are read from the tokens. Given back now: 4 bytes a character of every label, which is
    // most of a table repeated by the thousand.
    ctx.scan.canon = Vec::new();
    let rows = read_rows(ctx, header_end, columns, has_unit_column);
    Some(Read { rows, columns })
}

impl Read {
    /// Whether making the cells still needs the tokens: a glued row's cells are cut from its
    /// number tokens.
    pub fn needs_tokens(&self) -> bool {
        self.rows
            .table
            .rows
            .iter()
            .any(|r| matches!(r, Some(RowCells::Glued { .. })))
    }
}

/// The cells of the rows [`read`] found (none without a table), with room for `more` cells
/// after them (the breakdown tables'), so adding those does not copy a long table's.
pub fn cells(
    ctx: &mut Ctx,
    read: Option<Read>,
    more: usize,
) -> Vec<(CellId<'static>, Option<Cell>)> {
    match read {
        Some(Read { rows, columns }) => build_cells(ctx, rows, columns, more),
        None => Vec::new(),
    }
}

fn read_rows(ctx: &mut Ctx, header_end: usize, columns: usize, has_unit_column: bool) -> Rows {
    // The chunks after the header (in text order, so a suffix: no copy of them is made).
    let first = ctx.chunks.partition_point(|c| c.canon_end <= header_end);
    let count = ctx.chunks.len() - first;
    // Sized up front (a table repeated by the thousand has tens of thousands of rows, and a
    // doubling vector holds its old and new buffer at once): only a chunk's last line has
    // values, so there are at most as many value rows as chunks; headings and wrapped
    // labels add a few rows more.
    let mut rows = Rows {
        rows: Vec::with_capacity(count + count / 8),
        table: TableRows {
            rows: Vec::with_capacity(count),
        },
    };
    let paths: Vec<String> = (0..columns).map(naming::id::unnumbered_old).collect();
    for k in first..ctx.chunks.len() {
        let chunk = ctx.chunks[k];
        let followed_by_values = ctx.scan.tokens[chunk.end_token..]
            .iter()
            .find(|t| !matches!(t.kind(), TokenKind::LineEnd | TokenKind::Blank))
            .is_some_and(|t| t.is_value());
        let lines = label_lines(ctx, &chunk, header_end);
        let last = lines.len().saturating_sub(1);
        // Whether line k holds nothing but a unit: its label is on the line before (a table
        // read cell by cell, PDF reading order: "七、依申请公开信息收取的费用" / "万元" / "0").
        let bare_unit: Vec<bool> = lines
            .iter()
            .map(|(l, _)| has_unit_column && UNITS.contains(&l.as_str()))
            .collect();
        let mut pending: Option<(String, Span)> = None;
        let mut ended = false;
        for (i, (label, span)) in lines.into_iter().enumerate() {
            let (label, span) = match pending.take() {
                Some((before, before_span)) => {
                    (format!("{before}{label}"), before_span.cover(span))
                }
                None => (label, span),
            };
            let has_values = i == last && followed_by_values;
            // Crawler text glues a chapter heading to its first row: "一、主动公开情况（一）…".
            let label = match glued_chapter(&label) {
                Some(at) => {
                    rows.push(
                        OldRow {
                            label: label[..at].to_string(),
                            unit: None,
                            marker: Marker::Chapter,
                            part_of_above: false,
                            label_span: span,
                            cells: NO_CELLS,
                        },
                        None,
                    );
                    label[at..].to_string()
                }
                None => label,
            };
            let (label, unit) = split_unit(&label, has_unit_column);
            let (part_of_above, marker, _) = marker_of(&label);
            if label.chars().count() > MAX_LABEL_CHARS || label.contains('。') {
                ended = true;
                break;
            }
            if !has_values {
                if i < last && bare_unit[i + 1] && unit.is_none() {
                    pending = Some((label, span));
                } else if marker == Marker::Chapter {
                    rows.push(
                        OldRow {
                            label,
                            unit,
                            marker,
                            part_of_above,
                            label_span: span,
                            cells: NO_CELLS,
                        },
                        None,
                    );
                } else if i < last && unit.is_some() {
                    // A row whose label ends with its unit but has no value: a blank cell, not
                    // a heading and not the start of the next row's label.
                    ctx.diagnostics.push(
                        Diagnostic::new(
                            Code::CellsBlank,
                            span,
                            format!("统计表“{label}”一行没有数字；空白不等于 0，这一行的单元格记为缺失。"),
                        )
                        .with_help("如果应为 0，请在报告中填写 0。"),
                    );
                    rows.push(
                        OldRow {
                            label,
                            unit,
                            marker,
                            part_of_above,
                            label_span: span,
                            cells: NO_CELLS,
                        },
                        Some(RowCells::Read(vec![None; columns], None)),
                    );
                } else if i < last {
                    // A label wrapped onto the next line.
                    pending = Some((label, span));
                } else {
                    ended = true;
                }
                continue;
            }
            let label_line = ctx
                .scan
                .line_of_token(&ctx.scan.tokens[chunk.end_token - 1]);
            let collected = collect_values(&ctx.scan, chunk.end_token, columns, label_line);
            let kinds = old_row_kinds(unit.copied(), columns);
            let cells = ctx.row_cells(&collected, &kinds, &paths);
            rows.push(
                OldRow {
                    label,
                    unit,
                    marker,
                    part_of_above,
                    label_span: span,
                    cells: NO_CELLS,
                },
                Some(cells),
            );
        }
        if ended {
            break;
        }
    }
    rows
}

/// The chunk's label text split by line, from the header end on: (compact original text, span).
fn label_lines(ctx: &Ctx, chunk: &Chunk, header_end: usize) -> Vec<(String, Span)> {
    let from_offset = ctx
        .scan
        .canon_offsets
        .get(header_end)
        .copied()
        .unwrap_or(u32::MAX);
    let mut lines: Vec<(String, Span)> = Vec::new();
    let mut current_line = 0;
    for token in &ctx.scan.tokens[chunk.first_token..chunk.end_token] {
        if !token.is_text() || token.span().end <= from_offset {
            continue;
        }
        let start = token.span().start.max(from_offset);
        let piece: String = ctx.text[start as usize..token.span().end as usize]
            .chars()
            .filter(|c| {
                !c.is_whitespace()
                    && !matches!(
                        crate::text::chars::normalize(*c),
                        crate::text::chars::Norm::Space | crate::text::chars::Norm::Skip
                    )
            })
            .collect();
        if piece.is_empty() {
            continue;
        }
        let span = Span {
            start,
            end: token.span().end,
        };
        let line = ctx.scan.line_of_token(token);
        match lines.last_mut() {
            Some((text, s)) if line == current_line => {
                text.push_str(&piece);
                *s = s.cover(span);
            }
            _ => lines.push((piece, span)),
        }
        current_line = line;
    }
    lines
}

/// Splits a printed unit off the end of a label ("主动公开信息数条" → "主动公开信息数", 条).
/// Only tables with a 计量单位/单位 column have units; there every label ends with one.
fn split_unit(label: &str, has_unit_column: bool) -> (String, Option<&'static &'static str>) {
    if has_unit_column {
        for unit in UNITS {
            if let Some(stem) = label.strip_suffix(unit) {
                if !stem.is_empty() {
                    return (stem.to_string(), Some(unit));
                }
            }
        }
    }
    (label.to_string(), None)
}

/// Where "（一）" starts in a label that opens with a chapter marker ("一、主动公开情况（一）…").
fn glued_chapter(label: &str) -> Option<usize> {
    if marker_of(label).1 != Marker::Chapter {
        return None;
    }
    ["（一）", "(一)"]
        .iter()
        .filter_map(|k| label.find(k))
        .min()
        .filter(|&at| at > 0)
}

/// (printed under 其中, numbering, label without the numbering).
fn marker_of(label: &str) -> (bool, Marker, &str) {
    let mut rest = label;
    let mut part = false;
    for prefix in ["其中：", "其中:", "其中"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            part = true;
            break;
        }
    }
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next() else {
        return (part, Marker::None, rest);
    };
    let numerals = "一二三四五六七八九十";
    if numerals.contains(first) {
        if let Some((i, '、')) = chars.next() {
            return (part, Marker::Chapter, &rest[i + '、'.len_utf8()..]);
        }
    }
    if first == '（' || first == '(' {
        if let Some(close) = rest.find(['）', ')']) {
            let inner = &rest[first.len_utf8()..close];
            if !inner.is_empty() && inner.chars().all(|c| numerals.contains(c)) {
                let after = close + rest[close..].chars().next().map_or(1, char::len_utf8);
                return (part, Marker::Item, &rest[after..]);
            }
        }
    }
    let digits: usize = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .map(char::len_utf8)
        .sum();
    if digits > 0 {
        if let Some(sep) = rest[digits..].chars().next() {
            if matches!(sep, '.' | '、' | '．') {
                return (part, Marker::Point, &rest[digits + sep.len_utf8()..]);
            }
        }
    }
    (part, Marker::None, rest)
}

/// Assigns parents, settles glued rows and writes the `old.<n>` cells. A long table has tens
/// of thousands of rows: each row's label moves into its `OldRowInfo` and its cells into the
/// result, nothing is copied (issue 14's memory bound).
fn build_cells(
    ctx: &mut Ctx,
    rows: Rows,
    columns: usize,
    more: usize,
) -> Vec<(CellId<'static>, Option<Cell>)> {
    let Rows {
        mut rows,
        mut table,
    } = rows;
    // Parents over all rows (headings included), then dropped for headings.
    let mut parents: Vec<Option<usize>> = vec![None; rows.len()];
    let mut part_of: Vec<bool> = rows.iter().map(|r| r.part_of_above).collect();
    for i in 0..rows.len() {
        let row = &rows[i];
        let previous = i.checked_sub(1);
        parents[i] = if row.part_of_above {
            (0..i).rev().find(|&j| !part_of[j])
        } else if row.marker == Marker::None {
            match previous {
                // "其中：涉及国家秘密 / 涉及商业秘密 …": unnumbered rows continue a 其中 list.
                Some(p) if part_of[p] && rows[p].marker == Marker::None => {
                    part_of[i] = true;
                    parents[p]
                }
                _ => None,
            }
        } else if row.marker == Marker::Chapter {
            None
        } else {
            let level = row.marker.level();
            // A row counted in another unit is not the total of this one: in PDF reading
            // order a chapter heading may come after its rows, and the row above is then the
            // last row of the previous chapter ("七、…费用 万元" over "（一）…机构数 个").
            let parent = (0..i)
                .rev()
                .find(|&j| !part_of[j] && rows[j].marker.level() < level)
                .filter(|&p| match (rows[p].unit, row.unit) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                });
            // "其中：1.网站公开" then "2.政府公报公开": the second is a 其中 part too.
            if let Some(p) = previous {
                if part_of[p] && rows[p].marker == row.marker && parents[p] == parent {
                    part_of[i] = true;
                }
            }
            parent
        };
    }
    drop(part_of);
    // Only rows with values become cells, at their slot among the value rows; parents that
    // are headings become "no parent".
    let cell_rows: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].cells != NO_CELLS)
        .collect();
    let slot_of = |i: usize| (rows[i].cells != NO_CELLS).then_some(rows[i].cells as usize);
    let table_parents: Vec<Option<usize>> = cell_rows
        .iter()
        .map(|&i| parents[i].and_then(slot_of))
        .collect();
    drop(parents);
    let exhaustive: Vec<bool> = cell_rows
        .iter()
        .map(|&i| parts_are_exhaustive(&canonical(&rows[i].label)))
        .collect();
    // The table's relations settle glued rows; a table without any needs none (a long
    // table's relations are megabytes).
    let glued = table
        .rows
        .iter()
        .any(|r| matches!(r, Some(RowCells::Glued { splits, .. }) if !splits.is_empty()));
    let resolutions = if glued {
        table.resolve_glued(&old_relations(&table_parents, &exhaustive, columns))
    } else {
        Vec::new()
    };
    drop(exhaustive);
    // What the cells need of the value rows, and no more: the rows (headings too) go
    // before the cells are made.
    // The table's extent: headings and labels, then each value read below.
    let mut extent = rows.first().map(|r| r.label_span);
    for row in &rows {
        extent = extent.map(|e| e.cover(row.label_span));
    }
    let mut labels: Vec<(String, Option<&'static str>, Span)> = cell_rows
        .iter()
        .map(|&i| {
            let row = &mut rows[i];
            (
                std::mem::take(&mut row.label),
                row.unit.copied(),
                row.label_span,
            )
        })
        .collect();
    drop(rows);
    drop(cell_rows);

    let mut out = Vec::with_capacity(labels.len() * columns + more);
    // Rows whose glued digits were split: one finding for the table says so.
    let mut split_notes: Vec<String> = Vec::new();
    let mut split_cells: Vec<String> = Vec::new();
    let mut split_span: Option<Span> = None;
    for (slot, cells) in table.rows.into_iter().enumerate() {
        let n = slot as u32 + 1;
        let (label, unit, label_span) = &mut labels[slot];
        let (label, unit, label_span) = (std::mem::take(label), *unit, &*label_span);
        let ids = [CellId::old(n), CellId::old_cumulative(n)];
        let ids = &ids[..columns.min(2)];
        // Paths only where a diagnostic names the cells (glued, short or long rows).
        let paths = || ids.iter().map(CellId::to_string);
        let kinds = old_row_kinds(unit, columns);
        let mut values: Vec<Option<Cell>> = match cells {
            Some(RowCells::Read(cells, _)) => cells,
            Some(RowCells::Glued {
                glued,
                splits,
                last_number,
            }) => {
                let resolution = resolution_of(&resolutions, slot);
                match resolution {
                    Resolution::Unique(k) => {
                        let span = glued.span();
                        if splits.len() > 1 {
                            let values: Vec<String> = splits[k]
                                .values(&glued)
                                .iter()
                                .map(|v| v.to_string())
                                .collect();
                            split_notes.push(format!(
                                "“{label}”：{} → {}",
                                &ctx.text[span.range()],
                                values.joined(" ")
                            ));
                        }
                        split_cells.extend(paths());
                        split_span = Some(split_span.map_or(span, |s: Span| s.cover(span)));
                        let paths: Vec<String> = paths().collect();
                        ctx.cells_from_split(&glued, &splits[k], last_number, &kinds, &paths)
                    }
                    Resolution::Ambiguous if splits.is_empty() => {
                        let printed = &ctx.text[glued.span().range()];
                        ctx.diagnostics.push(
                            Diagnostic::new(
                                Code::GluedAmbiguous,
                                *label_span,
                                format!(
                                    "统计表“{label}”一行的数字“{printed}”粘连在一起，拆法过多，超出了检查的工作量上限，没有逐一尝试；这一行的单元格记为缺失。"
                                ),
                            )
                            .with_cells(paths())
                            .with_help("请在原报告中用空格或制表符分开“年度”和“历年累计”两列的数字。"),
                        );
                        vec![None; columns]
                    }
                    Resolution::FewestConflicts(_)
                    | Resolution::Ambiguous
                    | Resolution::Unbalanced(_) => {
                        let printed = &ctx.text[Span {
                            start: glued.groups[0][0].start,
                            end: glued
                                .groups
                                .last()
                                .and_then(|g| g.last())
                                .map_or(0, |d| d.end),
                        }
                        .range()];
                        ctx.diagnostics.push(
                            Diagnostic::new(
                                Code::GluedAmbiguous,
                                *label_span,
                                format!(
                                    "统计表“{label}”一行的数字“{printed}”粘连在一起，可拆成 {} 种读法（{}），单凭表格无法确定，这一行的单元格记为缺失。",
                                    splits.len(),
                                    describe_splits(&glued, &splits, 4)
                                ),
                            )
                            .with_cells(paths())
                            .with_help("请在原报告中用空格或制表符分开“年度”和“历年累计”两列的数字。"),
                        );
                        vec![None; columns]
                    }
                }
            }
            Some(RowCells::Mismatch { got, span }) => {
                extent = extent.map(|e| e.cover(span));
                ctx.diagnostics.push(
                    Diagnostic::new(
                        if got.len() < columns { Code::RowShort } else { Code::RowLong },
                        span,
                        format!(
                            "统计表“{label}”一行读到 {} 个数字，应有 {columns} 个；这一行的单元格记为缺失。",
                            got.len()
                        ),
                    )
                    .with_cells(paths()),
                );
                vec![None; columns]
            }
            Some(RowCells::NoNumbers) | None => vec![None; columns],
        };
        for cell in values.iter().flatten() {
            extent = extent.map(|e| e.cover(cell.span));
        }
        let info = OldRowInfo {
            label,
            parent: table_parents[slot].map(|p| p as u32 + 1),
            unit,
        };
        match values.first_mut() {
            Some(Some(first)) => first.old = Some(Box::new(info)),
            _ => ctx.unread_rows.push((n, info)),
        }
        out.extend(ids.iter().copied().zip(values));
    }
    ctx.old_table = extent;
    if let Some(span) = split_span {
        let rows = split_cells.len() / columns.max(1);
        let how = if split_notes.is_empty() {
            "每行的位数正好等于单元格数，拆分唯一".to_string()
        } else {
            format!(
                "其中 {} 行有多种拆法，已按表格自身的勾稽关系唯一确定",
                split_notes.len()
            )
        };
        let mut d = Diagnostic::new(
            Code::GluedSplit,
            span,
            format!("统计表有 {rows} 行数字粘连在一起（单元格之间没有分隔），已拆分读取；{how}。"),
        )
        .with_cells(split_cells);
        for note in split_notes {
            d = d.with_note(note);
        }
        ctx.diagnostics.push(d);
    }
    out
}

fn canonical(label: &str) -> String {
    label
        .chars()
        .filter(|c| crate::text::chars::is_label_char(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_parts() {
        assert_eq!(marker_of("一、主动公开情况").1, Marker::Chapter);
        assert_eq!(marker_of("（二）申请办结数").1, Marker::Item);
        assert_eq!(marker_of("1.政府公报公开政府信息数").1, Marker::Point);
        let (part, marker, rest) = marker_of("其中：1、政府网站公开数");
        assert!(part);
        assert_eq!((marker, rest), (Marker::Point, "政府网站公开数"));
        assert_eq!(marker_of("制发规范性文件总数").1, Marker::None);
    }
}
