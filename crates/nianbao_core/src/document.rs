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
        rows_in(&self.blocks)
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
    /// Why the blocks do not describe the text view, if they do not (tests and fuzzing): blocks
    /// in order on whole lines, a row's text exactly its cells joined by TAB, grid columns
    /// increasing, every line in a block.
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
    /// The document's outline, for the JavaScript edge (the page's documents module hands it to
    /// the checker with the text view): one line per line of the text view, saying what that
    /// line is — `p` a paragraph's first line, nothing a paragraph's next line, `t` a table's
    /// first row, `r` a table's next row. A row's letter is followed by one `;`-terminated spec
    /// per cell: its grid column when not the one after the previous cell's, `*` and its width
    /// when not 1, `^` when it continues the cell above. The cells' text is not in it: a row's
    /// line is its cells joined by TAB, so the text view says where each cell is.
    pub fn outline(&self) -> String {
        let mut out = String::new();
        let number = |out: &mut String, n: u32| out.push_str(&n.to_string());
        for block in &self.blocks {
            match block {
                Block::Paragraph(span) => {
                    out.push('p');
                    let inner = self.text.get(span.range()).unwrap_or("");
                    for _ in inner.bytes().filter(|&b| b == b'\n') {
                        out.push('\n');
                    }
                    out.push('\n');
                }
                Block::Table(table) => {
                    let mut letter = 't';
                    for row in &table.rows {
                        out.push(letter);
                        letter = 'r';
                        let mut next = 0;
                        for cell in &row.cells {
                            if cell.column != next {
                                number(&mut out, cell.column);
                            }
                            if cell.width != 1 {
                                out.push('*');
                                number(&mut out, cell.width);
                            }
                            if cell.continued {
                                out.push('^');
                            }
                            out.push(';');
                            next = cell.column.saturating_add(cell.width);
                        }
                        out.push('\n');
                    }
                }
            }
        }
        out
    }

    /// The document an [`Document::outline`] describes over `text`, or the text back when the
    /// outline does not describe it (the text was edited since it was read: it is then checked
    /// as text). What it builds describes its view by construction: blocks on whole lines in
    /// order, a row's cells exactly the TAB-separated fields of its line, grid columns
    /// increasing (no [`Document::inconsistency`] to run).
    pub fn with_outline(text: String, outline: &str) -> Result<Document, String> {
        match Document::blocks_of(&text, outline) {
            Some(blocks) => Ok(Document { text, blocks }),
            None => Err(text),
        }
    }

    fn blocks_of(text: &str, outline: &str) -> Option<Vec<Block>> {
        let (text, outline) = (text.as_bytes(), outline.as_bytes());
        let mut blocks = Vec::new();
        let (mut at, mut next) = (0, 0);
        while next < outline.len() {
            let what = line_at(outline, &mut next)?;
            let start = at;
            let line = line_at(text, &mut at)?;
            let span = Span::new(start, start + line.len());
            match what {
                b"p" => blocks.push(Block::Paragraph(span)),
                b"" => match blocks.last_mut() {
                    Some(Block::Paragraph(paragraph)) => paragraph.end = span.end,
                    _ => return None,
                },
                [letter @ (b't' | b'r'), specs @ ..] => {
                    let row = row_of(line, start, specs)?;
                    match blocks.last_mut() {
                        Some(Block::Table(table)) if *letter == b'r' => table.rows.push(row),
                        _ if *letter == b't' => {
                            blocks.push(Block::Table(Table { rows: vec![row] }))
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
        (at == text.len()).then_some(blocks)
    }
}

/// The line of `bytes` at `at` (without its line break), `at` moved past it; None when no line
/// break ends it.
fn line_at<'a>(bytes: &'a [u8], at: &mut usize) -> Option<&'a [u8]> {
    let rest = bytes.get(*at..)?;
    let end = rest.iter().position(|&b| b == b'\n')?;
    *at += end + 1;
    Some(&rest[..end])
}

/// The row on `line` (starting at byte `at` of the text) with the cells `specs` describe, one
/// per TAB-separated field, or None when they do not match.
fn row_of(line: &[u8], at: usize, mut specs: &[u8]) -> Option<Row> {
    // A carriage return inside a row would end the tokenizer's line there.
    if line.contains(&b'\r') {
        return None;
    }
    let mut cells = Vec::new();
    let (mut start, mut next) = (0, 0u32);
    while !specs.is_empty() {
        let field = line.get(start..)?;
        let len = field
            .iter()
            .position(|&b| b == b'\t')
            .unwrap_or(field.len());
        let column = number(&mut specs).unwrap_or(next);
        let width = match specs {
            [b'*', rest @ ..] => {
                specs = rest;
                number(&mut specs)?
            }
            _ => 1,
        };
        let continued = specs.first() == Some(&b'^');
        specs = &specs[usize::from(continued)..];
        let [b';', rest @ ..] = specs else {
            return None;
        };
        specs = rest;
        if column < next || width == 0 {
            return None;
        }
        cells.push(Cell {
            span: Span::new(at + start, at + start + len),
            column,
            width,
            continued,
        });
        start += len + 1;
        next = column.checked_add(width)?;
    }
    // Every field is a cell (a row of no cells is an empty line).
    (start == line.len() + 1 || (start == 0 && line.is_empty())).then_some(Row {
        span: Span::new(at, at + line.len()),
        cells,
    })
}

/// Every table row of `blocks` in order: [`Document::rows`], and the tokenizer's no rows for
/// plain text (one iterator type, so the wasm holds one tokenizer).
pub fn rows_in(blocks: &[Block]) -> impl Iterator<Item = &Row> {
    blocks.iter().flat_map(|b| match b {
        Block::Table(t) => t.rows.as_slice(),
        Block::Paragraph(_) => &[],
    })
}

/// The decimal number at the start of `specs`, consumed; None when there is none. Nine digits
/// at most are read (a tenth is left, and refused by the caller): no overflow to handle.
fn number(specs: &mut &[u8]) -> Option<u32> {
    let mut n = None;
    for _ in 0..9 {
        let [d @ b'0'..=b'9', rest @ ..] = *specs else {
            break;
        };
        n = Some(n.unwrap_or(0) * 10 + u32::from(d - b'0'));
        *specs = rest;
    }
    n
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
    fn the_outline_crosses_the_javascript_edge_and_comes_back() {
        let mut b = Builder::new();
        b.paragraph("表三😀\n续");
        b.cell("（一）", 2, false);
        b.cell("1", 1, false);
        b.begin_row();
        b.cell("", 2, true);
        b.next_column(3);
        b.cell("２", 1, false);
        b.end_table();
        b.begin_row();
        b.end_table();
        b.cell("", 1, false);
        b.paragraph("尾");
        let doc = b.finish();
        let outline = doc.outline();
        assert_eq!(outline, "p\n\nt*2;;\nr*2^;3;\nt\nt;\np\n");
        let back = Document::with_outline(doc.text.clone(), &outline);
        assert_eq!(back.as_ref(), Ok(&doc));
        assert_eq!(back.map(|d| d.inconsistency()), Ok(None));
        // The outline holds no text: a cell's text edited, it still reads the row's cells.
        let retyped = Document::with_outline(doc.text.replacen('1', "7", 1), &outline);
        assert!(retyped.is_ok_and(|d| d.blocks == doc.blocks));
        // Lines added or a row's cells split: the text back, to be checked as text (the page
        // sends an outline only with the very text it came with).
        let edited = doc.text.replacen("续", "续\n", 1);
        assert_eq!(
            Document::with_outline(edited.clone(), &outline),
            Err(edited)
        );
        let moved = doc.text.replacen('1', "\t1", 1);
        assert!(Document::with_outline(moved, &outline).is_err());
        for wrong in [
            "p\n",
            "p\n\nt*2;;\n",
            "p\n\nt*2;\nr*2^;3;\nt\nt;\np\n",
            "p\n\nr*2;;\nr*2^;3;\nt\nt;\np\n",
            "p\n\nt*2;;\nr*2^;1;\nt\nt;\np\n",
            "p\n\nt*0;;\nr*2^;3;\nt\nt;\np\n",
            "p\n\nt*2;;\nr*2^;3;\nt\nt;\nx\n",
            "p\n\nt*2;;\nr*2^;99999999999;\nt\nt;\np\n",
            "p\n\nt*2;;\nr*2^;3;\nt\nt;\np\np\n",
        ] {
            assert!(
                Document::with_outline(doc.text.clone(), wrong).is_err(),
                "{wrong}"
            );
        }
        let plain = Document::with_outline("a\nb\n".into(), "p\n\n").expect("no rows");
        assert_eq!(plain.blocks, [Block::Paragraph(Span::new(0, 3))]);
        assert!(Document::with_outline("a\nb".into(), "p\n\n").is_err());
        assert!(Document::with_outline("a\r\tb\n".into(), "t;;\n").is_err());
    }
}
