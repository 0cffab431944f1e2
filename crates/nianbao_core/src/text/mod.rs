//! The input text: line boundaries, per-character normalization and the tokenizer that turns
//! messy copy-pasted text into labels, numbers and cell separators — all with spans into the
//! original bytes.

pub mod chars;
pub mod find;
pub mod keys;
pub mod scan;

/// The one line and column index of a text: byte offsets of every line start, and the
/// characters before regular checkpoints, so a column costs a binary search and a walk of at
/// most [`CHECKPOINT`] bytes — never a rescan of a long line. A line ends at `\n`, `\r\n` or
/// `\r`. The tokenizer records the same line starts as it scans ([`scan::Scan::line_of`]
/// searches them with [`line_number`]); the contract converts many offsets in one sweep and is
/// tested against this index; the CLI renders excerpts with it.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// (byte offset, characters before it) every [`CHECKPOINT`] bytes, at character boundaries.
    chars_before: Vec<(u32, u32)>,
}

/// Bytes between two character-count checkpoints of a [`LineIndex`].
pub const CHECKPOINT: usize = 1024;

/// 1-based line number of a byte offset, given the byte offsets of every line start.
pub fn line_number(starts: &[u32], offset: u32) -> u32 {
    match starts.binary_search(&offset) {
        Ok(i) => i as u32 + 1,
        Err(i) => i as u32,
    }
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i as u32 + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        let mut chars_before = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let (mut at, mut count) = (0, 0);
        while at < text.len() {
            chars_before.push((at as u32, count as u32));
            let next = floor_boundary(text, (at + CHECKPOINT).min(text.len()));
            count += text[at..next].chars().count();
            at = next;
        }
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: u32) -> u32 {
        line_number(&self.starts, offset)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> u32 {
        self.starts[(line.max(1) - 1) as usize]
    }

    /// Byte offset where a 1-based line's break (`\n`, `\r\n` or `\r`) starts in `text` (the
    /// text the index was built from), or its length for the last line.
    pub fn line_end(&self, text: &str, line: u32) -> usize {
        match self.starts.get(line.max(1) as usize) {
            Some(&next) => {
                let next = next as usize;
                if next >= 2 && &text.as_bytes()[next - 2..next] == b"\r\n" {
                    next - 2
                } else {
                    next - 1
                }
            }
            None => text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Characters of `text` (the text the index was built from) before byte `offset`, a
    /// character boundary.
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        let k = self
            .chars_before
            .partition_point(|&(at, _)| at as usize <= offset);
        match k.checked_sub(1) {
            Some(k) => {
                let (at, count) = self.chars_before[k];
                count as usize + text[at as usize..offset].chars().count()
            }
            None => 0,
        }
    }

    /// 1-based line and 1-based character column of a byte offset of `text` (the text the index
    /// was built from; an offset inside a character counts from its start).
    pub fn line_column(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = floor_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset as u32);
        let start = self.line_start(line) as usize;
        let column = self.chars_to(text, offset) - self.chars_to(text, start) + 1;
        (line, column as u32)
    }
}

/// The character boundary at or before `offset`.
pub fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_cr() {
        let index = LineIndex::new("a\r\nb\rc\nd");
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(3), 2);
        assert_eq!(index.line_of(5), 3);
        assert_eq!(index.line_of(7), 4);
        assert_eq!(index.line_start(4), 7);
        assert_eq!(index.line_end("a\r\nb\rc\nd", 1), 1);
        assert_eq!(index.line_end("a\r\nb\rc\nd", 2), 4);
        assert_eq!(index.line_end("a\r\nb\rc\nd", 4), 8);
    }

    /// Columns count characters, across checkpoints, as a rescan from the line start would.
    #[test]
    fn columns_match_a_rescan() {
        let text = "表三\r\n（七）总计 0\t1\r2\n\n字a😀".repeat(60);
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            // A "\r" followed by "\n" is not a break of its own.
            let bytes = text.as_bytes();
            let breaks: Vec<usize> = (0..offset)
                .filter(|&i| {
                    bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                })
                .collect();
            let start = breaks.last().map_or(0, |i| i + 1);
            let line = breaks.len() + 1;
            let column = text[start..offset].chars().count() + 1;
            assert_eq!(
                index.line_column(&text, offset),
                (line as u32, column as u32),
                "{offset}"
            );
        }
    }
}
