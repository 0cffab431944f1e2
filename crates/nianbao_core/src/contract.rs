//! Writes a check result as the public result object (`schema: nianbao/1`, see
//! `docs/data-contract.md`). Offsets are bytes inside the core; this is the one place they
//! become UTF-16 code units for JavaScript.

use crate::diagnostic::Severity;
use crate::fingerprint::{fingerprints, Accepted};
use crate::json::JsonWriter;
use crate::naming::CellId;
use crate::report::{Span, Value};
use crate::swar::{splat, zero_bytes};
use crate::Checked;

pub const SCHEMA: &str = "nianbao/1";

/// How offsets and columns are counted in the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionEncoding {
    /// Byte offsets; columns in Unicode characters (the CLI).
    Utf8,
    /// UTF-16 code-unit offsets and columns (what JavaScript strings index by).
    Utf16,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Position {
    offset: u32,
    line: u32,
    column: u32,
}

/// Converts many byte offsets in one pass over the text.
struct Positions {
    sorted: Vec<(u32, Position)>,
}

impl Positions {
    /// Counts over the bytes between consecutive offsets, eight bytes at a time, instead of
    /// decoding every character of the text.
    fn new(source: &str, offsets: Vec<u32>, encoding: PositionEncoding) -> Positions {
        let pairs = offsets.into_iter().map(|o| (o, 0)).collect();
        let mut offsets: Vec<u32> = crate::order::radix_sort_pairs(pairs)
            .into_iter()
            .map(|(o, _)| o)
            .collect();
        offsets.dedup();
        let bytes = source.as_bytes();
        let units = |counts: &ByteCounts, segment: &[u8]| -> u32 {
            match encoding {
                PositionEncoding::Utf8 => segment.len() as u32,
                PositionEncoding::Utf16 => counts.chars + counts.four_byte,
            }
        };
        let columns = |counts: &ByteCounts| -> u32 {
            match encoding {
                PositionEncoding::Utf8 => counts.chars,
                PositionEncoding::Utf16 => counts.chars + counts.four_byte,
            }
        };
        // A line ends at "\n", or at a "\r" not followed by "\n" (looked up past the segment).
        let is_break =
            |i: usize| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        let mut sorted = Vec::with_capacity(offsets.len());
        let (mut byte, mut encoded, mut line, mut column) = (0usize, 0u32, 1u32, 1u32);
        for target in offsets {
            let target = (target as usize).min(source.len());
            let segment = &bytes[byte..target];
            let counts = ByteCounts::of(segment);
            encoded += units(&counts, segment);
            let breaks = counts.newlines
                + if counts.has_cr {
                    (byte..target)
                        .filter(|&i| bytes[i] == b'\r' && is_break(i))
                        .count() as u32
                } else {
                    0
                };
            if breaks == 0 {
                column += columns(&counts);
            } else {
                line += breaks;
                let last = (byte..target).rev().find(|&i| is_break(i)).unwrap_or(byte);
                column = 1 + columns(&ByteCounts::of(&bytes[last + 1..target]));
            }
            byte = target;
            sorted.push((
                target as u32,
                Position {
                    offset: encoded,
                    line,
                    column,
                },
            ));
        }
        Positions { sorted }
    }

    fn get(&self, offset: u32) -> Position {
        match self.sorted.binary_search_by_key(&offset, |(o, _)| *o) {
            Ok(i) => self.sorted[i].1,
            Err(_) => Position::default(),
        }
    }
}

/// What the position counts need to know about a run of UTF-8 bytes.
#[derive(Default)]
struct ByteCounts {
    /// "\n" bytes.
    newlines: u32,
    /// Characters: bytes that do not continue one.
    chars: u32,
    /// 4-byte characters (two UTF-16 units each).
    four_byte: u32,
    /// Whether there is a "\r" (rare: only then are line breaks looked at byte by byte).
    has_cr: bool,
}

impl ByteCounts {
    /// Eight bytes at a time, with exact per-byte tests (no borrow between bytes).
    fn of(bytes: &[u8]) -> ByteCounts {
        const HIGHS: u64 = splat(0x80);
        let mut counts = ByteCounts::default();
        let mut add = |x: u64| {
            counts.newlines += zero_bytes(x ^ splat(b'\n')).count_ones();
            counts.has_cr |= zero_bytes(x ^ splat(b'\r')) != 0;
            // Bit 7 of `x << k` is bit 7 - k of the same byte. A continuation byte is
            // 10xxxxxx; a 4-byte lead is 11110xxx (nothing higher is UTF-8).
            counts.chars += 8 - (x & !(x << 1) & HIGHS).count_ones();
            counts.four_byte += (x & (x << 1) & (x << 2) & (x << 3) & HIGHS).count_ones();
        };
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            add(u64::from_le_bytes([
                w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7],
            ]));
        }
        // The last bytes padded with zeros, which count as characters and nothing else.
        let rest = words.remainder();
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        add(u64::from_le_bytes(last));
        counts.chars -= 8 - rest.len() as u32;
        counts
    }
}

/// The byte offsets whose positions the output prints. UTF-8 offsets are the byte offsets
/// themselves, so then only the starts that get a line and column are needed; a report has
/// hundreds of cells and a few dozen diagnostics.
fn collect_offsets(checked: &Checked, encoding: PositionEncoding) -> Vec<u32> {
    let mut offsets = Vec::new();
    let spans_too = encoding == PositionEncoding::Utf16;
    let mut add = |span: Span, start_needed: bool| {
        if start_needed || spans_too {
            offsets.push(span.start);
        }
        if spans_too {
            offsets.push(span.end);
        }
    };
    for (_, cell) in checked.report.cells.iter() {
        if let Some(cell) = cell {
            add(cell.span, false);
        }
    }
    for section in &checked.report.sections {
        add(section.span, false);
    }
    let years = &checked.report.years;
    for (_, span) in years.title.iter().chain(years.period.iter()) {
        add(*span, true);
    }
    for diagnostic in &checked.diagnostics {
        add(diagnostic.span, true);
        for label in &diagnostic.labels {
            add(label.span, true);
        }
    }
    offsets
}

/// Largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

fn write_value(w: &mut JsonWriter, value: &Value) {
    match value {
        // Beyond ±(2^53 − 1) a JS number is not exact: such a count goes out as a decimal
        // string, like money, so no reader loses a digit.
        Value::Count(n) if n.unsigned_abs() > MAX_SAFE_INTEGER => w.string(&n.to_string()),
        Value::Count(n) => w.number(*n),
        Value::Money(d) | Value::Decimal(d) => w.string(&d.to_string()),
        Value::Placeholder => w.null(),
    }
}

fn text_of(source: &str, span: Span) -> &str {
    source.get(span.range()).unwrap_or("")
}

/// About the length of the result object, so its string is allocated once: a long table's
/// JSON is several times its text, and a string regrown by doubling holds its old buffer
/// beside one twice the size (issue 14). A cell takes at most 96 bytes; a pre-2019 row's
/// first cell its label and some 100 more, with four numbers as long as the text's length;
/// a finding its message four times over and 512 bytes.
fn len_estimate(checked: &Checked, source: &str) -> usize {
    let digits = (source.len() | 1).ilog10() as usize + 1;
    let cells: usize = checked
        .report
        .cells
        .iter()
        .map(|(_, c)| match c.and_then(|c| c.old.as_deref()) {
            Some(old) => 100 + 4 * digits + old.label.len(),
            None => 96,
        })
        .sum();
    let findings: usize = checked
        .diagnostics
        .iter()
        .map(|d| 4 * d.message.len() + 512)
        .sum();
    8 * 1024 + cells + findings
}

/// The result object as a JSON string.
pub fn to_json(checked: &Checked, source: &str, encoding: PositionEncoding) -> String {
    to_json_accepted(checked, source, encoding, &Accepted::default())
}

/// The result object with the reviewer's marks: each marked finding carries `accepted` (its
/// note) and the summary counts the marked findings and the errors left open.
pub fn to_json_accepted(
    checked: &Checked,
    source: &str,
    encoding: PositionEncoding,
    accepted: &Accepted,
) -> String {
    let writer = || JsonWriter::with_capacity(len_estimate(checked, source));
    write_json(writer, checked, source, encoding, accepted)
}

/// [`to_json`] handed to `sink` in pieces of about [`crate::json::SPILL_AT`] bytes, the last
/// piece returned: the whole result is never in memory at once (the wasm's `checkReport`).
pub fn to_json_pieces(
    checked: &Checked,
    source: &str,
    encoding: PositionEncoding,
    sink: &mut dyn FnMut(&str),
) -> String {
    let accepted = Accepted::default();
    write_json(
        move || JsonWriter::into_sink(sink),
        checked,
        source,
        encoding,
        &accepted,
    )
}

/// [`to_json_accepted`] in pieces, as [`to_json_pieces`] (the CLI writes one input's result
/// straight to its output). Not shared with [`to_json_pieces`]: the wasm calls that one, and
/// routing it through this one costs the offline page about 100 bytes (measured), over budget.
pub fn to_json_accepted_pieces(
    checked: &Checked,
    source: &str,
    encoding: PositionEncoding,
    accepted: &Accepted,
    sink: &mut dyn FnMut(&str),
) -> String {
    write_json(
        move || JsonWriter::into_sink(sink),
        checked,
        source,
        encoding,
        accepted,
    )
}

/// The writer is made once the positions are counted: a result sized at once must not be
/// allocated beside the counting's own buffers.
fn write_json<'s>(
    writer: impl FnOnce() -> JsonWriter<'s>,
    checked: &Checked,
    source: &str,
    encoding: PositionEncoding,
    accepted: &Accepted,
) -> String {
    let fingerprints = fingerprints(checked);
    let positions = Positions::new(source, collect_offsets(checked, encoding), encoding);
    let offset = |byte: u32| match encoding {
        PositionEncoding::Utf8 => byte.min(source.len() as u32),
        PositionEncoding::Utf16 => positions.get(byte).offset,
    };
    let span_json = |w: &mut JsonWriter, span: Span| w.span(offset(span.start), offset(span.end));
    let report = &checked.report;
    let mut w = writer();
    w.begin_object();
    w.key("schema");
    w.string(SCHEMA);

    w.key("report");
    w.begin_object();
    w.key("title");
    w.opt_string(report.title.as_deref());
    w.key("agency");
    w.opt_string(report.agency.as_deref());
    w.key("year");
    match report.year {
        Some(y) => w.number(y as i64),
        None => w.null(),
    }
    w.key("format");
    w.string(report.format.as_str());
    w.key("sections");
    w.begin_array();
    for section in &report.sections {
        w.begin_object();
        w.key("number");
        w.number(section.number as i64);
        w.key("title");
        w.string(&section.title);
        w.key("line");
        w.number(section.line as i64);
        w.key("span");
        span_json(&mut w, section.span);
        w.end_object();
    }
    w.end_array();
    // What the notice requires, for the page's checklist: the title's year and where the title
    // is, the statistics period's year and where it is printed, the format the year requires.
    for (key, found) in [
        ("title_year", report.years.title),
        ("period", report.years.period),
    ] {
        w.key(key);
        let Some((year, span)) = found else {
            w.null();
            continue;
        };
        w.begin_object();
        w.key("year");
        w.number(year as i64);
        w.key("span");
        span_json(&mut w, span);
        w.key("line");
        w.number(positions.get(span.start).line as i64);
        w.end_object();
    }
    w.key("required_format");
    match report.year {
        Some(year) => w.string(crate::notice::required_format(year).as_str()),
        None => w.null(),
    }
    // Printed captions of the breakdown tables, by table path prefix ("pct.1").
    w.key("table_captions");
    w.begin_object();
    for (t, caption) in report.pct_captions.iter().enumerate() {
        if let Some(caption) = caption {
            w.key_escaped(&crate::naming::id::percent_table_path(t as u32 + 1));
            w.string(caption);
        }
    }
    w.end_object();
    w.key("cells");
    w.begin_object();
    for (path, cell) in report.cells.iter() {
        w.key_escaped(path);
        let Some(cell) = cell else {
            w.null();
            continue;
        };
        w.begin_object();
        w.key("value");
        write_value(&mut w, &cell.value);
        w.key("text");
        w.string(text_of(source, cell.span));
        w.key("span");
        span_json(&mut w, cell.span);
        w.key("line");
        w.number(cell.line as i64);
        if let Some(old) = &cell.old {
            w.key("label");
            w.string(&old.label);
            w.key("parent");
            let parent = old.parent.map(|n| CellId::old(n).to_string());
            w.opt_string(parent.as_deref());
            w.key("unit");
            w.opt_string(old.unit);
        }
        w.end_object();
        w.spill();
    }
    w.end_object();
    w.end_object();

    w.key("summary");
    w.begin_object();
    w.key("cells_expected");
    w.number(report.cells.len() as i64);
    w.key("cells_read");
    w.number(report.cells.read_count() as i64);
    for (key, severity) in [
        ("errors", Severity::Error),
        ("warnings", Severity::Warning),
        ("infos", Severity::Info),
    ] {
        w.key(key);
        w.number(
            checked
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count() as i64,
        );
    }
    if !accepted.is_empty() {
        let marked = |d: &(&crate::Diagnostic, &String)| accepted.note(d.1).is_some();
        let both = || checked.diagnostics.iter().zip(&fingerprints);
        w.key("accepted");
        w.number(both().filter(marked).count() as i64);
        w.key("open_errors");
        w.number(
            both()
                .filter(|d| d.0.severity == Severity::Error && !marked(d))
                .count() as i64,
        );
    }
    w.end_object();

    w.key("diagnostics");
    w.begin_array();
    for (d, fingerprint) in checked.diagnostics.iter().zip(&fingerprints) {
        let start = positions.get(d.span.start);
        w.begin_object();
        w.key("code");
        w.string(d.code.as_str());
        w.key("fingerprint");
        w.string(fingerprint);
        if let Some(note) = accepted.note(fingerprint) {
            w.key("accepted");
            w.begin_object();
            w.key("note");
            w.string(note);
            w.end_object();
        }
        w.key("severity");
        w.string(d.severity.as_str());
        w.key("message");
        w.string(&d.message);
        w.key("cells");
        w.begin_array();
        for cell in &d.cells {
            w.string(cell);
        }
        w.end_array();
        w.key("expected");
        w.opt_string(d.expected.as_deref());
        w.key("actual");
        w.opt_string(d.actual.as_deref());
        w.key("span");
        span_json(&mut w, d.span);
        w.key("line");
        w.number(start.line as i64);
        w.key("column");
        w.number(start.column as i64);
        w.key("notes");
        w.begin_array();
        for note in &d.notes {
            w.string(note);
        }
        w.end_array();
        w.key("help");
        w.opt_string(d.help.as_deref());
        w.key("labels");
        w.begin_array();
        for label in &d.labels {
            let at = positions.get(label.span.start);
            w.begin_object();
            w.key("span");
            span_json(&mut w, label.span);
            w.key("line");
            w.number(at.line as i64);
            w.key("column");
            w.number(at.column as i64);
            w.key("message");
            w.string(&label.message);
            w.end_object();
        }
        w.end_array();
        w.end_object();
        w.spill();
    }
    w.end_array();

    w.key("repairs");
    w.begin_array();
    for repair in &checked.repairs {
        w.begin_object();
        w.key("changes");
        w.begin_object();
        for (path, value) in &repair.changes {
            w.key_escaped(path);
            w.string(value);
        }
        w.end_object();
        w.end_object();
    }
    w.end_array();
    w.end_object();
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines and columns (in characters) agree with the crate's one line index at every
    /// character of a text mixing CJK, an emoji, TABs and every kind of line break.
    #[test]
    fn positions_agree_with_the_line_index() {
        let source = "\u{feff}表三\r\n（七）总计 0\t1\r2\n\n字a😀\r".repeat(40);
        let index = crate::text::LineIndex::new(&source);
        let offsets: Vec<u32> = source
            .char_indices()
            .map(|(i, _)| i as u32)
            .chain([source.len() as u32])
            .collect();
        let positions = Positions::new(&source, offsets.clone(), PositionEncoding::Utf8);
        for offset in offsets {
            let p = positions.get(offset);
            assert_eq!(
                (p.line, p.column),
                index.line_column(&source, offset as usize),
                "{offset}"
            );
        }
    }

    /// The JSON's string is allocated once, at its estimate: never regrown (issue 14's memory),
    /// for every seed and corpus text, in both encodings, and with a finding marked.
    #[test]
    fn the_json_fits_its_length_estimate() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut texts = 0;
        for dir in ["seeds", "corpus"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let checked = crate::check(&text);
                let fingerprints = fingerprints(&checked);
                let accepted = match fingerprints.first() {
                    Some(fp) => Accepted::parse(&format!("{fp}\t\"已核对\"\\")),
                    None => Accepted::default(),
                };
                for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
                    let bound = len_estimate(&checked, &text);
                    let json = to_json_accepted(&checked, &text, encoding, &accepted);
                    assert!(
                        json.len() <= bound,
                        "{}: {} > {bound}",
                        path.display(),
                        json.len()
                    );
                    assert_eq!(json.capacity(), bound, "{}", path.display());
                }
                texts += 1;
            }
        }
        assert!(texts >= 5, "{texts} texts");
    }

    /// The character-by-character walk the byte counts replaced, kept as the reference.
    fn walk(source: &str, offsets: &[u32], encoding: PositionEncoding) -> Vec<(u32, u32, u32)> {
        let bytes = source.as_bytes();
        let (mut byte, mut encoded, mut line, mut column) = (0usize, 0u32, 1u32, 1u32);
        let mut chars = source.char_indices().peekable();
        let mut out = Vec::new();
        for &target in offsets {
            let target = (target as usize).min(source.len());
            while byte < target {
                let Some((i, c)) = chars.next() else { break };
                byte = i + c.len_utf8();
                let units = match encoding {
                    PositionEncoding::Utf8 => c.len_utf8() as u32,
                    PositionEncoding::Utf16 => c.len_utf16() as u32,
                };
                encoded += units;
                if c == '\n' || (c == '\r' && bytes.get(byte) != Some(&b'\n')) {
                    line += 1;
                    column = 1;
                } else {
                    column += match encoding {
                        PositionEncoding::Utf8 => 1,
                        PositionEncoding::Utf16 => units,
                    };
                }
            }
            out.push((encoded, line, column));
        }
        out
    }

    #[test]
    fn byte_counts_agree_with_walking_the_characters() {
        let texts = [
            "a\r\nb\rc\n\n表１😀\r",
            "\r\r\n\n\u{feff}第一行\n  第二行 😀😀 tab\there\r\n",
            include_str!("../../../tests/fixtures/seeds/000_7a90e1b32b8dd451.txt"),
        ];
        // Long runs of every kind of byte, and Windows line ends throughout.
        let mixed = "\r\r\n\n\u{feff}第一行\n  第二行 😀😀 tab\there\r\n".repeat(9);
        let crlf = texts[2].replace('\n', "\r\n");
        for text in texts.into_iter().chain([mixed.as_str(), crlf.as_str()]) {
            let boundaries: Vec<u32> = text
                .char_indices()
                .map(|(i, _)| i as u32)
                .chain([text.len() as u32])
                .collect();
            for step in [1, 2, 7, 61] {
                let offsets: Vec<u32> = boundaries.iter().copied().step_by(step).collect();
                for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
                    let p = Positions::new(text, offsets.clone(), encoding);
                    let got: Vec<(u32, u32, u32)> = offsets
                        .iter()
                        .map(|&o| p.get(o))
                        .map(|q| (q.offset, q.line, q.column))
                        .collect();
                    assert_eq!(
                        got,
                        walk(text, &offsets, encoding),
                        "step {step}, {encoding:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn utf8_output_prints_byte_offsets_with_walked_lines_and_columns() {
        let text = include_str!("../../../tests/fixtures/seeds/000_7a90e1b32b8dd451.txt");
        let checked = crate::check(text);
        assert!(!checked.diagnostics.is_empty());
        let json = to_json(&checked, text, PositionEncoding::Utf8);
        for d in &checked.diagnostics {
            let (_, line, column) = walk(text, &[d.span.start], PositionEncoding::Utf8)[0];
            let printed = format!(
                "\"span\":[{},{}],\"line\":{line},\"column\":{column}",
                d.span.start, d.span.end
            );
            assert!(json.contains(&printed), "{printed} not in the output");
        }
    }

    #[test]
    fn utf16_positions_count_cjk_full_width_emoji_and_bom() {
        // BOM (3 bytes, 1 unit), 表 (3, 1), １ (3, 1), 😀 (4, 2), newline, 9.
        let text = "\u{feff}表１😀\n9";
        let nine = text.find('9').unwrap() as u32;
        let p = Positions::new(text, vec![0, 3, 6, 9, nine], PositionEncoding::Utf16);
        assert_eq!(p.get(3).offset, 1);
        assert_eq!(p.get(6).offset, 2);
        assert_eq!(p.get(9).offset, 3);
        let at_nine = p.get(nine);
        assert_eq!((at_nine.offset, at_nine.line, at_nine.column), (6, 2, 1));
        let p8 = Positions::new(text, vec![9, nine], PositionEncoding::Utf8);
        assert_eq!(p8.get(9).offset, 9);
        assert_eq!(p8.get(9).column, 4); // BOM, 表, １ are three characters before it
        assert_eq!(p8.get(nine).line, 2);
    }
}
