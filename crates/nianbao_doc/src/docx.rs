//! word/document.xml → blocks. Paragraphs and tables of the body; runs' text (`w:t`), tabs,
//! breaks; tracked changes read as accepted (inserted text counts, deleted text does not);
//! field results without their instructions; content controls' content; `gridSpan` and
//! `vMerge` per cell. Everything else (properties, bookmarks, proofing marks) is ignored.

use crate::markup::{attr, decode_entities, Token, Tokens};
use crate::model::{Block, Cell, Table, MAX_DEPTH};
use crate::numbering::Numbering;

/// What reading met that the user may want to know.
#[derive(Default)]
pub struct Seen {
    pub deleted: bool,
    pub inserted: bool,
    pub nested: bool,
}

fn local(name: &str) -> &str {
    // Names are short: a forward byte scan beats a reverse splitter here.
    match name.bytes().position(|b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// Elements whose whole content is not part of the visible, accepted text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "w:del"
            | "w:moveFrom"
            | "w:delText"
            | "w:instrText"
            | "w:delInstrText"
            | "w:sdtPr"
            | "w:rPr"
            | "w:pPr"
            | "w:tblPr"
            | "w:trPr"
            | "w:sectPr"
            | "mc:Fallback"
            | "w:footnoteReference"
            | "w:commentReference"
    )
}

struct Reader<'a> {
    tokens: Tokens<'a>,
    seen: Seen,
    /// Open complex fields, innermost last: `true` while between `begin` and `separate`
    /// (instruction text, not shown).
    fields: Vec<bool>,
    numbering: Numbering,
}

/// Reads word/document.xml; `numbering` is word/numbering.xml when the file has one.
pub fn read(xml: &str, numbering: Option<&str>) -> (Vec<Block>, Seen) {
    let mut r = Reader {
        tokens: Tokens::new(xml, false),
        seen: Seen::default(),
        fields: Vec::new(),
        numbering: numbering.map(Numbering::parse).unwrap_or_default(),
    };
    let mut blocks = Vec::new();
    r.container(None, &mut blocks, 0);
    (blocks, r.seen)
}

impl Reader<'_> {
    fn shown(&self) -> bool {
        !self.fields.iter().any(|&code| code)
    }

    /// Skips to the end of the element just opened (bounded by the input). Property elements,
    /// most of a document's markup, never contain themselves: one search finds their end.
    fn skip_named(&mut self, name: &str) {
        if matches!(
            name,
            "w:rPr" | "w:pPr" | "w:tblPr" | "w:trPr" | "w:sectPr" | "w:sdtPr"
        ) {
            self.tokens.skip_element(name);
        } else {
            self.skip();
        }
    }

    /// Skips to the end of the element just opened (bounded by the input).
    fn skip(&mut self) {
        let mut depth = 1u32;
        for t in self.tokens.by_ref() {
            match t {
                Token::Start(_, _, false) => depth += 1,
                Token::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// Reads blocks until `</end>` (or the input's end): the body, a cell, a content control,
    /// a text box.
    fn container(&mut self, end: Option<&str>, blocks: &mut Vec<Block>, depth: usize) {
        while let Some(t) = self.tokens.next() {
            match t {
                Token::Start(name, _, true) => {
                    let _ = name;
                }
                Token::Start(name, _, false) => match local(name) {
                    "p" => {
                        let mut text = String::new();
                        let mut after = Vec::new();
                        self.paragraph(&mut text, &mut after, depth);
                        blocks.push(Block::Para(text));
                        blocks.extend(after);
                    }
                    "tbl" => {
                        if depth > 0 {
                            self.seen.nested = true;
                        }
                        let table = self.table(depth + 1);
                        blocks.push(Block::Table(table));
                    }
                    _ if skipped(name) => {
                        self.note_skip(name);
                        self.skip_named(name);
                    }
                    // sdt, sdtContent, body, customXml, ins…: read through.
                    _ => {}
                },
                Token::End(name) => {
                    if Some(name) == end {
                        return;
                    }
                }
                Token::Text(_) => {}
            }
        }
    }

    fn note_skip(&mut self, name: &str) {
        if matches!(name, "w:del" | "w:moveFrom") {
            self.seen.deleted = true;
        }
    }

    /// Text of a paragraph until `</w:p>`, with its runs, tabs and breaks. A paragraph holding
    /// a text box's paragraphs keeps their text in line.
    fn paragraph(&mut self, text: &mut String, after: &mut Vec<Block>, depth: usize) {
        let mut in_t = false;
        let mut nest = 0u32;
        while let Some(t) = self.tokens.next() {
            match t {
                Token::Start(name, attrs, self_closing) => {
                    let l = local(name);
                    if self_closing {
                        match l {
                            "tab" | "ptab" if self.shown() => text.push('\t'),
                            // A page break is not a line of the report.
                            "br" | "cr"
                                if self.shown()
                                    && attr(attrs, "w:type").as_deref() != Some("page") =>
                            {
                                text.push('\n')
                            }
                            "fldChar" => match attr(attrs, "w:fldCharType").as_deref() {
                                Some("begin") if self.fields.len() < 64 => self.fields.push(true),
                                Some("separate") => {
                                    if let Some(top) = self.fields.last_mut() {
                                        *top = false;
                                    }
                                }
                                Some("end") => {
                                    self.fields.pop();
                                }
                                _ => {}
                            },
                            "noBreakHyphen" => text.push('-'),
                            "sym" => {
                                if let Some(c) = attr(attrs, "w:char")
                                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                                    .and_then(char::from_u32)
                                {
                                    text.push(c);
                                }
                            }
                            _ => {}
                        }
                        continue;
                    }
                    if name == "w:pPr" {
                        // Properties, but a list number Word draws is text the user sees.
                        let number = self.paragraph_number();
                        text.push_str(&number);
                        continue;
                    }
                    if skipped(name) {
                        self.note_skip(name);
                        self.skip_named(name);
                        continue;
                    }
                    match l {
                        "t" => in_t = true,
                        "ins" => self.seen.inserted = true,
                        // A table inside a paragraph (text box): its cells' text in line.
                        // A table in a text box: kept as a table, after the paragraph.
                        "tbl" if depth < MAX_DEPTH => {
                            self.seen.nested = true;
                            let table = self.table(depth + 1);
                            after.push(Block::Table(table));
                        }
                        _ => {}
                    }
                    if l == "p" {
                        // A text box's paragraph inside this one: kept apart by a space.
                        nest += 1;
                        if !text.is_empty() && !text.ends_with(' ') {
                            text.push(' ');
                        }
                    }
                }
                Token::End(name) => match local(name) {
                    "t" => in_t = false,
                    "p" => {
                        if nest == 0 {
                            return;
                        }
                        nest -= 1;
                        text.push(' ');
                    }
                    _ => {}
                },
                Token::Text(raw) => {
                    if in_t && self.shown() {
                        decode_entities(raw, text);
                    }
                }
            }
        }
    }

    /// Reads a paragraph's properties up to `</w:pPr>`; its list number, if it has one.
    fn paragraph_number(&mut self) -> String {
        let (mut depth, mut change, mut num_id, mut ilvl) = (1u32, 0u32, None, 0usize);
        for t in self.tokens.by_ref() {
            match t {
                // A tracked change of the properties holds the old ones: not this paragraph's.
                Token::Start("w:pPrChange", _, false) => change += 1,
                Token::End("w:pPrChange") => change = change.saturating_sub(1),
                Token::Start("w:numId", attrs, _) if change == 0 => num_id = attr(attrs, "w:val"),
                Token::Start("w:ilvl", attrs, _) if change == 0 => {
                    ilvl = attr(attrs, "w:val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                }
                Token::Start("w:pPr", _, false) => depth += 1,
                Token::End("w:pPr") => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        match num_id {
            Some(id) if id != "0" => self.numbering.next(&id, ilvl),
            _ => String::new(),
        }
    }

    fn table(&mut self, depth: usize) -> Table {
        let mut table = Table::default();
        while let Some(t) = self.tokens.next() {
            match t {
                Token::Start(name, _, false) => match local(name) {
                    "tr" => {
                        let row = self.row(depth);
                        table.rows.push(row);
                    }
                    _ if skipped(name) => self.skip_named(name),
                    _ => {}
                },
                Token::End(name) if local(name) == "tbl" => break,
                _ => {}
            }
        }
        table
    }

    fn row(&mut self, depth: usize) -> Vec<Cell> {
        let mut cells = Vec::new();
        while let Some(t) = self.tokens.next() {
            match t {
                Token::Start(name, _, false) => match local(name) {
                    "tc" => {
                        let cell = self.cell(name, depth);
                        cells.push(cell);
                    }
                    _ if skipped(name) => {
                        // A deleted row's cells are not part of the table.
                        if name == "w:del" {
                            self.seen.deleted = true;
                        }
                        self.skip()
                    }
                    _ => {}
                },
                Token::End(name) if local(name) == "tr" => break,
                _ => {}
            }
        }
        cells
    }

    fn cell(&mut self, tag: &str, depth: usize) -> Cell {
        let mut cell = Cell {
            span: 1,
            rowspan: 1,
            ..Cell::default()
        };
        // Properties come first; read them, then the content.
        while let Some(t) = self.tokens.next() {
            match t {
                Token::Start(name, attrs, self_closing) => match local(name) {
                    "tcPr" if !self_closing => self.cell_props(&mut cell),
                    "p" if !self_closing => {
                        let mut text = String::new();
                        let mut after = Vec::new();
                        self.paragraph(&mut text, &mut after, depth);
                        cell.blocks.push(Block::Para(text));
                        cell.blocks.extend(after);
                    }
                    "tbl" if !self_closing => {
                        self.seen.nested = true;
                        if depth < MAX_DEPTH {
                            let table = self.table(depth + 1);
                            cell.blocks.push(Block::Table(table));
                        } else {
                            self.skip();
                        }
                    }
                    _ if !self_closing && skipped(name) => {
                        self.note_skip(name);
                        self.skip_named(name)
                    }
                    _ => {
                        let _ = attrs;
                    }
                },
                Token::End(name) if name == tag => break,
                _ => {}
            }
        }
        cell
    }

    fn cell_props(&mut self, cell: &mut Cell) {
        for t in self.tokens.by_ref() {
            match t {
                Token::Start(name, attrs, _) => match local(name) {
                    "gridSpan" => {
                        cell.span = attr(attrs, "w:val")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1)
                            .clamp(1, 1000)
                    }
                    "vMerge" => {
                        cell.continued = attr(attrs, "w:val").as_deref() != Some("restart");
                    }
                    _ => {}
                },
                Token::End(name) if local(name) == "tcPr" => break,
                _ => {}
            }
        }
    }
}

/// Used by the zip-less XML path in tests.
pub fn text_of(xml: &str) -> String {
    let (blocks, _) = read(xml, None);
    let mut out = nianbao_core::document::Builder::new();
    crate::model::write(&blocks, &mut out);
    out.finish().text
}
