//! The blocks both readers parse (paragraphs and tables, cells holding blocks, as the file
//! nests them) and how they become the core's document model (`nianbao_core::document`): layout
//! tables unfolded, a cell's paragraphs joined, vertical merges as continued cells.

use nianbao_core::document::Builder;

/// A paragraph or a table.
#[derive(Clone, Debug)]
pub enum Block {
    Para(String),
    Table(Table),
}

#[derive(Clone, Debug, Default)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Clone, Debug, Default)]
pub struct Cell {
    pub blocks: Vec<Block>,
    /// Grid columns the cell covers (Word's gridSpan, HTML's colspan).
    pub span: u32,
    /// HTML rowspan; Word's vertical merges are `continued` cells instead.
    pub rowspan: u32,
    /// The continuation of a vertically merged cell above: its text is shown once, in the
    /// first row, so here it is an empty field.
    pub continued: bool,
}

/// Tables nested deeper than this are read as the text of their cells.
pub const MAX_DEPTH: usize = 32;
/// Vertical merges are followed in this many grid columns (real tables have under 20).
const MAX_COLUMNS: usize = 1024;

/// Writes blocks into the core's document model, which writes the text view.
pub fn write(blocks: &[Block], out: &mut Builder) {
    for block in blocks {
        match block {
            Block::Para(text) => out.paragraph(text.trim_end()),
            Block::Table(table) => write_table(table, out),
        }
    }
}

fn write_table(table: &Table, out: &mut Builder) {
    // A table that holds tables is a layout frame (portals wrap articles in them; Word users
    // put tables in text boxes and frames): its cells are read in order as ordinary content.
    let layout = table
        .rows
        .iter()
        .flatten()
        .any(|c| c.blocks.iter().any(|b| matches!(b, Block::Table(_))));
    if layout {
        for cell in table.rows.iter().flatten() {
            if !cell.continued {
                write(&cell.blocks, out);
            }
        }
        return;
    }
    let mut text = String::new();
    for row in &table.rows {
        out.begin_row();
        for cell in row {
            text.clear();
            if !cell.continued {
                cell_text(&cell.blocks, &mut text);
            }
            out.cell(&text, cell.span, cell.continued);
        }
    }
    out.end_table();
}

/// A cell's paragraphs joined by one space, trimmed (the core's builder makes a TAB or line
/// break left inside a space).
fn cell_text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Para(text) => {
                let text = text.trim_matches(is_blank);
                if text.is_empty() {
                    continue;
                }
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(text);
            }
            Block::Table(table) => {
                for cell in table.rows.iter().flatten() {
                    cell_text(&cell.blocks, out);
                }
            }
        }
    }
}

/// Whitespace a blank cell holds: the template's full-width spaces, `&nbsp;`, zero-width marks.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Expands HTML rowspans into `continued` cells in the rows below, at the grid position the
/// spanning cell holds, so both readers write vertical merges the same way.
pub fn expand_rowspans(table: &mut Table) {
    // Per grid column: rows still covered and the covering cell's width.
    let mut pending: Vec<(u32, u32)> = Vec::new();
    // Hostile markup (rowspan=10000 on thousands of columns) must not multiply the input: the
    // continuations added are bounded by the cells the table really has.
    let real: usize = table.rows.iter().map(Vec::len).sum();
    let mut budget = real.saturating_mul(4).saturating_add(4096);
    for row in &mut table.rows {
        let mut out: Vec<Cell> = Vec::with_capacity(row.len());
        let mut col = 0usize;
        let mut cells = std::mem::take(row).into_iter();
        let mut tail: Option<Option<usize>> = None;
        // Bounded: every step either consumes a cell or moves past a pending column.
        loop {
            if let Some(&(left, width)) = pending.get(col) {
                if left > 0 && budget == 0 {
                    pending.clear();
                } else if left > 0 {
                    budget -= 1;
                    out.push(Cell {
                        span: width,
                        continued: true,
                        ..Cell::default()
                    });
                    pending[col].0 = left - 1;
                    col += width.max(1) as usize;
                    continue;
                }
            }
            let Some(cell) = cells.next() else {
                // Continuations to the right of the last cell: walk to the last column still
                // covered (each step paid from the budget). Columns right of `col` do not change
                // now, so the last one is found once per row.
                let last = *tail.get_or_insert_with(|| pending.iter().rposition(|p| p.0 > 0));
                if budget > 0 && last.is_some_and(|last| col <= last) {
                    budget -= 1;
                    col += 1;
                    continue;
                }
                break;
            };
            let width = cell.span.clamp(1, 1000);
            if cell.rowspan > 1 && col + (width as usize) <= MAX_COLUMNS {
                let need = col + width as usize;
                if pending.len() < need {
                    pending.resize(need, (0, 0));
                }
                pending[col] = (cell.rowspan.min(10_000) - 1, width);
            }
            col += width as usize;
            out.push(cell);
        }
        *row = out;
    }
}
