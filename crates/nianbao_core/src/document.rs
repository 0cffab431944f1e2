//! The document model: a report as one sequence of blocks — paragraphs and tables (rows of
//! cells, each knowing the grid columns it covers) — with every piece's span in the *text
//! view* the user sees and every finding points into. Producers: the `.docx` and HTML readers
//! (nianbao_doc) and the PDF reader (nianbao_pdf) build it with [`Builder`], the one place the
//! text view is written (a paragraph a line; a table row a line, its cells separated by TAB);
//! plain text's producer is the tokenizer itself (`text::scan`), which finds its rows by
//! reconstruction. [`crate::check_document`] reads a table row's tokens from its cells: a cell
//! is one field, an empty cell a blank, and no character inside a cell splits it.

use crate::report::Span;

/// A document and its text view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub text: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph's lines in the text view (its line break not included).
    Paragraph(Span),
    Table(Table),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Row>,
}

/// One table row: one line of the text view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// The line (its line break not included).
    pub span: Span,
    pub cells: Vec<Cell>,
}

/// One cell of a row, where the source puts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Its text in the text view (empty for a blank cell, at the place it stands).
    pub span: Span,
    /// First grid column it covers (0-based).
    pub column: u32,
    /// Grid columns it covers (Word's gridSpan, HTML's colspan): at least 1.
    pub width: u32,
    /// The continuation of a cell merged down from the row above: its text is shown once, in
    /// the first row, so here the cell is empty.
    pub continued: bool,
}

impl Row {
    /// The cell covering a grid column: spans are expanded, so every grid position the row
    /// has knows its cell.
    pub fn cell_at(&self, column: u32) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.column <= column && column - c.column < c.width)
    }
}

impl Document {
    /// Every table row in text order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.blocks.iter().flat_map(|b| match b {
            Block::Table(t) => t.rows.as_slice(),
            Block::Paragraph(_) => &[],
        })
    }

    /// Appends another document (a PDF page) after this one. `skip` bytes at its start are
    /// dropped (a table's header rows repeated on a new page: whole rows); with `join`, the
    /// line break ending this text is dropped and its last paragraph runs on into the other's
    /// first (a paragraph broken by the page end).
    pub fn append(&mut self, other: Document, skip: usize, join: bool) {
        let join = join && self.text.ends_with('\n');
        if join {
            self.text.pop();
        }
        let base = self.text.len();
        let shift =
            |s: Span| Span::new(s.start as usize - skip + base, s.end as usize - skip + base);
        let mut first = true;
        let mut blocks = Vec::with_capacity(other.blocks.len());
        for block in other.blocks {
            match block {
                Block::Paragraph(span) if (span.start as usize) >= skip => {
                    let span = shift(span);
                    match self.blocks.last_mut() {
                        Some(Block::Paragraph(last)) if join && first => {
                            last.end = span.end;
                        }
                        _ => blocks.push(Block::Paragraph(span)),
                    }
                }
                Block::Paragraph(_) => {}
                Block::Table(table) => {
                    let rows: Vec<Row> = table
                        .rows
                        .into_iter()
                        .filter(|r| r.span.start as usize >= skip)
                        .map(|r| Row {
                            span: shift(r.span),
                            cells: r
                                .cells
                                .into_iter()
                                .map(|c| Cell {
                                    span: shift(c.span),
                                    ..c
                                })
                                .collect(),
                        })
                        .collect();
                    if !rows.is_empty() {
                        blocks.push(Block::Table(Table { rows }));
                    }
                }
            }
            first = false;
        }
        self.text
            .push_str(&other.text[skip.min(other.text.len())..]);
        self.blocks.extend(blocks);
    }
}

impl Document {
    /// Why the blocks do not describe the text view, if they do not (tests and fuzzing): blocks
    /// in order on whole lines, a row's text exactly its cells joined by TAB, grid columns
    /// increasing, every line of the view in a block.
    pub fn inconsistency(&self) -> Option<String> {
        let text = &self.text;
        let mut at = 0usize;
        let mut whole_lines = |span: Span, what: &str| -> Result<(), String> {
            let (s, e) = (span.start as usize, span.end as usize);
            let inner = text.get(s..e);
            let one_line = what == "paragraph" || inner.is_some_and(|t| !t.contains('\n'));
            let ok =
                s == at && inner.is_some() && one_line && text.as_bytes().get(e) == Some(&b'\n');
            at = e + 1;
            if ok {
                Ok(())
            } else {
                Err(format!("{what} {s}..{e} is not the next line(s)"))
            }
        };
        for block in &self.blocks {
            let result = match block {
                Block::Paragraph(span) => whole_lines(*span, "paragraph"),
                Block::Table(table) => table.rows.iter().try_for_each(|row| {
                    whole_lines(row.span, "row")?;
                    let mut joined = String::new();
                    let mut next = 0u32;
                    for (i, cell) in row.cells.iter().enumerate() {
                        if i > 0 {
                            joined.push('\t');
                        }
                        let inner = text.get(cell.span.range()).unwrap_or("\u{0}");
                        if inner.contains(['\t', '\n', '\r']) || cell.column < next {
                            return Err(format!("cell {:?} of row {:?}", cell, row.span));
                        }
                        next = cell.column + cell.width;
                        joined.push_str(inner);
                    }
                    match text.get(row.span.range()) == Some(joined.as_str()) {
                        true => Ok(()),
                        false => Err(format!("row {:?} is not its cells", row.span)),
                    }
                }),
            };
            if let Err(why) = result {
                return Some(why);
            }
        }
        (at != text.len()).then(|| format!("text after the last block at {at}"))
    }
}

/// Writes the text view and records the blocks as it goes.
#[derive(Debug, Default)]
pub struct Builder {
    doc: Document,
    /// The row being written, if any, and the grid column its next cell starts at.
    row: Option<(Row, u32)>,
    /// The last block is a table still open for rows.
    in_table: bool,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// The text written so far.
    pub fn text(&self) -> &str {
        &self.doc.text
    }

    /// A paragraph: its text as given, then a line break. Ends an open table.
    pub fn paragraph(&mut self, text: &str) {
        self.end_table();
        let start = self.doc.text.len();
        self.doc.text.push_str(text);
        let span = Span::new(start, self.doc.text.len());
        self.doc.text.push('\n');
        self.doc.blocks.push(Block::Paragraph(span));
    }

    /// Starts a row (and a table, when none is open).
    pub fn begin_row(&mut self) {
        self.end_row();
        if !self.in_table {
            self.doc.blocks.push(Block::Table(Table::default()));
            self.in_table = true;
        }
        let at = self.doc.text.len();
        self.row = Some((
            Row {
                span: Span::empty_at(at),
                cells: Vec::new(),
            },
            0,
        ));
    }

    /// A cell of the open row (a row is opened when none is). Its text goes into the view with
    /// TAB and line breaks made spaces, so that the view keeps a row on one line; a continued
    /// cell writes nothing.
    pub fn cell(&mut self, text: &str, width: u32, continued: bool) {
        if self.row.is_none() {
            self.begin_row();
        }
        let Some((row, column)) = self.row.as_mut() else {
            return;
        };
        if !row.cells.is_empty() {
            self.doc.text.push('\t');
        }
        let start = self.doc.text.len();
        if !continued {
            for c in text.chars() {
                self.doc.text.push(if matches!(c, '\t' | '\n' | '\r') {
                    ' '
                } else {
                    c
                });
            }
        }
        let width = width.max(1);
        row.cells.push(Cell {
            span: Span::new(start, self.doc.text.len()),
            column: *column,
            width,
            continued,
        });
        *column = column.saturating_add(width);
    }

    /// Moves the open row's next cell to grid column `column` (never back): the columns
    /// between are covered by cells the producer does not write.
    pub fn next_column(&mut self, column: u32) {
        if let Some((_, next)) = self.row.as_mut() {
            *next = column.max(*next);
        }
    }

    /// Ends the open row, if any: its line break.
    pub fn end_row(&mut self) {
        let Some((mut row, _)) = self.row.take() else {
            return;
        };
        row.span.end = self.doc.text.len() as u32;
        self.doc.text.push('\n');
        if let Some(Block::Table(table)) = self.doc.blocks.last_mut() {
            table.rows.push(row);
        }
    }

    /// Ends the open table, if any (the next row starts a new one).
    pub fn end_table(&mut self) {
        self.end_row();
        if self.in_table {
            self.in_table = false;
            if matches!(self.doc.blocks.last(), Some(Block::Table(t)) if t.rows.is_empty()) {
                self.doc.blocks.pop();
            }
        }
    }

    pub fn finish(mut self) -> Document {
        self.end_table();
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Document {
        let mut b = Builder::new();
        b.paragraph("表三");
        b.begin_row();
        b.cell("（一）本年新收", 2, false);
        b.cell("1\t2", 1, false);
        b.cell("", 1, false);
        b.begin_row();
        b.cell("", 2, true);
        b.cell("3", 1, false);
        b.cell("4", 1, false);
        b.finish()
    }

    #[test]
    fn the_text_view_is_a_line_per_paragraph_and_row() {
        let doc = table();
        assert_eq!(doc.text, "表三\n（一）本年新收\t1 2\t\n\t3\t4\n");
        let rows: Vec<&Row> = doc.rows().collect();
        assert_eq!(rows.len(), 2);
        let cell = |r: &Row, col| &doc.text[r.cell_at(col).map(|c| c.span.range()).unwrap()];
        assert_eq!(cell(rows[0], 1), "（一）本年新收");
        assert_eq!(cell(rows[0], 2), "1 2");
        assert_eq!(cell(rows[0], 3), "");
        assert_eq!(rows[0].cell_at(4), None);
        assert!(rows[1].cell_at(0).is_some_and(|c| c.continued));
        assert_eq!(cell(rows[1], 3), "4");
        assert_eq!(&doc.text[rows[1].span.range()], "\t3\t4");
        assert_eq!(doc.inconsistency(), None);
        let mut broken = doc.clone();
        broken.text.insert(0, 'x');
        assert!(broken.inconsistency().is_some());
    }

    #[test]
    fn pages_append_with_repeated_rows_skipped_and_paragraphs_joined() {
        let mut doc = Document::default();
        let mut b = Builder::new();
        b.paragraph("第一段前半");
        doc.append(b.finish(), 0, false);
        let mut b = Builder::new();
        b.paragraph("后半");
        b.cell("头", 1, false);
        b.begin_row();
        b.cell("5", 1, false);
        let page = b.finish();
        let head = "后半\n头\n".len();
        doc.append(page.clone(), 0, true);
        assert_eq!(doc.text, "第一段前半后半\n头\n5\n");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(
            doc.blocks[0],
            Block::Paragraph(Span::new(0, "第一段前半后半".len()))
        );
        let mut doc2 = table();
        let before = doc2.text.len();
        doc2.append(page, head, false);
        assert_eq!(&doc2.text[before..], "5\n");
        let last = doc2.rows().last().unwrap();
        assert_eq!(&doc2.text[last.cells[0].span.range()], "5");
        assert_eq!(doc.inconsistency(), None);
        assert_eq!(doc2.inconsistency(), None);
    }

    /// A row's tokens come from its cells: a `|` inside a cell does not split it (the text
    /// tokenizer, guessing from separators, splits there), an empty cell is a blank.
    #[test]
    fn a_row_is_tokenized_by_its_cells() {
        use crate::text::scan::{scan, scan_document, TokenKind};
        let mut b = Builder::new();
        b.cell("甲|乙", 1, false);
        b.cell("", 1, false);
        b.cell("3", 1, false);
        let doc = b.finish();
        let kinds = |s: crate::text::scan::Scan| -> Vec<TokenKind> {
            s.tokens.iter().map(|t| t.kind()).collect()
        };
        use TokenKind::*;
        assert_eq!(
            kinds(scan_document(&doc)),
            [Text, Blank, Number, LineEnd, LineEnd]
        );
        assert_eq!(
            kinds(scan(&doc.text)),
            [Text, Text, Blank, Number, LineEnd, LineEnd]
        );
        let blank = scan_document(&doc).tokens[1].span;
        assert_eq!(blank.start, doc.rows().next().unwrap().cells[1].span.start);
    }
}
