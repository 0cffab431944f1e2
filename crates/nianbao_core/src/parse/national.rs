//! Tables 二, 三 and 四 of the 2019 and 2021 national formats: found by their headings and
//! row labels wherever they are printed (a page break may put table 四 in the middle of table
//! 三), read into the contract's cell paths.

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::join::Joined;
use crate::naming::{CellId, Table};
use crate::parse::cells::{describe_splits, resolution_of, RowCells, TableRows};
use crate::parse::glued::Resolution;
use crate::parse::layout::{table_columns, Columns};
use crate::parse::rows::{collect_values, is_label_gap, rows_in_chunk, Collected, RawValue};
use crate::parse::Ctx;
use crate::relations::{t3_relations, t4_relations, Relation};
use crate::report::{Cell, CellPath, Format, Span};
use crate::text::keys::KeySet;
use crate::vocab::national::{
    path_table, t2_column_label, t2_rows, t3_data_rows, CellKind, T3_COLUMNS, T4_COLUMNS, T4_GROUPS,
};

/// A row found by its label.
struct FoundRow {
    label: Span,
    collected: Option<Collected>,
    /// Its numbers are in a run shared with other rows and cannot be tied to it.
    uncertain: bool,
}

/// What one table reader hands back.
struct TableOut {
    cells: Vec<(CellPath, Option<Cell>)>,
}

/// Reads tables 二, 三 and 四; every cell the format defines is in the result, `None` when
/// it could not be read.
pub fn read(ctx: &mut Ctx, format: Format) -> Vec<(CellPath, Option<Cell>)> {
    let t3_anchor = table3_anchor(ctx);
    let mut cells = read_t2(ctx, format, t3_anchor).cells;
    let (t3, t4) = (
        read_t3(ctx, format, t3_anchor).cells,
        read_t4(ctx, t3_anchor).cells,
    );
    cells.reserve_exact(t3.len() + t4.len());
    cells.extend(t3);
    cells.extend(t4);
    cells
}

/// Canonical index of the first character at or after a byte offset.
fn canon_at(ctx: &Ctx, offset: u32) -> usize {
    ctx.scan.canon_offsets.partition_point(|&o| o < offset)
}

fn section_canon(ctx: &Ctx, number: u8) -> Option<usize> {
    ctx.sections
        .iter()
        .find(|s| s.number == number)
        .map(|s| canon_at(ctx, s.span.start))
}

fn find_key(ctx: &Ctx, keys: &[&str], from: usize) -> Option<usize> {
    KeySet::new(keys.iter().map(|k| (*k, 0)))
        .first(&ctx.scan.canon, from, ctx.scan.canon.len())
        .map(|(_, start, _)| start)
}

fn table3_anchor(ctx: &Ctx) -> Option<usize> {
    let from = section_canon(ctx, 3).unwrap_or(0);
    find_key(ctx, &["勾稽关系", "申请人情况"], from)
        .or_else(|| section_canon(ctx, 3))
        .or_else(|| find_key(ctx, &["本年新收政府信息公开申请"], 0))
}

/// Finds each row's label between two canonical positions and collects its values.
#[allow(clippy::too_many_arguments)]
fn find_rows(
    ctx: &Ctx,
    from: usize,
    to: usize,
    keys: &[&'static [&'static str]],
    widths: &[usize],
    row_totals: bool,
    notes: &mut Vec<ByOrder>,
) -> Vec<Option<FoundRow>> {
    let mut found: Vec<Option<FoundRow>> = (0..keys.len()).map(|_| None).collect();
    // Value tokens of runs no row could take.
    let mut pending: Vec<usize> = Vec::new();
    // The same runs, each with the rows of the labels just before it.
    let mut pending_runs: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let key_set = KeySet::new(
        keys.iter()
            .enumerate()
            .flat_map(|(row, ks)| ks.iter().map(move |k| (*k, row))),
    );
    let first_chunk = ctx.chunks.partition_point(|c| c.canon_end <= from);
    for chunk in &ctx.chunks[first_chunk..] {
        if chunk.canon_end <= from {
            continue;
        }
        if chunk.canon_start >= to || found.iter().all(Option::is_some) {
            break;
        }
        let matches = rows_in_chunk(&ctx.scan, ctx.text, chunk, from, &key_set, |r| {
            found[r].is_none()
        });
        let last = matches.len().saturating_sub(1);
        for (i, m) in matches.iter().enumerate() {
            if m.canon_start >= to {
                break;
            }
            let label = ctx.scan.canon_span(ctx.text, m.canon_start, m.canon_end);
            let followed_by_values = ctx
                .scan
                .tokens
                .get(chunk.end_token..)
                .and_then(|rest| {
                    rest.iter().find(|t| {
                        !matches!(
                            t.kind(),
                            crate::text::scan::TokenKind::LineEnd
                                | crate::text::scan::TokenKind::Blank
                        )
                    })
                })
                .is_some_and(|t| t.is_value());
            // Values belong to the last label only when nothing but a label continuation
            // separates them (not a heading or the next table's header), and only when the
            // chunk ends inside this table.
            let adjacent = followed_by_values
                && chunk.canon_end <= to
                && is_label_gap(&ctx.scan, ctx.text, m.canon_end, chunk.canon_end)
                && !heading_between(ctx, label.end, chunk.canon_end);
            // A label whose own line holds a full row of empty cells is a blank row, even as
            // the last label of its chunk: the values after the chunk belong to the next
            // table (a blank last row of table 二 or 三 in a Word table's text view).
            let blank_row = blank_cells_after(ctx, label.end, widths[m.row]);
            let collected = if blank_row.is_none() && i == last && adjacent {
                let label_line = ctx
                    .scan
                    .line_of_token(&ctx.scan.tokens[chunk.end_token - 1]);
                Some(collect_values(
                    &ctx.scan,
                    chunk.end_token,
                    widths[m.row],
                    label_line,
                ))
            } else {
                blank_row
            };
            found[m.row] = Some(FoundRow {
                label,
                collected,
                uncertain: false,
            });
        }
        // A run of numbers longer than the last row: the numbers are not tied to their rows by
        // position (PDF reading order prints labels and numbers as separate runs).
        let Some(last_match) = matches.last() else {
            continue;
        };
        let Some(Some(FoundRow {
            collected: Some(collected),
            ..
        })) = found.get(last_match.row)
        else {
            continue;
        };
        if !run_continues(ctx, collected.end) {
            continue;
        }
        let rows: Vec<usize> = matches
            .iter()
            .filter(|m| m.canon_start < to)
            .map(|m| m.row)
            .collect();
        let run = value_run(ctx, chunk.end_token);
        // Labels in the table's own row order only (see the left-over pass below).
        let in_row_order = rows.windows(2).all(|w| w[0] < w[1]);
        match (row_totals && in_row_order)
            .then(|| read_in_order(ctx, &run, &rows, widths))
            .flatten()
        {
            Some(read) => take_groups(&mut found, notes, &rows, read),
            None => {
                for &r in &rows {
                    if let Some(f) = found[r].as_mut() {
                        f.collected = None;
                        f.uncertain = true;
                    }
                }
                pending.extend(run.iter().copied());
                pending_runs.push((rows, run));
            }
        }
    }
    // The numbers of runs left over may belong to labels printed after them ("3.其他", then
    // the numbers of three rows, then "（七）总计" and "四、结转…" with none): every row
    // without numbers, in label order, against the left-over numbers in text order — only
    // when the labels were printed in the table's own row order (else which order the
    // numbers follow is a guess).
    if row_totals && !pending.is_empty() {
        let rows: Vec<usize> = (0..found.len())
            .filter(|&r| {
                found[r]
                    .as_ref()
                    .is_some_and(|f| f.uncertain || f.collected.is_none())
            })
            .collect();
        let label_order_is_row_order = rows.windows(2).all(|w| {
            let start = |r: usize| found[r].as_ref().map_or(0, |f| f.label.start);
            start(w[0]) < start(w[1])
        });
        let read = label_order_is_row_order
            .then(|| read_in_order(ctx, &pending, &rows, widths))
            .flatten();
        if let Some(read) = read {
            take_groups(&mut found, notes, &rows, read);
        } else {
            for (rows, run) in &pending_runs {
                if let Some(all) = continue_run(&found, rows, run.len(), widths) {
                    if let Some(read) = read_in_order(ctx, run, &all, widths) {
                        take_groups(&mut found, notes, &all, read);
                    }
                }
            }
        }
    }
    found
}

/// Gives each row its numbers read in order, and keeps the note saying so.
fn take_groups(
    found: &mut [Option<FoundRow>],
    notes: &mut Vec<ByOrder>,
    rows: &[usize],
    (groups, column_major): (Vec<Collected>, bool),
) {
    notes.push(by_order(found, rows, column_major));
    for (&r, group) in rows.iter().zip(groups) {
        if let Some(f) = found[r].as_mut() {
            f.collected = Some(group);
            f.uncertain = false;
        }
    }
}

/// A run longer than the rows of the labels before it ("（七）总计" and then fourteen numbers,
/// the label 四、结转… printed later): the run starts with those rows and goes on in the
/// table's row order, so it is read when the rows after them that have no numbers, up to the
/// next row read or the table's end, take exactly the rest of it (a blank row among them
/// makes the count differ, and nothing is read), and every row's 总计 is the sum.
fn continue_run(
    found: &[Option<FoundRow>],
    rows: &[usize],
    run: usize,
    widths: &[usize],
) -> Option<Vec<usize>> {
    let open = |r: usize| {
        found
            .get(r)
            .is_some_and(|f| f.as_ref().is_some_and(|f| f.collected.is_none()))
    };
    let mut all = Vec::new();
    let mut need = 0;
    // The rows before the run, in row order, then the open rows after them.
    let mut r = *rows.first()?;
    while need < run {
        if !open(r) || rows.get(all.len()).is_some_and(|&x| x != r) {
            return None;
        }
        all.push(r);
        need += widths[r];
        r += 1;
    }
    // All of the label's rows taken, the exact count, and the row after them read (or the
    // table's end): a row after them without numbers might be the blank one.
    let next_read = r >= found.len() || found[r].as_ref().is_some_and(|f| f.collected.is_some());
    (all.len() >= rows.len() && need == run && next_read).then_some(all)
}

/// Whether a section heading ("四、政府信息公开行政复议…") starts after byte `from` and before
/// canonical position `to`: values after it are not the label's.
fn heading_between(ctx: &Ctx, from: u32, to: usize) -> bool {
    let to = ctx
        .scan
        .canon_offsets
        .get(to)
        .copied()
        .unwrap_or(ctx.text.len() as u32);
    ctx.sections
        .iter()
        .any(|s| s.span.start >= from && s.span.start < to)
}

/// Whether more values follow (across line ends and blank cells) at token `at`: two or more
/// (a lone number after a row is a page number, "7" or "-4-").
fn run_continues(ctx: &Ctx, at: usize) -> bool {
    ctx.scan.tokens[at.min(ctx.scan.tokens.len())..]
        .iter()
        .take_while(|t| !t.is_text())
        .filter(|t| t.is_value())
        .nth(1)
        .is_some()
}

/// The value tokens from `from` up to the next text.
fn value_run(ctx: &Ctx, from: usize) -> Vec<usize> {
    let tokens = &ctx.scan.tokens;
    let mut run = Vec::new();
    let mut i = from;
    while let Some(t) = tokens.get(i) {
        if t.is_text() {
            break;
        }
        if t.is_value() {
            run.push(i);
        }
        i += 1;
    }
    run
}

/// Numbers printed apart from their labels, read in label order: only when there is exactly
/// one row's worth per label and every row's last number (总计, table 三) is the sum of the
/// others. PDF text may give the numbers row by row or column by column; when both readings
/// hold and differ, or neither holds, `None` (the rows stay unread). The bool: column by column.
fn read_in_order(
    ctx: &Ctx,
    run: &[usize],
    rows: &[usize],
    widths: &[usize],
) -> Option<(Vec<Collected>, bool)> {
    let need: usize = rows.iter().map(|&r| widths[r]).sum();
    if rows.is_empty() || run.len() != need {
        return None;
    }
    let mut by_rows = Vec::with_capacity(rows.len());
    let mut at = 0;
    for &r in rows {
        by_rows.push(run[at..at + widths[r]].to_vec());
        at += widths[r];
    }
    let width = widths[rows[0]];
    let by_columns: Option<Vec<Vec<usize>>> =
        (rows.len() > 1 && rows.iter().all(|&r| widths[r] == width)).then(|| {
            (0..rows.len())
                .map(|r| (0..width).map(|c| run[c * rows.len() + r]).collect())
                .collect()
        });
    let rows_ok = totals_hold(ctx, &by_rows);
    // Readings that put the same numbers in every cell do not differ (rows of zeros).
    let same_numbers = |g: &Vec<Vec<usize>>| {
        g.iter()
            .flatten()
            .zip(by_rows.iter().flatten())
            .all(|(&a, &b)| {
                ctx.text[ctx.scan.tokens[a].span().range()]
                    == ctx.text[ctx.scan.tokens[b].span().range()]
            })
    };
    let columns_ok = by_columns
        .as_ref()
        .is_some_and(|g| totals_hold(ctx, g) && !same_numbers(g));
    let (groups, column_major) = match (rows_ok, columns_ok) {
        (true, false) => (by_rows, false),
        (false, true) => (by_columns?, true),
        _ => return None,
    };
    let collected = groups
        .into_iter()
        .map(|group| Collected {
            end: group.iter().max().map_or(0, |t| t + 1),
            values: group.into_iter().map(|token| RawValue { token }).collect(),
        })
        .collect();
    Some((collected, column_major))
}

/// Whether every group's last number is the sum of the others (plain counts only).
fn totals_hold(ctx: &Ctx, groups: &[Vec<usize>]) -> bool {
    groups.iter().all(|group| {
        let counts: Option<Vec<i64>> = group
            .iter()
            .map(|&t| {
                let number = ctx.scan.number(&ctx.scan.tokens[t])?;
                if !number.plain {
                    return None;
                }
                number.value?.as_integer()
            })
            .collect();
        let Some(counts) = counts else {
            return false;
        };
        let Some((total, parts)) = counts.split_last() else {
            return false;
        };
        // Checked: a hostile text may print numbers near i64::MAX.
        parts
            .iter()
            .try_fold(0i64, |a, &b| a.checked_add(b))
            .is_some_and(|sum| sum == *total)
    })
}

/// Rows whose numbers were read in label order (see `read_in_order`), for the note.
struct ByOrder {
    rows: Vec<usize>,
    column_major: bool,
    at: Span,
}

fn by_order(found: &[Option<FoundRow>], rows: &[usize], column_major: bool) -> ByOrder {
    ByOrder {
        rows: rows.to_vec(),
        column_major,
        at: found[rows[0]].as_ref().map(|f| f.label).unwrap_or_default(),
    }
}

/// The note saying which rows were read in label order, and why that reading.
fn by_order_note(
    table: &str,
    order: &ByOrder,
    labels: &[&str],
    paths: &[Vec<&'static str>],
) -> Diagnostic {
    let names: Vec<&str> = order.rows.iter().map(|&r| labels[r]).collect();
    let how = if order.column_major {
        "数字是逐列印出的，按标签顺序逐列对应"
    } else {
        "数字按标签顺序逐行对应"
    };
    Diagnostic::new(
        Code::RowsByOrder,
        order.at,
        format!(
            "{table}有 {} 行的标签与数字分开印出（{}）；{how}：只有这种读法使每行的总计都等于各列之和，据此确定。",
            order.rows.len(),
            shorten(&names, 8)
        ),
    )
    .with_cells(order.rows.iter().flat_map(|&r| paths[r].iter().cloned()))
}

/// A label followed on its own line by nothing but empty cells ("2.其他法律行政法规禁止公开" and
/// seven TABs): a row of blank cells, not a label without numbers.
fn blank_cells_after(ctx: &Ctx, label_end: u32, width: usize) -> Option<Collected> {
    let tokens = &ctx.scan.tokens;
    let first = tokens.partition_point(|t| t.span().end <= label_end);
    let rest = &tokens[first..];
    let after_label = rest
        .iter()
        .position(|t| !t.is_text() || t.span().start >= label_end)?;
    let mut values = Vec::new();
    for (k, t) in rest[after_label..].iter().enumerate() {
        match t.kind() {
            crate::text::scan::TokenKind::Blank => values.push(RawValue {
                token: first + after_label + k,
            }),
            crate::text::scan::TokenKind::LineEnd => break,
            _ => return None,
        }
    }
    (values.len() >= width).then(|| {
        values.truncate(width);
        Collected {
            values,
            end: first + after_label,
        }
    })
}

/// Reads one rows-based table: cells per row (in `paths` order), with diagnostics.
#[allow(clippy::too_many_arguments)]
fn read_rows_table(
    ctx: &mut Ctx,
    table: &str,
    found: Vec<Option<FoundRow>>,
    row_labels: &[&str],
    kinds: &[Vec<CellKind>],
    paths: &[Vec<&'static str>],
    relations: &[Relation],
    columns: Option<&Columns>,
) -> Vec<Vec<Option<crate::report::Cell>>> {
    let mut rows = TableRows {
        rows: Vec::with_capacity(found.len()),
    };
    let mut uncertain_rows = Vec::new();
    // Rows with fewer numbers than cells placed by position under the header.
    let mut placed_rows = Vec::new();
    // Rows whose first cell ends where a sign starts 本年增/减, with the signed number.
    let mut signed_rows: Vec<(usize, usize)> = Vec::new();
    for (r, row) in found.iter().enumerate() {
        if row.as_ref().is_some_and(|f| f.uncertain) {
            uncertain_rows.push(r);
        }
        let mut cells = row.as_ref().map(|f| match &f.collected {
            Some(collected) => ctx.row_cells(collected, &kinds[r], &paths[r]),
            None => RowCells::NoNumbers,
        });
        // A short row whose numbers' columns are certain: the first cell before a sign, or
        // every number by its position under the header.
        if let Some(RowCells::Mismatch { got, .. }) = &cells {
            let width = kinds[r].len();
            let placed = if before_sign(ctx, got, &kinds[r]) {
                signed_rows.push((r, got[1]));
                Some(vec![0])
            } else {
                let placed = columns
                    .filter(|_| got.len() < width)
                    .and_then(|c| c.place(ctx.text, &ctx.scan, got));
                if placed.is_some() {
                    placed_rows.push(r);
                }
                placed
            };
            if let Some(placed) = placed {
                let got = got.clone();
                let mut read = vec![None; width];
                for (&token, c) in got.iter().zip(placed) {
                    read[c] = ctx.cell_from_token(token, kinds[r][c], paths[r][c]);
                }
                cells = Some(RowCells::Read(read, None));
            }
        }
        rows.rows.push(cells);
    }
    let resolutions = rows.resolve_glued(relations);
    // Rows printed with fewer numbers than cells, or with blank cells: the table leaves cells
    // blank, and a blank leaves no trace in glued digits, so a glued row that no split
    // balances may be a row with a blank cell rather than an error.
    let leaves_blanks = rows.rows.iter().enumerate().any(|(r, row)| match row {
        Some(RowCells::Mismatch { got, .. }) => got.len() < kinds[r].len(),
        Some(RowCells::Read(cells, _)) => cells.iter().any(Option::is_none),
        _ => false,
    });

    let mut out: Vec<Vec<Option<Cell>>> = Vec::with_capacity(found.len());
    let mut missing_rows = Vec::new();
    let mut no_number_rows = Vec::new();
    let mut split_notes = Vec::new();
    let mut split_cells: Vec<&'static str> = Vec::new();
    let mut split_span: Option<Span> = None;
    let mut glued_rows = 0;
    for (r, row) in rows.rows.iter().enumerate() {
        let width = kinds[r].len();
        let label = crate::naming::quotable(row_labels[r]);
        let label_span = found[r].as_ref().map(|f| f.label).unwrap_or_default();
        let cells: Vec<Option<Cell>> = match row {
            None => {
                missing_rows.push(r);
                vec![None; width]
            }
            Some(RowCells::NoNumbers) => {
                if !uncertain_rows.contains(&r) {
                    no_number_rows.push(r);
                }
                vec![None; width]
            }
            Some(RowCells::Read(cells, first_blank)) => {
                let blanks: Vec<usize> = (0..width).filter(|&c| cells[c].is_none()).collect();
                if !blanks.is_empty() {
                    let signed = signed_rows.iter().find(|(s, _)| *s == r);
                    let (code, at, message, help) = match signed {
                        Some(&(_, signed)) => {
                            let at = ctx.scan.tokens[signed].span();
                            let printed = &ctx.text[at.range()];
                            (
                                Code::GluedAmbiguous,
                                at,
                                format!("{table}“{label}”一行的“{printed}”是本年增/减与处理决定数量两格粘连在一起（单元格之间没有分隔）：可能在任何一位之后分开，也可能整个是本年增/减、处理决定数量空白，无法确定，这两格记为缺失；上一年项目数量在符号之前结束，照读。"),
                                "请在原报告中用空格或制表符分开各单元格的数字。",
                            )
                        }
                        None => {
                            let names: Vec<String> = blanks
                                .iter()
                                .map(|&c| column_name(paths[r][c], paths[r].len()))
                                .collect();
                            (
                                Code::CellsBlank,
                                first_blank.unwrap_or(label_span),
                                format!(
                                    "{table}“{label}”一行有 {} 个单元格为空（{}）；空白不等于 0，这些单元格记为缺失。",
                                    blanks.len(),
                                    names.joined("、")
                                ),
                                "如果这些单元格应为 0，请在报告中填写 0；不适用时可填“/”。",
                            )
                        }
                    };
                    let mut d = Diagnostic::new(code, at, message)
                        .with_cells(blanks.iter().map(|&c| paths[r][c]))
                        .with_help(help);
                    if placed_rows.contains(&r) {
                        d = d.with_note("空白单元格在复制的文字中不留痕迹：这一行的数字按其在版面中与表头各列对齐的位置确定所在列。");
                    }
                    ctx.diagnostics.push(d);
                }
                cells.clone()
            }
            Some(RowCells::Mismatch { got, span }) => {
                let numbers: Vec<&str> = got
                    .iter()
                    .map(|&t| &ctx.text[ctx.scan.tokens[t].span().range()])
                    .collect();
                // Too few numbers is often blank cells that the copy dropped (a web page's or a
                // PDF's empty cells leave nothing in the text): say so, not "an error".
                let (code, word, why, help) = if got.len() < width {
                    (
                        Code::RowShort,
                        "少",
                        "无法确定这些数字各属于哪一列（可能有单元格留空，复制时空白单元格不留痕迹；也可能漏印了数字）",
                        format!("请核对这一行：空白的单元格请填 0（不适用时填“/”），漏印的数字请补齐，使其正好有 {width} 个。"),
                    )
                } else {
                    (
                        Code::RowLong,
                        "多",
                        "无法确定是哪一格出错",
                        format!("请核对这一行，删去多出的数字，使其正好有 {width} 个。"),
                    )
                };
                ctx.diagnostics.push(
                    Diagnostic::new(
                        code,
                        *span,
                        format!(
                            "{table}“{label}”一行读到 {} 个数字，应有 {width} 个（{word}了 {} 个）；{why}，这一行的单元格记为缺失。",
                            got.len(),
                            got.len().abs_diff(width)
                        ),
                    )
                    .with_cells(paths[r].iter().cloned())
                    .with_note(format!("读到：{}", numbers.joined(" ")))
                    .with_help(help),
                );
                vec![None; width]
            }
            Some(RowCells::Glued {
                glued,
                splits,
                last_number,
            }) => {
                let resolution = resolution_of(&resolutions, r);
                let digits_span = Span {
                    start: glued.groups[0][0].start,
                    end: glued.tail_end.unwrap_or(
                        glued
                            .groups
                            .last()
                            .and_then(|g| g.last())
                            .map_or(0, |d| d.end),
                    ),
                };
                let printed = ctx.text[digits_span.range()].to_string();
                match resolution {
                    Resolution::Unique(k) | Resolution::FewestConflicts(k) => {
                        let (glued, split, last_number) =
                            (glued.clone(), splits[k].clone(), *last_number);
                        let cells =
                            ctx.cells_from_split(&glued, &split, last_number, &kinds[r], &paths[r]);
                        let values: Vec<String> =
                            split.values(&glued).iter().map(|v| v.to_string()).collect();
                        if matches!(resolution, Resolution::FewestConflicts(_)) {
                            ctx.diagnostics.push(
                                Diagnostic::new(
                                    Code::GluedGuess,
                                    digits_span,
                                    format!(
                                        "{table}“{label}”一行的数字“{printed}”粘连在一起，任何拆分都不能使表格平衡；暂按矛盾最少的读法 {} 读取，请核对原文。",
                                        values.joined(" ")
                                    ),
                                )
                                .with_cells(paths[r].iter().cloned())
                                .with_note(format!("可能的读法共 {} 种：{}", splits.len(), describe_splits(&glued, splits, 4))),
                            );
                        } else if glued.groups.len() < width {
                            glued_rows += 1;
                            if splits.len() > 1 {
                                split_notes
                                    .push(format!("“{label}”：{printed} → {}", values.joined(" ")));
                            }
                            split_cells.extend(paths[r].iter().cloned());
                            split_span =
                                Some(split_span.map_or(digits_span, |s| s.cover(digits_span)));
                        }
                        cells
                    }
                    Resolution::Ambiguous if splits.is_empty() => {
                        ctx.diagnostics.push(
                            Diagnostic::new(
                                Code::GluedAmbiguous,
                                digits_span,
                                format!(
                                    "{table}“{label}”一行的数字“{printed}”粘连在一起，拆法过多，超出了检查的工作量上限，没有逐一尝试；这一行的单元格记为缺失。"
                                ),
                            )
                            .with_cells(paths[r].iter().cloned())
                            .with_help("请在原报告中用空格或制表符分开各单元格的数字。"),
                        );
                        vec![None; width]
                    }
                    Resolution::Ambiguous | Resolution::Unbalanced(_) => {
                        // Every split breaks a relation of the row: an error whichever is
                        // right (unless the table leaves cells blank, see `leaves_blanks`).
                        let mut why = String::new();
                        let code = match resolution {
                            Resolution::Unbalanced(families) if !leaves_blanks => {
                                why.push_str("但无论哪种读法表格都不平衡（");
                                let start = why.len();
                                for rel in relations {
                                    let formula = crate::rules::unassessable::formula(rel.id);
                                    if families >> rel.id as u8 & 1 == 1
                                        && !why[start..].contains(formula)
                                    {
                                        if why.len() > start {
                                            why.push('；');
                                        }
                                        why.push_str(formula);
                                    }
                                }
                                why.push_str("），必然有数字填错或漏填；");
                                Code::GluedUnbalanced
                            }
                            _ => Code::GluedAmbiguous,
                        };
                        ctx.diagnostics.push(
                            Diagnostic::new(
                                code,
                                digits_span,
                                format!(
                                    "{table}“{label}”一行的数字“{printed}”粘连在一起，可拆成 {} 种读法（{}），{why}无法确定，这一行的单元格记为缺失。",
                                    splits.len(),
                                    describe_splits(glued, splits, 4)
                                ),
                            )
                            .with_cells(paths[r].iter().cloned())
                            .with_help("请在原报告中用空格或制表符分开各单元格的数字。"),
                        );
                        vec![None; width]
                    }
                }
            }
        };
        out.push(cells);
    }
    if glued_rows > 0 {
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
            split_span.unwrap_or_default(),
            format!("{table}有 {glued_rows} 行数字粘连在一起（单元格之间没有分隔）；{how}。"),
        )
        .with_cells(split_cells);
        for note in split_notes {
            d = d.with_note(note);
        }
        ctx.diagnostics.push(d);
    }
    let all_missing = missing_rows.len() == found.len();
    if all_missing {
        let at = Span::empty_at(ctx.text.len());
        ctx.diagnostics.push(
            Diagnostic::new(
                Code::RowMissing,
                at,
                format!("{table}只找到了表头，没有找到任何数据行；其单元格全部记为缺失。"),
            )
            .with_cells(paths.iter().flatten().cloned()),
        );
    } else if !missing_rows.is_empty() {
        let names: Vec<&str> = missing_rows.iter().map(|&r| row_labels[r]).collect();
        let at = found
            .iter()
            .rev()
            .flatten()
            .map(|f| f.label)
            .next()
            .unwrap_or_default();
        ctx.diagnostics.push(
            Diagnostic::new(
                Code::RowMissing,
                Span::empty_at(at.end as usize),
                format!(
                    "{table}缺少 {} 行：{}；这些行的单元格记为缺失。",
                    missing_rows.len(),
                    names.joined("、")
                ),
            )
            .with_cells(missing_rows.iter().flat_map(|&r| paths[r].iter().cloned())),
        );
    }
    if !uncertain_rows.is_empty() {
        let names: Vec<&str> = uncertain_rows.iter().map(|&r| row_labels[r]).collect();
        let at = found[uncertain_rows[0]]
            .as_ref()
            .map(|f| f.label)
            .unwrap_or_default();
        ctx.diagnostics.push(
            Diagnostic::new(
                Code::RowsUncertain,
                at,
                format!(
                    "{table}有 {} 行的数字与标签分开印出、连成一串（{}），无法确定哪些数字属于哪一格；这些行的单元格记为缺失，没有移到别的行。",
                    uncertain_rows.len(),
                    shorten(&names, 8)
                ),
            )
            .with_cells(uncertain_rows.iter().flat_map(|&r| paths[r].iter().cloned()))
            .with_help("从 PDF 复制时请用保留版面的方式（每行的标签和数字在同一行），或直接上传 PDF。"),
        );
    }
    if !no_number_rows.is_empty() {
        let names: Vec<&str> = no_number_rows.iter().map(|&r| row_labels[r]).collect();
        let at = found[no_number_rows[0]]
            .as_ref()
            .map(|f| f.label)
            .unwrap_or_default();
        ctx.diagnostics.push(
            Diagnostic::new(
                Code::NoNumbers,
                at,
                format!(
                    "{table}有 {} 行只有标签、没有数字（{}）；没有数字不等于 0，这些单元格记为缺失。",
                    no_number_rows.len(),
                    shorten(&names, 6)
                ),
            )
            .with_cells(no_number_rows.iter().flat_map(|&r| paths[r].iter().cloned())),
        );
    }
    out
}

/// Table 二 (2019) in crawler text, "行政许可845-2835782": a sign (+, -, 增, 减) can only start
/// 本年增/减, the one signed column, so the plain number before it is the whole 上一年项目数量.
/// The signed number holds 本年增/减 and 处理决定数量 glued, which no relation ties (and either
/// may be blank), so those two stay unread (see `read_rows_table`).
fn before_sign(ctx: &Ctx, got: &[usize], kinds: &[CellKind]) -> bool {
    let [first, signed] = got else {
        return false;
    };
    let tokens = &ctx.scan.tokens;
    let sign = ctx.text[tokens[*signed].span().range()].chars().next();
    kinds == [CellKind::Count, CellKind::SignedCount, CellKind::Count]
        && ctx.scan.number(&tokens[*first]).is_some_and(|n| n.plain)
        && matches!(sign, Some('+' | '-' | '增' | '减' | '＋' | '－'))
}

/// The table's columns by position when the text keeps the page layout (see `layout`): the
/// header runs from byte `header_at` to the line of the first number after it, and pages that
/// repeat it have their own. Every full row on those pages must sit under its own columns,
/// else positions are not trusted.
fn layout_columns(
    ctx: &Ctx,
    header_at: usize,
    labels: &[&str],
    found: &[Option<FoundRow>],
) -> Option<Columns> {
    let tokens = &ctx.scan.tokens;
    let columns = table_columns(ctx.text, &ctx.scan, header_at, labels)?;
    let full_rows_agree = found.iter().flatten().all(|f| {
        let Some(collected) = &f.collected else {
            return true;
        };
        let got: Vec<usize> = collected
            .values
            .iter()
            .map(|v| v.token)
            .filter(|&t| tokens[t].is_value())
            .collect();
        got.len() != labels.len()
            || got.len() != collected.values.len()
            || columns.agrees(ctx.text, &ctx.scan, &got)
    });
    full_rows_agree.then_some(columns)
}

fn shorten(names: &[&str], max: usize) -> String {
    if names.len() <= max {
        names.joined("、")
    } else {
        format!("{} 等", names[..max].joined("、"))
    }
}

/// A blank cell's column as its header prints it; `width` is its row's number of cells.
fn column_name(path: &str, width: usize) -> String {
    let Some(CellId::National { table, row, column }) = CellId::parse(path) else {
        return path.to_string();
    };
    if table == Table::T2 {
        return t2_column_label(row, width, column)
            .map_or_else(|| column.to_string(), str::to_string);
    }
    if table == Table::T4 {
        let group = T4_GROUPS
            .iter()
            .find(|g| g.key == row)
            .map_or(row, |g| g.label);
        let column = T4_COLUMNS
            .iter()
            .find(|c| c.key == column)
            .map_or(column, |c| c.label);
        return format!("{group}·{column}");
    }
    T3_COLUMNS
        .iter()
        .map(|c| (c.key, c.label))
        .chain(T4_COLUMNS.iter().map(|c| (c.key, c.label)))
        .find(|(k, _)| *k == column)
        .map_or_else(|| column.to_string(), |(_, l)| l.to_string())
}

fn table_missing(ctx: &mut Ctx, table: &str, name: &str, section: u8, paths: &[&'static str]) {
    let at = ctx
        .sections
        .iter()
        .find(|s| s.number == section)
        .map_or(Span::empty_at(ctx.text.len()), |s| s.span);
    ctx.diagnostics.push(
        Diagnostic::new(
            Code::TableMissing,
            at,
            format!(
                "没有找到{table}（{name}）；其 {} 个单元格记为缺失，无法核对。",
                paths.len()
            ),
        )
        .with_cells(paths.iter().cloned())
        .with_help("如果表格在原文中是图片，请把表格内容以文字粘贴进来。"),
    );
}

fn flatten(paths: &[Vec<&'static str>], cells: Vec<Vec<Option<Cell>>>) -> TableOut {
    // Sized up front: a flattening iterator has no length, and growing a vector of cells
    // step by step copied them over and over.
    let mut out = Vec::with_capacity(paths.iter().map(Vec::len).sum());
    out.extend(
        paths
            .iter()
            .flatten()
            .map(|&p| CellPath::from(p))
            .zip(cells.into_iter().flatten()),
    );
    TableOut { cells: out }
}

fn read_t2(ctx: &mut Ctx, format: Format, t3_anchor: Option<usize>) -> TableOut {
    let rows = t2_rows(format);
    let paths = &path_table(format).t2;
    let kinds: Vec<Vec<CellKind>> = rows
        .iter()
        .map(|r| r.columns.iter().map(|(_, k)| *k).collect())
        .collect();
    let from_section = section_canon(ctx, 2).unwrap_or(0);
    let end = t3_anchor
        .or_else(|| section_canon(ctx, 3))
        .unwrap_or(ctx.scan.canon.len());
    let Some(start) = find_key(ctx, &["第二十条"], from_section).filter(|&s| s < end) else {
        let all: Vec<&'static str> = paths.iter().flatten().copied().collect();
        table_missing(ctx, "表二", "主动公开政府信息情况", 2, &all);
        let empty = paths.iter().map(|p| vec![None; p.len()]).collect();
        return flatten(paths, empty);
    };
    let keys: Vec<&'static [&'static str]> = rows.iter().map(|r| r.keys).collect();
    let widths: Vec<usize> = rows.iter().map(|r| r.columns.len()).collect();
    // Table 二 has no row totals: nothing is read by order there.
    let found = find_rows(ctx, start, end, &keys, &widths, false, &mut Vec::new());
    let labels: Vec<&str> = rows.iter().map(|r| r.label).collect();
    let cells = read_rows_table(ctx, "表二", found, &labels, &kinds, paths, &[], None);
    flatten(paths, cells)
}

fn read_t3(ctx: &mut Ctx, format: Format, anchor: Option<usize>) -> TableOut {
    let rows: Vec<_> = t3_data_rows(format).collect();
    let paths = &path_table(format).t3;
    let Some(start) = anchor else {
        let all: Vec<&'static str> = paths.iter().flatten().copied().collect();
        table_missing(ctx, "表三", "收到和处理政府信息公开申请情况", 3, &all);
        let empty = paths.iter().map(|p| vec![None; p.len()]).collect();
        return flatten(paths, empty);
    };
    let kinds = vec![vec![CellKind::Count; T3_COLUMNS.len()]; rows.len()];
    let keys: Vec<&'static [&'static str]> = rows.iter().map(|r| r.keys).collect();
    let widths = vec![T3_COLUMNS.len(); rows.len()];
    let mut notes = Vec::new();
    let found = find_rows(
        ctx,
        start,
        ctx.scan.canon.len(),
        &keys,
        &widths,
        true,
        &mut notes,
    );
    let labels: Vec<&str> = rows.iter().map(|r| r.short).collect();
    let t3_labels: Vec<&str> = T3_COLUMNS.iter().map(|c| c.label).collect();
    let header_at = ctx.scan.canon_offsets.get(start).map_or(0, |&o| o as usize);
    let columns = layout_columns(ctx, header_at, &t3_labels, &found);
    for order in &notes {
        let note = by_order_note("表三", order, &labels, paths);
        ctx.diagnostics.push(note);
    }
    let cells = read_rows_table(
        ctx,
        "表三",
        found,
        &labels,
        &kinds,
        paths,
        &t3_relations(format),
        columns.as_ref(),
    );
    flatten(paths, cells)
}

/// Header words of table 四 (any one, next to 行政复议, identifies its header).
const T4_HEADER_KEYS: [&str; 6] = [
    "结果维持",
    "结果纠正",
    "尚未审结",
    "未经复议",
    "复议后起诉",
    "其他结果",
];

/// Table 四 in reading order with its header words printed between its numbers (淮安 2024:
/// "72 64 178 37", header words, "12 1 1 6", "总计", "351", …): the first run is not the row.
/// Every number from it on while only header words stand between, when they are exactly the
/// fifteen cells.
fn split_runs(ctx: &Ctx, first: &Collected) -> Option<Vec<RawValue>> {
    let tokens = &ctx.scan.tokens;
    let mut got = first.values.clone();
    let mut i = first.end;
    // Bounded: a sixteenth number already says no.
    while let Some(t) = tokens.get(i) {
        if got.len() > 15 {
            return None;
        }
        let (from, to) = (canon_at(ctx, t.span().start), canon_at(ctx, t.span().end));
        if t.is_text()
            && !ctx.scan.canon[from..to]
                .iter()
                .all(|&c| "行政复议诉讼未经直接起后结果维持纠正其他尚审总计".contains(c))
        {
            break;
        }
        if t.is_value() {
            got.push(RawValue { token: i });
        }
        i += 1;
    }
    (got.len() == 15 && got.iter().all(|v| tokens[v.token].is_value())).then_some(got)
}

fn read_t4(ctx: &mut Ctx, t3_anchor: Option<usize>) -> TableOut {
    let paths = &path_table(Format::F2019).t4;
    let from = t3_anchor
        .or_else(|| section_canon(ctx, 4))
        .or_else(|| section_canon(ctx, 3))
        .unwrap_or(0);
    let review = KeySet::new([("行政复议", 0)]);
    let header_words = KeySet::new(T4_HEADER_KEYS.iter().map(|k| (*k, 0)));
    let header = ctx.chunks.iter().copied().find(|chunk| {
        chunk.canon_end > from && {
            let start = chunk.canon_start.max(from);
            review
                .first(&ctx.scan.canon, start, chunk.canon_end)
                .is_some()
                && header_words
                    .first(&ctx.scan.canon, start, chunk.canon_end)
                    .is_some()
        }
    });
    let Some(header) = header else {
        table_missing(ctx, "表四", "政府信息公开行政复议、行政诉讼情况", 4, paths);
        return flatten(std::slice::from_ref(paths), vec![vec![None; paths.len()]]);
    };
    let label_line = ctx
        .scan
        .line_of_token(&ctx.scan.tokens[header.end_token - 1]);
    let next_is_value = ctx.scan.tokens[header.end_token..]
        .iter()
        .find(|t| {
            !matches!(
                t.kind(),
                crate::text::scan::TokenKind::LineEnd | crate::text::scan::TokenKind::Blank
            )
        })
        .is_some_and(|t| t.is_value());
    let collected = next_is_value.then(|| {
        crate::parse::rows::collect_row_values(&ctx.scan, header.end_token, paths.len(), label_line)
    });
    // The header chunk may run on over many lines; point at its last piece of text.
    let header_span = ctx.scan.tokens[header.end_token - 1].span();
    let mut found = vec![Some(FoundRow {
        label: header_span,
        collected,
        uncertain: false,
    })];
    let kinds = vec![vec![CellKind::Count; paths.len()]];
    let t4_labels: [&str; 15] = std::array::from_fn(|i| T4_COLUMNS[i % 5].label);
    let header_at = ctx.scan.tokens[header.first_token].span().start as usize;
    let columns = layout_columns(ctx, header_at, &t4_labels, &found);
    if let Some(row) = found[0].as_mut() {
        let split = row
            .collected
            .as_ref()
            .filter(|c| columns.is_none() && c.values.len() < 15)
            .and_then(|c| split_runs(ctx, c));
        if let Some(got) = split {
            // Fifteen zeros are every cell whatever their order. Other numbers are not placed:
            // their order is not the columns' (淮安 prints 复议后起诉's before 直接起诉's), and
            // the group totals pair them up but cannot say which group is which.
            let zeros = got.iter().all(|v| {
                ctx.scan
                    .number(&ctx.scan.tokens[v.token])
                    .is_some_and(|n| n.as_count() == Some(0))
            });
            row.uncertain = !zeros;
            row.collected = zeros.then(|| Collected {
                end: got[14].token + 1,
                values: got,
            });
        }
    }
    let cells = read_rows_table(
        ctx,
        "表四",
        found,
        &["行政复议、行政诉讼"],
        &kinds,
        std::slice::from_ref(paths),
        &t4_relations(),
        columns.as_ref(),
    );
    flatten(std::slice::from_ref(paths), cells)
}

#[cfg(test)]
mod tests {
    /// Seed 001 through pdftotext's reading order: "（七）总计", fourteen zeros, then the labels
    /// of the blank row 1.信访举报投诉类申请 and of 四、结转下年度继续办理.
    const SEED_001: &str =
        include_str!("../../../../tests/fixtures/variants/seed-001/pdf-default.txt");
    const RUN: &str = "（七）总计\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n";

    fn read(text: &str, path: &str) -> Option<String> {
        crate::check(text)
            .report
            .cells
            .get(path)
            .map(|c| c.value.display())
    }

    #[test]
    fn the_cell_before_a_sign_is_read_and_the_glued_rest_is_not() {
        let text = include_str!("../../../../tests/fixtures/variants/seed-000/crawler.txt");
        assert!(text.contains("行政许可845-2835782"));
        let checked = crate::check(text);
        let get = |p: &str| checked.report.cells.get(p).map(|c| c.value.display());
        assert_eq!(get("t2.licensing.previous").as_deref(), Some("845"));
        assert_eq!(get("t2.licensing.change"), None);
        assert_eq!(get("t2.licensing.decisions"), None);
        let d = checked
            .diagnostics
            .iter()
            .find(|d| d.message.contains("-2835782"))
            .expect("the glued cells are named");
        assert_eq!(d.code.as_str(), "glued-ambiguous");
        // No sign: where the first cell ends is not known.
        let text = text.replacen("行政许可845-2835782", "行政许可845 2835782", 1);
        let checked = crate::check(&text);
        assert!(checked.report.cells.get("t2.licensing.previous").is_none());
    }

    #[test]
    fn glued_digits_no_split_of_which_balances_are_an_error_with_no_value_placed() {
        let text = include_str!("../../../../tests/fixtures/variants/pingtan-2024/crawler.txt");
        let clean = crate::check(text);
        let get = |c: &crate::Checked, p: &str| c.report.cells.get(p).map(|c| c.value.display());
        assert_eq!(
            get(&clean, "t4.litigation_after_review.upheld").as_deref(),
            Some("13")
        );
        assert!(!clean.has_errors());
        // 复议后起诉·结果维持 13 → 14: 2,1,3,1,7 | 0,0,0,0,0 | 14,2,4,0,19 breaks the group
        // total, and so does every other way of cutting the seventeen digits.
        let changed = text.replacen("21317000001324019", "21317000001424019", 1);
        let checked = crate::check(&changed);
        let d = checked
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == "glued-unbalanced")
            .expect("an error for the row");
        assert_eq!(d.severity, crate::Severity::Error);
        assert!(d.message.contains("21317000001424019"), "{}", d.message);
        assert!(d.message.contains("总计 = 结果维持"), "{}", d.message);
        assert_eq!(d.cells.len(), 15);
        assert!(d
            .cells
            .iter()
            .any(|c| c == "t4.litigation_after_review.upheld"));
        assert_eq!(get(&checked, "t4.litigation_after_review.upheld"), None);
        assert_eq!(get(&checked, "t4.review.upheld"), None);
    }

    #[test]
    fn no_error_for_unbalanced_glued_digits_in_a_table_that_leaves_cells_blank() {
        // 5.属于三类内部事务信息 32 … 32 → 33: no split balances its row total. With
        // 2.重复申请 printed as two digits for seven cells, the table leaves cells blank, and
        // a blank leaves no trace in glued digits: only a warning, nothing placed.
        let text = include_str!("../../../../tests/fixtures/variants/pingtan-2024/crawler.txt")
            .replacen("内部事务信息320000032", "内部事务信息320000033", 1)
            .replacen("2.重复申请1000001", "2.重复申请11", 1);
        let checked = crate::check(&text);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let d = checked
            .diagnostics
            .iter()
            .find(|d| d.message.contains("320000033"))
            .expect("the glued row is named");
        assert_eq!(d.code.as_str(), "glued-ambiguous");
        assert!(checked
            .report
            .cells
            .get("t3.denied.internal.total")
            .is_none());
    }

    #[test]
    fn a_short_row_is_placed_under_the_header_of_its_page() {
        // Seed 004's table 四 prints only the ten litigation cells, under their header words.
        let text = include_str!("../../../../tests/fixtures/variants/seed-004/pdf-layout.txt");
        let checked = crate::check(text);
        let get = |p: &str| checked.report.cells.get(p).map(|c| c.value.display());
        assert_eq!(get("t4.litigation_direct.upheld").as_deref(), Some("0"));
        assert_eq!(
            get("t4.litigation_after_review.total").as_deref(),
            Some("0")
        );
        assert_eq!(get("t4.review.upheld"), None);
        let blank = checked
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == "cells-blank" && d.message.contains("表四"))
            .expect("the blank cells are named");
        assert!(blank.notes.iter().any(|n| n.contains("位置")), "{blank:?}");
        // A header word split in two: the stacks no longer spell the columns.
        let garbled = text.replacen("尚未", "尚 未", 1);
        assert_ne!(garbled, text);
        let checked = crate::check(&garbled);
        assert!(checked
            .report
            .cells
            .get("t4.litigation_direct.upheld")
            .is_none());
    }

    #[test]
    fn a_run_goes_on_into_the_rows_after_its_label() {
        assert!(SEED_001.contains(RUN));
        assert_eq!(read(SEED_001, "t3.total.total").as_deref(), Some("0"));
        assert_eq!(
            read(SEED_001, "t3.carried_forward.total").as_deref(),
            Some("0")
        );
        // The blank row before them stays blank.
        assert_eq!(read(SEED_001, "t3.not_processed.petition.total"), None);
    }

    #[test]
    fn a_run_is_not_continued_when_its_rows_are_not_certain() {
        // A total that is not the sum of its row.
        let text = SEED_001.replacen(RUN, &RUN.replacen("\n0\n", "\n5\n", 1), 1);
        assert_eq!(read(&text, "t3.carried_forward.total"), None);
        // The label of 四、结转 not printed: where the run stops is unknown.
        let text = SEED_001.replacen("四、结转下年度继续办理\n", "\n", 1);
        assert_eq!(read(&text, "t3.total.total"), None);
    }

    /// Table 四 the way pdftotext's reading order gives 淮安 2024's (its real PDF, in
    /// ../shared/corpus/originals): the header words of the three groups between runs of the
    /// fifteen numbers, which come in the order 行政复议's four, 复议后起诉's four, 行政复议's
    /// 总计, 直接起诉's five, 复议后起诉's 总计.
    fn interleaved_t4(n: [&str; 15]) -> String {
        let text = SEED_001;
        let start = text.find("四、政府信息公开行政复议、行政诉讼情况").unwrap();
        let end = start + text[start..].find("五、").unwrap();
        let runs = |r: &[&str]| r.join("\n\n");
        let t4 = format!(
            "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n未经复议直接起诉\n\
             结果\n结果\n其他结\n尚未\n维持\n纠正\n果\n审结\n总计\n{}\n\
             结 果\n结果\n其他\n复议后起诉\n尚未\n结果\n结果\n其他\n尚未审\n\
             维持\n纠正\n结果\n结\n{}\n总计\n{}\n维持\n纠正\n结果\n审结\n{}\n总计\n{}\n",
            runs(&n[0..4]),
            runs(&n[10..14]),
            n[4],
            runs(&n[5..10]),
            n[14]
        );
        format!("{}{t4}{}", &text[..start], &text[end..])
    }

    #[test]
    fn table_4_numbers_among_its_header_words_are_read_only_when_their_order_cannot_matter() {
        // Fifteen zeros: every cell is 0 whichever way the runs go.
        let zeros = interleaved_t4(["0"; 15]);
        let checked = crate::check(&zeros);
        for path in &crate::vocab::national::path_table(crate::report::Format::F2019).t4 {
            let got = checked.report.cells.get(path).map(|c| c.value.display());
            assert_eq!(got.as_deref(), Some("0"), "{path}");
        }
        // Other numbers: the group totals pair them up, but which group is 行政复议, 直接起诉
        // or 复议后起诉 the text does not say. Nothing placed, every cell named.
        let numbers = [
            "2", "1", "3", "1", "7", "0", "0", "0", "0", "0", "13", "2", "4", "0", "19",
        ];
        let checked = crate::check(&interleaved_t4(numbers));
        assert!(!checked
            .report
            .cells
            .iter()
            .any(|(p, c)| p.starts_with("t4.") && c.is_some()));
        let d = checked
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == "rows-uncertain" && d.message.contains("表四"))
            .expect("the unread table 四 is named");
        assert_eq!(d.cells.len(), 15);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        // Other text between the runs (a row label of table 三): the numbers after it are not
        // table 四's; the first run is read as before, a short row, and nothing is placed.
        let other = zeros.replacen("总计\n0\n维持", "（七）总计\n0\n维持", 1);
        assert_ne!(other, zeros);
        let checked = crate::check(&other);
        assert!(!checked
            .report
            .cells
            .iter()
            .any(|(p, c)| p.starts_with("t4.") && c.is_some()));
        assert!(checked
            .diagnostics
            .iter()
            .any(|d| d.code.as_str() == "row-short" && d.message.contains("表四")));
    }
}
