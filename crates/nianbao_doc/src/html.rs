//! HTML → blocks: what Word, WPS, Excel and browsers put on the clipboard, saved .html files
//! and portal articles. Tables with `rowspan`/`colspan` (missing end tags forgiven), `<p>` and
//! `<br>` inside cells, `&nbsp;` blanks, Word's `mso-` markup and conditional comments; tables
//! that hold tables are layout frames and are read as their content.

use crate::markup::{attr, decode_entities, Token, Tokens};
use crate::model::{expand_rowspans, Block, Cell, Table, MAX_DEPTH};

enum Frame {
    Doc {
        blocks: Vec<Block>,
        para: String,
    },
    Table {
        table: Table,
        /// Text met inside the table but outside any cell (a caption): shown before it.
        stray: Vec<Block>,
        stray_para: String,
        row_open: bool,
        cell: Option<(Cell, String)>,
    },
}

fn is_block(name: &str) -> bool {
    const BLOCKS: [&str; 32] = [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "dt",
        "dd",
        "dl",
        "hr",
        "center",
        "address",
        "form",
        "nav",
        "main",
        "aside",
        "figure",
        "figcaption",
        "caption",
        "body",
    ];
    BLOCKS.iter().any(|b| name.eq_ignore_ascii_case(b))
}

struct Builder {
    frames: Vec<Frame>,
    /// Tables opened beyond MAX_DEPTH, read as text.
    ignored_tables: usize,
    nested: bool,
}

impl Builder {
    fn para(&mut self) -> Option<&mut String> {
        match self.frames.last_mut()? {
            Frame::Table {
                cell: Some((_, p)), ..
            } => Some(p),
            Frame::Table { stray_para, .. } => Some(stray_para),
            Frame::Doc { para, .. } => Some(para),
        }
    }

    fn break_para(&mut self) {
        let (blocks, para) = match self.frames.last_mut() {
            Some(Frame::Table {
                cell: Some((cell, p)),
                ..
            }) => (&mut cell.blocks, p),
            Some(Frame::Table {
                stray, stray_para, ..
            }) => (stray, stray_para),
            Some(Frame::Doc { blocks, para }) => (blocks, para),
            None => return,
        };
        let text = para.trim_matches(|c: char| c == ' ');
        if !text.is_empty() {
            blocks.push(Block::Para(text.to_string()));
        }
        para.clear();
    }

    fn text(&mut self, raw: &str) {
        let mut decoded = String::new();
        let text = if raw.contains('&') {
            decode_entities(raw, &mut decoded);
            decoded.as_str()
        } else {
            raw
        };
        let Some(para) = self.para() else { return };
        for c in text.chars() {
            // HTML collapses ASCII whitespace; &nbsp; and full-width spaces stay.
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                if !para.is_empty() && !para.ends_with(' ') {
                    para.push(' ');
                }
            } else {
                para.push(c);
            }
        }
    }

    fn close_cell(&mut self) {
        self.break_para();
        if let Some(Frame::Table { table, cell, .. }) = self.frames.last_mut() {
            if let Some((c, _)) = cell.take() {
                if let Some(row) = table.rows.last_mut() {
                    row.push(c);
                }
            }
        }
    }

    fn open_table(&mut self) {
        self.break_para();
        if self.frames.len() > MAX_DEPTH {
            self.ignored_tables += 1;
            return;
        }
        if self.frames.len() > 1 {
            self.nested = true;
        }
        self.frames.push(Frame::Table {
            table: Table::default(),
            stray: Vec::new(),
            stray_para: String::new(),
            row_open: false,
            cell: None,
        });
    }

    fn close_table(&mut self) {
        if self.ignored_tables > 0 {
            self.ignored_tables -= 1;
            return;
        }
        if !matches!(self.frames.last(), Some(Frame::Table { .. })) {
            return;
        }
        self.close_cell();
        self.break_para();
        let Some(Frame::Table {
            mut table, stray, ..
        }) = self.frames.pop()
        else {
            return;
        };
        table.rows.retain(|r| !r.is_empty());
        expand_rowspans(&mut table);
        self.break_para();
        let blocks = match self.frames.last_mut() {
            Some(Frame::Table {
                cell: Some((cell, _)),
                ..
            }) => &mut cell.blocks,
            Some(Frame::Table { stray, .. }) => stray,
            Some(Frame::Doc { blocks, .. }) => blocks,
            None => return,
        };
        blocks.extend(stray);
        blocks.push(Block::Table(table));
    }

    fn start(&mut self, name: &str, attrs: &str) {
        if name.eq_ignore_ascii_case("table") {
            return self.open_table();
        }
        let in_table =
            self.ignored_tables == 0 && matches!(self.frames.last(), Some(Frame::Table { .. }));
        if in_table && name.eq_ignore_ascii_case("tr") {
            self.close_cell();
            if let Some(Frame::Table {
                table, row_open, ..
            }) = self.frames.last_mut()
            {
                table.rows.push(Vec::new());
                *row_open = true;
            }
            return;
        }
        if in_table && (name.eq_ignore_ascii_case("td") || name.eq_ignore_ascii_case("th")) {
            self.close_cell();
            let number = |key| {
                attr(attrs, key)
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000)
            };
            let cell = Cell {
                span: number("colspan"),
                rowspan: number("rowspan"),
                ..Cell::default()
            };
            if let Some(Frame::Table {
                table,
                row_open,
                cell: open,
                ..
            }) = self.frames.last_mut()
            {
                if !*row_open {
                    table.rows.push(Vec::new());
                    *row_open = true;
                }
                *open = Some((cell, String::new()));
            }
            return;
        }
        if is_block(name) {
            self.break_para();
        }
    }

    fn end(&mut self, name: &str) {
        let in_table =
            self.ignored_tables == 0 && matches!(self.frames.last(), Some(Frame::Table { .. }));
        if name.eq_ignore_ascii_case("table") {
            self.close_table();
        } else if in_table && (name.eq_ignore_ascii_case("td") || name.eq_ignore_ascii_case("th")) {
            self.close_cell();
        } else if in_table && name.eq_ignore_ascii_case("tr") {
            self.close_cell();
            if let Some(Frame::Table { row_open, .. }) = self.frames.last_mut() {
                *row_open = false;
            }
        } else if is_block(name) {
            self.break_para();
        }
    }
}

/// Reads HTML into blocks; the bool says whether tables were nested in tables.
pub fn read(html: &str) -> (Vec<Block>, bool) {
    let mut b = Builder {
        frames: vec![Frame::Doc {
            blocks: Vec::new(),
            para: String::new(),
        }],
        ignored_tables: 0,
        nested: false,
    };
    for token in Tokens::new(html, true) {
        match token {
            Token::Start(name, attrs, self_closing) => {
                b.start(name, attrs);
                if self_closing && !name.eq_ignore_ascii_case("br") {
                    b.end(name);
                }
            }
            Token::End(name) => b.end(name),
            Token::Text(raw) => b.text(raw),
        }
    }
    // Unclosed tables end with the input.
    while b.frames.len() > 1 {
        b.close_table();
        if b.ignored_tables > 0 {
            b.ignored_tables = 0;
        }
    }
    b.break_para();
    let nested = b.nested;
    match b.frames.pop() {
        Some(Frame::Doc { blocks, .. }) => (blocks, nested),
        _ => (Vec::new(), nested),
    }
}

/// The charset an HTML file declares (`<meta charset=…>` or `content="…; charset=…"`), or its
/// BOM's, lowercased; `None` when it says nothing. Front ends decode with it before calling
/// `read_html` (the page with TextDecoder, the CLI with encoding_rs).
pub fn sniff_charset(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Some("utf-8".into());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some("utf-16le".into());
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some("utf-16be".into());
    }
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(i) = find_bytes(&lower[from..], b"charset") {
        let mut j = from + i + 7;
        while j < lower.len() && matches!(lower[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let start = j;
        while j < lower.len()
            && (lower[j].is_ascii_alphanumeric() || matches!(lower[j], b'-' | b'_'))
        {
            j += 1;
        }
        if j > start {
            return Some(String::from_utf8_lossy(&lower[start..j]).into_owned());
        }
        from = j.max(from + i + 1);
    }
    None
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
