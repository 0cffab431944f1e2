//! The prose as a stream of normalized characters with their byte spans: whitespace and line
//! breaks dropped (hard-wrapped PDF text joins up again), characters normalized by
//! `text::chars` (full-width forms ASCII, every kind of space a space),
//! Markdown `*` removed. Sentences and clauses are ranges of the stream; numbers carry the
//! unit printed after them.

use crate::report::Span;
use crate::text::chars::{is_cjk, is_space, normalize, Norm};

/// The normalized prose: the characters kept, each by where its original starts in the text
/// (4 bytes a character: the stream holds one per character of the report, so its size is
/// most of the checker's memory on a big paste). The normalized character, where the original
/// ends and whether whitespace came before it are read back from the text when asked.
pub struct Stream<'a> {
    text: &'a str,
    starts: Vec<u32>,
    sentences: Vec<(usize, usize)>,
}

/// What the stream keeps of the text's character `raw`: its normalized form, or nothing.
#[inline]
fn kept(raw: char) -> Option<char> {
    if is_cjk(raw) || raw.is_ascii_graphic() && raw != '*' {
        // Ideographs and ASCII are already normal: most characters stop here.
        return Some(raw);
    }
    // Spaces, line breaks, invisible characters and Markdown `*` are dropped.
    match normalize(raw) {
        Norm::Char(c) if c != '*' && !is_space(c) => Some(c),
        _ => None,
    }
}

impl<'a> Stream<'a> {
    pub fn new(text: &'a str) -> Stream<'a> {
        // Enough for every character kept: growing the vector instead would hold the old and the
        // new buffer at once, and wasm memory never shrinks back. ASCII whitespace is never kept,
        // so it gets no room: a paste that is half spaces ("1 1 1 …") has half the stream.
        let kept_at_most = text
            .bytes()
            .filter(|&b| !b.is_ascii_whitespace() && b & 0xC0 != 0x80)
            .count();
        let mut starts = Vec::with_capacity(kept_at_most);
        let mut sentences = Vec::new();
        let mut sentence_start = 0;
        for (i, raw) in text.char_indices() {
            let Some(c) = kept(raw) else { continue };
            if is_sentence_end(c) {
                if starts.len() > sentence_start {
                    sentences.push((sentence_start, starts.len()));
                }
                sentence_start = starts.len() + 1;
            }
            starts.push(i as u32);
        }
        if starts.len() > sentence_start {
            sentences.push((sentence_start, starts.len()));
        }
        Stream {
            text,
            starts,
            sentences,
        }
    }

    /// How many characters the stream has.
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// Character `i`, normalized (`None` past the end).
    pub fn get(&self, i: usize) -> Option<char> {
        let start = *self.starts.get(i)? as usize;
        kept(self.text.get(start..)?.chars().next()?)
    }

    /// Character `i`, normalized; `i` must be within the stream.
    pub fn c(&self, i: usize) -> char {
        self.get(i).unwrap_or(' ')
    }

    /// Where the original of character `i` starts in the text.
    pub fn start(&self, i: usize) -> u32 {
        self.starts[i]
    }

    pub fn string(&self, from: usize, to: usize) -> String {
        let mut out = String::new();
        self.string_into(from, to, &mut out);
        out
    }

    /// [`Stream::string`] into a buffer that is reused (cleared first).
    pub fn string_into(&self, from: usize, to: usize, out: &mut String) {
        out.clear();
        // Prose is mostly ideographs, three bytes each: one allocation instead of regrowing.
        out.reserve(to.saturating_sub(from) * 3);
        out.extend((from..to).map(|i| self.c(i)));
    }

    /// Whether `word` is printed at `at`, ending within `to` (compared in place, no `String`).
    pub fn word_at(&self, at: usize, to: usize, word: &str) -> bool {
        let mut chars = (at.min(to)..to.min(self.count())).map(|i| self.c(i));
        word.chars().all(|w| chars.next() == Some(w))
    }

    pub fn span(&self, from: usize, to: usize) -> Span {
        if from >= to || to > self.count() {
            let at = self.starts.get(from).copied().unwrap_or(0);
            return Span::new(at as usize, at as usize);
        }
        Span::new(self.starts[from] as usize, self.end(to - 1) as usize)
    }

    /// Where the original of character `i` ends.
    pub fn end(&self, i: usize) -> u32 {
        let start = self.starts[i];
        let original = self
            .text
            .get(start as usize..)
            .and_then(|s| s.chars().next());
        start + original.map_or(0, |c| c.len_utf8() as u32)
    }

    /// Whether whitespace stood between character `i` and the one before it.
    fn spaced_before(&self, i: usize) -> bool {
        let (Some(before), true) = (i.checked_sub(1), i < self.count()) else {
            return false;
        };
        let gap = self
            .text
            .get(self.end(before) as usize..self.starts[i] as usize);
        gap.unwrap_or("").chars().any(is_space)
    }

    /// Sentence ranges, split at 。；！？ (and their ASCII forms): the ranges between them.
    pub fn sentences(&self) -> &[(usize, usize)] {
        &self.sentences
    }
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | ';' | '!' | '?')
}

/// Ranges of the stream's `from..to` between delimiter characters (delimiters excluded, empty
/// ranges dropped).
pub fn split(
    stream: &Stream,
    from: usize,
    to: usize,
    is_delimiter: impl Fn(char) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = from;
    for i in from..to.min(stream.count()) {
        if is_delimiter(stream.c(i)) {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if to > start {
        out.push((start, to));
    }
    out
}

/// Clause delimiters: commas, 、, colons and brackets.
pub fn is_clause_delimiter(c: char) -> bool {
    matches!(
        c,
        ',' | '、' | ':' | '(' | ')' | '“' | '”' | '"' | '《' | '》'
    )
}

/// A whole number printed in the prose, with the unit character after it.
#[derive(Clone, Copy, Debug)]
pub struct Num {
    pub value: i64,
    /// Stream range of the digits.
    pub from: usize,
    pub to: usize,
    /// The unit right after (件, 条, 起, 宗), if any.
    pub unit: Option<char>,
}

pub const UNITS: [char; 4] = ['件', '条', '起', '宗'];

/// Whole numbers in the stream's `from..to`: ASCII digit runs (after normalization) with
/// optional thousands separators; decimals and numbers glued to letters are skipped. Read one
/// at a time: a table read as prose is one long sentence of tens of thousands of numbers.
pub fn numbers<'s>(stream: &'s Stream<'s>, from: usize, to: usize) -> Numbers<'s> {
    Numbers {
        stream,
        at: from,
        to,
    }
}

/// The iterator of [`numbers`].
pub struct Numbers<'s> {
    stream: &'s Stream<'s>,
    at: usize,
    to: usize,
}

impl Iterator for Numbers<'_> {
    type Item = Num;

    fn next(&mut self) -> Option<Num> {
        let (stream, to, mut i) = (self.stream, self.to, self.at);
        let ch = |i: usize| stream.c(i);
        while i < to {
            if !ch(i).is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            // Read as the digits go: at most 12 count, so the value cannot overflow.
            let (mut value, mut digits) = (0i64, 0usize);
            while i < to && ch(i).is_ascii_digit() && (i == start || !stream.spaced_before(i)) {
                if digits < 12 {
                    value = value * 10 + (ch(i) as i64 - '0' as i64);
                }
                digits += 1;
                i += 1;
                // "1,234": a comma followed by exactly three digits.
                if i + 3 < to
                    && ch(i) == ','
                    && (i + 1..=i + 3).all(|j| ch(j).is_ascii_digit())
                    && !(i + 4 < to && ch(i + 4).is_ascii_digit())
                {
                    i += 1;
                }
            }
            let end = i;
            let after = stream.get(end);
            let before = start.checked_sub(1).map(ch);
            let decimal =
                after == Some('.') && stream.get(end + 1).is_some_and(|c| c.is_ascii_digit());
            let fraction = before == Some('.');
            let glued = before.is_some_and(|c| c.is_ascii_alphabetic() || c == '-' || c == '/')
                || after
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '%' || c == '-' || c == '/');
            if decimal {
                // Skip the fraction too.
                i = end + 1;
                while i < to && ch(i).is_ascii_digit() {
                    i += 1;
                }
                continue;
            }
            if fraction || glued || digits > 12 {
                continue;
            }
            self.at = i;
            let unit = after.filter(|c| UNITS.contains(c)).filter(|_| end < to);
            return Some(Num {
                value,
                from: start,
                to: end,
                unit,
            });
        }
        self.at = i;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prose_character_is_read_back_normalized_and_keeps_its_span() {
        let stream = Stream::new("收到 申请１２件𠀀。");
        assert_eq!(stream.string(0, stream.count()), "收到申请12件𠀀。");
        let last = stream.count() - 1;
        let at = |i| (stream.c(i), stream.start(i), stream.end(i));
        assert_eq!(at(last), ('。', 26, 29));
        assert_eq!(at(4), ('1', 13, 16));
        let wide = (0..stream.count()).find(|&i| stream.c(i) == '𠀀').unwrap();
        assert_eq!(stream.end(wide) - stream.start(wide), 4);
        assert_eq!(stream.span(0, stream.count()).end, 29);
        assert_eq!(stream.get(stream.count()), None);
    }

    #[test]
    fn wrapped_text_joins_and_spans_stay_in_the_original() {
        let text = "依法按时办结1件，其中予以公开1件（因部分申请内\n\n容不属于）";
        let s = Stream::new(text);
        let all = s.string(0, s.count());
        assert!(all.contains("申请内容不属于"));
        let nums: Vec<Num> = numbers(&s, 0, s.count()).collect();
        assert_eq!(nums.len(), 2);
        assert_eq!(&text[s.span(nums[0].from, nums[0].to).range()], "1");
        assert_eq!(nums[0].unit, Some('件'));
    }

    #[test]
    fn separated_digits_decimals_and_percentages_are_not_counts() {
        let s = Stream::new("规范性文件 15 15 15，占33.9%，增长2.26%，共1,234件");
        let nums: Vec<i64> = numbers(&s, 0, s.count()).map(|n| n.value).collect();
        assert_eq!(nums, [15, 15, 15, 1234]);
    }

    #[test]
    fn sentences_and_clauses() {
        let s = Stream::new("甲1件，乙2件；丙。丁（戊）");
        let sentences = s.sentences();
        assert_eq!(sentences.len(), 3);
        let clauses = split(&s, sentences[0].0, sentences[0].1, is_clause_delimiter);
        assert_eq!(clauses.len(), 2);
    }
}
