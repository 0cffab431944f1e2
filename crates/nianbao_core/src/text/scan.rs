//! The tokenizer: one pass over the original text turning every line into labels (text),
//! numbers, placeholders and — in TAB- or `|`-separated lines — empty cells, with byte spans
//! into the original. Table readers then work on tokens, never on raw text.
//!
//! What it absorbs so the readers do not have to: CR/LF variants, BOM and zero-width
//! characters, full-width digits and punctuation, Markdown `**`, page footers ("- 9 -") and
//! lone URL lines, signed changes ("-28", "+111", "增 71"), thousands separators, a space
//! after a decimal point ("3929. 08"), units ("万元", "元", "(件)", "%"), list numbers glued to
//! the previous row's digits ("00000002.其他…"), and numbers inside a parenthesised label
//! ("（…计 1 条）").

use super::chars::{self, is_label_char, Norm};
use crate::decimal::Decimal;
use crate::document::{Document, Row};
use crate::report::Span;

/// Unit printed after a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    None,
    Yuan,
    /// 万 or 万元.
    Wan,
    Percent,
    /// 件, (件) and other count units.
    Items,
}

/// A number as printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number {
    /// Exact value; `None` when it does not fit (more than 30 digits).
    pub value: Option<Decimal>,
    pub unit: Unit,
    /// Only ASCII digits (after normalization): no sign, separator, decimal point or unit.
    /// Only such numbers can be cells glued together.
    pub plain: bool,
    /// Number of digits, for plain numbers.
    pub digit_count: u32,
}

impl Number {
    /// The value as a whole count, when it is one.
    pub fn as_count(&self) -> Option<i64> {
        self.value.and_then(Decimal::as_integer)
    }
}

/// What a token is. Its details live elsewhere: a text token's canonical characters end at
/// [`Scan::canon_end`] (and start where the previous text token's end), a number's value is
/// [`Scan::number`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of label text.
    Text,
    /// A number.
    Number,
    /// "/", "—", "-", "无" standing where a number would go.
    Placeholder,
    /// An empty cell between separators of a TAB- or `|`-separated line.
    Blank,
    /// End of a line (also emitted for skipped lines).
    LineEnd,
}

/// One token: 8 bytes, because a dense paste ("1 1 1 …", "1\n1\n…", a line of TABs) has a
/// token per one or two bytes of text and the token array is then most of the checker's
/// memory (issue 14). Where it starts, and one word for its kind and a 29-bit payload: the
/// length of a text, placeholder or number, or a small plain number's length and value. What
/// is not stored is found: a text token's canonical end from [`Scan::canon_offsets`], a
/// number's record by its start, a token's line by the line ends before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    start: u32,
    packed: u32,
}

const KIND_BITS: u32 = 3;
const PAYLOAD_MAX: u32 = u32::MAX >> KIND_BITS;
/// Kind codes; a number is `NUMBER` (its record in [`Scan::numbers`]) or `INLINE`.
const TEXT: u32 = 0;
const NUMBER: u32 = 1;
const PLACEHOLDER: u32 = 2;
const BLANK: u32 = 3;
const LINE_END: u32 = 4;
/// A number that is only ASCII digits (no sign, separator, point or unit), at most 31 of
/// them, with a value under 2^24: its length (5 bits) and value are the payload.
const INLINE: u32 = 5;
const INLINE_VALUE_BITS: u32 = 24;

impl Token {
    fn new(code: u32, payload: u32, start: u32) -> Token {
        Token {
            start,
            packed: (payload.min(PAYLOAD_MAX) << KIND_BITS) | code,
        }
    }

    fn code(&self) -> u32 {
        self.packed & ((1 << KIND_BITS) - 1)
    }

    pub fn kind(&self) -> TokenKind {
        match self.code() {
            TEXT => TokenKind::Text,
            NUMBER | INLINE => TokenKind::Number,
            PLACEHOLDER => TokenKind::Placeholder,
            BLANK => TokenKind::Blank,
            _ => TokenKind::LineEnd,
        }
    }

    fn payload(&self) -> u32 {
        self.packed >> KIND_BITS
    }

    /// Its bytes in the original text (empty for a blank cell or a line end).
    pub fn span(&self) -> Span {
        let len = match self.code() {
            TEXT | NUMBER | PLACEHOLDER => self.payload(),
            INLINE => self.payload() >> INLINE_VALUE_BITS,
            _ => 0,
        };
        Span {
            start: self.start,
            end: self.start + len,
        }
    }

    pub fn is_value(&self) -> bool {
        matches!(self.kind(), TokenKind::Number | TokenKind::Placeholder)
    }

    pub fn is_text(&self) -> bool {
        self.kind() == TokenKind::Text
    }
}

/// A number that is not a small plain digit run, in 16 bytes instead of a [`Number`]'s 64 (a
/// table of percentages has one per 20 bytes of text): a mantissa that fits an `i64`, or the
/// index of the whole `Number` in `Scan::big`.
#[derive(Clone, Copy, Debug)]
struct NumRec {
    mantissa: i64,
    digit_count: u32,
    scale: u8,
    unit: Unit,
    flags: u8,
}

const PLAIN: u8 = 1;
const HAS_VALUE: u8 = 2;
const BIG: u8 = 4;

/// The tokenized text.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    pub tokens: Vec<Token>,
    /// Numbers that are not small plain digit runs (those are kept in their token), and where
    /// each starts (in token order, so a number token finds its record by its start).
    numbers: Vec<NumRec>,
    number_starts: Vec<u32>,
    /// Numbers whose mantissa or scale does not fit a `NumRec`.
    big: Vec<Number>,
    /// Canonical label characters of all text tokens, in order.
    pub canon: Vec<char>,
    /// Original byte offset of each canonical character.
    pub canon_offsets: Vec<u32>,
    /// Bit `i % 64` of word `i / 64` is set when token `i` is a line end; and the line ends
    /// before each word. Every line, skipped or not, ends with one `LineEnd` token, so a
    /// token's line is one more than the line ends before it (0.2 bytes a token, where a
    /// list of line starts took 4 bytes a line).
    line_end_bits: Vec<u64>,
    line_ends_before: Vec<u32>,
}

impl Scan {
    /// The number a token holds.
    pub fn number(&self, token: &Token) -> Option<Number> {
        match token.code() {
            INLINE => {
                let payload = token.payload();
                let value = i64::from(payload & ((1 << INLINE_VALUE_BITS) - 1));
                Some(Number {
                    value: Some(Decimal::from_int(value)),
                    unit: Unit::None,
                    plain: true,
                    digit_count: payload >> INLINE_VALUE_BITS,
                })
            }
            NUMBER => {
                let index = self.number_starts.binary_search(&token.start).ok()?;
                let rec = self.numbers[index];
                if rec.flags & BIG != 0 {
                    return self.big.get(rec.mantissa as usize).copied();
                }
                Some(Number {
                    value: if rec.flags & HAS_VALUE != 0 {
                        Decimal::new(i128::from(rec.mantissa), u32::from(rec.scale))
                    } else {
                        None
                    },
                    unit: rec.unit,
                    plain: rec.flags & PLAIN != 0,
                    digit_count: rec.digit_count,
                })
            }
            _ => None,
        }
    }

    /// One past the last canonical character of a text token (its first is the previous text
    /// token's end, or 0): its canonical characters are those whose original is inside it,
    /// and no other token's are.
    pub fn canon_end(&self, token: &Token) -> usize {
        if token.is_text() {
            let end = token.span().end;
            self.canon_offsets.partition_point(|&o| o < end)
        } else {
            0
        }
    }

    /// Original byte span of canonical characters `start..end`.
    pub fn canon_span(&self, text: &str, start: usize, end: usize) -> Span {
        if start >= end || end > self.canon_offsets.len() {
            let at = self
                .canon_offsets
                .get(start)
                .copied()
                .unwrap_or(text.len() as u32);
            return Span::empty_at(at as usize);
        }
        let first = self.canon_offsets[start] as usize;
        let last = self.canon_offsets[end - 1] as usize;
        let last_len = text[last..].chars().next().map_or(0, char::len_utf8);
        Span::new(first, last + last_len)
    }

    /// Line ends among the first `k` tokens.
    fn line_ends_in(&self, k: usize) -> u32 {
        let (word, bit) = (k / 64, k % 64);
        let (Some(&before), Some(&bits)) = (
            self.line_ends_before.get(word),
            self.line_end_bits.get(word),
        ) else {
            return self.line_ends_before.last().copied().unwrap_or(0);
        };
        before + (bits & ((1u64 << bit) - 1)).count_ones()
    }

    /// 1-based line of a byte offset (of a character, or where an empty token stands; the
    /// `\n` of a `\r\n` break counts to the next line, and no reader asks for it).
    pub fn line_of(&self, offset: u32) -> u32 {
        let k = self.tokens.partition_point(|t| t.start < offset);
        self.line_ends_in(k) + 1
    }

    /// 1-based line of a token.
    pub fn line_of_token(&self, token: &Token) -> u32 {
        self.line_of(token.start)
    }

    /// Byte range of 1-based line `line` in `text` (the text scanned), its line break
    /// included; `None` past the last line.
    pub fn line_range(&self, text: &str, line: u32) -> Option<std::ops::Range<usize>> {
        let start = match line.checked_sub(1)? {
            0 => 0,
            before => self.after_line_end(text, before)?,
        };
        let end = self.after_line_end(text, line).unwrap_or(text.len());
        Some(start..end.max(start))
    }

    /// Where the line after the `n`-th line end (1-based) starts.
    fn after_line_end(&self, text: &str, n: u32) -> Option<usize> {
        // The word holding the n-th line end, then the bit.
        let word = self
            .line_ends_before
            .partition_point(|&b| b < n)
            .checked_sub(1)?;
        let mut bits = self.line_end_bits[word];
        for _ in 1..n - self.line_ends_before[word] {
            bits &= bits - 1;
        }
        if bits == 0 {
            return None;
        }
        let index = word * 64 + bits.trailing_zeros() as usize;
        let at = self.tokens[index].start as usize;
        let bytes = text.as_bytes();
        let crlf = bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n');
        Some((at + if crlf { 2 } else { 1 }).min(text.len()))
    }
}

fn decimal_width(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// Tokenizes a whole text; a row of cells is found from its separators (TAB, `|`).
pub fn scan(text: &str) -> Scan {
    // No rows, through the iterator type a document's rows have: one tokenizer in the wasm.
    scan_rows(text, crate::document::rows_in(&[]))
}

/// Tokenizes a document's text view: a table row's fields are its cells, as the document
/// says (a cell is one field, an empty cell a blank; nothing inside a cell splits it);
/// paragraphs are read as text is.
pub fn scan_document(document: &Document) -> Scan {
    scan_rows(&document.text, document.rows())
}

/// `rows`: the document's table rows in text order (none for plain text).
fn scan_rows<'r>(text: &str, rows: impl Iterator<Item = &'r Row>) -> Scan {
    let (label_estimate, token_estimate) = estimates(text);
    let mut scanner = Scanner {
        text,
        out: Scan {
            tokens: Vec::with_capacity(token_estimate),
            canon: Vec::with_capacity(label_estimate),
            canon_offsets: Vec::with_capacity(label_estimate),
            ..Scan::default()
        },
        window: Vec::with_capacity(256),
        base: 0,
        next: 0,
        keep_all: false,
        last_list: None,
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut rows = rows.peekable();
    loop {
        while rows.next_if(|r| (r.span.start as usize) < start).is_some() {}
        let row = rows.next_if(|r| r.span.start as usize == start);
        let line = scanner.line(start, row);
        let Some(&ending) = bytes.get(line.end) else {
            break;
        };
        let crlf = ending == b'\r' && bytes.get(line.end + 1) == Some(&b'\n');
        start = line.end + if crlf { 2 } else { 1 };
    }
    let mut out = scanner.out;
    // What the readers keep while they work: no spare capacity worth giving back.
    trim(&mut out.tokens);
    trim(&mut out.numbers);
    trim(&mut out.number_starts);
    trim(&mut out.canon);
    trim(&mut out.canon_offsets);
    index_line_ends(&mut out);
    out
}

/// Fills the line-end bits and counts of [`Scan`] from its tokens.
fn index_line_ends(out: &mut Scan) {
    let words = out.tokens.len() / 64 + 1;
    let mut bits: Vec<u64> = Vec::with_capacity(words);
    let mut before = Vec::with_capacity(words);
    let mut count = 0u32;
    // One word more than full words: `line_ends_in` looks one past the last token.
    for (i, token) in out
        .tokens
        .iter()
        .chain([&Token::new(BLANK, 0, 0)])
        .enumerate()
    {
        if i % 64 == 0 {
            before.push(count);
            bits.push(0);
        }
        if token.code() == LINE_END {
            if let Some(word) = bits.last_mut() {
                *word |= 1 << (i % 64);
            }
            count += 1;
        }
    }
    out.line_end_bits = bits;
    out.line_ends_before = before;
}

/// Gives back a vector's spare room when it is more than a sixteenth (a shrink may copy).
fn trim<T>(v: &mut Vec<T>) {
    if v.capacity() - v.len() > v.len() / 16 {
        v.shrink_to_fit();
    }
}

/// Room to set aside, from one pass over the bytes: growing a vector by doubling holds the
/// old and the new buffer at once, and in wasm the old one is never given back for a larger
/// use. Labels are made of ideographs (three-byte characters) and letters, so a dense paste
/// of digits and separators sets none aside for them. Tokens: one per line end, TAB or `|`
/// cell, run of non-spaces, and switch between digits and other characters in a run — about
/// what the tokenizer makes (a little more for prose, where "2017年" is one token).
fn estimates(text: &str) -> (usize, usize) {
    let (mut labels, mut tokens) = (0, 1);
    // "81.48%" and "6,239,795" are one number each.
    let numeric = |b: u8| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'%');
    let mut previous = b' ';
    for &b in text.as_bytes() {
        labels += usize::from(b >= 0xE0 || b.is_ascii_alphabetic());
        let separator = matches!(b, b' ' | b'\t' | b'|' | b'\n' | b'\r');
        tokens += usize::from(matches!(b, b'\t' | b'|' | b'\n'));
        if !separator {
            let was_separator = matches!(previous, b' ' | b'\t' | b'|' | b'\n' | b'\r');
            let switch = !was_separator
                && b & 0xC0 != 0x80
                && numeric(b) != numeric(previous)
                && previous & 0xC0 != 0x80;
            tokens += usize::from(was_separator || switch);
        }
        previous = b;
    }
    // A little over, so that an estimate one short does not double the vector at the end.
    (labels, tokens + tokens / 32 + 16)
}

/// A text token being read: its first character (index in the line, and where its original
/// starts). Its canonical characters begin where the previous text token's end.
#[derive(Clone, Copy)]
struct OpenText {
    start: usize,
    at: u32,
}

/// A normalized character and where its original starts (where the original ends is read
/// back from the text).
#[derive(Clone, Copy, Debug)]
struct Ch {
    c: char,
    start: u32,
}

/// Lines up to this many bytes are normalized once, whole, into the window; a longer line is
/// read into it as it is tokenized, and what is behind is given back.
const SHORT_LINE: usize = 16 * 1024;

struct Scanner<'a> {
    text: &'a str,
    out: Scan,
    /// Normalized characters of the current line from index `base` on. A line of a million
    /// TABs, or "1 1 1 …" pasted as one line, is never held whole (8 bytes a character):
    /// the tokenizer looks back one character and ahead as far as the token it reads.
    window: Vec<Ch>,
    base: usize,
    /// Byte offset of the line's next character not yet in the window.
    next: usize,
    /// Keep the whole line (a document's row: its cells are found by their offsets).
    keep_all: bool,
    /// The last list number read ("2." → 2): the next is expected to be one more, which tells
    /// a value glued to a list number ("次62.政府网站…" = 6, then "2.") from a list number "62.".
    last_list: Option<u64>,
}

/// What a first pass over a line found out about it.
#[derive(Clone, Copy)]
struct Line {
    /// Byte offsets of its first character and of its line break (or the end of the text).
    start: usize,
    end: usize,
    /// Normalized characters.
    len: usize,
    /// Where the original of its last normalized character ends.
    last_end: u32,
    /// The first and last TAB or `|` cell separator: index and character.
    first_sep: Option<(usize, char)>,
    last_sep: Option<(usize, char)>,
    /// Only spaces before the first separator; only spaces after the last.
    blank_before_first: bool,
    blank_after_last: bool,
    /// A page footer or a lone URL line.
    skippable: bool,
}

/// The next normalized character of the line at byte `*at`, which moves past it: invisible
/// characters and Markdown bold markers dropped, odd spaces made plain, full-width made
/// ASCII. `None` at the line's end (`\n`, `\r` or the end of the text; `*at` stays there).
fn next_char(text: &str, at: &mut usize) -> Option<Ch> {
    loop {
        let i = *at;
        let c = text.get(i..)?.chars().next()?;
        let start = i as u32;
        // Ideographs and most ASCII are already normal.
        if chars::is_cjk(c) || c.is_ascii_graphic() && c != '*' && c != '|' {
            *at += c.len_utf8();
            return Some(Ch { c, start });
        }
        match c {
            '\n' | '\r' => return None,
            '*' if text.as_bytes().get(i + 1) == Some(&b'*') => {
                *at += 2;
                continue;
            }
            _ => {}
        }
        *at += c.len_utf8();
        match chars::normalize(c) {
            Norm::Skip => continue,
            Norm::Space => return Some(Ch { c: ' ', start }),
            // Full-width ｜ separates cells too.
            Norm::Char(c) => return Some(Ch { c, start }),
        }
    }
}

impl Scanner<'_> {
    /// Tokenizes the line starting at byte `start`.
    fn line(&mut self, start: usize, row: Option<&Row>) -> Line {
        let cells = row.filter(|r| r.cells.len() > 1);
        self.keep_all = cells.is_some();
        let line = self.survey(start);
        if !line.skippable {
            if let Some(row) = cells {
                self.cells(row, &line);
            } else if line.first_sep.is_some() && row.is_none() {
                self.fields(&line);
            } else {
                self.content(0, line.len);
            }
        }
        self.push(LINE_END, 0, line.end as u32);
        line
    }

    /// Reads a line once: its length, separators and whether it is a footer. A short line
    /// (or a document row) is kept whole in the window; a long one is read again as it is
    /// tokenized.
    fn survey(&mut self, start: usize) -> Line {
        let bytes = &self.text.as_bytes()[start..];
        let short = match bytes
            .iter()
            .take(SHORT_LINE + 1)
            .position(|&b| b == b'\n' || b == b'\r')
        {
            Some(_) => true,
            None => bytes.len() <= SHORT_LINE,
        };
        let fill = short || self.keep_all;
        self.window.clear();
        self.base = 0;
        let mut line = Line {
            start,
            end: start,
            len: 0,
            last_end: start as u32,
            first_sep: None,
            last_sep: None,
            blank_before_first: true,
            blank_after_last: true,
            skippable: false,
        };
        let mut footer = Footer::default();
        let mut spaces_only = true;
        let mut at = start;
        while let Some(ch) = next_char(self.text, &mut at) {
            if fill {
                self.window.push(ch);
            }
            if ch.c != ' ' {
                footer.add(ch.c);
            }
            if ch.c == '\t' || ch.c == '|' {
                if line.first_sep.is_none() {
                    line.first_sep = Some((line.len, ch.c));
                    line.blank_before_first = spaces_only;
                }
                line.last_sep = Some((line.len, ch.c));
                spaces_only = true;
            } else if ch.c != ' ' {
                spaces_only = false;
            }
            line.len += 1;
            line.last_end = at as u32;
        }
        line.blank_after_last = spaces_only;
        line.end = at;
        line.skippable = footer.is_footer();
        self.next = if fill { at } else { start };
        line
    }

    /// Character `j` of the line, read into the window if it is not yet there.
    fn at(&mut self, j: usize) -> Ch {
        while j >= self.base + self.window.len() {
            match next_char(self.text, &mut self.next) {
                Some(ch) => self.window.push(ch),
                None => break,
            }
        }
        // Past the line (never asked for): a space, which ends every token.
        let fallback = Ch {
            c: ' ',
            start: self.next as u32,
        };
        self.window
            .get(j.wrapping_sub(self.base))
            .copied()
            .unwrap_or(fallback)
    }

    /// Characters `from..to` of the line, read into the window.
    fn slice(&mut self, from: usize, to: usize) -> &[Ch] {
        if to > from {
            self.at(to - 1);
        }
        let base = self.base;
        self.window
            .get(from.wrapping_sub(base)..to.wrapping_sub(base))
            .unwrap_or(&[])
    }

    /// Gives back the window's characters before index `j` (in steps, so the rest is moved
    /// rarely).
    fn release(&mut self, j: usize) {
        let k = j.saturating_sub(self.base).min(self.window.len());
        if !self.keep_all && k >= 1024 && 2 * k >= self.window.len() {
            let len = self.window.len();
            self.window.copy_within(k..len, 0);
            self.window.truncate(len - k);
            self.base += k;
        }
    }

    fn push(&mut self, code: u32, payload: u32, start: u32) {
        self.out.tokens.push(Token::new(code, payload, start));
    }

    /// Where the original of character `i` of the line ends.
    fn end(&mut self, i: usize) -> u32 {
        let start = self.at(i).start;
        let len = self.text[start as usize..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        start + len as u32
    }

    /// A number token: small plain digit runs keep their length and value in the token.
    fn push_number(&mut self, number: Number, span: Span) {
        let len = span.end - span.start;
        let ascii_digits = || self.text[span.range()].bytes().all(|b| b.is_ascii_digit());
        if let (true, Some(v)) = (number.plain && number.unit == Unit::None, number.as_count()) {
            if (0..1 << INLINE_VALUE_BITS).contains(&v) && len < 32 && ascii_digits() {
                let payload = (len << INLINE_VALUE_BITS) | v as u32;
                self.push(INLINE, payload, span.start);
                return;
            }
        }
        let plain = if number.plain { PLAIN } else { 0 };
        let small = number
            .value
            .map(Decimal::parts)
            .map(|(m, scale)| (i64::try_from(m).ok(), u8::try_from(scale).ok()));
        let rec = match small {
            Some((Some(mantissa), Some(scale))) => NumRec {
                mantissa,
                digit_count: number.digit_count,
                scale,
                unit: number.unit,
                flags: plain | HAS_VALUE,
            },
            None => NumRec {
                mantissa: 0,
                digit_count: number.digit_count,
                scale: 0,
                unit: number.unit,
                flags: plain,
            },
            Some(_) => {
                self.out.big.push(number);
                NumRec {
                    mantissa: self.out.big.len() as i64 - 1,
                    digit_count: 0,
                    scale: 0,
                    unit: number.unit,
                    flags: BIG,
                }
            }
        };
        self.out.numbers.push(rec);
        self.out.number_starts.push(span.start);
        self.push(NUMBER, len, span.start);
    }

    /// A TAB- or `|`-separated line: each field is a cell; empty fields are blank cells.
    /// A `|` at the very start or end of the line frames the row and is not a cell boundary.
    /// Fields are read one by one, never listed, and a second pass over the line finds where
    /// each ends: a line of a million TABs is a million cells, with one field in the window.
    fn fields(&mut self, line: &Line) {
        let n = line.len;
        let (Some((first_sep, first_c)), Some((last_sep, last_c))) =
            (line.first_sep, line.last_sep)
        else {
            self.content(0, n);
            return;
        };
        let two_fields_only = first_sep == last_sep;
        // Pipe framing: "| a | b |" has an empty first and last field that are not cells.
        let skip_first = first_c == '|' && line.blank_before_first;
        let skip_last = !(two_fields_only && skip_first) && last_c == '|' && line.blank_after_last;
        let mut cursor = (line.start, 0);
        let mut field_start = 0;
        let mut first = true;
        loop {
            let (e, blank, first_at) = self.next_separator(&mut cursor);
            let s = field_start;
            field_start = e + 1;
            let last = e >= n;
            let skip = (first && skip_first) || (last && skip_last);
            first = false;
            // The separator before the field is looked back at; nothing before it is.
            self.release(s.saturating_sub(1));
            if !skip {
                if blank {
                    // Where its first character (or the separator after it) starts.
                    self.push(BLANK, 0, first_at.unwrap_or(line.last_end));
                } else {
                    self.content(s, e);
                }
            }
            if last {
                break;
            }
        }
    }

    /// From `cursor` (a byte offset and character index in the line): the index of the next
    /// TAB or `|` (or the line's length), whether only spaces come before it, and where the
    /// first character read starts (the field's, or the separator's when it is empty). The
    /// cursor moves past it.
    fn next_separator(&self, cursor: &mut (usize, usize)) -> (usize, bool, Option<u32>) {
        let mut blank = true;
        let mut first_at = None;
        while let Some(ch) = next_char(self.text, &mut cursor.0) {
            first_at.get_or_insert(ch.start);
            let i = cursor.1;
            cursor.1 += 1;
            if ch.c == '\t' || ch.c == '|' {
                return (i, blank, first_at);
            }
            blank &= ch.c == ' ';
        }
        (cursor.1, blank, first_at)
    }

    /// A document's table row: each cell is a field, as [`Scanner::fields`] reads a field
    /// between separators (an empty cell is a blank where its text would stand). The whole
    /// line is in the window (`keep_all`).
    fn cells(&mut self, row: &Row, line: &Line) {
        let n = line.len;
        for cell in &row.cells {
            let s = self.window.partition_point(|c| c.start < cell.span.start);
            let e = self.window.partition_point(|c| c.start < cell.span.end);
            if self.window[s..e].iter().all(|c| c.c == ' ') {
                let at = match self.window.get(s) {
                    Some(c) => c.start,
                    None if n > 0 => line.last_end,
                    None => cell.span.start,
                };
                self.push(BLANK, 0, at);
            } else {
                self.content(s, e);
            }
        }
    }

    /// Tokenizes characters `from..to` of the line (a whole line or one field).
    fn content(&mut self, from: usize, to: usize) {
        let mut i = from;
        let mut text: Option<OpenText> = None;
        while i < to {
            // One character is looked back at; an open text keeps where it starts.
            self.release(i.saturating_sub(1));
            let ch = self.at(i);
            // Fast path: most characters are ideographs of labels and prose.
            if chars::is_cjk(ch.c) && !matches!(ch.c, '无' | '增' | '减') {
                text.get_or_insert(OpenText {
                    start: i,
                    at: ch.start,
                });
                self.out.canon.push(ch.c);
                self.out.canon_offsets.push(ch.start);
                i += 1;
                continue;
            }
            if ch.c == ' ' {
                self.flush_text(&mut text, i);
                i += 1;
                continue;
            }
            if ch.c == '(' {
                if let Some(close) = self.closing_paren(i, to) {
                    // A parenthesised remark belongs to the label, digits and all.
                    self.take_text(&mut text, i, close + 1);
                    i = close + 1;
                    continue;
                }
            }
            if let Some(end) = self.placeholder_at(i, to, text.is_none()) {
                self.flush_text(&mut text, i);
                let len = self.end(end - 1) - ch.start;
                self.push(PLACEHOLDER, len, ch.start);
                i = end;
                continue;
            }
            if self.starts_number(i, to) {
                match self.number(i, to) {
                    Lexed::Number { end, number } => {
                        self.flush_text(&mut text, i);
                        let span = Span::new(ch.start as usize, self.end(end - 1) as usize);
                        self.push_number(number, span);
                        i = end;
                        continue;
                    }
                    Lexed::Text { end } => {
                        if let Some(n) = self.list_number(i, end) {
                            self.last_list = Some(n);
                        }
                        self.take_text(&mut text, i, end);
                        i = end;
                        continue;
                    }
                }
            }
            self.take_text(&mut text, i, i + 1);
            i += 1;
        }
        self.flush_text(&mut text, to);
    }

    /// Adds characters `from..to` to the open text token (opening one if needed): their label
    /// characters go to the canonical text as they are passed, not in a second pass.
    fn take_text(&mut self, text: &mut Option<OpenText>, from: usize, to: usize) {
        if text.is_none() {
            let at = self.at(from).start;
            *text = Some(OpenText { start: from, at });
        }
        self.slice(from, to);
        let base = self.base;
        let chars = self
            .window
            .get(from.wrapping_sub(base)..to.wrapping_sub(base))
            .unwrap_or(&[]);
        for ch in chars {
            if is_label_char(ch.c) {
                self.out.canon.push(ch.c);
                self.out.canon_offsets.push(ch.start);
            }
        }
    }

    /// Ends the open text token (if any) before character `end`.
    fn flush_text(&mut self, text: &mut Option<OpenText>, end: usize) {
        let Some(OpenText { start, at }) = text.take() else {
            return;
        };
        if start >= end {
            return;
        }
        let len = self.end(end - 1) - at;
        self.push(TEXT, len, at);
    }

    /// The index of the `)` closing a `(` at `open`, when it comes soon on the same line.
    fn closing_paren(&mut self, open: usize, to: usize) -> Option<usize> {
        let limit = (open + 48).min(to);
        // "(件)" right after a number is a unit, handled by the number lexer.
        (open + 1..limit)
            .find(|&j| self.at(j).c == ')')
            .filter(|&j| j > open + 1)
    }

    /// A placeholder is a standalone "/", "—", "-", "–" (or a run of dashes) or "无".
    fn placeholder_at(&mut self, i: usize, to: usize, after_boundary: bool) -> Option<usize> {
        let is_dash = |c: char| c == '/' || chars::is_dash(c);
        let c = self.at(i).c;
        if !(is_dash(c) || c == '无') {
            return None;
        }
        let separated_before = i == 0 || matches!(self.at(i - 1).c, ' ' | '\t' | '|');
        if !after_boundary || !separated_before {
            return None;
        }
        let mut end = i + 1;
        if c != '无' {
            while end < to && is_dash(self.at(end).c) {
                end += 1;
            }
        }
        let separated_after = end >= to || self.at(end).c == ' ';
        separated_after.then_some(end)
    }

    /// Whether characters `from..to` are the digits of `n`.
    fn digits_equal(&mut self, from: usize, to: usize, n: u64) -> bool {
        let mut value: u64 = 0;
        for ch in self.slice(from, to) {
            let Some(d) = ch.c.to_digit(10) else {
                return false;
            };
            value = value.saturating_mul(10).saturating_add(u64::from(d));
        }
        value == n
    }

    /// The list number of a text run "12." / "3、" lexed at `from..to`.
    fn list_number(&mut self, from: usize, to: usize) -> Option<u64> {
        let (last, digits) = self.slice(from, to).split_last()?;
        if !matches!(last.c, '.' | '、') || digits.is_empty() || digits.len() > 2 {
            return None;
        }
        digits.iter().try_fold(0u64, |v, ch| {
            ch.c.to_digit(10).map(|d| v * 10 + u64::from(d))
        })
    }

    fn digit(&mut self, i: usize, to: usize) -> bool {
        i < to && self.at(i).c.is_ascii_digit()
    }

    fn starts_number(&mut self, i: usize, to: usize) -> bool {
        let c = self.at(i).c;
        if c.is_ascii_digit() {
            return true;
        }
        match c {
            '+' | '-' => self.digit(i + 1, to),
            '增' | '减' => {
                // "增 71" / "减5": a sign word, not "本年增/减" or "增加".
                let mut j = i + 1;
                while j < to && self.at(j).c == ' ' {
                    j += 1;
                }
                // Right after digits it starts the next cell: "154增 71" (crawler text).
                self.digit(j, to)
                    && (i == 0 || {
                        let before = self.at(i - 1).c;
                        !is_label_char(before) || before.is_ascii_digit()
                    })
            }
            _ => false,
        }
    }

    fn number(&mut self, start: usize, to: usize) -> Lexed {
        let mut i = start;
        let mut negative = false;
        let mut plain = true;
        match self.at(i).c {
            '+' | '增' => {
                plain = false;
                i += 1;
            }
            '-' | '减' => {
                plain = false;
                negative = true;
                i += 1;
            }
            _ => {}
        }
        while i < to && self.at(i).c == ' ' {
            i += 1;
        }
        let digits_start = i;
        while self.digit(i, to) {
            i += 1;
        }
        let mut digits_end = i;

        // Dates, ordinals and times are prose: "2020年", "60号", "12月31日".
        let mut k = i;
        while k < to && self.at(k).c == ' ' {
            k += 1;
        }
        if k < to && matches!(self.at(k).c, '年' | '月' | '日' | '号' | '时' | '期' | '届') {
            return Lexed::Text { end: k + 1 };
        }

        // A list number glued to the digits before it: "00000002.其他…", "1、当面…".
        if i < to && matches!(self.at(i).c, '.' | '、') && plain {
            let after = i + 1;
            let next_is_label =
                after < to && is_label_char(self.at(after).c) && !self.digit(after, to)
                    || (self.at(i).c == '.' && after < to && self.at(after).c == ' ' && {
                        let mut j = after;
                        while j < to && self.at(j).c == ' ' {
                            j += 1;
                        }
                        j < to && chars::is_cjk(self.at(j).c)
                    });
            if next_is_label {
                // The list number the previous one leads to ("1." then "…次62." = 6 and
                // "2."), or a new list starting at 1: the rest of the run is a value.
                let run = digits_end - digits_start;
                let expected = [self.last_list.map(|n| n + 1), Some(1)];
                for next in expected.into_iter().flatten() {
                    let width = decimal_width(next);
                    if run > width && self.digits_equal(digits_end - width, digits_end, next) {
                        digits_end -= width;
                        let number = self.make_number(
                            negative,
                            digits_start,
                            digits_end,
                            None,
                            Unit::None,
                            plain,
                        );
                        return Lexed::Number {
                            end: digits_end,
                            number,
                        };
                    }
                    if run == width && self.digits_equal(digits_start, digits_end, next) {
                        return Lexed::Text { end: after };
                    }
                }
                // A short run standing alone is the list number itself ("2.", "10、"); a
                // single digit right after a split-off value is the same list number.
                if digits_end - digits_start <= 2 {
                    return Lexed::Text { end: after };
                }
                // The last digit is the list number; the rest is a value.
                digits_end -= 1;
                let number =
                    self.make_number(negative, digits_start, digits_end, None, Unit::None, plain);
                return Lexed::Number {
                    end: digits_end,
                    number,
                };
            }
        }

        // Thousands separators: "6,239,795".
        while i < to
            && self.at(i).c == ','
            && (1..=3).all(|d| self.digit(i + d, to))
            && !self.digit(i + 4, to)
        {
            plain = false;
            i += 4;
        }
        digits_end = i;

        // Decimal part, allowing a stray space after the point ("3929. 08").
        let mut fraction = None;
        if i < to && self.at(i).c == '.' {
            let mut j = i + 1;
            while j < to && self.at(j).c == ' ' {
                j += 1;
            }
            if self.digit(j, to) {
                let frac_start = j;
                while self.digit(j, to) {
                    j += 1;
                }
                fraction = Some((frac_start, j));
                plain = false;
                i = j;
            }
        }
        let value_end = i;

        // Unit.
        let mut j = i;
        while j < to && self.at(j).c == ' ' {
            j += 1;
        }
        let (unit, end) = self.unit(j, to).unwrap_or((Unit::None, value_end));
        if unit != Unit::None {
            plain = false;
        }
        let number = self.make_number(negative, digits_start, digits_end, fraction, unit, plain);
        Lexed::Number { end, number }
    }

    fn unit(&mut self, j: usize, to: usize) -> Option<(Unit, usize)> {
        let mut at = |k: usize| (k < to).then(|| self.at(k).c);
        match at(j)? {
            '万' if at(j + 1) == Some('元') => Some((Unit::Wan, j + 2)),
            '万' => Some((Unit::Wan, j + 1)),
            '元' => Some((Unit::Yuan, j + 1)),
            '%' => Some((Unit::Percent, j + 1)),
            '件' => Some((Unit::Items, j + 1)),
            '(' if at(j + 1) == Some('件') && at(j + 2) == Some(')') => Some((Unit::Items, j + 3)),
            _ => None,
        }
    }

    fn make_number(
        &mut self,
        negative: bool,
        digits_start: usize,
        digits_end: usize,
        fraction: Option<(usize, usize)>,
        unit: Unit,
        plain: bool,
    ) -> Number {
        let mut mantissa: i128 = 0;
        let mut count = 0u32;
        let mut overflow = false;
        // Both ranges were read into the window by the lexer.
        let (fraction_start, fraction_end) = fraction.unwrap_or((0, 0));
        self.slice(fraction_start, fraction_end);
        self.slice(digits_start, digits_end);
        let base = self.base;
        let window = |from: usize, to: usize| {
            self.window
                .get(from.wrapping_sub(base)..to.wrapping_sub(base))
                .unwrap_or(&[])
        };
        let fraction_chars = window(fraction_start, fraction_end);
        let integer_chars = window(digits_start, digits_end);
        for ch in integer_chars.iter().chain(fraction_chars) {
            let Some(d) = ch.c.to_digit(10) else { continue };
            count += 1;
            match mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(d as i128))
            {
                Some(m) if count <= 30 => mantissa = m,
                _ => overflow = true,
            }
        }
        let integer_digits = integer_chars
            .iter()
            .filter(|c| c.c.is_ascii_digit())
            .count() as u32;
        let scale = count - integer_digits;
        let value = if overflow {
            None
        } else {
            Decimal::new(if negative { -mantissa } else { mantissa }, scale)
        };
        Number {
            value,
            unit,
            plain,
            digit_count: integer_digits,
        }
    }
}

enum Lexed {
    Number { end: usize, number: Number },
    Text { end: usize },
}

/// Whether a line is a page footer ("- 9 -", "第 3 页 共 10 页") or a lone URL, which are not
/// part of the report: fed the line's characters other than spaces, one at a time.
#[derive(Default)]
struct Footer {
    first: Option<char>,
    /// Characters fed.
    count: usize,
    /// After the first: how many, the last, and whether all before the last are digits.
    inner: usize,
    inner_last: Option<char>,
    inner_digits: bool,
    /// "第…页": a 页, and nothing but digits and 第页共/.
    page: bool,
    page_chars: bool,
    /// The first eight, lowercased, and whether any is an ideograph.
    head: [char; 8],
    head_len: usize,
    cjk: bool,
}

impl Footer {
    fn add(&mut self, c: char) {
        let first = *self.first.get_or_insert(c);
        self.count += 1;
        // Only what the first character's kind of footer needs: most lines are none.
        if chars::is_dash(first) {
            if self.count > 1 {
                self.inner_digits = match self.inner_last {
                    Some(last) => self.inner_digits && last.is_ascii_digit(),
                    None => true,
                };
                self.inner_last = Some(c);
                self.inner += 1;
            }
        } else if first == '第' {
            if self.count == 1 {
                self.page_chars = true;
            }
            self.page |= c == '页';
            self.page_chars &= c.is_ascii_digit() || matches!(c, '第' | '页' | '共' | '/');
        } else if matches!(first, 'h' | 'H' | 'w' | 'W') {
            if self.head_len < self.head.len() {
                self.head[self.head_len] = c.to_ascii_lowercase();
                self.head_len += 1;
            }
            self.cjk |= chars::is_cjk(c);
        }
    }

    fn is_footer(&self) -> bool {
        match self.first {
            None => false,
            // "- 9 -"
            Some(c) if chars::is_dash(c) => {
                self.inner >= 2 && self.inner_last.is_some_and(chars::is_dash) && self.inner_digits
            }
            // "第3页" / "第3页共10页"
            Some('第') => self.page && self.page_chars,
            // A lone URL line (no ideographs).
            Some('h' | 'H' | 'w' | 'W') => {
                let head: String = self.head[..self.head_len].iter().collect();
                (head.starts_with("http://")
                    || head.starts_with("https://")
                    || head.starts_with("www."))
                    && !self.cjk
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        let scan = scan(text);
        let mut canon_start = 0;
        scan.tokens
            .iter()
            .map(|t| match t.kind() {
                TokenKind::Text => {
                    let canon_end = scan.canon_end(t);
                    let s: String = scan.canon[canon_start..canon_end].iter().collect();
                    canon_start = canon_end;
                    format!("T:{s}")
                }
                TokenKind::Number => {
                    let n = scan.number(t).unwrap();
                    let v = n.value.map(|v| v.to_string()).unwrap_or_default();
                    let unit = match n.unit {
                        Unit::None => "",
                        Unit::Yuan => "元",
                        Unit::Wan => "万",
                        Unit::Percent => "%",
                        Unit::Items => "件",
                    };
                    if n.plain {
                        format!("N:{}", &text[t.span().range()])
                    } else {
                        format!("N:{v}{unit}*")
                    }
                }
                TokenKind::Placeholder => format!("P:{}", &text[t.span().range()]),
                TokenKind::Blank => "B".to_string(),
                TokenKind::LineEnd => "/".to_string(),
            })
            .collect()
    }

    #[test]
    fn space_separated_row() {
        assert_eq!(
            kinds("行政许可 845 -28 35782"),
            ["T:行政许可", "N:845", "N:-28*", "N:35782", "/"]
        );
        assert_eq!(
            kinds("其他 29 增 18 0"),
            ["T:其他", "N:29", "N:18*", "N:0", "/"]
        );
        // Crawler text glues the sign word to the cell before it.
        assert_eq!(
            kinds("行政许可154增 714567其他"),
            ["T:行政许可", "N:154", "N:714567*", "T:其他", "/"]
        );
    }

    #[test]
    fn glued_list_numbers_follow_the_previous_one() {
        // "1." then "次62.": the list goes on with 2, so 6 is the value.
        let k = kinds("1.参加发布会次数次7其中：主要负责同志参加次数次62.在线访谈次数次9");
        assert!(k.contains(&"N:6".to_string()), "{k:?}");
        assert!(k.contains(&"N:9".to_string()), "{k:?}");
        // "9." then "件310.": the list goes on with 10, so 3 is the value.
        let k = kinds("9.其他件7 件310.其他情形件0");
        assert!(k.contains(&"N:3".to_string()), "{k:?}");
    }

    #[test]
    fn money_forms() {
        assert_eq!(kinds("政府集中采购 468 23083万元")[2], "N:23083万*");
        assert_eq!(kinds("采购 10 6,239,795.00元")[2], "N:6239795元*");
        assert_eq!(
            kinds("政府集中采购\t208\t3929. 08 万元\t")[2],
            "N:3929.08万*"
        );
        assert_eq!(kinds("5\t400.45887 万元")[1], "N:400.45887万*");
    }

    #[test]
    fn tabs_keep_blank_cells() {
        assert_eq!(
            kinds("（一）予以公开\t258\t12\t\t\t1\t1\t"),
            [
                "T:一予以公开",
                "N:258",
                "N:12",
                "B",
                "B",
                "N:1",
                "N:1",
                "B",
                "/"
            ]
        );
    }

    #[test]
    fn pipe_framing_is_not_a_cell() {
        assert_eq!(kinds("0 |"), ["N:0", "/"]);
        assert_eq!(
            kinds("规章 | 0 | 0 | 0 | |"),
            ["T:规章", "N:0", "N:0", "N:0", "B", "/"]
        );
    }

    #[test]
    fn glued_list_numbers_go_with_the_label() {
        assert_eq!(
            kinds("00000002.其他法律"),
            ["N:0000000", "T:2其他法律", "/"]
        );
        assert_eq!(kinds("数条002、网上"), ["T:数条", "N:00", "T:2网上", "/"]);
        assert_eq!(kinds("1.属于国家秘密 0"), ["T:1属于国家秘密", "N:0", "/"]);
        assert_eq!(kinds("5. 属于三类"), ["T:5", "T:属于三类", "/"]);
    }

    #[test]
    fn dates_and_parenthesised_numbers_are_text() {
        assert_eq!(kinds("2020年1月"), ["T:2020年1月", "/"]);
        assert_eq!(
            kinds("政府信息数 （不同渠道计 1 条）\t条\t84655"),
            ["T:政府信息数", "T:不同渠道计1条", "T:条", "N:84655", "/"]
        );
    }

    #[test]
    fn full_width_digits_bold_and_footers() {
        assert_eq!(kinds("**规章** １５"), ["T:规章", "N:１５", "/"]);
        let s = scan("１５");
        assert_eq!(s.number(&s.tokens[0]).unwrap().as_count(), Some(15));
        assert_eq!(kinds("- 9 -\n7"), ["/", "N:7", "/"]);
        assert_eq!(kinds("http://www.tls.gov.cn/"), ["/"]);
    }

    #[test]
    fn placeholders_are_not_numbers() {
        assert_eq!(kinds("规章 / — 无"), ["T:规章", "P:/", "P:—", "P:无", "/"]);
        assert_eq!(kinds("本年增/减"), ["T:本年增减", "/"]);
    }

    /// Numbers come back from their compact storage as the lexer read them: kept in the
    /// token, in a 16-byte record, or whole when the mantissa needs 128 bits.
    #[test]
    fn numbers_survive_compact_storage() {
        let text = "行 7 268435456 007 -28 81.48% 3929.08万元 \
                    123456789012345678901234567890 1234567890123456789012345678901";
        let s = scan(text);
        let got: Vec<(Option<String>, Unit, bool, u32)> = s
            .tokens
            .iter()
            .filter_map(|t| s.number(t))
            .map(|n| {
                (
                    n.value.map(|v| v.to_string()),
                    n.unit,
                    n.plain,
                    n.digit_count,
                )
            })
            .collect();
        let some = |v: &str| Some(v.to_string());
        assert_eq!(
            got,
            [
                (some("7"), Unit::None, true, 1),
                (some("268435456"), Unit::None, true, 9),
                (some("7"), Unit::None, true, 3),
                (some("-28"), Unit::None, false, 2),
                (some("81.48"), Unit::Percent, false, 2),
                (some("3929.08"), Unit::Wan, false, 4),
                (some("123456789012345678901234567890"), Unit::None, true, 30),
                (None, Unit::None, true, 31),
            ]
        );
        // Small plain numbers need no record; the others one each, and one whole Number.
        assert_eq!((s.numbers.len(), s.big.len()), (6, 1));
    }

    #[test]
    fn percent_and_glued_decimal() {
        assert_eq!(kinds("百分比\t81.48%")[1], "N:81.48%*");
        assert_eq!(kinds("收费24252.311082三、收到")[1], "N:24252.311082*");
    }
}
