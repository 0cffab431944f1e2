//! Finding table rows by their labels and collecting the values printed after them.
//!
//! Label text is read as *chunks*: everything between two runs of values, across line breaks,
//! spaces and empty cells, in canonical form. A row is found when one of its keys occurs in a
//! chunk and only a short label continuation follows the key before the values start — so a
//! label split over lines ("（ 三 ） 不\n予公开") or cut short is found, and a prose sentence
//! that happens to contain the key is not.

use crate::text::keys::KeySet;
use crate::text::scan::{Scan, Token, TokenKind};

/// Longest label continuation (canonical characters) allowed between a key and the values.
pub const MAX_TAIL: usize = 24;

/// Label text between two runs of values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Canonical character range.
    pub canon_start: usize,
    pub canon_end: usize,
    /// First and one-past-last token of the chunk.
    pub first_token: usize,
    pub end_token: usize,
}

/// Splits the token stream into label chunks.
pub fn chunks(scan: &Scan) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut current: Option<Chunk> = None;
    // A text token's canonical characters start where the previous one's end.
    let mut canon_start = 0;
    for (i, token) in scan.tokens.iter().enumerate() {
        match token.kind() {
            TokenKind::Text => {
                let canon_end = scan.canon_end(token);
                let chunk = current.get_or_insert(Chunk {
                    canon_start,
                    canon_end,
                    first_token: i,
                    end_token: i + 1,
                });
                chunk.canon_end = canon_end;
                chunk.end_token = i + 1;
                canon_start = canon_end;
            }
            TokenKind::Blank | TokenKind::LineEnd => {}
            TokenKind::Number | TokenKind::Placeholder => {
                if let Some(chunk) = current.take() {
                    out.push(chunk);
                }
            }
        }
    }
    out.extend(current);
    out
}

/// First occurrence of `key` in `canon[from..to]`.
pub fn find(canon: &[char], key: &str, from: usize, to: usize) -> Option<usize> {
    let mut key_chars = key.chars();
    let first = key_chars.next()?;
    let rest: Vec<char> = key_chars.collect();
    let to = to.min(canon.len());
    let last_start = to.checked_sub(rest.len() + 1)?;
    (from..=last_start).find(|&i| canon[i] == first && canon[i + 1..i + 1 + rest.len()] == rest[..])
}

/// Where a key matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyMatch {
    /// Index of the row in the caller's row list.
    pub row: usize,
    pub canon_start: usize,
    pub canon_end: usize,
}

/// Whether the text between two canonical positions can be part of one label (short, and no
/// sentence ends in it).
pub fn is_label_gap(scan: &Scan, text: &str, from: usize, to: usize) -> bool {
    if to < from || to - from > MAX_TAIL {
        return false;
    }
    if to == from {
        return true;
    }
    let span = scan.canon_span(text, from, to);
    !text[span.range()].contains(['。', '；', ';'])
}

/// The rows whose keys occur in a chunk, in text order, keeping only matches that read as
/// labels: each followed within a short gap by the next match, and the last one by the end
/// of the chunk. Key ids in `keys` are row indices; rows where `wanted(row)` is false are
/// skipped.
pub fn rows_in_chunk(
    scan: &Scan,
    text: &str,
    chunk: &Chunk,
    from_canon: usize,
    keys: &KeySet,
    wanted: impl Fn(usize) -> bool,
) -> Vec<KeyMatch> {
    let start = chunk.canon_start.max(from_canon);
    if start >= chunk.canon_end {
        return Vec::new();
    }
    let mut matches: Vec<KeyMatch> = Vec::new();
    keys.for_each(
        &scan.canon,
        start,
        chunk.canon_end,
        |row, canon_start, canon_end| {
            // Only a row's first occurrence in the chunk counts.
            if wanted(row) && !matches.iter().any(|m| m.row == row) {
                matches.push(KeyMatch {
                    row,
                    canon_start,
                    canon_end,
                });
            }
        },
    );
    crate::order::sort_by_key(&mut matches, |m| {
        (m.canon_start, std::cmp::Reverse(m.canon_end))
    });
    // Overlapping matches (one key inside another row's label): keep the earlier, longer one.
    let mut kept: Vec<KeyMatch> = Vec::with_capacity(matches.len());
    for m in matches {
        if kept.last().is_some_and(|k| m.canon_start < k.canon_end) {
            continue;
        }
        kept.push(m);
    }
    // Walk back from the end of the chunk: a match counts when only a label-like gap separates
    // it from what follows it (the values, or the next accepted label), or when it sits alone
    // on its line (labels printed without numbers, one per line).
    let mut accepted = Vec::with_capacity(kept.len());
    let mut next_start = chunk.canon_end;
    for m in kept.into_iter().rev() {
        if is_label_gap(scan, text, m.canon_end, next_start) || is_label_line(scan, text, &m) {
            next_start = m.canon_start;
            accepted.push(m);
        }
    }
    accepted.reverse();
    accepted
}

/// Canonical characters allowed before a key on a line that holds a label alone.
const MAX_LINE_LEAD: usize = 8;

/// Whether a match is the label of its own line: little text before it on the line, and only
/// a label continuation after it.
fn is_label_line(scan: &Scan, text: &str, m: &KeyMatch) -> bool {
    let start = scan.canon_offsets[m.canon_start] as usize;
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let first = scan
        .canon_offsets
        .partition_point(|&o| (o as usize) < line_start);
    let last = scan
        .canon_offsets
        .partition_point(|&o| (o as usize) < line_end);
    m.canon_start - first <= MAX_LINE_LEAD && is_label_gap(scan, text, m.canon_end, last)
}

/// One value token (a number or a placeholder) or a blank cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawValue {
    /// Token index; for a blank cell the `Blank` token.
    pub token: usize,
}

/// Values printed after a label.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Collected {
    /// Value tokens and blank cells in order, after trimming blank edge cells.
    pub values: Vec<RawValue>,
    /// Token index after the last token consumed.
    pub end: usize,
}

impl Collected {
    pub fn value_count(&self, scan: &Scan) -> usize {
        self.values
            .iter()
            .filter(|v| scan.tokens[v.token].is_value())
            .count()
    }
}

fn is_blank(token: &Token) -> bool {
    token.kind() == TokenKind::Blank
}

/// Collects up to `wanted` values starting at token `from` (just after a label chunk). Values
/// continue onto following lines that hold only values (one number per line layouts); they
/// stop at the next label text. Blank cells count only on a line that also holds the label
/// or at least two values; blank cells at the edges are dropped when there are too many.
pub fn collect_values(scan: &Scan, from: usize, wanted: usize, label_line: u32) -> Collected {
    collect(scan, from, wanted, label_line, false)
}

/// Like [`collect_values`], for a values row printed under a header row (table 四) rather than
/// after its own label: in innerText a line of k TABs before its first value is k empty cells
/// (no label cell precedes them).
pub fn collect_row_values(scan: &Scan, from: usize, wanted: usize, label_line: u32) -> Collected {
    collect(scan, from, wanted, label_line, true)
}

fn collect(scan: &Scan, from: usize, wanted: usize, label_line: u32, row_start: bool) -> Collected {
    let tokens = &scan.tokens;
    let mut values: Vec<RawValue> = Vec::new();
    // Empty cells taken from lines of TABs between values (see below).
    let mut gap_blanks = 0;
    let mut i = from;
    loop {
        // One line's worth.
        let mut line_values: Vec<RawValue> = Vec::new();
        let line = tokens.get(i).map_or(0, |t| scan.line_of_token(t));
        while i < tokens.len() {
            let t = &tokens[i];
            match t.kind() {
                TokenKind::Number | TokenKind::Placeholder | TokenKind::Blank => {
                    line_values.push(RawValue { token: i });
                    i += 1;
                }
                _ => break,
            }
        }
        let count = line_values
            .iter()
            .filter(|v| tokens[v.token].is_value())
            .count();
        let all_blank_row = count == 0 && line == label_line && line_values.len() >= wanted;
        if all_blank_row {
            // "2.其他法律行政法规禁止公开\t\t\t\t\t\t\t": a row of empty cells.
            values.extend(line_values);
            break;
        }
        if count > 0 {
            let keep_blanks = line == label_line || count >= 2;
            if !keep_blanks {
                line_values.retain(|v| !is_blank(&tokens[v.token]));
            }
            values.extend(line_values);
        }
        let have = values.iter().filter(|v| tokens[v.token].is_value()).count() + gap_blanks;
        if have >= wanted || i >= tokens.len() || tokens[i].is_text() {
            break;
        }
        // At a line end: continue only if a following line holds values before any text
        // (blank cells at its start count: they are the row's first cells).
        let mut next_line = i;
        let mut continues = false;
        // Lines of nothing but TABs crossed on the way: a web page's innerText with every
        // cell in its own <p> puts k TABs between two cells when k - 1 cells between them are
        // empty ("71\n\t\n3\n\t\t\t\t\t\n74": 71, 3, four empty cells, 74).
        let mut tab_lines: Vec<(usize, usize)> = Vec::new();
        while next_line < tokens.len() {
            while next_line < tokens.len() && tokens[next_line].kind() == TokenKind::LineEnd {
                next_line += 1;
            }
            let mut k = next_line;
            while k < tokens.len() && tokens[k].kind() == TokenKind::Blank {
                k += 1;
            }
            match tokens.get(k) {
                Some(t) if t.is_value() => {
                    continues = true;
                    break;
                }
                Some(t) if t.kind() == TokenKind::LineEnd => {
                    if k > next_line {
                        tab_lines.push((next_line, k));
                    }
                    next_line = k;
                }
                _ => break,
            }
        }
        if !continues {
            break;
        }
        if let [(first, end)] = tab_lines[..] {
            // k TABs give k + 1 blank fields; at a row's start all k are cells.
            let edges = if row_start && values.is_empty() { 1 } else { 2 };
            let empties = (end - first).saturating_sub(edges);
            if empties > 0 {
                values.extend((first..first + empties).map(|token| RawValue { token }));
                gap_blanks += empties;
            }
        }
        i = next_line;
    }
    trim_blank_edges(scan, &mut values, wanted);
    Collected { values, end: i }
}

fn trim_blank_edges(scan: &Scan, values: &mut Vec<RawValue>, wanted: usize) {
    let blank = |v: &RawValue| is_blank(&scan.tokens[v.token]);
    while values.len() > wanted && values.last().is_some_and(blank) {
        values.pop();
    }
    while values.len() > wanted && values.first().is_some_and(blank) {
        values.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::scan::scan;

    fn canon_of(scan: &Scan, c: &Chunk) -> String {
        scan.canon[c.canon_start..c.canon_end].iter().collect()
    }

    #[test]
    fn chunks_join_labels_split_over_lines() {
        let text =
            "（ 三 ） 不\n\n予公开\n\n1.属于国家秘密 0 0\n2.其他法律行政法规禁止公\n\n开\n\n0 0";
        let s = scan(text);
        let c = chunks(&s);
        assert_eq!(c.len(), 2);
        assert_eq!(canon_of(&s, &c[0]), "三不予公开1属于国家秘密");
        assert_eq!(canon_of(&s, &c[1]), "2其他法律行政法规禁止公开");
    }

    #[test]
    fn prose_mentions_are_not_rows() {
        let text = "对重复申请的处理情况良好，我们认真答复了全部申请。全年 3 件";
        let s = scan(text);
        let c = chunks(&s);
        let keys = KeySet::new([("重复申请", 0)]);
        assert!(rows_in_chunk(&s, text, &c[0], 0, &keys, |_| true).is_empty());
        let text = "2.重复申请 0 0 0 0 0 0 0";
        let s = scan(text);
        let c = chunks(&s);
        assert_eq!(rows_in_chunk(&s, text, &c[0], 0, &keys, |_| true).len(), 1);
    }

    #[test]
    fn values_follow_onto_value_only_lines() {
        let text = "规章 |\n0 |\n0 |\n0 |\n规范性文件 |";
        let s = scan(text);
        let c = chunks(&s);
        let got = collect_values(&s, c[0].end_token, 3, 1);
        assert_eq!(got.value_count(&s), 3);
    }

    #[test]
    fn blank_cells_count_on_the_label_line() {
        let text = "（二）部分公开\t3\t\t\t\t\t\t";
        let s = scan(text);
        let c = chunks(&s);
        let got = collect_values(&s, c[0].end_token, 7, 1);
        assert_eq!(got.values.len(), 7);
        assert_eq!(got.value_count(&s), 1);
        // Leading merged-label cell and trailing tab are dropped when there are nine.
        let text = "一、本年新收\t\t0\t0\t0\t0\t0\t0\t0\t";
        let s = scan(text);
        let c = chunks(&s);
        let got = collect_values(&s, c[0].end_token, 7, 1);
        assert_eq!((got.values.len(), got.value_count(&s)), (7, 7));
    }

    #[test]
    fn inner_text_tab_lines_are_empty_cells() {
        // Chromium innerText of <td><p>…</p></td> cells: 71, 3, four empty cells, 74.
        let text = "一、本年新收\n\n\t\n\n71\n\n\t\n\n3\n\n\t\t\t\t\t\n\n74\n\n\n\n二、上年";
        let s = scan(text);
        let c = chunks(&s);
        let got = collect_values(&s, c[0].end_token, 7, 1);
        assert_eq!((got.values.len(), got.value_count(&s)), (7, 3));
        let blank = |i: usize| s.tokens[got.values[i].token].kind() == TokenKind::Blank;
        assert!(!blank(0) && !blank(1) && (2..6).all(blank) && !blank(6));
    }

    #[test]
    fn inner_text_tab_line_at_a_row_start() {
        // Table 四's values under its header, the first five cells empty: five TABs.
        let text = "总计\n\n\n\t\t\t\t\t\n\n0\n\n\t\n\n1\n";
        let s = scan(text);
        let c = chunks(&s);
        let got = collect_row_values(&s, c[0].end_token, 7, 1);
        assert_eq!((got.values.len(), got.value_count(&s)), (7, 2));
        let after_label = collect_values(&s, c[0].end_token, 7, 1);
        assert_eq!(after_label.values.len(), 6);
    }

    #[test]
    fn values_stop_at_the_next_label() {
        let text = "(五)\t1. 信访举报投诉类申请\t0\t0\t0\t0\t0\t0\n\n不予处理\t2. 重复申请\t0";
        let s = scan(text);
        let c = chunks(&s);
        let got = collect_values(&s, c[0].end_token, 7, 1);
        assert_eq!(got.value_count(&s), 6);
    }
}
