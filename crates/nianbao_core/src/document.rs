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
    /// A text with no blocks known: checked as plain text is (its rows found from separators).
    pub fn text_only(text: String) -> Document {
        Document {
            text,
            blocks: Vec::new(),
        }
    }

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
    ///
    /// Returns whether the paragraphs were joined (only when this ends with a paragraph and the
    /// other begins with one: a row never runs into a paragraph).
    pub fn append(&mut self, mut other: Document, skip: usize, join: bool) -> bool {
        let join = join
            && self.text.ends_with('\n')
            && matches!(self.blocks.last(), Some(Block::Paragraph(_)))
            && matches!(other.blocks.first(), Some(Block::Paragraph(p)) if p.start as usize >= skip);
        if join {
            self.text.pop();
        }
        let base = self.text.len() as u32;
        let skip32 = skip as u32;
        let shift = |s: &mut Span| {
            s.start = s.start - skip32 + base;
            s.end = s.end - skip32 + base;
        };
        // Whole rows and paragraphs inside the skipped bytes go; the rest move.
        other.blocks.retain_mut(|block| match block {
            Block::Paragraph(span) => {
                let keep = span.start >= skip32;
                if keep {
                    shift(span);
                }
                keep
            }
            Block::Table(table) => {
                table.rows.retain(|r| r.span.start >= skip32);
                for row in &mut table.rows {
                    shift(&mut row.span);
                    for cell in &mut row.cells {
                        shift(&mut cell.span);
                    }
                }
                !table.rows.is_empty()
            }
        });
        let mut blocks = other.blocks;
        if join {
            if let (Some(Block::Paragraph(last)), Some(Block::Paragraph(first))) =
                (self.blocks.last_mut(), blocks.first())
            {
                last.end = first.end;
                blocks.remove(0);
            }
        }
        self.text
            .push_str(&other.text[skip.min(other.text.len())..]);
        self.blocks.extend(blocks);
        join
    }
}

impl Document {
    /// Why the blocks do not describe the text view, if they do not (the checker's test of rows
    /// handed back by the page; tests and fuzzing): blocks in order on whole lines, a row's text
    /// exactly its cells joined by TAB, grid columns increasing, every line in a block.
    pub fn inconsistency(&self) -> Option<&'static str> {
        let text = self.text.as_bytes();
        let mut at = 0usize;
        // The next line(s) of the text: start where the last block ended, end at a line break.
        let mut next_lines = |span: Span, one_line: bool| -> bool {
            let (s, e) = (span.start as usize, span.end as usize);
            let ok = s == at
                && e >= s
                && text.get(e) == Some(&b'\n')
                && self.text.is_char_boundary(s)
                && !(one_line && text[s..e].contains(&b'\n'));
            at = e + 1;
            ok
        };
        for block in &self.blocks {
            match block {
                Block::Paragraph(span) => {
                    if !next_lines(*span, false) {
                        return Some("a paragraph is not the next lines");
                    }
                }
                Block::Table(table) => {
                    for row in &table.rows {
                        if !next_lines(row.span, true) {
                            return Some("a row is not the next line");
                        }
                        let (mut p, mut column) = (row.span.start as usize, 0u32);
                        for (i, cell) in row.cells.iter().enumerate() {
                            if i > 0 {
                                if text.get(p) != Some(&b'\t') {
                                    return Some("cells are not separated by TAB");
                                }
                                p += 1;
                            }
                            let (s, e) = (cell.span.start as usize, cell.span.end as usize);
                            let inner = text.get(s..e).filter(|_| {
                                e <= row.span.end as usize && self.text.is_char_boundary(e)
                            });
                            let clean = inner.is_some_and(|t| {
                                !t.iter().any(|b| matches!(b, b'\t' | b'\n' | b'\r'))
                            });
                            if s != p || !clean || cell.column < column {
                                return Some("a cell is not where its row has it");
                            }
                            column = cell.column.saturating_add(cell.width);
                            p = e;
                        }
                        if p != row.span.end as usize {
                            return Some("a row is not its cells");
                        }
                    }
                }
            }
        }
        (at != text.len()).then_some("text after the last block")
    }
}

impl Document {
    /// A document's table rows as numbers, for the JavaScript edge (the page's documents module
    /// hands them to the checker): per row its start, end and cell count, then per cell its
    /// start, end, grid column, width and 1 when continued — offsets in UTF-16 units. Rows on
    /// consecutive lines are one table.
    pub fn rows_utf16(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let mut units = Utf16Offsets::new(&self.text);
        for row in self.rows() {
            // Converted in text order (the row's start, its cells, its end), written in the
            // order above.
            let head = out.len();
            out.extend([units.at(row.span.start), 0, row.cells.len() as u32]);
            for cell in &row.cells {
                out.extend([
                    units.at(cell.span.start),
                    units.at(cell.span.end),
                    cell.column,
                    cell.width,
                    u32::from(cell.continued),
                ]);
            }
            out[head + 1] = units.at(row.span.end);
        }
        out
    }

    /// The document [`Document::rows_utf16`] describes over `text`, or the text back when the
    /// numbers do not describe it (it was edited since it was read: it is then checked as
    /// text). The lines between rows are paragraphs.
    pub fn from_rows_utf16(text: String, numbers: &[u32]) -> Result<Document, String> {
        match Document::rows_over(&text, numbers) {
            Some(blocks) => {
                let document = Document { text, blocks };
                match document.inconsistency() {
                    None => Ok(document),
                    Some(_) => Err(document.text),
                }
            }
            None => Err(text),
        }
    }

    fn rows_over(text: &str, numbers: &[u32]) -> Option<Vec<Block>> {
        // UTF-16 offset → byte offset, for offsets in increasing order.
        let mut bytes = text
            .char_indices()
            .map(|(i, c)| (i, c.len_utf16()))
            .peekable();
        let (mut unit, mut byte) = (0u32, 0usize);
        let mut to_byte = |target: u32| -> Option<u32> {
            while unit < target {
                let (_, len) = bytes.next()?;
                unit += len as u32;
                byte = bytes.peek().map_or(text.len(), |&(i, _)| i);
            }
            (unit == target).then_some(byte as u32)
        };
        let mut rows: Vec<Row> = Vec::new();
        let mut it = numbers.iter().copied();
        while let Some(start) = it.next() {
            // Converted in text order: the row's start, its cells, its end.
            let start = to_byte(start)?;
            let end = it.next()?;
            let n = it.next()? as usize;
            let mut cells = Vec::with_capacity(n.min(numbers.len()));
            for _ in 0..n {
                let (s, e) = (it.next()?, it.next()?);
                let cell = Cell {
                    span: Span {
                        start: to_byte(s)?,
                        end: to_byte(e)?,
                    },
                    column: it.next()?,
                    width: it.next()?,
                    continued: it.next()? != 0,
                };
                cells.push(cell);
            }
            let span = Span {
                start,
                end: to_byte(end)?,
            };
            rows.push(Row { span, cells });
        }
        let mut blocks = Vec::new();
        let mut at = 0usize;
        let paragraphs = |blocks: &mut Vec<Block>, from: usize, to: usize| {
            if to > from {
                // The lines from..to, their last line break excluded.
                blocks.push(Block::Paragraph(Span::new(from, to - 1)));
            }
        };
        for row in rows {
            let start = row.span.start as usize;
            if start < at {
                return None;
            }
            let joined = start == at && matches!(blocks.last(), Some(Block::Table(_)));
            paragraphs(&mut blocks, at, start);
            at = row.span.end as usize + 1;
            match blocks.last_mut() {
                Some(Block::Table(table)) if joined => table.rows.push(row),
                _ => blocks.push(Block::Table(Table { rows: vec![row] })),
            }
        }
        // A text view ends with a line break: one that does not is not a producer's view.
        paragraphs(&mut blocks, at, text.len());
        Some(blocks)
    }
}

/// UTF-16 offsets of increasing byte offsets, in one sweep.
struct Utf16Offsets<'a> {
    chars: std::str::CharIndices<'a>,
    byte: usize,
    unit: u32,
}

impl Utf16Offsets<'_> {
    fn new(text: &str) -> Utf16Offsets<'_> {
        Utf16Offsets {
            chars: text.char_indices(),
            byte: 0,
            unit: 0,
        }
    }

    fn at(&mut self, byte: u32) -> u32 {
        while self.byte < byte as usize {
            let Some((i, c)) = self.chars.next() else {
                break;
            };
            self.byte = i + c.len_utf8();
            self.unit += c.len_utf16() as u32;
        }
        self.unit
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
        assert!(!doc.append(b.finish(), 0, false));
        let mut b = Builder::new();
        b.paragraph("后半");
        b.cell("头", 1, false);
        b.begin_row();
        b.cell("5", 1, false);
        let page = b.finish();
        let head = "后半\n头\n".len();
        assert!(doc.append(page.clone(), 0, true));
        assert_eq!(doc.text, "第一段前半后半\n头\n5\n");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(
            doc.blocks[0],
            Block::Paragraph(Span::new(0, "第一段前半后半".len()))
        );
        let mut doc2 = table();
        let before = doc2.text.len();
        // A table's end never joins the next page's paragraph.
        assert!(!doc2.clone().append(page.clone(), 0, true));
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
        let blank = scan_document(&doc).tokens[1].span();
        assert_eq!(blank.start, doc.rows().next().unwrap().cells[1].span.start);
    }

    #[test]
    fn rows_cross_the_javascript_edge_and_come_back() {
        let mut b = Builder::new();
        b.paragraph("表三😀");
        b.cell("（一）", 2, false);
        b.cell("1", 1, false);
        b.begin_row();
        b.cell("", 2, true);
        b.cell("２", 1, false);
        b.paragraph("尾");
        let doc = b.finish();
        let numbers = doc.rows_utf16();
        assert_eq!(&numbers[..3], [5, 10, 2]);
        let back = Document::from_rows_utf16(doc.text.clone(), &numbers);
        assert_eq!(back.as_ref(), Ok(&doc));
        // Edited text, or numbers that do not fit it: the text back, to be checked as text.
        let edited = doc.text.replacen("表三", "表", 1);
        assert_eq!(
            Document::from_rows_utf16(edited.clone(), &numbers),
            Err(edited)
        );
        assert!(Document::from_rows_utf16(doc.text.clone(), &numbers[..4]).is_err());
        assert!(Document::from_rows_utf16(doc.text.clone(), &[9, 9, 9]).is_err());
        let plain = Document::from_rows_utf16("a\nb\n".into(), &[]).expect("no rows");
        assert_eq!(plain.blocks, [Block::Paragraph(Span::new(0, 3))]);
        assert!(Document::from_rows_utf16("a\nb".into(), &[]).is_err());
    }
}
